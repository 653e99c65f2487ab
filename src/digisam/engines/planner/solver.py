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
   relaxation of capacity (one price per month, tuned by subgradient steps; the problem then
   splits by category, each part bounded by its LP relaxation, kept in memory and re-solved
   from its last basis) gives the lower bound, and the search gives the plan.
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
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from .baseline import baseline_plan, baseline_switch_month
from .evaluator import Evaluation, evaluate
from .milp import INFINITY, MilpBackend, MilpModel, default_backends, solver_threads
from .model import Instance, Participant, Plan, Tender

IR_EPS_HEURISTIC = 1e-3  # the heuristic keeps IR 1 mDKK tighter than the 1 DKK tolerance
IR_EPS_MODEL = -1e-3  # the MILP keeps IR 1 mDKK looser (relaxation → valid bound); repair fixes the rest
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


# --------------------------------------------------------------------------- pre-computation


@dataclass
class _Contract:
    cat: int
    municipality: str
    pop: float
    lo: int
    hi: int
    E: int
    a12: float  # A/12
    au12: float  # A(1+u)/12
    fee: float
    opt_out: bool
    base: float
    solo_cost: float
    solo_t: int


@dataclass
class _Category:
    id: str
    q: float
    F: float
    f: float
    L: int
    D: int
    g: float
    mins: list[float]
    discounts: list[float]
    members: list[int]  # contract indices

    def tier(self, population: float) -> int:
        k = 0
        for j, m in enumerate(self.mins):
            if m <= population + 1e-9:
                k = j
        return k


class _Data:
    def __init__(self, instance: Instance):
        self.instance = instance
        self.H = instance.horizon_months
        self.K = instance.max_parallel_joint_tenders
        self.ir = instance.individual_rationality
        self.cats: list[_Category] = []
        cat_index: dict[str, int] = {}
        for c in instance.categories:
            cat_index[c.id] = len(self.cats)
            self.cats.append(
                _Category(
                    id=c.id,
                    q=float(c.price_per_inhabitant_year),
                    F=float(c.tender_fixed_cost),
                    f=float(c.tender_cost_per_participant),
                    L=c.preparation_months,
                    D=c.framework_months,
                    g=float(c.harmonisation_saving_per_participant_year),
                    mins=[float(t.min_population) for t in c.discount_tiers],
                    discounts=[float(t.discount) for t in c.discount_tiers],
                    members=[],
                )
            )
        self.contracts: list[_Contract] = []
        for contract in instance.in_scope_contracts():
            ci = cat_index[contract.category]
            cat = self.cats[ci]
            lo, hi = instance.window(contract)
            pop = float(instance.municipality(contract.municipality).population)
            a = float(contract.annual_cost)
            item = _Contract(
                cat=ci,
                municipality=contract.municipality,
                pop=pop,
                lo=lo,
                hi=hi,
                E=contract.expires,
                a12=a / 12,
                au12=a * (1 + float(contract.extension_uplift)) / 12,
                fee=float(contract.early_exit_fee),
                opt_out=contract.opt_out,
                base=0.0,
                solo_cost=0.0,
                solo_t=lo,
            )
            rate = cat.q * pop * (1 - cat.discounts[cat.tier(pop)]) / 12
            tb = baseline_switch_month(instance, contract)
            item.base = cat.F + cat.f + self.value(item, tb, rate)
            t, v = self.best_t(item, lo, hi, rate)
            item.solo_t = t
            item.solo_cost = cat.F + cat.f + v
            cat.members.append(len(self.contracts))
            self.contracts.append(item)
        self._joint: dict[tuple[int, int, int], tuple[float, int] | None] = {}
        self.trivial: dict[int, float] = {}
        # "must tender together" groups: (category index, member contract indices)
        index = {(c.municipality, self.cats[c.cat].id): i for i, c in enumerate(self.contracts)}
        self.groups: list[tuple[int, tuple[int, ...]]] = []
        self.group_of: dict[int, int] = {}
        for g, group in enumerate(instance.must_tender_together):
            members = tuple(sorted(index[(code, group.category)] for code in group.municipalities))
            self.groups.append((cat_index[group.category], members))
            for i in members:
                self.group_of[i] = g
        self.infeasible_lp = False  # a category LP with group rows was infeasible (proof)

    def value(self, c: _Contract, t: int, rate: float) -> float:
        """current(t) + rate·(H − t)."""
        cost = c.a12 * min(t, c.E) + c.au12 * max(0, t - c.E) + rate * (self.H - t)
        if t < c.E:
            cost += c.fee
        return cost

    def best_t(self, c: _Contract, a: int, b: int, rate: float) -> tuple[int, float]:
        best_t, best_v = a, INFINITY
        for t in (a, c.E - 1, c.E, b):
            if a <= t <= b:
                v = self.value(c, t, rate)
                if v < best_v - 1e-9 or (abs(v - best_v) <= 1e-9 and t < best_t):
                    best_t, best_v = t, v
        return best_t, best_v

    def joint_range(self, i: int) -> tuple[int, int]:
        """Start months s for which contract i can join a joint tender (empty if lo > hi)."""
        c = self.contracts[i]
        cat = self.cats[c.cat]
        if c.opt_out:
            return (1, 0)
        return (max(cat.L, c.lo - cat.D + 1), c.hi)

    def eligible(self, i: int, s: int) -> bool:
        a, b = self.joint_range(i)
        return a <= s <= b

    def group_starts(self, g: int) -> range:
        """Start months at which every member of group g can join one joint tender."""
        _, members = self.groups[g]
        ranges = [self.joint_range(i) for i in members]
        return range(max(a for a, _ in ranges), min(b for _, b in ranges) + 1)

    def joint(self, i: int, s: int, k: int) -> tuple[float, int]:
        """(cost without F share, switch month) of contract i in a joint tender (s, tier k)."""
        key = (i, s, k)
        hit = self._joint.get(key)
        if hit is None:
            c = self.contracts[i]
            cat = self.cats[c.cat]
            rate = (cat.q * c.pop * (1 - cat.discounts[k]) - cat.g) / 12
            t, v = self.best_t(c, max(c.lo, s), min(c.hi, s + cat.D - 1), rate)
            hit = (cat.f + v, t)
            self._joint[key] = hit
        return hit


