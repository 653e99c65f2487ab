"""The solver's plans are optimal: compared with exhaustive enumeration on tiny instances."""

import itertools
import random
from fractions import Fraction

import pytest

from digisam.engines.planner.evaluator import evaluate
from digisam.engines.planner.io import instance_from_data
from digisam.engines.planner.model import Participant, Plan, Tender, month_string
from digisam.engines.planner.solver import solve


def _partitions(items):
    if not items:
        yield []
        return
    first, rest = items[0], items[1:]
    for partition in _partitions(rest):
        for i in range(len(partition)):
            yield partition[:i] + [[first] + partition[i]] + partition[i + 1 :]
        yield [[first]] + partition


def _block_tenders(instance, block):
    category = instance.category(block[0].category)
    if len(block) == 1:
        lo, hi = instance.window(block[0])
        for t in range(lo, hi + 1):
            yield Tender(category.id, t, (Participant(block[0].municipality, t),))
        return
    if any(c.opt_out for c in block):
        return
    for s in range(category.preparation_months, instance.horizon_months):
        ranges = []
        for c in block:
            lo, hi = instance.window(c)
            first, last = max(lo, s), min(hi, s + category.framework_months - 1)
            if first > last:
                break
            ranges.append(range(first, last + 1))
        else:
            for months in itertools.product(*ranges):
                people = tuple(Participant(c.municipality, t) for c, t in zip(block, months, strict=True))
                yield Tender(category.id, s, people)


def _exhaustive_optimum(instance):
    """Cheapest plan over every partition, start and switch month (capacity never binds here);
    with "must tender together" groups, only partitions that keep each group in one block."""
    best = None
    for partition in _partitions(instance.in_scope_contracts()):
        blocks = [{c.municipality for c in block} for block in partition]
        if not all(
            any(set(group.municipalities) <= block for block in blocks) for group in instance.must_tender_together
        ):
            continue
        total = Fraction(0)
        for block in partition:
            costs = []
            for tender in _block_tenders(instance, block):
                evaluation = evaluate(instance, Plan((tender,)))
                if not [
                    v for v in evaluation.violations if "in no tender" not in v and "must tender together" not in v
                ]:
                    costs.append(evaluation.total_cost)
            if not costs:
                break
            total += min(costs)
        else:
            best = total if best is None else min(best, total)
    return best


def _random_instance(rng):
    horizon = rng.randint(6, 9)
    municipalities = [
        {"code": str(100 + j), "name": f"K{j}", "population": rng.choice([1000, 40000, 90000, 160000])}
        for j in range(rng.randint(2, 4))
    ]
    tiers = [
        {"min_population": 0, "discount": 0.0},
        {"min_population": 100000, "discount": 0.1},
        {"min_population": 200000, "discount": 0.2},
    ]
    category = {
        "id": "c", "name": "C", "price_per_inhabitant_year": rng.choice([5.0, 20.0]),
        "tender_fixed_cost": rng.choice([0, 200000, 1000000]), "tender_cost_per_participant": rng.choice([0, 100000]),
        "preparation_months": rng.randint(0, 3), "framework_months": rng.randint(1, 4),
        "harmonisation_saving_per_participant_year": rng.choice([0, 100000]), "discount_tiers": tiers,
    }
    contracts = [
        {
            "municipality": m["code"], "category": "c", "product": "p",
            "annual_cost": rng.choice([100000, 800000, 3000000]),
            "expires": month_string(rng.randint(0, horizon - 1), "2027-01"),
            "max_extension_months": rng.randint(0, 3), "extension_uplift": rng.choice([0, 0.2]),
            "early_exit_months": rng.randint(0, 3), "early_exit_fee": rng.choice([0, 50000, 500000]),
            "opt_out": rng.random() < 0.15, "earliest_start": None,
        }
        for m in municipalities
    ]
    return {
        "format": "digisam.plan-instance/1", "start": "2027-01", "horizon_months": horizon,
        "max_parallel_joint_tenders": 9, "individual_rationality": rng.random() < 0.7,
        "municipalities": municipalities, "categories": [category], "contracts": contracts,
    }


@pytest.mark.parametrize("seed", range(12))
def test_the_solver_finds_the_exhaustive_optimum_and_its_bound_is_below_it(seed):
    instance = instance_from_data(_random_instance(random.Random(seed)))
    optimum = _exhaustive_optimum(instance)
    result = solve(instance, time_limit=10)
    assert result.evaluation.feasible
    assert abs(result.evaluation.total_cost - optimum) < Fraction(1, 100)
    assert result.lower_bound <= float(optimum) + 0.01


@pytest.mark.parametrize("seed", range(12))
def test_with_a_group_the_solver_finds_the_exhaustive_optimum_or_proves_there_is_none(seed):
    data = _random_instance(random.Random(1000 + seed))
    for row in data["contracts"]:
        row["opt_out"] = False
    data["must_tender_together"] = [
        {"category": "c", "municipalities": [m["code"] for m in data["municipalities"][:2]]}
    ]
    try:
        instance = instance_from_data(data)
    except ValueError:  # windows that never meet: rejected by validation
        return
    optimum = _exhaustive_optimum(instance)
    result = solve(instance, time_limit=10)
    if optimum is None:
        assert result.plan is None and result.status == "infeasible_groups"
        return
    assert result.evaluation.feasible
    assert abs(result.evaluation.total_cost - optimum) < Fraction(1, 100)
    assert result.lower_bound <= float(optimum) + 0.01
