"""Permission matrix: every portfolio view and endpoint for every role. Not visible → 404, visible
but not writable → 403, allowed → 200 (201 for creation)."""

import pytest
from role_list import ROLES

READERS_165 = {"admin": 200, "secretariat": 200, "coordinator": 200, "member": 200, "finance": 200,
               "observer": 404, "outsider": 404, "plain": 404}
WRITERS_165 = {"admin": 200, "secretariat": 403, "coordinator": 200, "member": 403, "finance": 403,
               "observer": 404, "outsider": 404, "plain": 404}
ALPHA_READERS = READERS_165
ALPHA_SECRETARIAT = {"admin": 200, "secretariat": 200, "coordinator": 403, "member": 403, "finance": 403,
                     "observer": 404, "outsider": 404, "plain": 404}
EVERYONE = dict.fromkeys(ROLES, 200)

VIEWS = [
    ("/portefoelje/", EVERYONE),
    ("/portefoelje/skabelon.xlsx", EVERYONE),
    ("/portefoelje/kommune/165/", READERS_165),
    ("/portefoelje/kommune/165/?format=csv", READERS_165),
    ("/portefoelje/kontrakter/{c165}/", READERS_165),
    ("/portefoelje/kommune/165/systemer/ny/", WRITERS_165),
    ("/portefoelje/kommune/165/kontrakter/ny/", WRITERS_165),
    ("/portefoelje/systemer/{u165}/", WRITERS_165),
    ("/portefoelje/systemer/{u165}/slet/", WRITERS_165),
    ("/portefoelje/kontrakter/{c165}/rediger/", WRITERS_165),
    ("/portefoelje/kontrakter/{c165}/slet/", WRITERS_165),
    ("/portefoelje/kommune/165/deling/", WRITERS_165),
    ("/portefoelje/kommune/165/import/", WRITERS_165),
    ("/portefoelje/samarbejde/alpha/", ALPHA_READERS),
    ("/portefoelje/samarbejde/alpha/?format=xlsx", ALPHA_READERS),
    ("/portefoelje/samarbejde/alpha/maal/", ALPHA_SECRETARIAT),
]


@pytest.mark.parametrize("url,expected", VIEWS)
@pytest.mark.parametrize("role", ROLES)
def test_view_permission_matrix(pf, world, client_for, role, url, expected):
    url = url.format(c165=pf.c165.pk, u165=pf.u165.pk)
    assert client_for(world.users[role]).get(url).status_code == expected[role]


def test_anonymous_users_are_sent_to_login(pf, client_for):
    for url in ("/portefoelje/", "/portefoelje/kommune/165/", "/portefoelje/samarbejde/alpha/"):
        response = client_for(None).get(url)
        assert response.status_code == 302 and "/login/" in response["Location"]


API_READ = [
    ("/api/portfolio/contracts/{c165}/", READERS_165),
    ("/api/portfolio/usages/{u165}/", READERS_165),
    ("/api/portfolio/harmonisation/alpha/", ALPHA_READERS),
    ("/api/portfolio/categories/", EVERYONE),
    ("/api/portfolio/products/", EVERYONE),
]


@pytest.mark.parametrize("url,expected", API_READ)
@pytest.mark.parametrize("role", ROLES)
def test_api_read_matrix(pf, world, api_for, role, url, expected):
    url = url.format(c165=pf.c165.pk, u165=pf.u165.pk)
    assert api_for(world.users[role]).get(url).status_code == expected[role]


@pytest.mark.parametrize("role", ROLES)
def test_api_write_matrix(pf, world, api_for, role):
    client = api_for(world.users[role])
    response = client.patch(f"/api/portfolio/contracts/{pf.c165.pk}/", {"notes": "ændret"}, format="json")
    assert response.status_code == WRITERS_165[role]
    create = client.post("/api/portfolio/contracts/", {"organisation": world.orgs["165"].pk,
                                                         "category": pf.omsorg.pk, "name": "Ny"}, format="json")
    assert create.status_code == {"admin": 201, "coordinator": 201}.get(role, 403)
    category = client.post("/api/portfolio/categories/", {"slug": "ny", "name": "Ny kategori"}, format="json")
    assert category.status_code == (201 if role == "admin" else 403)


def test_api_requires_authentication(pf, api_for):
    assert api_for(None).get("/api/portfolio/contracts/").status_code in (401, 403)


def test_api_lists_are_narrowed_and_filtered(pf, world, api_for):
    client = api_for(world.users["secretariat"])
    ids = {c["id"] for c in client.get("/api/portfolio/contracts/").json()["results"]}
    assert ids == {pf.c165.pk, pf.c165e.pk, pf.c151.pk}
    assert {c["id"] for c in client.get("/api/portfolio/contracts/?municipality=151").json()["results"]} == {
        pf.c151.pk}
    assert {c["id"] for c in client.get("/api/portfolio/contracts/?category=esdh").json()["results"]} == {
        pf.c165e.pk}
    between = client.get("/api/portfolio/contracts/?ending_after=2029-07-01&ending_before=2030-01-01").json()
    assert {c["id"] for c in between["results"]} == {pf.c151.pk}
    assert client.get("/api/portfolio/contracts/?collaboration=beta").status_code == 404
    page = api_for(world.users["admin"]).get("/api/portfolio/contracts/?page_size=1")
    assert "next" in page.json() and page.json()["count"] == 4
    usages = api_for(world.users["outsider"]).get("/api/portfolio/usages/").json()["results"]
    assert {u["id"] for u in usages} == {pf.u153.pk}


def test_api_validation_error_is_400_with_field_errors(pf, world, api_for):
    response = api_for(world.users["coordinator"]).patch(
        f"/api/portfolio/contracts/{pf.c165.pk}/", {"extensions_used": 5}, format="json")
    assert response.status_code == 400 and "extensions_used" in response.json()


def test_coordinator_edits_a_contract_in_the_ui_through_the_service(pf, world, client_for):
    from digisam.core.models import AuditEntry

    client = client_for(world.users["coordinator"])
    page = client.get(f"/portefoelje/kontrakter/{pf.c165.pk}/rediger/")
    form = page.context["form"]
    data = {name: form[name].value() for name in form.fields}
    data = {k: ("" if v is None else v) for k, v in data.items()}
    data["usages"] = [pf.u165.pk]
    data["notes"] = "Forlænget efter aftale"
    data["opt_out"] = ""
    data["procurement_initiated"] = ""
    response = client.post(f"/portefoelje/kontrakter/{pf.c165.pk}/rediger/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    pf.c165.refresh_from_db()
    assert pf.c165.notes == "Forlænget efter aftale"
    assert AuditEntry.objects.filter(object_id=str(pf.c165.pk), channel="ui").exists()
