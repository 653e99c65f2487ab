"""Adapter between the app and the pure planner engine (`digisam.engines.planner`).

- `solve_data(instance_data, time_limit, groups, progress)` validates and solves a
  `digisam.plan-instance/1` document and returns the `digisam.plan/1` document (tenders plus
  the evaluator's figures and the solver's status, bound and gap), exactly as the CLI writes it.
- The engine's `solve()` runs in a worker thread and reports its anytime state (best plan so far,
  best proven lower bound, gap) through its `progress` callback; this thread passes the latest
  state on to the job's progress twice a second, with the elapsed time against the time limit, so
  the progress page shows how far from the best the plan can at most be while it runs.
- "Must tender together" groups are hard constraints *of the engine*: they are passed in the
  instance's `must_tender_together` field (a digisam extension, see docs/planner.md), so the
  solver plans with them and its bound and gap hold for the constrained problem. Before that
  the app screens each group: members without an in-scope contract are noted and left out (a
  group left with fewer than two members is trivially satisfied), and a group with an opted-out
  member cannot be honoured. Groups the engine rejects (validation: windows that never meet;
  solving: capacity or individual rationality make it impossible) are reported with the reason
  and the plan is made without them; such a run cannot be published.
"""

from __future__ import annotations

import re
import threading
import time
from fractions import Fraction

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from digisam.engines.planner.io import instance_from_data, plan_to_data
from digisam.engines.planner.model import Plan
from digisam.engines.planner.solver import solve
from digisam.engines.planner.validation import InstanceError

GROUP_ROW = re.compile(r"^must_tender_together\[(\d+)\]")


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
    checks = screen_groups(instance, list(groups))
    active = [row for row in checks if row.pop("_engine")]
    progress(5, "Instansen er gyldig; planlæggeren starter")
    began = time.monotonic()
    notes: list[str] = []
    while True:
        grouped = _with_groups(instance_data, active, checks, notes)
        active = [row for row in active if row["satisfied"] is not False]
        result = _run(grouped, time_limit, began, progress)
        if result.plan is not None:
            break
        # the engine found the groups cannot be honoured: report them and plan without them
        named = _named_rows(result.group_problems, active)
        for row in named or active:
            reasons = [p for p in result.group_problems if not named or _row_of(p, active) is row]
            _fail(row, reasons)
            notes.append(f"group {row['category']}: {', '.join(row['planned'])} dropped: {'; '.join(reasons)}")
        active = [row for row in active if row["satisfied"] is not False]
    progress(92, "Planen kontrolleres")
    document = plan_to_data(result.plan, grouped)
    document.update(result.report())
    if notes:
        document["solver"]["log"] = result.log + notes
    for row in checks:
        if row["satisfied"] is None:
            row["satisfied"] = _together(result.plan, row["category"], row["planned"])
    document["group_check"] = checks
    # The groups the plan honours, so the instance download solves to the same plan on the CLI.
    if grouped.must_tender_together:
        document["must_tender_together"] = [
            {"category": group.category, "municipalities": list(group.municipalities)}
            for group in grouped.must_tender_together
        ]
    return document


def progress_message(elapsed: float, time_limit, state: dict | None) -> str:
    """The job's progress text: elapsed time and, once the solver has them, plan cost, bound and gap."""
    text = _("Planlæggeren regner (%(elapsed)s af højst %(limit)s sekunder)") % {
        "elapsed": f"{elapsed:.0f}", "limit": time_limit,
    }
    if state and state.get("incumbent") is not None:
        text += " · " + _("bedste plan hidtil %(cost)s kr.") % {
            "cost": number_format(round(state["incumbent"]), 0, force_grouping=True),
        }
        if state.get("bound") is not None and state.get("gap") is not None:
            text += " · " + _("nedre grænse %(bound)s kr.: planen er højst %(gap)s %% dyrere end den bedste") % {
                "bound": number_format(round(state["bound"]), 0, force_grouping=True),
                "gap": number_format(100 * state["gap"], 2),
            }
    return text


