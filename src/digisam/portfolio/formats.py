"""The table formats digisam reads and writes: its own template and KITOS's overview exports of
IT-system usages and IT-contracts (Danish column headers as KITOS writes them). Each column maps a
header to a record key and a parser/formatter kind."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal, InvalidOperation

from .models import Criticality, Lifecycle, NoticeRunsTo, ProcurementStrategy, UserCountBand

TEMPLATE_SHEET = "Portefølje"

# (header, key, kind). Kinds: text, code, cvr, date, int, money, percent, bool, quarter, and
# choice:<name>. Keys after "contract_id" belong to the contract.
TEMPLATE_COLUMNS = [
    ("Kommunekode", "municipality", "code"),
    ("Kategori", "category", "text"),
    ("Produkt", "product", "text"),
    ("Leverandør", "supplier", "text"),
    ("Leverandør CVR", "supplier_cvr", "cvr"),
    ("Livscyklus", "lifecycle", "choice:lifecycle"),
    ("Kritikalitet", "criticality", "choice:criticality"),
    ("Ansvarlig organisationsenhed", "responsible_unit", "text"),
    ("Antal brugere", "user_count", "choice:user_count"),
    ("Noter", "notes", "text"),
    ("Kontrakt ID", "contract_id", "text"),
    ("Kontraktnavn", "name", "text"),
    ("Indgået", "concluded", "date"),
    ("Gyldig fra", "valid_from", "date"),
    ("Uopsigelig til", "irrevocable_until", "date"),
    ("Gyldig til", "expires", "date"),
    ("Opsagt", "terminated", "date"),
    ("Opsigelsesfrist (måneder)", "notice_months", "int"),
    ("Opsigelse til udgangen af", "notice_runs_to", "choice:notice"),
    ("Antal optioner", "extension_count", "int"),
    ("Måneder pr. option", "extension_months", "int"),
    ("Optioner brugt", "extensions_used", "int"),
    ("Pristillæg ved forlængelse (%)", "extension_uplift", "percent"),
    ("Tidlig udtræden (måneder før udløb)", "early_exit_months", "int"),
    ("Gebyr ved tidlig udtræden", "early_exit_fee", "money"),
    ("Anskaffelse", "cost_acquisition", "money"),
    ("Drift/år", "cost_operation", "money"),
    ("Andet", "cost_other", "money"),
    ("Prisregulering", "price_regulation", "text"),
    ("Genanskaffelsesstrategi", "procurement_strategy", "choice:strategy"),
    ("Genanskaffelsesplan", "planned_reprocurement", "quarter"),
    ("Genanskaffelse igangsat", "procurement_initiated", "bool"),
    ("Kun eget udbud", "opt_out", "bool"),
    ("Tidligste start på ny kontrakt", "earliest_start", "date"),
]
TEMPLATE_REQUIRED = {"Kategori", "Produkt"}
CONTRACT_KEYS = [key for _h, key, _k in TEMPLATE_COLUMNS[TEMPLATE_COLUMNS.index(("Kontrakt ID", "contract_id", "text")):]]
ECONOMY_KEYS = {"extension_uplift", "early_exit_fee", "cost_acquisition", "cost_operation", "cost_other",
                "price_regulation"}

TEMPLATE_EXAMPLE = {
    "municipality": "740", "category": "omsorg", "product": "KMD Nexus", "supplier": "KMD A/S",
    "supplier_cvr": "26911745", "lifecycle": "operational", "criticality": "high",
    "responsible_unit": "Sundhed og Omsorg", "user_count": "over_100", "notes": "Eksempelrække – slet den",
    "contract_id": "K-2021-017", "name": "Omsorgssystem", "concluded": datetime.date(2021, 3, 1),
    "valid_from": datetime.date(2021, 7, 1), "irrevocable_until": datetime.date(2025, 6, 30),
    "expires": datetime.date(2029, 6, 30), "terminated": None, "notice_months": 6, "notice_runs_to": "month",
    "extension_count": 2, "extension_months": 12, "extensions_used": 0, "extension_uplift": Decimal("0.05"),
    "early_exit_months": 6, "early_exit_fee": Decimal("500000"), "cost_acquisition": Decimal("1200000"),
    "cost_operation": Decimal("2600000"), "cost_other": Decimal("150000"), "price_regulation": "Nettoprisindeks",
    "procurement_strategy": "joint_tender", "planned_reprocurement": "2028-Q1", "procurement_initiated": False,
    "opt_out": False, "earliest_start": None,
}

HEADER_ALIASES = {
    "it-system": "IT System", "it system": "IT System", "it systemnavn": "IT System", "systemnavn": "IT System",
    "it kontrakt": "IT Kontrakt", "it-kontrakt": "IT Kontrakt", "kontraktnavn (kitos)": "IT Kontrakt",
    "ansvarlig organisationsenhed": "Ansvarlig organisationsenhed",
    "kontrakt-id": "Kontrakt ID", "kontraktid": "Kontrakt ID", "drift / år": "Drift/år", "drift pr. år": "Drift/år",
    "it-systemer": "IT Systemer", "kommunenummer": "Kommunekode",
}

FORMATS = {
    "template": (TEMPLATE_COLUMNS, TEMPLATE_REQUIRED),
}  # KITOS's exports: kitos_format.py


def canonical(header: str) -> str:
    clean = " ".join(str(header or "").split())
    return HEADER_ALIASES.get(clean.lower(), clean)


def detect(header: list[str]) -> str | None:
    """'template', 'kitos_usages', 'kitos_contracts' or None, from a file's header row."""
    from . import kitos_format

    names = {canonical(h) for h in header}
    if "Kategori" in names and "Produkt" in names:
        return "template"
    return kitos_format.detect(header)


