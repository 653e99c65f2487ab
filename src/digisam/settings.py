"""Django settings for digisam, read from the environment.

Development defaults need no configuration: an SQLite file under ./var. Production is
switched on with DIGISAM_ENV=production, which requires DIGISAM_SECRET_KEY and
DIGISAM_ALLOWED_HOSTS and turns on every hardening `check --deploy` asks for.
See docs/operations.md.
"""

import os
from pathlib import Path

import dj_database_url

PACKAGE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("DIGISAM_VAR_DIR", Path.cwd() / "var")).resolve()

ENVIRONMENT = os.environ.get("DIGISAM_ENV", "development")
PRODUCTION = ENVIRONMENT == "production"
TESTING = os.environ.get("DIGISAM_TESTING") == "1"

if PRODUCTION:
    SECRET_KEY = os.environ["DIGISAM_SECRET_KEY"]
    DEBUG = False
    ALLOWED_HOSTS = [h.strip() for h in os.environ["DIGISAM_ALLOWED_HOSTS"].split(",") if h.strip()]
else:
    # Development only: a fixed key so sessions survive restarts. Production refuses to start without one.
    SECRET_KEY = os.environ.get("DIGISAM_SECRET_KEY", "digisam-development-key-not-for-production-use-0123456789")
    DEBUG = os.environ.get("DIGISAM_DEBUG", "1") == "1" and not TESTING
    ALLOWED_HOSTS = ["localhost", "127.0.0.1", "[::1]", "testserver"]

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
    "django_tasks",
    "django_tasks_db",
    "digisam.core",
    "digisam.organisations",
    "digisam.collaborations",
    "digisam.portfolio",
    "digisam.planning",
    "digisam.economy",
    "digisam.initiatives",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
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
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
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
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
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
    },
}

TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend"
        if TESTING or os.environ.get("DIGISAM_TASKS") == "immediate"
        else "django_tasks_db.DatabaseBackend"
    }
}

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

if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = os.environ.get("DIGISAM_SSL_REDIRECT", "1") == "1"
    SECURE_HSTS_SECONDS = int(os.environ.get("DIGISAM_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_CONTENT_TYPE_NOSNIFF = True
    X_FRAME_OPTIONS = "DENY"
