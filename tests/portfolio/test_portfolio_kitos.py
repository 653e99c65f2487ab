"""KITOS's real overview exports (../shared/data/kitos-exports.md): both files, any column set, every
value as KITOS writes it, vendors by CVR, the catalogue UUID as identity, the category review list,
both files in one go with the difference, and export → import unchanged."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command

from digisam.core.models import AuditEntry
from digisam.organisations.models import Organisation
from digisam.portfolio.importer import import_file, import_files
from digisam.portfolio.models import CategoryMapping, Contact, Contract, Product, Usage

NEXUS_UUID = "0f6e2b0c-5d3a-4c7e-9a51-6e1f1c3b9a01"
SBSYS_UUID = "1a2b3c4d-0000-4000-8000-00000000beef"
ODD_UUID = "9d7c1e55-7a0b-4f2e-8c33-000000000abc"
KMD = "KMD A/S (26911745)"

# The default ("viste kolonner") usage export of the current UI, with the UUID column switched on.
USAGE_HEADER = ["Status", "Status (Datofelter)", "Status (Livscyklus)", "Status (Markeret kontrakt)",
                "IT-System (UUID)", "IT System", "Lokal kaldenavn", "Ansv. organisationsenhed",
                "Relevante organisationsenheder", "Tidligere systemnavn", "Forretningstype", "KLE navn",
                "Lokal Reference", "DataType", "Leverandør", "Rettighedshaver", "Ibrugtagningsdato",
                "Slutdato for anvendelse", "Livscyklus", "Arkiveringspligt", "Er dokumentbærende",
                "IT systemet driftes", "Systemets overordnede formål", "Behandlingsformål",
                "Dato for seneste risikovurdering", "Dato for planlagt risikovurdering", "Noter", "Antal brugere",
                "Systemejer", "Systemejer Email#"]
CONTRACT_HEADER = ["Status", "Kontrakt ID", "Overordnet kontrakt", "IT Kontrakt", "Gyldig fra", "Gyldig til",
                   "Kritikalitet", "Ansvarlig org. enhed", "Leverandør", "Kontraktunderskriver", "Kontrakttype",
                   "Kontraktskabelon", "Indkøbsform", "Genanskaffelsesstrategi", "Genanskaffelsesplan",
                   "Genanskaffelse igangsat", "Databehandleraftaler", "IT Systemer", "IT Systemer (UUID)",
                   "Antal relationer", "Reference", "Dokument ID/Sagsnr.", "Anskaffelse", "Drift/år", "Andet",
                   "Driftsvederlag begyndt", "Betalingsmodel", "Betalingsfrekvens", "Audit dato", "Audit status",
                   "Varighed", "Option", "Opsigelse (måneder)", "Uopsigelig til", "Opsagt", "Sidst redigeret: Bruger",
                   "Sidst redigeret: Dato", "Kontraktejer", "Kontraktejer Email#"]


def usage_row(**values):
    base = {"Status": "Aktivt", "Status (Markeret kontrakt)": "Active", "IT-System (UUID)": NEXUS_UUID,
            "IT System": "KMD Nexus", "Lokal kaldenavn": "Nexus Omsorg", "Ansv. organisationsenhed": "Sundhed",
            "Forretningstype": "Fagsystem", "Leverandør": "KMD", "Rettighedshaver": KMD, "Livscyklus": "I drift",
            "Noter": "", "Antal brugere": "100-499", "Systemejer": "Hanne Holm",
            "Systemejer Email#": "hanne@albertslund.dk", "Ibrugtagningsdato": "01-07-2021"}
    base.update(values)
    return [base.get(h, "") for h in USAGE_HEADER]


def contract_row(**values):
    base = {"Status": "Gyldig", "Kontrakt ID": "K-2021-17", "IT Kontrakt": "Omsorgssystem", "Gyldig fra": "01-07-2021",
            "Gyldig til": "30-06-2029", "Leverandør": KMD, "Kontrakttype": "Hovedkontrakt",
            "Genanskaffelsesstrategi": "SKI - mini-udbud", "Genanskaffelsesplan": "Q3 | 2027",
            "Genanskaffelse igangsat": "Nej", "IT Systemer": "KMD Nexus", "IT Systemer (UUID)": NEXUS_UUID,
            "Anskaffelse": 1200000, "Drift/år": 2600000, "Andet": 150000, "Varighed": "8 år",
            "Option": "2 x 1 år", "Opsigelse (måneder)": "6", "Uopsigelig til": "30-06-2025",
            "Kontraktejer": "Ole Olsen", "Kontraktejer Email#": "ole@albertslund.dk"}
    base.update(values)
    return [base.get(h, "") for h in CONTRACT_HEADER]


def xlsx(header, rows, title):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = title
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def usages_file(rows=None, header=USAGE_HEADER):
    return xlsx(header, rows if rows is not None else [usage_row()], "IT Systemer Overblik")


def contracts_file(rows=None, header=CONTRACT_HEADER):
    return xlsx(header, rows if rows is not None else [contract_row()], "IT Kontrakter Overblik")


def coordinator(world, code):
    """Albertslund's coordinator for 165; the system user (a platform-wide import) for others."""
    from digisam.core import services

    return world.users["coordinator"] if code == "165" else services.SYSTEM