# --- choices -------------------------------------------------------------------------------------
def _choice_map(choices, extra=None):
    mapping = {}
    for value, label in choices:
        mapping[str(value).lower()] = value
        mapping[str(label).lower()] = value
    mapping.update(extra or {})
    return mapping


CHOICES = {
    "lifecycle": _choice_map(Lifecycle.choices, {"i drift": "operational", "indfasning": "phasing_in",
                                                 "udfasning": "phasing_out", "": "undecided"}),
    "criticality": _choice_map(Criticality.choices, {"mellem": "medium"}),
    "user_count": _choice_map(UserCountBand.choices, {"under 10": "under_10", "over 100": "over_100",
                                                      "10-50": "10_50", "50-100": "50_100"}),
    "notice": _choice_map(NoticeRunsTo.choices, {"dag": "day", "løbende": "day", "måned": "month",
                                                 "kvartal": "quarter", "år": "year", "måneden": "month",
                                                 "kvartalet": "quarter", "året": "year"}),
    "strategy": _choice_map(ProcurementStrategy.choices, {"direkte": "direct", "udbud": "own_tender",
                                                         "fællesudbud": "joint_tender", "ski": "framework"}),
}
CHOICE_LABELS = {
    "lifecycle": dict(Lifecycle.choices), "criticality": dict(Criticality.choices),
    "user_count": dict(UserCountBand.choices), "notice": {"day": "dag", "month": "måned", "quarter": "kvartal",
                                                          "year": "år"},
    "strategy": dict(ProcurementStrategy.choices),
}


class CellError(ValueError):
    pass


DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%Y", "%d-%m-%y")


