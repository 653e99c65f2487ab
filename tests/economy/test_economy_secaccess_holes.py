"""Issue 11, hole 2 in the economy: a vendor partner (a member of the collaboration with membership
role vendor partner) never sees the municipalities' money — one rule with planning and portfolio."""

import pytest


@pytest.fixture
def vendor_world(econ, everyone):
    return econ, everyone


@pytest.mark.parametrize("url", ["/api/economy-years/", "/api/economy-statements/", "/api/economy-charges/"])
def test_a_vendor_partner_reads_no_economy_through_the_api(vendor_world, api_for, url):
    econ, world = vendor_world
    response = api_for(world.users["vendor"]).get(url)
    if response.status_code == 200:
        data = response.json()
        rows = data["results"] if isinstance(data, dict) else data
        assert rows == []
    else:
        assert response.status_code == 404
    member = api_for(world.users["member"]).get(url)
    assert member.status_code in (200, 404)


def test_a_vendor_partner_opens_no_economy_page(vendor_world, client_for):
    econ, world = vendor_world
    client = client_for(world.users["vendor"])
    assert client.get("/oekonomi/alpha/").status_code == 404
    assert client.get(f"/oekonomi/alpha/{econ.year.year}/").status_code == 404
    assert client_for(world.users["member"]).get(f"/oekonomi/alpha/{econ.year.year}/").status_code == 200


def test_an_economy_year_with_an_approved_statement_cannot_be_deleted(econ, api_for):
    """Issue 11, hole 6: money is never erased with its parent."""
    from digisam.core import services
    from digisam.economy import services as economy_services
    from digisam.economy.models import EconomyYear, Statement

    economy_services.approve(econ.statement, user=econ.world.users["secretariat"])
    response = api_for(econ.world.users["secretariat"]).delete(f"/api/economy-years/{econ.year.pk}/")
    assert response.status_code == 400, response.content
    assert EconomyYear.objects.filter(pk=econ.year.pk).exists()
    assert Statement.objects.filter(pk=econ.statement.pk, approved_at__isnull=False).exists()
    with pytest.raises(Exception):  # noqa: B017 - ValidationError, also for the collaboration
        services.delete(econ.world.alpha, user=services.SYSTEM)
    assert Statement.objects.filter(pk=econ.statement.pk).exists()


def test_deleting_a_draft_year_logs_every_row_it_removes(econ):
    from digisam.core import services
    from digisam.core.models import AuditEntry

    charges = list(econ.beta_year.charges.values_list("pk", flat=True))
    statements = list(econ.beta_year.statements.values_list("pk", flat=True))
    services.delete(econ.beta_year, user=services.SYSTEM)
    for model, ids in (("charge", charges), ("statement", statements)):
        for pk in ids:
            assert AuditEntry.objects.filter(content_type__model=model, object_id=str(pk), action="delete").exists()