def both(world, usages=None, contracts=None, dry_run=False, code="165"):
    return import_files([(usages or usages_file(), "it-systemer.xlsx"),
                         (contracts or contracts_file(), "it-kontrakter.xlsx")],
                        user=coordinator(world, code), municipality=code, dry_run=dry_run)


def test_the_default_exports_import_together_with_notices_for_unused_columns(world):
    result = both(world)
    assert result.ok, result.errors
    assert any("kolonner, digisam ikke bruger" in n and "Arkiveringspligt" in n for n in result.notices)
    usage = Usage.objects.get(organisation__code="165")
    assert (usage.kitos_uuid, usage.local_name, usage.responsible_unit) == (NEXUS_UUID, "Nexus Omsorg", "Sundhed")
    assert usage.user_count == "100_499" and usage.lifecycle == "operational"
    assert usage.product.kitos_uuid == NEXUS_UUID and usage.category.slug == "omsorg"
    contract = Contract.objects.get(contract_id="K-2021-17")
    assert contract.usages.get() == usage
    assert (contract.extension_count, contract.extension_months, contract.notice_months) == (2, 12, 6)
    assert contract.duration_months == 96 and contract.planned_reprocurement == "2027-Q3"
    assert contract.procurement_strategy == "framework" and contract.kitos_procurement_strategy == "SKI - mini-udbud"
    assert str(contract.expires) == "2029-06-30" and str(contract.irrevocable_until) == "2025-06-30"
    assert contract.supplier.cvr == "26911745" and contract.supplier.name == "KMD A/S"
    assert {(c.role, c.name, c.email) for c in Contact.objects.all()} == {
        ("Systemejer", "Hanne Holm", "hanne@albertslund.dk"), ("Kontraktejer", "Ole Olsen", "ole@albertslund.dk")}


def test_reimporting_the_same_exports_changes_nothing(world):
    assert both(world).ok
    entries = AuditEntry.objects.count()
    again = both(world)
    assert again.ok, again.errors
    assert again.counts["usages"] == {"created": 0, "updated": 0, "unchanged": 1}
    assert again.counts["contracts"] == {"created": 0, "updated": 0, "unchanged": 1}
    assert AuditEntry.objects.count() == entries


