"""Issue 11 hole 10 (input side): hostile or careless input gets a clear 4xx, never a 500 — huge page
sizes, NUL characters, over-long request ids and file names, unreadable dates."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from digisam.collaborations.models import Membership
from digisam.core.models import AuditEntry, Job

pytestmark = pytest.mark.django_db

HUGE = "9223372036854775808"


def _list_routes():
    from digisam.api_urls import router

    return sorted(prefix for prefix, _viewset, _basename in router.registry)


@pytest.mark.parametrize("prefix", _list_routes())
def test_a_huge_limit_on_any_api_list_is_capped_not_a_server_error(world, api_for, prefix):
    for params in ({"limit": HUGE}, {"limit": HUGE, "offset": HUGE}):
        response = api_for(world.users["admin"]).get(f"/api/{prefix}/", params)
        assert response.status_code < 500, response.content[:300]
        if response.status_code == 200 and isinstance(response.json(), dict) and "results" in response.json():
            assert len(response.json()["results"]) <= 500


def test_the_page_size_has_a_ceiling(world, api_for):
    from digisam.organisations.models import Organisation

    assert Organisation.objects.count() > 100
    body = api_for(world.users["admin"]).get("/api/organisations/", {"limit": HUGE}).json()
    assert len(body["results"]) == min(500, body["count"])
    assert len(api_for(world.users["admin"]).get("/api/organisations/", {"limit": 3}).json()["results"]) == 3


def test_a_nul_in_a_search_box_is_a_clear_400(world, client_for):
    response = client_for(world.users["member"]).get("/organisationer/", {"q": "Alb\x00ertslund"})
    assert response.status_code == 400
    assert "(NUL) i &#x27;q&#x27;" in response.content.decode()  # names the field


def test_a_nul_in_an_api_query_parameter_is_a_clear_400(world, api_for):
    response = api_for(world.users["member"]).get("/api/organisations/", {"name": "\x00"})
    assert response.status_code == 400
    assert "NUL" in response.json()["detail"]


def test_a_nul_in_a_form_field_is_400_and_nothing_is_saved(world, client_for):
    response = client_for(world.users["secretariat"]).post(
        "/samarbejder/alpha/rediger/", {"name": "Alfa\x00", "purposes": ["procurement"]})
    assert response.status_code == 400
    world.alpha.refresh_from_db()
    assert world.alpha.name == "Alfa-samarbejdet"


def test_a_nul_escape_in_a_json_body_is_400_and_nothing_is_saved(world, api_for):
    client = api_for(world.users["secretariat"])
    response = client.patch(f"/api/collaborations/{world.alpha.slug}/", '{"name": "Alfa\\u0000"}',
                            content_type="application/json")
    assert response.status_code == 400
    assert "NUL" in response.json()["detail"]
    world.alpha.refresh_from_db()
    assert world.alpha.name == "Alfa-samarbejdet"
    # An escaped backslash followed by "u0000" is ordinary text, not a NUL.
    response = client.patch(f"/api/collaborations/{world.alpha.slug}/", '{"name": "Alfa \\\\u0000"}',
                            content_type="application/json")
    assert response.status_code != 400 or "NUL" not in response.json().get("detail", "")


def test_an_over_long_request_id_never_fails_a_write(world, api_for):
    client = api_for(world.users["secretariat"])
    request_id = "x" * 300
    response = client.patch(f"/api/collaborations/{world.alpha.slug}/", {"name": "Alfa ny"}, format="json",
                            HTTP_X_REQUEST_ID=request_id)
    assert response.status_code == 200
    entry = AuditEntry.objects.filter(object_repr="Alfa ny").latest("timestamp")
    assert entry.request_id == "x" * 64


def test_an_unprintable_request_id_is_replaced(world, api_for):
    client = api_for(world.users["secretariat"])
    response = client.patch(f"/api/collaborations/{world.alpha.slug}/", {"name": "Alfa to"}, format="json",
                            HTTP_X_REQUEST_ID="\x01\x02")
    assert response.status_code == 200
    entry = AuditEntry.objects.filter(object_repr="Alfa to").latest("timestamp")
    assert len(entry.request_id) == 32 and entry.request_id.isalnum()


def test_a_long_upload_file_name_is_accepted_and_fits_every_column(world, client_for, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    name = "portefølje-" + "meget-lang-" * 20 + ".csv"
    assert len(name) > 200
    content = b"Kommunekode;Kategori;Produkt\n165;omsorg;KMD Nexus\n"
    response = client_for(world.users["coordinator"]).post("/portefoelje/kommune/165/import/",
                                                           {"file": SimpleUploadedFile(name, content)})
    assert response.status_code == 302
    job = Job.objects.get(kind="portfolio_import_dry_run")
    assert len(job.title) <= Job._meta.get_field("title").max_length
    assert job.title.endswith("…")
    from digisam.portfolio.models import PortfolioImport

    record = PortfolioImport.objects.get()
    assert len(record.file.name) <= PortfolioImport._meta.get_field("file").max_length
    assert record.original_name == name


def _membership(world, code="151"):
    return Membership.objects.get(collaboration=world.alpha, organisation=world.orgs[code])


@pytest.mark.parametrize("value", ["31-12-2026x", "2026-13-45", "i morgen", "31/31/2026"])
def test_an_unreadable_date_in_a_membership_change_is_a_clear_400(world, client_for, value):
    membership = _membership(world)
    response = client_for(world.users["secretariat"]).post(
        f"/samarbejder/alpha/medlemmer/{membership.pk}/leave/", {"date": value})
    assert response.status_code == 400
    assert "ÅÅÅÅ-MM-DD" in response.content.decode()
    membership.refresh_from_db()
    assert membership.status == "active" and membership.left_on is None


@pytest.mark.parametrize("value", ["2026-12-31", "31.12.2026"])
def test_iso_and_danish_dates_are_read_in_a_membership_change(world, client_for, value):
    import datetime

    membership = _membership(world)
    response = client_for(world.users["secretariat"]).post(
        f"/samarbejder/alpha/medlemmer/{membership.pk}/leave/", {"date": value, "confirmed": "yes"})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.status == "left" and membership.left_on == datetime.date(2026, 12, 31)
