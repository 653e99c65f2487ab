from django.urls import path

from . import views

app_name = "competences"
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("<slug:slug>/", views.PoolView.as_view(), name="pool"),
    path("<slug:slug>/kompetence/ny/", views.CompetenceEditView.as_view(), name="competence_create"),
    path("<slug:slug>/specialist/ny/", views.SpecialistEditView.as_view(), name="specialist_create"),
    path("<slug:slug>/behov/", views.RequestListView.as_view(), name="requests"),
    path("<slug:slug>/behov/nyt/", views.RequestEditView.as_view(), name="request_create"),
    path("<slug:slug>/analyse/", views.AnalysisView.as_view(), name="analysis"),
    path("<slug:slug>/udviklingsplan/ny/", views.ActionEditView.as_view(), name="action_create"),
    path("kompetence/<int:pk>/", views.CompetenceEditView.as_view(), name="competence_edit"),
    path("kompetence/<int:pk>/slet/", views.CompetenceDeleteView.as_view(), name="competence_delete"),
    path("specialist/<int:pk>/", views.SpecialistView.as_view(), name="specialist"),
    path("specialist/<int:pk>/rediger/", views.SpecialistEditView.as_view(), name="specialist_edit"),
    path("specialist/<int:pk>/fjern/", views.SpecialistRemoveView.as_view(), name="specialist_remove"),
    path("specialist/<int:specialist_pk>/<str:kind>/ny/", views.SpecialistPartEditView.as_view(), name="part_create"),
    path("specialist/<int:specialist_pk>/<str:kind>/<int:pk>/", views.SpecialistPartEditView.as_view(),
         name="part_edit"),
    path("specialist/<int:specialist_pk>/<str:kind>/<int:pk>/slet/", views.SpecialistPartDeleteView.as_view(),
         name="part_delete"),
    path("behov/<int:pk>/", views.RequestView.as_view(), name="request"),
    path("behov/<int:pk>/rediger/", views.RequestEditView.as_view(), name="request_edit"),
    path("behov/<int:pk>/tildel/", views.AllocateView.as_view(), name="allocate"),
    path("tildeling/<int:pk>/timer/", views.HoursView.as_view(), name="hours"),  # before the decision pattern
    path("tildeling/<int:pk>/<str:decision>/", views.DecideView.as_view(), name="decide"),
    path("timer/<int:pk>/slet/", views.HoursDeleteView.as_view(), name="hours_delete"),
    path("udviklingsplan/<int:pk>/", views.ActionEditView.as_view(), name="action_edit"),
    path("udviklingsplan/<int:pk>/slet/", views.ActionDeleteView.as_view(), name="action_delete"),
]
