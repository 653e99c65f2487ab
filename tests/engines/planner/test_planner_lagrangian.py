"""The Lagrangian bound with one capacity price per month is a true lower bound.

Compared with exhaustive enumeration on tiny instances with two categories and a binding
capacity (K = 1): every plan of each category (partition, starts, switch months) is
enumerated, and the categories' plans are combined under the capacity rule.
"""

import random
import time
from fractions import Fraction

import pytest
from test_planner_exhaustive import _block_tenders, _partitions

from digisam.engines.planner import solver as planner_solver
from digisam.engines.planner.evaluator import evaluate
from digisam.engines.planner.io import instance_from_data
from digisam.engines.planner.milp import HighsBackend
from digisam.engines.planner.model import Plan, month_string


def _category_plans(instance, category_id):
    """{occupied months (sorted tuple, with repeats): cheapest cost} over every plan of one category."""
    contracts = [c for c in instance.in_scope_contracts() if c.category == category_id]
    prep = instance.category(category_id).preparation_months
    best: dict[tuple[int, ...], Fraction] = {}
    for partition in _partitions(contracts):
        choices = []  # per block: {occupied months: cheapest tender cost}
        for block in partition:
            options: dict[tuple[int, ...], Fraction] = {}
            for tender in _block_tenders(instance, block):
                evaluation = evaluate(instance, Plan((tender,)))
                if [v for v in evaluation.violations if "in no tender" not in v]:
                    continue
                months = tuple(range(tender.start - prep, tender.start)) if len(block) > 1 else ()
                cost = evaluation.total_cost
                if months not in options or cost < options[months]:
                    options[months] = cost
            if not options:
                break
            choices.append(options)
        else:
            combos: dict[tuple[int, ...], Fraction] = {(): Fraction(0)}
            for options in choices:
                merged: dict[tuple[int, ...], Fraction] = {}
                for months, cost in combos.items():
                    for more, extra in options.items():
                        key = tuple(sorted(months + more))
                        if key not in merged or cost + extra < merged[key]:
                            merged[key] = cost + extra
                combos = merged
            for key, cost in combos.items():
                if key not in best or cost < best[key]:
                    best[key] = cost
    return best


def _capacity_optimum(instance):
    """Cheapest plan over every category plan combination that respects the capacity."""
    K = instance.max_parallel_joint_tenders
    per_category = [_category_plans(instance, cat.id) for cat in instance.categories]
    best = None
    combos: dict[tuple[int, ...], Fraction] = {(): Fraction(0)}
    for plans in per_category:
        merged: dict[tuple[int, ...], Fraction] = {}
        for months, cost in combos.items():
            for more, extra in plans.items():
                key = tuple(sorted(months + more))
                if max((key.count(m) for m in set(key)), default=0) > K:
                    continue
                if key not in merged or cost + extra < merged[key]:
                    merged[key] = cost + extra
        combos = merged
    for cost in combos.values():
        best = cost if best is None else min(best, cost)
    return best


def _random_instance(rng):
    horizon = rng.randint(6, 8)
    municipalities = [
        {"code": str(100 + j), "name": f"K{j}", "population": rng.choice([1000, 40000, 90000, 160000])}
        for j in range(3)
    ]
    tiers = [{"min_population": 0, "discount": 0.0}, {"min_population": 100000, "discount": 0.15}]
    categories = [
        {
            "id": cid, "name": cid.upper(), "price_per_inhabitant_year": rng.choice([5.0, 20.0]),
            "tender_fixed_cost": rng.choice([0, 200000]), "tender_cost_per_participant": rng.choice([0, 100000]),
            "preparation_months": rng.randint(1, 3), "framework_months": rng.randint(1, 3),
            "harmonisation_saving_per_participant_year": rng.choice([100000, 400000]), "discount_tiers": tiers,
        }
        for cid in ("a", "b")
    ]
    contracts = [
        {
            "municipality": m["code"], "category": cat["id"], "product": "p",
            "annual_cost": rng.choice([800000, 3000000]),
            "expires": month_string(rng.randint(1, horizon - 1), "2027-01"),
            "max_extension_months": rng.randint(0, 2), "extension_uplift": rng.choice([0, 0.2]),
            "early_exit_months": rng.randint(0, 2), "early_exit_fee": rng.choice([0, 50000]),
            "opt_out": False, "earliest_start": None,
        }
        for cat in categories
        for m in municipalities
    ]
    return {
        "format": "digisam.plan-instance/1", "start": "2027-01", "horizon_months": horizon,
        "max_parallel_joint_tenders": 1, "individual_rationality": rng.random() < 0.5,
        "municipalities": municipalities, "categories": categories, "contracts": contracts,
    }


@pytest.mark.parametrize("seed", range(8))
def test_month_price_lagrangian_bound_is_below_the_enumerated_optimum(seed):
    instance = instance_from_data(_random_instance(random.Random(500 + seed)))
    optimum = _capacity_optimum(instance)
    assert optimum is not None
    data = planner_solver._Data(instance)
    trivial = sum(planner_solver._category_trivial_bound(data, ci) for ci in range(len(data.cats)))
    upper = float(optimum) * 1.05 + 1e6
    for price in (0.0, 50000.0, 400000.0):
        log: list[str] = []
        bound = planner_solver._subgradient_bound(
            data, HighsBackend(), price, upper, time.monotonic() + 30, log, trivial, max_iterations=25
        )
        assert trivial - 1e-6 <= bound <= float(optimum) + 0.01, log
        assert any("step 0:" in line for line in log)


@pytest.mark.parametrize("seed", range(4))
def test_decomposed_solve_keeps_its_bound_below_the_enumerated_optimum(seed, monkeypatch):
    monkeypatch.setattr(planner_solver, "FULL_MODEL_LIMIT", 0)  # force the large-instance path
    instance = instance_from_data(_random_instance(random.Random(500 + seed)))
    optimum = _capacity_optimum(instance)
    result = planner_solver.solve(instance, time_limit=20)
    assert result.evaluation.feasible
    assert result.evaluation.total_cost >= optimum - Fraction(1, 100)
    assert result.lower_bound <= float(optimum) + 0.01
    assert any("column generation, round" in line for line in result.log)  # month prices from the master LP


@pytest.mark.parametrize("seed", [3, 5, 7])
def test_month_prices_close_most_of_the_capacity_gap(seed):
    """On instances where capacity binds, the month prices beat the capacity-free bound."""
    data_in = _random_instance(random.Random(500 + seed))
    instance = instance_from_data(data_in)
    optimum = float(_capacity_optimum(instance))
    free = float(_capacity_optimum(instance_from_data(dict(data_in, max_parallel_joint_tenders=9))))
    assert free < optimum - 1000  # capacity binds
    data = planner_solver._Data(instance)
    trivial = sum(planner_solver._category_trivial_bound(data, ci) for ci in range(len(data.cats)))
    log: list[str] = []
    bound = planner_solver._subgradient_bound(
        data, HighsBackend(), 0.0, optimum * 1.05 + 1e6, time.monotonic() + 30, log, trivial, max_iterations=25
    )
    assert free + 0.5 * (optimum - free) < bound <= optimum + 0.01, log
