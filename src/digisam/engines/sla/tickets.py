"""Reading a ticket export: header names as the common ITSM tools write them, values checked row by
row. Errors name the row (1 = the header row, so data starts at 2) and the column as written in the
file; nothing is returned as valid when any row is wrong (the caller writes all or nothing)."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .model import Ticket

REQUIRED_COLUMNS = ("ticket", "member", "service", "priority", "opened", "first_response", "resolved")

#: canonical column → accepted header names (compared lower-case, spaces/underscores/dashes ignored)
HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "ticket": ("ticket", "ticket id", "ticketid", "sag", "sagsnummer", "sagsnr", "number", "incident",
               "incident id", "id", "key", "issue key", "reference", "ref"),
    "member": ("member", "medlem", "kommune", "kommunekode", "municipality", "organisation", "organization",
               "customer", "kunde", "company", "account", "requester organization"),
    "service": ("service", "ydelse", "tjeneste", "business service", "category", "kategori", "affected service",
                "configuration item"),
    "priority": ("priority", "prioritet", "prio", "urgency", "severity"),
    "opened": ("opened", "oprettet", "åbnet", "created", "opened at", "created at", "created date",
               "date created", "reported", "submitted", "registreret"),
    "first_response": ("first response", "første svar", "første respons", "responded", "responded at",
                       "first response time", "first responded", "response", "respons", "acknowledged"),
    "resolved": ("resolved", "løst", "resolved at", "resolution date", "resolved date", "closed", "lukket",
                 "closed at", "date resolved", "completed"),
}

_PRIORITY_WORDS = {
    "1": "1", "p1": "1", "critical": "1", "kritisk": "1", "highest": "1",
    "2": "2", "p2": "2", "high": "2", "høj": "2",
    "3": "3", "p3": "3", "medium": "3", "moderate": "3", "middel": "3", "normal": "3",
    "4": "4", "p4": "4", "low": "4", "lav": "4", "lowest": "4", "planning": "4",
}

_DATE_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M",
                 "%d-%m-%Y %H:%M:%S", "%d-%m-%Y %H:%M", "%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M",
                 "%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M")


@dataclass(frozen=True)
class TicketError:
    """One problem: the row in the file (1 = header, 0 = the file as a whole), the column as
    written in the file, and a Danish message."""

    row: int
    column: str
    message: str

    def __str__(self):
        if not self.row:  # the file as a whole
            return self.message
        where = f"Række {self.row}" + (f", kolonne '{self.column}'" if self.column else "")
        return f"{where}: {self.message}"


def _norm(name) -> str:
    return re.sub(r"[\s_\-]+", " ", str(name or "").strip().lower())


def map_header(header: Iterable) -> tuple[dict[str, int], dict[str, str], list[TicketError]]:
    """Canonical column → index and → the name as written, or errors for missing/duplicate columns."""
    index: dict[str, int] = {}
    written: dict[str, str] = {}
    errors: list[TicketError] = []
    lookup = {_norm(alias): canonical for canonical, aliases in HEADER_ALIASES.items() for alias in aliases}
    for i, name in enumerate(header):
        canonical = lookup.get(_norm(name))
        if canonical is None:
            continue
        if canonical in index:
            errors.append(TicketError(1, str(name), f"kolonnen for '{canonical}' findes to gange "
                                                    f"('{written[canonical]}' og '{name}')"))
            continue
        index[canonical] = i
        written[canonical] = str(name)
    for canonical in REQUIRED_COLUMNS:
        if canonical not in index:
            names = ", ".join(f"'{a}'" for a in HEADER_ALIASES[canonical][:4])
            errors.append(TicketError(1, canonical, f"kolonnen mangler (fx {names})"))
    return index, written, errors


def parse_moment(value) -> datetime.datetime | None:
    """A datetime from a cell: a datetime/date object or text in ISO or Danish order. Empty → None;
    unreadable → ValueError."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime.datetime):
        return value.replace(tzinfo=None) if value.tzinfo else value
    if isinstance(value, datetime.date):
        return datetime.datetime(value.year, value.month, value.day)
    text = str(value).strip().replace("Z", "")
    text = re.sub(r"\.\d+$", "", text)  # fractions of a second
    text = re.sub(r"[+-]\d\d:?\d\d$", "", text) if "T" in text else text
    if len(text) >= 10 and text[4] == "-":
        try:
            return datetime.datetime.fromisoformat(text)  # fast path: ISO order, as most ITSM tools write
        except ValueError:
            pass
    for fmt in _DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, fmt)
        except ValueError:
            continue
    raise ValueError(text)


