"""The business case as one grid: per line (scenario, kind, description) a table of member × year with
the most likely amount in each cell, edited in one form or as one xlsx file.

A cell is one `BusinessCaseLine` (case, member, scenario, kind, description, year). The grid edits
one estimate at a time (`ESTIMATES`): the most likely amount — where an empty cell means "no line":
a stored line whose cell is emptied is deleted, a filled cell without a line creates one; 0 is a
line of 0 kr. — or the low (optimistic for costs) or high value of the three-point estimates, where
an empty cell only clears that value of the line, and a line must exist (have a most likely amount)
before it gets a low or high one. low ≤ likely ≤ high is the model's rule: a value outside it is an
error in its cell. All changes of one save go through `apply` in one transaction: permission, validation and
the audit entry per line by `digisam.core.services`; one error anywhere and nothing is written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from digisam.collaborations.models import Membership, MembershipRole, MembershipStatus
from digisam.core import exports, numbers, permissions, services
from digisam.core.models import Channel
from digisam.core.spreadsheets import FileProblem, Formula, read_table
from digisam.organisations.models import Organisation

from .models import BusinessCaseLine, CaseLineKind

CENT = Decimal("0.01")
KIND_ORDER = [k for k, _label in CaseLineKind.choices]
#: 1.800.000,00 in Danish Excel, 1,800,000.00 in English: the locale shows the separators
MONEY_FORMAT = "#,##0.00"


#: the estimates the grid edits: field of BusinessCaseLine → its URL value
ESTIMATES = {"likely": "forventet", "low": "lav", "high": "hoej"}


def estimate_from(value: str | None) -> str:
    """The field for ?estimat=… (forventet, lav, høj; the field names work too); unknown → likely."""
    value = (value or "").strip().casefold().replace("ø", "oe")
    for field_name, slug in ESTIMATES.items():
        if value in (field_name, slug):
            return field_name
    return "likely"


def estimate_label(field_name: str) -> str:
    return {"likely": _("forventet (mest sandsynlig)"), "low": _("lavt"), "high": _("højt")}[field_name]


def value_of(line, field_name: str = "likely"):
    """The cell's amount: a line's estimate, the sum of several lines' (None when none has it)."""
    if line is None:
        return None
    if isinstance(line, list):
        values = [getattr(x, field_name) for x in line if getattr(x, field_name) is not None]
        return sum(values) if values else None
    return getattr(line, field_name)


class GridError(Exception):
    """Cell errors: {(group, member_id, year) or key: message}."""

    def __init__(self, errors: dict):
        super().__init__("; ".join(str(v) for v in errors.values()))
        self.errors = errors


@dataclass
class Group:
    scenario: int
    kind: str
    description: str
    cells: dict = field(default_factory=dict)  # (member_id, year) -> BusinessCaseLine | list (duplicates)

    @property
    def key(self):
        return (self.scenario, self.kind, self.description)

    @property
    def label(self):
        return f"{_('Scenarie')} {self.scenario} · {CaseLineKind(self.kind).label}" + (
            f" · {self.description}" if self.description else "")


def years(case) -> list[int]:
    return list(range(case.start_year, case.start_year + case.horizon))


def members(case) -> list[Organisation]:
    """The collaboration's active and approved members, and any organisation that has a line."""
    ids = set(Membership.objects.filter(
        collaboration_id=case.initiative.collaboration_id, role=MembershipRole.MEMBER,
        status__in=[MembershipStatus.ACTIVE, MembershipStatus.APPROVED]).values_list("organisation_id", flat=True))
    ids |= set(case.lines.values_list("organisation_id", flat=True))
    return list(Organisation.objects.filter(pk__in=ids).order_by("name"))


def groups(case) -> list[Group]:
    found: dict = {}
    for line in case.lines.all():
        group = found.setdefault((line.scenario, line.kind, line.description),
                                 Group(line.scenario, line.kind, line.description))
        key = (line.organisation_id, line.year)
        if key in group.cells:
            previous = group.cells[key]
            group.cells[key] = [*(previous if isinstance(previous, list) else [previous]), line]
        else:
            group.cells[key] = line
    return sorted(found.values(), key=lambda g: (g.scenario, KIND_ORDER.index(g.kind), g.description))


