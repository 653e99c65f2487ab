"""Property: every plan the solver writes passes the evaluator and costs no more than the baseline.

Sometimes the instance has a feasible "must tender together" group (windows that can share a
joint tender); then the plan must honour it (the evaluator checks) or the solver must say
that no plan can ("infeasible_groups", e.g. when individual rationality rules it out)."""

from fractions import Fraction

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from digisam.engines.planner.evaluator import evaluate
from digisam.engines.planner.io import instance_from_data
from digisam.engines.planner.model import month_index, month_string
from digisam.engines.planner.solver import solve

START = "2027-01"


@st.composite
def instances(draw):
    horizon = draw(st.integers(min_value=12, max_value=36))
    n_mun = draw(st.integers(min_value=2, max_value=6))
    n_cat = draw(st.integers(min_value=1, max_value=3))
    municipalities = [
        {"code": f"{100 + j}", "name": f"Kommune {j}", "population": draw(st.integers(1_000, 120_000))}
        for j in range(n_mun)
    ]
    categories = []
    contracts = []
    for c in range(n_cat):
        tiers = [{"min_population": 0, "discount": 0.0}]
        for threshold in (50_000, 150_000, 300_000):
            if draw(st.booleans()):
                tiers.append({"min_population": threshold, "discount": draw(st.sampled_from([0.02, 0.05, 0.1, 0.2]))})
        categories.append(
            {
                "id": f"cat{c}",
                "name": f"Kategori {c}",
                "price_per_inhabitant_year": draw(st.sampled_from([1.5, 5.0, 12.25, 30.0])),
                "tender_fixed_cost": draw(st.sampled_from([0, 100_000, 500_000, 1_200_000])),
                "tender_cost_per_participant": draw(st.sampled_from([0, 50_000, 250_000])),
                "preparation_months": draw(st.integers(0, 8)),
                "framework_months": draw(st.integers(1, 12)),
                "harmonisation_saving_per_participant_year": draw(st.sampled_from([0, 50_000, 400_000])),
                "discount_tiers": tiers,
            }
        )
        for m in municipalities:
            if not draw(st.integers(0, 4)):
                continue
            expires = draw(st.integers(0, horizon + 3))
            earliest = draw(st.one_of(st.none(), st.integers(0, expires)))
            contracts.append(
                {
                    "municipality": m["code"],
                    "category": f"cat{c}",
                    "product": "P",
                    "annual_cost": draw(st.sampled_from([20_000, 150_000, 600_000, 2_000_000])),
                    "expires": month_string(expires, START),
                    "max_extension_months": draw(st.integers(0, 12)),
                    "extension_uplift": draw(st.sampled_from([0.0, 0.05, 0.3])),
                    "early_exit_months": draw(st.integers(0, 6)),
                    "early_exit_fee": draw(st.sampled_from([0, 10_000, 400_000])),
                    "opt_out": draw(st.integers(0, 4)) == 0,
                    "earliest_start": None if earliest is None else month_string(earliest, START),
                }
            )
    data = {
        "format": "digisam.plan-instance/1",
        "start": START,
        "horizon_months": horizon,
        "max_parallel_joint_tenders": draw(st.integers(0, 2)),
        "individual_rationality": draw(st.booleans()),
        "municipalities": municipalities,
        "categories": categories,
        "contracts": contracts,
    }
    if draw(st.integers(0, 2)) == 0:
        pairs = _feasible_pairs(data)
        if pairs:
            cat, first, second = draw(st.sampled_from(pairs))
            data["must_tender_together"] = [{"category": cat, "municipalities": [first, second]}]
    return data


def _feasible_pairs(data):
    """(category, m1, m2) of in-scope, not opted-out contracts whose windows can share a joint tender."""
    horizon = data["horizon_months"]
    timing = {c["id"]: (c["preparation_months"], c["framework_months"]) for c in data["categories"]}
    windows = {}
    for row in data["contracts"]:
        e = month_index(row["expires"], START)
        if e >= horizon or row["opt_out"]:
            continue
        lo = max(e - row["early_exit_months"], 0)
        if row["earliest_start"] is not None:
            lo = max(lo, month_index(row["earliest_start"], START))
        windows.setdefault(row["category"], []).append(
            (row["municipality"], lo, min(e + row["max_extension_months"], horizon - 1))
        )
    pairs = []
    for cat, rows in sorted(windows.items()):
        L, D = timing[cat]
        for a, (m1, lo1, hi1) in enumerate(rows):
            for m2, lo2, hi2 in rows[a + 1 :]:
                if max(L, lo1 - D + 1, lo2 - D + 1) <= min(hi1, hi2):
                    pairs.append((cat, m1, m2))
    return pairs


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances())
def test_every_plan_the_solver_writes_passes_the_evaluator_and_beats_or_equals_the_baseline(data):
    instance = instance_from_data(data)
    result = solve(instance, time_limit=2)
    if result.plan is None:
        assert instance.must_tender_together, result.log
        assert result.status == "infeasible_groups", result.log
        assert result.group_problems
        return
    check = evaluate(instance, result.plan)
    assert check.feasible, check.violations
    assert check.total_cost == result.evaluation.total_cost
    if not instance.must_tender_together:  # a group may cost more than going alone
        assert check.total_cost <= check.baseline_cost + Fraction(1, 100)
    assert result.status in ("optimal", "time_limit", "heuristic")
    if result.lower_bound is not None:
        assert result.lower_bound <= float(check.total_cost) + 0.01
    planned = sorted((t.category, p.municipality) for t in result.plan.tenders for p in t.participants)
    assert planned == sorted((c.category, c.municipality) for c in instance.in_scope_contracts())