def test_the_dry_run_shows_changes_field_by_field_and_what_is_gone(world):
    assert both(world, contracts=contracts_file([contract_row(), contract_row(**{
        "Kontrakt ID": "K-OLD", "IT Kontrakt": "Gammel aftale", "IT Systemer (UUID)": ""})])).ok
    result = both(world, contracts=contracts_file([contract_row(**{"Drift/år": 2700000})]), dry_run=True)
    assert result.ok, result.errors
    changed = [d for d in result.diff if d["state"] == "updated"]
    assert changed[0]["fields"]["cost_operation"] == ["2600000.00", "2700000.00"]
    assert result.missing == ["kontrakt: Gammel aftale"]
    assert Contract.objects.get(contract_id="K-2021-17").cost_operation == 2600000
    assert Contract.objects.filter(contract_id="K-OLD").exists()  # flagged, never deleted


def test_any_column_may_be_switched_off_and_absent_columns_leave_stored_values_alone(world):
    assert both(world).ok
    header = [h for h in USAGE_HEADER if h not in ("Livscyklus", "Antal brugere", "Lokal kaldenavn")]
    rows = [[v for h, v in zip(USAGE_HEADER, usage_row(), strict=True) if h in header]]
    result = import_file(usages_file(rows, header)[::-1][::-1], "u.xlsx", user=world.users["coordinator"],
                         municipality="165", dry_run=False)
    assert result.ok, result.errors
    assert result.counts["usages"]["unchanged"] == 1
    assert Usage.objects.get().user_count == "100_499"


def test_columns_in_any_order_and_the_old_ui_headers(world):
    old_header = ["Note", "IT System", "Ansvarlig organisationsenhed", "UUID", "Rettighedshaver", "Livscyklus",
                  "Datatype", "Systemejer", 'Systemejer Email"']
    rows = [["Gammel note", "KMD Nexus", "Sundhed", NEXUS_UUID, KMD, "Under udfasning", "", "Hanne Holm",
             "hanne@albertslund.dk"]]
    result = import_file(usages_file(rows, old_header), "gammel.xlsx", user=world.users["coordinator"],
                         municipality="165", dry_run=False)
    assert result.ok, result.errors
    usage = Usage.objects.get()
    assert (usage.notes, usage.lifecycle, usage.kitos_uuid) == ("Gammel note", "phasing_out", NEXUS_UUID)
    assert Contact.objects.get().email == "hanne@albertslund.dk"


def test_a_missing_column_digisam_needs_is_one_clear_error(world):
    header = [h for h in USAGE_HEADER if h != "IT System"]
    rows = [[v for h, v in zip(USAGE_HEADER, usage_row(), strict=True) if h != "IT System"]]
    result = import_file(usages_file(rows, header), "u.xlsx", user=world.users["coordinator"], municipality="165")
    assert result.errors == ["række 1, kolonne IT System: kolonnen mangler – den skal være med i KITOS-eksporten"]


@pytest.mark.parametrize(("column", "value", "expected"), [
    ("Livscyklus", "Måske", "række 2, kolonne Livscyklus: 'Måske' er ikke en livscyklus (brug en af: Under indfasning"),
    ("Antal brugere", "1000+", "'1000+' er ikke et antal brugere (brug en af: <10, 10-49, 50-99, 100-499, >500)"),
    ("Status", "Måske", "række 2, kolonne Status: 'Måske' er ikke en gyldig status (brug en af: Aktivt, Ikke aktivt)"),
    ("Status (Markeret kontrakt)", "Yes", "brug en af: Active, Inactive, NoContract"),
    ("IT-System (UUID)", "ikke-en-uuid", "række 2, kolonne IT-System (UUID): 'ikke-en-uuid' er ikke en UUID"),
    ("Systemejer Email#", "ikke en adresse", "kolonne Systemejer Email#: 'ikke en adresse' er ikke en e-mailadresse"),
])
def test_unknown_values_name_row_column_value_and_what_is_allowed(world, column, value, expected):
    result = import_file(usages_file([usage_row(**{column: value})]), "u.xlsx", user=world.users["coordinator"],
                         municipality="165")
    assert any(expected in e for e in result.errors), result.errors


