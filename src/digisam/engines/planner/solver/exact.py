"""The exact MILP formulation (package docstring, item 3): model building for a set of
categories (optionally with capacity, priced capacity or fixed other tenders), group links,
warm start from a solution, extraction of a solution from the MILP values, and the exact
IR repair that makes every returned plan feasible.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..milp import INFINITY, MilpModel
from .data import IR_EPS_MODEL, _Data, _group_violations, _Solution, _tender_eval


@dataclass
class _Model:
    milp: MilpModel
    z: dict[int, int]
    x: dict[tuple[int, int, int], int]
    y: dict[tuple[int, int, int], int]


def _model_size(data: _Data, cats: list[int], starts: dict[int, set[int]] | None) -> int:
    count = 0
    for ci in cats:
        cat = data.cats[ci]
        for i in cat.members:
            a, b = data.joint_range(i)
            if a > b:
                continue
            n = b - a + 1 if starts is None else sum(1 for s in starts[ci] if a <= s <= b)
            count += n * len(cat.mins)
    return count


def _build_model(
    data: _Data,
    cats: list[int],
    starts: dict[int, set[int]] | None,
    capacity: bool,
    price: float = 0.0,
    residual: dict[int, int] | None = None,
    ir_eps: float = IR_EPS_MODEL,
) -> _Model:
    """The exact formulation of the package docstring over categories ``cats`` and start sets ``starts``.

    "Must tender together" groups of ``cats`` add linking rows: no member is solo
    (``z = 0``) and for every (s, k) the members' ``x[i,s,k]`` are equal (fixed at 0 when
    one of them has no such column). ``ir_eps`` > 0 makes the IR rows tighter than the
    tolerance (a plan model, no longer a relaxation).
    """
    milp = MilpModel()
    z: dict[int, int] = {}
    x: dict[tuple[int, int, int], int] = {}
    y: dict[tuple[int, int, int], int] = {}
    assign: dict[int, list[int]] = {}
    for ci in cats:
        for i in data.cats[ci].members:
            z[i] = milp.add_binary(0.0)
            assign[i] = [z[i]]
            milp.offset += data.contracts[i].solo_cost
    occupying: dict[int, list[int]] = {}
    for ci in cats:
        cat = data.cats[ci]
        by_start: dict[int, list[int]] = {}
        for i in cat.members:
            a, b = data.joint_range(i)
            for s in range(a, b + 1):
                if starts is None or s in starts[ci]:
                    by_start.setdefault(s, []).append(i)
        for s in sorted(by_start):
            eligible = by_start[s]
            if len(eligible) < 2:
                continue
            max_pop = sum(data.contracts[i].pop for i in eligible)
            y_cols = []
            for k, min_pop in enumerate(cat.mins):
                if min_pop > max_pop + 1e-9:
                    continue
                options = []
                for i in eligible:
                    c = data.contracts[i]
                    cost, _ = data.joint(i, s, k)
                    need = 0.0
                    if data.ir:
                        slack = c.base + 1 - ir_eps - cost
                        if cat.F > 0:
                            if slack <= 0:
                                continue
                            need = cat.F * c.pop / slack
                            if need > max_pop + 1e-6:
                                continue
                        elif slack < 0:
                            continue
                    options.append((i, cost, need))
                if len(options) < 2 or sum(data.contracts[i].pop for i, _, _ in options) < min_pop - 1e-9:
                    continue
                yk = milp.add_binary(cat.F + price * cat.L)
                y[(ci, s, k)] = yk
                y_cols.append(yk)
                cols = []
                pops = []
                smallest = sorted(data.contracts[i].pop for i, _, _ in options)
                for i, cost, _ in options:
                    col = milp.add_binary(cost - data.contracts[i].solo_cost)
                    x[(i, s, k)] = col
                    assign[i].append(col)
                    cols.append(col)
                    pops.append(data.contracts[i].pop)
                    milp.add_row([col, yk], [1.0, -1.0], -INFINITY, 0.0)
                milp.add_row(cols + [yk], [1.0] * len(cols) + [-2.0], 0.0, INFINITY)
                if min_pop > 0:
                    milp.add_row(cols + [yk], pops + [-min_pop], 0.0, INFINITY)
                for (i, _, need), col in zip(options, cols, strict=True):
                    pop_i = data.contracts[i].pop
                    other = smallest[0] if smallest[0] != pop_i or smallest.count(pop_i) > 1 else smallest[1]
                    if need <= max(min_pop, pop_i + other) + 1e-6:
                        continue
                    values = [p if c2 != col else p - need for c2, p in zip(cols, pops, strict=True)]
                    milp.add_row(cols, values, 0.0, INFINITY)
            if len(y_cols) > 1:
                milp.add_row(y_cols, [1.0] * len(y_cols), -INFINITY, 1.0)
            if capacity:
                for m in range(s - cat.L, s):
                    occupying.setdefault(m, []).extend(y_cols)
    for i in sorted(assign):
        milp.add_row(assign[i], [1.0] * len(assign[i]), 1.0, 1.0)
    _link_groups(data, cats, milp, z, x)
    if capacity:
        for m in sorted(occupying):
            cols = occupying[m]
            cap = data.K if residual is None else residual.get(m, data.K)
            if len(cols) > cap:
                milp.add_row(cols, [1.0] * len(cols), -INFINITY, float(cap))
    return _Model(milp=milp, z=z, x=x, y=y)


def _link_groups(
    data: _Data, cats: list[int], milp: MilpModel, z: dict[int, int], x: dict[tuple[int, int, int], int]
) -> None:
    """Rows that keep every "must tender together" group of ``cats`` in one joint tender."""
    if not data.groups:
        return
    options: dict[int, dict[tuple[int, int], int]] = {}
    for (i, s, k), col in x.items():
        if i in data.group_of:
            options.setdefault(i, {})[(s, k)] = col
    for ci, members in data.groups:
        if ci not in cats:
            continue
        for i in members:
            milp.col_upper[z[i]] = 0.0
        keys = sorted(set().union(*(options.get(i, {}).keys() for i in members)))
        for key in keys:
            cols = [options.get(i, {}).get(key) for i in members]
            if any(col is None for col in cols):
                for col in cols:
                    if col is not None:
                        milp.col_upper[col] = 0.0
                continue
            for col in cols[1:]:
                milp.add_row([cols[0], col], [1.0, -1.0], 0.0, 0.0)


def _warm_start(data: _Data, model: _Model, sol: _Solution, cats: list[int]) -> list[float] | None:
    if _group_violations(data, sol, cats):
        return None
    values = [0.0] * model.milp.num_cols
    joined: set[int] = set()
    for (ci, s), members in sol.tenders.items():
        if ci not in cats:
            continue
        P = sum(data.contracts[i].pop for i in members)
        k = data.cats[ci].tier(P)
        ycol = model.y.get((ci, s, k))
        if ycol is None:
            return None
        values[ycol] = 1.0
        for i in members:
            col = model.x.get((i, s, k))
            if col is None:
                return None
            values[col] = 1.0
            joined.add(i)
    for i, col in model.z.items():
        if i not in joined:
            values[col] = 1.0
    return values


def _extract(data: _Data, model: _Model, values: list[float]) -> _Solution:
    chosen = {key for key, col in model.y.items() if values[col] > 0.5}
    tenders: dict[tuple[int, int], list[int]] = {}
    for (i, s, k), col in model.x.items():
        ci = data.contracts[i].cat
        if values[col] > 0.5 and (ci, s, k) in chosen:
            tenders.setdefault((ci, s), []).append(i)
    return _Solution({key: tuple(sorted(m)) for key, m in tenders.items() if len(m) >= 2})


def _repair(data: _Data, sol: _Solution) -> _Solution:
    """Move members that break IR (exactly, with the real tier) to solo tenders.

    Members of a "must tender together" group are never moved; when only they break IR the
    tender is left as it is (the evaluator then rejects the candidate).
    """
    tenders = {}
    for key, members in sol.tenders.items():
        group = list(members)
        while len(group) >= 2:
            total, feasible, k, _ = _tender_eval(data, key[0], key[1], group, 0.0)
            if feasible:
                break
            cat = data.cats[key[0]]
            P = sum(data.contracts[i].pop for i in group)
            excess = {
                i: cat.F * data.contracts[i].pop / P + data.joint(i, key[1], k)[0] - data.contracts[i].base
                for i in group
            }
            movable = [i for i in group if i not in data.group_of]
            if len(movable) < len(group):
                movable = [i for i in movable if excess[i] > 1]
                if not movable:
                    break
            worst = max(movable, key=lambda i: (excess[i], -i))
            group.remove(worst)
        if len(group) >= 2:
            tenders[key] = tuple(group)
    return _Solution(tenders)
