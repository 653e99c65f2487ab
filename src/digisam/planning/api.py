"""REST API: scenarios (CRUD for the secretariat, a `run` action), opt-outs (the members'
coordinators), runs (read, with the plan figures; `publish`, `withdraw` and `reproduce`
actions). The same policies and audited service as the web pages."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from digisam.core import permissions
from digisam.core.api import AuditedModelViewSet, ReadOnlyPolicyViewSet
from digisam.core.models import Channel

from . import services
from .models import OptOut, PlanRun, Scenario


class ScenarioSerializer(serializers.ModelSerializer):
    """A planning scenario: start, horizon, capacity, categories, earliest starts and tender groups."""

    class Meta:
        model = Scenario
        fields = ["id", "collaboration", "name", "description", "start_month", "horizon_months", "capacity",
                  "individual_rationality", "categories", "earliest_starts", "tender_groups", "time_limit", "created"]
        read_only_fields = ["created"]
        validators = []  # uniqueness is checked by the model (full_clean in the service) with its own message
        # The web form chooses these by name; the API keeps the codes (an unknown code is a 400 naming it).
        extra_kwargs = {
            "categories": {"help_text": "Category codes (`slug` of /api/portfolio/categories/), e.g. [\"esdh\"]; "
                                        "empty: every category with shared contracts."},
            "earliest_starts": {"help_text": "One per line: kommunekode, category code, YYYY-MM, "
                                             "e.g. \"165 esdh 2028-01\"."},
            "tender_groups": {"help_text": "One group per line: category code: kommunekode, kommunekode, "
                                           "e.g. \"esdh: 165, 151\" (a hard requirement)."},
        }


class OptOutSerializer(serializers.ModelSerializer):
    """A member's opt-out from the joint tender of one category, with its reason."""

    class Meta:
        model = OptOut
        fields = ["id", "collaboration", "organisation", "category", "reason", "created"]
        read_only_fields = ["created"]
        validators = []


class PlanRunSerializer(serializers.ModelSerializer):
    """A run with its figures. Readers of a published plan who are not insiders of the collaboration
    get the figures, not the stored documents or the left-out list (members' contract details)."""

    groups_ok = serializers.BooleanField(read_only=True)
    members = serializers.SerializerMethodField()

    class Meta:
        model = PlanRun
        fields = ["id", "collaboration", "scenario", "scenario_name", "reproduces", "job", "created", "finished",
                  "status", "time_limit", "total_cost", "baseline_cost", "savings", "savings_pct", "joint_tenders",
                  "solo_tenders", "lower_bound", "gap", "solver_status", "runtime_seconds", "published",
                  "published_at", "groups_ok", "group_check", "left_out", "members", "error"]
        read_only_fields = fields

    def get_members(self, obj) -> dict:
        """Savings per member (kommunekode → cost, baseline_cost, savings, savings_pct)."""
        return (obj.plan or {}).get("per_municipality", {})

    def to_representation(self, instance):
        data = super().to_representation(instance)
        request = self.context.get("request")
        if request is not None and not permissions.allows(
            request.user, permissions.VIEW, Scenario(collaboration=instance.collaboration)
        ):
            for key in ("instance", "plan", "left_out"):
                data.pop(key, None)
        return data


class PlanRunDetailSerializer(PlanRunSerializer):
    """With the exact stored instance and plan documents (insiders only, see above)."""

    class Meta(PlanRunSerializer.Meta):
        fields = PlanRunSerializer.Meta.fields + ["instance", "plan"]
        read_only_fields = fields


class ScenarioViewSet(AuditedModelViewSet):
    """Planning scenarios: read by the collaboration's insiders (secretariat, users of members that read
    prices); written by its secretariat, which also starts runs."""

    queryset = Scenario.objects.all()
    serializer_class = ScenarioSerializer
    filterset_fields = ["collaboration"]

    @extend_schema(request=None, responses=PlanRunSerializer)
    @action(detail=True, methods=["post"])
    def run(self, request, pk=None):
        """Build the instance from what is shared now and queue the planner (202 with the run)."""
        run = services.start_run(self.get_object(), user=request.user, channel=Channel.API)
        run.refresh_from_db()
        data = PlanRunSerializer(run, context=self.get_serializer_context()).data
        return Response(data, status=status.HTTP_202_ACCEPTED)


class OptOutViewSet(AuditedModelViewSet):
    """Opt-outs: read by the collaboration's insiders; written by the coordinator of the opting-out member
    (for its own organisation) and platform admins."""

    queryset = OptOut.objects.select_related("organisation")
    serializer_class = OptOutSerializer
    filterset_fields = ["collaboration", "organisation", "category"]


class PlanRunViewSet(ReadOnlyPolicyViewSet):
    """Plan runs, read by the collaboration's insiders (the published run of a published collaboration by
    everyone signed in, without members' contract details); the secretariat publishes, withdraws and
    reproduces them."""

    queryset = PlanRun.objects.select_related("collaboration")
    serializer_class = PlanRunSerializer
    filterset_fields = ["collaboration", "scenario", "status", "published"]

    def get_serializer_class(self):
        return PlanRunDetailSerializer if self.action == "retrieve" else PlanRunSerializer

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.action == "list":  # the list shows neither the instance nor the contract details
            queryset = queryset.defer("instance", "contract_info")
        return queryset

    @extend_schema(request=None, responses=PlanRunSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        """Publish this run as the collaboration's plan (the previous one is withdrawn)."""
        run = services.publish(self.get_object(), user=request.user, channel=Channel.API)
        return Response(PlanRunSerializer(run, context=self.get_serializer_context()).data)

    @extend_schema(request=None, responses=PlanRunSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        run = self.get_object()
        from django.core.exceptions import PermissionDenied

        if not permissions.allows(request.user, permissions.CHANGE, run):
            raise PermissionDenied
        run = services.unpublish(run, user=request.user, channel=Channel.API)
        return Response(PlanRunSerializer(run, context=self.get_serializer_context()).data)

    @extend_schema(request=None, responses=PlanRunSerializer)
    @action(detail=True, methods=["post"])
    def reproduce(self, request, pk=None):
        """Run the stored instance again as a new run (202)."""
        run = services.reproduce(self.get_object(), user=request.user, channel=Channel.API)
        run.refresh_from_db()
        data = PlanRunSerializer(run, context=self.get_serializer_context()).data
        return Response(data, status=status.HTTP_202_ACCEPTED)


def register(router):
    """Register the planning API routes on the router."""
    router.register("plan-scenarios", ScenarioViewSet)
    router.register("plan-opt-outs", OptOutViewSet)
    router.register("plan-runs", PlanRunViewSet)
