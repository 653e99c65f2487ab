"""One FilterSet per model, used by the lists and the API."""

import django_filters

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


class CompetenceFilterSet(django_filters.FilterSet):
    class Meta:
        model = Competence
        fields = {"collaboration": ["exact"]}


class SpecialistFilterSet(django_filters.FilterSet):
    competence = django_filters.NumberFilter(field_name="competences__competence", label="competence")

    class Meta:
        model = Specialist
        fields = {"collaboration": ["exact"], "organisation": ["exact"], "active": ["exact"]}


class SpecialistCompetenceFilterSet(django_filters.FilterSet):
    class Meta:
        model = SpecialistCompetence
        fields = {"specialist": ["exact"], "competence": ["exact"], "level": ["exact", "gte"]}


class AvailabilityFilterSet(django_filters.FilterSet):
    class Meta:
        model = Availability
        fields = {"specialist": ["exact"], "year": ["exact"]}


class StaffingRequestFilterSet(django_filters.FilterSet):
    class Meta:
        model = StaffingRequest
        fields = {"collaboration": ["exact"], "year": ["exact"], "status": ["exact"], "competence": ["exact"]}


class AllocationFilterSet(django_filters.FilterSet):
    class Meta:
        model = Allocation
        fields = {"request": ["exact"], "specialist": ["exact"], "status": ["exact"]}


class AllocationHoursFilterSet(django_filters.FilterSet):
    class Meta:
        model = AllocationHours
        fields = {"allocation": ["exact"], "month": ["exact"]}


class DevelopmentActionFilterSet(django_filters.FilterSet):
    class Meta:
        model = DevelopmentAction
        fields = {"collaboration": ["exact"], "done": ["exact"], "competence": ["exact"]}
