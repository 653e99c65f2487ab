from django.urls import path

from . import views
from .models import Body, CollaborationDocument, DecisionRule, Membership, Seat

app_name = "collaborations"
urlpatterns = [
    path("", views.CollaborationListView.as_view(), name="list"),
    path("nyt/", views.CollaborationCreateView.as_view(), name="create"),
    path("<slug:slug>/", views.CollaborationDetailView.as_view(), name="detail"),
    path("<slug:slug>/rediger/", views.CollaborationEditView.as_view(), name="edit"),
    path("<slug:slug>/log/", views.CollaborationAuditView.as_view(), name="audit"),
    path("<slug:slug>/medlemmer/nyt/", views.MembershipEditView.as_view(), name="membership_create"),
    path("<slug:slug>/medlemmer/<int:pk>/", views.MembershipEditView.as_view(), name="membership_edit"),
    path("<slug:slug>/medlemmer/ansoeg/", views.MembershipApplyView.as_view(), name="membership_apply"),
    path("<slug:slug>/medlemmer/<int:pk>/<str:transition>/", views.MembershipTransitionView.as_view(),
         name="membership_transition"),
    path("<slug:slug>/medlemmer/<int:pk>/slet/", views.part_delete(Membership), name="membership_delete"),
    path("<slug:slug>/organer/nyt/", views.BodyEditView.as_view(), name="body_create"),
    path("<slug:slug>/organer/<int:pk>/", views.BodyEditView.as_view(), name="body_edit"),
    path("<slug:slug>/organer/<int:pk>/slet/", views.part_delete(Body), name="body_delete"),
    path("<slug:slug>/organer/<int:body>/pladser/ny/", views.SeatEditView.as_view(), name="seat_create"),
    path("<slug:slug>/pladser/<int:pk>/", views.SeatEditView.as_view(), name="seat_edit"),
    path("<slug:slug>/pladser/<int:pk>/slet/", views.part_delete(Seat), name="seat_delete"),
    path("<slug:slug>/regler/ny/", views.DecisionRuleEditView.as_view(), name="rule_create"),
    path("<slug:slug>/regler/<int:pk>/", views.DecisionRuleEditView.as_view(), name="rule_edit"),
    path("<slug:slug>/regler/<int:pk>/slet/", views.part_delete(DecisionRule), name="rule_delete"),
    path("<slug:slug>/dokumenter/nyt/", views.DocumentEditView.as_view(), name="document_create"),
    path("<slug:slug>/dokumenter/<int:pk>/", views.DocumentEditView.as_view(), name="document_edit"),
    path("<slug:slug>/dokumenter/<int:pk>/hent/", views.DocumentDownloadView.as_view(), name="document_download"),
    path("<slug:slug>/dokumenter/<int:pk>/slet/", views.part_delete(CollaborationDocument), name="document_delete"),
]
