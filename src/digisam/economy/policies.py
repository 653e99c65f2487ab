"""Access policies of this app (registered with digisam.core.permissions).

The economy differs from the general rules in three ways, hence the overrides:
- it is never published: observers and outsiders see none of it, only the collaboration's
  secretariat and users of its member organisations do;
- a member's own registrations (FTE, project hours, orders) are read and written by that member's
  coordinator and finance officer (and the secretariat) — other members do not see them;
- a statement (its metadata and the collaboration totals) is readable by every member; the full
  content (`StatementContent`) only by the secretariat, and each `MemberStatement` only by that member
  and the secretariat. Members' finance officers may generate (draft) statements, only the
  secretariat approves them;
- the audit entries of a member's own figures and statement are scoped to the member organisation,
  not to the collaboration (`audit_in_collaboration = False`): the core audit log shows entries to
  everyone who reads the collaboration, which would show other members' hours and lines. The
  secretariat still sees each object's history on its audit page.
"""

from django.db.models import Q

from digisam.core.permissions import ADD, CHANGE, VIEW, Access, Policy, access_for, register

from .models import (
    Charge,
    CustomKey,
    EconomyYear,
    FteFigure,
    HoursEntry,
    MemberStatement,
    Order,
    Project,
    Service,
    SharedSpecialist,
    Statement,
    StatementContent,
    TurnLedgerEntry,
)


def economy_readers(access: Access) -> set[int]:
    """Collaborations whose economy the user may read: the one rule of `Access.price_collaborations`
    (observers and vendor partners excluded)."""
    return access.price_collaborations


def member_writer_organisations(access: Access) -> set[int]:
    """Organisations whose own figures the user registers: as coordinator or finance officer."""
    return access.coordinator_organisations | access.finance_organisations


def finance_collaborations(access: Access) -> set[int]:
    """Collaborations where one of the user's finance-officer organisations is a member."""
    from digisam.collaborations.models import PRICE_READING_ROLES, Membership, MembershipStatus

    if not access.finance_organisations:
        return set()
    return set(Membership.objects.filter(
        organisation_id__in=access.finance_organisations,
        status__in=[MembershipStatus.APPROVED, MembershipStatus.ACTIVE], role__in=PRICE_READING_ROLES,
    ).values_list("collaboration_id", flat=True))


def has_full_access(user, collaboration_id) -> bool:
    """Platform admins and the collaboration's secretariat see every member's figures."""
    access = access_for(user)
    return access.is_admin or collaboration_id in access.secretariat_collaborations


class EconomyPolicy(Policy):
    """Collaboration-level economy definitions: read by the secretariat and members, written by the
    secretariat. Subclasses with `own_figures` are a member's own registrations."""

    own_figures = False
    #: False: audit entries carry only the organisation (see the module docstring)
    audit_in_collaboration = True

    def collaboration_id(self, obj):
        """The collaboration recorded on audit entries."""
        return self.collaboration_of(obj) if self.audit_in_collaboration else None

    def collaboration_of(self, obj):
        return Policy.collaboration_id(self, obj)

    def _path(self, path):
        return "pk" if path == "self" else path

    def read_q(self, access):
        coll = self._path(self.collaboration_path)
        if self.own_figures:
            org = self._path(self.organisation_path)
            return Q(**{f"{coll}__in": access.secretariat_collaborations}) | Q(**{f"{org}__in": access.organisations})
        return Q(**{f"{coll}__in": economy_readers(access)})

    def write_q(self, access):
        q = Q(**{f"{self._path(self.collaboration_path)}__in": access.secretariat_collaborations})
        if "organisation" in self.writers and self.organisation_path:
            q |= Q(**{f"{self._path(self.organisation_path)}__in": member_writer_organisations(access)})
        return q

    def allows(self, user, action, obj):
        access = access_for(user)
        if not access.is_authenticated:
            return False
        if access.is_admin:
            return True
        collaboration_id = self.collaboration_of(obj)
        organisation_id = self.organisation_id(obj)
        if action == VIEW:
            if collaboration_id in access.secretariat_collaborations:
                return True
            if self.own_figures:
                return organisation_id is not None and organisation_id in access.organisations
            return collaboration_id in economy_readers(access)
        if collaboration_id is not None and collaboration_id in access.secretariat_collaborations:
            return True
        if "organisation" in self.writers and organisation_id is not None:
            return organisation_id in member_writer_organisations(access)
        return False

    def can_add_in(self, user, *, collaboration=None, organisation=None):
        access = access_for(user)
        if access.is_admin:
            return True
        if collaboration is not None and collaboration.pk in access.secretariat_collaborations:
            return True
        if "organisation" in self.writers:
            if organisation is not None:
                return organisation.pk in member_writer_organisations(access)
            if collaboration is not None:
                return bool(writable_member_organisations(user, collaboration))
        return False


