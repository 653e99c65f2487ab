"""Issue 11 hole 8 in the portfolio's own export formats: formula-like notes are neutralised in CSV
and XLSX, and the CSV still imports back unchanged."""

import io

from openpyxl import load_workbook


def test_portfolio_export_neutralises_notes_and_reimports_them_unchanged(pf, world, client_for):
    from digisam.core import services
    from digisam.portfolio.importer import import_file

    pf.u165.notes = "=HYPERLINK(\"http://evil.example\";\"klik\")"
    services.save(pf.u165, user=services.SYSTEM)
    client = client_for(world.users["coordinator"])
    csv_response = client.get("/portefoelje/kommune/165/", {"format": "csv"})
    assert b"'=HYPERLINK" in csv_response.content
    result = import_file(csv_response.content, "export.csv", user=world.users["coordinator"], municipality="165")
    assert result.ok, result.errors
    xlsx_response = client.get("/portefoelje/kommune/165/", {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(xlsx_response.content)).worksheets[0]
    cells = [c for row in sheet.iter_rows() for c in row if c.value == pf.u165.notes]
    assert cells and all(c.data_type == "s" for c in cells)
