"""The safe table reader (`digisam.core.spreadsheets`): hostile and broken files are refused quickly
with a message naming the problem, and ordinary files read exactly."""

import codecs
import datetime
import io
import time
import zipfile

import pytest

from digisam.core.spreadsheets import FileProblem, Formula, Limits, open_table, read_table

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def workbook(cells: dict, title="Ark1") -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = title
    for ref, value in cells.items():
        sheet[ref] = value
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def raw_workbook(sheet_xml: bytes, shared_strings: bytes | None = None) -> bytes:
    """A minimal xlsx written by hand, so a test controls every byte of the sheet."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types xmlns='http://schemas.openxmlformats.org/package/2006/"
                                                "content-types'/>")
        archive.writestr("xl/workbook.xml", f"<workbook xmlns='{MAIN}' xmlns:r='http://schemas.openxmlformats.org/"
                                            "officeDocument/2006/relationships'><sheets><sheet name='Ark1' sheetId='1'"
                                            " r:id='rId1'/></sheets></workbook>")
        archive.writestr("xl/_rels/workbook.xml.rels", "<Relationships xmlns='http://schemas.openxmlformats.org/"
                                                       "package/2006/relationships'><Relationship Id='rId1' Type='"
                                                       "http://schemas.openxmlformats.org/officeDocument/2006/"
                                                       "relationships/worksheet' Target='worksheets/sheet1.xml'/>"
                                                       "</Relationships>")
        archive.writestr("xl/worksheets/sheet1.xml", sheet_xml)
        if shared_strings is not None:
            archive.writestr("xl/sharedStrings.xml", shared_strings)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def huge_string_bomb() -> bytes:
    """The issue's second bomb: a ~300 KB workbook whose one shared string inflates to 300 MB."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("xl/workbook.xml", f"<workbook xmlns='{MAIN}'><sheets><sheet name='Ark1' sheetId='1'/>"
                                            "</sheets></workbook>")
        archive.writestr("xl/worksheets/sheet1.xml", f"<worksheet xmlns='{MAIN}'><sheetData><row r='1'>"
                                                     "<c r='A1' t='s'><v>0</v></c></row></sheetData></worksheet>")
        with archive.open("xl/sharedStrings.xml", "w") as handle:
            handle.write(f"<sst xmlns='{MAIN}'><si><t>".encode())
            chunk = b"A" * (1024 * 1024)
            for _ in range(300):
                handle.write(chunk)
            handle.write(b"</t></si></sst>")
    return buffer.getvalue()


def test_a_workbook_with_cells_a1_and_xfd20000_is_refused_at_once_naming_the_cell():
    data = workbook({"A1": "Kategori", "XFD20000": "x"})
    assert len(data) < 10_000
    started = time.monotonic()
    with pytest.raises(FileProblem, match="XFD20000"):
        read_table(data, "bombe.xlsx")
    assert time.monotonic() - started < 2


def test_a_declared_sheet_width_never_pads_rows():
    sheet = (f"<worksheet xmlns='{MAIN}'><dimension ref='A1:XFD1048576'/><sheetData>"
             "<row r='1' spans='1:16384'><c r='A1' t='inlineStr'><is><t>Kategori</t></is></c>"
             "<c r='B1' t='inlineStr'><is><t>Produkt</t></is></c></row>"
             "<row r='2'><c r='A2' t='inlineStr'><is><t>omsorg</t></is></c></row>"
             "<row r='1048576' s='1' customFormat='1'/></sheetData></worksheet>").encode()
    sheet_name, header, rows = read_table(raw_workbook(sheet), "bred.xlsx")
    assert header == ["Kategori", "Produkt"]
    assert rows == [(2, ["omsorg"])]


def test_a_300_mb_string_in_a_small_workbook_is_refused_before_it_is_inflated(huge_string_bomb):
    assert len(huge_string_bomb) < 400_000
    started = time.monotonic()
    with pytest.raises(FileProblem, match="for meget udpakket|mistænkeligt tæt"):
        read_table(huge_string_bomb, "streng.xlsx")
    assert time.monotonic() - started < 1


def test_a_highly_compressed_member_is_refused_by_its_ratio():
    strings = f"<sst xmlns='{MAIN}'><si><t>{'B' * 5_000_000}</t></si></sst>".encode()
    sheet = f"<worksheet xmlns='{MAIN}'><sheetData><row r='1'><c r='A1' t='s'><v>0</v></c></row></sheetData>" \
            "</worksheet>"
    with pytest.raises(FileProblem, match="mistænkeligt tæt"):
        read_table(raw_workbook(sheet.encode(), strings), "tæt.xlsx")


