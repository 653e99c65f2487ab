"""A safe reader for uploaded tables (xlsx or csv) that cannot be made to exhaust the server.

Why: an xlsx file is a zip of XML. A 5.6 KB workbook with cells A1 and XFD20000 makes a reader that
pads rows to the sheet's declared width build 327 million cells; a 311 KB workbook can hold a
300 MB string. This reader

- checks the file size, every zip member's declared uncompressed size (Python's zipfile never
  inflates past it: a lying header fails the CRC check) and the compression ratio before inflating
  anything, and refuses DTDs in the XML (no entity expansion);
- streams the sheet's XML row by row and keeps only cells that hold a value — a row is as wide as
  its last value, never as wide as the sheet claims to be;
- refuses cells outside `max_rows` × `max_columns` and strings longer than `max_cell_chars`,
  naming the cell;
- reads CSV with a byte limit and encoding detection (UTF-8 with or without BOM, UTF-16 with BOM,
  Windows-1252 as Excel writes it in Denmark).

Rows come as `(row_number, values)` where `row_number` is the row in the file (1 = the header) and
`values` is a list of str, int, float, bool, datetime.date/datetime, `Formula` or None. Formulas are
returned as `Formula` so that an import can refuse them (it takes values, not formulas).
No Django: usable from any app, the CLI and engines' adapters.
"""

from __future__ import annotations

import codecs
import csv
import dataclasses
import datetime
import io
import posixpath
import re
import zipfile
from collections.abc import Callable, Iterator

from defusedxml import ElementTree as SafeET

__all__ = ["FileProblem", "Formula", "Limits", "Table", "open_table", "read_table", "DEFAULT_LIMITS"]


class FileProblem(Exception):
    """The file as a whole cannot be read; the message (Danish) is shown to the user as is."""


class Formula:
    """A cell holding a formula (imports refuse them: they take values, not formulas)."""

    __slots__ = ("text",)

    def __init__(self, text: str):
        self.text = text

    def __str__(self):
        return self.text

    def __repr__(self):
        return f"Formula({self.text!r})"


@dataclasses.dataclass(frozen=True)
class Limits:
    """What an uploaded table may be. The defaults fit the largest real inputs (a national
    2,940-row portfolio is ~0.5 MB zipped and ~6 MB of XML; a KITOS "all columns" export has ~110
    columns) with a wide margin."""

    max_bytes: int = 20 * 1024 * 1024
    max_uncompressed: int = 100 * 1024 * 1024
    max_ratio: int = 150
    ratio_floor: int = 1024 * 1024  # members smaller than this may compress as well as they like
    max_rows: int = 20000
    max_columns: int = 500
    max_cell_chars: int = 32767  # Excel's own limit for a cell


DEFAULT_LIMITS = Limits()


@dataclasses.dataclass
class Table:
    """One sheet: its name, the header row (as text) and an iterator over the data rows."""

    sheet: str
    header: list[str]
    rows: Iterator[tuple[int, list]]


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".replace(".", ",") + " MB"


