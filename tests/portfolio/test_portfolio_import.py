"""Import and export: template and KITOS files, dry run, all-or-nothing, re-import changes nothing,
and every broken file gives a clear error and writes nothing — through the function, CLI, API and UI."""

import io

import pytest
from django.core.management import CommandError, call_command

from digisam.core.models import AuditEntry, Channel
from digisam.portfolio.importer import import_file
from digisam.portfolio.models import Contract, Product, Usage

BROKEN = ["wrong_headers.csv", "bad_dates.csv", "unknown_municipality.csv", "negative_amounts.csv",
          "duplicate_rows.csv", "wrong_sheet.xlsx", "empty.csv", "not_a_spreadsheet.xlsx", "formulas.xlsx",
          "large_junk.csv", "bomb_a1_xfd20000.xlsx", "bomb_huge_string.xlsx", "truncated.xlsx", "long_cell.csv"]


def test_template_dry_run_writes_nothing_then_apply_then_reimport_changes_nothing(world, make_template, counts):
    data = make_template([{}, {"Kategori": "esdh", "Produkt": "SBSYS", "Kontrakt ID": "K-ESDH",
                               "Drift/år": "400000"}], fmt="xlsx")
    user = world.users["coordinator"]
    before = counts()
    dry = import_file(data, "p.xlsx", user=user, municipality="165", dry_run=True)
    assert dry.ok, dry.errors
    assert dry.counts["contracts"]["created"] == 2 and dry.counts["usages"]["created"] == 2
    assert counts() == before
    applied = import_file(data, "p.xlsx", user=user, municipality="165", dry_run=False)
    assert applied.ok and applied.applied
    contract = Contract.objects.get(contract_id="K-NY-1")
    assert contract.cost_operation == 1250000 and contract.usages.count() == 1
    assert AuditEntry.objects.filter(channel=Channel.IMPORT, object_id=str(contract.pk)).exists()
    after = counts()
    again = import_file(data, "p.xlsx", user=user, municipality="165", dry_run=False)
    assert again.ok
    assert again.counts["contracts"] == {"created": 0, "updated": 0, "unchanged": 2}
    assert again.counts["usages"] == {"created": 0, "updated": 0, "unchanged": 2}
    assert counts() == after


def test_changed_cell_is_reported_as_updated(world, make_template):
    user = world.users["coordinator"]
    import_file(make_template([{}]), "a.csv", user=user, municipality="165", dry_run=False)
    result = import_file(make_template([{"Drift/år": "1300000"}]), "a.csv", user=user, municipality="165")
    assert result.counts["contracts"] == {"created": 0, "updated": 1, "unchanged": 0}


def test_export_is_the_import_format_and_reimports_unchanged(pf, world, client_for):
    client = client_for(world.users["coordinator"])
    for fmt in ("csv", "xlsx"):
        response = client.get("/portefoelje/kommune/165/", {"format": fmt})
        assert response.status_code == 200
        result = import_file(response.content, f"export.{fmt}", user=world.users["coordinator"], municipality="165")
        assert result.ok, result.errors
        assert result.counts["contracts"] == {"created": 0, "updated": 0, "unchanged": 2}
        assert result.counts["usages"]["created"] == 0 and result.counts["usages"]["updated"] == 0


def test_template_download_has_danish_headers_and_an_example_row(world, client_for):
    response = client_for(world.users["member"]).get("/portefoelje/skabelon.csv")
    text = response.content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("Kommunekode;Kategori;Produkt;Leverandør")
    assert "Eksempelrække" in text
    xlsx = client_for(world.users["member"]).get("/portefoelje/skabelon.xlsx")
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.title == "Portefølje" and sheet.cell(1, 16).value == "Gyldig til" and sheet.max_row == 2


