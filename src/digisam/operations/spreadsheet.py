"""Reading an uploaded table (CSV or xlsx) with limits, for the ticket import.

xlsx is read with openpyxl in read-only mode (no formulas evaluated, values only); CSV as UTF-8
(with or without BOM) or, failing that, Windows-1252, with ';', ',' or tab as separator. Limits keep
a hostile or mistaken file from exhausting the server: size, rows and columns."""

from __future__ import annotations

import csv
import io
import zipfile

MAX_BYTES = 30 * 1024 * 1024
MAX_ROWS = 250_000
MAX_COLUMNS = 60
MAX_UNCOMPRESSED = 300 * 1024 * 1024


class SpreadsheetError(Exception):
    """The file cannot be read; the message says why (Danish)."""


def read_table(filename: str, data: bytes) -> tuple[list, list[list]]:
    """(header, rows) of the first sheet; raises SpreadsheetError."""
    if len(data) > MAX_BYTES:
        raise SpreadsheetError(f"Filen er for stor ({len(data) // 1024 // 1024} MB; højst {MAX_BYTES // 1024 // 1024} MB).")
    name = filename.lower()
    if name.endswith(".xlsx") or data[:2] == b"PK":
        return _read_xlsx(data)
    if name.endswith((".csv", ".txt")) or not name.rsplit(".", 1)[-1:] or "." not in name:
        return _read_csv(data)
    raise SpreadsheetError("Filtypen kendes ikke: brug CSV eller xlsx.")


def _limit(rows_iter):
    header = None
    rows = []
    for i, row in enumerate(rows_iter):
        row = list(row)
        if len(row) > MAX_COLUMNS:
            if any(v not in (None, "") for v in row[MAX_COLUMNS:]):
                raise SpreadsheetError(f"Række {i + 1} har mere end {MAX_COLUMNS} kolonner.")
            row = row[:MAX_COLUMNS]
        if header is None:
            header = row
            continue
        if len(rows) >= MAX_ROWS:
            raise SpreadsheetError(f"Filen har mere end {MAX_ROWS} rækker.")
        rows.append(row)
    if header is None:
        raise SpreadsheetError("Filen er tom.")
    return header, rows


def _read_xlsx(data: bytes):
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(i.file_size for i in archive.infolist()) > MAX_UNCOMPRESSED:
                raise SpreadsheetError("Regnearket fylder for meget udpakket.")
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except SpreadsheetError:
        raise
    except Exception as error:  # noqa: BLE001 - any unreadable workbook is the user's file, not our error
        raise SpreadsheetError(f"Regnearket kan ikke læses ({type(error).__name__}).") from None
    try:
        sheet = workbook.worksheets[0]
        return _limit(sheet.iter_rows(values_only=True))
    finally:
        workbook.close()


def _read_csv(data: bytes):
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 decodes almost anything
        raise SpreadsheetError("Filen er ikke tekst i UTF-8 eller Windows-1252.")
    first = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first.count)
    return _limit(csv.reader(io.StringIO(text), delimiter=delimiter))
