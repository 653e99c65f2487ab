"""Lower bounds (package docstring, item 4): the trivial per-category bound, Lagrangian
relaxation of capacity (uniform prices, month prices by subgradient) and column generation
(a Dantzig–Wolfe master LP over category plans, whose integer version recombines a plan).
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from ..milp import INFINITY, MilpBackend, MilpModel, solver_threads
from .data import (
    IR_EPS_HEURISTIC,
    _Data,
    _group_violations,
    _occupancy,
    _Solution,
    _solution_cost,
    _tender_eval,
)
from .exact import _build_model, _extract
from .progress import _Progress


def _safe(bound: float) -> float:
    """A solver's floating-point bound, lowered by a relative 1e-9 against rounding."""
    return bound - 1e-9 * abs(bound)


def _category_trivial_bound(data: _Data, ci: int) -> float:
    """Σ over the category's contracts of min(solo, joint cost at the top tier without F share).

    Valid because F shares are non-negative and a higher tier never costs more.
    """
    if ci not in data.trivial:
        top = len(data.cats[ci].mins) - 1
        total = 0.0
        for i in data.cats[ci].members:
            a, b = data.joint_range(i)
            total += min([data.contracts[i].solo_cost] + [data.joint(i, s, top)[0] for s in range(a, b + 1)])
        data.trivial[ci] = total
    return data.trivial[ci]