def writable_member_organisations(user, collaboration) -> list:
    """The member organisations of `collaboration` whose own figures the user may register."""
    from digisam.organisations.models import Organisation

    access = access_for(user)
    members = Organisation.objects.filter(memberships__collaboration=collaboration).distinct().order_by("code", "name")
    if access.is_admin or collaboration.pk in access.secretariat_collaborations:
        return list(members)
    return list(members.filter(pk__in=member_writer_organisations(access)))


@register(EconomyYear)
class EconomyYearPolicy(EconomyPolicy):
    """An economy year: the secretariat sets it up, approves and reopens it."""

    collaboration_path = "collaboration"


class YearPartPolicy(EconomyPolicy):
    """Definitions inside a year (charges, keys, specialists, catalogue, projects)."""

    collaboration_path = "year__collaboration"


for _model in (Charge, CustomKey, SharedSpecialist, Service, Project):
    register(_model, YearPartPolicy)


@register(FteFigure)
class FtePolicy(EconomyPolicy):
    """A member's FTE: its coordinator and finance officer register it; other members don't see it."""

    collaboration_path = "year__collaboration"
    organisation_path = "organisation"
    writers = ("collaboration", "organisation")
    own_figures = True
    audit_in_collaboration = False


@register(HoursEntry)
class HoursEntryPolicy(FtePolicy):
    """A member's project hours: registered by its coordinator and finance officer."""

    collaboration_path = "project__year__collaboration"


@register(Order)
class OrderPolicy(FtePolicy):
    """A member's orders from the catalogue: placed by its coordinator and finance officer."""

    collaboration_path = "service__year__collaboration"


@register(Statement)
class StatementPolicy(EconomyPolicy):
    """Statements: every member reads one (narrowed to its own lines by `statement_view`); the
    secretariat and members' finance officers generate drafts; an approved statement is written only
    by the secretariat (and then only its current-version flag)."""

    collaboration_path = "year__collaboration"

    def write_q(self, access):
        return Q(year__collaboration__in=access.secretariat_collaborations) | Q(
            year__collaboration__in=finance_collaborations(access), approved_at__isnull=True
        )

    def allows(self, user, action, obj):
        if super().allows(user, action, obj):
            return True
        if action in (ADD, CHANGE) and obj.approved_at is None:
            return self.collaboration_of(obj) in finance_collaborations(access_for(user))
        return False


@register(StatementContent)
class StatementContentPolicy(EconomyPolicy):
    """The full statement (all members, the scenario): the secretariat reads it; it is written once,
    by whoever may generate the statement; its audit entries are not scoped to the collaboration."""

    collaboration_path = "statement__year__collaboration"
    audit_in_collaboration = False

    def read_q(self, access):
        return Q(statement__year__collaboration__in=access.secretariat_collaborations)

    def write_q(self, access):
        return Q(statement__year__collaboration__in=access.secretariat_collaborations) | Q(
            statement__year__collaboration__in=finance_collaborations(access), statement__approved_at__isnull=True
        )

    def allows(self, user, action, obj):
        access = access_for(user)
        if not access.is_authenticated:
            return False
        if access.is_admin or self.collaboration_of(obj) in access.secretariat_collaborations:
            return True
        return action == ADD and self.collaboration_of(obj) in finance_collaborations(access)


@register(MemberStatement)
class MemberStatementPolicy(StatementContentPolicy):
    """One member's statement: read by that member's users and the secretariat; audit entries carry
    the member organisation only."""

    organisation_path = "organisation"

    def read_q(self, access):
        return super().read_q(access) | Q(organisation__in=access.organisations)

    def allows(self, user, action, obj):
        if action == VIEW:
            access = access_for(user)
            if access.is_authenticated and obj.organisation_id in access.organisations:
                return True
        return super().allows(user, action, obj)


@register(TurnLedgerEntry)
class TurnLedgerPolicy(EconomyPolicy):
    """The turn-taking ledger is the whole collaboration's: every member reads all of it (that is the
    point: everyone sees it stays even); the secretariat and the doer's coordinator/finance officer
    write an entry."""

    collaboration_path = "collaboration"
    organisation_path = "organisation"
    writers = ("collaboration", "organisation")
