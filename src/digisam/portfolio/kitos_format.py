"""KITOS's overview exports as KITOS writes them (docs/portfolio.md, "KITOS"): the columns of
"IT-systemer i anvendelse" and "IT-kontrakter" in the current and the pre-2025 UI, how each kind
of cell is written, and how a file's kind is recognised from its headers. Pure functions; the
import (kitos.py) and the export (exports.py) both use these tables, so export = import format."""

from __future__ import annotations

import dataclasses
import datetime
import re
import uuid

from . import formats

USAGES = "kitos_usages"
CONTRACTS = "kitos_contracts"
USAGE_SHEET = "IT Systemer Overblik"
CONTRACT_SHEET = "IT Kontrakter Overblik"
UNAVAILABLE = " (Ikke tilgængeligt)"
RETIRED = " (udgået)"


@dataclasses.dataclass(frozen=True)
class Column:
    key: str
    headers: tuple[str, ...]  # the current UI's header first, then older spellings
    kind: str
    stored: bool = True  # False: values are checked against KITOS's options but not kept

    @property
    def header(self):
        return self.headers[0]


USAGE_COLUMNS = [
    Column("product", ("IT System", "IT-System", "IT system"), "system"),
    Column("kitos_uuid", ("IT-System (UUID)", "UUID"), "uuid"),
    Column("local_name", ("Lokal kaldenavn",), "text"),
    Column("responsible_unit", ("Ansv. organisationsenhed", "Ansvarlig organisationsenhed"), "text"),
    Column("business_type", ("Forretningstype",), "text"),
    Column("kle", ("KLE ID",), "text"),
    Column("supplier_plain", ("Leverandør",), "text"),
    Column("rights_holder", ("Rettighedshaver",), "supplier"),
    Column("lifecycle", ("Livscyklus",), "choice:lifecycle"),
    Column("user_count", ("Antal brugere",), "choice:user_count"),
    Column("notes", ("Noter", "Note"), "text"),
    Column("status", ("Status",), "chip:usage", stored=False),
    Column("status_marked", ("Status (Markeret kontrakt)",), "chip:marked", stored=False),
    Column("category", ("Kategori",), "text"),
]
USAGE_REQUIRED = ("product",)

CONTRACT_COLUMNS = [
    Column("contract_id", ("Kontrakt ID",), "text"),
    Column("parent_ref", ("Overordnet kontrakt",), "text"),
    Column("name", ("IT Kontrakt",), "text"),
    Column("valid_from", ("Gyldig fra",), "date"),
    Column("expires", ("Gyldig til",), "date"),
    Column("supplier", ("Leverandør",), "supplier"),
    Column("contract_type", ("Kontrakttype",), "text"),
    Column("procurement_strategy", ("Genanskaffelsesstrategi",), "strategy"),
    Column("planned_reprocurement", ("Genanskaffelsesplan",), "quarter"),
    Column("procurement_initiated", ("Genanskaffelse igangsat",), "bool"),
    Column("systems", ("IT Systemer",), "text"),
    Column("system_uuids", ("IT Systemer (UUID)",), "uuid_list"),
    Column("cost_acquisition", ("Anskaffelse",), "money"),
    Column("cost_operation", ("Drift/år",), "money"),
    Column("cost_other", ("Andet",), "money"),
    Column("duration", ("Varighed",), "duration"),
    Column("option", ("Option",), "option"),
    Column("notice", ("Opsigelse (måneder)", "Opsigelse"), "notice"),
    Column("irrevocable_until", ("Uopsigelig til",), "date"),
    Column("terminated", ("Opsagt",), "terminated"),
    Column("concluded", ("Indgået",), "date"),
    Column("status", ("Status", "Gyldig/Ikke Gyldig"), "chip:contract", stored=False),
    Column("category", ("Kategori",), "text"),
]
CONTRACT_REQUIRED = ("name",)

