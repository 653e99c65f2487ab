"""REST API of the initiatives app: the same policies and the audited service as the pages.
Votes are opened, cast and closed through actions (`open`, `close` on proposals; ballots are
created or changed with POST/PUT on `ballots`, stamped with the caller and the time)."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils import timezone
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.exceptions import ValidationError as APIValidationError
from rest_framework.response import Response

from digisam.core import permissions
from digisam.core.api import ArchiveActionsMixin, AuditedModelViewSet
from digisam.core.models import Channel

from . import services
from .models import (
    ActionItem,
    Ballot,
    Benefit,
    BenefitExpectation,
    BenefitRealisation,
    BudgetLine,
    BusinessCase,
    BusinessCaseLine,
    ForumPosition,
    Gate,
    Initiative,
    MapElement,
    Meeting,
    Notification,
    Participation,
    PhaseModel,
    Proposal,
)


def serializer_for(model_, fields_, read_only=()):
    """A ModelSerializer class for `model_` with `fields_` (those in `read_only` read-only)."""
    meta = type("Meta", (), {"model": model_, "fields": fields_, "read_only_fields": list(read_only),
                             "validators": []})
    return type(f"{model_.__name__}Serializer", (serializers.ModelSerializer,), {"Meta": meta})


PhaseModelSerializer = serializer_for(PhaseModel, ["id", "collaboration", "name", "phases"])
InitiativeSerializer = serializer_for(Initiative, [
    "id", "collaboration", "title", "kind", "owner_organisation", "owner_person", "purpose", "scope", "phase_model",
    "current_phase", "status", "lifecycle", "start", "end", "system_categories", "tenders", "published", "created"],
    read_only=["created"])
BudgetLineSerializer = serializer_for(BudgetLine, ["id", "initiative", "organisation", "year", "amount", "hours", "note"])
BenefitSerializer = serializer_for(Benefit, [
    "id", "initiative", "kind", "is_disbenefit", "description", "primary_recipient", "owner", "measure", "unit",
    "baseline", "realisation_time"])
ExpectationSerializer = serializer_for(BenefitExpectation, ["id", "benefit", "organisation", "expected_value",
                                                            "expected_by"])
RealisationSerializer = serializer_for(BenefitRealisation, ["id", "benefit", "organisation", "date", "value", "note"])
MapElementSerializer = serializer_for(MapElement, ["id", "initiative", "level", "label", "enables", "benefits"])
BusinessCaseSerializer = serializer_for(BusinessCase, ["id", "initiative", "start_year", "horizon", "discount_rate",
                                                       "scenario_0", "scenario_1"])
CaseLineSerializer = serializer_for(BusinessCaseLine, ["id", "case", "organisation", "scenario", "kind", "year", "low",
                                                       "likely", "high", "description"])
ParticipationSerializer = serializer_for(Participation, ["id", "initiative", "organisation", "choice", "reason",
                                                         "decided_on"])
GateSerializer = serializer_for(Gate, ["id", "initiative", "phase", "due", "outcome", "conditions", "decided_on"],
                                read_only=["outcome", "decided_on"])
ProposalSerializer = serializer_for(Proposal, [
    "id", "collaboration", "body", "decision_type", "title", "text", "initiative", "gate", "conditions", "meeting",
    "parent", "case_statement", "deadline", "status", "opened_at", "closed_at", "outcome", "outcome_statement",
    "tally", "created", "archived_at", "archived_by"],
    read_only=["status", "opened_at", "closed_at", "outcome", "outcome_statement", "tally", "created", "parent",
               "archived_at", "archived_by"])
BallotSerializer = serializer_for(Ballot, ["id", "proposal", "organisation", "choice", "veto", "comment", "cast_at",
                                           "cast_by"], read_only=["cast_at", "cast_by"])
ForumPositionSerializer = serializer_for(ForumPosition, ["id", "proposal", "forum", "approve", "timing", "financing",
                                                         "staffing", "decided_on"])
MeetingSerializer = serializer_for(Meeting, ["id", "body", "title", "date", "location", "agenda", "attendees",
                                             "attendance_note", "minutes", "minutes_approved"])
ActionItemSerializer = serializer_for(ActionItem, ["id", "meeting", "description", "owner", "owner_organisation",
                                                   "deadline", "done"])
NotificationSerializer = serializer_for(Notification, ["id", "kind", "message", "url", "collaboration", "created",
                                                       "read"], read_only=["kind", "message", "url", "collaboration",
                                                                           "created"])


def viewset(model_, serializer, filters, queryset=None, base=AuditedModelViewSet):
    """An audited viewset class for `model_` (the model's policy decides who reads and writes)."""
    return type(f"{model_.__name__}ViewSet", (base,), {
        "queryset": queryset if queryset is not None else model_.objects.all(),
        "serializer_class": serializer, "filterset_fields": filters,
    })


def _django_errors(error: DjangoValidationError):
    return error.message_dict if hasattr(error, "error_dict") else {"detail": error.messages}


class ProposalViewSet(ArchiveActionsMixin, AuditedModelViewSet):
    """Proposals: read by the collaboration's readers, written and archived by the secretariat; `open` and
    `close` start and end the vote (the secretariat, as on the pages)."""

    queryset = Proposal.objects.all()
    serializer_class = ProposalSerializer
    filterset_fields = ["collaboration", "body", "status", "outcome", "initiative"]

    def _act(self, request, work):
        proposal = self.get_object()
        if not permissions.allows(request.user, permissions.CHANGE, proposal):
            raise PermissionDenied
        try:
            work(proposal)
        except DjangoValidationError as error:
            raise APIValidationError(_django_errors(error)) from None
        proposal.refresh_from_db()
        return Response(ProposalSerializer(proposal).data)

    @action(detail=True, methods=["post"])
    def open(self, request, pk=None):
        return self._act(request, lambda p: services.open_proposal(p, user=request.user, channel=Channel.API))

    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        return self._act(request, lambda p: services.close_proposal(p, user=request.user, channel=Channel.API))


class BallotViewSet(AuditedModelViewSet):
    """Ballots are stamped with the caller and the time; only the member's coordinator may cast."""

    queryset = Ballot.objects.all()
    serializer_class = BallotSerializer
    filterset_fields = ["proposal", "organisation", "choice"]

    def _save(self, serializer, instance):
        with transaction.atomic():
            # One ballot at a time per proposal (as services.cast_ballot): a second voter waits, then
            # meets the first one's ballot as a clear 400 — and the policy sees the current status.
            instance.proposal = Proposal.objects.select_for_update().get(pk=instance.proposal_id)
            instance.cast_at = timezone.now()
            instance.cast_by = self.request.user
            return super()._save(serializer, instance)


class NotificationViewSet(AuditedModelViewSet):
    """The caller's own notifications; only `read` can be changed."""

    queryset = Notification.objects.all()
    serializer_class = NotificationSerializer
    filterset_fields = ["read", "kind"]
    http_method_names = ["get", "patch", "head", "options"]


def register(router):
    """Register the initiatives API's routes on `router`."""
    router.register("phase-models", viewset(PhaseModel, PhaseModelSerializer, ["collaboration"]))
    router.register("initiatives", viewset(Initiative, InitiativeSerializer,
                                           ["collaboration", "kind", "status", "lifecycle", "owner_organisation"]))
    router.register("initiative-budget-lines", viewset(BudgetLine, BudgetLineSerializer, ["initiative", "organisation"]))
    router.register("benefits", viewset(Benefit, BenefitSerializer, ["initiative", "kind", "is_disbenefit"]))
    router.register("benefit-expectations", viewset(BenefitExpectation, ExpectationSerializer,
                                                    ["benefit", "organisation"]))
    router.register("benefit-realisations", viewset(BenefitRealisation, RealisationSerializer,
                                                    ["benefit", "organisation"]))
    router.register("benefit-map-elements", viewset(MapElement, MapElementSerializer, ["initiative", "level"]))
    router.register("business-cases", viewset(BusinessCase, BusinessCaseSerializer, ["initiative"]))
    router.register("business-case-lines", viewset(BusinessCaseLine, CaseLineSerializer,
                                                   ["case", "organisation", "scenario", "kind"]))
    router.register("participations", viewset(Participation, ParticipationSerializer,
                                               ["initiative", "organisation", "choice"]))
    router.register("gates", viewset(Gate, GateSerializer, ["initiative", "outcome"]))
    router.register("proposals", ProposalViewSet)
    router.register("ballots", BallotViewSet)
    router.register("forum-positions", viewset(ForumPosition, ForumPositionSerializer, ["proposal", "forum"]))
    router.register("meetings", viewset(Meeting, MeetingSerializer, ["body", "minutes_approved"]))
    router.register("action-items", viewset(ActionItem, ActionItemSerializer, ["meeting", "done"]))
    router.register("notifications", NotificationViewSet)


