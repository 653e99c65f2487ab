"""Reading uploaded tables (xlsx or csv) into header + rows, with clear Danish errors for files
that are not what they claim to be. No Django."""

from __future__ import annotations

import csv
import datetime
import io
import zipfile

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 20000


class FileProblem(Exception):
    """The file as a whole cannot be read; the message is shown to the user as is."""


class Formula:
    """A cell holding a formula (refused: imports take values, not formulas)."""

    def __init__(self, text):
        self.text = text

    def __str__(self):
        return self.text


def read_table(data: bytes, filename: str = "", *, sheet_matcher=None):
    """Return (sheet_name, header, rows) where rows are lists of cell values (str, numbers, dates,
    Formula or None). `sheet_matcher(header) -> bool` picks the sheet in a workbook."""
    if not data or not data.strip():
        raise FileProblem("Filen er tom.")
    if len(data) > MAX_BYTES:
        raise FileProblem(f"Filen er for stor ({len(data) // (1024 * 1024)} MB); højst {MAX_BYTES // (1024 * 1024)} MB.")
    name = (filename or "").lower()
    if data[:2] == b"PK" or name.endswith((".xlsx", ".xlsm")):
        return _read_xlsx(data, sheet_matcher)
    if name.endswith(".xls"):
        raise FileProblem("Det gamle Excel-format (.xls) understøttes ikke: gem filen som .xlsx eller .csv.")
    return _read_csv(data)


def _read_xlsx(data, sheet_matcher):
    if data[:2] != b"PK" or not zipfile.is_zipfile(io.BytesIO(data)):
        raise FileProblem("Filen er ikke et gyldigt Excel-regneark (.xlsx), selv om den hedder sådan.")
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:  # noqa: BLE001 - any parse failure is the same message to the user
        raise FileProblem("Filen kunne ikke læses som et Excel-regneark (.xlsx).") from None
    try:
        sheets = []
        for sheet in workbook.worksheets:
            rows = []
            for index, row in enumerate(sheet.iter_rows(values_only=True)):
                if index > MAX_ROWS + 1:
                    raise FileProblem(f"Fanen '{sheet.title}' har for mange rækker (højst {MAX_ROWS}).")
                rows.append([_xlsx_value(v) for v in row])
            rows = _trim(rows)
            sheets.append((sheet.title, rows))
    finally:
        workbook.close()
    non_empty = [(title, rows) for title, rows in sheets if rows]
    if not non_empty:
        raise FileProblem("Regnearket er tomt.")
    if sheet_matcher:
        for title, rows in non_empty:
            if sheet_matcher([_text(c) for c in rows[0]]):
                return title, [_text(c) for c in rows[0]], rows[1:]
        names = ", ".join(f"'{t}'" for t, _r in sheets)
        raise FileProblem(
            f"Ingen fane i regnearket har de forventede kolonner (fundet: {names}). "
            "Brug fanen 'Portefølje' fra skabelonen eller en KITOS-eksport."
        )
    title, rows = non_empty[0]
    return title, [_text(c) for c in rows[0]], rows[1:]


def _xlsx_value(value):
    if isinstance(value, str) and value.startswith("="):
        return Formula(value)
    if isinstance(value, datetime.datetime):
        return value.date() if value.time() == datetime.time(0) else value
    return value


def _read_csv(data: bytes):
    if b"\x00" in data[:4096]:
        raise FileProblem("Filen er ikke en CSV-fil eller et Excel-regneark (den indeholder binære data).")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 decodes almost anything
        raise FileProblem("Filens tegnsæt kunne ikke læses; gem den som UTF-8.")
    first_line = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first_line.count)
    if first_line.count(delimiter) == 0:
        raise FileProblem("Filen ligner ikke en tabel: første linje har ingen kolonner adskilt af ; eller ,.")
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    rows = []
    try:
        for index, row in enumerate(reader):
            if index > MAX_ROWS + 1:
                raise FileProblem(f"Filen har for mange rækker (højst {MAX_ROWS}).")
            rows.append([_csv_value(v) for v in row])
    except csv.Error as error:
        raise FileProblem(f"CSV-filen kunne ikke læses: {error}.") from None
    rows = _trim(rows)
    if not rows:
        raise FileProblem("Filen er tom.")
    return "csv", [_text(c) for c in rows[0]], rows[1:]


def _csv_value(value: str):
    value = value.strip()
    if value.startswith("=") and len(value) > 1:
        return Formula(value)
    # Our own exports write formula-like text as '=…, '-… (see core.exports): read it back as written.
    if value[:1] == "'" and value[1:2] in ("=", "+", "-", "@"):
        value = value[1:]
    return value or None


def _trim(rows):
    """Drop fully empty rows at the end and empty trailing columns."""
    def empty(v):
        return v is None or (isinstance(v, str) and not v.strip())

    while rows and all(empty(v) for v in rows[-1]):
        rows.pop()
    return rows


def _text(value) -> str:
    if value is None:
        return ""
    return str(value).strip()