def _capacity_price(data: _Data, sol: _Solution) -> float:
    """Estimated value of one month of secretariat capacity, from the heuristic's tenders."""
    occ = _occupancy(data, sol)
    if not occ or max(occ.values()) < data.K:
        return 0.0
    ratios = []
    for (ci, s), members in sol.tenders.items():
        cat = data.cats[ci]
        if cat.L == 0:
            continue
        value = sum(data.contracts[i].solo_cost for i in members) - _tender_eval(data, ci, s, members, 0.0)[0]
        ratios.append(value / cat.L)
    ratios.sort()
    return ratios[len(ratios) // 2] if ratios else 0.0


def _lagrangian_bound(
    data: _Data, backend: MilpBackend, price: float, deadline: float
) -> tuple[float, float]:
    """Lower bound with capacity priced at ``price`` per tender-month (Lagrangian relaxation).

    Every joint tender pays ``price·L`` extra and the capacity rows are dropped, so the
    problem splits by category; each category's LP relaxation (or, when out of time, its
    trivial bound) bounds its part, and ``price·K·(H−1)`` is subtracted (preparation
    months of a joint tender lie in 0 … H−2). Returns (bound, capacity used by the LP
    solutions, in tender-months).
    """
    bound = -price * data.K * max(0, data.H - 1)
    used = 0.0
    for ci in range(len(data.cats)):
        trivial = _category_trivial_bound(data, ci)
        if time.monotonic() >= deadline:
            bound += trivial
            continue
        model = _build_model(data, [ci], None, capacity=False, price=price)
        model.milp.integer = [False] * model.milp.num_cols
        outcome = backend.solve(model.milp, max(0.05, deadline - time.monotonic()), None)
        if outcome.status == "optimal" and outcome.objective is not None and outcome.values is not None:
            bound += max(trivial, _safe(outcome.objective))
            for (c2, _, _), col in model.y.items():
                used += outcome.values[col] * data.cats[c2].L
        else:
            if outcome.status == "infeasible" and any(g_ci == ci for g_ci, _ in data.groups):
                data.infeasible_lp = True  # the category's groups cannot be honoured at all
            bound += trivial
    return bound, used


def _uniform_price_bound(
    data: _Data, backend: MilpBackend, price: float, deadline: float, log: list[str], trivial_bound: float
) -> float:
    """Best Lagrangian bound over a few uniform prices (back-ends without LP sessions)."""
    capacity = data.K * max(0, data.H - 1)
    best = trivial_bound
    for _ in range(8):
        started = time.monotonic()
        bound, used = _lagrangian_bound(data, backend, price, deadline)
        best = max(best, bound)
        log.append(f"Lagrangian bound at capacity price {price:.0f}/month: {bound:.2f} (LP capacity use {used:.0f})")
        if price == 0 and used <= capacity:
            break
        if deadline - time.monotonic() < time.monotonic() - started:
            break
        price = price * 0.6 if used < capacity else max(price * 1.5, 1.0)
    return best


def _subgradient_bound(
    data: _Data,
    backend,
    price: float,
    upper: float,
    deadline: float,
    log: list[str],
    trivial_bound: float,
    max_iterations: int = 1000,
) -> float:
    """Lagrangian dual of the capacity rows with one price per month, by subgradient steps.

    Month m (0 … H−2, where preparation months lie) has a price ``mu[m] ≥ 0``; a joint tender
    (c, s) pays ``Σ mu[s−L … s−1]`` on top of F, capacity rows are dropped, and the problem
    splits by category. For any ``mu ≥ 0``,
    ``Σ_c LP_c(mu) − K·Σ_m mu[m]`` is a lower bound (weak duality; each category's LP
    relaxation, solved to optimality, is at most its priced integer optimum, and never below
    its trivial bound, which is a bound at price 0 ≤ any prices); each LP value is lowered by
    a relative 1e-6 against floating-point tolerances. Every evaluated ``mu`` gives
    a true bound; the best is returned. The steps follow the subgradient ``usage[m] − K``
    (the LP solutions' tenders occupying m) with Polyak's step towards ``upper`` (a plan's
    cost), halved when the bound stops improving. Each category's LP stays in memory and is
    re-solved from its last basis, so later steps are cheap. ``mu`` starts at ``price`` in
    every month. Deterministic for a given input until the deadline cuts it short.
    """
    began = time.monotonic()
    months = max(0, data.H - 1)
    if months == 0:
        return trivial_bound
    parts = []  # (category, model, session, y columns, (first month, L) per column, F)
    for ci in range(len(data.cats)):
        if time.monotonic() >= deadline:
            return trivial_bound
        cat = data.cats[ci]
        model = _build_model(data, [ci], None, capacity=False, price=0.0)
        cols = list(model.y.values())
        spans = [(s - cat.L, cat.L) for (_, s, _) in model.y]
        parts.append((ci, model, backend.lp_session(model.milp), cols, spans, cat.F))
    mu = [max(0.0, price)] * months
    best = trivial_bound
    best_point: tuple[list[float], list[float], float] | None = None
    theta = 0.5
    stale = 0
    pool = ThreadPoolExecutor(max_workers=solver_threads())
    last = 0.0  # duration of the last step
    for iteration in range(max_iterations):
        step_began = time.monotonic()
        if iteration > 1 and deadline - step_began < 0.8 * last:
            log.append(f"Lagrangian bound (month prices): stopped before step {iteration}, too little time left")
            break
        prefix = [0.0]
        for value in mu:
            prefix.append(prefix[-1] + value)
        total = -data.K * prefix[-1]
        usage = [0.0] * months
        complete = True

        def run(part, prefix=prefix):
            _, _, session, cols, spans, F = part
            if time.monotonic() >= deadline:
                return None
            if cols:
                session.set_costs(cols, [F + prefix[a + L] - prefix[a] for a, L in spans])
            return session.solve(max(0.05, deadline - time.monotonic()))

        # categories are independent: their LPs run side by side, results are used in order
        outcomes = list(pool.map(run, parts))
        for (ci, _, _, cols, spans, _), outcome in zip(parts, outcomes, strict=True):
            trivial = _category_trivial_bound(data, ci)
            if outcome is None or outcome.status != "optimal" or outcome.objective is None or outcome.values is None:
                if outcome is not None and outcome.status == "infeasible" and any(g_ci == ci for g_ci, _ in data.groups):
                    data.infeasible_lp = True  # the category's groups cannot be honoured at all
                complete = False
                total += trivial
                continue
            # an LP optimum holds within HiGHS's tolerances (1e-7 in thousands of DKK per column);
            # lowering each term by a relative 1e-6 more than covers that
            total += max(trivial, outcome.objective - 1e-6 * abs(outcome.objective))
            for col, (a, L) in zip(cols, spans, strict=True):
                v = outcome.values[col]
                if v > 1e-9:
                    for m in range(a, a + L):
                        usage[m] += v
        last = time.monotonic() - step_began
        grad = [usage[m] - data.K if mu[m] > 0 or usage[m] > data.K else 0.0 for m in range(months)]
        if total > best + 1e-6 * max(1.0, abs(best)):
            best, best_point, stale = total, (list(mu), grad, total), 0
        else:
            stale += 1
        if not complete:
            why = sorted({"out of time" if o is None else o.status for o in outcomes if o is None or o.status != "optimal"})
            log.append(f"Lagrangian bound (month prices), step {iteration}: incomplete ({', '.join(why)})")
            break
        log.append(
            f"Lagrangian bound (month prices), step {iteration}: {total:.2f} "
            f"(mean price {prefix[-1] / months:.0f}/month, peak LP use {max(usage):.2f}) at {time.monotonic() - began:.1f}s"
        )
        if stale >= 1 and best_point is not None:  # back to the best prices with a shorter step
            theta /= 2
            stale = 0
            mu, grad, total = list(best_point[0]), best_point[1], best_point[2]
        norm = sum(g * g for g in grad)
        if norm <= 1e-12:
            break  # the LP solutions fit the capacity with complementary slackness: optimal prices
        step = theta * max(upper - total, 1e-6 * max(1.0, abs(total))) / norm
        mu = [max(0.0, mu[m] + step * grad[m]) for m in range(months)]
    pool.shutdown()
    log.append(f"Lagrangian bound (month prices): best {best:.2f}")
    return best


# --------------------------------------------------------------------------- column generation


@dataclass
class _Column:
    """One category's plan in the master problem: its cost (capacity not priced) and occupancy.

    ``tenders`` is the category's joint tenders ((start, members), …) for an integer plan, or
    None for a point of the category's LP relaxation (used by the master LP only).
    """

    ci: int
    cost: float
    occ: dict[int, float]
    tenders: tuple[tuple[int, tuple[int, ...]], ...] | None


def _integer_column(data: _Data, ci: int, tenders: dict[int, tuple[int, ...]]) -> _Column:
    cat = data.cats[ci]
    joined: set[int] = set()
    cost = 0.0
    occ: dict[int, float] = {}
    for s, members in tenders.items():
        cost += _tender_eval(data, ci, s, members, IR_EPS_HEURISTIC)[0]
        joined.update(members)
        for m in range(s - cat.L, s):
            occ[m] = occ.get(m, 0.0) + 1.0
    cost += sum(data.contracts[i].solo_cost for i in cat.members if i not in joined)
    return _Column(ci, cost, occ, tuple(sorted(tenders.items())))


def _solution_columns(data: _Data, sol: _Solution) -> list[_Column]:
    per: dict[int, dict[int, tuple[int, ...]]] = {ci: {} for ci in range(len(data.cats))}
    for (ci, s), members in sol.tenders.items():
        per[ci][s] = members
    return [_integer_column(data, ci, tenders) for ci, tenders in per.items()]


class _Master:
    """The Dantzig–Wolfe master over category plans: one plan per category, capacity per month.

    Its LP (over integer plans and LP points) gives month prices for the next pricing round;
    its integer version over the integer plans found so far recombines them into a plan.
    """

    def __init__(self, data: _Data):
        self.data = data
        self.columns: list[_Column] = []
        self.keys: set[tuple] = set()

    def add(self, column: _Column) -> bool:
        key = (column.ci, column.tenders) if column.tenders is not None else (
            column.ci, round(column.cost, 2), tuple(sorted((m, round(v, 6)) for m, v in column.occ.items() if v > 1e-9))
        )
        if key in self.keys:
            return False
        self.keys.add(key)
        self.columns.append(column)
        return True

    def add_with_variants(self, column: _Column) -> bool:
        """Add an integer plan and its neighbours: each tender dropped (members solo) or moved.

        The neighbours free or move capacity, so the master MILP can fit plans together that
        collide as they are; each is a feasible category plan (IR checked at the new start).
        """
        added = self.add(column)
        if not added or not column.tenders:
            return added
        data = self.data
        ci = column.ci
        tenders = dict(column.tenders)
        for s, members in column.tenders:
            rest = {t: m for t, m in tenders.items() if t != s}
            self.add(_integer_column(data, ci, rest))
            for shift in (-1, 1, -2, 2, -3, 3, -6, 6):
                s2 = s + shift
                if s2 in tenders or s2 < data.cats[ci].L or not all(data.eligible(i, s2) for i in members):
                    continue
                if not _tender_eval(data, ci, s2, members, IR_EPS_HEURISTIC)[1]:
                    continue
                self.add(_integer_column(data, ci, {**rest, s2: members}))
        return True

    def _model(self, columns: list[_Column], integer: bool) -> tuple[MilpModel, list[int]]:
        data = self.data
        milp = MilpModel()
        for column in columns:
            milp.add_binary(column.cost)
            if not integer:
                milp.integer[-1] = False
        for ci in range(len(data.cats)):
            cols = [j for j, column in enumerate(columns) if column.ci == ci]
            milp.add_row(cols, [1.0] * len(cols), 1.0, 1.0)
        months = sorted({m for column in columns for m, v in column.occ.items() if v > 1e-9})
        for m in months:
            cols = [j for j, column in enumerate(columns) if column.occ.get(m, 0.0) > 1e-9]
            milp.add_row(cols, [columns[j].occ[m] for j in cols], -INFINITY, float(data.K))
        return milp, months

    def prices(self, backend) -> tuple[float, list[float]] | None:
        """(master LP value, month prices ≥ 0) or None."""
        milp, months = self._model(self.columns, integer=False)
        outcome = backend.solve_lp(milp, 10.0)
        if outcome.status != "optimal":
            return None
        mu = [0.0] * max(0, self.data.H - 1)
        offset = len(self.data.cats)
        for n, m in enumerate(months):
            if 0 <= m < len(mu):
                mu[m] = max(0.0, -outcome.row_duals[offset + n])
        return outcome.objective, mu

    def best_plan(self, backend, time_limit: float, incumbent: _Solution | None) -> _Solution | None:
        columns = [column for column in self.columns if column.tenders is not None]
        milp, _ = self._model(columns, integer=True)
        warm = None
        if incumbent is not None:
            wanted = {(c.ci, c.tenders) for c in _solution_columns(self.data, incumbent)}
            warm = [1.0 if (c.ci, c.tenders) in wanted else 0.0 for c in columns]
            if sum(warm) != len(self.data.cats):
                warm = None
        outcome = backend.solve(milp, time_limit, warm)
        if outcome.values is None:
            return None
        tenders: dict[tuple[int, int], tuple[int, ...]] = {}
        for column, value in zip(columns, outcome.values, strict=True):
            if value > 0.5:
                for s, members in column.tenders:
                    tenders[(column.ci, s)] = members
        return _Solution(tenders)


def _column_generation(
    data: _Data,
    backend,
    start: _Solution,
    deadline: float,
    log: list[str],
    trivial_bound: float,
    progress: _Progress,
    max_rounds: int = 1000,
) -> tuple[float, _Solution]:
    """Lagrangian bound with month prices set by column generation; plans from the master MILP.

    See docs/planner.md ("Large instances"). Returns (best bound, best plan found).
    """
    began = time.monotonic()
    months = max(0, data.H - 1)
    best_sol, best_cost = start, _solution_cost(data, start)
    if months == 0:
        return trivial_bound, best_sol
    master = _Master(data)
    for ci, cat in enumerate(data.cats):
        master.add(_Column(ci, sum(data.contracts[i].solo_cost for i in cat.members), {}, ()))
    for column in _solution_columns(data, start):
        master.add_with_variants(column)

    def run(part, prefix):
        _, _, session, cols, spans, F = part
        if time.monotonic() >= deadline:
            return None
        if cols:
            session.set_costs(cols, [F + prefix[a + L] - prefix[a] for a, L in spans])
        return session.solve(max(0.05, deadline - time.monotonic()))

    def prefix_of(prices: list[float]) -> list[float]:
        prefix = [0.0]
        for value in prices:
            prefix.append(prefix[-1] + value)
        return prefix

    pool = ThreadPoolExecutor(max_workers=solver_threads())
    mu = [max(0.0, _capacity_price(data, start))] * months
    # the first round's LPs start while the next categories are still being built
    parts = []  # (category, model, session, y columns, (first month, L) per column, F)
    first = []
    for ci in range(len(data.cats)):
        if time.monotonic() >= deadline:
            break
        cat = data.cats[ci]
        model = _build_model(data, [ci], None, capacity=False, price=0.0)
        cols = list(model.y.values())
        spans = [(s - cat.L, cat.L) for (_, s, _) in model.y]
        parts.append((ci, model, backend.lp_session(model.milp), cols, spans, cat.F))
        first.append(pool.submit(run, parts[-1], prefix_of(mu)))
    missing = [ci for ci in range(len(data.cats)) if ci >= len(parts)]  # not built in time: trivial bounds
    if missing:
        log.append(f"column generation: out of time after building {len(parts)} of {len(data.cats)} category LPs")
    log.append(f"column generation: {len(parts)} category LPs built in {time.monotonic() - began:.1f}s")
    best = trivial_bound
    center, center_value = list(mu), -INFINITY  # stability centre: the prices with the best Lagrangian value
    alpha = 0.5
    last = 0.0
    restricted: dict[tuple[int, frozenset[int]], _Column | None] = {}
    new_integer = 0
    for iteration in range(max_rounds):
        step_began = time.monotonic()
        if iteration > 1 and deadline - step_began < 0.8 * last:
            log.append(f"column generation: stopped before round {iteration}, too little time left")
            break
        prefix = prefix_of(mu)
        total = -data.K * prefix[-1] + sum(_category_trivial_bound(data, ci) for ci in missing)
        if iteration == 0:
            outcomes = [future.result() for future in first]
        else:
            outcomes = list(pool.map(lambda part, prefix=prefix: run(part, prefix), parts))
        complete = not missing
        fractional = []
        for (ci, model, _, cols, spans, _), outcome in zip(parts, outcomes, strict=True):
            trivial = _category_trivial_bound(data, ci)
            if outcome is None or outcome.status != "optimal" or outcome.objective is None or outcome.values is None:
                if outcome is not None and outcome.status == "infeasible" and any(g_ci == ci for g_ci, _ in data.groups):
                    data.infeasible_lp = True
                complete = False
                total += trivial
                continue
            total += max(trivial, outcome.objective - 1e-6 * abs(outcome.objective))
            values = outcome.values
            occ: dict[int, float] = {}
            priced = 0.0
            for col, (a, L) in zip(cols, spans, strict=True):
                v = values[col]
                if v > 1e-9:
                    priced += v * (prefix[a + L] - prefix[a])
                    for m in range(a, a + L):
                        occ[m] = occ.get(m, 0.0) + v
            integral = all(v < 1e-6 or v > 1 - 1e-6 for v in values)
            if integral:
                tenders = {s: members for (_, s), members in _extract(data, model, values).tenders.items()}
                if master.add_with_variants(_integer_column(data, ci, tenders)):
                    new_integer += 1
            else:
                master.add(_Column(ci, outcome.objective - priced, occ, None))
                starts = {s: 0.0 for (_, s, _) in model.y}
                for (_, s, _), col in model.y.items():
                    starts[s] += values[col]
                fractional.append((ci, frozenset(s for s, v in starts.items() if v >= 0.5)))
        last = time.monotonic() - step_began
        if not complete:  # still a bound: the unsolved categories count with their trivial bounds
            if total > best + 1e-6 * max(1.0, abs(best)):
                best = total
                progress.update(bound=best, phase="bound")
            log.append(f"column generation, round {iteration}: incomplete (out of time), bound {total:.2f}")
            break
        if total > center_value:
            center, center_value = list(mu), total
        if total > best + 1e-6 * max(1.0, abs(best)):
            best = total
            progress.update(bound=best, phase="bound")
        # fractional category LPs: their rounded start sets, re-solved exactly (cached)
        todo = [key for key in dict.fromkeys(fractional) if key not in restricted]
        if todo and deadline - time.monotonic() > 2 * last:
            def exact(key):
                ci, starts = key
                model = _build_model(data, [ci], {ci: set(starts)}, capacity=False)
                outcome = backend.solve(model.milp, min(2.0, max(0.05, deadline - time.monotonic())), None)
                if outcome.values is None:
                    return None
                return _integer_column(
                    data, ci, {s: m for (_, s), m in _extract(data, model, outcome.values).tenders.items()}
                )

            for key, column in zip(todo, pool.map(exact, todo), strict=True):
                restricted[key] = column
                if column is not None and master.add_with_variants(column):
                    new_integer += 1
        priced_master = master.prices(backend)
        master_value = None if priced_master is None else priced_master[0]
        log.append(
            f"column generation, round {iteration}: Lagrangian bound {total:.2f}, master LP {master_value:.2f}, "
            f"{len(master.columns)} columns at {time.monotonic() - began:.1f}s"
        )
        if master_value is not None and master_value - best <= 1e-6 * abs(best):
            log.append("column generation: the master LP meets the bound (converged)")
            break
        if new_integer >= 15 or iteration % 4 == 3:
            found = master.best_plan(backend, min(5.0, max(0.1, 0.3 * (deadline - time.monotonic()))), best_sol)
            new_integer = 0
            if found is not None:
                cost = _solution_cost(data, found)
                if cost < best_cost - 1e-3 and not _group_violations(data, found):
                    best_sol, best_cost = found, cost
                    progress.update(incumbent=best_cost, phase="master")
        if priced_master is None:
            break
        target = priced_master[1]
        mu = [b + alpha * (t - b) for b, t in zip(center, target, strict=True)]
    pool.shutdown()
    found = master.best_plan(backend, min(10.0, max(0.1, 0.5 * (deadline - time.monotonic()))), best_sol)
    if found is not None and _solution_cost(data, found) < best_cost - 1e-3 and not _group_violations(data, found):
        best_sol, best_cost = found, _solution_cost(data, found)
        progress.update(incumbent=best_cost, phase="master")
    log.append(f"column generation: best bound {best:.2f}, master plan {best_cost:.2f}")
    return best, best_sol
