"""Large-neighbourhood search: re-solve pairs of categories with the exact model while the
other categories' tenders stay fixed (package docstring, item 4).
"""

from __future__ import annotations

import time

from ..milp import MilpBackend
from .data import _Data, _group_violations, _occupancy, _Solution, _solution_cost, _tender_eval
from .exact import _build_model, _extract, _warm_start
from .progress import _Progress


def _lns(
    data: _Data, backend: MilpBackend, start: _Solution, deadline: float, log: list[str], progress: _Progress
) -> _Solution:
    """Large-neighbourhood search: re-solve pairs of categories exactly, the others' tenders fixed.

    The fixed tenders' preparation months reduce the capacity left for the pair; the pair's
    model is the exact formulation, warm-started from the current solution, so each step
    can only improve (within its time slice). Pairs are visited in a fixed order.
    """
    began = time.monotonic()
    current = _Solution(dict(start.tenders))
    cost = _solution_cost(data, current)
    broken = _group_violations(data, current)  # groups first: fewer split groups beats a lower cost
    value = {ci: 0.0 for ci in range(len(data.cats))}
    for (ci, s), members in current.tenders.items():
        value[ci] += sum(data.contracts[i].solo_cost for i in members) - _tender_eval(data, ci, s, members, 0.0)[0]
    order = sorted(value, key=lambda ci: (-value[ci], ci))
    pairs = [order[j : j + 2] for j in range(0, len(order), 2)]
    pairs += [order[j : j + 2] for j in range(1, len(order), 2)]
    steps = 0
    while time.monotonic() < deadline - 1.0:
        improved_round = False
        for group in pairs:
            remaining = deadline - time.monotonic()
            if remaining < 1.0:
                break
            others = _Solution({k: m for k, m in current.tenders.items() if k[0] not in group})
            occ = _occupancy(data, others)
            residual = {m: data.K - used for m, used in occ.items()}
            model = _build_model(data, group, None, capacity=True, residual=residual)
            warm = _warm_start(data, model, current, group)
            limit = min(max(2.0, remaining / 6), remaining)
            step_began = time.monotonic()
            outcome = backend.solve(model.milp, limit, warm)
            steps += 1
            if time.monotonic() - step_began > limit + 5:
                log.append(f"LNS step on {[data.cats[ci].id for ci in group]} overran: {time.monotonic() - step_began:.1f}s")
            if outcome.values is None:
                continue
            trial = _Solution(dict(others.tenders))
            trial.tenders.update(_extract(data, model, outcome.values).tenders)
            trial_cost = _solution_cost(data, trial)
            trial_broken = _group_violations(data, trial)
            if trial_broken < broken or (trial_broken == broken and trial_cost < cost - 1e-3):
                current, cost, broken = trial, trial_cost, trial_broken
                improved_round = True
                if not broken:
                    progress.update(incumbent=cost, phase="search")
        if not improved_round:
            break
    log.append(f"large-neighbourhood search: {cost:.2f} after {steps} steps in {time.monotonic() - began:.2f}s")
    return current