def test_kitos_usage_and_contract_exports_import(world, kitos_files):
    usages_file, contracts_file = kitos_files
    user = world.users["coordinator"]
    result = import_file(usages_file.read_bytes(), usages_file.name, user=user, municipality="165", dry_run=False)
    assert result.ok, result.errors
    assert result.format == "kitos_usages" and result.counts["usages"]["created"] == 3
    nexus = Usage.objects.get(organisation__code="165", product__name="KMD Nexus")
    assert nexus.category.slug == "omsorg" and nexus.user_count == "over_100"
    assert Usage.objects.get(product__name="SBSYS").lifecycle == "phasing_out"
    result = import_file(contracts_file.read_bytes(), contracts_file.name, user=user, municipality="165",
                         dry_run=False)
    assert result.ok, result.errors
    assert result.format == "kitos_contracts" and result.counts["contracts"]["created"] == 2
    omsorg = Contract.objects.get(contract_id="K-2021-17")
    assert omsorg.category.slug == "omsorg" and omsorg.supplier_name == "KMD A/S"
    assert (omsorg.extension_count, omsorg.extension_months, omsorg.notice_months) == (2, 12, 6)
    assert omsorg.cost_operation == 2600000 and omsorg.planned_reprocurement == "2028-Q1"
    assert str(omsorg.expires) == "2029-06-30" and str(omsorg.irrevocable_until) == "2025-06-30"
    assert set(omsorg.usages.values_list("product__name", flat=True)) == {"KMD Nexus"}
    esdh = Contract.objects.get(contract_id="K-2016-03")
    assert set(esdh.usages.values_list("product__name", flat=True)) == {"SBSYS", "Acadre"}
    again = import_file(contracts_file.read_bytes(), contracts_file.name, user=user, municipality="165")
    assert again.counts["contracts"] == {"created": 0, "updated": 0, "unchanged": 2}


def test_kitos_format_exports_read_back(pf, world, client_for):
    client = client_for(world.users["coordinator"])
    for kind in ("kitos_usages", "kitos_contracts"):
        response = client.get("/portefoelje/kommune/165/", {"format": "xlsx", "kind": kind})
        result = import_file(response.content, "k.xlsx", user=world.users["coordinator"], municipality="165")
        assert result.ok, result.errors
        assert result.format == kind


@pytest.mark.parametrize("name", BROKEN)
def test_broken_file_gives_a_clear_error_and_writes_nothing_through_the_function(world, broken_files, counts, name):
    path, expected = broken_files[name]
    before = counts()
    result = import_file(path.read_bytes(), path.name, user=world.users["coordinator"], municipality="165",
                         dry_run=False)
    assert not result.ok
    assert any(expected in e for e in result.errors), result.errors
    assert counts() == before


@pytest.mark.parametrize("name", BROKEN)
def test_broken_file_through_the_cli_exits_2_with_errors_on_stderr(world, broken_files, counts, name):
    path, expected = broken_files[name]
    before = counts()
    stderr = io.StringIO()
    with pytest.raises(CommandError) as error:
        call_command("portfolio", "import", str(path), "--municipality", "165", stderr=stderr)
    assert error.value.returncode == 2
    assert expected in stderr.getvalue()
    assert counts() == before


@pytest.mark.parametrize("name", BROKEN)
def test_broken_file_through_the_api_job_is_refused_and_writes_nothing(world, broken_files, counts, api_for, name):
    path, expected = broken_files[name]
    before = counts()
    client = api_for(world.users["coordinator"])
    with path.open("rb") as handle:
        response = client.post(
            "/api/portfolio/contracts/import/", {"file": handle, "municipality": "165", "dry_run": "false"},
            format="multipart")
    if name == "large_junk.csv":  # over the upload limit: refused in the request, no job
        assert response.status_code == 400 and "for stor" in response.json()["errors"][0]
        assert counts() == before
        return
    assert response.status_code == 202
    job = client.get(response.json()["status_url"]).json()
    assert job["status"] == "succeeded" and job["result"]["ok"] is False
    assert any(expected in e for e in job["result"]["errors"]), job["result"]["errors"]
    assert counts() == before


@pytest.mark.parametrize("name", BROKEN)
def test_broken_file_through_the_ui_shows_the_error_and_writes_nothing(world, broken_files, counts, client_for,
                                                                       name):
    from digisam.portfolio.models import PortfolioImport

    path, expected = broken_files[name]
    before = counts()
    client = client_for(world.users["coordinator"])
    with path.open("rb") as handle:
        response = client.post("/portefoelje/kommune/165/import/", {"file": handle})
    if name == "empty.csv":  # the browser form refuses an empty upload before any job starts
        assert response.status_code == 400
        assert counts() == before
        return
    if name == "large_junk.csv":  # over the upload limit: refused before anything is stored
        assert response.status_code == 400 and "for stor" in response.content.decode()
        assert not PortfolioImport.objects.exists() and counts() == before
        return
    assert response.status_code == 302
    record = PortfolioImport.objects.latest("pk")
    review = client.get(f"/portefoelje/import/{record.pk}/")
    assert expected in review.content.decode()
    assert b'data-testid="apply"' not in review.content
    assert client.post(f"/portefoelje/import/{record.pk}/").status_code == 302  # refused with a message
    assert counts()[:3] == before[:3]


