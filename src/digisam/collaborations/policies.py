from digisam.core.permissions import Policy, register

from .models import Body, Collaboration, CollaborationDocument, DecisionRule, Membership, Seat


@register(Collaboration)
class CollaborationPolicy(Policy):
    """Members and the secretariat read a collaboration; everyone signed in reads a published one.
    Only the secretariat (and platform admins) change it; only platform admins create new ones."""

    collaboration_path = "self"
    published_path = "published"


class CollaborationPartPolicy(Policy):
    collaboration_path = "collaboration"
    published_path = "collaboration__published"


for model in (CollaborationDocument, Body, DecisionRule):
    register(model, CollaborationPartPolicy)


@register(Membership)
class MembershipPolicy(CollaborationPartPolicy):
    """The secretariat manages memberships. A coordinator may also apply on behalf of its own
    organisation to a collaboration that is open to newcomers (status 'applicant' only) and may
    withdraw that application; approval stays with the secretariat."""

    def allows(self, user, action, obj):
        if super().allows(user, action, obj):
            return True
        from digisam.core.permissions import ADD, DELETE, access_for

        from .models import MembershipStatus

        access = access_for(user)
        if action in (ADD, DELETE) and obj.organisation_id in access.coordinator_organisations:
            collaboration = obj.collaboration
            return bool(
                obj.status == MembershipStatus.APPLICANT
                and collaboration.open_to_newcomers
                and (collaboration.published or collaboration.pk in access.readable_collaborations)
            )
        return False


@register(Seat)
class SeatPolicy(Policy):
    collaboration_path = "body__collaboration"
    published_path = "body__collaboration__published"
