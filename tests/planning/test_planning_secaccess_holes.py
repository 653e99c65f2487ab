"""Issue 11, holes 1 and 2 in planning: the stored instance holds every member's contract economy
(annual cost, early-exit fee). Only the collaboration's secretariat and its members' own users
(membership role member) read it — never an observer, and never a vendor partner — whether through
the export, the API or the object history."""

import pytest
from factories.planning import simple_scenario, tiny_portfolio
from role_list import INSIDERS, ROLES

from digisam.planning import services as plan_services


@pytest.fixture
def published_run(everyone):
    world = everyone
    tiny_portfolio(world.alpha, [world.orgs["165"], world.orgs["151"]])
    run = plan_services.start_run(simple_scenario(world.alpha), user=world.users["secretariat"])
    run.refresh_from_db()
    plan_services.publish(run, user=world.users["secretariat"])
    return world, run


@pytest.mark.parametrize("role", [*ROLES, "vendor", "scoped_observer"])
def test_the_history_of_a_published_run_shows_contract_economy_only_to_insiders(published_run, client_for, role):
    world, run = published_run
    response = client_for(world.users[role]).get(f"/log/planning/planrun/{run.pk}/?format=csv")
    if role in INSIDERS:
        assert response.status_code == 200
        assert "annual_cost" in response.content.decode("utf-8-sig")
    else:
        assert response.status_code == 404
    page = client_for(world.users[role]).get(f"/log/planning/planrun/{run.pk}/")
    assert page.status_code == (200 if role in INSIDERS else 404)


def test_a_vendor_partner_never_gets_the_instance_with_its_customers_prices(published_run, client_for, api_for):
    world, run = published_run
    vendor = world.users["vendor"]
    assert client_for(vendor).get(f"/udbudsplan/beregninger/{run.pk}/eksport.instance").status_code == 404
    assert client_for(vendor).get(f"/udbudsplan/beregninger/{run.pk}/eksport.plan").status_code == 404
    assert client_for(vendor).get("/udbudsplan/alpha/").status_code == 302  # to the published plan
    assert client_for(vendor).get(f"/udbudsplan/alpha/scenarier/{run.scenario_id}/").status_code == 404
    data = api_for(vendor).get(f"/api/plan-runs/{run.pk}/").json()
    assert "instance" not in data and "annual_cost" not in str(data)
    # the municipality's own member user still reads it
    assert client_for(world.users["member"]).get(f"/udbudsplan/beregninger/{run.pk}/eksport.instance").status_code == 200
