"""Issue 11 hole 10: a unique value that passes validation and still collides in the database (a
concurrent write between full_clean and save, simulated here by switching the model's own checks
off) gives a form error in the UI and a 409 in the API — never a 500, and nothing is written."""

import pytest

from digisam.collaborations.models import Membership
from digisam.core.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def checks_pass(monkeypatch):
    """full_clean and the form find nothing wrong, as when another request saves the same membership
    between our validation and our insert."""
    monkeypatch.setattr(Membership, "validate_unique", lambda self, exclude=None: None)
    monkeypatch.setattr(Membership, "validate_constraints", lambda self, exclude=None: None)


def test_a_duplicate_that_passes_validation_is_a_form_error_in_the_ui_not_a_500(world, client_for, checks_pass):
    before, entries = Membership.objects.count(), AuditEntry.objects.count()
    assert Membership.objects.filter(collaboration=world.alpha, organisation=world.orgs["151"]).exists()
    response = client_for(world.users["secretariat"]).post(
        "/samarbejder/alpha/medlemmer/nyt/",
        {"organisation": world.orgs["151"].pk, "role": "member", "status": "active", "joined_on": "2024-03-01"},
    )
    assert response.status_code == 400
    errors = response.context["form"].non_field_errors()
    assert any("intet er gemt" in str(e) for e in errors), errors
    assert "intet er gemt" in response.content.decode()
    assert Membership.objects.count() == before
    assert AuditEntry.objects.count() == entries


def test_a_duplicate_that_passes_validation_is_a_409_with_a_message_in_the_api(world, api_for, checks_pass):
    before, entries = Membership.objects.count(), AuditEntry.objects.count()
    response = api_for(world.users["secretariat"]).post(
        "/api/memberships/",
        {"collaboration": world.alpha.pk, "organisation": world.orgs["151"].pk, "role": "member",
         "status": "active", "joined_on": "2024-03-01"},
        format="json",
    )
    assert response.status_code == 409, response.content
    assert "intet er gemt" in response.json()["detail"]
    assert Membership.objects.count() == before
    assert AuditEntry.objects.count() == entries
