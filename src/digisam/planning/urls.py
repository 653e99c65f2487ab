from django.urls import path

from . import views

app_name = "planning"
urlpatterns = [
    path("", views.IndexView.as_view(), name="index"),
    path("beregninger/<int:pk>/", views.RunDetailView.as_view(), name="run"),
    path("beregninger/<int:pk>/medlem/<str:code>/", views.RunMemberView.as_view(), name="run-member"),
    path("beregninger/<int:pk>/eksport.<str:fmt>", views.RunExportView.as_view(), name="run-export"),
    path("beregninger/<int:pk>/offentliggoer/", views.RunPublishView.as_view(), name="run-publish"),
    path("beregninger/<int:pk>/genberegn/", views.RunReproduceView.as_view(), name="run-reproduce"),
    path("<slug:slug>/", views.CollaborationPlanningView.as_view(), name="collaboration"),
    path("<slug:slug>/sammenlign/", views.CompareView.as_view(), name="compare"),
    path("<slug:slug>/scenarier/nyt/", views.ScenarioEditView.as_view(), name="scenario-create"),
    path("<slug:slug>/scenarier/<int:pk>/", views.ScenarioDetailView.as_view(), name="scenario"),
    path("<slug:slug>/scenarier/<int:pk>/rediger/", views.ScenarioEditView.as_view(), name="scenario-edit"),
    path("<slug:slug>/scenarier/<int:pk>/slet/", views.ScenarioDeleteView.as_view(), name="scenario-delete"),
    path("<slug:slug>/scenarier/<int:pk>/koer/", views.ScenarioRunView.as_view(), name="scenario-run"),
    path("<slug:slug>/fravalg/nyt/", views.OptOutEditView.as_view(), name="optout-create"),
    path("<slug:slug>/fravalg/<int:pk>/", views.OptOutEditView.as_view(), name="optout-edit"),
    path("<slug:slug>/fravalg/<int:pk>/slet/", views.OptOutDeleteView.as_view(), name="optout-delete"),
]
