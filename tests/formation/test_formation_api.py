"""The formation read API: establishment state, member decisions, joining estimates — with the
pages' permissions (unreadable → not listed / 404), and never the estimate's solved instance."""

import pytest

from digisam.core import services as core_services
from digisam.core.models import AuditEntry
from digisam.formation import services


@pytest.fixture
def forming(world):
    return services.start(services.Start(
        name="Ny indkøbsforening", initiator=world.orgs["165"], invitees=[world.orgs["151"]],
        answers=services.answers_from({"needs": ["buying_power"], "members": 2}), purpose="procurement",
        form="association"), user=core_services.SYSTEM)


@pytest.mark.django_db
def test_the_establishment_state_and_decisions(world, forming, api_for):
    response = api_for(world.users["coordinator"]).get("/api/formations/")
    assert response.status_code == 200
    [row] = response.json()["results"] if "results" in response.json() else response.json()
    assert row["collaboration_name"] == "Ny indkøbsforening" and row["phase"] == "Afsøgning"
    assert [g["phase_name"] for g in row["gates"]] == ["Afsøgning", "Analyse", "Beslutning", "Etablering"]
    assert row["rule_met"] is False and "0 af 2 kommuner" in row["rule_text"]
    assert sorted(d["organisation_name"] for d in row["decisions"]) == sorted(
        [world.orgs["165"].name, world.orgs["151"].name])
    decisions = api_for(world.users["coordinator"]).get("/api/formation-decisions/", {"formation": forming.pk})
    assert decisions.status_code == 200
    # not invited, not a platform admin: the unpublished formation is not there
    for user in ("outsider", "observer", "plain", "secretariat"):
        client = api_for(world.users[user])
        body = client.get("/api/formations/").json()
        assert (body["results"] if isinstance(body, dict) else body) == []
        assert client.get(f"/api/formations/{forming.pk}/").status_code == 404
    assert api_for(None).get("/api/formations/").status_code == 401


@pytest.mark.django_db
def test_the_api_is_read_only(world, forming, api_for):
    client = api_for(world.users["admin"])
    assert client.post("/api/formations/", {}).status_code == 405
    assert client.patch(f"/api/formations/{forming.pk}/", {}).status_code == 405
    decision = forming.decisions.first()
    assert client.delete(f"/api/formation-decisions/{decision.pk}/").status_code == 405


@pytest.mark.django_db
def test_joining_estimates_only_for_the_municipality_without_the_instance(world, api_for):
    import datetime
    from decimal import Decimal

    from factories.planning import simple_scenario, tiny_portfolio

    from digisam.formation import estimates
    from digisam.planning import services as plan_services
    from digisam.portfolio.models import Contract

    category, _c = tiny_portfolio(world.alpha, [world.orgs["165"], world.orgs["151"]])
    run = plan_services.run_now(simple_scenario(world.alpha), user=world.users["secretariat"])
    run.published = True
    run.save()
    Contract.objects.create(organisation=world.orgs["153"], category=category, name="ESDH",
                            expires=datetime.date(2028, 9, 30), cost_operation=Decimal("1500000"))
    estimate = estimates.start_estimate(world.alpha, world.orgs["153"], user=world.users["outsider"])
    response = api_for(world.users["outsider"]).get(f"/api/joining-estimates/{estimate.pk}/")
    assert response.status_code == 200
    body = response.json()
    assert "instance" not in body and body["status"] == "succeeded"
    assert Decimal(body["total_saving"]) == sum(Decimal(t["saving"]) for t in body["tenders"])
    for user in ("secretariat", "coordinator", "observer"):
        assert api_for(world.users[user]).get(f"/api/joining-estimates/{estimate.pk}/").status_code == 404
    # the audit log does not carry the solved instance (the members' contracts) either
    entry = AuditEntry.objects.filter(content_type__model="joiningestimate").first()
    assert "ESDH" not in str(entry.after.get("instance", "")) and "165" not in str(entry.after.get("instance", ""))
