"""Who sees and does what, per role, for every economy page, export and API endpoint.

Roles from `world`: secretariat of alpha; coordinator, member user and finance officer of 165
(member of alpha); observer; outsider (coordinator of 153, member of beta); plain (no role)."""

import io

import pytest
from django.urls import reverse
from role_list import INSIDERS

READERS = INSIDERS
NON_READERS = ["observer", "outsider", "plain"]
ALL = READERS + NON_READERS


def _url(name, econ, *extra):
    year = econ.year
    if name in ("economy:collaboration", "economy:ledger"):
        return reverse(name, args=[year.collaboration.slug])
    if name in ("economy:statement",):
        return reverse(name, args=[year.collaboration.slug, year.year, econ.statement.version])
    return reverse(name, args=[year.collaboration.slug, year.year, *extra])


@pytest.mark.parametrize("role", ALL)
@pytest.mark.parametrize("name", ["economy:collaboration", "economy:year", "economy:statement", "economy:ledger"])
def test_economy_pages_are_read_by_the_secretariat_and_members_only(econ, client_for, role, name):
    response = client_for(econ.world.users[role]).get(_url(name, econ))
    assert response.status_code == (200 if role in READERS else 404)


def test_the_economy_home_needs_a_login(econ, client_for):
    assert client_for(None).get(reverse("economy:home")).status_code == 302
    assert client_for(econ.world.users["plain"]).get(reverse("economy:home")).status_code == 200


def test_the_economy_home_lists_only_readable_years(econ, client_for):
    page = client_for(econ.world.users["observer"]).get(reverse("economy:home")).content.decode()
    assert "Alfa-samarbejdet" not in page
    page = client_for(econ.world.users["finance"]).get(reverse("economy:home")).content.decode()
    assert "Alfa-samarbejdet" in page and "Beta-samarbejdet" not in page


@pytest.mark.parametrize("role", ALL)
def test_every_role_on_the_statement_page(econ, client_for, role):
    response = client_for(econ.world.users[role]).get(_url("economy:statement", econ))
    if role in NON_READERS:
        assert response.status_code == 404
        return
    page = response.content.decode()
    assert 'data-testid="member-165"' in page
    assert "Samarbejdets totaler" in page
    if role in ("admin", "secretariat"):
        assert 'data-testid="member-151"' in page
    else:
        assert 'data-testid="member-151"' not in page
        assert "151 Ballerup" not in page


@pytest.mark.parametrize("role", ALL)
@pytest.mark.parametrize("code", ["165", "151"])
def test_a_members_explained_statement_is_only_for_itself_and_the_secretariat(econ, client_for, role, code):
    url = reverse("economy:member_statement", args=["alpha", 2026, econ.statement.version, code])
    response = client_for(econ.world.users[role]).get(url)
    if role in ("admin", "secretariat") or (role in READERS and code == "165"):
        assert response.status_code == 200
        assert "kr. ×" in response.content.decode()
    else:
        assert response.status_code == 404


def _sheets(content):
    from openpyxl import load_workbook

    return load_workbook(io.BytesIO(content)).sheetnames


@pytest.mark.parametrize("role", ALL)
def test_the_xlsx_export_holds_only_what_the_user_may_see(econ, client_for, role):
    url = reverse("economy:statement_export", args=["alpha", 2026, econ.statement.version, "xlsx"])
    response = client_for(econ.world.users[role]).get(url)
    if role in NON_READERS:
        assert response.status_code == 404
        return
    sheets = _sheets(response.content)
    assert sheets[0] == "Samlet" and sheets[-1] == "Betalinger"
    assert "165 Albertslund" in sheets
    assert ("151 Ballerup" in sheets) == (role in ("admin", "secretariat"))


@pytest.mark.parametrize("role", ALL)
def test_the_pdf_export_is_narrowed_like_the_page(econ, client_for, role, monkeypatch):
    from digisam.economy import exports

    seen = {}
    original = exports.statement_pdf

    def spy(statement, view, filename):
        seen["codes"] = [m["code"] for m in view["members"]]
        return original(statement, view, filename)

    monkeypatch.setattr(exports, "statement_pdf", spy)
    url = reverse("economy:statement_export", args=["alpha", 2026, econ.statement.version, "pdf"])
    response = client_for(econ.world.users[role]).get(url)
    if role in NON_READERS:
        assert response.status_code == 404
        return
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert seen["codes"] == (["151", "165"] if role in ("admin", "secretariat") else ["165"])


