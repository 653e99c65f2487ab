from django.urls import path

from . import views

app_name = "operations"
urlpatterns = [
    # Fixed prefixes first: "<slug>/<int:year>/" would otherwise catch "ydelse/<pk>/".
    path("", views.HomeView.as_view(), name="home"),
    path("ydelse/<int:pk>/", views.ServiceDetailView.as_view(), name="service"),
    path("ydelse/<int:pk>/rediger/", views.ServiceEditView.as_view(), name="service_edit"),
    path("ydelse/<int:pk>/slet/", views.ServiceDeleteView.as_view(), name="service_delete"),
    path("ydelse/<int:service_pk>/maal/", views.LevelEditView.as_view(), {"target": True}, name="target_edit"),
    path("ydelse/<int:pk>/maal/beslutning/", views.ProposeTargetView.as_view(), name="propose_target"),
    path("ydelse/<int:service_pk>/niveau/ny/", views.LevelEditView.as_view(), name="level_create"),
    path("niveau/<int:pk>/", views.LevelEditView.as_view(), name="level_edit"),
    path("niveau/<int:pk>/slet/", views.LevelDeleteView.as_view(), name="level_delete"),
    path("support/<int:pk>/", views.SupportView.as_view(), name="support"),
    path("support/<int:pk>/rediger/", views.SupportEditView.as_view(), name="support_edit"),
    path("support/<int:pk>/slet/", views.SupportDeleteView.as_view(), name="support_delete"),
    path("support/<int:arrangement_pk>/forbrug/ny/", views.UsageEditView.as_view(), name="usage_create"),
    path("support/<int:arrangement_pk>/forbrug/<int:pk>/", views.UsageEditView.as_view(), name="usage_edit"),
    path("forbrug/<int:pk>/slet/", views.UsageDeleteView.as_view(), name="usage_delete"),
    path("<slug:slug>/<int:year>/", views.YearView.as_view(), name="year"),
    path("<slug:slug>/<int:year>/ydelse/ny/", views.ServiceEditView.as_view(), name="service_create"),
    path("<slug:slug>/<int:year>/sla/", views.SlaView.as_view(), name="sla"),
    path("<slug:slug>/<int:year>/sla/import/", views.SlaImportView.as_view(), name="sla_import"),
    path("<slug:slug>/<int:year>/sla/import/<int:pk>/slet/", views.SlaImportDeleteView.as_view(),
         name="sla_import_delete"),
    path("<slug:slug>/<int:year>/sla/rapport.<str:fmt>", views.SlaReportView.as_view(), name="sla_report"),
    path("<slug:slug>/<int:year>/support/ny/", views.SupportEditView.as_view(), name="support_create"),
]
