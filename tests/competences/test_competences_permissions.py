"""Who sees and does what in the competence pool, per role, for every page and API endpoint.

The pool is personal data: only the collaboration's secretariat and its members' users read it;
observers, outsiders and users without a role see nothing (404 / empty lists)."""

from decimal import Decimal

import pytest
from django.urls import reverse
from role_list import INSIDERS

from digisam.competences import services
from digisam.competences.models import Allocation, DevelopmentAction, Specialist
from digisam.core import services as core_services

READERS = INSIDERS
NON_READERS = ["observer", "outsider", "plain"]
ALL = READERS + NON_READERS
MANAGERS = ["admin", "secretariat"]


def slug_url(name, pool):
    return reverse(name, args=[pool.world.alpha.slug])


def allocation(pool):
    return services.allocate(pool.request, pool.anna, Decimal("50"), user=core_services.SYSTEM)


READ_PAGES = {
    "pool": lambda pool: slug_url("competences:pool", pool),
    "requests": lambda pool: slug_url("competences:requests", pool),
    "analysis": lambda pool: slug_url("competences:analysis", pool),
    "analysis_xlsx": lambda pool: slug_url("competences:analysis", pool) + "?aar=2026&format=xlsx",
    "specialist": lambda pool: reverse("competences:specialist", args=[pool.anna.pk]),
    "request": lambda pool: reverse("competences:request", args=[pool.request.pk]),
}

#: forms of the secretariat only
MANAGE_PAGES = {
    "competence_create": lambda pool: slug_url("competences:competence_create", pool),
    "competence_edit": lambda pool: reverse("competences:competence_edit", args=[pool.contract.pk]),
    "competence_delete": lambda pool: reverse("competences:competence_delete", args=[pool.contract.pk]),
    "request_create": lambda pool: slug_url("competences:request_create", pool),
    "request_edit": lambda pool: reverse("competences:request_edit", args=[pool.request.pk]),
}

#: forms of the secretariat and the home organisation's coordinator (Anna belongs to 165)
HOME_PAGES = {
    "specialist_create": lambda pool: slug_url("competences:specialist_create", pool),
    "specialist_edit": lambda pool: reverse("competences:specialist_edit", args=[pool.anna.pk]),
    "specialist_remove": lambda pool: reverse("competences:specialist_remove", args=[pool.anna.pk]),
    "held_create": lambda pool: reverse("competences:part_create", args=[pool.anna.pk, "kompetence"]),
    "availability_create": lambda pool: reverse("competences:part_create", args=[pool.anna.pk, "raadighed"]),
    "availability_edit": lambda pool: reverse("competences:part_edit", args=[
        pool.anna.pk, "raadighed", pool.anna.availability.get().pk]),
    "held_delete": lambda pool: reverse("competences:part_delete", args=[
        pool.anna.pk, "kompetence", pool.anna.competences.get().pk]),
    "action_create": lambda pool: slug_url("competences:action_create", pool),
}


@pytest.mark.parametrize("role", ALL)
def test_the_competences_home_lists_only_readable_pools(pool, client_for, role):
    page = client_for(pool.world.users[role]).get(reverse("competences:home"))
    assert page.status_code == 200
    assert ("Alfa-samarbejdet" in page.content.decode()) == (role in READERS)


@pytest.mark.parametrize("role", ALL)
@pytest.mark.parametrize("page", sorted(READ_PAGES))
def test_pool_pages_are_read_by_the_secretariat_and_members_only(pool, client_for, role, page):
    response = client_for(pool.world.users[role]).get(READ_PAGES[page](pool))
    assert response.status_code == (200 if role in READERS else 404)


@pytest.mark.parametrize("role", ALL)
@pytest.mark.parametrize("page", sorted(MANAGE_PAGES))
def test_catalogue_and_request_forms_are_for_the_secretariat(pool, client_for, role, page):
    response = client_for(pool.world.users[role]).get(MANAGE_PAGES[page](pool))
    assert response.status_code == (200 if role in MANAGERS else 403 if role in READERS else 404)


@pytest.mark.parametrize("role", ALL)
@pytest.mark.parametrize("page", sorted(HOME_PAGES))
def test_a_persons_forms_are_for_the_secretariat_and_the_home_organisation(pool, client_for, role, page):
    response = client_for(pool.world.users[role]).get(HOME_PAGES[page](pool))
    writers = MANAGERS + ["coordinator"]
    assert response.status_code == (200 if role in writers else 403 if role in READERS else 404)


@pytest.mark.parametrize("role", ALL)
def test_a_coordinator_cannot_edit_another_members_person(pool, client_for, role):
    response = client_for(pool.world.users[role]).get(reverse("competences:specialist_edit", args=[pool.bo.pk]))
    assert response.status_code == (200 if role in MANAGERS else 403 if role in READERS else 404)


@pytest.mark.parametrize("role", ALL)
def test_only_the_secretariat_proposes_an_allocation(pool, client_for, role):
    response = client_for(pool.world.users[role]).post(reverse("competences:allocate", args=[pool.request.pk]),
                                                       {"specialist": pool.anna.pk, "hours": "40"})
    created = Allocation.objects.filter(request=pool.request).exists()
    assert created == (role in MANAGERS)
    assert response.status_code == (302 if role in MANAGERS else 403 if role in READERS else 404)


