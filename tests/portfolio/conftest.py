"""Portfolio test setup on top of `world`: one contract and usage per municipality, with sharing:
Albertslund (165) shares portfolio and economy with alpha, Ballerup (151) shares its portfolio with
alpha but NOT its economy, Brøndby (153) shares nothing with beta. Distinctive amounts make leaks
easy to find in any response."""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest

HIDDEN_ECONOMY = Decimal("7777777")  # Ballerup's operation cost: never visible to alpha
HIDDEN_PORTFOLIO_PRODUCT = "Skjult Brøndby-system"  # Brøndby's product: never visible to alpha


@pytest.fixture
def pf(world):
    from digisam.portfolio.models import Category, Contract, Product, SharingSetting, Usage

    omsorg = Category.objects.get(slug="omsorg")
    esdh = Category.objects.get(slug="esdh")
    nexus = Product.objects.get(category=omsorg, name="KMD Nexus")
    cura = Product.objects.get(category=omsorg, name="Systematic Cura")
    sbsys = Product.objects.get(category=esdh, name="SBSYS")
    hidden = Product.objects.create(category=omsorg, name=HIDDEN_PORTFOLIO_PRODUCT)
    o = world.orgs

    def portfolio(org, product, category, cost, expires):
        usage = Usage.objects.create(organisation=org, category=category, product=product, lifecycle="operational")
        contract = Contract.objects.create(
            organisation=org, category=category, product=product, contract_id=f"K-{org.code}-{category.slug}",
            name=f"{category.name} {org.name}", expires=expires, notice_months=6, extension_count=1,
            extension_months=12, cost_operation=cost, cost_other=Decimal("1000"), early_exit_months=6,
            early_exit_fee=Decimal("50000"),
        )
        contract.usages.set([usage])
        return usage, contract

    u165, c165 = portfolio(o["165"], nexus, omsorg, Decimal("2500000"), datetime.date(2029, 6, 30))
    u165e, c165e = portfolio(o["165"], sbsys, esdh, Decimal("900000"), datetime.date(2030, 12, 31))
    u151, c151 = portfolio(o["151"], cura, omsorg, HIDDEN_ECONOMY, datetime.date(2029, 12, 31))
    u153, c153 = portfolio(o["153"], hidden, omsorg, Decimal("3333333"), datetime.date(2031, 3, 31))
    SharingSetting.objects.create(organisation=o["165"], collaboration=world.alpha, share_portfolio=True,
                                  share_economy=True)
    SharingSetting.objects.create(organisation=o["151"], collaboration=world.alpha, share_portfolio=True,
                                  share_economy=False)
    SharingSetting.objects.create(organisation=o["153"], collaboration=world.beta, share_portfolio=False,
                                  share_economy=False)
    return SimpleNamespace(omsorg=omsorg, esdh=esdh, nexus=nexus, cura=cura, hidden=hidden, c165=c165, c165e=c165e,
                           c151=c151, c153=c153, u165=u165, u151=u151, u153=u153)


def _xlsx(header, rows, title="Portefølje"):
    import io

    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _xlsx_cells(cells):
    import io

    from openpyxl import Workbook

    workbook = Workbook()
    for ref, value in cells.items():
        workbook.active[ref] = value
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


_HUGE = {}


def _huge_string_xlsx():
    """~300 KB of xlsx whose one shared string inflates to 300 MB (the issue's second bomb)."""
    if "data" not in _HUGE:
        import io
        import zipfile

        main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
            archive.writestr("xl/workbook.xml", f"<workbook xmlns='{main}'><sheets><sheet name='Portefølje' "
                                                "sheetId='1'/></sheets></workbook>")
            archive.writestr("xl/worksheets/sheet1.xml", f"<worksheet xmlns='{main}'><sheetData><row r='1'><c r='A1' "
                                                         "t='s'><v>0</v></c></row></sheetData></worksheet>")
            with archive.open("xl/sharedStrings.xml", "w") as handle:
                handle.write(f"<sst xmlns='{main}'><si><t>".encode())
                for _ in range(300):
                    handle.write(b"A" * (1024 * 1024))
                handle.write(b"</t></si></sst>")
        _HUGE["data"] = buffer.getvalue()
    return _HUGE["data"]


def _csv(header, rows):
    from digisam.portfolio import exports

    return exports.write_csv(header, rows)


def template_row(**values):
    """One template row (list) for municipality 165 with sensible defaults, overridden by `values`."""
    from digisam.portfolio import formats

    base = {
        "Kommunekode": "165", "Kategori": "omsorg", "Produkt": "KMD Nexus", "Leverandør": "KMD A/S",
        "Livscyklus": "I drift", "Kontrakt ID": "K-NY-1", "Kontraktnavn": "Omsorg", "Gyldig fra": "2022-07-01",
        "Gyldig til": "2030-06-30", "Opsigelsesfrist (måneder)": "6", "Opsigelse til udgangen af": "måned",
        "Drift/år": "1.250.000", "Andet": "0", "Anskaffelse": "0",
    }
    base.update(values)
    return [base.get(h, "") for h, _k, _t in formats.TEMPLATE_COLUMNS]


def template_header():
    from digisam.portfolio import formats

    return [h for h, _k, _t in formats.TEMPLATE_COLUMNS]