def parse_amount(value) -> Decimal | None:
    """A cell's amount: empty → None; numbers as they are; text read the Danish or English way."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool) or isinstance(value, Formula):
        raise ValueError(_("Cellen skal indeholde et beløb, ikke en formel eller en sandhedsværdi."))
    if isinstance(value, int | Decimal):
        amount = Decimal(value)
    elif isinstance(value, float):
        amount = Decimal(repr(value))
    else:
        amount = numbers.parse_number(value)
    try:
        rounded = amount.quantize(CENT)
    except InvalidOperation as error:
        raise ValueError(_("Beløbet er for stort.")) from error
    if rounded != amount:
        raise ValueError(_("Beløbet har mere end to decimaler (øre)."))
    if amount < 0:
        raise ValueError(_("Beløbet må ikke være negativt."))
    return rounded


def apply(case, wanted: dict, *, user, channel=Channel.UI, estimate: str = "likely") -> dict:
    """Set the grid: wanted = {(scenario, kind, description, member_id, year): Decimal | None}.
    Returns counts {created, changed, deleted}; raises GridError (nothing written) or PermissionDenied.
    `estimate` "low"/"high": sets (or clears) that value of existing lines instead."""
    if not permissions.allows(user, permissions.CHANGE, case):
        raise PermissionDenied
    if estimate != "likely":
        return _apply_bound(case, wanted, user=user, channel=channel, field_name=estimate)
    stored = {}
    for group in groups(case):
        for (member_id, year), line in group.cells.items():
            stored[(*group.key, member_id, year)] = line
    errors = {}
    counts = {"created": 0, "changed": 0, "deleted": 0}
    valid_years = set(years(case))
    with transaction.atomic():
        for key, amount in wanted.items():
            scenario, kind, description, member_id, year = key
            line = stored.get(key)
            if isinstance(line, list):
                if amount is not None and sum(x.likely for x in line) != amount:
                    errors[key] = _("Cellen har flere linjer; ret dem enkeltvis.")
                continue
            if year not in valid_years:
                errors[key] = _("Året skal ligge i business casens periode (%(a)s–%(b)s).") % {
                    "a": case.start_year, "b": case.start_year + case.horizon - 1}
                continue
            try:
                with transaction.atomic():
                    if line is None and amount is not None:
                        services.save(BusinessCaseLine(
                            case=case, organisation_id=member_id, scenario=scenario, kind=kind, year=year,
                            likely=amount, description=description), user=user, channel=channel)
                        counts["created"] += 1
                    elif line is not None and amount is None:
                        services.delete(line, user=user, channel=channel)
                        counts["deleted"] += 1
                    elif line is not None and line.likely != amount:
                        line.likely = amount
                        services.save(line, user=user, channel=channel)
                        counts["changed"] += 1
            except ValidationError as error:
                errors[key] = " ".join(error.messages)
        if errors:
            raise GridError(errors)
    return counts


def _apply_bound(case, wanted: dict, *, user, channel, field_name: str) -> dict:
    """The low or high values: a cell is one existing line's value; counts "changed" (set or cleared)."""
    stored = {}
    for group in groups(case):
        for (member_id, year), line in group.cells.items():
            stored[(*group.key, member_id, year)] = line
    errors = {}
    counts = {"created": 0, "changed": 0, "deleted": 0}
    with transaction.atomic():
        for key, amount in wanted.items():
            line = stored.get(key)
            if isinstance(line, list):
                if amount != value_of(line, field_name):
                    errors[key] = _("Cellen har flere linjer; ret dem enkeltvis.")
                continue
            if line is None:
                if amount is not None:
                    errors[key] = _("Cellen har intet mest sandsynlige beløb endnu: udfyld det først i tabellen "
                                    "“forventet”.")
                continue
            if getattr(line, field_name) == amount:
                continue
            setattr(line, field_name, amount)
            try:
                with transaction.atomic():
                    services.save(line, user=user, channel=channel)
                    counts["changed"] += 1
            except ValidationError as error:
                errors[key] = " ".join(error.messages)
        if errors:
            raise GridError(errors)
    return counts


# --- xlsx ---------------------------------------------------------------------------------------

def sheet_title(estimate: str = "likely") -> str:
    """The workbook's sheet name says which estimate it holds, so an upload sets that one."""
    if estimate == "likely":
        return _("Business case")
    return f"{_('Business case')} – {estimate_label(estimate)}"


def estimate_of_sheet(title) -> str | None:
    """The estimate a sheet name (Danish or English) stands for; None: not one of ours (then the page's)."""
    from django.utils import translation

    text = str(title or "").strip().casefold()
    for language in ("da", "en"):
        with translation.override(language):
            for estimate in ("low", "high", "likely"):
                if text == sheet_title(estimate).casefold():
                    return estimate
    return None

def _header(case):
    return [_("Scenarie"), _("Art"), _("Beskrivelse"), _("Medlem"), _("Kode"), *years(case)]