def test_over_allocation_through_the_page_is_a_400_with_the_message(pool, client_for):
    response = client_for(pool.world.users["secretariat"]).post(
        reverse("competences:allocate", args=[pool.request.pk]), {"specialist": pool.anna.pk, "hours": "401"})
    assert response.status_code == 400
    assert "Overbooking" in response.content.decode()


@pytest.mark.parametrize("role", ALL)
def test_only_the_home_organisation_approves_through_the_page(pool, client_for, role):
    booked = allocation(pool)
    response = client_for(pool.world.users[role]).post(reverse("competences:decide", args=[booked.pk, "godkend"]))
    booked.refresh_from_db()
    assert (booked.status == "approved") == (role in ("admin", "coordinator"))
    assert response.status_code == (302 if role in ("admin", "coordinator") else 403 if role in READERS else 404)


@pytest.mark.parametrize("role", ALL)
def test_hours_are_registered_by_the_home_organisation_or_the_secretariat(pool, client_for, role):
    booked = services.decide_allocation(allocation(pool), True, user=pool.world.users["coordinator"])
    response = client_for(pool.world.users[role]).post(reverse("competences:hours", args=[booked.pk]),
                                                       {"month": "2026-05", "hours": "4"})
    registered = booked.worked.exists()
    writers = MANAGERS + ["coordinator"]
    assert registered == (role in writers)
    assert response.status_code == (302 if role in writers else 403 if role in READERS else 404)


@pytest.mark.parametrize("role", ALL)
def test_removing_hours_is_for_the_same_writers(pool, client_for, role):
    booked = services.decide_allocation(allocation(pool), True, user=pool.world.users["coordinator"])
    worked = services.register_hours(booked, "2026-05", Decimal("3"), user=core_services.SYSTEM)
    response = client_for(pool.world.users[role]).post(reverse("competences:hours_delete", args=[worked.pk]))
    writers = MANAGERS + ["coordinator"]
    assert booked.worked.exists() == (role not in writers)
    assert response.status_code == (302 if role in writers else 403 if role in READERS else 404)


@pytest.mark.parametrize("role", ALL)
def test_the_pool_page_shows_people_only_to_readers(pool, client_for, role):
    page = client_for(pool.world.users[role]).get(slug_url("competences:pool", pool))
    assert ("Anna Andersen" in page.content.decode()) == (role in READERS)


@pytest.mark.parametrize("role", ALL)
def test_a_person_leaves_the_pool_by_the_home_organisation_or_secretariat(pool, client_for, role):
    response = client_for(pool.world.users[role]).post(reverse("competences:specialist_remove", args=[pool.anna.pk]))
    gone = not Specialist.objects.filter(pk=pool.anna.pk).exists()
    writers = MANAGERS + ["coordinator"]
    assert gone == (role in writers)
    assert response.status_code == (302 if role in writers else 403 if role in READERS else 404)


# --------------------------------------------------------------------------- API

ENDPOINTS = ["competences/catalogue", "competences/specialists", "competences/held", "competences/availability",
             "competences/requests", "competences/allocations", "competences/worked-hours",
             "competences/development-plan"]


@pytest.fixture
def pool_with_everything(pool):
    booked = services.decide_allocation(allocation(pool), True, user=pool.world.users["coordinator"])
    services.register_hours(booked, "2026-05", Decimal("3"), user=core_services.SYSTEM)
    core_services.save(DevelopmentAction(collaboration=pool.world.alpha, competence=pool.architecture,
                                         action="Uddan en arkitekt mere", owner="Sekretariatet"),
                       user=core_services.SYSTEM)
    return pool


@pytest.mark.parametrize("role", ALL)
@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_competences_api_lists_only_what_the_role_may_read(pool_with_everything, api_for, role, endpoint):
    pool = pool_with_everything
    response = api_for(pool.world.users[role]).get(f"/api/{endpoint}/")
    assert response.status_code == 200
    body = response.json()
    rows = body["results"] if isinstance(body, dict) else body
    if role in NON_READERS:
        # The outsider reads beta's pool only.
        assert all(r.get("collaboration", pool.world.beta.pk) == pool.world.beta.pk for r in rows)
        assert "Anna Andersen" not in str(rows)
    else:
        assert rows


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_competences_api_needs_authentication(pool, api_for, endpoint):
    assert api_for(None).get(f"/api/{endpoint}/").status_code in (401, 403)


@pytest.mark.parametrize("role", ALL)
def test_a_person_is_offered_through_the_api_by_the_home_organisation(pool, api_for, role):
    response = api_for(pool.world.users[role]).post("/api/competences/specialists/", {
        "collaboration": pool.world.alpha.pk, "organisation": pool.world.orgs["165"].pk, "name": "Dea Dahl",
        "hourly_cost": "600"}, format="json")
    assert response.status_code == (201 if role in MANAGERS + ["coordinator"] else 403)


@pytest.mark.parametrize("endpoint", ["competences/allocations", "competences/worked-hours"])
def test_allocations_and_hours_are_read_only_in_the_api(pool, api_for, endpoint):
    response = api_for(pool.world.users["secretariat"]).post(f"/api/{endpoint}/", {}, format="json")
    assert response.status_code == 405
