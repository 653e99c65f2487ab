"""Who sees and does what, per role, for every operations page, export and API endpoint.

Roles from `world`: secretariat of alpha; coordinator, member user and finance officer of 165
(member of alpha); observer; outsider (coordinator of 153, member of beta only); plain (no role)."""

import pytest
from django.urls import reverse

from digisam.operations.models import CatalogueService, SupportUsage, Ticket

READERS = ["admin", "secretariat", "coordinator", "member", "finance"]
NON_READERS = ["observer", "outsider", "plain"]
ALL = READERS + NON_READERS
MANAGERS = ["admin", "secretariat"]


def year_url(name, ops, *extra):
    return reverse(name, args=[ops.year.collaboration.slug, ops.year.year, *extra])


READ_PAGES = {
    "year": lambda ops: year_url("operations:year", ops),
    "sla": lambda ops: year_url("operations:sla", ops),
    "report_pdf": lambda ops: year_url("operations:sla_report", ops, "pdf"),
    "report_xlsx": lambda ops: year_url("operations:sla_report", ops, "xlsx"),
    "service": lambda ops: reverse("operations:service", args=[ops.basic.pk]),
    "addon": lambda ops: reverse("operations:service", args=[ops.addon.pk]),
    "support": lambda ops: reverse("operations:support", args=[ops.hotline.pk]),
}

MANAGE_PAGES = {
    "service_create": lambda ops: year_url("operations:service_create", ops),
    "service_edit": lambda ops: reverse("operations:service_edit", args=[ops.basic.pk]),
    "service_delete": lambda ops: reverse("operations:service_delete", args=[ops.basic.pk]),
    "target_edit": lambda ops: reverse("operations:target_edit", args=[ops.basic.pk]),
    "support_create": lambda ops: year_url("operations:support_create", ops),
    "support_edit": lambda ops: reverse("operations:support_edit", args=[ops.hotline.pk]),
    "support_delete": lambda ops: reverse("operations:support_delete", args=[ops.hotline.pk]),
    "usage_create": lambda ops: reverse("operations:usage_create", args=[ops.hotline.pk]),
    "usage_edit": lambda ops: reverse("operations:usage_edit", args=[
        ops.hotline.pk, SupportUsage.objects.get(arrangement=ops.hotline, organisation=ops.world.orgs["165"]).pk]),
    "usage_delete": lambda ops: reverse("operations:usage_delete", args=[
        SupportUsage.objects.get(arrangement=ops.hotline, organisation=ops.world.orgs["165"]).pk]),
    "level_delete": lambda ops: reverse("operations:level_delete", args=[ops.target.pk]),
}


@pytest.mark.parametrize("role", ALL)
def test_the_operations_home_lists_only_readable_years(ops, client_for, role):
    page = client_for(ops.world.users[role]).get(reverse("operations:home"))
    assert page.status_code == 200
    assert ("Alfa-samarbejdet" in page.content.decode()) == (role in READERS)


def test_the_operations_pages_need_a_login(ops, client_for):
    for make in READ_PAGES.values():
        assert client_for(None).get(make(ops)).status_code == 302


@pytest.mark.parametrize("role", ALL)
@pytest.mark.parametrize("page", sorted(READ_PAGES))
def test_operations_pages_are_read_by_the_secretariat_and_members_only(ops, client_for, role, page):
    response = client_for(ops.world.users[role]).get(READ_PAGES[page](ops))
    assert response.status_code == (200 if role in READERS else 404)


@pytest.mark.parametrize("role", ALL)
@pytest.mark.parametrize("page", sorted(MANAGE_PAGES))
def test_operations_forms_are_for_the_secretariat(ops, client_for, role, page):
    response = client_for(ops.world.users[role]).get(MANAGE_PAGES[page](ops))
    expected = 200 if role in MANAGERS else 403 if role in READERS else 404
    assert response.status_code == expected


@pytest.mark.parametrize("role", ALL)
def test_a_members_current_level_is_also_its_coordinators(ops, client_for, role):
    create = client_for(ops.world.users[role]).get(reverse("operations:level_create", args=[ops.basic.pk]))
    edit = client_for(ops.world.users[role]).get(reverse("operations:level_edit", args=[ops.member_level.pk]))
    writers = MANAGERS + ["coordinator"]
    for response in (create, edit):
        assert response.status_code == (200 if role in writers else 403 if role in READERS else 404)