@pytest.mark.parametrize("role", ALL)
def test_the_scenario_file_is_only_for_the_secretariat(econ, client_for, role):
    url = reverse("economy:statement_export", args=["alpha", 2026, econ.statement.version, "json"])
    response = client_for(econ.world.users[role]).get(url)
    assert response.status_code == (200 if role in ("admin", "secretariat") else 404)


@pytest.mark.parametrize("role,expected", [
    ("admin", 200), ("secretariat", 200), ("coordinator", 403), ("member", 403), ("finance", 403),
    ("observer", 404), ("outsider", 404), ("plain", 404),
])
@pytest.mark.parametrize("kind", ["opkraevning", "noegle", "specialist", "ydelse", "projekt"])
def test_definitions_are_managed_by_the_secretariat(econ, client_for, role, expected, kind):
    url = reverse("economy:part_create", args=["alpha", 2026, kind])
    assert client_for(econ.world.users[role]).get(url).status_code == expected


@pytest.mark.parametrize("role,expected", [
    ("admin", 200), ("secretariat", 200), ("coordinator", 200), ("member", 403), ("finance", 200),
    ("observer", 404), ("outsider", 404), ("plain", 404),
])
@pytest.mark.parametrize("kind", ["timer", "aarsvaerk", "bestilling"])
def test_own_figures_are_registered_by_coordinators_and_finance_officers(econ, client_for, role, expected, kind):
    url = reverse("economy:part_create", args=["alpha", 2026, kind])
    assert client_for(econ.world.users[role]).get(url).status_code == expected


@pytest.mark.parametrize("role,expected", [
    ("admin", 200), ("secretariat", 200), ("coordinator", 200), ("finance", 200), ("member", 404),
    ("observer", 404), ("outsider", 404), ("plain", 404),
])
def test_another_members_hours_are_hidden_but_own_hours_editable(econ, client_for, role, expected):
    from digisam.economy.models import HoursEntry

    own = econ.hours
    other = HoursEntry.objects.filter(organisation__code="151").first()
    client = client_for(econ.world.users[role])
    status_own = client.get(reverse("economy:part_edit", args=["alpha", 2026, "timer", own.pk])).status_code
    status_other = client.get(reverse("economy:part_edit", args=["alpha", 2026, "timer", other.pk])).status_code
    if role == "member":
        assert status_own == 403  # reads its organisation's hours, does not register them
    else:
        assert status_own == expected
    assert status_other == (200 if role in ("admin", "secretariat") else 404)


def test_the_year_page_shows_only_own_hours_to_a_member(econ, client_for):
    page = client_for(econ.world.users["finance"]).get(_url("economy:year", econ)).content.decode()
    hours = page.split('data-testid="hours"')[1].split("</table>")[0]
    assert "Albertslund" in hours and "Ballerup" not in hours
    page = client_for(econ.world.users["secretariat"]).get(_url("economy:year", econ)).content.decode()
    hours = page.split('data-testid="hours"')[1].split("</table>")[0]
    assert "Albertslund" in hours and "Ballerup" in hours


@pytest.mark.parametrize("role,expected", [
    ("admin", 302), ("secretariat", 302), ("finance", 302), ("coordinator", 403), ("member", 403),
    ("observer", 404), ("outsider", 404), ("plain", 404),
])
def test_generating_is_for_the_secretariat_and_members_finance_officers(econ, client_for, role, expected):
    response = client_for(econ.world.users[role]).post(reverse("economy:generate", args=["alpha", 2026]))
    assert response.status_code == expected
    if expected == 302:
        assert "/job/" in response["Location"]


@pytest.mark.parametrize("role,expected", [
    ("admin", 302), ("secretariat", 302), ("finance", 403), ("coordinator", 403), ("member", 403),
    ("observer", 404), ("outsider", 404), ("plain", 404),
])
def test_approving_is_for_the_secretariat(econ, client_for, role, expected):
    url = reverse("economy:approve", args=["alpha", 2026, econ.statement.version])
    assert client_for(econ.world.users[role]).post(url, {"confirmed": "yes"}).status_code == expected
    econ.year.refresh_from_db()
    assert econ.year.is_locked == (expected == 302)


