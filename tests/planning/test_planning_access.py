"""Permission matrix of every planning page and API endpoint, per role.

Secretariat (of alpha) runs and publishes; the members' users read runs of their collaborations;
coordinators register opt-outs for their own organisation; observers (and everyone else signed in)
see only the published plan of a published collaboration."""

import pytest
from factories.planning import simple_scenario, tiny_portfolio
from role_list import INSIDERS, ROLES

from digisam.planning import services as plan_services
from digisam.planning.models import OptOut, PlanRun, Scenario


@pytest.fixture
def setup(world):
    tiny_portfolio(world.alpha, [world.orgs["165"], world.orgs["151"]])
    scenario = simple_scenario(world.alpha)
    run = plan_services.start_run(scenario, user=world.users["secretariat"])
    run.refresh_from_db()
    opt_out = OptOut.objects.create(collaboration=world.alpha, organisation=world.orgs["165"], category="testsystem",
                                    reason="Vi har lige skiftet")
    return world, scenario, run, opt_out


def publish(world, run):
    plan_services.publish(run, user=world.users["secretariat"])


def status_for(client_for, world, role, method, url, data=None):
    client = client_for(world.users[role])
    response = client.post(url, data or {}) if method == "post" else client.get(url)
    return response.status_code


@pytest.mark.parametrize("role", ROLES)
def test_index_page_opens_for_everyone_signed_in(setup, client_for, role):
    world, *_ = setup
    assert status_for(client_for, world, role, "get", "/udbudsplan/") == 200


def test_anonymous_users_are_sent_to_login(setup, client_for):
    world, scenario, run, _ = setup
    for url in ("/udbudsplan/", "/udbudsplan/alpha/", f"/udbudsplan/beregninger/{run.pk}/"):
        response = client_for(None).get(url)
        assert response.status_code == 302 and "/login/" in response["Location"]


@pytest.mark.parametrize("role", ROLES)
def test_planning_page_of_a_collaboration(setup, client_for, role):
    world, scenario, run, _ = setup
    expected = 200 if role in INSIDERS else 404
    assert status_for(client_for, world, role, "get", "/udbudsplan/alpha/") == expected
    publish(world, run)
    expected = 200 if role in INSIDERS else 302  # outsiders are sent to the published plan
    assert status_for(client_for, world, role, "get", "/udbudsplan/alpha/") == expected


@pytest.mark.parametrize("role", ROLES)
def test_scenario_pages(setup, client_for, role):
    world, scenario, run, _ = setup
    base = f"/udbudsplan/alpha/scenarier/{scenario.pk}/"
    assert status_for(client_for, world, role, "get", base) == (200 if role in INSIDERS else 404)
    writer = role in {"admin", "secretariat"}
    reader = role in INSIDERS
    assert status_for(client_for, world, role, "get", base + "rediger/") == (200 if writer else 403 if reader else 404)
    # alpha itself is published, so everyone sees it; creating needs the secretariat
    assert status_for(client_for, world, role, "get", "/udbudsplan/alpha/scenarier/nyt/") == (200 if writer else 403)
    assert status_for(client_for, world, role, "get", base + "slet/") == (200 if writer else 403 if reader else 404)


@pytest.mark.parametrize("role", ROLES)
def test_running_a_scenario(setup, client_for, role):
    world, scenario, run, _ = setup
    code = status_for(client_for, world, role, "post", f"/udbudsplan/alpha/scenarier/{scenario.pk}/koer/")
    writer = role in {"admin", "secretariat"}
    assert code == (302 if writer else 403 if role in INSIDERS else 404)
    assert PlanRun.objects.count() == (2 if writer else 1)
    if writer:
        response = client_for(world.users[role]).post(f"/udbudsplan/alpha/scenarier/{scenario.pk}/koer/")
        assert response["Location"] == f"/job/{PlanRun.objects.first().job_id}/"