@pytest.mark.parametrize("role", ALL)
def test_only_the_secretariat_creates_catalogue_services(ops, client_for, role):
    response = client_for(ops.world.users[role]).post(year_url("operations:service_create", ops), {
        "name": "Print", "kind": "addon", "unit": "stk.", "unit_price": "125"})
    created = CatalogueService.objects.filter(name="Print").exists()
    if role in MANAGERS:
        assert response.status_code == 302 and created
    else:
        assert response.status_code == (403 if role in READERS else 404) and not created


@pytest.mark.parametrize("role", ALL)
def test_only_the_secretariat_imports_tickets(ops, client_for, ticket_csv, role):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = ticket_csv([["P1", "165", "Drift", "2", "2026-09-01 08:00", "", ""]])
    response = client_for(ops.world.users[role]).post(year_url("operations:sla_import", ops), {
        "file": SimpleUploadedFile("t.csv", data, content_type="text/csv")})
    imported = Ticket.objects.filter(ident="P1").exists()
    if role in MANAGERS:
        assert response.status_code == 302 and imported
    else:
        assert response.status_code == (403 if role in READERS else 404) and not imported


@pytest.mark.parametrize("role", ALL)
def test_a_coordinator_registers_its_own_level_but_not_another_members(ops, client_for, role):
    o151 = ops.world.orgs["151"]
    response = client_for(ops.world.users[role]).post(reverse("operations:level_create", args=[ops.basic.pk]), {
        "organisation": o151.pk, "opening_hours": "8-15", "availability_target": "98", "p1_response": "90"})
    created = ops.basic.levels.filter(organisation=o151).exists()
    assert created == (role in MANAGERS)
    if role == "coordinator":
        assert response.status_code == 400  # 151 is not among the organisations offered


@pytest.mark.parametrize("role", READERS)
def test_each_member_sees_only_its_own_tickets_in_the_figures(ops, client_for, role):
    response = client_for(ops.world.users[role]).get(year_url("operations:sla", ops))
    members = {row["member"] for row in response.context["yearly"]}
    assert members == ({"165", "151"} if role in MANAGERS else {"165"})


# --------------------------------------------------------------------------- API

ENDPOINTS = ["operations/services", "operations/service-levels", "operations/ticket-imports", "operations/tickets",
             "operations/support", "operations/support-usage"]


@pytest.mark.parametrize("role", ALL)
@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_operations_api_lists_only_what_the_role_may_read(ops, api_for, role, endpoint):
    response = api_for(ops.world.users[role]).get(f"/api/{endpoint}/")
    assert response.status_code == 200
    rows = response.json()["results"] if isinstance(response.json(), dict) else response.json()
    if role in NON_READERS:
        assert rows == []
    else:
        assert rows
    if endpoint in ("operations/tickets", "operations/support-usage") and role in READERS and role not in MANAGERS:
        assert {r["organisation"] for r in rows} == {ops.world.orgs["165"].pk}


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_operations_api_needs_authentication(ops, api_for, endpoint):
    assert api_for(None).get(f"/api/{endpoint}/").status_code in (401, 403)


@pytest.mark.parametrize("role", ALL)
def test_only_the_secretariat_registers_support_usage_through_the_api(ops, api_for, role):
    response = api_for(ops.world.users[role]).post("/api/operations/support-usage/", {
        "arrangement": ops.hotline.pk, "organisation": ops.world.orgs["165"].pk, "month": "2026-02",
        "contacts": 3, "hours": "1.5"}, format="json")
    assert response.status_code == (201 if role in MANAGERS else 403)


def test_support_usage_outside_the_year_is_a_400_naming_the_field(ops, api_for):
    response = api_for(ops.world.users["secretariat"]).post("/api/operations/support-usage/", {
        "arrangement": ops.hotline.pk, "organisation": ops.world.orgs["165"].pk, "month": "2025-02",
        "contacts": 3, "hours": "1.5"}, format="json")
    assert response.status_code == 400 and "month" in response.json()


@pytest.mark.parametrize("endpoint", ["operations/services", "operations/tickets"])
def test_operations_catalogue_and_tickets_are_read_only_in_the_api(ops, api_for, endpoint):
    response = api_for(ops.world.users["secretariat"]).post(f"/api/{endpoint}/", {}, format="json")
    assert response.status_code == 405