def _count(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def open_table(data: bytes, filename: str = "", *, sheet_matcher: Callable[[list[str]], bool] | None = None,
               limits: Limits = DEFAULT_LIMITS) -> Table:
    """Open an uploaded table. `sheet_matcher(header) -> bool` picks the sheet of a workbook
    (the first non-empty sheet without it). Raises FileProblem with a message for the user."""
    if not data or not data.strip():
        raise FileProblem("Filen er tom.")
    if len(data) > limits.max_bytes:
        raise FileProblem(f"Filen er for stor ({_mb(len(data))}); højst {_mb(limits.max_bytes)}.")
    name = (filename or "").lower()
    if data[:2] == b"PK" or name.endswith((".xlsx", ".xlsm")):
        return _XlsxReader(data, limits).table(sheet_matcher)
    if name.endswith(".xls") or data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise FileProblem("Det gamle Excel-format (.xls) understøttes ikke: gem filen som .xlsx eller .csv.")
    return _csv_table(data, limits)


def read_table(data: bytes, filename: str = "", *, sheet_matcher=None, limits: Limits = DEFAULT_LIMITS):
    """(sheet, header, rows) with the rows read into a list of (row_number, values)."""
    table = open_table(data, filename, sheet_matcher=sheet_matcher, limits=limits)
    return table.sheet, table.header, list(table.rows)


def _text(value) -> str:
    if value is None:
        return ""
    return str(value).strip()


# --- xlsx ----------------------------------------------------------------------------------------
NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
NS_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
CELL_REF = re.compile(r"^([A-Z]{1,3})(\d+)$")
TAG_ROW, TAG_CELL, TAG_VALUE, TAG_FORMULA, TAG_INLINE = (NS_MAIN + name for name in ("row", "c", "v", "f", "is"))
BUILTIN_DATE_FORMATS = {14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47}


def _column_index(letters: str) -> int:
    index = 0
    for char in letters:
        index = index * 26 + (ord(char) - 64)
    return index


def _column_letters(index: int) -> str:
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


class _XlsxReader:
    def __init__(self, data: bytes, limits: Limits):
        self.limits = limits
        if data[:2] != b"PK":
            raise FileProblem("Filen er ikke et gyldigt Excel-regneark (.xlsx), selv om den hedder sådan.")
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self.zip.infolist()
        except (zipfile.BadZipFile, OSError, ValueError, EOFError):
            raise FileProblem("Filen kunne ikke læses som et Excel-regneark (.xlsx): den er ufuldstændig eller "
                              "beskadiget. Gem eller eksportér den igen.") from None
        total = 0
        for info in infos:
            total += info.file_size
            if total > limits.max_uncompressed:
                raise FileProblem(f"Regnearket fylder for meget udpakket (over {_mb(limits.max_uncompressed)}); "
                                  "det afvises for at beskytte serveren.")
            if info.file_size > limits.ratio_floor and info.file_size > limits.max_ratio * max(1, info.compress_size):
                raise FileProblem(f"Regnearket er pakket mistænkeligt tæt ({info.filename}: "
                                  f"{info.file_size // max(1, info.compress_size)}:1); det afvises for at beskytte "
                                  "serveren.")
        self.names = {info.filename for info in infos}
        if "xl/workbook.xml" not in self.names:
            raise FileProblem("Filen er ikke et Excel-regneark (.xlsx): den mangler projektmappen.")
        self.strings: list[str] | None = None
        self.date_styles: set[int] | None = None
        self.epoch = datetime.datetime(1899, 12, 30)

    # zip members -------------------------------------------------------------------------------
    def _read(self, name: str) -> bytes:
        try:
            return self.zip.read(name)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, KeyError):
            raise FileProblem("Filen kunne ikke læses som et Excel-regneark (.xlsx): den er ufuldstændig eller "
                              "beskadiget. Gem eller eksportér den igen.") from None

    def _xml(self, name: str):
        try:
            return SafeET.fromstring(self._read(name))
        except FileProblem:
            raise
        except Exception:  # noqa: BLE001 - any XML failure (incl. a forbidden DTD) is the same message
            raise FileProblem(f"Regnearket er beskadiget ({name} kan ikke læses).") from None

    def _iter(self, name: str):
        try:
            handle = self.zip.open(name)
        except (zipfile.BadZipFile, OSError, ValueError, KeyError):
            raise FileProblem("Filen kunne ikke læses som et Excel-regneark (.xlsx): den er ufuldstændig eller "
                              "beskadiget.") from None
        try:
            with handle:
                yield from SafeET.iterparse(handle, events=("end",))
        except FileProblem:
            raise
        except Exception:  # noqa: BLE001 - truncated/corrupt XML, CRC errors, DTDs: one message
            raise FileProblem(f"Regnearket er beskadiget eller ufuldstændigt ({name} kan ikke læses til ende).") \
                from None

    # workbook parts ----------------------------------------------------------------------------
    def sheets(self) -> list[tuple[str, str]]:
        workbook = self._xml("xl/workbook.xml")
        properties = workbook.find(f"{NS_MAIN}workbookPr")
        if properties is not None and properties.get("date1904") in ("1", "true"):
            self.epoch = datetime.datetime(1904, 1, 1)
        targets = {}
        if "xl/_rels/workbook.xml.rels" in self.names:
            for rel in self._xml("xl/_rels/workbook.xml.rels").iter(f"{NS_PKG_REL}Relationship"):
                target = rel.get("Target", "")
                path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
                    posixpath.join("xl", target))
                targets[rel.get("Id")] = (path, rel.get("Type", ""))
        self.shared_strings_path = next((p for p, t in targets.values() if t.endswith("/sharedStrings")),
                                        "xl/sharedStrings.xml")
        self.styles_path = next((p for p, t in targets.values() if t.endswith("/styles")), "xl/styles.xml")
        result = []
        sheets = workbook.find(f"{NS_MAIN}sheets")
        for index, sheet in enumerate(sheets if sheets is not None else [], start=1):
            path = targets.get(sheet.get(f"{NS_REL}id"), (f"xl/worksheets/sheet{index}.xml", ""))[0]
            if path in self.names:
                result.append((sheet.get("name", f"Ark{index}"), path))
        return result

    def _load_strings(self):
        if self.strings is not None:
            return
        self.strings = []
        if self.shared_strings_path not in self.names:
            return
        for _event, element in self._iter(self.shared_strings_path):
            if element.tag == f"{NS_MAIN}si":
                self.strings.append(_string_item(element))
                element.clear()

    def _load_styles(self):
        if self.date_styles is not None:
            return
        self.date_styles = set()
        if self.styles_path not in self.names:
            return
        from openpyxl.styles.numbers import is_date_format

        root = self._xml(self.styles_path)
        custom = {}
        formats = root.find(f"{NS_MAIN}numFmts")
        for fmt in formats if formats is not None else []:
            try:
                custom[int(fmt.get("numFmtId", "-1"))] = fmt.get("formatCode", "")
            except ValueError:
                continue
        xfs = root.find(f"{NS_MAIN}cellXfs")
        for index, xf in enumerate(xfs if xfs is not None else []):
            try:
                fmt_id = int(xf.get("numFmtId", "0"))
            except ValueError:
                continue
            if fmt_id in BUILTIN_DATE_FORMATS or (fmt_id in custom and is_date_format(custom[fmt_id])):
                self.date_styles.add(index)

    # rows ----------------------------------------------------------------------------------------
    def rows(self, title: str, path: str) -> Iterator[tuple[int, list]]:
        self._load_strings()
        self._load_styles()
        limits = self.limits
        expected_row = 0
        for _event, element in self._iter(path):
            if element.tag != TAG_ROW:
                continue
            try:
                number = int(element.get("r") or expected_row + 1)
            except ValueError:
                number = expected_row + 1
            expected_row = number
            cells = {}
            next_column = 1
            for cell in element:
                if cell.tag != TAG_CELL:
                    continue
                ref = cell.get("r")
                column = next_column
                if ref:
                    match = CELL_REF.match(ref)
                    if match:
                        column = _column_index(match.group(1))
                next_column = column + 1
                value = self._value(cell, title, column, number)
                if value is None:
                    continue
                if number > limits.max_rows + 1:
                    raise FileProblem(f"Fanen '{title}' har for mange rækker (celle {_column_letters(column)}"
                                      f"{number}; højst {limits.max_rows} rækker under overskriften).")
                if column > limits.max_columns:
                    raise FileProblem(f"Fanen '{title}' har en værdi i celle {_column_letters(column)}{number}, "
                                      f"uden for de højst {limits.max_columns} kolonner en tabel må have.")
                cells[column] = value
            element.clear()
            if cells:
                width = max(cells)
                yield number, [cells.get(c) for c in range(1, width + 1)]

    def _value(self, cell, title, column, number):
        kind = cell.get("t", "n")
        formula = raw = inline = None
        for child in cell:  # one pass over <f>, <v>, <is> (each at most once per cell)
            tag = child.tag
            if tag == TAG_VALUE:
                raw = child if raw is None else raw
            elif tag == TAG_FORMULA:
                formula = child if formula is None else formula
            elif tag == TAG_INLINE:
                inline = child if inline is None else inline
        text = raw.text if raw is not None else None
        if formula is not None:
            return Formula("=" + (formula.text or "") if formula.text else "=…")
        if kind == "inlineStr":
            value = _string_item(inline) if inline is not None else None
        elif text is None:
            return None
        elif kind == "s":
            try:
                value = self.strings[int(text)]
            except (ValueError, IndexError):
                raise FileProblem(f"Regnearket er beskadiget: celle {_column_letters(column)}{number} i fanen "
                                  f"'{title}' peger på en tekst, der ikke findes.") from None
        elif kind in ("str", "e"):
            value = text
        elif kind == "b":
            return text.strip() in ("1", "true")
        elif kind == "d":
            try:
                return datetime.datetime.fromisoformat(text.strip().rstrip("Z"))
            except ValueError:
                return text
        else:
            return self._number(text, cell.get("s"))
        if value is None or value == "":
            return None
        if len(value) > self.limits.max_cell_chars:
            raise FileProblem(f"Celle {_column_letters(column)}{number} i fanen '{title}' indeholder "
                              f"{_count(len(value))} tegn; højst {_count(self.limits.max_cell_chars)} tegn pr. "
                              "celle.")
        return value

    def _number(self, text, style):
        text = text.strip()
        try:
            digits = text[1:] if text[:1] == "-" else text
            number = int(text) if digits.isdigit() else float(text)
        except ValueError:
            return text
        if style is not None and self.date_styles:
            try:
                is_date = int(style) in self.date_styles
            except ValueError:
                is_date = False
            if is_date and isinstance(number, int | float) and 0 <= number < 2958466:
                moment = self.epoch + datetime.timedelta(days=number)
                if self.epoch.year == 1899 and number < 60:
                    moment += datetime.timedelta(days=1)  # Excel's fictitious 29 Feb 1900
                moment = moment.replace(microsecond=0)
                return moment.date() if moment.time() == datetime.time(0) else moment
        return number

    def table(self, sheet_matcher) -> Table:
        sheets = self.sheets()
        if not sheets:
            raise FileProblem("Regnearket har ingen faner.")
        seen = []
        for title, path in sheets:
            rows = self.rows(title, path)
            first = next(rows, None)
            if first is None:
                seen.append(title)
                continue
            header = [_text(c) for c in first[1]]
            if sheet_matcher is None or sheet_matcher(header):
                return Table(title, header, rows)
            seen.append(title)
            rows.close()
        names = ", ".join(f"'{t}'" for t in seen)
        if sheet_matcher is None:
            raise FileProblem("Regnearket er tomt.")
        raise FileProblem(
            f"Ingen fane i regnearket har de forventede kolonner (fundet: {names}). "
            "Brug fanen 'Portefølje' fra skabelonen eller en KITOS-eksport."
        )


