"""Issue 11, hole 3: an audit entry is readable only by those who may read the object it
describes (and its fields) — not by everyone who reads its collaboration. A scoped observer reads
alpha's published parts, but none of its planning, economy or portfolio entries."""

import datetime
from decimal import Decimal

import pytest

from digisam.core import services


@pytest.fixture
def logged(everyone):
    from digisam.economy.models import Charge, EconomyYear
    from digisam.planning.models import Scenario
    from digisam.portfolio.models import SharingSetting

    world = everyone
    secretariat = world.users["secretariat"]
    services.save(Scenario(collaboration=world.alpha, name="Hemmeligt scenarie", start_month="2027-01",
                           horizon_months=60, capacity=2, time_limit=3), user=secretariat)
    year = services.save(EconomyYear(collaboration=world.alpha, year=2026, proration="none",
                                     population_date=datetime.date(2026, 1, 1)), user=secretariat)
    services.save(Charge(year=year, name="Kontingent", kind="equal_share", total=Decimal("4242424")),
                  user=secretariat)
    services.save(SharingSetting(organisation=world.orgs["165"], collaboration=world.alpha, share_portfolio=True),
                  user=world.users["coordinator"])
    world.alpha.description = "Offentlig ændring"
    services.save(world.alpha, user=secretariat)
    return world


def _types(response):
    data = response.json()
    rows = data["results"] if isinstance(data, dict) else data
    return {row["object_type"] for row in rows}


PRIVATE = {"planning.scenario", "economy.economyyear", "economy.charge", "portfolio.sharingsetting"}


@pytest.mark.parametrize("role", ["scoped_observer", "observer", "vendor", "plain", "outsider"])
def test_outsiders_read_no_entries_of_objects_they_may_not_read(logged, api_for, client_for, role):
    user = logged.users[role]
    types = _types(api_for(user).get("/api/audit-entries/", {"page_size": 1000}))
    assert not types & PRIVATE
    if role in ("scoped_observer", "observer", "vendor"):
        assert "collaborations.collaboration" in types  # alpha is published: its own history is readable
    for url in ("/log/", "/samarbejder/alpha/log/?format=csv", "/"):
        text = client_for(user).get(url).content.decode("utf-8-sig")
        assert "Hemmeligt scenarie" not in text and "4242424" not in text and "Kontingent" not in text


@pytest.mark.parametrize("role,expected", [
    ("admin", PRIVATE), ("secretariat", PRIVATE),
    ("member", {"planning.scenario", "economy.economyyear", "economy.charge", "portfolio.sharingsetting"}),
])
def test_readers_of_the_objects_read_their_entries(logged, api_for, role, expected):
    types = _types(api_for(logged.users[role]).get("/api/audit-entries/", {"page_size": 1000}))
    assert expected <= types


def test_entries_of_deleted_objects_stay_with_those_who_managed_them(logged, api_for):
    from digisam.planning.models import Scenario

    scenario = Scenario.objects.get(name="Hemmeligt scenarie")
    services.delete(scenario, user=logged.users["secretariat"])
    for role, sees in (("secretariat", True), ("admin", True), ("scoped_observer", False), ("observer", False)):
        rows = api_for(logged.users[role]).get("/api/audit-entries/", {"page_size": 1000}).json()["results"]
        deleted = [r for r in rows if r["object_type"] == "planning.scenario" and r["action"] == "delete"]
        assert bool(deleted) is sees, role