def parse(kind: str, value):
    """Parse one cell; raises CellError with a Danish reason. Empty cells give None."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if kind == "text":
        return str(value).strip() if not isinstance(value, float) or not value.is_integer() else str(int(value))
    if kind == "code":
        text = str(int(value)) if isinstance(value, int | float) else str(value).strip()
        if not re.fullmatch(r"\d{1,3}", text):
            raise CellError(f"'{value}' er ikke en kommunekode (3 cifre)")
        return text.zfill(3)
    if kind == "cvr":
        text = str(int(value)) if isinstance(value, int | float) else re.sub(r"\s", "", str(value))
        if not re.fullmatch(r"\d{8}", text):
            raise CellError(f"'{value}' er ikke et CVR-nummer (8 cifre)")
        return text
    if kind == "date":
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        text = str(value).strip()
        for fmt in DATE_FORMATS:
            try:
                day = datetime.datetime.strptime(text, fmt).date()
            except ValueError:
                continue
            if not 1900 <= day.year <= 2200:
                break
            return day
        raise CellError(f"ugyldig dato '{value}' – skriv ÅÅÅÅ-MM-DD eller DD-MM-ÅÅÅÅ")
    if kind == "int":
        number = _number(value)
        if number != number.to_integral_value():
            raise CellError(f"'{value}' skal være et helt tal")
        if number < 0:
            raise CellError(f"'{value}' må ikke være negativ")
        if number > 1000:
            raise CellError(f"'{value}' er urimeligt stort")
        return int(number)
    if kind == "money":
        number = _number(value)
        if number < 0:
            raise CellError(f"beløbet {value} må ikke være negativt")
        if number >= Decimal("1e12"):
            raise CellError(f"beløbet {value} er for stort")
        return number.quantize(Decimal("0.01"))
    if kind == "percent":
        number = _number(str(value).replace("%", "") if isinstance(value, str) else value)
        if number < 0:
            raise CellError(f"procentsatsen {value} må ikke være negativ")
        if number > 500:
            raise CellError(f"procentsatsen {value} er for stor")
        return (number / 100).quantize(Decimal("0.0001"))
    if kind == "bool":
        text = str(value).strip().lower()
        if text in ("ja", "j", "x", "1", "sand", "true", "yes"):
            return True
        if text in ("nej", "n", "0", "falsk", "false", "no", "-"):
            return False
        raise CellError(f"'{value}' skal være ja eller nej")
    if kind == "quarter":
        text = str(value).strip().upper()
        match = re.fullmatch(r"(\d{4})\s*[-|/ ]?\s*Q([1-4])", text) or re.fullmatch(r"Q([1-4])\s*[-|/ ]?\s*(\d{4})", text)
        if not match:
            raise CellError(f"'{value}' er ikke et kvartal – skriv fx 2028-Q3")
        year, quarter = match.groups() if len(match.group(1)) == 4 else match.groups()[::-1]
        return f"{year}-Q{quarter}"
    if kind == "notice":  # KITOS "3 md" / "3"
        match = re.fullmatch(r"(\d+)\s*(md\.?|mdr\.?|måneder|måned)?", str(value).strip().lower())
        if not match:
            raise CellError(f"'{value}' er ikke en opsigelsesfrist i måneder (fx '3 md')")
        return int(match.group(1))
    if kind == "option":  # KITOS "2 x 12 md" / "2 x 1 år" / "12 md"
        text = str(value).strip().lower().replace("×", "x")
        match = re.fullmatch(r"(?:(\d+)\s*x\s*)?(\d+)\s*(md\.?|mdr\.?|måneder|måned|år)", text)
        if not match:
            raise CellError(f"'{value}' er ikke en option – skriv fx '2 x 12 md'")
        count = int(match.group(1) or 1)
        months = int(match.group(2)) * (12 if match.group(3) == "år" else 1)
        return (count, months)
    if kind.startswith("choice:"):
        name = kind.split(":", 1)[1]
        text = str(value).strip().lower()
        if text in CHOICES[name]:
            return CHOICES[name][text]
        allowed = ", ".join(sorted({str(v) for v in CHOICE_LABELS[name].values() if str(v)}))
        raise CellError(f"'{value}' er ikke en gyldig værdi (brug en af: {allowed})")
    raise CellError(f"ukendt kolonnetype {kind}")  # pragma: no cover


def _number(value) -> Decimal:
    if isinstance(value, bool):
        raise CellError(f"'{value}' er ikke et tal")
    if isinstance(value, int | float | Decimal):
        return Decimal(str(value))
    text = str(value).strip().lower().replace("kr.", "").replace("kr", "").replace("dkk", "")
    text = text.replace(" ", "").replace("\u00a0", "")
    if re.fullmatch(r"-?\d{1,3}(\.\d{3})+(,\d+)?", text):  # 1.234.567,50
        text = text.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"-?\d+,\d+", text):  # 1234,5
        text = text.replace(",", ".")
    elif re.fullmatch(r"-?\d{1,3}(,\d{3})+(\.\d+)?", text):  # 1,234,567.50
        text = text.replace(",", "")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise CellError(f"'{value}' er ikke et tal") from None
    if not number.is_finite():
        raise CellError(f"'{value}' er ikke et tal")
    return number


def format_cell(kind: str, value):
    """The value as written in an export (the import reads it back unchanged)."""
    if value is None or value == "":
        return ""
    if kind == "date":
        return value.isoformat()
    if kind == "money":
        value = Decimal(str(value))
        return float(value) if value != value.to_integral_value() else int(value)
    if kind == "percent":
        number = (Decimal(value) * 100).normalize()
        return float(number) if number != number.to_integral_value() else int(number)
    if kind == "bool":
        return "ja" if value else "nej"
    if kind.startswith("choice:"):
        name = kind.split(":", 1)[1]
        if name == "notice":
            return CHOICE_LABELS["notice"].get(value, value)
        return str(CHOICE_LABELS[name].get(value, value))
    return value
