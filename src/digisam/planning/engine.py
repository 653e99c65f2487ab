"""Adapter between the app and the pure planner engine (`digisam.engines.planner`).

- `solve_data(instance_data, time_limit, groups, progress)` validates and solves a
  `digisam.plan-instance/1` document and returns the `digisam.plan/1` document (tenders plus
  the evaluator's figures and the solver's status, bound and gap), exactly as the CLI writes it.
- The engine's `solve()` has no progress callback: it runs in a worker thread while this thread
  reports elapsed time against the time limit.
- The engine has no "must tender together" groups. They are enforced here: the solver's plan is
  checked, and a group that is split is repaired by moving its members into one joint tender
  (every start month is tried; the cheapest plan the independent evaluator accepts is kept). A
  group that cannot be satisfied (opt-out, windows, capacity or individual rationality) is
  reported with the reason, and such a run cannot be published. After a repair the solver's
  lower bound still holds (more constraints cannot lower the optimum), so the gap is recomputed
  against it.
"""

from __future__ import annotations

import threading
import time
from fractions import Fraction

from digisam.engines.planner.evaluator import (
    current_contract_cost,
    evaluate,
    harmonisation_saving,
    new_contract_cost,
)
from digisam.engines.planner.io import instance_from_data, plan_to_data
from digisam.engines.planner.model import Participant, Plan, Tender
from digisam.engines.planner.solver import solve


