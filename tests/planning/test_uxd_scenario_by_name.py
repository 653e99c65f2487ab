"""Issue 12 item 15: a scenario's earliest starts and "must tender together" groups are chosen by the
names of members and categories (stored as the same code lines as before); the API keeps the codes
and refuses an unknown one with a clear message; the scenario page shows names."""

import pytest
from factories.planning import simple_scenario

from digisam.planning.models import Scenario

URL = "/udbudsplan/alpha/scenarier/nyt/"
ESDH = "ESDH / sags- og dokumenthåndtering"
BASE = {"name": "Med grupper", "start_month": "2027-01", "horizon_months": 72, "capacity": 1,
        "individual_rationality": "on", "time_limit": 5}


def test_the_scenario_form_offers_members_and_categories_by_name(world, client_for):
    page = client_for(world.users["secretariat"]).get(URL).content.decode()
    assert 'data-testid="rows-earliest_starts"' in page and 'data-testid="rows-tender_groups"' in page
    assert f'<option value="esdh">{ESDH}</option>' in page
    assert '<option value="165">Albertslund</option>' in page
    assert 'value="151"><label class="form-label" for="id_tender_groups-0-members-1">Ballerup</label>' in page
    assert "165 esdh" not in page and "fx &#x27;esdh" not in page


def test_choosing_by_name_stores_the_same_code_lines_as_before(world, client_for):
    client = client_for(world.users["secretariat"])
    response = client.post(URL, {
        **BASE, "earliest_starts-count": 4, "earliest_starts-0-municipality": "165",
        "earliest_starts-0-category": "esdh", "earliest_starts-0-month": "2028-01",
        "earliest_starts-1-municipality": "", "earliest_starts-1-category": "", "earliest_starts-1-month": "",
        "tender_groups-count": 2, "tender_groups-0-category": "esdh", "tender_groups-0-members": ["165", "151"],
    })
    assert response.status_code == 302, response.content.decode()[-2000:]
    scenario = Scenario.objects.get(name="Med grupper")
    assert scenario.earliest_starts == "165 esdh 2028-01"
    assert scenario.tender_groups == "esdh: 151, 165"
    assert scenario.earliest_start_rows() == [{"municipality": "165", "category": "esdh", "month": "2028-01"}]
    # editing shows the stored lines as chosen names, ready to change
    edit = client.get(f"/udbudsplan/alpha/scenarier/{scenario.pk}/rediger/").content.decode()
    assert f'<option value="esdh" selected>{ESDH}</option>' in edit
    assert '<option value="165" selected>Albertslund</option>' in edit
    assert 'value="2028-01"' in edit and 'value="151" checked><label class="form-label"' in edit
    page = client.get(f"/udbudsplan/alpha/scenarier/{scenario.pk}/").content.decode()
    assert f"Albertslund: {ESDH} tidligst fra 2028-01" in page and f"{ESDH}: Albertslund, Ballerup" in page
    assert f"Tidligste start for Albertslund/{ESDH} bruges ikke" in page  # names in the warning too


@pytest.mark.parametrize("row, message", [
    ({"earliest_starts-0-municipality": "165", "earliest_starts-0-category": "esdh"}, "Række 1: vælg kommune"),
    ({"earliest_starts-0-municipality": "165", "earliest_starts-0-category": "esdh",
      "earliest_starts-0-month": "01-2028"}, "Række 1: skriv måneden som ÅÅÅÅ-MM"),
])
def test_an_incomplete_row_is_refused_with_its_number(world, client_for, row, message):
    response = client_for(world.users["secretariat"]).post(URL, {**BASE, "earliest_starts-count": 1, **row})
    assert response.status_code == 400 and message in response.content.decode()
    assert not Scenario.objects.filter(name="Med grupper").exists()


def test_an_unknown_category_code_is_refused_by_the_form_and_the_api(world, client_for, api_for):
    response = client_for(world.users["secretariat"]).post(URL, {
        **BASE, "tender_groups-count": 1, "tender_groups-0-category": "findes-ikke",
        "tender_groups-0-members": ["165", "151"]})
    assert response.status_code == 400
    assert "Ukendt kategorikode: “findes-ikke”" in response.content.decode()
    api = api_for(world.users["secretariat"])
    for field, value in (("categories", ["esdh", "xyz"]), ("earliest_starts", "165 xyz 2028-01"),
                         ("tender_groups", "xyz: 165, 151")):
        answer = api.post("/api/plan-scenarios/", {"collaboration": world.alpha.pk, "name": f"API {field}",
                                                   "start_month": "2027-01", field: value}, format="json")
        assert answer.status_code == 400, (field, answer.content)
        assert "Ukendt kategorikode: “xyz”" in str(answer.json()[field]), answer.json()
    ok = api.post("/api/plan-scenarios/", {"collaboration": world.alpha.pk, "name": "API ok", "start_month": "2027-01",
                                           "categories": ["esdh"], "tender_groups": "esdh: 165, 151"}, format="json")
    assert ok.status_code == 201, ok.content


def test_the_scenario_page_and_list_name_the_categories(world, client_for):
    scenario = simple_scenario(world.alpha)
    scenario.categories = ["esdh"]
    scenario.save()
    client = client_for(world.users["secretariat"])
    assert ESDH in client.get(f"/udbudsplan/alpha/scenarier/{scenario.pk}/").content.decode()
    listing = client.get("/udbudsplan/alpha/").content.decode()
    assert f"<td>{ESDH}</td>" in listing


def test_the_rows_are_translated_in_english(world, client_for):
    client = client_for(world.users["secretariat"])
    client.cookies["django_language"] = "en"
    page = client.get(URL).content.decode()
    assert "Municipality" in page and "Month (YYYY-MM)" in page
    response = client.post(URL, {**BASE, "earliest_starts-count": 1, "earliest_starts-0-municipality": "165"})
    assert "Row 1: choose the municipality and the category, and enter the month (YYYY-MM)." in response.content.decode()
