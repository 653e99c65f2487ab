"""Django settings for digisam, read from the environment.

Development defaults need no configuration: an SQLite file under ./var. Production is
switched on with DIGISAM_ENV=production, which requires DIGISAM_SECRET_KEY and
DIGISAM_ALLOWED_HOSTS and turns on every hardening `check --deploy` asks for.
See docs/operations.md.
"""

import os
import sys
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from digisam.core.netaddr import parse_networks, public_hosts

PACKAGE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("DIGISAM_VAR_DIR", Path.cwd() / "var")).resolve()

ENVIRONMENT = os.environ.get("DIGISAM_ENV", "development")
PRODUCTION = ENVIRONMENT == "production"
TESTING = os.environ.get("DIGISAM_TESTING") == "1"

# Published in this file, so it protects nothing: only ever used on a loopback address.
DEVELOPMENT_SECRET_KEY = "digisam-development-key-not-for-production-use-0123456789"  # noqa: S105

if PRODUCTION:
    SECRET_KEY = os.environ.get("DIGISAM_SECRET_KEY", "").strip()
    if not SECRET_KEY or SECRET_KEY == DEVELOPMENT_SECRET_KEY:
        raise ImproperlyConfigured(
            "DIGISAM_ENV=production needs DIGISAM_SECRET_KEY: a long random secret of this installation "
            "(e.g. `python3 -c 'import secrets; print(secrets.token_urlsafe(50))'`). digisam does not start without it."
        )
    DEBUG = False
    ALLOWED_HOSTS = [h.strip() for h in os.environ.get("DIGISAM_ALLOWED_HOSTS", "").split(",") if h.strip()]
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured(
            "DIGISAM_ENV=production needs DIGISAM_ALLOWED_HOSTS: the host names digisam answers to, comma-separated."
        )
else:
    # Development only: a fixed key so sessions survive restarts, and only on loopback (below).
    SECRET_KEY = os.environ.get("DIGISAM_SECRET_KEY", "").strip() or DEVELOPMENT_SECRET_KEY
    DEBUG = os.environ.get("DIGISAM_DEBUG", "1") == "1" and not TESTING
    ALLOWED_HOSTS = ["localhost", "127.0.0.1", "[::1]", "testserver"]
    _exposed = public_hosts(sys.argv, os.environ, ALLOWED_HOSTS)
    if _exposed and SECRET_KEY == DEVELOPMENT_SECRET_KEY:
        # Forgetting DIGISAM_ENV=production must not put DEBUG pages and a public key on the network.
        raise ImproperlyConfigured(
            f"digisam refuses to listen on {', '.join(_exposed)} in development mode with the public development "
            "key (and DEBUG on unless DIGISAM_DEBUG=0). Set DIGISAM_ENV=production with DIGISAM_SECRET_KEY and "
            "DIGISAM_ALLOWED_HOSTS (see docs/operations.md), or bind to 127.0.0.1."
        )

CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("DIGISAM_CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "digisam.core",
    "digisam.organisations",
    "digisam.collaborations",
    "digisam.portfolio",
    "digisam.planning",
    "digisam.economy",
    "digisam.initiatives",
    "digisam.operations",
    "digisam.competences",
    "digisam.formation",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "digisam.core.security.LoginThrottleMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "digisam.core.middleware.DanishFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "digisam.core.middleware.AdminOnlyForPlatformAdminsMiddleware",
    "digisam.core.middleware.RequestContextMiddleware",
    "digisam.core.middleware.RejectNulCharactersMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "digisam.urls"
WSGI_APPLICATION = "digisam.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "digisam.core.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'digisam.sqlite3'}"),
        conn_max_age=int(os.environ.get("DIGISAM_DB_CONN_MAX_AGE", "60" if PRODUCTION else "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # The task worker and the web server share the file: wait for locks rather than fail.
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 30

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
FORMS_URLFIELD_ASSUME_HTTPS = True

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "digisam.core.backends.PlatformAdminBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    # Hashing cost is not under test; the real hashers make the suite several times slower.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"

# The client's real address: X-Forwarded-For is believed only from these proxies (addresses or networks,
# comma-separated), read from the right; the first hop that is not a trusted proxy is the client.
DIGISAM_TRUSTED_PROXIES = os.environ.get("DIGISAM_TRUSTED_PROXIES", "")
try:
    parse_networks(DIGISAM_TRUSTED_PROXIES)
except ValueError as _error:
    raise ImproperlyConfigured(f"DIGISAM_TRUSTED_PROXIES: {_error}")
AXES_CLIENT_IP_CALLABLE = "digisam.core.security.client_ip"
# Login throttle (digisam.core.security): attempts per client address and for the whole site per window.
DIGISAM_LOGIN_THROTTLE_WINDOW = int(os.environ.get("DIGISAM_LOGIN_THROTTLE_WINDOW", "60"))
# (The suite logs in far more often than people do: its tests of the throttle set their own limits.)
DIGISAM_LOGIN_THROTTLE_PER_ADDRESS = int(
    os.environ.get("DIGISAM_LOGIN_THROTTLE_PER_ADDRESS", "100000" if TESTING else "30"))
DIGISAM_LOGIN_THROTTLE_GLOBAL = int(os.environ.get("DIGISAM_LOGIN_THROTTLE_GLOBAL", "100000" if TESTING else "600"))

# Lockout: five failed logins for the same user name from the same address lock it for 30 minutes.
AXES_FAILURE_LIMIT = int(os.environ.get("DIGISAM_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.5
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False

LANGUAGE_CODE = "da"
LANGUAGES = [("da", "Dansk"), ("en", "English")]
# The main catalogue first; then one catalogue per area of work in locale_parts/<area>/ (each with
# its own en/LC_MESSAGES/django.po + .mo), so parallel work never edits the same catalogue file.
LOCALE_PATHS = [PACKAGE_DIR / "locale"] + sorted(
    path for path in (PACKAGE_DIR / "locale_parts").glob("*") if path.is_dir()
)
TIME_ZONE = "Europe/Copenhagen"
# Dates as 17.12.2026 in Danish (17 Dec 2026 in English) wherever a date is shown without an explicit format.
FORMAT_MODULE_PATH = ["digisam.formats"]
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
# Uploads (issue 11 hole 7): an import file may be at most DIGISAM_MAX_IMPORT_BYTES; a request whose
# declared body is larger is refused before anything is stored; files over 2.5 MB go to a temporary
# file while uploading, never to memory; non-file form data is capped by Django's own limits.
DIGISAM_MAX_IMPORT_BYTES = int(os.environ.get("DIGISAM_MAX_IMPORT_BYTES", str(20 * 1024 * 1024)))
DIGISAM_MAX_REQUEST_BYTES = 2 * DIGISAM_MAX_IMPORT_BYTES + 64 * 1024
FILE_UPLOAD_HANDLERS = [
    "digisam.core.uploads.RequestSizeLimitHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000
DATA_UPLOAD_MAX_NUMBER_FILES = 10
# KITOS REST API v2 sync (docs/portfolio.md): the endpoint and a KITOS API user's credentials, from the
# environment only. Never shown in the UI, never logged.
KITOS_API_URL = os.environ.get("DIGISAM_KITOS_API_URL", "")
KITOS_API_EMAIL = os.environ.get("DIGISAM_KITOS_API_EMAIL", "")
KITOS_API_PASSWORD = os.environ.get("DIGISAM_KITOS_API_PASSWORD", "")
KITOS_API_TIMEOUT = float(os.environ.get("DIGISAM_KITOS_API_TIMEOUT", "30"))
KITOS_API_BACKOFF = float(os.environ.get("DIGISAM_KITOS_API_BACKOFF", "1"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("DIGISAM_MEDIA_ROOT", VAR_DIR / "media"))
# Uploads: a directory (shared between app servers and workers when there are several: NFS or
# the like), or an S3-compatible object store through django-storages (DIGISAM_STORAGE=s3).
DIGISAM_STORAGE = os.environ.get("DIGISAM_STORAGE", "filesystem")
if DIGISAM_STORAGE == "filesystem":
    _default_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
elif DIGISAM_STORAGE == "s3":
    if not os.environ.get("DIGISAM_S3_BUCKET"):
        raise ImproperlyConfigured("DIGISAM_STORAGE=s3 needs DIGISAM_S3_BUCKET (and credentials, see docs/operations.md).")
    _default_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["DIGISAM_S3_BUCKET"],
            "endpoint_url": os.environ.get("DIGISAM_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("DIGISAM_S3_REGION") or None,
            "access_key": os.environ.get("DIGISAM_S3_ACCESS_KEY") or None,
            "secret_key": os.environ.get("DIGISAM_S3_SECRET_KEY") or None,
            "location": os.environ.get("DIGISAM_S3_PREFIX", ""),
            # Uploads are private: served only through digisam's views, which check the object's policy.
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
else:
    raise ImproperlyConfigured(f"DIGISAM_STORAGE must be 'filesystem' or 's3', not {DIGISAM_STORAGE!r}.")
STORAGES = {
    "default": _default_storage,
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["digisam.core.api_base.ObjectPolicyPermission"],
    "DEFAULT_PAGINATION_CLASS": "digisam.core.api_base.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "digisam.core.api_schema.DocumentedErrorsSchema",
    "EXCEPTION_HANDLER": "digisam.core.api_base.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "digisam API",
    "DESCRIPTION": "REST API for digisam: collaborations, portfolios, plans, economy and decisions. "
    "Token auth: `Authorization: Token <key>`. Same permissions as the web UI.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Several models have a field named "status" with their own choices: name each enum.
    "ENUM_NAME_OVERRIDES": {
        "MembershipStatusEnum": "digisam.collaborations.models.MembershipStatus",
        # Plan runs use the same four states as jobs: one enum serves both.
        "JobStatusEnum": "digisam.core.models.JobStatus",
        "EconomyYearStatusEnum": "digisam.economy.models.YearStatus",
        "InitiativeStatusEnum": "digisam.initiatives.models.InitiativeStatus",
        "ProposalStatusEnum": "digisam.initiatives.models.ProposalStatus",
        "CompetenceLevelEnum": "digisam.competences.choices.Level",
        "StaffingRequestStatusEnum": "digisam.competences.choices.RequestStatus",
        "AllocationStatusEnum": "digisam.competences.choices.AllocationStatus",
        # A collaboration's form and purposes, and a formation's chosen form and purpose: one enum each.
        "OrganisationFormEnum": "digisam.collaborations.models.OrganisationForm",
        "PurposeEnum": "digisam.collaborations.models.Purpose",
    },
}

# Shared state for several app servers: Redis when DIGISAM_REDIS_URL is set, or the database.
REDIS_URL = os.environ.get("DIGISAM_REDIS_URL", "")
DIGISAM_CACHE = os.environ.get("DIGISAM_CACHE", "redis" if REDIS_URL else "local")
if DIGISAM_CACHE == "redis":
    if not REDIS_URL:
        raise ImproperlyConfigured("DIGISAM_CACHE=redis needs DIGISAM_REDIS_URL, e.g. redis://127.0.0.1:6379/0.")
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL,
                          "KEY_PREFIX": "digisam"}}
elif DIGISAM_CACHE == "db":
    # `digisam createcachetable` makes the table (once, after migrate).
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "digisam_cache"}}
elif DIGISAM_CACHE == "local":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
else:
    raise ImproperlyConfigured(f"DIGISAM_CACHE must be 'local', 'db' or 'redis', not {DIGISAM_CACHE!r}.")
# Sessions live in the database (shared by every app server); with a shared cache in front of it.
SESSION_ENGINE = (
    "django.contrib.sessions.backends.db" if DIGISAM_CACHE == "local" else "django.contrib.sessions.backends.cached_db"
)

# Background tasks: the database backend by default (`digisam worker`); `rq` puts the queue on Redis
# (django-tasks-rq; `digisam worker` then runs RQ workers); `immediate` runs them in the request.
DIGISAM_TASKS_BACKEND = os.environ.get("DIGISAM_TASKS_BACKEND", os.environ.get("DIGISAM_TASKS", "database"))
if TESTING and "DIGISAM_TASKS_BACKEND" not in os.environ:
    DIGISAM_TASKS_BACKEND = "immediate"
# A job whose worker has not shown a sign of life for this long is marked failed (core.jobs.fail_abandoned).
DIGISAM_JOB_HEARTBEAT_TIMEOUT = int(os.environ.get("DIGISAM_JOB_HEARTBEAT_TIMEOUT", "120"))
DIGISAM_TASK_TIMEOUT = int(os.environ.get("DIGISAM_TASK_TIMEOUT", "3600"))
if DIGISAM_TASKS_BACKEND == "immediate":
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
elif DIGISAM_TASKS_BACKEND == "database":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
elif DIGISAM_TASKS_BACKEND == "rq":
    if not REDIS_URL:
        raise ImproperlyConfigured("DIGISAM_TASKS_BACKEND=rq needs DIGISAM_REDIS_URL, e.g. redis://127.0.0.1:6379/0.")
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    RQ_QUEUES = {"default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": DIGISAM_TASK_TIMEOUT}}
else:
    raise ImproperlyConfigured(
        f"DIGISAM_TASKS_BACKEND must be 'database', 'rq' or 'immediate', not {DIGISAM_TASKS_BACKEND!r}."
    )
# Notification e-mails: sent by a task after the deciding transaction commits, retried on failure.
DIGISAM_MAIL_ATTEMPTS = int(os.environ.get("DIGISAM_MAIL_ATTEMPTS", "5"))
DIGISAM_MAIL_RETRY_SECONDS = int(os.environ.get("DIGISAM_MAIL_RETRY_SECONDS", "60"))

EMAIL_BACKEND = os.environ.get(
    "DIGISAM_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend" if PRODUCTION else "django.core.mail.backends.console.EmailBackend",
)
DEFAULT_FROM_EMAIL = os.environ.get("DIGISAM_FROM_EMAIL", "digisam@localhost")
EMAIL_HOST = os.environ.get("DIGISAM_EMAIL_HOST", "localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DIGISAM_LOG_LEVEL", "WARNING")},
}

# Content-Security-Policy (django-csp): only digisam's own scripts, styles, fonts and images; no inline
# code, no eval, no framing. htmx is configured by a <meta> tag not to inject styles or evaluate code.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = os.environ.get("DIGISAM_SSL_REDIRECT", "1") == "1"
    # Load balancers probe the health checks over plain HTTP, behind the TLS proxy.
    SECURE_REDIRECT_EXEMPT = [r"^health/"]
    SECURE_HSTS_SECONDS = int(os.environ.get("DIGISAM_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_CONTENT_TYPE_NOSNIFF = True
    X_FRAME_OPTIONS = "DENY"