def _string_item(element) -> str:
    """The text of a shared-string item or inline string: its <t>, or its rich-text runs' <t>s
    (phonetic runs <rPh> are not part of the text)."""
    direct = element.find(f"{NS_MAIN}t")
    if direct is not None:
        return direct.text or ""
    return "".join(t.text or "" for run in element.findall(f"{NS_MAIN}r") for t in run.findall(f"{NS_MAIN}t"))


# --- csv -------------------------------------------------------------------------------------------
def _decode(data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8", errors="strict")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise FileProblem("Filen siger, den er UTF-16, men kan ikke læses sådan; gem den som UTF-8.") from None
    if b"\x00" in data[:4096]:
        raise FileProblem("Filen er ikke en CSV-fil eller et Excel-regneark (den indeholder binære data).")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise FileProblem("Filens tegnsæt kunne ikke genkendes; gem den som CSV (UTF-8).") from None


def _csv_table(data: bytes, limits: Limits) -> Table:
    try:
        text = _decode(data)
    except UnicodeDecodeError:
        raise FileProblem("Filen er ikke gyldig UTF-8, selv om den begynder sådan; gem den som CSV (UTF-8).") \
            from None
    first_line = text.lstrip("\ufeff").split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first_line.count)
    if first_line.count(delimiter) == 0:
        raise FileProblem("Filen ligner ikke en tabel: første linje har ingen kolonner adskilt af ; eller ,.")
    rows = _csv_rows(text.lstrip("\ufeff"), delimiter, limits)
    for _number, values in rows:
        return Table("csv", [_text(c) for c in values], rows)
    raise FileProblem("Filen er tom.")