@pytest.mark.parametrize(("column", "value", "expected"), [
    ("Option", "to gange", "'to gange' er ikke en option – KITOS skriver fx '2 x 1 år' eller '1 x ½ år'"),
    ("Varighed", "længe", "'længe' er ikke en varighed"),
    ("Genanskaffelsesstrategi", "Lodtrækning", "brug en af: Annoncering, EU udbud, Mini-udbud"),
    ("Gyldig til", "31-13-2029", "række 2, kolonne Gyldig til: ugyldig dato"),
    ("Genanskaffelse igangsat", "Måske", "skal være Ja eller Nej"),
    ("Status", "Udløbet", "brug en af: Gyldig, Ikke gyldig"),
])
def test_unknown_contract_values_are_clear_errors_and_nothing_is_written(world, counts, column, value, expected):
    before = counts()
    result = both(world, contracts=contracts_file([contract_row(**{column: value})]))
    assert any(expected in e for e in result.errors), result.errors
    assert counts() == before


@pytest.mark.parametrize(("written", "months"), [("1 x ½ år", (1, 6)), ("2 x 1 år", (2, 12)),
                                                  ("1 x 1½ år", (1, 18)), ("3 x 6 md", (3, 6))])
def test_option_names_as_kitos_writes_them(world, written, months):
    assert both(world, contracts=contracts_file([contract_row(Option=written)])).ok
    contract = Contract.objects.get()
    assert (contract.extension_count, contract.extension_months) == months


@pytest.mark.parametrize(("written", "months"), [("2 år og 6 måneder", 30), ("Løbende", 0), ("1 måned", 1)])
def test_duration_as_kitos_writes_it(world, written, months):
    assert both(world, contracts=contracts_file([contract_row(Varighed=written)])).ok
    assert Contract.objects.get().duration_months == months


def test_old_status_chips_true_false_are_accepted(world):
    assert both(world, usages=usages_file([usage_row(**{"Status (Markeret kontrakt)": "false"})])).ok


def test_one_vendor_by_cvr_across_municipalities_named_without_its_cvr(world):
    assert both(world).ok
    retired = contract_row(**{"Leverandør": "KMD A/S (26911745) (udgået)"})
    result = both(world, code="151", contracts=contracts_file([retired]))
    assert result.ok, result.errors
    vendor = Organisation.objects.get(cvr="26911745")
    assert vendor.kind == "company" and vendor.name == "KMD A/S"
    assert set(Contract.objects.values_list("supplier", flat=True)) == {vendor.pk}
    assert any("udgået" in n for n in result.notices)


def test_the_catalogue_uuid_is_the_identity_of_a_system_whatever_it_is_called_locally(world):
    assert both(world).ok
    local = usage_row(**{"IT System": "KMD Nexus (Ikke tilgængeligt)", "Lokal kaldenavn": "Vores omsorg"})
    assert both(world, code="151", usages=usages_file([local])).ok
    products = {u.product_id for u in Usage.objects.all()}
    assert len(products) == 1 and Usage.objects.count() == 2
    assert Product.objects.get(pk=products.pop()).kitos_uuid == NEXUS_UUID


def test_without_a_uuid_a_system_is_matched_by_name_and_vendor_and_the_dry_run_says_so(world):
    header = [h for h in USAGE_HEADER if h != "IT-System (UUID)"]
    rows = [[v for h, v in zip(USAGE_HEADER, usage_row(), strict=True) if h in header]]
    result = import_file(usages_file(rows, header), "u.xlsx", user=world.users["coordinator"], municipality="165",
                         dry_run=False)
    assert result.ok, result.errors
    assert Usage.objects.get().product.name == "KMD Nexus"
    assert any("matchet på systemnavn og leverandør" in n for n in result.notices)


