"""The evaluator reproduces the known optimum of the small instance and rejects every broken rule."""

import copy
from fractions import Fraction

import pytest
from planner_factories import category, contract, plan_data, small_data, small_optimum_data, tiny_data

from digisam.engines.planner.evaluator import evaluate
from digisam.engines.planner.io import instance_from_data, plan_from_data

SMALL_OPTIMUM_COST = Fraction("74926635.01788333")


def _evaluate(data, plan):
    instance = instance_from_data(data)
    return evaluate(instance, plan_from_data(plan, instance))


def _violations(data, plan):
    evaluation = _evaluate(data, plan)
    assert not evaluation.feasible
    assert not evaluation.report["feasible"]
    return " | ".join(evaluation.violations)


def test_the_proven_optimum_of_the_small_instance_is_feasible_and_costs_what_it_says():
    evaluation = _evaluate(small_data(), small_optimum_data())
    assert evaluation.feasible, evaluation.violations
    assert abs(evaluation.total_cost - SMALL_OPTIMUM_COST) < Fraction(1, 10**6)
    assert evaluation.report["total_cost"] == 74926635.02
    assert evaluation.report["baseline_cost"] == 91365577.75
    per_municipality = evaluation.report["per_municipality"]
    assert sum(m["cost"] for m in per_municipality.values()) == pytest.approx(74926635.02, abs=0.1)
    assert {(c["municipality"], c["category"]) for c in evaluation.report["beyond_horizon"]} == {
        ("390", "bibliotek"),
        ("563", "bibliotek"),
    }


def test_a_plan_that_is_fine_passes():
    plan = plan_data(("esdh", "2027-05", [("101", "2027-05"), ("202", "2027-06")]))
    assert _evaluate(tiny_data(), plan).feasible


def test_a_contract_start_outside_the_window_is_rejected():
    plan = plan_data(("esdh", "2027-01", [("101", "2027-01")]), ("esdh", "2027-06", [("202", "2027-06")]))
    assert "outside window 2027-03..2027-08 (rule 1)" in _violations(tiny_data(), plan)


def test_a_solo_tender_must_start_when_the_new_contract_starts():
    plan = plan_data(("esdh", "2027-05", [("101", "2027-06")]), ("esdh", "2027-06", [("202", "2027-06")]))
    assert "solo tender must start at the contract start" in _violations(tiny_data(), plan)


def test_a_joint_tender_cannot_start_before_its_preparation_fits():
    plan = plan_data(("esdh", "2027-02", [("101", "2027-05"), ("202", "2027-06")]))
    assert "rule 3: s >= L" in _violations(tiny_data(), plan)


def test_joint_participants_must_switch_inside_the_call_off_window():
    plan = plan_data(("esdh", "2027-03", [("101", "2027-05"), ("202", "2027-09")]))
    assert "outside call-off window 2027-03..2027-08 (rule 3)" in _violations(tiny_data(), plan)


def test_a_member_that_opted_out_cannot_join_a_joint_tender():
    data = tiny_data()
    data["contracts"][1]["opt_out"] = True
    plan = plan_data(("esdh", "2027-05", [("101", "2027-05"), ("202", "2027-06")]))
    assert "opted out of joint tenders" in _violations(data, plan)


def test_more_joint_tenders_in_preparation_than_the_capacity_are_rejected():
    data = tiny_data()
    data["categories"].append(category(id="loen", name="Løn"))
    data["contracts"] += [contract("101", category="loen"), contract("202", category="loen")]
    plan = plan_data(
        ("esdh", "2027-05", [("101", "2027-05"), ("202", "2027-06")]),
        ("loen", "2027-06", [("101", "2027-06"), ("202", "2027-06")]),
    )
    text = _violations(data, plan)
    # esdh prepares 2027-03..2027-04, loen 2027-04..2027-05: only 2027-04 is over capacity
    assert "month 2027-04: 2 joint tenders in preparation (tenders[0], tenders[1]), more than capacity K=1" in text
    assert "month 2027-03" not in text
    assert "month 2027-05" not in text


def test_a_joint_tender_that_leaves_a_member_worse_off_than_its_baseline_breaks_individual_rationality():
    data = tiny_data()
    data["contracts"][1]["early_exit_fee"] = 2000
    plan = plan_data(("esdh", "2027-04", [("101", "2027-05"), ("202", "2027-04")]))
    assert "municipality 202: individual rationality broken" in _violations(data, plan)
    relaxed = copy.deepcopy(data)
    relaxed["individual_rationality"] = False
    assert _evaluate(relaxed, plan).feasible


def test_individual_rationality_allows_one_krone_of_tolerance():
    data = tiny_data()
    # 202 at t = 3 in a joint tender costs 900 + 300 + T + 1350 − 90; its baseline is 3200.
    plan = plan_data(("esdh", "2027-04", [("101", "2027-05"), ("202", "2027-04")]))
    data["contracts"][1]["early_exit_fee"] = 3200 - 900 - 300 - 1350 + 90 + 1  # exactly baseline + 1
    assert _evaluate(data, plan).feasible
    data["contracts"][1]["early_exit_fee"] += 0.01
    assert not _evaluate(data, plan).feasible


def test_an_in_scope_contract_missing_from_the_plan_is_rejected():
    plan = plan_data(("esdh", "2027-05", [("101", "2027-05")]))
    assert "(municipality 202, category esdh) is in scope but in no tender" in _violations(tiny_data(), plan)


def test_a_contract_planned_twice_is_rejected():
    plan = plan_data(
        ("esdh", "2027-05", [("101", "2027-05"), ("202", "2027-06")]),
        ("esdh", "2027-05", [("101", "2027-05")]),
    )
    assert "already planned in tenders[0]" in _violations(tiny_data(), plan)


def test_a_contract_beyond_the_horizon_must_not_be_planned():
    data = tiny_data()
    data["contracts"][1]["expires"] = "2028-02"
    plan = plan_data(("esdh", "2027-05", [("101", "2027-05")]), ("esdh", "2027-11", [("202", "2027-11")]))
    assert "beyond the horizon; it must not be planned" in _violations(data, plan)


def test_unknown_municipalities_categories_and_missing_contracts_in_a_plan_are_rejected():
    data = tiny_data()
    data["municipalities"].append({"code": "303", "name": "C-by", "population": 5})
    plan = plan_data(
        ("esdh", "2027-05", [("101", "2027-05"), ("202", "2027-06"), ("999", "2027-06"), ("303", "2027-06")]),
        ("nope", "2027-05", [("101", "2027-05")]),
    )
    text = _violations(data, plan)
    assert "unknown municipality 999" in text
    assert "municipality 303: has no contract in category esdh" in text
    assert "unknown category nope" in text
