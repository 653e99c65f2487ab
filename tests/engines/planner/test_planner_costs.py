"""Hand-computed examples of every cost formula of the plan model."""

from fractions import Fraction

import pytest
from planner_factories import plan_data, tiny_data

from digisam.engines.planner.baseline import baseline_plan, baseline_switch_month
from digisam.engines.planner.evaluator import (
    baseline_contract_cost,
    current_contract_cost,
    evaluate,
    harmonisation_saving,
    new_contract_cost,
    tender_share,
)
from digisam.engines.planner.io import instance_from_data, plan_from_data
from digisam.engines.planner.model import month_index, month_string


@pytest.fixture
def tiny():
    return instance_from_data(tiny_data())


def test_month_strings_convert_to_indices_from_the_start_month_and_back():
    assert month_index("2027-01", "2027-01") == 0
    assert month_index("2028-03", "2027-01") == 14
    assert month_index("2027-02", "2026-11") == 3
    assert month_string(14, "2027-01") == "2028-03"
    assert month_string(-1, "2027-01") == "2026-12"


def test_malformed_month_strings_are_refused():
    for text in ("2027-13", "2027-1", "27-01", "", None):
        with pytest.raises(ValueError):
            month_index(text, "2027-01")


def test_current_contract_costs_a_twelfth_of_the_annual_cost_per_month_until_expiry(tiny):
    contract = tiny.contract("101", "esdh")  # A = 1200, E = 4, u = 0.5, T = 100
    assert current_contract_cost(contract, 4) == 400


def test_leaving_early_pays_the_months_used_plus_the_early_exit_fee(tiny):
    contract = tiny.contract("101", "esdh")
    assert current_contract_cost(contract, 2) == 200 + 100


def test_extension_months_cost_the_uplifted_price(tiny):
    contract = tiny.contract("101", "esdh")
    assert current_contract_cost(contract, 6) == 400 + Fraction(1200 * 3, 2 * 12) * 2  # 400 + 150·2


def test_new_contract_costs_the_discounted_list_price_until_the_horizon(tiny):
    category = tiny.category("esdh")  # q = 12
    assert new_contract_cost(category, Fraction(100), Fraction(1, 4), 12, 4) == 600  # 12·100·0.75·8/12
    assert new_contract_cost(category, Fraction(100), Fraction(0), 12, 4) == 800


def test_harmonisation_saving_is_g_per_year_for_the_months_on_the_shared_system(tiny):
    assert harmonisation_saving(tiny.category("esdh"), 12, 4) == 80  # 120·8/12


def test_tender_cost_share_is_population_share_of_fixed_cost_plus_per_participant_cost(tiny):
    category = tiny.category("esdh")  # F = 1200, f = 100
    assert tender_share(category, Fraction(100), Fraction(300), 2) == 500
    assert tender_share(category, Fraction(200), Fraction(300), 2) == 900


def test_discount_tier_is_the_largest_minimum_population_not_above_the_tender_population(tiny):
    category = tiny.category("esdh")  # tiers 0 → 0 %, 300 → 25 %
    assert category.discount_for(Fraction(299)) == 0
    assert category.discount_for(Fraction(300)) == Fraction(1, 4)
    assert category.discount_for(Fraction(10**6)) == Fraction(1, 4)


def test_window_runs_from_early_exit_to_extension_limit_clipped_to_the_horizon(tiny):
    assert tiny.window(tiny.contract("101", "esdh")) == (2, 7)  # E = 4, Y = 2, X = 3
    data = tiny_data()
    data["contracts"][0].update(expires="2027-11", earliest_start="2027-11")
    instance = instance_from_data(data)
    assert instance.window(instance.contract("101", "esdh")) == (10, 11)  # earliest_start 10, H − 1 = 11


def test_baseline_renews_alone_at_expiry_or_the_nearest_month_of_the_window():
    data = tiny_data()
    data["contracts"][0].update(expires="2027-03", earliest_start="2027-05")  # E = 2, lo = 4
    instance = instance_from_data(data)
    assert baseline_switch_month(instance, instance.contract("101", "esdh")) == 4
    assert baseline_switch_month(instance, instance.contract("202", "esdh")) == 5
    plan = baseline_plan(instance)
    assert [(t.start, len(t.participants)) for t in plan.tenders] == [(4, 1), (5, 1)]


def test_baseline_cost_is_a_solo_tender_at_the_baseline_month(tiny):
    # F + f = 1300; current 1200/12·4 = 400; new 12·100·8/12 = 800
    assert baseline_contract_cost(tiny, tiny.contract("101", "esdh")) == 2500
    # 1300 + 500 + 12·200·7/12
    assert baseline_contract_cost(tiny, tiny.contract("202", "esdh")) == 3200


def test_joint_tender_cost_adds_shares_current_and_discounted_new_contracts_minus_harmonisation(tiny):
    plan = plan_from_data(plan_data(("esdh", "2027-05", [("101", "2027-05"), ("202", "2027-06")])), tiny)
    evaluation = evaluate(tiny, plan)
    assert evaluation.feasible, evaluation.violations
    # 101: 500 + 400 + 600 − 80 = 1420; 202: 900 + 500 + 1050 − 70 = 2380
    assert evaluation.total_cost == 1420 + 2380
    assert evaluation.baseline_cost == 2500 + 3200
    report = evaluation.report
    assert report["savings"] == 1900.0
    assert report["savings_pct"] == pytest.approx(100 * 1900 / 5700, abs=1e-4)
    tender = report["tenders"][0]
    assert tender["discount"] == 0.25
    assert tender["tender_cost"] == 1400.0
    assert tender["preparation"] == {"from": "2027-03", "to": "2027-04", "months": 2}
    assert [p["cost"] for p in tender["participants"]] == [1420.0, 2380.0]
    assert report["per_municipality"]["101"]["savings"] == 1080.0
    assert report["per_category"]["esdh"]["cost"] == 3800.0


def test_a_solo_tender_gets_the_discount_tier_of_its_own_population():
    data = tiny_data()
    data["municipalities"][1]["population"] = 300
    instance = instance_from_data(data)
    plan = plan_from_data(plan_data(("esdh", "2027-06", [("202", "2027-06")])), instance)
    tender = evaluate(instance, plan).report["tenders"][0]
    assert tender["discount"] == 0.25
    assert tender["participants"][0]["harmonisation_saving"] == 0.0
    assert tender["participants"][0]["new_contract_cost"] == 12 * 300 * 0.75 * 7 / 12


def test_contracts_expiring_at_or_after_the_horizon_are_listed_beyond_it():
    data = tiny_data()
    data["contracts"][1]["expires"] = "2028-01"  # E = 12 = H
    instance = instance_from_data(data)
    plan = plan_from_data(plan_data(("esdh", "2027-05", [("101", "2027-05")])), instance)
    evaluation = evaluate(instance, plan)
    assert evaluation.feasible
    assert evaluation.report["beyond_horizon"] == [
        {"municipality": "202", "category": "esdh", "product": "P", "expires": "2028-01"}
    ]