@pytest.fixture
def broken_files(tmp_path):
    """name -> (path, expected text in the error). Generated, not committed (the large one is 21 MB)."""
    import os

    header = template_header()
    files = {
        "wrong_headers.csv": (_csv(["Navn", "Pris", "Dato"], [["Nexus", "12", "2029-01-01"]]),
                              "Kolonneoverskrifterne blev ikke genkendt"),
        "bad_dates.csv": (_csv(header, [template_row(**{"Gyldig til": "31/13/2029"})]),
                          "række 2, kolonne Gyldig til: ugyldig dato"),
        "unknown_municipality.csv": (_csv(header, [template_row(Kommunekode="999")]), "999"),
        "negative_amounts.csv": (_csv(header, [template_row(**{"Drift/år": "-5000"})]),
                                 "række 2, kolonne Drift/år: beløbet -5000 må ikke være negativt"),
        "duplicate_rows.csv": (_csv(header, [template_row(), template_row()]), "række 3, kolonne Produkt: dubleret"),
        "wrong_sheet.xlsx": (_xlsx(["Noget", "Andet"], [["a", "b"]], title="Ark1"), "Ingen fane i regnearket"),
        "empty.csv": (b"", "Filen er tom"),
        "not_a_spreadsheet.xlsx": (b"Dette er bare tekst, ikke et regneark.\n" * 20, "ikke et gyldigt Excel-regneark"),
        "formulas.xlsx": (_xlsx(header, [template_row(**{"Drift/år": "=1000*12"})]),
                          "række 2, kolonne Drift/år: formler er ikke tilladt"),
        "large_junk.csv": (os.urandom(21 * 1024 * 1024), "for stor"),
        "bomb_a1_xfd20000.xlsx": (_xlsx_cells({"A1": "Kategori", "B1": "Produkt", "XFD20000": "x"}), "XFD20000"),
        "bomb_huge_string.xlsx": (_huge_string_xlsx(), "afvises for at beskytte serveren"),
        "truncated.xlsx": (_xlsx(header, [template_row()])[:-200], "ufuldstændig"),
        "long_cell.csv": (_csv(header, [template_row(Noter="x" * 40000)]), "40.000 tegn"),
    }
    folder = tmp_path / "files"
    folder.mkdir()
    result = {}
    for name, (data, expected) in files.items():
        path = folder / name
        path.write_bytes(data)
        result[name] = (path, expected)
    return result


KITOS_USAGE_HEADER = ["IT System", "Lokal System ID", "Rettighedshaver", "Livscyklus", "Ansvarlig organisationsenhed",
                      "Antal brugere", "KLE ID", "Note"]
KITOS_CONTRACT_HEADER = ["IT Kontrakt", "Kontrakt ID", "Leverandør", "IT Systemer", "Indgået", "Gyldig fra",
                         "Gyldig til", "Uopsigelig til", "Opsagt", "Opsigelse", "Option", "Anskaffelse", "Drift/år",
                         "Andet", "Genanskaffelsesplan"]


@pytest.fixture
def kitos_files(tmp_path):
    """KITOS overview exports (usages and contracts) for Albertslund, built from KITOS's column set."""
    usages = _xlsx(KITOS_USAGE_HEADER, [
        ["KMD Nexus", "SYS-1", "KMD A/S", "I drift", "Sundhed og Omsorg", ">100", "27.36", ""],
        ["SBSYS", "SYS-2", "SBSYS (brugerklub)", "Under udfasning", "Digitalisering", "50-100", "", "Udfases 2028"],
        ["Acadre", "SYS-3", "Formpipe", "Under indfasning", "Digitalisering", "10-50", "", ""],
    ], title="IT Systemer")
    contracts = _xlsx(KITOS_CONTRACT_HEADER, [
        ["Omsorgssystem 2021", "K-2021-17", "KMD A/S", "KMD Nexus", "01-03-2021", "01-07-2021", "30-06-2029",
         "30-06-2025", "", "6 md", "2 x 12 md", "1.200.000", "2.600.000", "150.000", "Q1 | 2028"],
        ["ESDH-aftale", "K-2016-03", "Formpipe", "SBSYS, Acadre", "15-01-2016", "01-02-2016", "31-01-2028", "",
         "", "3 md", "", "0", "800000", "0", ""],
    ], title="IT Kontrakter")
    (tmp_path / "kitos-systemer.xlsx").write_bytes(usages)
    (tmp_path / "kitos-kontrakter.xlsx").write_bytes(contracts)
    return tmp_path / "kitos-systemer.xlsx", tmp_path / "kitos-kontrakter.xlsx"


def domain_counts():
    from digisam.core.models import AuditEntry
    from digisam.portfolio.models import Contract, Product, Usage

    return (Usage.objects.count(), Contract.objects.count(), Product.objects.count(), AuditEntry.objects.count())


@pytest.fixture
def counts():
    """counts() -> (usages, contracts, products, audit entries): to prove nothing was written."""
    return domain_counts


@pytest.fixture
def make_template():
    """make_template([{header: value}, ...], fmt="csv"|"xlsx") -> file bytes in the digisam template."""

    def make(rows, fmt="csv"):
        header = template_header()
        body = [template_row(**r) for r in rows]
        return _xlsx(header, body) if fmt == "xlsx" else _csv(header, body)

    return make
