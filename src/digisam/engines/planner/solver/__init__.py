"""The procurement planner: heuristic, local search and an exact MILP (HiGHS).

Overview (details and proofs in docs/planner.md)
------------------------------------------------
1. **Pre-computation** (floats). For every in-scope contract i: its window, its baseline
   cost and its best *solo* cost ``min_t F + f + current(t) + q·pop·(1−δ(pop))·(H−t)/12``.
   For a joint tender of its category starting at s and a *claimed* tier k, its cost
   without the F share is ``c[i,s,k] = f + min_t current(t) + (q·pop·(1−δ_k) − g)·(H−t)/12``
   over ``t ∈ [max(lo, s), min(hi, s+D−1)]``. Each cost is piecewise linear in t with one
   jump at E, so the minimum is at ``lo'``, ``E−1``, ``E`` or ``hi'``. The same t minimises
   the participant's cost *and* maximises its individual-rationality slack (its F share
   does not depend on t), so choosing it is without loss of optimality.
2. **Heuristic.** Greedy: for every category and start month, the best group among the
   contracts still unassigned (all eligible, then drop IR violators and members whose
   removal helps); commit the best-saving (category, start) whose preparation fits the
   remaining capacity K; repeat. Then local search: move members between tenders / to solo,
   shift tender starts. Deterministic (fixed iteration orders, no randomness).
3. **MILP** (exact formulation). Binary ``z[i]`` (solo at its best month),
   ``x[i,s,k]`` (i joins the joint tender of its category starting at s, claiming tier k),
   ``y[c,s,k]``. At most one joint tender per (category, start) is without loss of
   optimality: two such tenders merged keep every participant's switch month, raise P (so
   the discount) and lower every F share, and occupy one capacity slot instead of two.
   Constraints: each contract once; ``x ≤ y``; ≥ 2 participants; ``Σ pop·x ≥ min_pop_k·y``
   (the true tier is then at least k, so true cost ≤ modelled cost, and the optimum claims
   the true tier); ``Σ_k y[c,s,k] ≤ 1``; capacity per month; individual rationality
   ``F·pop_i/P ≤ slack[i,s,k]`` linearised exactly as ``P ≥ (F·pop_i/slack)·x[i,s,k]``
   with ``P = Σ_j pop_j·x[j,s,k]`` (no big-M: when x = 0 the row reads P ≥ 0). The IR
   slack in the model is 1 mDKK *looser* than the spec's 1 DKK tolerance so that the MILP
   is a relaxation and its dual bound a true lower bound; the plan it returns is then
   re-timed with the real tier and checked in exact arithmetic, and any member that
   breaks IR is moved to a solo tender (repair), so every returned plan is feasible.
4. **Mid-size and large instances.** Large-neighbourhood search re-solves pairs of
   categories with the exact model while the other categories' tenders stay fixed (their
   preparation months reduce the capacity left). Mid-size instances run it first and then
   the full model warm-started from it. When the full model is too large, a Lagrangian
   relaxation of capacity (one price per month; the problem then splits by category, each
   part bounded by its LP relaxation, kept in memory and re-solved from its last basis) gives
   the lower bound. The prices come from column generation: the category LP solutions are
   columns of a Dantzig–Wolfe master LP (one plan per category, capacity per month) whose
   stabilised duals are the next prices; its integer version over the integer category plans
   found (and their neighbours) recombines them into a plan, which the search improves.
   ``solve(..., progress=callback)`` reports the best plan, bound and gap as they improve.
5. The best plan found is checked by the independent evaluator before it is returned;
   if it failed, the next best (finally the always feasible baseline) is returned.
6. **"Must tender together" groups** (instance field ``must_tender_together``, a digisam
   extension): each group is first checked on its own (capacity, and IR with the largest
   IR-feasible tender at every common start); the greedy seeds every group as a joint tender
   before anything else, local search never moves a group member on its own, the MILP links
   the members (``z = 0``; equal ``x[i,s,k]`` for every s, k) so its bound is the constrained
   problem's, and LNS prefers fewer split groups. The baseline splits groups, so when no
   candidate passes the evaluator there is no plan: the result has ``plan = None`` and status
   ``infeasible_groups`` (proven) or ``no_group_plan`` (none found in time).

Modules
-------
This package holds :func:`solve` (the strategy by instance size) and :class:`SolveResult`;
the methods live in ``data`` (1, pre-computation and solutions), ``heuristics`` and
``local_search`` (2), ``exact`` (3, MILP and repair), ``lns`` and ``bounds`` (4, with column
generation) and ``progress`` (anytime reporting). The private names tests and benchmarks use
(``_Data``, ``_greedy``, ``_column_generation`` …) are importable from here as before.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from ..baseline import baseline_plan
from ..evaluator import Evaluation, evaluate
from ..milp import MilpBackend, default_backends
from ..model import Instance, Plan
from .bounds import (
    _capacity_price,
    _category_trivial_bound,
    _column_generation,
    _lagrangian_bound,
    _safe,
    _subgradient_bound,
    _uniform_price_bound,
)
from .data import (
    IR_EPS_HEURISTIC,
    _Data,
    _group_problems,
    _group_violations,
    _Solution,
    _solution_cost,
    _to_plan,
)
from .exact import _build_model, _extract, _model_size, _repair, _warm_start
from .heuristics import _greedy
from .lns import _lns
from .local_search import _local_search
from .progress import _Progress

BOUND_SHARE = 0.65  # large instances: share of the time for the bound (column generation), the rest for LNS
FULL_MODEL_LIMIT = 150_000  # x-columns above which the global model is decomposed
LNS_FIRST_LIMIT = 20_000  # x-columns above which LNS first finds a good start for the full model


@dataclass
class SolveResult:
    """The planner's answer: a feasible plan, its exact evaluation and the solver's claims."""

    plan: Plan | None  # None only when the groups could not be honoured (see ``status``)
    evaluation: Evaluation | None
    status: str  # "optimal", "time_limit", "heuristic"; without a plan "infeasible_groups" or "no_group_plan"
    lower_bound: float | None
    gap: float | None
    runtime_seconds: float
    backend: str
    log: list[str] = field(default_factory=list)
    group_problems: list[str] = field(default_factory=list)  # why no plan honours the groups

    def report(self) -> dict:
        """The evaluation report plus the solver's fields, ready for a ``digisam.plan/1`` file.

        Without a plan (groups that cannot be honoured) the report says so: ``feasible`` is
        false, ``violations`` lists the reasons and there are no tenders or figures.
        """
        if self.evaluation is None:
            data: dict = {"feasible": False, "violations": list(self.group_problems), "tenders": []}
        else:
            data = dict(self.evaluation.report)
        data["status"] = self.status
        data["lower_bound"] = None if self.lower_bound is None else round(self.lower_bound, 2)
        data["gap"] = None if self.gap is None else round(self.gap, 6)
        data["runtime_seconds"] = round(self.runtime_seconds, 3)
        data["solver"] = {"backend": self.backend, "log": self.log}
        return data


def solve(
    instance: Instance,
    time_limit: float = 60.0,
    backends: list[MilpBackend] | None = None,
    progress=None,
) -> SolveResult:
    """Plan ``instance`` within about ``time_limit`` seconds; the returned plan passes the evaluator."""
    began = time.monotonic()
    deadline = began + max(1.0, time_limit) * 0.95 - 0.5
    log: list[str] = []
    reporter = _Progress(progress, began)
    data = _Data(instance)
    if not data.contracts:
        plan = Plan(tenders=())
        evaluation = evaluate(instance, plan)
        log.append("no contract expires inside the horizon; nothing to plan")
        return SolveResult(plan, evaluation, "optimal", 0.0, 0.0, time.monotonic() - began, "none", log)
    all_cats = list(range(len(data.cats)))
    problems = _group_problems(data)
    if problems:
        log.append("must_tender_together: a group can never be honoured; no plan")
        return SolveResult(
            None, None, "infeasible_groups", None, None, time.monotonic() - began, "none", log, problems
        )
    trivial_bound = sum(_category_trivial_bound(data, ci) for ci in all_cats)

    heuristic_deadline = began + 0.25 * max(1.0, time_limit)
    # the greedy may run past the heuristic's share (up to the deadline): on a busy machine
    # a greedy cut short leaves nearly the baseline, and everything after starts from it
    sol = _greedy(data, deadline)
    log.append(f"greedy: {_solution_cost(data, sol):.2f} ({len(sol.tenders)} joint tenders)")
    sol = _local_search(data, sol, heuristic_deadline)
    heuristic_cost = _solution_cost(data, sol)
    log.append(f"local search: {heuristic_cost:.2f} after {time.monotonic() - began:.2f}s")
    if not data.groups:
        reporter.update(incumbent=heuristic_cost, bound=trivial_bound, phase="heuristic")
    if data.groups:
        split = _group_violations(data, sol)
        log.append(f"heuristic: {len(data.groups) - split} of {len(data.groups)} must_tender_together groups placed")
    candidates: list[tuple[str, _Solution]] = [("heuristic", sol)]

    backend = next((b for b in (backends if backends is not None else default_backends()) if b.available()), None)
    status = "heuristic"
    proven_infeasible = False
    lower_bound: float | None = trivial_bound
    if backend is None:
        log.append("no MILP back-end available; heuristic plan")
    else:
        size = _model_size(data, all_cats, None)
        log.append(f"full model: {size} x-columns")
        if size <= FULL_MODEL_LIMIT:
            start = sol
            if size > LNS_FIRST_LIMIT and len(all_cats) > 2 and hasattr(backend, "lp_session") and hasattr(
                backend, "solve_lp"
            ):
                # month prices by column generation: a bound near the LP relaxation, and the master
                # MILP's recombined plan, which LNS then improves; the full MILP starts from it
                cg_deadline = time.monotonic() + 0.4 * (deadline - time.monotonic())
                bound, start = _column_generation(data, backend, sol, cg_deadline, log, trivial_bound, reporter)
                candidates.append(("master", start))
                lower_bound = max(trivial_bound, bound)
                lns_deadline = time.monotonic() + 0.2 * (deadline - time.monotonic())
                start = _lns(data, backend, start, lns_deadline, log, reporter)
                candidates.append(("lns", start))
            elif size > LNS_FIRST_LIMIT and len(all_cats) > 2:
                lns_deadline = time.monotonic() + 0.35 * (deadline - time.monotonic())
                start = _lns(data, backend, sol, lns_deadline, log, reporter)
                candidates.append(("lns", start))
                # a bound that does not depend on how far the full MILP gets: capacity
                # dropped, each category's LP relaxation (the Lagrangian bound at price 0)
                bound_deadline = time.monotonic() + 0.15 * (deadline - time.monotonic())
                bound, _ = _lagrangian_bound(data, backend, 0.0, bound_deadline)
                log.append(f"bound without capacity (category LPs): {bound:.2f}")
                lower_bound = max(trivial_bound, bound)
                reporter.update(bound=lower_bound, phase="bound")
            model = _build_model(data, all_cats, None, capacity=True)
            # 80 %: HiGHS may overrun its limit in presolve on a busy machine
            limit = 0.8 * (deadline - time.monotonic())
            outcome = backend.solve(model.milp, limit, _warm_start(data, model, start, all_cats))
            log.append(
                f"full MILP: {outcome.status}, objective {outcome.objective}, bound {outcome.dual_bound} "
                f"after {time.monotonic() - began:.2f}s"
            )
            if outcome.values is not None:
                candidates.append(("milp", _extract(data, model, outcome.values)))
            if outcome.dual_bound is not None:
                lower_bound = max(lower_bound, _safe(outcome.dual_bound))
                reporter.update(bound=lower_bound, phase="milp")
            status = "optimal" if outcome.status == "optimal" else "time_limit"
            # with groups the model can be infeasible; it is a relaxation, so that is a proof
            proven_infeasible = outcome.status == "infeasible" or data.infeasible_lp
        else:
            status, lower_bound = _decomposed(data, backend, sol, deadline, candidates, log, trivial_bound, reporter)
            proven_infeasible = data.infeasible_lp

    best = _best_candidate(data, candidates, log)
    if best is None and data.groups and backend is not None and not proven_infeasible:
        # the relaxed model's plan may break IR by < 1 mDKK for a group member, which cannot be
        # moved out: solve once more with IR 1 mDKK tighter than the tolerance, for a plan only
        remaining = deadline - time.monotonic()
        if remaining > 0.5 and _model_size(data, all_cats, None) <= FULL_MODEL_LIMIT:
            model = _build_model(data, all_cats, None, capacity=True, ir_eps=IR_EPS_HEURISTIC)
            outcome = backend.solve(model.milp, 0.8 * remaining, None)
            log.append(f"MILP with tight IR (groups): {outcome.status}, objective {outcome.objective}")
            if outcome.values is not None:
                best = _best_candidate(data, [("milp_tight", _extract(data, model, outcome.values))], log)
    if best is None and data.groups:
        if proven_infeasible:
            reason = (
                "infeasible groups: no plan keeps every must_tender_together group in one joint tender "
                "within the capacity and individual rationality (proven: the MILP or a category LP relaxation is infeasible)"
            )
            status = "infeasible_groups"
        else:
            reason = (
                "no plan keeping every must_tender_together group in one joint tender was found within "
                "the time limit (not proven infeasible)"
            )
            status = "no_group_plan"
        log.append(reason)
        return SolveResult(
            None, None, status, None, None, time.monotonic() - began,
            backend.name if backend is not None else "none", log, [reason],
        )
    if best is None:
        plan = baseline_plan(instance)
        evaluation = evaluate(instance, plan)
        best = (float(evaluation.total_cost), "baseline", plan, evaluation)
        status = "heuristic"
        log.append("falling back to the baseline plan")
    cost, name, plan, evaluation = best
    if lower_bound is not None:
        lower_bound = min(lower_bound, cost)
    reporter.incumbent = None  # the evaluated cost replaces the solver's estimates
    reporter.update(incumbent=cost, bound=lower_bound, phase="done")
    gap = None
    if lower_bound is not None:
        gap = max(0.0, (cost - lower_bound) / abs(cost)) if cost else 0.0
        if status == "optimal" and gap > 1e-6:
            status = "time_limit"
    if status == "heuristic" and name != "heuristic" and name != "baseline":
        status = "time_limit"
    return SolveResult(
        plan=plan,
        evaluation=evaluation,
        status=status,
        lower_bound=lower_bound,
        gap=gap,
        runtime_seconds=time.monotonic() - began,
        backend=backend.name if backend is not None else "none",
        log=log,
    )


def _best_candidate(
    data: _Data, candidates: list[tuple[str, _Solution]], log: list[str]
) -> tuple[float, str, Plan, Evaluation] | None:
    """The cheapest candidate that, repaired and turned into a plan, passes the evaluator."""
    best: tuple[float, str, Plan, Evaluation] | None = None
    for name, candidate in candidates:
        plan = _to_plan(data, _repair(data, candidate))
        evaluation = evaluate(data.instance, plan)
        if not evaluation.feasible:
            log.append(f"{name}: rejected by the evaluator: {evaluation.violations[:3]}")
            continue
        cost = float(evaluation.total_cost)
        log.append(f"{name}: evaluated cost {cost:.2f}")
        if best is None or cost < best[0] - 1e-6:
            best = (cost, name, plan, evaluation)
    return best


def _decomposed(
    data: _Data,
    backend: MilpBackend,
    heuristic: _Solution,
    deadline: float,
    candidates: list[tuple[str, _Solution]],
    log: list[str],
    trivial_bound: float,
    progress: _Progress,
) -> tuple[str, float]:
    """Lagrangian bounds with capacity priced (65 % of the time), then large-neighbourhood search."""
    price = _capacity_price(data, heuristic)
    bound_deadline = time.monotonic() + BOUND_SHARE * (deadline - time.monotonic())
    if hasattr(backend, "lp_session") and hasattr(backend, "solve_lp"):
        best, plan = _column_generation(data, backend, heuristic, bound_deadline, log, trivial_bound, progress)
        candidates.append(("master", plan))
        candidates.append(("lns", _lns(data, backend, plan, deadline, log, progress)))
        return "time_limit", best
    if hasattr(backend, "lp_session"):
        best = _subgradient_bound(
            data, backend, price, _solution_cost(data, heuristic), bound_deadline, log, trivial_bound
        )
    else:
        best = _uniform_price_bound(data, backend, price, bound_deadline, log, trivial_bound)
    progress.update(bound=best, phase="bound")
    candidates.append(("lns", _lns(data, backend, heuristic, deadline, log, progress)))
    return "time_limit", best
