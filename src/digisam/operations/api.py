"""Operations API: the same policies and audited service as the pages. The catalogue, levels and
support terms are read here (their writes keep the economy price objects in step, so they go
through the pages' service actions); tickets are read-only (imported as files); a member's support
usage is written here like any other object."""

from rest_framework import serializers

from digisam.core.api import AuditedModelViewSet, ReadOnlyPolicyViewSet

from . import filtersets
from .models import (
    CatalogueService,
    PriorityTarget,
    ServiceLevel,
    SupportArrangement,
    SupportUsage,
    Ticket,
    TicketImport,
)


class CatalogueServiceSerializer(serializers.ModelSerializer):
    """A catalogue service with its collaboration and economy year."""

    collaboration = serializers.IntegerField(source="year.collaboration_id", read_only=True)
    economy_year = serializers.IntegerField(source="year.year", read_only=True)

    class Meta:
        model = CatalogueService
        fields = ["id", "year", "collaboration", "economy_year", "name", "kind", "description", "charge",
                  "economy_service"]


class PriorityTargetSerializer(serializers.ModelSerializer):
    """A service level's response and resolution targets for one priority."""

    class Meta:
        model = PriorityTarget
        fields = ["priority", "response_minutes", "resolution_minutes", "credit_per_breach"]


class ServiceLevelSerializer(serializers.ModelSerializer):
    """A target or member's current service level with its priority targets."""

    priorities = PriorityTargetSerializer(many=True, read_only=True)
    decided = serializers.BooleanField(read_only=True)

    class Meta:
        model = ServiceLevel
        fields = ["id", "service", "organisation", "opening_hours", "availability_target", "channels", "credit_cap",
                  "decision", "decided", "priorities"]


class TicketImportSerializer(serializers.ModelSerializer):
    """An imported ticket export's metadata."""

    class Meta:
        model = TicketImport
        fields = ["id", "year", "filename", "rows", "imported_at"]


class TicketSerializer(serializers.ModelSerializer):
    """One imported ticket."""

    class Meta:
        model = Ticket
        fields = ["id", "batch", "ident", "service", "organisation", "priority", "opened", "first_response",
                  "resolved"]


class SupportArrangementSerializer(serializers.ModelSerializer):
    """Shared support terms."""

    class Meta:
        model = SupportArrangement
        fields = ["id", "year", "name", "hourly_price", "contribution_total", "contribution_key", "charge"]


class SupportUsageSerializer(serializers.ModelSerializer):
    """A member's handled contacts and hours in a month."""

    class Meta:
        model = SupportUsage
        fields = ["id", "arrangement", "organisation", "month", "contacts", "hours"]
        validators = []


class CatalogueServiceViewSet(ReadOnlyPolicyViewSet):
    """A collaboration's service catalogue per year (members and secretariat)."""

    queryset = CatalogueService.objects.select_related("year").order_by("pk")
    serializer_class = CatalogueServiceSerializer
    filterset_class = filtersets.CatalogueServiceFilterSet


class ServiceLevelViewSet(ReadOnlyPolicyViewSet):
    """Target and members' current service levels with their targets per priority."""

    queryset = ServiceLevel.objects.prefetch_related("priorities").select_related("decision").order_by("pk")
    serializer_class = ServiceLevelSerializer
    filterset_class = filtersets.ServiceLevelFilterSet


class TicketImportViewSet(ReadOnlyPolicyViewSet):
    """Imported ticket exports (metadata)."""

    queryset = TicketImport.objects.order_by("pk")
    serializer_class = TicketImportSerializer
    filterset_class = filtersets.TicketImportFilterSet


class TicketViewSet(ReadOnlyPolicyViewSet):
    """Tickets: each member reads its own, the secretariat all."""

    queryset = Ticket.objects.order_by("pk")
    serializer_class = TicketSerializer
    filterset_class = filtersets.TicketFilterSet


class SupportArrangementViewSet(ReadOnlyPolicyViewSet):
    """Shared support terms (hourly price, contribution by size)."""

    queryset = SupportArrangement.objects.order_by("pk")
    serializer_class = SupportArrangementSerializer
    filterset_class = filtersets.SupportArrangementFilterSet


class SupportUsageViewSet(AuditedModelViewSet):
    """Handled contacts and hours per member and month: the secretariat registers them."""

    queryset = SupportUsage.objects.order_by("pk")
    serializer_class = SupportUsageSerializer
    filterset_class = filtersets.SupportUsageFilterSet


def register(router):
    """Register the operations API's routes on `router`."""
    router.register("operations/services", CatalogueServiceViewSet, basename="api-operations-service")
    router.register("operations/service-levels", ServiceLevelViewSet, basename="api-operations-level")
    router.register("operations/ticket-imports", TicketImportViewSet, basename="api-operations-ticketimport")
    router.register("operations/tickets", TicketViewSet, basename="api-operations-ticket")
    router.register("operations/support", SupportArrangementViewSet, basename="api-operations-support")
    router.register("operations/support-usage", SupportUsageViewSet, basename="api-operations-usage")
