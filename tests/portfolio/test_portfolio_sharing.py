"""A collaboration never sees a member's hidden portfolio or hidden economy: not in any view, export,
API response or planning input. Ballerup (151) shares its portfolio with alpha but not its economy
(operation cost 7,777,777); Brøndby (153) shares nothing and is not in alpha."""

import io
import json

import pytest

from digisam.portfolio import selectors

HIDDEN_NUMBERS = ["7777777", "7.777.777", "7 777 777", "7778777", "7.778.777"]  # operation, operation + other
HIDDEN_PRODUCT = "Skjult Brøndby-system"


def _text(response):
    if response["Content-Type"].startswith("application/vnd.openxmlformats"):
        from openpyxl import load_workbook

        sheet = load_workbook(io.BytesIO(response.content)).active
        return json.dumps([[str(c) for c in row] for row in sheet.iter_rows(values_only=True)], ensure_ascii=False)
    return response.content.decode("utf-8-sig")


def assert_no_leak(text, *, economy=True, portfolio=True):
    if economy:
        for number in HIDDEN_NUMBERS:
            assert number not in text, f"hidden economy {number} leaked"
    if portfolio:
        assert HIDDEN_PRODUCT not in text and "K-153" not in text, "hidden portfolio leaked"


@pytest.mark.parametrize("role", ["secretariat", "coordinator", "member", "finance"])
def test_views_and_exports_never_show_hidden_portfolio_or_economy(pf, world, client_for, role):
    client = client_for(world.users[role])
    pages = [
        "/portefoelje/", "/portefoelje/kommune/151/", f"/portefoelje/kontrakter/{pf.c151.pk}/",
        "/portefoelje/samarbejde/alpha/",
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_no_leak(_text(response))
    for url in ("/portefoelje/kommune/151/", "/portefoelje/samarbejde/alpha/"):
        for fmt in ("csv", "xlsx"):
            for kind in ("template", "kitos_contracts", "kitos_usages"):
                response = client.get(url, {"format": fmt, "kind": kind})
                assert response.status_code == 200
                assert_no_leak(_text(response))
    # the hidden portfolio itself is not found
    assert client.get("/portefoelje/kommune/153/").status_code == 404
    assert client.get(f"/portefoelje/kontrakter/{pf.c153.pk}/").status_code == 404


def test_shared_economy_is_shown_where_it_is_shared(pf, world, client_for):
    client = client_for(world.users["secretariat"])
    page = client.get("/portefoelje/samarbejde/alpha/").content.decode()
    assert "KMD Nexus" in page and "Systematic Cura" in page
    assert "2.501.000" in page  # Albertslund shares its economy: operation + other per year
    detail = client.get(f"/portefoelje/kontrakter/{pf.c165.pk}/").content.decode()
    assert "2.500.000" in detail


@pytest.mark.parametrize("role", ["secretariat", "coordinator", "member", "finance"])
def test_api_never_returns_hidden_portfolio_or_economy(pf, world, api_for, role):
    client = api_for(world.users[role])
    urls = ["/api/portfolio/contracts/", "/api/portfolio/usages/", "/api/portfolio/contracts/?collaboration=alpha",
            "/api/portfolio/usages/?collaboration=alpha", "/api/portfolio/harmonisation/alpha/",
            f"/api/portfolio/contracts/{pf.c151.pk}/"]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_no_leak(response.content.decode())
    body = client.get(f"/api/portfolio/contracts/{pf.c151.pk}/").json()
    assert body["cost_operation"] is None and body["annual_cost"] is None and body["economy_visible"] is False
    assert client.get(f"/api/portfolio/contracts/{pf.c153.pk}/").status_code == 404
    assert client.get(f"/api/portfolio/usages/{pf.u153.pk}/").status_code == 404


def test_own_users_see_their_own_economy(pf, world, api_for, client_for):
    body = api_for(world.users["outsider"]).get(f"/api/portfolio/contracts/{pf.c153.pk}/").json()
    assert body["cost_operation"] == "3333333.00"
    assert "3.334.333" in client_for(world.users["outsider"]).get("/portefoelje/kommune/153/").content.decode()


def test_economy_is_per_collaboration(pf, world, api_for):
    """Sharing economy with beta does not open it in alpha."""
    from digisam.collaborations.models import Membership
    from digisam.portfolio.models import SharingSetting

    Membership.objects.create(collaboration=world.beta, organisation=world.orgs["151"], status="active",
                              joined_on="2020-01-01")
    SharingSetting.objects.create(organisation=world.orgs["151"], collaboration=world.beta, share_portfolio=True,
                                  share_economy=True)
    response = api_for(world.users["secretariat"]).get("/api/portfolio/contracts/?collaboration=alpha")
    assert_no_leak(response.content.decode(), portfolio=False)
    ids = {c.pk: c.economy_shared for c in selectors.visible_contracts(world.alpha, include_economy=False)}
    assert ids[pf.c151.pk] is False


def test_planning_input_only_holds_shared_economy(pf, world):
    with_economy = selectors.visible_contracts(world.alpha, include_economy=True)
    assert set(with_economy) == {pf.c165, pf.c165e}
    all_shared = selectors.visible_contracts(world.alpha, include_economy=False)
    assert set(all_shared) == {pf.c165, pf.c165e, pf.c151}
    assert selectors.visible_contracts(world.beta, include_economy=False).count() == 0
    assert selectors.economy_shared(world.alpha, world.orgs["165"]) is True
    assert selectors.economy_shared(world.alpha, world.orgs["151"]) is False
    row = selectors.planner_contract(pf.c165, start=__import__("datetime").date(2027, 1, 1))
    assert row["expires"] == "2029-07" and row["annual_cost"] == 2501000.0 and row["max_extension_months"] == 12


def test_a_member_that_left_is_no_longer_visible(pf, world, client_for):
    from digisam.collaborations.models import Membership

    membership = Membership.objects.get(collaboration=world.alpha, organisation=world.orgs["151"])
    Membership.objects.filter(pk=membership.pk).update(status="left", left_on="2021-01-01")
    assert pf.c151 not in set(selectors.visible_contracts(world.alpha, include_economy=False))
    assert client_for(world.users["secretariat"]).get("/portefoelje/kommune/151/").status_code == 404


def test_withdrawing_sharing_hides_the_portfolio(pf, world, client_for):
    from digisam.portfolio.models import SharingSetting

    SharingSetting.objects.filter(organisation=world.orgs["151"]).update(share_portfolio=False)
    client = client_for(world.users["secretariat"])
    assert client.get("/portefoelje/kommune/151/").status_code == 404
    assert "Systematic Cura" not in client.get("/portefoelje/samarbejde/alpha/").content.decode()


def test_coordinator_sets_sharing_through_the_service(pf, world, client_for):
    from digisam.core.models import AuditEntry
    from digisam.portfolio.models import SharingSetting

    client = client_for(world.users["coordinator"])
    response = client.post("/portefoelje/kommune/165/deling/", {f"portfolio-{world.alpha.pk}": "on"})
    assert response.status_code == 302
    setting = SharingSetting.objects.get(organisation=world.orgs["165"], collaboration=world.alpha)
    assert setting.share_portfolio and not setting.share_economy
    assert AuditEntry.objects.filter(object_id=str(setting.pk), action="update").exists()
    # economy without portfolio is not possible
    client.post("/portefoelje/kommune/165/deling/", {f"economy-{world.alpha.pk}": "on"})
    setting.refresh_from_db()
    assert not setting.share_portfolio and not setting.share_economy
    assert client_for(world.users["member"]).get("/portefoelje/kommune/165/deling/").status_code == 403


@pytest.mark.parametrize("membership_role", ["vendor_partner", "observer", "partner"])
def test_vendor_partners_and_observer_members_never_see_portfolios(pf, world, client_for, api_for,
                                                                    django_user_model, membership_role):
    """An organisation in the collaboration that is not a member (e.g. a vendor partner) sees nothing."""
    from digisam.collaborations.models import Membership
    from digisam.core.models import Role, RoleAssignment
    from digisam.organisations.models import Organisation

    vendor = Organisation.objects.create(kind="company", name="Leverandør A/S", slug="leverandoer", cvr="12345678")
    Membership.objects.create(collaboration=world.alpha, organisation=vendor, role=membership_role, status="active",
                              joined_on="2020-01-01")
    user = django_user_model.objects.create_user(username="vendor")
    RoleAssignment.objects.create(user=user, role=Role.MEMBER_USER, organisation=vendor)
    client = client_for(user)
    assert client.get("/portefoelje/kommune/165/").status_code == 404
    assert client.get("/portefoelje/samarbejde/alpha/").status_code == 404
    assert api_for(user).get("/api/portfolio/contracts/").json()["count"] == 0
    assert api_for(user).get("/api/portfolio/harmonisation/alpha/").status_code == 404


def test_the_contract_policy_hides_history_where_economy_is_hidden(pf, world):
    from digisam.core.permissions import policy_for

    policy = policy_for(pf.c151)
    assert not policy.history_visible(world.users["secretariat"], pf.c151)
    assert not policy.history_visible(world.users["coordinator"], pf.c151)
    assert policy.history_visible(world.users["secretariat"], pf.c165)
    assert policy.history_visible(world.users["admin"], pf.c151)


def test_object_history_of_a_shared_contract_does_not_leak_hidden_economy(pf, world, client_for):
    """The generic object history (core) shows before/after values; for a contract whose economy is
    hidden it must not be reachable by the collaboration."""
    from digisam.core import services

    pf.c151.cost_operation = pf.c151.cost_operation + 1
    services.save(pf.c151, user=world.users["admin"])
    for role in ("secretariat", "coordinator", "member", "finance"):
        response = client_for(world.users[role]).get(f"/log/portfolio/contract/{pf.c151.pk}/")
        assert response.status_code == 404 or not any(n in response.content.decode() for n in ("7777777", "7777778"))