@pytest.mark.parametrize("role,expected", [
    ("admin", 200), ("secretariat", 200), ("coordinator", 200), ("finance", 200), ("member", 403),
    ("observer", 404), ("outsider", 404), ("plain", 404),
])
def test_ledger_entries_are_written_by_the_secretariat_and_members_coordinators(econ, client_for, role, expected):
    assert client_for(econ.world.users[role]).get(reverse("economy:ledger_create", args=["alpha"])).status_code == expected


# ------------------------------------------------------------------------------------- API

def _ids(response):
    assert response.status_code == 200, response.content
    data = response.json()
    return [row["id"] for row in (data["results"] if isinstance(data, dict) and "results" in data else data)]


@pytest.mark.parametrize("role,alpha,beta", [
    ("admin", True, True), ("secretariat", True, False), ("coordinator", True, False), ("member", True, False),
    ("finance", True, False), ("observer", False, False), ("outsider", False, True), ("plain", False, False),
])
@pytest.mark.parametrize("endpoint", ["economy-years", "economy-charges", "economy-statements"])
def test_api_lists_are_narrowed_to_readable_collaborations(econ, api_for, role, alpha, beta, endpoint):
    ids = _ids(api_for(econ.world.users[role]).get(f"/api/{endpoint}/"))
    alpha_id = {"economy-years": econ.year.pk, "economy-charges": econ.fee.pk,
                "economy-statements": econ.statement.pk}[endpoint]
    beta_id = {"economy-years": econ.beta_year.pk, "economy-charges": econ.beta_year.charges.get().pk,
               "economy-statements": econ.beta_statement.pk}[endpoint]
    assert (alpha_id in ids) == alpha
    assert (beta_id in ids) == beta
    status = api_for(econ.world.users[role]).get(f"/api/{endpoint}/{alpha_id}/").status_code
    assert status == (200 if alpha else 404)


def test_api_needs_authentication(econ, api_for):
    assert api_for(None).get("/api/economy-statements/").status_code in (401, 403)


@pytest.mark.parametrize("role,codes", [
    ("admin", ["151", "165"]), ("secretariat", ["151", "165"]), ("coordinator", ["165"]), ("member", ["165"]),
    ("finance", ["165"]),
])
def test_api_statement_content_is_narrowed_to_own_member(econ, api_for, role, codes):
    data = api_for(econ.world.users[role]).get(f"/api/economy-statements/{econ.statement.pk}/").json()
    assert [m["code"] for m in data["content"]["members"]] == codes
    assert data["content"]["totals"]["members"] == 2
    for transfer in data["content"]["transfers"]:
        assert set(codes) & {transfer["from"], transfer["to"]}
    assert "scenario" not in data


@pytest.mark.parametrize("role,visible", [
    ("admin", {"165", "151"}), ("secretariat", {"165", "151"}), ("coordinator", {"165"}), ("member", {"165"}),
    ("finance", {"165"}), ("observer", set()), ("outsider", set()), ("plain", set()),
])
def test_api_hours_show_only_own_organisation_to_members(econ, api_for, role, visible):
    from digisam.economy.models import HoursEntry

    ids = _ids(api_for(econ.world.users[role]).get("/api/economy-hours/"))
    codes = {e.organisation.code for e in HoursEntry.objects.filter(pk__in=ids)}
    assert codes == visible


@pytest.mark.parametrize("role,own,other", [
    ("admin", 201, 201), ("secretariat", 201, 201), ("coordinator", 201, 403), ("finance", 201, 403),
    ("member", 403, 403), ("observer", 403, 403), ("outsider", 403, 403), ("plain", 403, 403),
])
def test_api_hours_are_registered_for_the_users_own_organisation(econ, api_for, role, own, other):
    client = api_for(econ.world.users[role])
    for code, expected, month in (("165", own, "2026-05"), ("151", other, "2026-06")):
        response = client.post("/api/economy-hours/", {
            "project": econ.project.pk, "organisation": econ.world.orgs[code].pk, "month": month,
            "agreed_hours": "8", "actual_hours": "7.5"}, format="json")
        assert response.status_code == expected, (code, response.content)


