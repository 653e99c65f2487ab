"""Read API for formation (issue 14): collaborations in formation with their establishment state
(phase, gates, the rule and whether it is met), each municipality's decision, and the prospective
members' joining estimates (the tender scenario's result). The same policies as the pages: what a
user cannot read there, the API does not list either (unreadable → 404)."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from digisam.core.api import ReadOnlyPolicyViewSet

from . import services
from .models import Formation, JoiningEstimate, MemberDecision


class MemberDecisionSerializer(serializers.ModelSerializer):
    """A municipality's decision on joining a collaboration in formation (read-only)."""

    organisation_name = serializers.CharField(source="organisation.name", read_only=True)

    class Meta:
        model = MemberDecision
        fields = ["id", "formation", "organisation", "organisation_name", "decision", "decided_on", "body", "note"]
        read_only_fields = fields


class GateStateSerializer(serializers.Serializer):
    """One gate of the establishment process: its phase, outcome and conditions."""

    phase = serializers.IntegerField()
    phase_name = serializers.CharField()
    outcome = serializers.CharField()
    decided_on = serializers.DateField(allow_null=True)
    conditions = serializers.CharField()


class FormationSerializer(serializers.ModelSerializer):
    """The establishment state. Decisions are listed through the decisions' own policy."""

    collaboration_name = serializers.CharField(source="collaboration.name", read_only=True)
    collaboration_slug = serializers.CharField(source="collaboration.slug", read_only=True)
    phase = serializers.SerializerMethodField()
    lifecycle = serializers.SerializerMethodField()
    gates = serializers.SerializerMethodField()
    rule_met = serializers.SerializerMethodField()
    rule_text = serializers.SerializerMethodField()
    decisions = MemberDecisionSerializer(many=True, read_only=True)

    class Meta:
        model = Formation
        fields = ["id", "collaboration", "collaboration_name", "collaboration_slug", "initiator", "purpose", "form",
                  "rationale", "answers", "rule", "minimum_members", "established_on", "created", "process", "phase",
                  "lifecycle", "gates", "rule_met", "rule_text", "decisions"]
        read_only_fields = fields

    def get_phase(self, obj) -> str | None:
        return obj.process.phase_name if obj.process else None

    def get_lifecycle(self, obj) -> str | None:
        return obj.process.lifecycle if obj.process else None

    @extend_schema_field(GateStateSerializer(many=True))
    def get_gates(self, obj):
        if obj.process is None:
            return []
        phases = obj.process.phases
        return [{"phase": g.phase, "phase_name": phases[g.phase] if g.phase < len(phases) else "",
                 "outcome": g.outcome, "decided_on": g.decided_on, "conditions": g.conditions}
                for g in obj.process.gates.order_by("phase")]

    def get_rule_met(self, obj) -> bool:
        return services.rule_met(obj)

    def get_rule_text(self, obj) -> str:
        return services.rule_text(obj)


class JoiningEstimateSerializer(serializers.ModelSerializer):
    """The prospective member's own figures per joint tender and the total; never the instance it
    was solved on (that holds the members' contracts)."""

    class Meta:
        model = JoiningEstimate
        fields = ["id", "collaboration", "organisation", "plan_run", "job", "status", "time_limit", "tenders",
                  "total_saving", "error", "created", "finished"]
        read_only_fields = fields


class FormationViewSet(ReadOnlyPolicyViewSet):
    """Collaborations in formation with their establishment state (read-only): for the secretariat, the
    initiator, invited municipalities and, once published, every signed-in user (`FormationPolicy`)."""

    queryset = Formation.objects.select_related("collaboration", "process").prefetch_related(
        "decisions__organisation").order_by("-created", "pk")
    serializer_class = FormationSerializer
    filterset_fields = ["collaboration", "initiator", "established_on"]


class MemberDecisionViewSet(ReadOnlyPolicyViewSet):
    """Each municipality's decision (read-only), for those who read the formation (`MemberDecisionPolicy`)."""

    queryset = MemberDecision.objects.select_related("organisation")
    serializer_class = MemberDecisionSerializer
    filterset_fields = ["formation", "organisation", "decision"]


class JoiningEstimateViewSet(ReadOnlyPolicyViewSet):
    """Prospective members' joining estimates (read-only): only the municipality's own users, not the
    secretariat (`JoiningEstimatePolicy`)."""

    queryset = JoiningEstimate.objects.all()
    serializer_class = JoiningEstimateSerializer
    filterset_fields = ["collaboration", "organisation", "status"]


def register(router):
    """Register the formation API's routes on `router`."""
    router.register("formations", FormationViewSet)
    router.register("formation-decisions", MemberDecisionViewSet)
    router.register("joining-estimates", JoiningEstimateViewSet)
