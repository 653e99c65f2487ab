"""Portfolio freshness and "Bed om opdatering" (issue 12 item 18): figures per member that tie out
with the fixture, sharing respected, who may see and ask, and where the request lands."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

pytestmark = pytest.mark.django_db

URL = "/portefoelje/samarbejde/alpha/aktualitet/"


@pytest.fixture
def fresh(pf, world):
    """Albertslund (165) gets a system without a contract and a contract without cost, notice and
    expiry; its last edit is audited now. Ballerup (151) last imported 200 days ago."""
    from digisam.core import services
    from digisam.portfolio.models import Contract, PortfolioImport, Usage

    admin = world.users["admin"]
    services.save(Usage(organisation=world.orgs["165"], category=pf.esdh), user=admin)
    services.save(Contract(organisation=world.orgs["165"], category=pf.esdh, name="Ufuldstændig"), user=admin)
    record = PortfolioImport.objects.create(organisation=world.orgs["151"], original_name="gammel.xlsx")
    PortfolioImport.objects.filter(pk=record.pk).update(applied=timezone.now() - datetime.timedelta(days=200))
    return world


def _rows(world):
    from digisam.portfolio.freshness import member_freshness

    return {r.organisation.code: r for r in member_freshness(world.alpha)}


def test_the_figures_tie_out_with_the_members_data(fresh):
    rows = _rows(fresh)
    a = rows["165"]
    assert (a.systems, a.systems_without_contract, a.contracts) == (3, 1, 3)
    assert (a.contracts_without_cost, a.contracts_without_notice, a.contracts_without_expiry) == (1, 1, 1)
    # 3 systems + 3 contracts × (notice, expiry, cost) = 12 checks, 4 fail.
    assert a.completeness == Decimal("0.667")
    assert a.source == "edit" and a.age_days == 0 and not a.stale
    b = rows["151"]
    assert (b.systems, b.systems_without_contract, b.contracts, b.contracts_without_notice) == (1, 0, 1, 0)
    assert b.contracts_without_cost is None, "Ballerup does not share its economy with alpha"
    assert b.completeness == Decimal("1.000")
    assert b.source == "import" and b.age_days == 200 and b.stale and b.needs_update
    assert list(rows) == ["151", "165"], "old data first"


def test_a_member_that_does_not_share_shows_no_figures(fresh, client_for):
    from digisam.portfolio.models import SharingSetting

    SharingSetting.objects.filter(organisation=fresh.orgs["151"], collaboration=fresh.alpha).update(
        share_portfolio=False, share_economy=False)
    row = _rows(fresh)["151"]
    assert not row.shares and row.systems == 0 and row.last_updated is None and not row.needs_update
    html = client_for(fresh.users["secretariat"]).get(URL).content.decode()
    assert "Deler ikke sin portefølje med samarbejdet" in html
    assert "gammel.xlsx" not in html


def test_a_member_without_data_is_flagged_missing(pf, world):
    from digisam.portfolio.models import Contract, Usage

    Contract.objects.filter(organisation=world.orgs["151"]).delete()
    Usage.objects.filter(organisation=world.orgs["151"]).delete()
    row = _rows(world)["151"]
    assert row.missing and row.stale and row.completeness is None


@pytest.mark.parametrize("role,status", [
    ("admin", 200), ("secretariat", 200), ("coordinator", 200), ("member", 403), ("finance", 403),
    ("observer", 404), ("outsider", 404), ("plain", 404),
])
def test_who_may_see_the_page(fresh, client_for, role, status):
    assert client_for(fresh.users[role]).get(URL).status_code == status


def test_the_page_shows_the_figures_and_is_linked_from_the_harmonisation_page(fresh, client_for):
    client = client_for(fresh.users["secretariat"])
    html = client.get(URL).content.decode()
    assert "Porteføljernes aktualitet" in html and "66,7 %" in html and "økonomi deles ikke" in html
    assert "Ældre end 180 dage" in html and "Bed om opdatering" in html
    assert URL in client.get("/portefoelje/samarbejde/alpha/").content.decode()
    coordinator = client_for(fresh.users["coordinator"]).get(URL).content.decode()
    assert "Bed om opdatering" not in coordinator, "only the secretariat asks"


def test_a_get_writes_nothing(fresh, client_for):
    from digisam.core.models import AuditEntry
    from digisam.initiatives.models import Notification

    before = (AuditEntry.objects.count(), Notification.objects.count())
    client_for(fresh.users["secretariat"]).get(URL)
    client_for(fresh.users["secretariat"]).get(URL + "?member=165")
    assert (AuditEntry.objects.count(), Notification.objects.count()) == before


def test_the_request_asks_for_confirmation_then_reaches_the_members_coordinators_only(fresh, client_for):
    from digisam.core.models import AuditEntry
    from digisam.initiatives.models import Notification
    from digisam.portfolio.models import UpdateRequest

    client = client_for(fresh.users["secretariat"])
    page = client.post(URL, {"member": "165", "message": "Senest 1. marts, tak"})
    assert page.status_code == 200 and "Det sker, når du bekræfter" in page.content.decode()
    assert "coordinator" in page.content.decode()
    assert not UpdateRequest.objects.exists() and not Notification.objects.exists()
    response = client.post(URL, {"member": "165", "message": "Senest 1. marts, tak", "confirmed": "yes"})
    assert response.status_code == 302
    notes = list(Notification.objects.all())
    assert [n.user for n in notes] == [fresh.users["coordinator"]]
    assert notes[0].kind == "portfolio_update" and notes[0].url == "/portefoelje/kommune/165/"
    assert "Alfa-samarbejdet beder Albertslund" in notes[0].message and "Senest 1. marts" in notes[0].message
    request = UpdateRequest.objects.get()
    assert (request.organisation, request.requested_by, request.recipients) == (
        fresh.orgs["165"], fresh.users["secretariat"], 1)
    assert AuditEntry.objects.filter(content_type__model="updaterequest", object_id=str(request.pk)).exists()
    assert _rows(fresh)["165"].last_request == request.created
    assert f"{timezone.localdate():%d.%m.%Y}" in client.get(URL).content.decode()


def test_the_bulk_request_goes_to_members_with_old_or_missing_data(fresh, client_for):
    from digisam.core.models import Role, RoleAssignment
    from digisam.initiatives.models import Notification
    from digisam.portfolio.models import UpdateRequest

    ballerup = fresh.users["plain"]
    RoleAssignment.objects.create(user=ballerup, role=Role.COORDINATOR, organisation=fresh.orgs["151"])
    client = client_for(fresh.users["secretariat"])
    client.post(URL, {"member": "all", "confirmed": "yes"})
    assert [r.organisation.code for r in UpdateRequest.objects.all()] == ["151"]
    assert [n.user for n in Notification.objects.all()] == [ballerup]


def test_only_the_secretariat_may_ask(fresh, client_for):
    from digisam.portfolio.models import UpdateRequest

    for role in ("coordinator", "member"):
        assert client_for(fresh.users[role]).post(URL, {"member": "165", "confirmed": "yes"}).status_code == 403
    assert client_for(fresh.users["outsider"]).post(URL, {"member": "165", "confirmed": "yes"}).status_code == 404
    assert client_for(fresh.users["secretariat"]).post(URL, {"member": "153", "confirmed": "yes"}).status_code == 404
    assert not UpdateRequest.objects.exists()


def test_the_notification_and_page_read_in_english(fresh, client_for):
    from django.utils import translation

    from digisam.initiatives.models import Notification

    client_for(fresh.users["secretariat"]).post(URL, {"member": "165", "confirmed": "yes"})
    with translation.override("en"):
        assert Notification.objects.get().text == ("Alfa-samarbejdet asks Albertslund to update its portfolio in "
                                                   "digisam.")
    client = client_for(fresh.users["secretariat"])
    client.cookies["django_language"] = "en"
    html = client.get(URL, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Portfolio freshness" in html and "Request an update" in html


def test_the_page_runs_the_same_number_of_queries_for_more_members(fresh, client_for):
    import datetime as dt

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from digisam.collaborations.models import Membership
    from digisam.organisations.models import Organisation
    from digisam.portfolio.models import SharingSetting, Usage

    client = client_for(fresh.users["secretariat"])
    client.get(URL)
    with CaptureQueriesContext(connection) as few:
        client.get(URL)
    for org in Organisation.objects.filter(kind="municipality").exclude(code__in=["165", "151", "153"])[:5]:
        Membership.objects.create(collaboration=fresh.alpha, organisation=org, status="active",
                                  joined_on=dt.date(2020, 1, 1))
        SharingSetting.objects.create(organisation=org, collaboration=fresh.alpha, share_portfolio=True)
        Usage.objects.create(organisation=org, category_id=Usage.objects.first().category_id)
    with CaptureQueriesContext(connection) as many:
        html = client.get(URL).content.decode()
    assert html.count("Ingen data") == 0 and html.count("digisam-stale") >= 5
    assert len(many) == len(few)