def _csv_rows(text: str, delimiter: str, limits: Limits) -> Iterator[tuple[int, list]]:
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    number = 0
    try:
        for row in reader:
            number += 1
            if number > limits.max_rows + 1:
                raise FileProblem(f"Filen har for mange rækker (højst {limits.max_rows} under overskriften).")
            values = []
            for index, raw in enumerate(row, start=1):
                value = raw.strip()
                if len(value) > limits.max_cell_chars:
                    raise FileProblem(f"Række {number}, kolonne {index} indeholder {_count(len(value))} tegn; "
                                      f"højst {_count(limits.max_cell_chars)} tegn pr. celle.")
                if value.startswith("=") and len(value) > 1:
                    value = Formula(value)
                elif value[:1] == "'" and value[1:2] in ("=", "+", "-", "@"):
                    # Our own exports write formula-like text as '=…, '-… (see core.exports): read it back.
                    value = value[1:]
                values.append(value or None)
            while values and values[-1] is None:
                values.pop()
            if len(values) > limits.max_columns:
                raise FileProblem(f"Række {number} har {len(values)} kolonner; højst {limits.max_columns}.")
            if values:
                yield number, values
    except csv.Error as error:
        raise FileProblem(f"CSV-filen kunne ikke læses (række {number + 1}): {error}.") from None
