from importlib import import_module

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.i18n import set_language

from digisam.core import files as core_files
from digisam.core import views as core_views

urlpatterns = [
    path("", core_views.DashboardView.as_view(), name="dashboard"),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("sprog/", set_language, name="set_language"),
    path("health/", core_views.health, name="health"),
    path("health/ready/", core_views.health_ready, name="health-ready"),
    path("samarbejder/", include("digisam.collaborations.urls")),
    path("organisationer/", include("digisam.organisations.urls")),
    path("log/", core_views.AuditLogView.as_view(), name="audit-log"),
    path("log/<str:app_label>/<str:model_name>/<int:pk>/", core_views.ObjectAuditView.as_view(), name="object-audit"),
    path("arkiv/<str:app_label>/<str:model_name>/<int:pk>/arkiver/", core_views.ArchiveView.as_view(), name="archive"),
    path("arkiv/<str:app_label>/<str:model_name>/<int:pk>/gendan/", core_views.ArchiveView.as_view(restore=True),
         name="unarchive"),
    path("job/", core_views.JobListView.as_view(), name="job-list"),
    path("job/<int:pk>/", core_views.JobDetailView.as_view(), name="job-detail"),
    path("filer/<str:app_label>/<str:model_name>/<int:pk>/<str:field_name>/", core_files.FileDownloadView.as_view(),
         name="file-download"),
    path("api/", include("digisam.api_urls")),
    path("admin/", admin.site.urls),
]

# Domain apps with pages mount them at their own prefix.
for app, prefix in (("portfolio", "portefoelje/"), ("planning", "udbudsplan/"), ("economy", "oekonomi/"),
                    ("initiatives", "initiativer/"), ("operations", "drift/"),
                    ("competences", "kompetencer/"), ("formation", "etablering/")):
    try:
        import_module(f"digisam.{app}.urls")
    except ModuleNotFoundError as error:
        if error.name != f"digisam.{app}.urls":
            raise
        continue
    urlpatterns.append(path(prefix, include(f"digisam.{app}.urls")))