# --------------------------------------------------------------------------- solutions


@dataclass
class _Solution:
    """Joint tenders as {(category, start): members}; all other contracts solo at their best month."""

    tenders: dict[tuple[int, int], tuple[int, ...]]


def _tender_eval(data: _Data, ci: int, s: int, members: tuple[int, ...] | list[int], eps: float):
    """(cost incl. F, IR-feasible, tier, [switch months]) of a joint tender with real tier."""
    cat = data.cats[ci]
    P = sum(data.contracts[i].pop for i in members)
    k = cat.tier(P)
    total = cat.F
    feasible = len(members) >= 2
    months = []
    for i in members:
        cost, t = data.joint(i, s, k)
        total += cost
        months.append(t)
        if data.ir and P > 0:
            if cat.F * data.contracts[i].pop / P + cost > data.contracts[i].base + 1 - eps:
                feasible = False
    return total, feasible, k, months


def _solution_cost(data: _Data, sol: _Solution) -> float:
    joined: set[int] = set()
    total = 0.0
    for (ci, s), members in sol.tenders.items():
        total += _tender_eval(data, ci, s, members, IR_EPS_HEURISTIC)[0]
        joined.update(members)
    total += sum(c.solo_cost for i, c in enumerate(data.contracts) if i not in joined)
    return total


def _occupancy(data: _Data, sol: _Solution) -> dict[int, int]:
    occ: dict[int, int] = {}
    for ci, s in sol.tenders:
        for m in range(s - data.cats[ci].L, s):
            occ[m] = occ.get(m, 0) + 1
    return occ


def _fits(data: _Data, occ: dict[int, int], ci: int, s: int, released: tuple[int, int] | None = None) -> bool:
    L = data.cats[ci].L
    for m in range(s - L, s):
        used = occ.get(m, 0)
        if released is not None and released[1] - data.cats[released[0]].L <= m < released[1]:
            used -= 1
        if used >= data.K:
            return False
    return True


