"""Issue 12 item 14: the business case as one grid (member × year), saved in one transaction through
the audited service, with Danish numbers, errors per cell, and the same grid as xlsx down and up."""

import io
from decimal import Decimal

import pytest
from factories.initiatives import build_scene
from openpyxl import load_workbook

from digisam.core.models import AuditEntry
from digisam.initiatives.models import BusinessCaseLine

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene(world):
    return build_scene(world)


def url(scene):
    return f"/initiativer/i/{scene.initiative.pk}/business-case/tabel/"


def cell(scene, group, org, year):
    return f"c-{group}-{org.pk}-{year}"


def test_secretariat_edits_the_whole_grid_in_one_post(world, scene, client_for):
    c = client_for(world.users["secretariat"])
    page = c.get(url(scene)).content.decode()
    assert world.orgs["165"].name in page and world.orgs["151"].name in page and "2028" in page
    assert 'value="100,00"' in page
    before = AuditEntry.objects.count()
    response = c.post(url(scene), {
        cell(scene, 0, world.orgs["165"], 2026): "1.800.000,50",   # change
        cell(scene, 0, world.orgs["151"], 2027): "3,5",            # new line
        # new group: scenario 0 running costs
        "g-1-scenario": "0", "g-1-kind": "running_cost", "g-1-description": "Drift",
        cell(scene, 1, world.orgs["165"], 2026): "250.000",
        cell(scene, 1, world.orgs["151"], 2028): "12.500,75",
    })
    assert response.status_code == 302, response.content.decode()[:3000]
    lines = {(line.organisation.code, line.scenario, line.kind, line.year): line.likely
             for line in BusinessCaseLine.objects.filter(case=scene.case)}
    assert lines == {
        ("165", 1, "investment", 2026): Decimal("1800000.50"),
        ("151", 1, "investment", 2027): Decimal("3.50"),
        ("165", 0, "running_cost", 2026): Decimal("250000.00"),
        ("151", 0, "running_cost", 2028): Decimal("12500.75"),
    }
    assert AuditEntry.objects.count() - before == 4
    page = c.get(url(scene)).content.decode()
    assert "1.800.000,50" in page and "Drift" in page


def test_emptying_a_cell_deletes_the_line_and_an_error_writes_nothing(world, scene, client_for):
    c = client_for(world.users["secretariat"])
    response = c.post(url(scene), {
        cell(scene, 0, world.orgs["165"], 2026): "",
        cell(scene, 0, world.orgs["151"], 2027): "1.25,5",
        cell(scene, 0, world.orgs["151"], 2028): "-5",
    })
    assert response.status_code == 400
    page = response.content.decode()
    assert "2 celler har fejl" in page
    assert "ikke et tal" in page or "entydigt" in page
    assert "negativt" in page
    assert 'value="1.25,5"' in page  # what was typed is shown back in its cell
    assert BusinessCaseLine.objects.filter(case=scene.case).count() == 1  # nothing deleted
    assert c.post(url(scene), {cell(scene, 0, world.orgs["165"], 2026): ""}).status_code == 302
    assert not BusinessCaseLine.objects.filter(case=scene.case).exists()


def test_three_point_estimate_outside_its_range_is_a_cell_error(world, scene, client_for):
    scene.line.low, scene.line.high = Decimal(50), Decimal(150)
    scene.line.save()
    c = client_for(world.users["secretariat"])
    response = c.post(url(scene), {cell(scene, 0, world.orgs["165"], 2026): "200"})
    assert response.status_code == 400
    assert "Høj må ikke være mindre end mest sandsynlig" in response.content.decode()
    scene.line.refresh_from_db()
    assert scene.line.likely == Decimal(100)


@pytest.mark.parametrize("role", ["coordinator", "member", "observer"])
def test_others_read_but_cannot_save(world, scene, client_for, role):
    c = client_for(world.users[role])
    page = c.get(url(scene))
    assert page.status_code == 200
    assert "grid-save" not in page.content.decode()
    assert c.post(url(scene), {cell(scene, 0, world.orgs["165"], 2026): "5"}).status_code == 403
    scene.line.refresh_from_db()
    assert scene.line.likely == Decimal(100)


def test_xlsx_download_has_number_formats_and_reupload_changes_nothing(world, scene, client_for):
    c = client_for(world.users["secretariat"])
    c.post(url(scene), {cell(scene, 0, world.orgs["151"], 2027): "1.800.000"})
    response = c.get(url(scene) + "?format=xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [v.value for v in sheet[1]]
    assert header[:4] == ["Scenarie", "Art", "Beskrivelse", "Medlem"] and header[5:] == [2026, 2027, 2028]
    rows = {r[3].value: r for r in sheet.iter_rows(min_row=2)}
    assert rows[world.orgs["151"].name][6].value == 1800000
    assert rows[world.orgs["151"].name][6].number_format == "#,##0.00"
    before = AuditEntry.objects.count()
    upload = io.BytesIO(response.content)
    upload.name = "grid.xlsx"
    assert c.post(url(scene), {"file": upload}).status_code == 302
    assert AuditEntry.objects.count() == before
    assert BusinessCaseLine.objects.filter(case=scene.case).count() == 2


def test_upload_errors_name_row_and_column_and_write_nothing(world, scene, client_for):
    c = client_for(world.users["secretariat"])
    workbook = load_workbook(io.BytesIO(c.get(url(scene) + "?format=xlsx").content))
    sheet = workbook.active
    target = next(r for r in sheet.iter_rows(min_row=2) if r[3].value == world.orgs["151"].name)
    target[5].value = 700
    sheet["G2"] = "abc"
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "grid.xlsx"
    response = c.post(url(scene), {"file": buffer})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Række 2, kolonne G" in page
    assert BusinessCaseLine.objects.filter(case=scene.case).count() == 1
    # corrected, it is loaded
    sheet["G2"] = None
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "grid.xlsx"
    assert c.post(url(scene), {"file": buffer}).status_code == 302
    assert BusinessCaseLine.objects.get(case=scene.case, organisation=world.orgs["151"]).likely == Decimal(700)


def test_grid_in_english_reads_english_numbers(world, scene, client_for):
    c = client_for(world.users["secretariat"])
    c.cookies["django_language"] = "en"
    page = c.get(url(scene)).content.decode()
    assert "Business case as a grid" in page and "Save the whole grid" in page
    assert 'value="100.00"' in page
    response = c.post(url(scene), {cell(scene, 0, world.orgs["165"], 2026): "1,800,000.25"})
    assert response.status_code == 302
    scene.line.refresh_from_db()
    assert scene.line.likely == Decimal("1800000.25")
    response = c.post(url(scene), {cell(scene, 0, world.orgs["165"], 2026): "-1"})
    assert "must not be negative" in response.content.decode()
