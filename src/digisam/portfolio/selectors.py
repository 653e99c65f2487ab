"""Read paths for portfolio data seen through one collaboration (harmonisation view, planning input).

These respect the members' SharingSetting for *that* collaboration only: an organisation that shares
with another collaboration but not this one never appears here. Callers that serve a user still
narrow by `permissions.restrict` (the user must be able to read the collaboration); these selectors
add the per-collaboration sharing rule on top.

Stable names used by other apps (planning): `visible_contracts`, `visible_usages`,
`sharing_members`, `economy_shared_organisation_ids`, `economy_shared`.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db.models import BooleanField, Case, Q, QuerySet, Value, When

from .models import Contract, SharingSetting, Usage


def _active_member_ids(collaboration, on: datetime.date | None = None) -> list[int]:
    return list(collaboration.active_memberships(on).values_list("organisation_id", flat=True))


def sharing_members(collaboration, *, on: datetime.date | None = None) -> list[int]:
    """Organisation ids of the active members that share their portfolio with the collaboration."""
    members = _active_member_ids(collaboration, on)
    return list(
        SharingSetting.objects.filter(
            collaboration=collaboration, organisation_id__in=members, share_portfolio=True
        ).values_list("organisation_id", flat=True)
    )


def economy_shared_organisation_ids(collaboration, *, on: datetime.date | None = None) -> set[int]:
    """Organisation ids of the active members that share portfolio *and* contract economy."""
    members = _active_member_ids(collaboration, on)
    return set(
        SharingSetting.objects.filter(
            collaboration=collaboration, organisation_id__in=members, share_portfolio=True, share_economy=True
        ).values_list("organisation_id", flat=True)
    )


def economy_shared(collaboration, organisation) -> bool:
    organisation_id = getattr(organisation, "pk", organisation)
    return organisation_id in economy_shared_organisation_ids(collaboration)


def visible_contracts(collaboration, *, include_economy: bool, on: datetime.date | None = None,
                      members: list[int] | None = None, economy_ids: set[int] | None = None) -> QuerySet:
    """Contracts of the collaboration's active members that share their portfolio with it.

    Every contract is annotated with `economy_shared` (bool). With `include_economy=True` only
    contracts whose economy is shared too are returned — use this for anything that reads costs,
    fees or uplifts (the planning input). With `include_economy=False` all portfolio-shared
    contracts are returned and the caller must hide the economy fields where `economy_shared` is
    false. `members` and `economy_ids`: the results of `sharing_members` and
    `economy_shared_organisation_ids` for the same collaboration and day, when the caller has them.
    """
    members = sharing_members(collaboration, on=on) if members is None else members
    economy_ids = economy_shared_organisation_ids(collaboration, on=on) if economy_ids is None else economy_ids
    qs = Contract.objects.filter(organisation_id__in=members)
    if include_economy:
        qs = qs.filter(organisation_id__in=economy_ids)
    return qs.select_related("organisation", "category", "product", "supplier").prefetch_related(
        "supplements").annotate(
        economy_shared=Case(
            When(Q(organisation_id__in=economy_ids), then=Value(True)),
            default=Value(False), output_field=BooleanField(),
        )
    )


def visible_usages(collaboration, *, on: datetime.date | None = None, members: list[int] | None = None) -> QuerySet:
    """Usages of the active members that share their portfolio with the collaboration (`members`:
    the result of `sharing_members` for the same collaboration and day, when the caller has it)."""
    members = sharing_members(collaboration, on=on) if members is None else members
    return Usage.objects.filter(organisation_id__in=members).select_related(
        "organisation", "category", "product"
    )


def planner_contract(contract, *, start: datetime.date) -> dict:
    """One contract in the planner's instance format (digisam.plan-instance/1). The caller must
    only pass contracts whose economy is shared (visible_contracts(..., include_economy=True))."""
    from . import contract_dates

    def month(day):
        return f"{day.year:04d}-{day.month:02d}" if day else None

    expires = contract_dates.first_month_not_covered(contract.expires) if contract.expires else None
    # A supplement (Tillægskontrakt) is part of its parent: its yearly costs are the parent's too,
    # counted once here — the builder leaves the supplement itself out.
    annual = contract.annual_cost + sum((s.annual_cost for s in contract.supplements.all()), start=Decimal("0"))
    return {
        "municipality": contract.organisation.code,
        "category": contract.category.slug,
        "product": contract.product.name if contract.product_id else "",
        "annual_cost": float(annual),
        "expires": month(expires),
        "max_extension_months": contract.remaining_extension_months,
        "extension_uplift": float(contract.extension_uplift),
        "early_exit_months": contract.early_exit_months,
        "early_exit_fee": float(contract.early_exit_fee),
        "opt_out": contract.opt_out,
        "earliest_start": month(contract.earliest_start),
    }


def planner_category(category) -> dict:
    """One category in the planner's instance format."""
    return {
        "id": category.slug,
        "name": category.name,
        "price_per_inhabitant_year": float(category.price_per_inhabitant_year),
        "tender_fixed_cost": float(category.tender_fixed_cost),
        "tender_cost_per_participant": float(category.tender_cost_per_participant),
        "preparation_months": category.preparation_months,
        "framework_months": category.framework_months,
        "harmonisation_saving_per_participant_year": float(category.harmonisation_saving_per_participant_year),
        "discount_tiers": category.discount_tiers,
    }
