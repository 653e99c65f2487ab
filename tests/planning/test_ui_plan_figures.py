"""The plan's figures a finance officer can check: contract costs, harmonisation gain and net apart."""

import io
from decimal import Decimal

import pytest
from factories.planning import simple_scenario, tiny_portfolio

from digisam.planning import services as plan_services
from digisam.planning.presentation import breakdown, plan_view

GLOSTRUP_KULTUR = {
    "municipality": "161", "tender_cost_share": 182343.0, "current_contract_cost": 202100.0,
    "new_contract_cost": 344310.0, "harmonisation_saving": 2400000.0, "cost": -1671247.0,
    "baseline_cost": 900000.0, "savings": 2571247.0,
}


def test_the_harmonisation_gain_is_shown_apart_from_contract_costs():
    f = breakdown([GLOSTRUP_KULTUR])
    assert f["contract_cost"] == Decimal("728753")
    assert f["harmonisation"] == Decimal("2400000")
    assert f["net"] == Decimal("-1671247") == Decimal(str(GLOSTRUP_KULTUR["cost"]))
    assert f["contract_savings"] == Decimal("171247")
    assert 0 <= f["contract_savings_pct"] <= 100
    assert float(f["contract_savings_pct"]) == pytest.approx(19.03, abs=0.01)
    assert f["savings"] == f["contract_savings"] + f["harmonisation"] == Decimal(str(GLOSTRUP_KULTUR["savings"]))


def test_a_plan_stored_without_the_parts_counts_its_whole_cost_as_contract_cost():
    f = breakdown([{"cost": 500.0, "baseline_cost": 600.0}])
    assert (f["contract_cost"], f["harmonisation"], f["net"], f["contract_savings"]) == (500, 0, 500, 100)


@pytest.fixture
def run(world):
    tiny_portfolio(world.alpha, [world.orgs["165"], world.orgs["151"]])
    result = plan_services.start_run(simple_scenario(world.alpha), user=world.users["secretariat"])
    result.refresh_from_db()
    return result


def test_members_nets_add_up_to_the_models_costs(world, run):
    view = plan_view(run)
    for member in view["members"]:
        assert member["figures"]["net"] == pytest.approx(Decimal(str(member["cost"])), abs=Decimal("0.05"))
        assert member["figures"]["savings"] == pytest.approx(Decimal(str(member["savings"])), abs=Decimal("0.05"))
    total = view["figures"]
    assert total["net"] == pytest.approx(Decimal(str(run.plan["total_cost"])), abs=Decimal("0.5"))
    assert total["net"] == total["contract_cost"] - total["harmonisation"]


def test_member_page_plan_page_and_excel_show_the_harmonisation_gain_as_its_own_column(world, run, client_for):
    from openpyxl import load_workbook

    client = client_for(world.users["secretariat"])
    for url in (f"/udbudsplan/beregninger/{run.pk}/medlem/165/", f"/udbudsplan/beregninger/{run.pk}/"):
        html = client.get(url).content.decode()
        assert "Harmoniseringsgevinst" in html and "Besparelse på kontrakterne" in html and "Netto" in html
    workbook = load_workbook(io.BytesIO(client.get(f"/udbudsplan/beregninger/{run.pk}/eksport.xlsx").content))
    header = next(workbook["Medlemmer"].values)
    assert "Harmoniseringsgevinst (kr.)" in header and "Besparelse på kontrakterne (%)" in header
    header = next(workbook["Deltagere"].values)
    assert "Harmoniseringsgevinst (kr.)" in header and "Kontrakter og udbud (kr.)" in header