@pytest.mark.parametrize("role", ROLES)
def test_run_pages_before_and_after_publication(setup, client_for, role):
    world, scenario, run, _ = setup
    pages = [f"/udbudsplan/beregninger/{run.pk}/", f"/udbudsplan/beregninger/{run.pk}/medlem/165/",
             f"/udbudsplan/beregninger/{run.pk}/eksport.xlsx", f"/udbudsplan/beregninger/{run.pk}/eksport.pdf"]
    for url in pages:
        assert status_for(client_for, world, role, "get", url) == (200 if role in INSIDERS else 404), url
    publish(world, run)
    for url in pages:
        assert status_for(client_for, world, role, "get", url) == 200, url
    # the stored instance (with every member's contract economy) stays with the insiders
    instance_url = f"/udbudsplan/beregninger/{run.pk}/eksport.instance"
    assert status_for(client_for, world, role, "get", instance_url) == (200 if role in INSIDERS else 404)


def test_observers_do_not_see_the_published_plan_of_an_unpublished_collaboration(setup, client_for):
    world, scenario, run, _ = setup
    publish(world, run)
    world.alpha.published = False
    world.alpha.save()
    for role in ("observer", "outsider", "plain"):
        assert status_for(client_for, world, role, "get", f"/udbudsplan/beregninger/{run.pk}/") == 404
    assert status_for(client_for, world, "member", "get", f"/udbudsplan/beregninger/{run.pk}/") == 200


@pytest.mark.parametrize("role", ROLES)
def test_publishing_and_reproducing(setup, client_for, role):
    world, scenario, run, _ = setup
    writer = role in {"admin", "secretariat"}
    expected = 302 if writer else 403 if role in INSIDERS else 404
    assert status_for(client_for, world, role, "post", f"/udbudsplan/beregninger/{run.pk}/offentliggoer/",
                      {"confirmed": "yes"}) == expected
    run.refresh_from_db()
    assert run.published is writer
    assert status_for(client_for, world, role, "post", f"/udbudsplan/beregninger/{run.pk}/genberegn/") == (
        302 if writer else 403 if (role in INSIDERS or writer or run.published) else 404
    )


@pytest.mark.parametrize("role", ROLES)
def test_compare_page(setup, client_for, role):
    world, *_ = setup
    assert status_for(client_for, world, role, "get", "/udbudsplan/alpha/sammenlign/") == (
        200 if role in INSIDERS else 404
    )


@pytest.mark.parametrize("role", ROLES)
def test_opt_out_pages(setup, client_for, role):
    world, scenario, run, opt_out = setup
    may_register = role in {"admin", "coordinator"}
    assert status_for(client_for, world, role, "get", "/udbudsplan/alpha/fravalg/nyt/") == (200 if may_register else 403)
    edit = f"/udbudsplan/alpha/fravalg/{opt_out.pk}/"
    assert status_for(client_for, world, role, "get", edit) == (
        200 if may_register else 403 if role in INSIDERS else 404
    )


def test_a_coordinator_registers_an_opt_out_only_for_its_own_organisation(setup, client_for):
    world, scenario, run, opt_out = setup
    opt_out.delete()
    client = client_for(world.users["coordinator"])
    response = client.post("/udbudsplan/alpha/fravalg/nyt/", {
        "organisation": world.orgs["151"].pk, "category": "testsystem", "reason": "Ikke vores"})
    assert response.status_code == 400
    response = client.post("/udbudsplan/alpha/fravalg/nyt/", {
        "organisation": world.orgs["165"].pk, "category": "testsystem", "reason": "Nyt system i 2026"})
    assert response.status_code == 302
    assert OptOut.objects.get().organisation == world.orgs["165"]
    response = client_for(world.users["secretariat"]).post(f"/udbudsplan/alpha/fravalg/{OptOut.objects.get().pk}/slet/")
    assert response.status_code == 403


def test_the_secretariat_creates_a_scenario_through_the_form(setup, client_for):
    world, *_ = setup
    response = client_for(world.users["secretariat"]).post("/udbudsplan/alpha/scenarier/nyt/", {
        "name": "Kapacitet 1", "start_month": "2027-01", "horizon_months": 72, "capacity": 1,
        "individual_rationality": "on", "time_limit": 5, "tender_groups-count": 1,
        "tender_groups-0-category": "testsystem", "tender_groups-0-members": ["165"]})
    assert response.status_code == 400  # a group needs two members (the groups are chosen by name now)
    assert "Række 1" in response.content.decode()
    response = client_for(world.users["secretariat"]).post("/udbudsplan/alpha/scenarier/nyt/", {
        "name": "Kapacitet 1", "start_month": "2027-01", "horizon_months": 72, "capacity": 1,
        "individual_rationality": "on", "time_limit": 5, "categories": ["testsystem"]})
    assert response.status_code == 302
    assert Scenario.objects.get(name="Kapacitet 1").categories == ["testsystem"]


