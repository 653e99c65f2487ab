"""Access policies of this app (registered with digisam.core.permissions).

Portfolio rules differ from the default collaboration rules, because a member decides per
collaboration what it shows (SharingSetting):
- a municipality's own users (coordinator, member user, finance officer) read its usages and
  contracts with their economy; its coordinator writes them;
- a collaboration's secretariat and the users of its other active members (membership role "member";
  not observers, partners or vendor partners) read a member's usages and contracts only if that
  member is an active member and shares its portfolio with that collaboration;
  contract economy (costs, fees, uplifts) only if it also shares economy there;
- observers and the public `published` flag never open a portfolio;
- platform admins read and write everything.
"""

from __future__ import annotations

import datetime

from django.db.models import Q

from digisam.core.permissions import ADD, VIEW, Policy, access_for, register

from .models import (
    Category,
    CategoryMapping,
    Contact,
    Contract,
    HarmonisationSnapshot,
    HarmonisationTarget,
    PortfolioImport,
    Product,
    SharingSetting,
    UpdateRequest,
    Usage,
)


def portfolio_collaborations(access) -> set[int]:
    """Collaborations through which the user may see members' portfolios: those it is secretariat of,
    and those where one of its organisations is an active *member* (not an observer, partner or vendor
    partner: a vendor must never see its customers' contracts)."""
    cached = getattr(access, "_portfolio_collaborations", None)
    if cached is not None:
        return cached
    from digisam.collaborations.models import PRICE_READING_ROLES, Membership, MembershipStatus

    result = set(access.secretariat_collaborations)
    if access.organisations:
        today = datetime.date.today()
        result |= set(Membership.objects.filter(
            organisation_id__in=access.organisations, status=MembershipStatus.ACTIVE, role__in=PRICE_READING_ROLES,
        ).filter(Q(left_on__isnull=True) | Q(left_on__gte=today)).values_list("collaboration_id", flat=True))
    access._portfolio_collaborations = result
    return result


def shared_organisations(access, *, economy: bool = False) -> set[int]:
    """Organisations whose portfolio (economy=True: economy) the user sees through a collaboration:
    active members sharing with a collaboration where the user is secretariat or a fellow member."""
    cache_name = "_portfolio_economy_orgs" if economy else "_portfolio_orgs"
    cached = getattr(access, cache_name, None)
    if cached is not None:
        return cached
    from digisam.collaborations.models import Membership, MembershipStatus

    collaborations = portfolio_collaborations(access)
    result: set[int] = set()
    if collaborations:
        flag = {"share_economy": True} if economy else {"share_portfolio": True}
        today = datetime.date.today()
        active = Membership.objects.filter(
            collaboration_id__in=collaborations, status=MembershipStatus.ACTIVE, joined_on__lte=today,
        ).filter(Q(left_on__isnull=True) | Q(left_on__gte=today)).values_list("collaboration_id", "organisation_id")
        active_pairs = set(active)
        for collaboration_id, organisation_id in SharingSetting.objects.filter(
            collaboration_id__in=collaborations, **flag
        ).values_list("collaboration_id", "organisation_id"):
            if (collaboration_id, organisation_id) in active_pairs:
                result.add(organisation_id)
    setattr(access, cache_name, result)
    return result


def can_see_economy(user, organisation_id) -> bool:
    """Whether the user may see contract economy of `organisation_id` anywhere (own or shared)."""
    access = access_for(user)
    if not access.is_authenticated:
        return False
    if access.is_admin or organisation_id in access.organisations:
        return True
    return organisation_id in shared_organisations(access, economy=True)


def economy_filter(user):
    """A callable organisation_id → bool, computed once (for lists and exports)."""
    access = access_for(user)
    if not access.is_authenticated:
        return lambda organisation_id: False
    if access.is_admin:
        return lambda organisation_id: True
    allowed = set(access.organisations) | shared_organisations(access, economy=True)
    return lambda organisation_id: organisation_id in allowed


class ReferencePolicy(Policy):
    """Catalogue entries are reference data: every signed-in user reads them; platform admins
    maintain them."""

    public = True
    writers = ()


register(Category, ReferencePolicy)


@register(Product)
class ProductPolicy(ReferencePolicy):
    """Products are reference data too, but a municipality's coordinator may add a product that is
    missing from the catalogue (typing it in or importing its portfolio); only admins change or
    delete products."""

    def restrict(self, user, action, queryset):
        access = access_for(user)
        if action == ADD and access.coordinator_organisations:
            return queryset
        return super().restrict(user, action, queryset)

    def allows(self, user, action, obj):
        access = access_for(user)
        if action == ADD and access.is_authenticated and access.coordinator_organisations:
            return True
        return super().allows(user, action, obj)

    def can_add_in(self, user, *, collaboration=None, organisation=None):
        access = access_for(user)
        return access.is_admin or bool(access.coordinator_organisations)


