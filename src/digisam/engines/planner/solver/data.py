"""Pre-computation and solution bookkeeping shared by every method of the solver.

``_Data`` turns an :class:`~digisam.engines.planner.model.Instance` into floats indexed by
contract and category (windows, baseline and solo costs, joint-tender costs per start month
and tier, cached); ``_Solution`` is a set of joint tenders keyed by (category, start). The
cost helpers (``_tender_eval``, ``_solution_cost``, ``_occupancy``, ``_fits``), the
"must tender together" checks (``_group_violations``, ``_group_problems``) and ``_to_plan``
(solution → :class:`~digisam.engines.planner.model.Plan`) live here too. The IR margins of
the heuristic and of the MILP are defined here (see the package docstring, item 3).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..baseline import baseline_switch_month
from ..milp import INFINITY
from ..model import Instance, Participant, Plan, Tender

IR_EPS_HEURISTIC = 1e-3  # the heuristic keeps IR 1 mDKK tighter than the 1 DKK tolerance
IR_EPS_MODEL = -1e-3  # the MILP keeps IR 1 mDKK looser (relaxation → valid bound); repair fixes the rest


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