def _exact(value):
    """JSON numbers as the engine's own reader would see them (exact decimals)."""
    if isinstance(value, float):
        return Fraction(repr(value))
    if isinstance(value, dict):
        return {k: _exact(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_exact(v) for v in value]
    return value


def load_instance(instance_data: dict):
    """Validate and build the engine Instance (raises the engine's InstanceError)."""
    return instance_from_data(_exact(instance_data))


def solve_data(instance_data: dict, *, time_limit: float, groups=(), progress=None) -> dict:
    progress = progress or (lambda percent, message="": None)
    instance = load_instance(instance_data)
    progress(5, "Instansen er gyldig; planlæggeren starter")
    outcome: dict = {}

    def work():
        try:
            outcome["result"] = solve(instance, time_limit=time_limit)
        except BaseException as error:  # noqa: BLE001 - re-raised in the calling thread
            outcome["error"] = error

    began = time.monotonic()
    worker = threading.Thread(target=work, name="digisam-planner", daemon=True)
    worker.start()
    while worker.is_alive():
        worker.join(0.5)
        elapsed = time.monotonic() - began
        percent = 5 + int(85 * min(1.0, elapsed / max(1.0, float(time_limit))))
        progress(percent, f"Planlæggeren regner ({elapsed:.0f} af højst {time_limit} sekunder)")
    if "error" in outcome:
        raise outcome["error"]
    result = outcome["result"]
    progress(92, "Planen kontrolleres")
    document = plan_to_data(result.plan, instance)
    document.update(result.report())
    plan = result.plan
    checks, repaired = enforce_groups(instance, plan, list(groups))
    if repaired is not plan:
        evaluation = evaluate(instance, repaired)
        document = plan_to_data(repaired, instance)
        document.update(evaluation.report)
        bound = result.lower_bound
        cost = float(evaluation.total_cost)
        document["status"] = "group_repair"
        document["lower_bound"] = None if bound is None else round(min(bound, cost), 2)
        document["gap"] = None if bound is None or not cost else round(max(0.0, (cost - bound) / abs(cost)), 6)
        document["runtime_seconds"] = round(time.monotonic() - began, 3)
        document["solver"] = {
            "backend": result.backend,
            "status": result.status,
            "log": result.log + ["group requirement: members moved into one joint tender by the app"],
        }
    document["group_check"] = checks
    return document


# --------------------------------------------------------------------------- groups


def _tender_of(plan: Plan, category: str, code: str):
    for index, tender in enumerate(plan.tenders):
        if tender.category == category and any(p.municipality == code for p in tender.participants):
            return index
    return None


def check_groups(instance, plan: Plan, groups: list[dict]) -> list[dict]:
    """For each group: satisfied or not, and why (members without an in-scope contract are noted)."""
    rows = []
    for group in groups:
        category, members = group["category"], list(group["members"])
        planned, notes = [], []
        for code in members:
            contract = instance.contract(code, category) if instance.has_category(category) else None
            if contract is None:
                notes.append(f"{code}: ingen delt kontrakt i kategorien")
            elif not instance.in_scope(contract):
                notes.append(f"{code}: kontrakten udløber efter horisonten")
            else:
                planned.append(code)
        tenders = {_tender_of(plan, category, code) for code in planned}
        satisfied = len(planned) < 2 or len(tenders) == 1
        rows.append({
            "category": category, "members": members, "planned": planned, "satisfied": satisfied,
            "repaired": False, "reason": "; ".join(notes),
        })
    return rows


def _best_month(instance, contract, category, population, discount, joint, a, b):
    """The contract start in [a, b] with the lowest cost for the member (None if empty)."""
    if a > b:
        return None
    H = instance.horizon_months
    candidates = {a, b, contract.expires - 1, contract.expires}
    best = None
    for t in sorted(c for c in candidates if a <= c <= b):
        cost = current_contract_cost(contract, t) + new_contract_cost(category, population, discount, H, t)
        if joint:
            cost -= harmonisation_saving(category, H, t)
        if best is None or cost < best[0]:
            best = (cost, t)
    return best[1]


def _without(plan_tenders: list[Tender], instance, codes: set[str], category: str) -> list[Tender]:
    """The tenders with the group's members taken out; a tender left with one member becomes solo
    (start = its contract start)."""
    result = []
    for tender in plan_tenders:
        if tender.category != category:
            result.append(tender)
            continue
        rest = tuple(p for p in tender.participants if p.municipality not in codes)
        if not rest:
            continue
        if len(rest) == 1:
            result.append(Tender(category=category, start=rest[0].contract_start, participants=rest))
        else:
            result.append(Tender(category=category, start=tender.start, participants=rest))
    return result


def _repair_group(instance, plan: Plan, category_id: str, codes: list[str]):
    category = instance.category(category_id)
    contracts = [instance.contract(code, category_id) for code in codes]
    if any(c.opt_out for c in contracts):
        opted = ", ".join(c.municipality for c in contracts if c.opt_out)
        return None, f"medlem har fravalgt fællesudbud i kategorien ({opted})"
    base = _without(list(plan.tenders), instance, set(codes), category_id)
    population = sum((instance.municipality(code).population for code in codes), Fraction(0))
    discount = category.discount_for(population)
    best, last_reason = None, "ingen fælles startmåned passer med medlemmernes kontraktvinduer"
    for s in range(category.preparation_months, instance.horizon_months):
        months = []
        for contract in contracts:
            lo, hi = instance.window(contract)
            t = _best_month(instance, contract, category, instance.municipality(contract.municipality).population,
                            discount, True, max(lo, s), min(hi, s + category.framework_months - 1))
            if t is None:
                break
            months.append(t)
        else:
            tender = Tender(category=category_id, start=s, participants=tuple(
                Participant(municipality=c.municipality, contract_start=t) for c, t in zip(contracts, months, strict=True)
            ))
            candidate = Plan(tenders=tuple(base + [tender]))
            evaluation = evaluate(instance, candidate)
            if evaluation.feasible:
                if best is None or evaluation.total_cost < best[0]:
                    best = (evaluation.total_cost, candidate)
            else:
                last_reason = evaluation.violations[0]
    if best is None:
        return None, last_reason
    return best[1], ""


def enforce_groups(instance, plan: Plan, groups: list[dict]):
    """Check the groups against the plan and repair split groups; returns (checks, plan)."""
    checks = check_groups(instance, plan, groups)
    current = plan
    for check in checks:
        if check["satisfied"]:
            continue
        repaired, reason = _repair_group(instance, current, check["category"], check["planned"])
        if repaired is None:
            check["reason"] = "; ".join(r for r in (check["reason"], f"kan ikke opfyldes: {reason}") if r)
            continue
        current = repaired
        check["satisfied"] = True
        check["repaired"] = True
    if current is not plan:
        # A later repair must not have split an earlier group again.
        final = check_groups(instance, current, groups)
        for check, again in zip(checks, final, strict=True):
            if check["satisfied"] and not again["satisfied"]:
                check["satisfied"] = False
                check["reason"] = "kan ikke opfyldes sammen med de andre grupper"
    return checks, current