def _run(instance, time_limit, began, progress):
    outcome: dict = {}

    def report(state: dict) -> None:  # called in the solver's thread; read below
        outcome["progress"] = state

    def work():
        try:
            outcome["result"] = solve(instance, time_limit=time_limit, progress=report)
        except BaseException as error:  # noqa: BLE001 - re-raised in the calling thread
            outcome["error"] = error

    worker = threading.Thread(target=work, name="digisam-planner", daemon=True)
    worker.start()
    while worker.is_alive():
        worker.join(0.5)
        elapsed = time.monotonic() - began
        percent = 5 + int(85 * min(1.0, elapsed / max(1.0, float(time_limit))))
        progress(percent, progress_message(elapsed, time_limit, outcome.get("progress")))
    if "progress" in outcome:  # the solver's last word (its evaluated plan), however quick it was
        progress(90, progress_message(time.monotonic() - began, time_limit, outcome["progress"]))
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]


# --------------------------------------------------------------------------- groups


def screen_groups(instance, groups: list[dict]) -> list[dict]:
    """One check row per group: members without an in-scope contract are noted, a group with an
    opted-out member cannot be honoured; the others (``_engine`` true) go to the engine."""
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
        row = {"category": category, "members": members, "planned": planned, "satisfied": None,
               "reason": "; ".join(notes), "_engine": False}
        opted = [code for code in planned if instance.contract(code, category).opt_out]
        if len(planned) < 2:
            row["satisfied"] = True
        elif opted:
            _fail(row, [f"medlem har fravalgt fællesudbud i kategorien ({', '.join(opted)})"])
        else:
            row["_engine"] = True
        rows.append(row)
    return rows


def _with_groups(instance_data: dict, active: list[dict], checks: list[dict], notes: list[str]):
    """The engine instance with the active groups; groups the engine's validation rejects are
    reported (and left out) and the instance is built again without them."""
    while True:
        data = dict(instance_data)
        if active:
            data["must_tender_together"] = [
                {"category": row["category"], "municipalities": row["planned"]} for row in active
            ]
        try:
            return load_instance(data)
        except InstanceError as error:
            named = _named_rows(error.problems, active)
            if not named:
                raise
            for row in named:
                reasons = [p for p in error.problems if _row_of(p, active) is row]
                _fail(row, reasons)
                notes.append(f"group {row['category']}: {', '.join(row['planned'])} rejected: {'; '.join(reasons)}")
            active = [row for row in active if row["satisfied"] is not False]


def _row_of(problem: str, active: list[dict]):
    match = GROUP_ROW.match(problem)
    if match is None or int(match.group(1)) >= len(active):
        return None
    return active[int(match.group(1))]


def _named_rows(problems: list[str], active: list[dict]) -> list[dict]:
    named = []
    for problem in problems:
        row = _row_of(problem, active)
        if row is not None and all(row is not other for other in named):
            named.append(row)
    return named


REASONS = (  # the engine's words → the app's (first match wins)
    ("no plan keeps", "gruppen kan ikke opfyldes sammen med kapaciteten, de andre grupper og kravet om "
                      "at ingen stilles dårligere"),
    ("was found within", "planlæggeren fandt ingen plan med gruppen inden for tidsgrænsen"),
    ("windows cannot share", "ingen fælles startmåned passer med medlemmernes kontraktvinduer"),
    ("capacity", "intet fællesudbud passer inden for sekretariatets kapacitet"),
    ("individual rationality", "mindst ét medlem ville blive stillet dårligere end ved at gå alene"),
)


def _fail(row: dict, reasons: list[str]) -> None:
    """Mark a group as not honoured, with the reasons (in Danish where the engine's is known)."""
    texts = []
    for reason in reasons:
        danish = next((text for key, text in REASONS if key in reason), None)
        texts.append(f"{danish} ({reason})" if danish else reason)
    row["satisfied"] = False
    row["reason"] = "; ".join(r for r in (row["reason"], f"kan ikke opfyldes: {'; '.join(texts)}") if r)


def _together(plan: Plan, category: str, codes: list[str]) -> bool:
    """All of ``codes`` are participants of one tender of ``category``."""
    where = set()
    for code in codes:
        where.add(next((index for index, tender in enumerate(plan.tenders) if tender.category == category
                        and any(p.municipality == code for p in tender.participants)), None))
    return len(where) == 1 and None not in where
