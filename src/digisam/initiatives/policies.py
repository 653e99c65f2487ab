"""Access policies of this app (registered with digisam.core.permissions).

In words: the collaboration's secretariat manages initiatives, benefits, business cases, proposals,
meetings and gates; member users read everything of collaborations their organisation belongs to;
observers read what is published (initiatives marked published in a published collaboration, and
the collaboration's proposals and meetings when the collaboration is published). A member's
coordinator opts its own organisation in or out (Participation) and casts its own organisation's
ballot (Ballot) — the secretariat does not vote for members."""

from digisam.core.permissions import CHANGE, DELETE, VIEW, Policy, access_for, register

from .models import (
    ActionItem,
    Ballot,
    Benefit,
    BenefitExpectation,
    BenefitRealisation,
    BudgetLine,
    BusinessCase,
    BusinessCaseLine,
    ForumPosition,
    Gate,
    Initiative,
    MapElement,
    Meeting,
    Notification,
    Participation,
    PhaseModel,
    Proposal,
    ProposalDocument,
    ProposalStatus,
)


@register(PhaseModel)
class PhaseModelPolicy(Policy):
    collaboration_path = "collaboration"
    published_path = "collaboration__published"


@register(Initiative)
class InitiativePolicy(Policy):
    collaboration_path = "collaboration"
    published_path = "published"


class InitiativePartPolicy(Policy):
    collaboration_path = "initiative__collaboration"
    published_path = "initiative__published"


for _model in (BudgetLine, Benefit, MapElement, Gate):
    register(_model, InitiativePartPolicy)


class BenefitPartPolicy(Policy):
    collaboration_path = "benefit__initiative__collaboration"
    published_path = "benefit__initiative__published"


for _model in (BenefitExpectation, BenefitRealisation):
    register(_model, BenefitPartPolicy)


@register(BusinessCase)
class BusinessCasePolicy(InitiativePartPolicy):
    pass


@register(BusinessCaseLine)
class BusinessCaseLinePolicy(Policy):
    collaboration_path = "case__initiative__collaboration"
    published_path = "case__initiative__published"


@register(Participation)
class ParticipationPolicy(Policy):
    """The secretariat records choices for any member; a coordinator opts its own organisation in
    or out."""

    collaboration_path = "initiative__collaboration"
    organisation_path = "organisation"
    published_path = "initiative__published"
    writers = ("collaboration", "organisation")

    def allows(self, user, action, obj):
        # A coordinator may only choose for initiatives of collaborations its organisation is in:
        # the organisation path alone would let it write into any collaboration.
        if action != VIEW and not access_for(user).is_admin:
            access = access_for(user)
            if obj.initiative_id and obj.initiative.collaboration_id not in access.readable_collaborations:
                return False
        return super().allows(user, action, obj)


@register(Proposal)
class ProposalPolicy(Policy):
    collaboration_path = "collaboration"
    published_path = "collaboration__published"


class ProposalPartPolicy(Policy):
    collaboration_path = "proposal__collaboration"
    published_path = "proposal__collaboration__published"


for _model in (ProposalDocument, ForumPosition):
    register(_model, ProposalPartPolicy)


@register(Ballot)
class BallotPolicy(Policy):
    """Only the member's coordinator (and platform admins) cast or change the member's ballot, and
    only while the vote is open: once the proposal is closed no ballot can change or be deleted —
    not even by an admin. Everyone who reads the proposal reads its ballots."""

    collaboration_path = "proposal__collaboration"
    organisation_path = "organisation"
    published_path = "proposal__collaboration__published"
    writers = ("organisation",)

    def allows(self, user, action, obj):
        if action in (CHANGE, DELETE) and obj.pk:
            stored = Ballot.objects.filter(pk=obj.pk).select_related("proposal").first()
            if stored is not None and stored.proposal.status == ProposalStatus.CLOSED:
                return False
        if action != VIEW and obj.proposal_id and obj.proposal.status == ProposalStatus.CLOSED:
            return False
        if action != VIEW and not access_for(user).is_admin and obj.proposal_id:
            if obj.proposal.collaboration_id not in access_for(user).member_collaborations:
                return False
        return super().allows(user, action, obj)

    def restrict(self, user, action, queryset):
        queryset = super().restrict(user, action, queryset)
        if action != VIEW:
            queryset = queryset.exclude(proposal__status=ProposalStatus.CLOSED)
        return queryset


@register(Meeting)
class MeetingPolicy(Policy):
    collaboration_path = "body__collaboration"
    published_path = "body__collaboration__published"


@register(ActionItem)
class ActionItemPolicy(Policy):
    collaboration_path = "meeting__body__collaboration"
    published_path = "meeting__body__collaboration__published"


@register(Notification)
class NotificationPolicy(Policy):
    """A notification is private to its recipient: only they read it and mark it read. It is
    created by the system (services.SYSTEM); it is not tied to a collaboration in the audit log."""

    def restrict(self, user, action, queryset):
        access = access_for(user)
        if not access.is_authenticated:
            return queryset.none()
        if access.is_admin and action != VIEW:
            return queryset
        if action in (VIEW, CHANGE):
            return queryset.filter(user_id=getattr(user, "pk", None))
        return queryset.none()

    def allows(self, user, action, obj):
        access = access_for(user)
        if not access.is_authenticated:
            return False
        if access.is_admin:
            return True
        return action in (VIEW, CHANGE) and obj.user_id == getattr(user, "pk", None)
