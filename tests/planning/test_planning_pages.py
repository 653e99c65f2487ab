"""What the plan pages, exports, comparison and demo show."""

import io

import pytest
from factories.planning import simple_scenario, tiny_portfolio

from digisam.planning import demo
from digisam.planning import services as plan_services
from digisam.planning.models import PlanRun, Scenario


@pytest.fixture
def run(world):
    tiny_portfolio(world.alpha, [world.orgs["165"], world.orgs["151"]])
    result = plan_services.start_run(simple_scenario(world.alpha), user=world.users["secretariat"])
    result.refresh_from_db()
    return result


def test_the_plan_page_shows_timeline_tenders_members_capacity_and_beyond_the_horizon(world, run, client_for):
    html = client_for(world.users["member"]).get(f"/udbudsplan/beregninger/{run.pk}/").content.decode()
    assert "<svg" in html and "Tildelingsvindue" in html
    for name in ("Albertslund", "Ballerup"):
        assert name in html
    for testid in ("member-savings", "tenders", "capacity", "beyond", "plan-summary"):
        assert f'data-testid="{testid}"' in html


def test_the_member_page_gives_switch_month_and_last_day_to_give_notice(world, run, client_for):
    html = client_for(world.users["coordinator"]).get(f"/udbudsplan/beregninger/{run.pk}/medlem/165/").content.decode()
    assert "Sidste dag for opsigelse" in html
    assert "Albertslund" in html
    assert client_for(world.users["coordinator"]).get(f"/udbudsplan/beregninger/{run.pk}/medlem/999/").status_code == 404


def test_xlsx_export_has_a_sheet_per_table_and_hides_cost_breakdowns_from_outsiders(world, run, client_for):
    from openpyxl import load_workbook

    response = client_for(world.users["secretariat"]).get(f"/udbudsplan/beregninger/{run.pk}/eksport.xlsx")
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Overblik", "Medlemmer", "Udbud", "Deltagere", "Kapacitet", "Efter horisonten",
                                   "Udeladt"]
    members = list(workbook["Medlemmer"].values)
    assert {row[0] for row in members[1:]} == {"165", "151"}
    plan_services.publish(run, user=world.users["secretariat"])
    response = client_for(world.users["observer"]).get(f"/udbudsplan/beregninger/{run.pk}/eksport.xlsx")
    assert "Deltagere" not in load_workbook(io.BytesIO(response.content)).sheetnames


def test_pdf_export_is_a_pdf(world, run, client_for):
    response = client_for(world.users["secretariat"]).get(f"/udbudsplan/beregninger/{run.pk}/eksport.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_latin1_fallback_replaces_characters_core_fonts_cannot_print():
    from digisam.planning.exports import latin1

    assert latin1("−5 … “ø” → ≥") == '-5 ... "ø" -> >='


def test_compare_shows_scenarios_side_by_side(world, run, client_for):
    other = simple_scenario(world.alpha, name="Kapacitet 1", capacity=1, horizon_months=48)
    second = plan_services.start_run(other, user=world.users["secretariat"])
    html = client_for(world.users["secretariat"]).get("/udbudsplan/alpha/sammenlign/").content.decode()
    assert "Basis" in html and "Kapacitet 1" in html
    assert f"#{second.pk}" in html and f"#{run.pk}" in html
    html = client_for(world.users["secretariat"]).get(f"/udbudsplan/alpha/sammenlign/?run={run.pk}").content.decode()
    assert "Kapacitet 1 #" not in html


def test_the_collaboration_page_links_to_the_planning(world, run, client_for):
    html = client_for(world.users["secretariat"]).get("/samarbejder/alpha/").content.decode()
    assert "/udbudsplan/alpha/" in html
    html = client_for(world.users["observer"]).get("/samarbejder/alpha/").content.decode()
    assert "/udbudsplan/alpha/" not in html and "/udbudsplan/beregninger/" not in html
    plan_services.publish(run, user=world.users["secretariat"])
    html = client_for(world.users["observer"]).get("/samarbejder/alpha/").content.decode()
    assert f"/udbudsplan/beregninger/{run.pk}/" in html


def test_the_demo_makes_one_scenario_and_a_published_plan_once(world):
    messages = []
    demo.load({"primary": world.alpha, "log": messages.append, "created": []})
    assert not Scenario.objects.exists()  # no shared contracts yet: nothing to plan
    tiny_portfolio(world.alpha, [world.orgs["165"], world.orgs["151"]])
    demo.load({"primary": world.alpha, "log": messages.append, "created": []})
    demo.load({"primary": world.alpha, "log": messages.append, "created": []})
    assert Scenario.objects.count() == 1
    assert PlanRun.objects.count() == 1
    published = PlanRun.objects.get(published=True)
    assert published.time_limit <= 10
    assert published.collaboration == world.alpha