# --------------------------------------------------------------------------- API


def count(data):
    return data["count"] if isinstance(data, dict) else len(data)


@pytest.mark.parametrize("role", ROLES)
def test_api_lists_runs_and_scenarios_by_role(setup, api_for, role):
    world, scenario, run, _ = setup
    client = api_for(world.users[role])
    runs_seen = client.get("/api/plan-runs/").json()
    scenarios_seen = client.get("/api/plan-scenarios/").json()
    opt_outs_seen = client.get("/api/plan-opt-outs/").json()
    expected = 1 if role in INSIDERS else 0
    assert count(runs_seen) == expected
    assert count(scenarios_seen) == expected
    assert count(opt_outs_seen) == expected
    detail = client.get(f"/api/plan-runs/{run.pk}/")
    assert detail.status_code == (200 if role in INSIDERS else 404)
    if role in INSIDERS:
        body = detail.json()
        assert body["plan"]["format"] == "digisam.plan/1"
        assert set(body["members"]) == {"151", "165"}
        assert body["savings"] is not None
    publish(world, run)
    detail = client.get(f"/api/plan-runs/{run.pk}/")
    assert detail.status_code == 200
    assert set(detail.json()["members"]) == {"151", "165"}
    # the stored documents (every member's contract economy) stay with the insiders
    assert ("instance" in detail.json()) is (role in INSIDERS)


@pytest.mark.parametrize("role", ROLES)
def test_api_publish_action(setup, api_for, role):
    world, scenario, run, _ = setup
    response = api_for(world.users[role]).post(f"/api/plan-runs/{run.pk}/publish/")
    writer = role in {"admin", "secretariat"}
    assert response.status_code == (200 if writer else 403 if role in INSIDERS else 404)
    run.refresh_from_db()
    assert run.published is writer


@pytest.mark.parametrize("role", ROLES)
def test_api_scenario_writes_and_run_action(setup, api_for, role):
    world, scenario, run, _ = setup
    client = api_for(world.users[role])
    writer = role in {"admin", "secretariat"}
    response = client.post("/api/plan-scenarios/", {
        "collaboration": world.alpha.pk, "name": f"API {role}", "start_month": "2027-01", "horizon_months": 60,
        "capacity": 1, "time_limit": 2, "categories": []}, format="json")
    assert response.status_code == (201 if writer else 403), response.content
    response = client.post(f"/api/plan-scenarios/{scenario.pk}/run/")
    assert response.status_code == (202 if writer else 403 if role in INSIDERS else 404)
    if writer:
        assert response.json()["status"] == "succeeded"


def test_api_scenario_validation_errors_are_400_with_fields(setup, api_for):
    world, *_ = setup
    response = api_for(world.users["secretariat"]).post("/api/plan-scenarios/", {
        "collaboration": world.alpha.pk, "name": "Forkert", "start_month": "2027-13"}, format="json")
    assert response.status_code == 400
    assert "start_month" in response.json()
    response = api_for(world.users["secretariat"]).post("/api/plan-scenarios/", {
        "collaboration": world.alpha.pk, "name": "Forkert", "start_month": "2027-01", "tender_groups": "x"},
        format="json")
    assert response.status_code == 400
    assert "Linje 1" in response.json()["tender_groups"][0]


@pytest.mark.parametrize("role", ROLES)
def test_api_opt_outs_are_written_by_the_members_coordinator(setup, api_for, role):
    world, scenario, run, opt_out = setup
    opt_out.delete()
    response = api_for(world.users[role]).post("/api/plan-opt-outs/", {
        "collaboration": world.alpha.pk, "organisation": world.orgs["165"].pk, "category": "testsystem",
        "reason": "Eget system"}, format="json")
    assert response.status_code == (201 if role in {"admin", "coordinator"} else 403)
    response = api_for(world.users[role]).post("/api/plan-opt-outs/", {
        "collaboration": world.alpha.pk, "organisation": world.orgs["151"].pk, "category": "testsystem",
        "reason": "Eget system"}, format="json")
    assert response.status_code == (201 if role == "admin" else 403)