@pytest.mark.parametrize("role,expected", [
    ("admin", 201), ("secretariat", 201), ("coordinator", 403), ("finance", 403), ("member", 403),
    ("observer", 403), ("outsider", 403),
])
def test_api_charges_are_written_by_the_secretariat(econ, api_for, role, expected):
    response = api_for(econ.world.users[role]).post("/api/economy-charges/", {
        "year": econ.year.pk, "name": "Ekstra", "kind": "fixed_per_member", "amount": "1000", "key": "equal",
        "members": []}, format="json")
    assert response.status_code == expected, response.content


@pytest.mark.parametrize("role,expected", [
    ("admin", 201), ("secretariat", 201), ("coordinator", 403), ("member", 403), ("observer", 403),
])
def test_api_years_are_created_by_the_secretariat(econ, api_for, role, expected):
    response = api_for(econ.world.users[role]).post("/api/economy-years/", {
        "collaboration": econ.world.alpha.pk, "year": 2027, "proration": "month", "settlement": "net_transfers"},
        format="json")
    assert response.status_code == expected, response.content


@pytest.mark.parametrize("role,read,write", [
    ("admin", True, 201), ("secretariat", True, 201), ("coordinator", True, 201), ("finance", True, 201),
    ("member", True, 403), ("observer", False, 403), ("outsider", False, 403), ("plain", False, 403),
])
def test_api_ledger_entries(econ, api_for, role, read, write):
    from digisam.core import services
    from digisam.economy.models import TurnLedgerEntry

    entry = services.save(TurnLedgerEntry(collaboration=econ.world.alpha, organisation=econ.world.orgs["151"],
                                          description="Kører udbud", estimated_value=1000, date="2026-03-01"),
                          user=services.SYSTEM)
    client = api_for(econ.world.users[role])
    assert (entry.pk in _ids(client.get("/api/economy-ledger/"))) == read
    response = client.post("/api/economy-ledger/", {
        "collaboration": econ.world.alpha.pk, "organisation": econ.world.orgs["165"].pk,
        "description": "Ansætter it-arkitekt", "estimated_value": "500", "date": "2026-04-01",
        "beneficiaries": []}, format="json")
    assert response.status_code == write, response.content


@pytest.mark.parametrize("role", ["coordinator", "member", "finance", "observer", "outsider", "plain"])
def test_the_audit_log_shows_no_other_members_figures_or_lines(econ, api_for, role):
    """The core audit log shows a collaboration's entries to all its readers: the economy records a
    member's figures and statement under the member organisation only, and the full content under
    neither, so the log cannot show a member another's hours or lines."""
    response = api_for(econ.world.users[role]).get("/api/audit-entries/", {"page_size": 1000})
    data = response.json()
    rows = data["results"] if isinstance(data, dict) else data
    private = {"economy.hoursentry", "economy.ftefigure", "economy.order", "economy.memberstatement"}
    for row in rows:
        assert row["object_type"] != "economy.statementcontent"
        if row["object_type"] in private:
            own = {"outsider": econ.world.orgs["153"].pk, "observer": None, "plain": None}.get(
                role, econ.world.orgs["165"].pk)
            assert row["organisation"] == own


@pytest.mark.parametrize("role,content,own,other", [
    ("admin", 200, 200, 200), ("secretariat", 200, 200, 200), ("finance", 404, 200, 404),
    ("member", 404, 200, 404), ("observer", 404, 404, 404),
])
def test_object_history_of_statement_parts_follows_their_policy(econ, client_for, role, content, own, other):
    from digisam.economy.models import MemberStatement

    client = client_for(econ.world.users[role])
    rows = {m.code: m.pk for m in MemberStatement.objects.filter(statement=econ.statement)}
    assert client.get(f"/log/economy/statementcontent/{econ.statement.content.pk}/").status_code == content
    assert client.get(f"/log/economy/memberstatement/{rows['165']}/").status_code == own
    assert client.get(f"/log/economy/memberstatement/{rows['151']}/").status_code == other
