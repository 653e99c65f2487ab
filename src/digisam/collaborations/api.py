from rest_framework import serializers

from digisam.core.api import ArchiveActionsMixin, AuditedModelViewSet, PolicyFileField

from .models import Body, Collaboration, CollaborationDocument, DecisionRule, Membership, Purpose, Seat


class CollaborationSerializer(serializers.ModelSerializer):
    """A collaboration: its name, purposes, organisation form, fee model and whether it is published and
    open to newcomers."""

    purposes = serializers.ListField(child=serializers.ChoiceField(choices=Purpose.choices), allow_empty=False)

    class Meta:
        model = Collaboration
        fields = ["id", "name", "short_name", "slug", "purposes", "organisation_form", "founded", "description",
                  "fee_model", "open_to_newcomers", "published", "subset_label", "archived_at", "archived_by"]
        read_only_fields = ["archived_at", "archived_by"]


class MembershipSerializer(serializers.ModelSerializer):
    """An organisation's membership of a collaboration: role, status and its dates."""

    class Meta:
        model = Membership
        fields = ["id", "collaboration", "organisation", "role", "status", "applied_on", "joined_on", "left_on", "note"]
        validators = []  # uniqueness is checked by the model (full_clean in the service) with its own message


class BodySerializer(serializers.ModelSerializer):
    """A body of a collaboration (board, steering group, …), whom it reports to and how its chair rotates."""

    class Meta:
        model = Body
        fields = ["id", "collaboration", "kind", "name", "member_organisation", "reports_to", "meeting_frequency",
                  "chair_rotation", "rotation_start", "rotation_order", "archived_at", "archived_by"]
        read_only_fields = ["archived_at", "archived_by"]


class SeatSerializer(serializers.ModelSerializer):
    """A person's seat in a body, for an organisation, with its role and term."""

    class Meta:
        model = Seat
        fields = ["id", "body", "person", "title", "email", "organisation", "role", "start", "end"]


class DecisionRuleSerializer(serializers.ModelSerializer):
    """How a body decides one type of decision: voting basis, majority, quorum, veto and escalation."""

    class Meta:
        model = DecisionRule
        fields = ["id", "collaboration", "body", "decision_type", "voting_basis", "majority", "qualified_fraction",
                  "quorum_fraction", "quorum_minimum", "veto", "escalation_body", "description"]
        validators = []


class DocumentSerializer(serializers.ModelSerializer):
    """A document of a collaboration; reading `file` gives the policy-checked download address."""

    file = PolicyFileField(required=False)

    class Meta:
        model = CollaborationDocument
        fields = ["id", "collaboration", "title", "kind", "date", "file", "url"]


class CollaborationViewSet(ArchiveActionsMixin, AuditedModelViewSet):
    """Collaborations: read by their members and secretariat, published ones by everyone signed in; changed
    by the secretariat, created by platform admins; archived instead of deleted once they hold records that
    must survive."""

    queryset = Collaboration.objects.all()
    serializer_class = CollaborationSerializer
    filterset_fields = ["organisation_form", "open_to_newcomers", "published"]
    lookup_field = "slug"


class MembershipViewSet(AuditedModelViewSet):
    """Memberships: read with the collaboration; managed by its secretariat. A coordinator may create (and
    delete) an applicant membership of its own organisation in a collaboration open to newcomers."""

    queryset = Membership.objects.select_related("organisation")
    serializer_class = MembershipSerializer
    filterset_fields = ["collaboration", "organisation", "status", "role"]


class BodyViewSet(ArchiveActionsMixin, AuditedModelViewSet):
    """Bodies of collaborations: read with the collaboration, written by its secretariat; archived instead
    of deleted once they hold records that must survive."""

    queryset = Body.objects.all()
    serializer_class = BodySerializer
    filterset_fields = ["collaboration", "kind"]


class SeatViewSet(AuditedModelViewSet):
    """Seats in bodies: read with the collaboration, written by its secretariat."""

    queryset = Seat.objects.all()
    serializer_class = SeatSerializer
    filterset_fields = ["body", "organisation", "role"]


class DecisionRuleViewSet(AuditedModelViewSet):
    """Decision rules: read with the collaboration, written by its secretariat."""

    queryset = DecisionRule.objects.all()
    serializer_class = DecisionRuleSerializer
    filterset_fields = ["collaboration", "body", "decision_type"]


class DocumentViewSet(AuditedModelViewSet):
    """Documents of collaborations: read with the collaboration, written by its secretariat."""

    queryset = CollaborationDocument.objects.all()
    serializer_class = DocumentSerializer
    filterset_fields = ["collaboration", "kind"]