def _group_violations(data: _Data, sol: _Solution, cats: list[int] | None = None) -> int:
    """Number of "must tender together" groups (of ``cats``) whose members are not in one tender."""
    if not data.groups:
        return 0
    where = {i: key for key, members in sol.tenders.items() for i in members}
    count = 0
    for ci, members in data.groups:
        if cats is not None and ci not in cats:
            continue
        keys = {where.get(i) for i in members}
        if len(keys) != 1 or None in keys:
            count += 1
    return count


def _group_problems(data: _Data) -> list[str]:
    """Groups that provably cannot be honoured, each on its own (capacity or individual rationality).

    A relaxation of the whole problem (other groups and capacity left out), so every message
    is a proof. Individual rationality: at a start s, start from every eligible contract of the
    category and drop IR violators until none is left; removing members only lowers P (so
    the tier) and raises F shares, so a violator stays one in every smaller tender and the
    fixpoint is the largest IR-feasible tender at s. If it loses a group member at every s,
    no plan honours the group. The test is 1 mDKK looser than the spec's tolerance.
    """
    problems = []
    for g, (ci, members) in enumerate(data.groups):
        cat = data.cats[ci]
        where = data.instance.describe_group(g)
        if data.K == 0 and cat.L > 0:
            problems.append(
                f"{where}: infeasible group: no joint tender fits the capacity "
                f"(max_parallel_joint_tenders 0, preparation_months {cat.L})"
            )
            continue
        if not data.ir:
            continue
        forced = set(members)
        possible = False
        for s in data.group_starts(g):
            tender = [i for i in cat.members if data.eligible(i, s)]
            while forced <= set(tender):
                P = sum(data.contracts[i].pop for i in tender)
                k = cat.tier(P)
                violators = [
                    i for i in tender
                    if P > 0 and cat.F * data.contracts[i].pop / P + data.joint(i, s, k)[0]
                    > data.contracts[i].base + 1 - IR_EPS_MODEL
                ]
                if not violators:
                    break
                tender = [i for i in tender if i not in violators]
            if forced <= set(tender):
                possible = True
                break
        if not possible:
            problems.append(
                f"{where}: infeasible group: individual rationality cannot hold for every member at any "
                "common start month, even with every other eligible contract in the tender"
            )
    return problems


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


def _local_search(data: _Data, sol: _Solution, deadline: float) -> _Solution:
    """First-improvement moves: member relocation, joining, leaving, start shifts."""
    eps = IR_EPS_HEURISTIC
    tenders = dict(sol.tenders)

    def tcost(key, members) -> tuple[float, bool]:
        if len(members) == 0:
            return 0.0, True
        if len(members) == 1:
            return data.contracts[members[0]].solo_cost, True
        total, feasible, _, _ = _tender_eval(data, key[0], key[1], members, eps)
        return total, feasible

    improved = True
    while improved and time.monotonic() < deadline:
        improved = False
        assigned = {i: key for key, members in tenders.items() for i in members}
        for ci, cat in enumerate(data.cats):
            keys = sorted(k for k in tenders if k[0] == ci)
            for i in cat.members:
                if time.monotonic() >= deadline:
                    break
                if i in data.group_of:  # a group moves only as a whole (start shifts)
                    continue
                src = assigned.get(i)
                src_before = tcost(src, tenders[src])[0] if src else data.contracts[i].solo_cost
                src_members = tuple(j for j in tenders[src] if j != i) if src else ()
                src_after, src_ok = tcost(src, src_members) if src else (0.0, True)
                if not src_ok:
                    continue
                options = [k for k in keys if k != src and data.eligible(i, k[1])]
                if src is not None:
                    options.append(None)
                for dst in options:
                    if dst is None:
                        delta = src_after + data.contracts[i].solo_cost - src_before
                        dst_members: tuple[int, ...] = ()
                    else:
                        dst_members = tuple(sorted(tenders[dst] + (i,)))
                        after, ok = tcost(dst, dst_members)
                        if not ok:
                            continue
                        delta = src_after + after - src_before - tcost(dst, tenders[dst])[0]
                    if delta < -1e-6:
                        if src is not None:
                            if len(src_members) >= 2:
                                tenders[src] = src_members
                            else:
                                del tenders[src]
                        if dst is not None:
                            tenders[dst] = dst_members
                        improved = True
                        break
                if improved:
                    break
            if improved:
                break
        if improved:
            continue
        occ = _occupancy(data, _Solution(tenders))
        for key in sorted(tenders):
            if time.monotonic() >= deadline:
                break
            ci, s = key
            members = tenders[key]
            before = tcost(key, members)[0]
            for shift in (-1, 1, -2, 2, -3, 3, -6, 6, -12, 12):
                s2 = s + shift
                if (ci, s2) in tenders or s2 < data.cats[ci].L:
                    continue
                if not all(data.eligible(i, s2) for i in members):
                    continue
                if not _fits(data, occ, ci, s2, released=key):
                    continue
                after, ok = tcost((ci, s2), members)
                if ok and after < before - 1e-6:
                    del tenders[key]
                    tenders[(ci, s2)] = members
                    improved = True
                    break
            if improved:
                break
    return _Solution(tenders)