def test_cli_import_and_export(world, tmp_path, make_template):
    path = tmp_path / "p.csv"
    path.write_bytes(make_template([{}]))
    out = io.StringIO()
    call_command("portfolio", "import", str(path), "--municipality", "165", "--dry-run", stdout=out)
    assert "Prøvekørsel" in out.getvalue() and Contract.objects.count() == 0
    call_command("portfolio", "import", str(path), "--municipality", "165", stdout=io.StringIO())
    assert Contract.objects.filter(organisation__code="165").count() == 1
    assert AuditEntry.objects.filter(channel=Channel.IMPORT).exists()
    target = tmp_path / "out.xlsx"
    call_command("portfolio", "export", "--municipality", "165", "--format", "xlsx", "-o", str(target),
                 stdout=io.StringIO())
    result = import_file(target.read_bytes(), "out.xlsx", user=world.users["coordinator"], municipality="165")
    assert result.counts["contracts"]["unchanged"] == 1


def test_rows_for_another_municipality_are_refused(world, make_template, counts):
    before = counts()
    result = import_file(make_template([{"Kommunekode": "151"}]), "x.csv", user=world.users["coordinator"],
                         municipality="165", dry_run=False)
    assert "række 2, kolonne Kommunekode" in result.errors[0]
    # without a fixed municipality the coordinator still cannot write another municipality's portfolio
    result = import_file(make_template([{"Kommunekode": "151"}]), "x.csv", user=world.users["coordinator"],
                         dry_run=False)
    assert "du kan ikke ændre porteføljen for Ballerup" in result.errors[0]
    assert counts() == before


def test_new_products_are_created_through_the_service(world, make_template):
    result = import_file(make_template([{"Produkt": "Helt nyt omsorgssystem"}]), "x.csv",
                         user=world.users["coordinator"], municipality="165", dry_run=False)
    assert result.ok and result.counts["products"]["created"] == 1
    product = Product.objects.get(name="Helt nyt omsorgssystem")
    assert AuditEntry.objects.filter(object_id=str(product.pk), channel=Channel.IMPORT).exists()


def test_api_import_dry_run_then_apply(world, api_for, make_template, counts):
    client = api_for(world.users["coordinator"])
    before = counts()
    dry = client.post("/api/portfolio/contracts/import/",
                      {"file": io.BytesIO(make_template([{}])), "municipality": "165"}, format="multipart")
    assert dry.status_code == 202 and dry.json()["result"]["counts"]["contracts"]["created"] == 1
    assert counts() == before
    upload = io.BytesIO(make_template([{}]))
    upload.name = "p.csv"
    applied = client.post("/api/portfolio/contracts/import/", {"file": upload, "municipality": "165",
                                                               "dry_run": "false"}, format="multipart")
    assert applied.status_code == 202 and applied.json()["result"]["applied"] is True
    assert Contract.objects.filter(organisation__code="165", contract_id="K-NY-1").exists()
    refused = api_for(world.users["member"]).post(
        "/api/portfolio/contracts/import/", {"file": io.BytesIO(make_template([{}])), "municipality": "165",
                                             "dry_run": "false"}, format="multipart")
    assert refused.status_code == 403
    other = api_for(world.users["outsider"]).post(
        "/api/portfolio/contracts/import/", {"file": io.BytesIO(make_template([{}])), "municipality": "165",
                                             "dry_run": "false"}, format="multipart")
    assert other.status_code == 202
    assert "du kan ikke ændre porteføljen for Albertslund" in other.json()["result"]["errors"][0]
    assert client.post("/api/portfolio/contracts/import/", {}, format="json").status_code == 400


def test_an_upload_declared_larger_than_the_limit_is_refused_before_it_is_stored(world, client_for, api_for,
                                                                                  make_template):
    from django.core.files.storage import default_storage

    from digisam.portfolio.models import PortfolioImport

    huge = str(200 * 1024 * 1024)  # the 200 MB upload, refused from its declared length
    response = client_for(world.users["coordinator"]).post(
        "/portefoelje/kommune/165/import/", {"file": io.BytesIO(make_template([{}]))}, CONTENT_LENGTH=huge)
    assert response.status_code == 413 and "for stor" in response.content.decode()
    assert not PortfolioImport.objects.exists()
    response = api_for(world.users["coordinator"]).post(
        "/api/portfolio/contracts/import/", {"file": io.BytesIO(make_template([{}])), "municipality": "165"},
        format="multipart", CONTENT_LENGTH=huge)
    assert response.status_code == 413
    assert not default_storage.exists("portfolio-imports/api") or not default_storage.listdir(
        "portfolio-imports/api")[1]
