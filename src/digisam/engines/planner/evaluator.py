"""Independent evaluator of procurement plans: checks every rule and recomputes every figure.

This module shares no code with the solver; it works in exact rational arithmetic
(:class:`fractions.Fraction`) and rounds only when producing JSON (DKK to 2 decimals,
percentages to 4 decimals).

How the spec is read here (see also docs/planner.md):

* **Discount tier** of a tender: chosen by P, the summed population of the tender's
  *named participants* (solo tenders included: a solo tender of a large municipality gets
  the tier its own population reaches). All-units: the whole new contract gets δ.
* **Tender cost share** of a participant: ``F·pop/P + f``; the shares add up to the
  tender cost ``F + f·|S|``. If P were 0 (only possible with zero populations) F is split
  equally.
* **A participant's cost for the contract** = its tender share + current contract cost
  until the switch + new contract cost until the horizon − harmonisation saving (joint
  tenders only). This is the cost compared with the baseline in individual
  rationality, so the harmonisation saving *does* count in IR.
* **Baseline cost** of a contract = the cost of a solo tender at
  ``t = min(max(E, lo), hi)`` (tender cost ``F + f`` included).
* **Individual rationality** applies to joint tenders only, when the instance's
  ``individual_rationality`` is true: cost ≤ baseline cost + 1 DKK.
* **Capacity**: a joint tender with start s occupies months ``s−L … s−1``; months before
  month 0 are counted too (a joint tender with s < L already violates rule 3).
* **Must tender together** (digisam extension): every group of the instance's
  ``must_tender_together`` has all its members as participants of one and the same tender
  (a joint one, as a group has at least two members); other municipalities may join it.
* Figures are computed for every participant that refers to an existing contract, even
  when the plan breaks rules; such a plan is reported infeasible with its violations.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from .baseline import baseline_switch_month
from .model import Category, Contract, Instance, Plan, Tender

TOLERANCE = Fraction(1)  # DKK, individual rationality


def current_contract_cost(contract: Contract, t: int) -> Fraction:
    """``A/12·min(t, E) + A·(1+u)/12·max(0, t−E) + (T if t < E else 0)``."""
    a = contract.annual_cost
    e = contract.expires
    cost = a / 12 * min(t, e) + a * (1 + contract.extension_uplift) / 12 * max(0, t - e)
    if t < e:
        cost += contract.early_exit_fee
    return cost


def new_contract_cost(category: Category, population: Fraction, discount: Fraction, horizon: int, t: int) -> Fraction:
    """``q·pop·(1−δ)·(H−t)/12``."""
    return category.price_per_inhabitant_year * population * (1 - discount) * (horizon - t) / 12


def harmonisation_saving(category: Category, horizon: int, t: int) -> Fraction:
    """``g·(H−t)/12`` (joint tenders only)."""
    return category.harmonisation_saving_per_participant_year * (horizon - t) / 12


def tender_share(category: Category, population: Fraction, total_population: Fraction, size: int) -> Fraction:
    """``F·pop/P + f`` (equal split of F if P = 0)."""
    fixed = category.tender_fixed_cost
    if total_population == 0:
        return fixed / size + category.tender_cost_per_participant
    return fixed * population / total_population + category.tender_cost_per_participant


def baseline_contract_cost(instance: Instance, contract: Contract) -> Fraction:
    """Cost of the contract renewed alone at ``min(max(E, lo), hi)``."""
    category = instance.category(contract.category)
    population = instance.municipality(contract.municipality).population
    t = baseline_switch_month(instance, contract)
    discount = category.discount_for(population)
    return (
        tender_share(category, population, population, 1)
        + current_contract_cost(contract, t)
        + new_contract_cost(category, population, discount, instance.horizon_months, t)
    )


def dkk(value: Fraction) -> float:
    """Round to whole øre for reporting."""
    return float(round(value, 2))


def pct(savings: Fraction, baseline: Fraction) -> float:
    if baseline == 0:
        return 0.0
    return float(round(savings * 100 / baseline, 4))


@dataclass
class Evaluation:
    """Result of :func:`evaluate`: feasibility, violations, exact totals and a JSON-ready report."""

    feasible: bool
    violations: list[str]
    total_cost: Fraction
    baseline_cost: Fraction
    report: dict[str, Any] = field(default_factory=dict)

    @property
    def savings(self) -> Fraction:
        return self.baseline_cost - self.total_cost


def _describe(instance: Instance, index: int, tender: Tender) -> str:
    return f"tenders[{index}] ({tender.category} {instance.month(tender.start)})"


def evaluate(instance: Instance, plan: Plan) -> Evaluation:
    """Check ``plan`` against every rule of ``instance`` and recompute all figures."""
    H = instance.horizon_months
    violations: list[str] = []
    baseline: dict[tuple[str, str], Fraction] = {
        c.key: baseline_contract_cost(instance, c) for c in instance.in_scope_contracts()
    }
    seen: dict[tuple[str, str], int] = {}
    occupancy: dict[int, list[int]] = defaultdict(list)
    contract_cost: dict[tuple[str, str], Fraction] = {}
    tender_reports: list[dict[str, Any]] = []
    total = Fraction(0)

    for index, tender in enumerate(plan.tenders):
        where = _describe(instance, index, tender)
        if not instance.has_category(tender.category):
            violations.append(f"{where}: unknown category {tender.category}")
            continue
        category = instance.category(tender.category)
        s = tender.start
        joint = len(tender.participants) >= 2
        rows: list[tuple[Contract, int, Fraction]] = []
        for p in tender.participants:
            who = f"{where} municipality {p.municipality}"
            if not instance.has_municipality(p.municipality):
                violations.append(f"{who}: unknown municipality {p.municipality}")
                continue
            contract = instance.contract(p.municipality, tender.category)
            if contract is None:
                violations.append(f"{who}: has no contract in category {tender.category}")
                continue
            if contract.key in seen:
                violations.append(
                    f"{who}: contract already planned in tenders[{seen[contract.key]}]; "
                    "every contract must be in exactly one tender"
                )
            else:
                seen[contract.key] = index
            if not instance.in_scope(contract):
                violations.append(
                    f"{who}: contract expires {instance.month(contract.expires)}, beyond the horizon; "
                    "it must not be planned"
                )
            t = p.contract_start
            lo, hi = instance.window(contract)
            if not lo <= t <= hi:
                violations.append(
                    f"{who}: contract_start {instance.month(t)} outside window "
                    f"{instance.month(lo)}..{instance.month(hi)} (rule 1)"
                )
            if joint:
                if t < s or t > s + category.framework_months - 1:
                    violations.append(
                        f"{who}: contract_start {instance.month(t)} outside call-off window "
                        f"{instance.month(s)}..{instance.month(s + category.framework_months - 1)} (rule 3)"
                    )
                if contract.opt_out:
                    violations.append(f"{who}: opted out of joint tenders in {tender.category} (rule 3)")
            elif t != s:
                violations.append(
                    f"{who}: solo tender must start at the contract start "
                    f"(start {instance.month(s)}, contract_start {instance.month(t)}) (rule 2)"
                )
            population = instance.municipality(p.municipality).population
            rows.append((contract, t, population))
        if joint:
            if s < category.preparation_months:
                violations.append(
                    f"{where}: joint tender starts at month {s}, before its {category.preparation_months} "
                    "months of preparation fit in the plan (rule 3: s >= L)"
                )
            for month in range(s - category.preparation_months, s):
                occupancy[month].append(index)

        total_population = sum((r[2] for r in rows), Fraction(0))
        discount = category.discount_for(total_population)
        participants: list[dict[str, Any]] = []
        tender_total = Fraction(0)
        tender_baseline = Fraction(0)
        for contract, t, population in rows:
            share = tender_share(category, population, total_population, len(rows))
            current = current_contract_cost(contract, t)
            new = new_contract_cost(category, population, discount, H, t)
            saving = harmonisation_saving(category, H, t) if joint else Fraction(0)
            cost = share + current + new - saving
            base = baseline.get(contract.key)
            if base is None:
                base = baseline_contract_cost(instance, contract)
            if joint and instance.individual_rationality and cost > base + TOLERANCE:
                violations.append(
                    f"{where} municipality {contract.municipality}: individual rationality broken, cost "
                    f"{dkk(cost):.2f} exceeds baseline {dkk(base):.2f} by more than 1 DKK (rule 5)"
                )
            contract_cost[contract.key] = contract_cost.get(contract.key, Fraction(0)) + cost
            tender_total += cost
            tender_baseline += base
            participants.append(
                {
                    "municipality": contract.municipality,
                    "name": instance.municipality(contract.municipality).name,
                    "population": float(population),
                    "contract_start": instance.month(t),
                    "expires": instance.month(contract.expires),
                    "tender_cost_share": dkk(share),
                    "current_contract_cost": dkk(current),
                    "new_contract_cost": dkk(new),
                    "harmonisation_saving": dkk(saving),
                    "cost": dkk(cost),
                    "baseline_cost": dkk(base),
                    "savings": dkk(base - cost),
                }
            )
        total += tender_total
        tender_reports.append(
            {
                "category": tender.category,
                "start": instance.month(s),
                "kind": "joint" if joint else "solo",
                "preparation": (
                    {
                        "from": instance.month(s - category.preparation_months),
                        "to": instance.month(s - 1),
                        "months": category.preparation_months,
                    }
                    if joint and category.preparation_months > 0
                    else None
                ),
                "population": float(total_population),
                "discount": float(discount),
                "tender_cost": dkk(category.tender_fixed_cost + category.tender_cost_per_participant * len(rows)),
                "cost": dkk(tender_total),
                "baseline_cost": dkk(tender_baseline),
                "savings": dkk(tender_baseline - tender_total),
                "participants": participants,
            }
        )

    for contract in instance.in_scope_contracts():
        if contract.key not in seen:
            violations.append(
                f"contract (municipality {contract.municipality}, category {contract.category}) "
                "is in scope but in no tender"
            )
    placed: dict[tuple[str, str], list[int]] = defaultdict(list)
    for index, tender in enumerate(plan.tenders):
        for p in tender.participants:
            placed[(p.municipality, tender.category)].append(index)
    for g, group in enumerate(instance.must_tender_together):
        where = [placed.get((code, group.category), []) for code in group.municipalities]
        together = {tuple(w) for w in where}
        if len(together) != 1 or len(where[0]) != 1:
            listed = ", ".join(
                f"{code} in " + (" and ".join(f"tenders[{i}]" for i in w) if w else "no tender")
                for code, w in zip(group.municipalities, where, strict=True)
            )
            violations.append(
                f"{instance.describe_group(g)}: members are not all participants of one joint tender "
                f"({listed}) (must tender together)"
            )
    K = instance.max_parallel_joint_tenders
    peak = 0
    for month in sorted(occupancy):
        count = len(occupancy[month])
        peak = max(peak, count)
        if count > K:
            listed = ", ".join(f"tenders[{i}]" for i in occupancy[month])
            violations.append(
                f"month {instance.month(month)}: {count} joint tenders in preparation ({listed}), "
                f"more than capacity K={K} (rule 4)"
            )

    baseline_total = sum(baseline.values(), Fraction(0))
    per_municipality: dict[str, Any] = {}
    for municipality in instance.municipalities:
        keys = [c.key for c in instance.in_scope_contracts() if c.municipality == municipality.code]
        if not keys:
            continue
        base = sum((baseline[k] for k in keys), Fraction(0))
        cost = sum((contract_cost.get(k, Fraction(0)) for k in keys), Fraction(0))
        per_municipality[municipality.code] = {
            "name": municipality.name,
            "cost": dkk(cost),
            "baseline_cost": dkk(base),
            "savings": dkk(base - cost),
            "savings_pct": pct(base - cost, base),
        }
    per_category: dict[str, Any] = {}
    for category in instance.categories:
        keys = [c.key for c in instance.in_scope_contracts() if c.category == category.id]
        if not keys:
            continue
        base = sum((baseline[k] for k in keys), Fraction(0))
        cost = sum((contract_cost.get(k, Fraction(0)) for k in keys), Fraction(0))
        per_category[category.id] = {
            "name": category.name,
            "cost": dkk(cost),
            "baseline_cost": dkk(base),
            "savings": dkk(base - cost),
            "savings_pct": pct(base - cost, base),
            "joint_tenders": sum(
                1 for t in tender_reports if t["category"] == category.id and t["kind"] == "joint"
            ),
        }
    report: dict[str, Any] = {
        "feasible": not violations,
        "violations": violations,
        "total_cost": dkk(total),
        "baseline_cost": dkk(baseline_total),
        "savings": dkk(baseline_total - total),
        "savings_pct": pct(baseline_total - total, baseline_total),
        "joint_tenders": sum(1 for t in tender_reports if t["kind"] == "joint"),
        "solo_tenders": sum(1 for t in tender_reports if t["kind"] == "solo"),
        "peak_joint_tenders_in_preparation": peak,
        "max_parallel_joint_tenders": K,
        "per_municipality": per_municipality,
        "per_category": per_category,
        "tenders": tender_reports,
        "beyond_horizon": [
            {
                "municipality": c.municipality,
                "category": c.category,
                "product": c.product,
                "expires": instance.month(c.expires),
            }
            for c in instance.beyond_horizon_contracts()
        ],
    }
    return Evaluation(
        feasible=not violations,
        violations=violations,
        total_cost=total,
        baseline_cost=baseline_total,
        report=report,
    )
