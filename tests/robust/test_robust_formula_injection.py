"""Issue 11 hole 8: user text that starts like a formula is never written live into a CSV or XLSX
export; real numbers stay numbers; our own exports still read back unchanged."""

import io

import pytest
from openpyxl import load_workbook

from digisam.core import exports

PAYLOADS = ["=HYPERLINK(\"http://evil.example\";\"klik\")", "+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0",
            "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+1", "\r=1+1"]


def _csv_cells(content: bytes):
    import csv

    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


@pytest.mark.parametrize("payload", PAYLOADS)
def test_csv_export_prefixes_formula_like_text_with_an_apostrophe(payload):
    response = exports.table_response("csv", "test", ["Navn"], [[payload]])
    assert _csv_cells(response.content)[1][0] == "'" + payload


@pytest.mark.parametrize("payload", PAYLOADS)
def test_xlsx_export_writes_formula_like_text_as_a_text_cell(payload):
    response = exports.table_response("xlsx", "test", ["Navn"], [[payload]])
    cell = load_workbook(io.BytesIO(response.content)).active["A2"]
    assert cell.data_type == "s"
    assert cell.value.strip() == payload.strip()  # XML turns a carriage return into a line feed
    assert cell.quotePrefix


def test_numbers_stay_numbers_in_both_formats():
    rows = [[-1500, 2.5, "-12,50", "+45", "1.234,5", "-3 %", "almindelig tekst"]]
    csv_row = _csv_cells(exports.table_response("csv", "t", list("ABCDEFG"), rows).content)[1]
    assert csv_row == ["-1500", "2.5", "-12,50", "+45", "1.234,5", "-3 %", "almindelig tekst"]
    sheet = load_workbook(io.BytesIO(exports.table_response("xlsx", "t", list("ABCDEFG"), rows).content)).active
    assert sheet["A2"].value == -1500 and sheet["A2"].data_type == "n"
    assert sheet["B2"].value == 2.5 and sheet["B2"].data_type == "n"
    assert sheet["C2"].value == "-12,50" and not sheet["C2"].quotePrefix


def test_several_sheets_are_all_neutralised():
    response = exports.xlsx_response("t", [("En", ["A"], [["=1+1"]]), ("To", ["B"], [["@A1"]])])
    workbook = load_workbook(io.BytesIO(response.content))
    assert [workbook[name]["A2"].data_type for name in ("En", "To")] == ["s", "s"]


def test_neutralise_and_restore_are_inverse():
    for payload in PAYLOADS + ["-5", "tekst", "", None, 7]:
        assert exports.restore(exports.neutralise(payload)) == payload


def test_organisation_list_export_neutralises_a_hostile_name(world, client_for):
    from digisam.organisations.models import Organisation

    Organisation.objects.create(name="=HYPERLINK(\"http://evil.example\")", kind="other")
    client = client_for(world.users["admin"])
    response = client.get("/organisationer/", {"format": "csv", "kind": "other"})
    assert response.status_code == 200
    names = [row[1] for row in _csv_cells(response.content)[1:]]
    assert "'=HYPERLINK(\"http://evil.example\")" in names
    response = client.get("/organisationer/", {"format": "xlsx", "kind": "other"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = [row[1] for row in sheet.iter_rows(min_row=2) if str(row[1].value).startswith("=")]
    assert cells and all(c.data_type == "s" for c in cells)