def test_an_unmapped_system_goes_to_the_review_list_and_the_choice_is_remembered_for_everyone(world, counts):
    odd = usage_row(**{"IT-System (UUID)": ODD_UUID, "IT System": "Særsystem X", "Rettighedshaver":
                       "Lille Firma ApS (12345678)"})
    before = counts()
    result = import_file(usages_file([odd]), "u.xlsx", user=world.users["coordinator"], municipality="165",
                         dry_run=False)
    assert not result.ok and counts() == before
    assert result.unmapped == [{"key_kind": "uuid", "key": ODD_UUID, "label": "Særsystem X",
                                "rows": ["u.xlsx række 2"]}]
    from digisam.portfolio.models import Category

    CategoryMapping.objects.create(key_kind="uuid", key=ODD_UUID, label="Særsystem X",
                                   category=Category.objects.get(slug="esdh"))
    assert import_file(usages_file([odd]), "u.xlsx", user=world.users["coordinator"], municipality="165",
                       dry_run=False).ok
    assert import_file(usages_file([odd]), "u.xlsx", user=coordinator(world, "151"), municipality="151",
                       dry_run=False).ok
    assert set(Usage.objects.values_list("category__slug", flat=True)) == {"esdh"}


def test_contracts_link_systems_by_uuid_even_when_names_contain_commas(world):
    comma = usage_row(**{"IT-System (UUID)": SBSYS_UUID, "IT System": "SBSYS, version 2",
                         "Rettighedshaver": "SBSYS (29189374)", "Lokal kaldenavn": ""})
    contracts = [contract_row(**{"IT Systemer": "KMD Nexus, SBSYS, version 2",
                                 "IT Systemer (UUID)": f"{NEXUS_UUID}, {SBSYS_UUID}",
                                 "Genanskaffelsesstrategi": ""})]
    from digisam.portfolio.models import Category

    CategoryMapping.objects.create(key_kind="uuid", key=SBSYS_UUID, category=Category.objects.get(slug="omsorg"))
    result = both(world, usages=usages_file([usage_row(), comma]), contracts=contracts_file(contracts))
    assert result.ok, result.errors
    assert set(Contract.objects.get().usages.values_list("product__name", flat=True)) == {"KMD Nexus",
                                                                                        "SBSYS, version 2"}


def test_a_supplement_belongs_to_its_parent(world):
    supplement = contract_row(**{"Kontrakt ID": "K-2021-17-T1", "IT Kontrakt": "Tillæg 1", "Kontrakttype":
                                 "Tillægskontrakt", "Overordnet kontrakt": "Omsorgssystem", "Drift/år": 100000})
    result = both(world, contracts=contracts_file([supplement, contract_row()]))
    assert result.ok, result.errors
    parent = Contract.objects.get(contract_id="K-2021-17")
    assert Contract.objects.get(contract_id="K-2021-17-T1").parent == parent
    assert both(world, contracts=contracts_file([supplement, contract_row()])).counts["contracts"]["unchanged"] == 2


def test_a_contracts_export_uploaded_as_the_systems_file_is_refused(world, counts):
    before = counts()
    result = import_files([(contracts_file(), "systemer.xlsx")], user=world.users["coordinator"], municipality="165",
                          dry_run=False, expected=["kitos_usages"])
    assert result.errors == ["filen er en KITOS-eksport af IT-kontrakter, men den er uploadet som en "
                             "KITOS-eksport af IT-systemer."]
    assert counts() == before


def test_duplicate_rows_and_a_file_from_another_system_are_refused(world, counts):
    before = counts()
    result = both(world, usages=usages_file([usage_row(), usage_row()]))
    assert any("række 3, kolonne IT-System (UUID): dubleret række" in e for e in result.errors)
    other = xlsx(["Navn", "Beskrivelse", "Ejer"], [["x", "y", "z"]], "Ark1")
    assert "Ingen fane i regnearket" in import_file(other, "x.xlsx", user=world.users["coordinator"],
                                                    municipality="165").errors[0]
    assert counts() == before


def test_both_files_in_one_go_are_all_or_nothing(world, counts):
    before = counts()
    result = both(world, contracts=contracts_file([contract_row(**{"Gyldig fra": "01-01-2030"})]))
    assert not result.ok  # the contract ends before it starts: the usages are not written either
    assert counts() == before