# --------------------------------------------------------------------------- MILP


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
    """The exact formulation of the module docstring over categories ``cats`` and start sets ``starts``.

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


# --------------------------------------------------------------------------- plans


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


def _to_plan(data: _Data, sol: _Solution) -> Plan:
    tenders: list[Tender] = []
    joined: set[int] = set()
    for ci, s in sorted(sol.tenders, key=lambda key: (key[0], key[1])):
        members = sol.tenders[(ci, s)]
        _, _, _, months = _tender_eval(data, ci, s, members, 0.0)
        joined.update(members)
        tenders.append(
            Tender(
                category=data.cats[ci].id,
                start=s,
                participants=tuple(
                    Participant(municipality=data.contracts[i].municipality, contract_start=t)
                    for i, t in zip(members, months, strict=True)
                ),
            )
        )
    for i, c in enumerate(data.contracts):
        if i not in joined:
            tenders.append(
                Tender(
                    category=data.cats[c.cat].id,
                    start=c.solo_t,
                    participants=(Participant(municipality=c.municipality, contract_start=c.solo_t),),
                )
            )
    order = {cat.id: n for n, cat in enumerate(data.cats)}
    tenders.sort(key=lambda t: (order[t.category], t.start, len(t.participants) == 1, t.participants[0].municipality))
    return Plan(tenders=tuple(tenders))


class _Progress:
    """Anytime reporting: the best plan cost and the best bound so far, passed to a callback.

    The callback gets a dict with ``elapsed`` (s), ``phase``, ``incumbent`` (cost of the best
    plan found, DKK, before the final exact check), ``bound`` (best proven lower bound) and
    ``gap`` ((incumbent − bound)/incumbent, None until both exist). It is called from the
    solver's thread whenever one of them improves.
    """

    def __init__(self, callback, began: float):
        self.callback = callback
        self.began = began
        self.incumbent: float | None = None
        self.bound: float | None = None

    def update(self, incumbent: float | None = None, bound: float | None = None, phase: str = "") -> None:
        if incumbent is not None and (self.incumbent is None or incumbent < self.incumbent):
            self.incumbent = incumbent
        if bound is not None and (self.bound is None or bound > self.bound):
            self.bound = bound
        if self.callback is None:
            return
        gap = None
        if self.incumbent is not None and self.bound is not None and self.incumbent:
            gap = max(0.0, (self.incumbent - min(self.bound, self.incumbent)) / abs(self.incumbent))
        self.callback(
            {
                "elapsed": round(time.monotonic() - self.began, 3),
                "phase": phase,
                "incumbent": self.incumbent,
                "bound": self.bound if self.incumbent is None or self.bound is None else min(self.bound, self.incumbent),
                "gap": gap,
            }
        )


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
    sol = _greedy(data, heuristic_deadline)
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
            if size > LNS_FIRST_LIMIT and len(all_cats) > 2:
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