# Every header of the two overviews (current and old UI), for recognising a file's kind.
USAGE_HEADERS = {
    "Status", "Status (Datofelter)", "Status (Livscyklus)", "Status (Markeret kontrakt)", "Lokal System ID",
    "IT-System (UUID)", "IT-System (Beskrivelse)", "IT-System (Externt UUID)", "Overordnet IT System", "IT System",
    "Version", "Lokal kaldenavn", "Ansv. organisationsenhed", "Relevante organisationsenheder",
    "Tidligere systemnavn", "Forretningstype", "KLE ID", "KLE navn", "Lokale KLE ID", "Lokale KLE navn",
    "Lokal Reference", "Dokument ID / Sagsnr.", "DataType", "Leverandør", "Rettighedshaver",
    "Taget i anvendelse af", "Sidst redigeret: Bruger", "Sidst redigeret: Dato", "Ibrugtagningsdato",
    "Slutdato for anvendelse", "Livscyklus", "Arkiveringspligt", "Er dokumentbærende", "Journalperiode slutdato",
    "Link til risikovurdering", "Fortegnelse", "IT systemet driftes", "Systemets overordnede formål",
    "Behandlingsformål", "Databehandleraftale er indgået", "Databehandling", "Anvendte systemer",
    "Anvendte snitflader", "Systemer der anvender systemet", "Snitflade ID'er", "Snitflade versioner",
    "IT Kontrakter", "Hvad viste den seneste risikovurdering", "Dato for seneste risikovurdering",
    "Dato for planlagt risikovurdering", "Foretaget risikovurdering", "Noter", "Antal brugere",
    "Klassifikation af data i systemet", "DPIA gennemført", "Forretningskritisk IT-system",
    "Indeholder AI-teknologi", "Rigsarkivets vejledning til arkivering", "Bemærkning fra Rigsarkivet",
    "Webtilgængelighed", "Seneste webtilgængelighedskontrol", "Noter om webtilgængelighed", "Kritikalitet",
    "Teknisk systemtyper", "Samfundskritisk IT-system", "Systemkritikalitet sidst opdateret",
    "Kræver system databehandleraftale", "Licens- og kodegrundlag",
    # old UI
    "Note", "Datatype", "Risikovurdering", "Sidste redigeret: Dato", "Ansvarlig organisationsenhed", "UUID",
}
CONTRACT_HEADERS = {
    "Status", "Kontrakt ID", "Overordnet kontrakt", "IT Kontrakt", "Gyldig fra", "Gyldig til", "Kritikalitet",
    "Ansvarlig org. enhed", "Leverandør", "Kontraktunderskriver", "Kontrakttype", "Kontraktskabelon",
    "Indkøbsform", "Genanskaffelsesstrategi", "Genanskaffelsesplan", "Genanskaffelse igangsat",
    "Databehandleraftaler", "IT Systemer", "IT Systemer (UUID)", "Organisationsenheder med eksterne betalinger",
    "Organisationsenheder med interne betalinger", "Antal relationer", "Reference", "Dokument ID/Sagsnr.",
    "Anskaffelse", "Drift/år", "Andet", "Driftsvederlag begyndt", "Betalingsmodel", "Betalingsfrekvens",
    "Audit dato", "Audit status", "Varighed", "Option", "Opsigelse (måneder)", "Uopsigelig til", "Opsagt",
    "Sidst redigeret: Bruger", "Sidst redigeret: Dato",
    # old UI (and digisam's first KITOS reader)
    "Gyldig/Ikke Gyldig", "Databehandleraftale", "Antal Relationer", "Sidste redigeret: Dato", "Opsigelse",
    "Indgået",
}
SHARED_HEADERS = USAGE_HEADERS & CONTRACT_HEADERS | {"Kategori"}
ROLE_EMAIL = re.compile(r'^(?P<role>.+?) Email[#"]$')


def clean_header(header) -> str:
    return " ".join(str(header or "").split())


def detect(header: list[str]) -> str | None:
    """USAGES or CONTRACTS when the headers are those of a KITOS overview (any column set, any
    order; role columns do not count), else None."""
    names = {clean_header(h) for h in header} - {""}
    usage_score = len((names & USAGE_HEADERS) - SHARED_HEADERS)
    contract_score = len((names & CONTRACT_HEADERS) - SHARED_HEADERS)
    if "IT Kontrakt" in names and contract_score >= usage_score:
        return CONTRACTS
    if {"IT System", "IT-System (UUID)"} & names and usage_score >= contract_score:
        return USAGES
    if max(usage_score, contract_score) >= 3:
        return CONTRACTS if contract_score > usage_score else USAGES
    return None


def columns_for(kind):
    return USAGE_COLUMNS if kind == USAGES else CONTRACT_COLUMNS


@dataclasses.dataclass
class Layout:
    """Where each column of a file is: used columns by key, role columns (role → (names index,
    e-mails index)), columns digisam does not use, and header problems."""

    kind: str
    used: dict[str, tuple[int, Column]]
    roles: dict[str, tuple[int | None, int]]
    unused: list[str]
    errors: list[str]


