"""Competence pool API: the same policies, the same audited service. Allocations are decided and
hours registered through the pages' actions (they check the home organisation and write the hours
settlement), so the API reads them; the catalogue, people, competences, availability, requests and
the development plan are written here like any other object."""

from rest_framework import serializers

from digisam.core.api import AuditedModelViewSet, ReadOnlyPolicyViewSet

from . import filtersets
from .models import (
    Allocation,
    AllocationHours,
    Availability,
    Competence,
    DevelopmentAction,
    Specialist,
    SpecialistCompetence,
    StaffingRequest,
)


def serializer_for(model_class, field_names, read_only=()):
    """A ModelSerializer class for `model_class` with `field_names` (those in `read_only` read-only)."""
    meta = type("Meta", (), {"model": model_class, "fields": field_names, "read_only_fields": list(read_only),
                             "validators": []})
    return type(f"{model_class.__name__}Serializer", (serializers.ModelSerializer,), {"Meta": meta})


CompetenceSerializer = serializer_for(Competence, ["id", "collaboration", "name", "description"])
SpecialistSerializer = serializer_for(Specialist, ["id", "collaboration", "organisation", "name", "title",
                                                   "work_email", "work_phone", "hourly_cost", "active"],
                                      read_only=["active"])
SpecialistCompetenceSerializer = serializer_for(SpecialistCompetence, ["id", "specialist", "competence", "level"])
AvailabilitySerializer = serializer_for(Availability, ["id", "specialist", "year", "hours"])
StaffingRequestSerializer = serializer_for(StaffingRequest, ["id", "collaboration", "title", "competence",
                                                             "min_level", "hours", "year", "body", "initiative",
                                                             "service", "project", "status"])
AllocationSerializer = serializer_for(Allocation, ["id", "request", "specialist", "hours", "status", "decided_at"])
AllocationHoursSerializer = serializer_for(AllocationHours, ["id", "allocation", "month", "hours", "hours_entry"])
DevelopmentActionSerializer = serializer_for(DevelopmentAction, ["id", "collaboration", "competence", "action",
                                                                 "owner", "owner_organisation", "due", "done"])


class CompetenceViewSet(AuditedModelViewSet):
    """The collaboration's competence catalogue."""

    queryset = Competence.objects.order_by("pk")
    serializer_class = CompetenceSerializer
    filterset_class = filtersets.CompetenceFilterSet


class SpecialistViewSet(AuditedModelViewSet):
    """People in the pool (work contact details only). Leaving the pool is the page's removal, which
    strips the personal details; a plain DELETE works only while no allocation refers to the person."""

    queryset = Specialist.objects.order_by("pk")
    serializer_class = SpecialistSerializer
    filterset_class = filtersets.SpecialistFilterSet


class SpecialistCompetenceViewSet(AuditedModelViewSet):
    """Competences held by people in the pool, with levels."""

    queryset = SpecialistCompetence.objects.order_by("pk")
    serializer_class = SpecialistCompetenceSerializer
    filterset_class = filtersets.SpecialistCompetenceFilterSet


class AvailabilityViewSet(AuditedModelViewSet):
    """Hours available per person and year."""

    queryset = Availability.objects.order_by("pk")
    serializer_class = AvailabilitySerializer
    filterset_class = filtersets.AvailabilityFilterSet


class StaffingRequestViewSet(AuditedModelViewSet):
    """Staffing requests of working groups, initiatives and services."""

    queryset = StaffingRequest.objects.order_by("pk")
    serializer_class = StaffingRequestSerializer
    filterset_class = filtersets.StaffingRequestFilterSet


class AllocationViewSet(ReadOnlyPolicyViewSet):
    """Allocations of people to requests (decided on the pages by the home organisation)."""

    queryset = Allocation.objects.order_by("pk")
    serializer_class = AllocationSerializer
    filterset_class = filtersets.AllocationFilterSet


class AllocationHoursViewSet(ReadOnlyPolicyViewSet):
    """Hours worked on allocations, with the hours settlement entry they were added to."""

    queryset = AllocationHours.objects.order_by("pk")
    serializer_class = AllocationHoursSerializer
    filterset_class = filtersets.AllocationHoursFilterSet


class DevelopmentActionViewSet(AuditedModelViewSet):
    """The competence development plan."""

    queryset = DevelopmentAction.objects.order_by("pk")
    serializer_class = DevelopmentActionSerializer
    filterset_class = filtersets.DevelopmentActionFilterSet


def register(router):
    """Register the competence pool's API routes on `router`."""
    router.register("competences/catalogue", CompetenceViewSet, basename="api-competences-competence")
    router.register("competences/specialists", SpecialistViewSet, basename="api-competences-specialist")
    router.register("competences/held", SpecialistCompetenceViewSet, basename="api-competences-held")
    router.register("competences/availability", AvailabilityViewSet, basename="api-competences-availability")
    router.register("competences/requests", StaffingRequestViewSet, basename="api-competences-request")
    router.register("competences/allocations", AllocationViewSet, basename="api-competences-allocation")
    router.register("competences/worked-hours", AllocationHoursViewSet, basename="api-competences-worked")
    router.register("competences/development-plan", DevelopmentActionViewSet, basename="api-competences-action")