class PortfolioPolicy(Policy):
    """Usages and contracts: own organisation, or shared with a collaboration the user belongs to
    (see the module docstring). Written by the organisation's coordinator."""

    organisation_path = "organisation"
    writers = ("organisation",)

    def read_q(self, access):
        return Q(organisation_id__in=set(access.organisations) | shared_organisations(access))

    def allows(self, user, action, obj):
        access = access_for(user)
        if action == VIEW and access.is_authenticated and not access.is_admin:
            return obj.organisation_id in access.organisations or obj.organisation_id in shared_organisations(access)
        return super().allows(user, action, obj)

    def history_restrict(self, user, queryset):
        """A contract's history holds its economy: only those who see that economy read it (the
        object history and the audit lists)."""
        queryset = super().history_restrict(user, queryset)
        access = access_for(user)
        if self.model is not Contract or access.is_admin:
            return queryset
        return queryset.filter(organisation_id__in=set(access.organisations) | shared_organisations(access, economy=True))


register(Usage, PortfolioPolicy)
register(Contract, PortfolioPolicy)
register(Contact, PortfolioPolicy)


@register(CategoryMapping)
class CategoryMappingPolicy(ReferencePolicy):
    """The remembered category choices are shared reference data (one UUID is one system in every
    municipality): every signed-in user reads them; a municipality's coordinator records or corrects
    a choice while reviewing its import; admins maintain them."""

    def _coordinator(self, user):
        access = access_for(user)
        return access.is_authenticated and bool(access.coordinator_organisations)

    def restrict(self, user, action, queryset):
        if action != VIEW and self._coordinator(user):
            return queryset
        return super().restrict(user, action, queryset)

    def allows(self, user, action, obj):
        from digisam.core.permissions import CHANGE

        if action in (ADD, CHANGE) and self._coordinator(user):
            return True
        return super().allows(user, action, obj)

    def can_add_in(self, user, *, collaboration=None, organisation=None):
        return access_for(user).is_admin or self._coordinator(user)


@register(SharingSetting)
class SharingPolicy(Policy):
    """The member's coordinator decides what it shares; the collaboration's secretariat and the
    member's users read the setting (so the secretariat knows what it will see)."""

    collaboration_path = "collaboration"
    organisation_path = "organisation"
    writers = ("organisation",)

    def read_q(self, access):
        return Q(organisation_id__in=access.organisations) | Q(collaboration_id__in=access.secretariat_collaborations)

    def allows(self, user, action, obj):
        access = access_for(user)
        if action == VIEW and access.is_authenticated and not access.is_admin:
            return obj.organisation_id in access.organisations or (
                obj.collaboration_id in access.secretariat_collaborations
            )
        return super().allows(user, action, obj)


class CollaborationScopedPolicy(Policy):
    """Harmonisation figures and targets belong to a collaboration: its members and secretariat read
    them, the secretariat sets the target. Snapshots are written by the system."""

    collaboration_path = "collaboration"
    writers = ("collaboration",)

    def read_q(self, access):
        return Q(collaboration_id__in=portfolio_collaborations(access))

    def allows(self, user, action, obj):
        access = access_for(user)
        if action == VIEW and access.is_authenticated and not access.is_admin:
            return obj.collaboration_id in portfolio_collaborations(access)
        return super().allows(user, action, obj)


register(HarmonisationSnapshot, CollaborationScopedPolicy)
register(HarmonisationTarget, CollaborationScopedPolicy)


@register(PortfolioImport)
class ImportPolicy(Policy):
    """An uploaded file is the organisation's: only its own users read it, its coordinator writes."""

    organisation_path = "organisation"
    writers = ("organisation",)


@register(UpdateRequest)
class UpdateRequestPolicy(Policy):
    """A "please update" request: the collaboration's secretariat sends it (writes); the secretariat
    and the asked member's own users read it. Fellow members do not see who was chased."""

    collaboration_path = "collaboration"
    organisation_path = "organisation"
    writers = ("collaboration",)

    def read_q(self, access):
        return Q(organisation_id__in=access.organisations) | Q(collaboration_id__in=access.secretariat_collaborations)

    def allows(self, user, action, obj):
        access = access_for(user)
        if action == VIEW and access.is_authenticated and not access.is_admin:
            return obj.organisation_id in access.organisations or (
                obj.collaboration_id in access.secretariat_collaborations)
        return super().allows(user, action, obj)