def xlsx(case, estimate: str = "likely") -> bytes:
    """The grid as a workbook: one row per line and member, one column per year, amounts with the
    number format Excel shows as 1.800.000,00 in Danish; the sheet name names the estimate."""
    from openpyxl import load_workbook

    orgs = members(case)
    rows = []
    for group in groups(case):
        for org in orgs:
            cells = []
            for year in years(case):
                cells.append(value_of(group.cells.get((org.pk, year)), estimate))
            rows.append([group.scenario, str(CaseLineKind(group.kind).label), group.description, org.name, org.code,
                         *cells])
    data = exports.xlsx_bytes([(sheet_title(estimate), _header(case), rows)])
    # set the number format of the amount cells
    import io

    workbook = load_workbook(io.BytesIO(data))
    sheet = workbook.active
    for row in sheet.iter_rows(min_row=2, min_col=6):
        for cell in row:
            cell.number_format = MONEY_FORMAT
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _column(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def read_upload(case, data: bytes, filename: str, *, with_estimate: bool = False):
    """The wanted cells of an uploaded grid; GridError with "række R, kolonne C" messages.
    with_estimate: (wanted, estimate of the sheet name or None)."""
    try:
        sheet, header, rows = read_table(data, filename)
    except FileProblem as problem:
        raise GridError({"file": str(problem)}) from None
    wanted = _read_rows(case, header, rows)
    return (wanted, estimate_of_sheet(sheet)) if with_estimate else wanted


def _read_rows(case, header, rows) -> dict:
    errors = {}
    case_years = years(case)
    year_columns = {}
    for index, title in enumerate(header[5:], start=5):
        try:
            year_columns[index] = int(str(title).strip())
        except ValueError:
            errors[(1, index)] = _("Række 1, kolonne %(col)s: “%(value)s” er ikke et år.") % {
                "col": _column(index), "value": title}
    if [y for y in year_columns.values()] != case_years and not errors:
        errors[(1, 5)] = _("Række 1: årskolonnerne skal være %(years)s, som i den hentede fil.") % {
            "years": ", ".join(str(y) for y in case_years)}
    if errors:
        raise GridError(errors)
    by_name = {o.name.casefold(): o for o in members(case)}
    by_code = {str(o.code): o for o in members(case)}
    kinds = {}
    for value, label in CaseLineKind.choices:
        kinds[value] = value
        kinds[str(label).casefold()] = value
    from django.utils import translation

    with translation.override("da"):
        for value, label in CaseLineKind.choices:
            kinds[str(label).casefold()] = value
    wanted = {}
    seen = {}
    for number, values in rows:
        values = list(values) + [None] * (5 + len(case_years) - len(values))
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
            continue

        def problem(col, message, number=number):
            errors[(number, col)] = _("Række %(row)s, kolonne %(col)s: %(message)s") % {
                "row": number, "col": _column(col), "message": message}

        scenario = str(values[0]).strip() if values[0] is not None else ""
        scenario = scenario.rsplit(" ", 1)[-1]
        if scenario not in ("0", "1"):
            problem(0, _("scenariet skal være 0 eller 1."))
        kind = kinds.get(str(values[1] or "").strip().casefold())
        if kind is None:
            problem(1, _("arten skal være %(kinds)s.") % {
                "kinds": ", ".join(str(label) for _v, label in CaseLineKind.choices)})
        description = str(values[2] or "").strip()
        code = str(values[4]).strip() if values[4] is not None else ""
        org = by_code.get(code) if code else by_name.get(str(values[3] or "").strip().casefold())
        if org is None:
            problem(3, _("“%(name)s” er ikke medlem af samarbejdet.") % {"name": values[3] or code})
        if scenario not in ("0", "1") or kind is None or org is None:
            continue
        group_key = (int(scenario), kind, description, org.pk)
        if group_key in seen:
            problem(3, _("linjen og medlemmet står også i række %(other)s.") % {"other": seen[group_key]})
            continue
        seen[group_key] = number
        for index, year in year_columns.items():
            try:
                wanted[(*group_key, year)] = parse_amount(values[index])
            except ValueError as error:
                problem(index, str(error))
    if errors:
        raise GridError(errors)
    return wanted


def describe(case, key) -> str:
    """“Række/celle” text for an apply error key (scenario, kind, description, member_id, year)."""
    if not isinstance(key, tuple) or len(key) != 5:
        return ""
    scenario, kind, description, member_id, year = key
    org = Organisation.objects.filter(pk=member_id).first()
    return f"{_('Scenarie')} {scenario} · {CaseLineKind(kind).label}" + (
        f" · {description}" if description else "") + f" · {org.name if org else member_id} · {year}"