def layout(kind: str, header: list[str]) -> Layout:
    names = [clean_header(h) for h in header]
    by_header = {}
    for column in columns_for(kind):
        for spelling in column.headers:
            by_header[spelling.lower()] = column
    used, roles, unused, errors = {}, {}, [], []
    role_names = {}
    for index, name in enumerate(names):
        match = ROLE_EMAIL.match(name)
        if match:
            roles[match.group("role")] = (None, index)
    for index, name in enumerate(names):
        if not name or ROLE_EMAIL.match(name):
            continue
        if name in roles:
            role_names[name] = index
            continue
        column = by_header.get(name.lower())
        if column is None:
            unused.append(name)
            continue
        if column.key in used:
            errors.append(f"række 1, kolonne {name}: kolonnen findes to gange")
            continue
        used[column.key] = (index, column)
    roles = {role: (role_names.get(role), email) for role, (_n, email) in roles.items()}
    required = USAGE_REQUIRED if kind == USAGES else CONTRACT_REQUIRED
    for key in required:
        if key not in used:
            column = next(c for c in columns_for(kind) if c.key == key)
            errors.append(f"række 1, kolonne {column.header}: kolonnen mangler – den skal være med i KITOS-eksporten")
    return Layout(kind, used, roles, unused, errors)


# --- values ------------------------------------------------------------------------------------------
SUPPLIER_RE = re.compile(r"^(?P<name>.*?)\s*\((?P<cvr>\d{8})\)$")
USAGE_CHIPS = {"aktivt": True, "ikke aktivt": False}
CONTRACT_CHIPS = {"gyldig": True, "ikke gyldig": False}
MARKED_CHIPS = {"active": "Active", "inactive": "Inactive", "nocontract": "NoContract", "true": "Active",
                "false": "Inactive"}
#: KITOS's re-procurement options → digisam's strategy (KITOS's own name is kept as well).
KITOS_STRATEGIES = {
    "annoncering": "own_tender", "eu udbud": "own_tender", "udbud": "own_tender", "mini-udbud": "framework",
    "ski - direkte tildeling": "framework", "ski - mini-udbud": "framework", "underhåndsbud": "direct",
}
KITOS_STRATEGY_NAMES = ["Annoncering", "EU udbud", "Mini-udbud", "SKI - direkte tildeling", "SKI - mini-udbud",
                        "Underhåndsbud", "Udbud"]
#: digisam's strategy → the KITOS option written when no KITOS name is stored.
STRATEGY_EXPORT = {"own_tender": "Udbud", "framework": "SKI - mini-udbud", "direct": "Underhåndsbud"}
LIFECYCLE_EXPORT = {"undecided": "", "not_in_use": "Ikke i drift", "phasing_in": "Under indfasning",
                    "operational": "I drift", "phasing_out": "Under udfasning"}
USER_COUNT_EXPORT = {"under_10": "<10", "10_50": "10-49", "50_100": "50-99", "100_499": "100-499",
                     "over_500": ">500", "over_100": ">100", "": ""}


def _fraction_years(text: str) -> int | None:
    """'1' → 12, '½' → 6, '1½' / '1,5' → 18 (months in so many years)."""
    text = text.strip().replace(",", ".")
    match = re.fullmatch(r"(\d+)?\s*(½|\.5)?", text)
    if not match or not (match.group(1) or match.group(2)):
        return None
    return int(match.group(1) or 0) * 12 + (6 if match.group(2) else 0)


