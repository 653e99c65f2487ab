"""Table exports: the same rows as CSV or XLSX (Danish column names, the import format where one exists).

Every CSV and XLSX file digisam writes goes through `csv_bytes` / `xlsx_bytes` here, so user text can
never become a live formula in the recipient's spreadsheet (CSV/formula injection): text beginning
with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading apostrophe in CSV, and is stored as
a plain text cell (with Excel's quote prefix) in XLSX. Real numbers stay numbers — numeric values and
text that is just a number ("-12,50") are written as they are."""

import csv
import datetime
import io
import re
from decimal import Decimal

from django.http import HttpResponse
from django.utils import timezone

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# A plain (Danish or English) number: sign, digits with thousands/decimal separators, optional exponent.
_NUMBER = re.compile(r"[+-]?(?:\d[\d.,\s]*|[.,]\d+)(?:[eE][+-]?\d+)?\s*%?")


def is_formula_like(value) -> bool:
    """True for text a spreadsheet program would run as a formula when the file is opened."""
    return (isinstance(value, str) and value[:1] in FORMULA_TRIGGERS
            and not _NUMBER.fullmatch(value))


def neutralise(value):
    """The value as it may stand in a CSV cell: formula-like text gets a leading apostrophe (the
    spreadsheet convention for "this is text"); everything else is returned unchanged."""
    return "'" + value if is_formula_like(value) else value


def restore(value):
    """The inverse of `neutralise` for importers reading back our own CSV files."""
    if isinstance(value, str) and value[:1] == "'" and is_formula_like(value[1:]):
        return value[1:]
    return value


def csv_bytes(header, rows) -> bytes:
    """Semicolon-separated UTF-8 with BOM (what Danish Excel opens directly), cells neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow([neutralise(v) for v in header])
    for row in rows:
        writer.writerow([neutralise(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def xlsx_bytes(sheets, *, max_width: int = 60) -> bytes:
    """sheets: iterable of (title, header, rows). Text is always written as text, never as a formula."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, header, rows in sheets:
        sheet = workbook.create_sheet(title[:31])
        _append(sheet, header)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            _append(sheet, row)
        for column in sheet.columns:
            width = max((len(str(c.value)) for c in column if c.value is not None), default=8)
            sheet.column_dimensions[column[0].column_letter].width = min(max_width, max(10, width + 2))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# Excel number formats: the separators follow the reader's Excel (Danish Excel shows 1.800.000,00);
# amounts keep two decimals, dates read 17.12.2026. Integers (years, codes, counts) stay plain.
DECIMAL_FORMAT = "#,##0.00"
DATE_FORMAT = "dd.mm.yyyy"
DATETIME_FORMAT = "dd.mm.yyyy hh:mm"


def _append(sheet, values):
    # Excel has no time zones: aware times are written as Copenhagen wall-clock time.
    values = [timezone.localtime(v).replace(tzinfo=None) if isinstance(v, datetime.datetime) and v.tzinfo else v
              for v in values]
    sheet.append(values)
    for cell, value in zip(sheet[sheet.max_row], values, strict=False):
        if isinstance(value, (Decimal, float)) and not isinstance(value, bool):
            cell.number_format = DECIMAL_FORMAT
        elif isinstance(value, datetime.datetime):
            cell.number_format = DATETIME_FORMAT
        elif isinstance(value, datetime.date):
            cell.number_format = DATE_FORMAT
    if not any(isinstance(v, str) and v[:1] in FORMULA_TRIGGERS for v in values):
        return
    for cell, value in zip(sheet[sheet.max_row], values, strict=False):
        if isinstance(value, str) and value[:1] in FORMULA_TRIGGERS:
            # openpyxl stores a str starting with "=" as a formula: force a text cell, and set the
            # quote prefix so Excel keeps it text even when the cell is edited.
            cell.value = value
            cell.data_type = "s"
            if is_formula_like(value):
                cell.quotePrefix = True


def table_response(fmt: str, filename: str, header: list[str], rows) -> HttpResponse:
    if fmt == "csv":
        response = HttpResponse(csv_bytes(header, rows), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
        return response
    return xlsx_response(filename, [(filename[:31], header, rows)])


def xlsx_response(filename: str, sheets) -> HttpResponse:
    """sheets: iterable of (title, header, rows)."""
    response = HttpResponse(xlsx_bytes(sheets), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response
