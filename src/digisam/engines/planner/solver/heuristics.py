"""The construction heuristic: the greedy best group per (category, start) and the seeding
of "must tender together" groups before anything else (package docstring, items 2 and 6).
"""

from __future__ import annotations

import time

from .data import IR_EPS_HEURISTIC, _Data, _fits, _Solution, _tender_eval


def _best_group(data: _Data, ci: int, s: int, pool: set[int], forced: frozenset[int] = frozenset()):
    """Greedy best group for a joint tender (ci, s) from ``pool``: (saving, members) or None.

    Members in ``forced`` (a "must tender together" group) are never dropped: the result
    contains them all, even at a negative saving, or is None when IR cannot hold for them.
    """
    cat = data.cats[ci]
    if forced and not all(data.eligible(i, s) for i in forced):
        return None
    group = sorted(i for i in pool | forced if data.eligible(i, s))
    eps = IR_EPS_HEURISTIC

    def saving(members: list[int]) -> tuple[float, bool]:
        total, feasible, _, _ = _tender_eval(data, ci, s, members, eps)
        return sum(data.contracts[i].solo_cost for i in members) - total, feasible

    for _ in range(4 * len(group) + 4):
        if len(group) < 2:
            return None
        P = sum(data.contracts[i].pop for i in group)
        k = cat.tier(P)
        costs = {i: data.joint(i, s, k)[0] for i in group}
        if data.ir and P > 0:
            worst, worst_excess = None, 0.0
            for i in group:
                c = data.contracts[i]
                excess = cat.F * c.pop / P + costs[i] - (c.base + 1 - eps)
                if excess > worst_excess:
                    worst, worst_excess = i, excess
            if worst is not None:
                if worst in forced:
                    return None
                group.remove(worst)
                continue
        current, _ = saving(group)
        losers = sorted(
            (i for i in group if costs[i] > data.contracts[i].solo_cost and i not in forced),
            key=lambda i: (data.contracts[i].solo_cost - costs[i], i),
        )
        improved = False
        for i in losers[:6]:
            trial = [j for j in group if j != i]
            if len(trial) < 2:
                continue
            value, feasible = saving(trial)
            if feasible and value > current + 1e-6:
                group = trial
                improved = True
                break
        if not improved:
            value, feasible = saving(group)
            if not feasible or (value <= 1e-6 and not forced):
                return None
            return value, tuple(group)
    return None


def _seed_groups(data: _Data, sol: _Solution, occ: dict[int, int], pools: list[set[int]]) -> None:
    """Put every "must tender together" group in one joint tender first (best saving, capacity fitting).

    Groups with the fewest possible starts go first; a group may join a tender already
    seeded at the same (category, start). Members of a group that finds no tender are kept
    out of the pools (the MILP has to place them).
    """
    order = sorted(range(len(data.groups)), key=lambda g: (len(data.group_starts(g)), g))
    for g in order:
        ci, members = data.groups[g]
        if not set(members) <= pools[ci]:
            continue
        best = None
        for s in data.group_starts(g):
            existing = sol.tenders.get((ci, s))
            if existing is None and not _fits(data, occ, ci, s):
                continue
            forced = frozenset(members) | frozenset(existing or ())
            found = _best_group(data, ci, s, pools[ci], forced)
            if found is not None and (best is None or found[0] > best[0] + 1e-9):
                best = (found[0], s, found[1], existing is None)
        pools[ci] -= set(members)
        if best is None:
            continue
        _, s, chosen, new = best
        sol.tenders[(ci, s)] = tuple(sorted(chosen))
        if new:
            for m in range(s - data.cats[ci].L, s):
                occ[m] = occ.get(m, 0) + 1
        pools[ci] -= set(chosen)


def _greedy(data: _Data, deadline: float, weight: float = 0.0) -> _Solution:
    """Commit best groups in order of ``saving / (1 + weight·L)`` (weight > 0 favours short preparation)."""
    sol = _Solution(tenders={})
    occ: dict[int, int] = {}
    pools = [set(cat.members) for cat in data.cats]
    cands: dict[int, dict[int, tuple[float, tuple[int, ...]]]] = {}

    def refresh(ci: int) -> None:
        cands[ci] = {}
        starts = set()
        for i in pools[ci]:
            a, b = data.joint_range(i)
            starts.update(range(a, b + 1))
        for s in sorted(starts):
            if (ci, s) in sol.tenders:
                continue
            found = _best_group(data, ci, s, pools[ci])
            if found is not None:
                cands[ci][s] = found

    if data.groups:
        _seed_groups(data, sol, occ, pools)
    for ci in range(len(data.cats)):
        refresh(ci)
    while time.monotonic() < deadline:
        best = None
        for ci in range(len(data.cats)):
            for s, (value, members) in cands[ci].items():
                score = value / (1.0 + weight * data.cats[ci].L)
                if best is not None and score <= best[0] + 1e-9:
                    continue
                if _fits(data, occ, ci, s):
                    best = (score, ci, s, members)
        if best is None:
            break
        _, ci, s, members = best
        sol.tenders[(ci, s)] = members
        for m in range(s - data.cats[ci].L, s):
            occ[m] = occ.get(m, 0) + 1
        pools[ci] -= set(members)
        refresh(ci)
    return sol