def test_a_cell_longer_than_the_limit_is_refused_naming_the_cell():
    data = workbook({"A1": "Noter", "A2": "ok", "A3": "x" * 40})
    with pytest.raises(FileProblem, match="Celle A3 i fanen 'Ark1' indeholder 40 tegn; højst 30"):
        read_table(data, "lang.xlsx", limits=Limits(max_cell_chars=30))


def test_too_many_rows_and_too_many_columns_are_refused():
    data = workbook({"A1": "x", "A2": "1", "A3": "2", "A4": "3"})
    with pytest.raises(FileProblem, match="for mange rækker"):
        read_table(data, "r.xlsx", limits=Limits(max_rows=2))
    with pytest.raises(FileProblem, match="celle D1"):
        read_table(workbook({"A1": "x", "D1": "y"}), "k.xlsx", limits=Limits(max_columns=3))


def test_a_truncated_workbook_is_refused_with_a_clear_message():
    data = workbook({"A1": "Kategori", "B1": "Produkt", "A2": "omsorg", "B2": "Nexus"})
    for cut in (len(data) // 2, len(data) - 30):
        with pytest.raises(FileProblem, match="ufuldstændig|beskadiget"):
            read_table(data[:cut], "halv.xlsx")


def test_xml_with_a_dtd_is_refused():
    laughs = (b"<?xml version='1.0'?><!DOCTYPE lolz [<!ENTITY lol 'lol'><!ENTITY lol2 '&lol;&lol;&lol;&lol;'>]>"
              + f"<worksheet xmlns='{MAIN}'><sheetData><row r='1'><c r='A1' t='inlineStr'><is><t>&lol2;</t></is>"
                "</c></row></sheetData></worksheet>".encode())
    with pytest.raises(FileProblem, match="beskadiget"):
        read_table(raw_workbook(laughs), "dtd.xlsx")


def test_an_oversized_file_is_refused_before_it_is_parsed():
    with pytest.raises(FileProblem, match="Filen er for stor"):
        read_table(b"a;b\n" * 100, "stor.csv", limits=Limits(max_bytes=100))


def test_values_come_typed_and_formulas_are_marked():
    data = workbook({"A1": "Dato", "B1": "Beløb", "C1": "Formel", "D1": "Ja",
                     "A2": datetime.date(2029, 6, 30), "B2": 1250000.5, "C2": "=1+1", "D2": True})
    sheet, header, rows = read_table(data, "typer.xlsx")
    assert header == ["Dato", "Beløb", "Formel", "Ja"]
    (number, values), = rows
    assert number == 2
    assert values[0] == datetime.date(2029, 6, 30)
    assert values[1] == 1250000.5
    assert isinstance(values[2], Formula) and values[2].text == "=1+1"
    assert values[3] is True


def test_the_sheet_is_chosen_by_its_header_and_rows_stream():
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "Forside"
    book.active["A1"] = "Velkommen"
    data_sheet = book.create_sheet("Data")
    data_sheet.append(["Kategori", "Produkt"])
    for index in range(5):
        data_sheet.append(["omsorg", f"P{index}"])
    buffer = io.BytesIO()
    book.save(buffer)
    table = open_table(buffer.getvalue(), "to.xlsx", sheet_matcher=lambda h: "Kategori" in h)
    assert table.sheet == "Data"
    assert next(table.rows) == (2, ["omsorg", "P0"])
    assert [n for n, _v in table.rows] == [3, 4, 5, 6]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16"])
def test_csv_encodings_are_detected(encoding):
    text = "Kommune;Bemærkning\n165;Ærø, Øster Åby\n"
    data = text.encode(encoding)
    if encoding == "utf-16":
        assert data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    sheet, header, rows = read_table(data, "fil.csv")
    assert header == ["Kommune", "Bemærkning"]
    assert rows == [(2, ["165", "Ærø, Øster Åby"])]


def test_csv_limits_name_the_row():
    with pytest.raises(FileProblem, match="Række 3, kolonne 2 indeholder 50 tegn"):
        read_table(("a;b\n1;2\n3;" + "x" * 50 + "\n").encode(), "f.csv", limits=Limits(max_cell_chars=40))
    with pytest.raises(FileProblem, match="for mange rækker"):
        read_table(b"a;b\n" + b"1;2\n" * 5, "f.csv", limits=Limits(max_rows=3))
    with pytest.raises(FileProblem, match="binære data"):
        read_table(b"a;b\x00\x01\x02", "f.csv")