def parse(kind: str, value):
    """One KITOS cell → Python value; raises formats.CellError naming the value and what is allowed."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    text = str(value).strip()
    if kind == "system":  # "Navn (Ikke tilgængeligt)"
        unavailable = text.endswith(UNAVAILABLE.strip()) and text.lower().endswith("(ikke tilgængeligt)")
        name = text[: -len(UNAVAILABLE.strip())].strip() if unavailable else text
        return {"name": name, "unavailable": unavailable}
    if kind == "supplier":  # "Navn (CVR)" or "Navn (CVR) (udgået)", or a plain name
        retired = text.lower().endswith("(udgået)")
        if retired:
            text = text[: -len("(udgået)")].strip()
        match = SUPPLIER_RE.match(text)
        if match:
            return {"name": match.group("name").strip(), "cvr": match.group("cvr"), "retired": retired}
        return {"name": text, "cvr": None, "retired": retired}
    if kind == "uuid":
        try:
            return str(uuid.UUID(text))
        except ValueError:
            raise formats.CellError(f"'{text}' er ikke en UUID (fx 3fa85f64-5717-4562-b3fc-2c963f66afa6)") from None
    if kind == "uuid_list":
        return [parse("uuid", part) for part in text.split(",") if part.strip()]
    if kind == "notice":  # "1" … "12" (current UI) or "3 md" (old)
        months = formats.parse("notice", value if not isinstance(value, float) else int(value))
        if months > 120:
            raise formats.CellError(f"'{value}' måneder er ikke en opsigelsesfrist (brug 0–120)")
        return months
    if kind == "option":  # "2 x 1 år", "1 x ½ år", "2 x 12 md"
        match = re.fullmatch(r"(\d+)\s*[x×]\s*(.+?)\s*(år|md\.?|mdr\.?|måned|måneder)", text.lower())
        if match:
            count = int(match.group(1))
            months = _fraction_years(match.group(2)) if match.group(3) == "år" else (
                int(match.group(2)) if match.group(2).isdigit() else None)
            if months is not None:
                return (count, months)
        raise formats.CellError(f"'{text}' er ikke en option – KITOS skriver fx '2 x 1 år' eller '1 x ½ år'")
    if kind == "duration":  # "2 år og 6 måneder", "6 måneder", "1 år", "Løbende"
        lowered = text.lower()
        if lowered == "løbende":
            return 0
        match = re.fullmatch(r"(?:(\d+)\s*år)?(?:\s*og\s*)?(?:(\d+)\s*måned(?:er)?)?", lowered)
        if match and (match.group(1) or match.group(2)):
            return int(match.group(1) or 0) * 12 + int(match.group(2) or 0)
        raise formats.CellError(f"'{text}' er ikke en varighed – KITOS skriver fx '2 år og 6 måneder' eller "
                                "'Løbende'")
    if kind == "terminated":
        if text.lower() in ("nej", "false"):
            return None
        return formats.parse("date", value)
    if kind == "strategy":
        lowered = text.lower()
        if lowered in KITOS_STRATEGIES:
            return {"strategy": KITOS_STRATEGIES[lowered], "kitos": text}
        if lowered in formats.CHOICES["strategy"]:
            return {"strategy": formats.CHOICES["strategy"][lowered], "kitos": ""}
        raise formats.CellError(f"'{text}' er ikke en genanskaffelsesstrategi (brug en af: "
                                f"{', '.join(KITOS_STRATEGY_NAMES)})")
    if kind.startswith("chip:"):
        table = {"usage": USAGE_CHIPS, "contract": CONTRACT_CHIPS, "marked": MARKED_CHIPS}[kind[5:]]
        if text.lower() in table:
            return table[text.lower()]
        allowed = {"usage": "Aktivt, Ikke aktivt", "contract": "Gyldig, Ikke gyldig",
                   "marked": "Active, Inactive, NoContract (eller true, false)"}[kind[5:]]
        raise formats.CellError(f"'{text}' er ikke en gyldig status (brug en af: {allowed})")
    if kind == "choice:user_count" and text.lower() not in formats.CHOICES["user_count"]:
        raise formats.CellError(f"'{text}' er ikke et antal brugere (brug en af: <10, 10-49, 50-99, 100-499, >500)")
    if kind == "choice:lifecycle" and text.lower() not in formats.CHOICES["lifecycle"]:
        raise formats.CellError(f"'{text}' er ikke en livscyklus (brug en af: Under indfasning, I drift, "
                                "Under udfasning, Ikke i drift, eller tom)")
    if kind in ("money", "date", "bool", "quarter", "text") or kind.startswith("choice:"):
        if kind == "bool" and text.lower() not in ("ja", "nej", "true", "false"):
            raise formats.CellError(f"'{text}' skal være Ja eller Nej")
        return formats.parse(kind, value)
    raise formats.CellError(f"ukendt kolonnetype {kind}")  # pragma: no cover


# --- writing ----------------------------------------------------------------------------------------
def format_date(day: datetime.date | None) -> str:
    return day.strftime("%d-%m-%Y") if day else ""


def format_supplier(name: str, cvr: str | None) -> str:
    return f"{name} ({cvr})" if cvr else (name or "")


def format_option(count: int, months: int) -> str:
    if not count:
        return ""
    if months % 12 == 0:
        return f"{count} x {months // 12} år"
    if months % 12 == 6:
        years = months // 12
        return f"{count} x {years or ''}½ år"
    return f"{count} x {months} md"


def format_duration(months: int | None) -> str:
    if months is None:
        return ""
    if months == 0:
        return "Løbende"
    years, rest = divmod(months, 12)
    parts = []
    if years:
        parts.append(f"{years} år")
    if rest:
        parts.append(f"{rest} {'måned' if rest == 1 else 'måneder'}")
    return " og ".join(parts)


def format_quarter(text: str) -> str:
    match = re.fullmatch(r"(\d{4})-Q([1-4])", text or "")
    return f"Q{match.group(2)} | {match.group(1)}" if match else ""


def format_money(value) -> int | float | str:
    return formats.format_cell("money", value)
