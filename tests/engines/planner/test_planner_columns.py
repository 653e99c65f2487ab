"""Column generation over category plans: its Lagrangian bound, its master plans, anytime progress.

The bound is checked against exhaustive enumeration on tiny instances with two categories and
a binding capacity (K = 1), as in ``test_planner_lagrangian.py``.
"""

import random
import time
from fractions import Fraction

import pytest
from test_planner_lagrangian import _capacity_optimum, _random_instance

from digisam.engines.planner import solver as planner_solver
from digisam.engines.planner.evaluator import evaluate
from digisam.engines.planner.io import instance_from_data
from digisam.engines.planner.milp import HighsBackend


def _trivial(data):
    return sum(planner_solver._category_trivial_bound(data, ci) for ci in range(len(data.cats)))


@pytest.mark.parametrize("seed", range(12))
def test_column_generation_bound_is_below_the_enumerated_optimum_and_its_plan_is_feasible(seed):
    instance = instance_from_data(_random_instance(random.Random(700 + seed)))
    optimum = _capacity_optimum(instance)
    data = planner_solver._Data(instance)
    start = planner_solver._local_search(data, planner_solver._greedy(data, time.monotonic() + 5), time.monotonic() + 5)
    log: list[str] = []
    states: list[dict] = []
    progress = planner_solver._Progress(states.append, time.monotonic())
    bound, plan = planner_solver._column_generation(
        data, HighsBackend(), start, time.monotonic() + 30, log, _trivial(data), progress
    )
    assert _trivial(data) - 1e-6 <= bound <= float(optimum) + 0.01, log
    evaluation = evaluate(instance, planner_solver._to_plan(data, planner_solver._repair(data, plan)))
    assert evaluation.feasible, evaluation.violations
    assert evaluation.total_cost >= optimum - Fraction(1, 100)
    assert evaluation.total_cost <= evaluate(instance, planner_solver._to_plan(data, start)).total_cost + 1
    assert any("round 0:" in line for line in log)


@pytest.mark.parametrize("seed", [3, 5, 7])
def test_column_generation_closes_most_of_the_capacity_gap(seed):
    """Where capacity binds, the month prices from the master beat the capacity-free bound."""
    data_in = _random_instance(random.Random(500 + seed))
    instance = instance_from_data(data_in)
    optimum = float(_capacity_optimum(instance))
    free = float(_capacity_optimum(instance_from_data(dict(data_in, max_parallel_joint_tenders=9))))
    assert free < optimum - 1000  # capacity binds
    data = planner_solver._Data(instance)
    start = planner_solver._Solution({})
    log: list[str] = []
    bound, _ = planner_solver._column_generation(
        data, HighsBackend(), start, time.monotonic() + 30, log, _trivial(data),
        planner_solver._Progress(None, time.monotonic()),
    )
    assert free + 0.5 * (optimum - free) < bound <= optimum + 0.01, log


@pytest.mark.parametrize("seed", range(4))
def test_progress_reports_an_improving_plan_and_bound_on_the_large_instance_path(seed, monkeypatch):
    monkeypatch.setattr(planner_solver, "FULL_MODEL_LIMIT", 0)  # force the large-instance path
    instance = instance_from_data(_random_instance(random.Random(500 + seed)))
    optimum = float(_capacity_optimum(instance))
    states: list[dict] = []
    result = planner_solver.solve(instance, time_limit=20, progress=states.append)
    assert result.evaluation.feasible
    assert any("column generation" in line for line in result.log)
    assert result.lower_bound <= optimum + 0.01
    assert states and states[-1]["phase"] == "done"
    searching = states[:-1]
    for before, after in zip(searching, searching[1:], strict=False):
        assert after["incumbent"] <= before["incumbent"] + 1e-6
        assert after["bound"] >= before["bound"] - 1e-6 or after["bound"] == after["incumbent"]
    for state in states:
        assert state["bound"] <= optimum + 0.01
        assert state["bound"] <= state["incumbent"] + 1e-6
        assert state["gap"] == pytest.approx((state["incumbent"] - state["bound"]) / state["incumbent"])
    final = states[-1]
    assert final["incumbent"] == pytest.approx(float(result.evaluation.total_cost))
    assert final["bound"] == pytest.approx(result.lower_bound)
    assert final["gap"] == pytest.approx(result.gap)


def test_progress_on_the_exact_path_ends_with_the_evaluated_plan_and_a_bound_below_the_optimum():
    from planner_factories import small_data, small_optimum_data

    from digisam.engines.planner.io import plan_from_data

    instance = instance_from_data(small_data())
    optimum = float(evaluate(instance, plan_from_data(small_optimum_data(), instance)).total_cost)
    states: list[dict] = []
    result = planner_solver.solve(instance, time_limit=60, progress=states.append)
    assert [s["phase"] for s in states][0] == "heuristic"
    assert states[-1]["phase"] == "done"
    assert states[-1]["incumbent"] == pytest.approx(float(result.evaluation.total_cost))
    assert states[-1]["gap"] == pytest.approx(result.gap)
    assert all(state["bound"] <= optimum + 0.01 for state in states)
    assert states[0]["incumbent"] >= states[-1]["incumbent"] >= optimum - 0.01
    if result.status == "optimal":
        assert states[-1]["incumbent"] == pytest.approx(optimum, abs=0.01)
