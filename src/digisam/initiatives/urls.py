from django.urls import path

from . import forms, views
from .models import (
    ActionItem,
    Benefit,
    BenefitExpectation,
    BenefitRealisation,
    BudgetLine,
    BusinessCaseLine,
    ForumPosition,
    Gate,
    MapElement,
    ProposalDocument,
)

app_name = "initiatives"

benefit_view = views.part_view(Benefit, forms.BenefitForm, "#benefits")
budget_view = views.part_view(BudgetLine, forms.BudgetLineForm, "#budget")
expectation_view = views.part_view(BenefitExpectation, forms.BenefitExpectationForm, "#benefits",
                                   parent_model=Benefit, parent_kwarg="benefit", parent_field="benefit")
realisation_view = views.part_view(BenefitRealisation, forms.BenefitRealisationForm, "#benefits",
                                   parent_model=Benefit, parent_kwarg="benefit", parent_field="benefit")

urlpatterns = [
    path("", views.InitiativeIndexView.as_view(), name="index"),
    path("notifikationer/", views.NotificationListView.as_view(), name="notifications"),
    path("notifikationer/<int:pk>/laest/", views.NotificationReadView.as_view(), name="notification_read"),
    # initiatives
    path("i/<int:pk>/", views.InitiativeDetailView.as_view(), name="detail"),
    path("i/<int:pk>/rediger/", views.InitiativeEditView.as_view(), name="edit"),
    path("i/<int:initiative>/gevinster/ny/", benefit_view, name="benefit_create"),
    path("i/<int:initiative>/gevinster/<int:pk>/", benefit_view, name="benefit_edit"),
    path("gevinster/<int:pk>/slet/", views.part_delete(Benefit), name="benefit_delete"),
    path("gevinster/<int:benefit>/forventning/ny/", expectation_view, name="expectation_create"),
    path("gevinster/<int:benefit>/forventning/<int:pk>/", expectation_view, name="expectation_edit"),
    path("gevinster/<int:benefit>/realiseret/ny/", realisation_view, name="realisation_create"),
    path("gevinster/<int:benefit>/realiseret/<int:pk>/", realisation_view, name="realisation_edit"),
    path("i/<int:initiative>/budget/ny/", budget_view, name="budget_create"),
    path("i/<int:initiative>/budget/<int:pk>/", budget_view, name="budget_edit"),
    path("budget/<int:pk>/slet/", views.part_delete(BudgetLine), name="budget_delete"),
    path("i/<int:initiative>/gevinstkort/nyt/", views.MapElementEditView.as_view(), name="map_create"),
    path("i/<int:initiative>/gevinstkort/<int:pk>/", views.MapElementEditView.as_view(), name="map_edit"),
    path("gevinstkort/<int:pk>/slet/", views.part_delete(MapElement), name="map_delete"),
    path("i/<int:initiative>/business-case/", views.BusinessCaseEditView.as_view(), name="case_edit"),
    path("i/<int:pk>/business-case/tabel/", views.CaseGridView.as_view(), name="case_grid"),
    path("business-case/<int:case>/linjer/ny/", views.CaseLineEditView.as_view(), name="caseline_create"),
    path("business-case/<int:case>/linjer/<int:pk>/", views.CaseLineEditView.as_view(), name="caseline_edit"),
    path("business-case-linjer/<int:pk>/slet/", views.part_delete(BusinessCaseLine), name="caseline_delete"),
    path("i/<int:initiative>/deltagelse/<int:organisation>/", views.ParticipationEditView.as_view(),
         name="participation"),
    path("i/<int:initiative>/beslutningspunkter/nyt/", views.GateEditView.as_view(), name="gate_create"),
    path("i/<int:initiative>/beslutningspunkter/<int:pk>/", views.GateEditView.as_view(), name="gate_edit"),
    path("beslutningspunkter/<int:pk>/slet/", views.part_delete(Gate), name="gate_delete"),
    path("beslutningspunkter/<int:pk>/beslutning/", views.GateProposalView.as_view(), name="gate_proposal"),
    # proposals
    path("beslutninger/<int:pk>/", views.ProposalDetailView.as_view(), name="proposal"),
    path("beslutninger/<int:pk>/rediger/", views.ProposalEditView.as_view(), name="proposal_edit"),
    path("beslutninger/<int:pk>/<str:action>/", views.ProposalActionView.as_view(), name="proposal_action"),
    path("beslutninger/<int:pk>/stem/<int:organisation>/", views.BallotView.as_view(), name="ballot"),
    path("beslutninger/<int:proposal>/bilag/nyt/", views.ProposalDocumentEditView.as_view(), name="document_create"),
    path("bilag/<int:pk>/slet/", views.part_delete(ProposalDocument), name="document_delete"),
    path("beslutninger/<int:proposal>/fora/ny/", views.ForumPositionEditView.as_view(), name="forum_create"),
    path("beslutninger/<int:proposal>/fora/<int:pk>/", views.ForumPositionEditView.as_view(), name="forum_edit"),
    path("fora/<int:pk>/slet/", views.part_delete(ForumPosition), name="forum_delete"),
    # meetings
    path("moeder/<int:pk>/", views.MeetingDetailView.as_view(), name="meeting"),
    path("moeder/<int:pk>/rediger/", views.MeetingEditView.as_view(), name="meeting_edit"),
    path("moeder/<int:meeting>/handlinger/ny/", views.ActionItemEditView.as_view(), name="action_create"),
    path("moeder/<int:meeting>/handlinger/<int:pk>/", views.ActionItemEditView.as_view(), name="action_edit"),
    path("handlinger/<int:pk>/slet/", views.part_delete(ActionItem), name="action_delete"),
    # per collaboration
    path("<slug:slug>/", views.CollaborationInitiativesView.as_view(), name="collaboration"),
    path("<slug:slug>/nyt/", views.InitiativeCreateView.as_view(), name="create"),
    path("<slug:slug>/fasemodeller/ny/", views.PhaseModelCreateView.as_view(), name="phasemodel_create"),
    path("<slug:slug>/beslutninger/", views.ProposalListView.as_view(), name="proposals"),
    path("<slug:slug>/beslutninger/ny/", views.ProposalCreateView.as_view(), name="proposal_create"),
    path("<slug:slug>/moeder/", views.MeetingListView.as_view(), name="meetings"),
    path("<slug:slug>/moeder/nyt/", views.MeetingCreateView.as_view(), name="meeting_create"),
    path("<slug:slug>/deltagelse/", views.ParticipationOverviewView.as_view(), name="participation_overview"),
    path("<slug:slug>/overblik/", views.DashboardView.as_view(), name="dashboard"),
]
