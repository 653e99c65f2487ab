from rest_framework import serializers

from digisam.core.api import ArchiveActionsMixin, AuditedModelViewSet, PolicyFileField

from .models import Body, Collaboration, CollaborationDocument, DecisionRule, Membership, Purpose, Seat


class CollaborationSerializer(serializers.ModelSerializer):
    purposes = serializers.ListField(child=serializers.ChoiceField(choices=Purpose.choices), allow_empty=False)

    class Meta:
        model = Collaboration
        fields = ["id", "name", "short_name", "slug", "purposes", "organisation_form", "founded", "description",
                  "fee_model", "open_to_newcomers", "published", "subset_label", "archived_at", "archived_by"]
        read_only_fields = ["archived_at", "archived_by"]


class MembershipSerializer(serializers.ModelSerializer):
    class Meta:
        model = Membership
        fields = ["id", "collaboration", "organisation", "role", "status", "applied_on", "joined_on", "left_on", "note"]
        validators = []  # uniqueness is checked by the model (full_clean in the service) with its own message


class BodySerializer(serializers.ModelSerializer):
    class Meta:
        model = Body
        fields = ["id", "collaboration", "kind", "name", "member_organisation", "reports_to", "meeting_frequency",
                  "chair_rotation", "rotation_start", "rotation_order", "archived_at", "archived_by"]
        read_only_fields = ["archived_at", "archived_by"]


class SeatSerializer(serializers.ModelSerializer):
    class Meta:
        model = Seat
        fields = ["id", "body", "person", "title", "email", "organisation", "role", "start", "end"]


class DecisionRuleSerializer(serializers.ModelSerializer):
    class Meta:
        model = DecisionRule
        fields = ["id", "collaboration", "body", "decision_type", "voting_basis", "majority", "qualified_fraction",
                  "quorum_fraction", "quorum_minimum", "veto", "escalation_body", "description"]
        validators = []


class DocumentSerializer(serializers.ModelSerializer):
    file = PolicyFileField(required=False)

    class Meta:
        model = CollaborationDocument
        fields = ["id", "collaboration", "title", "kind", "date", "file", "url"]


class CollaborationViewSet(ArchiveActionsMixin, AuditedModelViewSet):
    queryset = Collaboration.objects.all()
    serializer_class = CollaborationSerializer
    filterset_fields = ["organisation_form", "open_to_newcomers", "published"]
    lookup_field = "slug"


class MembershipViewSet(AuditedModelViewSet):
    queryset = Membership.objects.select_related("organisation")
    serializer_class = MembershipSerializer
    filterset_fields = ["collaboration", "organisation", "status", "role"]


class BodyViewSet(ArchiveActionsMixin, AuditedModelViewSet):
    queryset = Body.objects.all()
    serializer_class = BodySerializer
    filterset_fields = ["collaboration", "kind"]


class SeatViewSet(AuditedModelViewSet):
    queryset = Seat.objects.all()
    serializer_class = SeatSerializer
    filterset_fields = ["body", "organisation", "role"]


class DecisionRuleViewSet(AuditedModelViewSet):
    queryset = DecisionRule.objects.all()
    serializer_class = DecisionRuleSerializer
    filterset_fields = ["collaboration", "body", "decision_type"]


class DocumentViewSet(AuditedModelViewSet):
    queryset = CollaborationDocument.objects.all()
    serializer_class = DocumentSerializer
    filterset_fields = ["collaboration", "kind"]
