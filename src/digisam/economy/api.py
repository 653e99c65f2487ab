"""Economy API: the same policies, the same audited service, the same narrowing of statements."""

from rest_framework import serializers

from digisam.core import permissions
from digisam.core.api import ArchiveActionsMixin, AuditedModelViewSet, ReadOnlyPolicyViewSet

from . import services
from .models import Charge, EconomyYear, FteFigure, HoursEntry, Statement, TurnLedgerEntry


class EconomyYearSerializer(serializers.ModelSerializer):
    """An economy year; its status changes only through approving and reopening a statement."""

    class Meta:
        model = EconomyYear
        fields = ["id", "collaboration", "year", "proration", "settlement", "population_date", "status", "note",
                  "archived_at", "archived_by"]
        read_only_fields = ["status", "archived_at", "archived_by"]  # approving and reopening go through the statement workflow
        validators = []


class ChargeSerializer(serializers.ModelSerializer):
    """A charge of an economy year and how it is shared."""

    class Meta:
        model = Charge
        fields = ["id", "year", "name", "kind", "total", "rate", "amount", "key", "custom_key", "members"]


class FteFigureSerializer(serializers.ModelSerializer):
    """A member's FTE figure for a year."""

    class Meta:
        model = FteFigure
        fields = ["id", "year", "organisation", "fte"]
        validators = []


class HoursEntrySerializer(serializers.ModelSerializer):
    """A member's agreed and actual hours on a project in a month."""

    class Meta:
        model = HoursEntry
        fields = ["id", "project", "organisation", "month", "agreed_hours", "actual_hours"]
        validators = []


class StatementSerializer(serializers.ModelSerializer):
    """A statement as the user may see it: the members and transfers narrowed to the user's own
    organisation unless the user is the secretariat (or an admin), plus the collaboration totals."""

    collaboration = serializers.IntegerField(source="year.collaboration_id", read_only=True)
    economy_year = serializers.IntegerField(source="year.year", read_only=True)
    content = serializers.SerializerMethodField()

    class Meta:
        model = Statement
        fields = ["id", "year", "collaboration", "economy_year", "version", "is_current", "generated_at",
                  "approved_at", "content"]

    def get_content(self, obj) -> dict:
        return services.statement_view(self.context["request"].user, obj)


class TurnLedgerEntrySerializer(serializers.ModelSerializer):
    """A task a member took on instead of paying, and who benefited."""

    class Meta:
        model = TurnLedgerEntry
        fields = ["id", "collaboration", "organisation", "description", "estimated_value", "date", "beneficiaries"]


class EconomyYearViewSet(ArchiveActionsMixin, AuditedModelViewSet):
    """Economy years: read by the secretariat and members' users (never observers); written and archived by
    the secretariat (`EconomyYearPolicy`)."""

    queryset = EconomyYear.objects.all()
    serializer_class = EconomyYearSerializer
    filterset_fields = ["collaboration", "year", "status"]


class ChargeViewSet(AuditedModelViewSet):
    """Charges of economy years: read by the secretariat and members' users, written by the secretariat."""

    queryset = Charge.objects.prefetch_related("members")
    serializer_class = ChargeSerializer
    filterset_fields = ["year", "kind"]


class FteFigureViewSet(AuditedModelViewSet):
    """Members' FTE figures: a member's users read its own, its coordinator and finance officer write
    them; the secretariat reads and writes all (`FtePolicy`)."""

    queryset = FteFigure.objects.all()
    serializer_class = FteFigureSerializer
    filterset_fields = ["year", "organisation"]


class HoursEntryViewSet(AuditedModelViewSet):
    """Members' project hours: a member's users read its own, its coordinator and finance officer write
    them; the secretariat reads and writes all (`HoursEntryPolicy`)."""

    queryset = HoursEntry.objects.all()
    serializer_class = HoursEntrySerializer
    filterset_fields = ["project", "organisation", "month"]


class StatementViewSet(ReadOnlyPolicyViewSet):
    """Statements (read-only): every member reads them, the content narrowed to its own lines unless the
    user is the secretariat or an admin."""

    queryset = Statement.objects.select_related("year")
    serializer_class = StatementSerializer
    filterset_fields = ["year", "version", "is_current"]

    def get_queryset(self):
        queryset = super().get_queryset()
        access = permissions.access_for(self.request.user)
        if access.is_admin or access.secretariat_collaborations:
            # Full readers get each statement's content: one query for the page, not one per row.
            queryset = queryset.prefetch_related("content")
        return queryset


class TurnLedgerEntryViewSet(AuditedModelViewSet):
    """The turn-taking ledger: every member reads all of it; the secretariat and the doer's coordinator or
    finance officer write an entry (`TurnLedgerPolicy`)."""

    queryset = TurnLedgerEntry.objects.prefetch_related("beneficiaries")
    serializer_class = TurnLedgerEntrySerializer
    filterset_fields = ["collaboration", "organisation"]


def register(router):
    """Register the economy API's routes on `router`."""
    router.register("economy-years", EconomyYearViewSet, basename="economy-year")
    router.register("economy-charges", ChargeViewSet, basename="economy-charge")
    router.register("economy-fte", FteFigureViewSet, basename="economy-fte")
    router.register("economy-hours", HoursEntryViewSet, basename="economy-hours")
    router.register("economy-statements", StatementViewSet, basename="economy-statement")
    router.register("economy-ledger", TurnLedgerEntryViewSet, basename="economy-ledger")
