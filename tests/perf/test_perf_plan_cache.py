"""A finished plan run's page and member pages come from the cache: the second view neither reads
the run's large instance/plan JSON nor renders the plan again, and shows the same page; a new run
(a new calculation) has its own entry; the language is part of the key."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from factories.planning import simple_scenario, tiny_portfolio

from digisam.planning import services as plan_services


@pytest.fixture
def run(world):
    tiny_portfolio(world.alpha, [world.orgs["165"], world.orgs["151"]])
    result = plan_services.start_run(simple_scenario(world.alpha), user=world.users["secretariat"])
    result.refresh_from_db()
    return result


def _get(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    html = re.sub(r'(csrfmiddlewaretoken" value="|X-CSRFToken": ")[^"]+', r"\1", response.content.decode())
    return html, " ".join(q["sql"] for q in queries.captured_queries)


@pytest.mark.parametrize("path", ["/udbudsplan/beregninger/{pk}/", "/udbudsplan/beregninger/{pk}/medlem/165/"])
def test_a_finished_run_is_shown_from_the_cache(world, run, client_for, path):
    client = client_for(world.users["coordinator"])
    first, _ = _get(client, path.format(pk=run.pk))
    again, sql = _get(client, path.format(pk=run.pk))
    assert '"planning_planrun"."instance"' not in sql and '"planning_planrun"."plan"' not in sql
    assert again == first
    assert "Albertslund" in again


def test_another_run_and_another_language_have_their_own_entries(world, run, client_for):
    client = client_for(world.users["secretariat"])
    first, _ = _get(client, f"/udbudsplan/beregninger/{run.pk}/")
    other = plan_services.reproduce(run, user=world.users["secretariat"])
    other.refresh_from_db()
    second, sql = _get(client, f"/udbudsplan/beregninger/{other.pk}/")
    assert '"planning_planrun"."plan"' in sql  # not in the cache yet: computed from the run
    assert f"/udbudsplan/beregninger/{other.pk}/medlem/165/" in second
    assert f"/udbudsplan/beregninger/{run.pk}/medlem/165/" in first
    client.cookies["django_language"] = "en"
    english, _ = _get(client, f"/udbudsplan/beregninger/{run.pk}/")
    assert "<h2>Tidslinje</h2>" in first and "<h2>Timeline</h2>" in english
