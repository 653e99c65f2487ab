"""Issue 11 hole 6 for money: an economy year with an approved statement cannot be deleted; it is
archived instead — read-only with all its lines, out of the default lists, back on restore."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from digisam.core import services
from digisam.core.models import AuditEntry
from digisam.economy import services as economy_services
from digisam.economy.models import Charge, EconomyYear, Statement

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved(econ):
    economy_services.approve(econ.statement, user=econ.world.users["secretariat"])
    return econ


def test_a_year_with_an_approved_statement_is_not_deleted_and_the_refusal_offers_archive(approved, api_for):
    world = approved.world
    response = api_for(world.users["admin"]).delete(f"/api/economy-years/{approved.year.pk}/")
    assert response.status_code == 400
    assert "Arkivér den i stedet" in str(response.json())
    assert EconomyYear.objects.filter(pk=approved.year.pk).exists()
    assert Statement.objects.filter(pk=approved.statement.pk, approved_at__isnull=False).exists()


def test_the_secretariat_archives_the_year_through_the_api_and_it_is_audited(approved, api_for):
    world = approved.world
    for role in ("coordinator", "finance", "member"):
        refused = api_for(world.users[role]).post(f"/api/economy-years/{approved.year.pk}/archive/")
        assert refused.status_code in (403, 404), role
    response = api_for(world.users["secretariat"]).post(f"/api/economy-years/{approved.year.pk}/archive/")
    assert response.status_code == 200, response.content
    year = EconomyYear.objects.get(pk=approved.year.pk)
    assert year.archived_at is not None and year.archived_by == world.users["secretariat"]
    entry = AuditEntry.objects.filter(content_type__model="economyyear", object_id=str(year.pk)).latest("pk")
    assert entry.channel == "api" and entry.before["archived_at"] is None and entry.after["archived_at"]
    listed = api_for(world.users["secretariat"]).get("/api/economy-years/").json()["results"]
    assert year.pk not in [row["id"] for row in listed]
    archived = api_for(world.users["secretariat"]).get("/api/economy-years/?archived=true").json()["results"]
    assert [row["id"] for row in archived] == [year.pk]
    both = api_for(world.users["secretariat"]).get("/api/economy-years/?archived=all").json()["results"]
    assert year.pk in [row["id"] for row in both]


def test_an_archived_year_and_its_lines_refuse_changes(approved, api_for):
    world = approved.world
    services.archive(approved.year, user=world.users["secretariat"])
    with pytest.raises(ValidationError) as error:
        services.save(Charge(year=approved.year, name="Ny afgift", kind="equal_share", total=Decimal("5")),
                      user=world.users["admin"])
    assert "arkiveret" in " ".join(error.value.messages)
    fee = Charge.objects.get(pk=approved.fee.pk)
    with pytest.raises(ValidationError):
        services.delete(fee, user=world.users["admin"])
    response = api_for(world.users["admin"]).patch(f"/api/economy-charges/{fee.pk}/", {"name": "Omdøbt"},
                                                    format="json")
    assert response.status_code in (400, 404), response.content
    assert Charge.objects.get(pk=fee.pk).name == "Kontingent"


def test_the_economy_pages_leave_an_archived_year_out_and_show_it_with_a_banner(approved, client_for):
    world = approved.world
    services.archive(approved.year, user=world.users["secretariat"])
    client = client_for(world.users["secretariat"])
    year_url = approved.year.get_absolute_url()
    collaboration_url = year_url.rsplit("/", 2)[0] + "/"
    listing = client.get(collaboration_url).content.decode()
    assert year_url not in listing
    assert year_url in client.get(collaboration_url + "?archived=true").content.decode()
    detail = client.get(year_url)
    assert detail.status_code == 200 and "Arkiveret" in detail.content.decode()


def test_restoring_the_year_needs_the_delete_permission(approved):
    world = approved.world
    services.archive(approved.year, user=world.users["secretariat"])
    with pytest.raises(PermissionDenied):
        services.unarchive(approved.year, user=world.users["finance"])
    services.unarchive(approved.year, user=world.users["secretariat"])
    assert EconomyYear.objects.get(pk=approved.year.pk).archived_at is None