def test_export_writes_kitos_headers_and_values_and_imports_back_unchanged(world, tmp_path):
    assert both(world).ok
    for kind, title in (("kitos_usages", "IT Systemer Overblik"), ("kitos_contracts", "IT Kontrakter Overblik")):
        path = tmp_path / f"{kind}.xlsx"
        call_command("portfolio", "export", "--municipality", "165", "--kind", kind, "-o", str(path))
        from openpyxl import load_workbook

        sheet = load_workbook(path).active
        assert sheet.title == title
        header = [c.value for c in sheet[1]]
        values = dict(zip(header, [c.value for c in sheet[2]], strict=True))
        if kind == "kitos_contracts":
            assert values["Gyldig til"] == "30-06-2029" and values["Option"] == "2 x 1 år"
            assert values["Leverandør"] == KMD and values["Genanskaffelsesplan"] == "Q3 | 2027"
            assert values["Varighed"] == "8 år" and values["IT Systemer (UUID)"] == NEXUS_UUID
            assert values["Kontraktejer Email#"] == "ole@albertslund.dk"
        else:
            assert values["Rettighedshaver"] == KMD and values["Antal brugere"] == "100-499"
            assert values["IT-System (UUID)"] == NEXUS_UUID
    result = import_files([((tmp_path / "kitos_usages.xlsx").read_bytes(), "u.xlsx"),
                           ((tmp_path / "kitos_contracts.xlsx").read_bytes(), "c.xlsx")],
                          user=world.users["coordinator"], municipality="165", dry_run=True)
    assert result.ok, result.errors
    assert result.counts["usages"]["unchanged"] == 1 and result.counts["contracts"]["unchanged"] == 1
    assert not result.diff


def test_the_cli_takes_both_files_and_exits_2_on_errors(world, tmp_path):
    usages, contracts = tmp_path / "u.xlsx", tmp_path / "c.xlsx"
    usages.write_bytes(usages_file())
    contracts.write_bytes(contracts_file([contract_row(Option="mange")]))
    stderr = io.StringIO()
    with pytest.raises(CommandError) as error:
        call_command("portfolio", "import", str(usages), str(contracts), "--municipality", "165", stderr=stderr)
    assert error.value.returncode == 2 and "'mange' er ikke en option" in stderr.getvalue()
    assert not Usage.objects.exists()
    contracts.write_bytes(contracts_file())
    out = io.StringIO()
    call_command("portfolio", "import", str(usages), str(contracts), "--municipality", "165", stdout=out)
    assert Contract.objects.get().usages.count() == 1


def test_a_supplements_costs_are_counted_once_in_the_planners_input(world):
    from digisam.portfolio import selectors
    from digisam.portfolio.models import SharingSetting

    supplement = contract_row(**{"Kontrakt ID": "K-2021-17-T1", "IT Kontrakt": "Tillæg 1", "Kontrakttype":
                                 "Tillægskontrakt", "Overordnet kontrakt": "K-2021-17", "Drift/år": 100000,
                                 "Andet": 0})
    assert both(world, contracts=contracts_file([contract_row(), supplement])).ok
    SharingSetting.objects.create(organisation=world.orgs["165"], collaboration=world.alpha, share_portfolio=True,
                                  share_economy=True)
    parent = selectors.visible_contracts(world.alpha, include_economy=True).get(contract_id="K-2021-17")
    row = selectors.planner_contract(parent, start=datetime.date(2026, 1, 1))
    assert row["annual_cost"] == 2600000 + 150000 + 100000
    from factories.planning import simple_scenario

    from digisam.planning.builder import build_instance

    built = build_instance(simple_scenario(world.alpha))
    assert [c["annual_cost"] for c in built.instance["contracts"] if c["municipality"] == "165"] == [2850000]
    assert any("tillægskontrakt" in entry["reason"] for entry in built.left_out)
