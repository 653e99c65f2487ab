"""Builds a `digisam.plan-instance/1` document from a collaboration's shared contracts.

Only what the members share with *this* collaboration is used (portfolio selectors); the planner
needs annual costs, so a contract whose economy is not shared is left out, and so is every other
contract the planner cannot use — each with its reason, shown to the secretariat. Category
parameters (q, F, f, L, D, g, discount tiers) are the portfolio categories' editable values;
populations are the reference data's latest figure at the plan's first month.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from digisam.organisations.models import population_map

INSTANCE_FORMAT = "digisam.plan-instance/1"


@dataclass
class Built:
    instance: dict
    left_out: list[dict] = field(default_factory=list)
    contract_info: dict = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    @property
    def contract_count(self):
        return len(self.instance["contracts"])


def month_start(text: str) -> datetime.date:
    year, month = text.split("-")
    return datetime.date(int(year), int(month), 1)


def month_diff(a: str, b: str) -> int:
    """Months from b to a ("YYYY-MM")."""
    ya, ma = map(int, a.split("-"))
    yb, mb = map(int, b.split("-"))
    return (ya - yb) * 12 + (ma - mb)


def build_instance(scenario) -> Built:
    from digisam.portfolio import selectors

    collaboration = scenario.collaboration
    start = scenario.start_month
    start_day = month_start(start)
    wanted = set(scenario.categories or [])
    opt_outs = {(o.organisation_id, o.category): o.reason for o in collaboration.plan_opt_outs.all()}
    earliest = {(r["municipality"], r["category"]): r["month"] for r in scenario.earliest_start_rows()}

    left_out: list[dict] = []

    def leave_out(contract, reason):
        left_out.append({
            "contract": contract.pk, "municipality": contract.organisation.code,
            "name": contract.organisation.name, "category": contract.category.slug,
            "category_name": contract.category.name, "contract_name": str(contract), "reason": reason,
        })

    all_shared = list(selectors.visible_contracts(collaboration, include_economy=False).order_by(
        "organisation__code", "category__sort_order", "category__slug", "expires", "pk"))
    populations = population_map({c.organisation_id for c in all_shared}, start_day)
    chosen: dict[tuple[str, str], object] = {}
    for contract in all_shared:
        category = contract.category
        if contract.parent_id:
            leave_out(contract, _("tillægskontrakt: omkostningerne tælles med i den overordnede kontrakt"))
            continue
        if wanted and category.slug not in wanted:
            leave_out(contract, _("kategorien er ikke med i scenariet"))
            continue
        if not contract.economy_shared:
            leave_out(contract, _("kontraktøkonomien er ikke delt med samarbejdet (planen kræver årlige omkostninger)"))
            continue
        if not contract.organisation.code:
            leave_out(contract, _("organisationen har ingen kommunekode"))
            continue
        if contract.expires is None:
            leave_out(contract, _("løbende kontrakt uden udløbsdato"))
            continue
        if not contract.annual_cost:
            leave_out(contract, _("ingen årlig omkostning registreret"))
            continue
        if not populations.get(contract.organisation_id):
            leave_out(contract, _("intet indbyggertal registreret for kommunen"))
            continue
        row = selectors.planner_contract(contract, start=start_day)
        if month_diff(row["expires"], start) < 0:
            leave_out(contract, _("kontrakten er udløbet før planens første måned"))
            continue
        key = (contract.organisation.code, category.slug)
        if key in chosen:
            leave_out(contract, _("kommunen har flere kontrakter i kategorien; den der udløber først planlægges"))
            continue
        chosen[key] = (contract, row)

    contracts, categories, municipalities, info = [], {}, {}, {}
    warnings: list[str] = []
    for (code, slug), (contract, row) in chosen.items():
        reason = opt_outs.get((contract.organisation_id, slug))
        if reason is not None:
            row["opt_out"] = True
        override = earliest.get((code, slug))
        if override and month_diff(override, start) >= 0:
            if row["earliest_start"] is None or month_diff(override, row["earliest_start"]) > 0:
                row["earliest_start"] = override
        if row["earliest_start"] is not None and month_diff(row["earliest_start"], start) < 0:
            row["earliest_start"] = None  # before the plan starts: no restriction
        contracts.append(row)
        if slug not in categories:
            categories[slug] = selectors.planner_category(contract.category)
            if not contract.category.price_per_inhabitant_year:
                warnings.append(_("Kategorien %(c)s har ingen listepris pr. indbygger (q = 0).") % {"c": contract.category.name})
        municipalities[code] = {
            "code": code, "name": contract.organisation.name, "population": populations[contract.organisation_id],
        }
        info[f"{code}/{slug}"] = {
            "contract": contract.pk,
            "label": str(contract),
            "product": row["product"],
            "notice_months": contract.notice_months,
            "notice_runs_to": contract.notice_runs_to,
            "expires": contract.expires.isoformat() if contract.expires else None,
            "opt_out_reason": reason or "",
        }
    instance = {
        "format": INSTANCE_FORMAT,
        "start": start,
        "horizon_months": scenario.horizon_months,
        "max_parallel_joint_tenders": scenario.capacity,
        "individual_rationality": scenario.individual_rationality,
        "municipalities": sorted(municipalities.values(), key=lambda m: m["code"]),
        "categories": list(categories.values()),
        "contracts": contracts,
    }
    if any(code_slug not in chosen for code_slug in earliest):
        category_names, municipality_names = scenario._names()
    for code_slug in earliest:
        if code_slug not in chosen:
            warnings.append(_("Tidligste start for %(m)s/%(c)s bruges ikke: ingen kontrakt i planen.")
                            % {"m": municipality_names.get(code_slug[0], code_slug[0]),
                               "c": category_names.get(code_slug[1], code_slug[1])})
    return Built(instance=instance, left_out=left_out, contract_info=info, warnings=warnings)
