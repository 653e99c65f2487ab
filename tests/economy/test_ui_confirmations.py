"""Approving a statement and publishing a plan ask first and name the consequence (issue 12 item 7)."""

from django.urls import reverse
from factories.planning import simple_scenario, tiny_portfolio

from digisam.planning import services as plan_services


def test_approving_without_confirmation_only_shows_what_it_locks(econ, client_for):
    client = client_for(econ.world.users["secretariat"])
    url = reverse("economy:approve", args=["alpha", 2026, econ.statement.version])
    response = client.post(url)
    assert response.status_code == 200 and "Økonomiåret låses" in response.content.decode()
    econ.year.refresh_from_db()
    assert not econ.year.is_locked
    assert client.post(url, {"confirmed": "yes"}).status_code == 302
    econ.year.refresh_from_db()
    assert econ.year.is_locked


def test_publishing_without_confirmation_names_the_plan_it_replaces(world, client_for):
    tiny_portfolio(world.alpha, [world.orgs["165"], world.orgs["151"]])
    first = plan_services.start_run(simple_scenario(world.alpha), user=world.users["secretariat"])
    first.refresh_from_db()
    plan_services.publish(first, user=world.users["secretariat"])
    second = plan_services.start_run(simple_scenario(world.alpha, name="Anden"), user=world.users["secretariat"])
    client = client_for(world.users["secretariat"])
    url = f"/udbudsplan/beregninger/{second.pk}/offentliggoer/"
    html = client.post(url).content.decode()
    assert f"#{first.pk} trækkes tilbage" in html
    second.refresh_from_db()
    assert not second.published
    assert client.post(url, {"confirmed": "yes"}).status_code == 302
    second.refresh_from_db()
    assert second.published