def parse_tickets(header: Iterable, rows: Iterable[tuple[int, Iterable]], *,
                  member_of: Callable[[str], str | None], services: Iterable[str],
                  max_errors: int = 200) -> tuple[list[Ticket], list[TicketError]]:
    """Tickets from an export's header and numbered rows ((row number in the file, values), the
    header being row 1). `member_of(text)` maps the member cell (code or name)
    to a member code or None; `services` are the service names known to the collaboration (compared
    case-insensitively). Returns (tickets, errors); when errors is not empty, use none of the tickets."""
    index, written, errors = map_header(header)
    if errors:
        return [], errors
    service_names = {s.strip().lower(): s for s in services}
    tickets: list[Ticket] = []
    seen: dict[str, int] = {}

    def cell(row, canonical):
        i = index[canonical]
        return row[i] if i < len(row) else None

    for number, raw in rows:
        row = list(raw)
        if not any(v not in (None, "") for v in row):
            continue
        problems: list[TicketError] = []

        def fail(canonical, message, number=number, problems=problems):
            problems.append(TicketError(number, written[canonical], message))

        ident = str(cell(row, "ticket") or "").strip()
        if not ident:
            fail("ticket", "mangler sagsnummer")
        elif ident in seen:
            fail("ticket", f"sagsnummeret {ident} findes også i række {seen[ident]}")
        else:
            seen[ident] = number
        member_text = str(cell(row, "member") or "").strip()
        member = member_of(member_text) if member_text else None
        if not member_text:
            fail("member", "mangler medlem")
        elif member is None:
            fail("member", f"ukendt medlem '{member_text}' (kommunekode eller navn på et medlem af samarbejdet)")
        service_text = str(cell(row, "service") or "").strip()
        service = service_names.get(service_text.lower())
        if not service_text:
            fail("service", "mangler ydelse")
        elif service is None:
            fail("service", f"ukendt ydelse '{service_text}' (ikke i servicekataloget)")
        priority_text = str(cell(row, "priority") or "").strip()
        priority = _PRIORITY_WORDS.get(priority_text.lower().split(" ")[0].rstrip(".:-")) if priority_text else None
        if priority is None:
            fail("priority", f"ukendt prioritet '{priority_text}' (1–4, P1–P4 eller kritisk/høj/middel/lav)")
        moments = {}
        for canonical in ("opened", "first_response", "resolved"):
            try:
                moments[canonical] = parse_moment(cell(row, canonical))
            except ValueError as error:
                fail(canonical, f"'{error}' er ikke et tidspunkt (ÅÅÅÅ-MM-DD TT:MM)")
                moments[canonical] = None
        opened = moments["opened"]
        if opened is None and not any(p.column == written["opened"] for p in problems):
            fail("opened", "mangler oprettelsestidspunkt")
        if opened is not None:
            for canonical, label in (("first_response", "første svar"), ("resolved", "løst")):
                if moments[canonical] is not None and moments[canonical] < opened:
                    fail(canonical, f"tidspunktet for {label} ligger før oprettelsen")
            if (moments["first_response"] is not None and moments["resolved"] is not None
                    and moments["resolved"] < moments["first_response"]):
                fail("resolved", "løst før første svar")
        if problems:
            errors.extend(problems)
            if len(errors) >= max_errors:
                break
            continue
        tickets.append(Ticket(ident=ident, member=member, service=service, priority=priority, opened=opened,
                              first_response=moments["first_response"], resolved=moments["resolved"]))
    if errors:
        return [], errors
    return tickets, []
