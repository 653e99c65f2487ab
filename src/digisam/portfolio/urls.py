from django.urls import path

from . import views

app_name = "portfolio"
urlpatterns = [
    path("", views.IndexView.as_view(), name="index"),
    path("skabelon.<str:fmt>", views.TemplateDownloadView.as_view(), name="template"),
    path("kommune/<str:code>/", views.MunicipalityView.as_view(), name="municipality"),
    path("kommune/<str:code>/deling/", views.SharingView.as_view(), name="sharing"),
    path("kommune/<str:code>/import/", views.ImportView.as_view(), name="import"),
    path("kommune/<str:code>/kitos/", views.KitosSyncView.as_view(), name="kitos-sync"),
    path("kommune/<str:code>/systemer/ny/", views.UsageEditView.as_view(), name="usage-create"),
    path("kommune/<str:code>/kontrakter/ny/", views.ContractEditView.as_view(), name="contract-create"),
    path("systemer/<int:pk>/", views.UsageEditView.as_view(), name="usage-edit"),
    path("systemer/<int:pk>/slet/", views.UsageDeleteView.as_view(), name="usage-delete"),
    path("kontrakter/<int:pk>/", views.ContractDetailView.as_view(), name="contract-detail"),
    path("kontrakter/<int:pk>/rediger/", views.ContractEditView.as_view(), name="contract-edit"),
    path("kontrakter/<int:pk>/slet/", views.ContractDeleteView.as_view(), name="contract-delete"),
    path("import/<int:pk>/", views.ImportReviewView.as_view(), name="import-review"),
    path("import/<int:pk>/kategorier/", views.ImportCategoriesView.as_view(), name="import-categories"),
    path("leverandoerer/", views.VendorListView.as_view(), name="vendors"),
    path("samarbejde/<slug:slug>/", views.HarmonisationView.as_view(), name="harmonisation"),
    path("samarbejde/<slug:slug>/maal/", views.TargetEditView.as_view(), name="target"),
    path("samarbejde/<slug:slug>/aktualitet/", views.FreshnessView.as_view(), name="freshness"),
]
