"""The business-case grid edits the low and high values of the three-point estimates too (a selector
"Estimat: forventet / lavt / højt"), and the xlsx the same; the sheet name says which estimate a file
holds, so an upload sets that one."""

import io
from decimal import Decimal

import pytest
from factories.initiatives import build_scene
from openpyxl import load_workbook

from digisam.initiatives.models import BusinessCaseLine

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene(world):
    return build_scene(world)


def url(scene, estimate=""):
    return f"/initiativer/i/{scene.initiative.pk}/business-case/tabel/" + (f"?estimat={estimate}" if estimate else "")


def cell(org, year, group=0):
    return f"c-{group}-{org.pk}-{year}"


def test_the_grid_offers_the_three_estimates_and_edits_the_low_values(world, scene, client_for):
    c = client_for(world.users["secretariat"])
    page = c.get(url(scene)).content.decode()
    assert 'data-testid="estimate-choice"' in page and "?estimat=lav" in page and "?estimat=hoej" in page
    low = c.get(url(scene, "lav")).content.decode()
    assert 'data-testid="estimate-current">lavt<' in low and 'name="estimat" value="lav"' in low
    assert f'name="{cell(world.orgs["165"], 2026)}" value=""' in low  # the line has no low value yet
    assert f'name="{cell(world.orgs["151"], 2026)}"' not in low  # no line there: nothing to give a low value
    assert 'data-testid="grid-new"' not in low  # new lines start with their most likely amount
    response = c.post(url(scene), {"estimat": "lav", cell(world.orgs["165"], 2026): "80,50"})
    assert response.status_code == 302 and response["Location"].endswith("?estimat=lav")
    scene.line.refresh_from_db()
    assert (scene.line.low, scene.line.likely, scene.line.high) == (Decimal("80.50"), Decimal(100), None)
    response = c.post(url(scene), {"estimat": "hoej", cell(world.orgs["165"], 2026): "1.250"})
    assert response.status_code == 302
    scene.line.refresh_from_db()
    assert scene.line.high == Decimal(1250) and scene.line.low == Decimal("80.50")
    assert 'value="1.250,00"' in c.get(url(scene, "hoej")).content.decode()
    # emptying clears only that value; the line stays
    assert c.post(url(scene), {"estimat": "lav", cell(world.orgs["165"], 2026): ""}).status_code == 302
    scene.line.refresh_from_db()
    assert scene.line.low is None and scene.line.likely == Decimal(100)


def test_a_low_value_above_the_most_likely_is_a_cell_error_and_writes_nothing(world, scene, client_for):
    c = client_for(world.users["secretariat"])
    response = c.post(url(scene), {"estimat": "lav", cell(world.orgs["165"], 2026): "150"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Lav må ikke være større end mest sandsynlig" in page and 'value="150"' in page
    assert 'data-testid="estimate-current">lavt<' in page
    scene.line.refresh_from_db()
    assert scene.line.low is None


def test_a_low_value_where_there_is_no_line_is_refused(world, scene):
    from digisam.initiatives import casegrid

    with pytest.raises(casegrid.GridError) as error:
        casegrid.apply(scene.case, {(1, "investment", "", world.orgs["151"].pk, 2026): Decimal(5)},
                       user=world.users["secretariat"], estimate="low")
    assert "udfyld det først" in str(error.value)
    assert BusinessCaseLine.objects.filter(case=scene.case).count() == 1


def test_the_xlsx_of_the_high_values_names_them_and_its_upload_sets_them(world, scene, client_for):
    c = client_for(world.users["secretariat"])
    response = c.get(url(scene, "hoej") + "&format=xlsx")
    assert response.status_code == 200 and "business-case-" in response["Content-Disposition"]
    assert "-hoej.xlsx" in response["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook.active
    assert sheet.title == "Business case – højt"
    rows = {r[3].value: r for r in sheet.iter_rows(min_row=2)}
    row = rows[world.orgs["165"].name]
    assert row[5].value is None
    row[5].value = 400
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "hoej.xlsx"
    # uploaded from the page of the most likely values: the sheet name decides
    assert c.post(url(scene), {"file": buffer, "estimat": "forventet"}).status_code == 302
    scene.line.refresh_from_db()
    assert scene.line.high == Decimal(400) and scene.line.likely == Decimal(100)


def test_the_estimate_selector_is_translated(world, scene, client_for):
    c = client_for(world.users["secretariat"])
    c.cookies["django_language"] = "en"
    page = c.get(url(scene, "lav")).content.decode()
    assert "Estimate" in page and "expected (most likely)" in page and ">low<" in page and "high" in page
    response = c.get(url(scene, "lav") + "&format=xlsx")
    assert load_workbook(io.BytesIO(response.content)).active.title == "Business case – low"
