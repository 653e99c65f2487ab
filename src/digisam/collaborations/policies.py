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


for model in (CollaborationDocument, Membership, Body, DecisionRule):
    register(model, CollaborationPartPolicy)


@register(Seat)
class SeatPolicy(Policy):
    collaboration_path = "body__collaboration"
    published_path = "body__collaboration__published"
