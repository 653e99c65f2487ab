"""The model advisor page (issue 14 item 1): contradictions and existing collaborations shown, a GET
writes nothing, English from its own catalogue. The engine's tests are in
tests/engines/formation/test_formation_advisor.py."""

import pytest


@pytest.mark.django_db
def test_the_advisor_page_shows_the_contradiction_and_existing_collaborations(world, client_for):
    client = client_for(world.users["coordinator"])
    response = client.get("/etablering/raadgiver/", {"hand_over_competence": "on", "members": "2",
                                                     "form": "oral_agreement", "needs": ["buying_power"]})
    text = response.content.decode()
    assert response.status_code == 200
    assert "kan ikke rumme formel kompetence" in text
    assert "Alfa-samarbejdet" not in text  # alpha is a procurement association: ruled out by competence
    response = client.get("/etablering/raadgiver/", {"members": "3", "needs": ["buying_power"]})
    assert "Alfa-samarbejdet" in response.content.decode()  # an existing procurement association


@pytest.mark.django_db
def test_a_get_of_the_advisor_writes_nothing(world, client_for):
    from digisam.core.models import AuditEntry

    before = AuditEntry.objects.count()
    client_for(world.users["coordinator"]).get("/etablering/raadgiver/", {"members": "3"})
    assert AuditEntry.objects.count() == before


@pytest.mark.django_db
def test_the_advisor_speaks_english_from_its_own_catalogue(world, client_for):
    client = client_for(world.users["coordinator"])
    client.cookies["django_language"] = "en"
    text = client.get("/etablering/raadgiver/", {"members": "3"}).content.decode()
    assert "Advisor: which collaboration fits us?" in text and "Combinations that fit" in text
