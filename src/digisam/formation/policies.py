from django.db.models import Q

from digisam.core.permissions import VIEW, Policy, access_for, register

from .models import (
    CourseChange,
    CourseChoice,
    ExitTerms,
    Formation,
    JoiningEstimate,
    MemberDecision,
    OwnStrategy,
    Rescoping,
    Withdrawal,
)


@register(Formation)
class FormationPolicy(Policy):
    """The secretariat of the collaboration in formation and the initiating municipality's
    coordinator manage it. Every municipality invited to decide (it has a `MemberDecision`) reads
    it — those are applicants, not yet members, so the collaboration's own rule would not let them —
    and so does everyone for a published collaboration."""

    collaboration_path = "collaboration"
    organisation_path = "initiator"
    published_path = "collaboration__published"
    writers = ("collaboration", "organisation")

    def read_q(self, access):
        return super().read_q(access) | Q(decisions__organisation_id__in=access.organisations)

    def allows(self, user, action, obj):
        if super().allows(user, action, obj):
            return True
        access = access_for(user)
        return bool(action == VIEW and access.is_authenticated and obj.pk and obj.decisions.filter(
            organisation_id__in=access.organisations).exists())


@register(MemberDecision)
class MemberDecisionPolicy(Policy):
    """A municipality's coordinator records its own decision; the secretariat records any member's.
    Read by those who read the formation."""

    collaboration_path = "formation__collaboration"
    organisation_path = "organisation"
    published_path = "formation__collaboration__published"
    writers = ("collaboration", "organisation")

    def read_q(self, access):
        return super().read_q(access) | Q(formation__decisions__organisation_id__in=access.organisations) | Q(
            formation__initiator_id__in=access.organisations)


@register(ExitTerms)
class ExitTermsPolicy(Policy):
    """The rules for leaving are part of the collaboration: read like it, set by the secretariat."""

    collaboration_path = "collaboration"
    published_path = "collaboration__published"


@register(Withdrawal)
class WithdrawalPolicy(Policy):
    """A member's coordinator gives notice for its own municipality; the secretariat registers any
    member's. Read by the collaboration's readers and the leaving municipality (also after it left)."""

    collaboration_path = "membership__collaboration"
    organisation_path = "membership__organisation"
    writers = ("collaboration", "organisation")


@register(CourseChange)
class CourseChangePolicy(Policy):
    """A change of course is the collaboration's decision: read like it, recorded by the secretariat."""

    collaboration_path = "collaboration"
    published_path = "collaboration__published"


@register(Rescoping)
class RescopingPolicy(FormationPolicy):
    """Part of the formation's history: read and written like the formation."""

    collaboration_path = "formation__collaboration"
    organisation_path = "formation__initiator"
    published_path = "formation__collaboration__published"

    def read_q(self, access):
        return Policy.read_q(self, access) | Q(formation__decisions__organisation_id__in=access.organisations)

    def allows(self, user, action, obj):
        if Policy.allows(self, user, action, obj):
            return True
        access = access_for(user)
        return bool(action == VIEW and access.is_authenticated and obj.formation.decisions.filter(
            organisation_id__in=access.organisations).exists())


@register(JoiningEstimate)
class JoiningEstimatePolicy(Policy):
    """A prospective member's tender estimate is built from its own portfolio: only the
    municipality's own users read it and its coordinator starts it. The collaboration's secretariat
    does not see it — the municipality has not shared its portfolio with the collaboration."""

    organisation_path = "organisation"
    writers = ("organisation",)
    # the solved instance holds the members' contracts: the audit log keeps only a fingerprint
    audit_redacted = ("instance", "groups")


@register(CourseChoice)
class CourseChoicePolicy(Policy):
    """A member's coordinator records its own choice; the secretariat any member's. Read like the
    collaboration's course changes."""

    collaboration_path = "change__collaboration"
    organisation_path = "organisation"
    published_path = "change__collaboration__published"
    writers = ("collaboration", "organisation")


@register(OwnStrategy)
class OwnStrategyPolicy(CourseChoicePolicy):
    """As a member's course choice."""
