"""The KITOS import in the UI (two files, the category review list, the difference) and the vendors
page, for every role."""

import io

import pytest
from test_portfolio_kitos import ODD_UUID, contract_row, contracts_file, usage_row, usages_file

from digisam.portfolio.models import CategoryMapping, Contract, PortfolioImport, Usage


def upload(client, *files):
    data = {"file": io.BytesIO(files[0])}
    data["file"].name = "it-systemer.xlsx"
    if len(files) > 1:
        data["second_file"] = io.BytesIO(files[1])
        data["second_file"].name = "it-kontrakter.xlsx"
    return client.post("/portefoelje/kommune/165/import/", data)


def test_both_kitos_files_upload_together_dry_run_then_apply(world, client_for):
    client = client_for(world.users["coordinator"])
    assert upload(client, usages_file(), contracts_file()).status_code == 302
    record = PortfolioImport.objects.get()
    assert record.second_name == "it-kontrakter.xlsx"
    review = client.get(f"/portefoelje/import/{record.pk}/").content.decode()
    assert 'data-testid="import-diff"' in review and 'data-testid="import-notices"' in review
    assert not Usage.objects.exists()
    assert client.post(f"/portefoelje/import/{record.pk}/").status_code == 302
    assert Contract.objects.get().usages.count() == 1


def test_the_review_list_remembers_the_chosen_category_and_reruns_the_dry_run(world, client_for):
    odd = usage_row(**{"IT-System (UUID)": ODD_UUID, "IT System": "Særsystem X",
                       "Rettighedshaver": "Lille Firma ApS (12345678)"})
    client = client_for(world.users["coordinator"])
    upload(client, usages_file([odd]))
    record = PortfolioImport.objects.get()
    review = client.get(f"/portefoelje/import/{record.pk}/").content.decode()
    assert 'data-testid="category-review"' in review and "Særsystem X" in review
    assert 'data-testid="apply"' not in review
    # an observer or another municipality's coordinator cannot choose for this import
    assert client_for(world.users["outsider"]).post(f"/portefoelje/import/{record.pk}/kategorier/",
                                                    {"map-0": "esdh"}).status_code == 404
    assert client_for(world.users["member"]).post(f"/portefoelje/import/{record.pk}/kategorier/",
                                                  {"map-0": "esdh"}).status_code == 403
    assert not CategoryMapping.objects.exists()
    assert client.post(f"/portefoelje/import/{record.pk}/kategorier/", {"map-0": "esdh"}).status_code == 302
    assert CategoryMapping.objects.get().category.slug == "esdh"
    record.refresh_from_db()
    assert record.dry_run["ok"] and record.dry_run["counts"]["usages"]["created"] == 1


@pytest.fixture
def vendor_contracts(world):
    from digisam.core import services
    from digisam.portfolio.importer import import_files
    from digisam.portfolio.models import SharingSetting

    for code, cost in (("165", 2600000), ("151", 7777777)):
        result = import_files([(usages_file(), "u.xlsx"), (contracts_file([contract_row(**{"Drift/år": cost,
                                                                                         "Gyldig til": "30-06-2099"})]),
                                                           "c.xlsx")], user=services.SYSTEM, municipality=code,
                              dry_run=False)
        assert result.ok, result.errors
    SharingSetting.objects.create(organisation=world.orgs["151"], collaboration=world.alpha, share_portfolio=True,
                                  share_economy=False)


def test_the_vendors_page_shows_dependencies_and_only_visible_spend(world, client_for, vendor_contracts):
    own = client_for(world.users["coordinator"]).get("/portefoelje/leverandoerer/")
    text = own.content.decode()
    assert own.status_code == 200 and "KMD A/S" in text and "26911745" in text
    assert "Albertslund" in text and "Ballerup" in text  # Ballerup shares its portfolio with alpha …
    assert "7.777.777" not in text and "2.750.000 kr." in text  # … but not its economy
    admin = client_for(world.users["admin"]).get("/portefoelje/leverandoerer/").content.decode()
    assert "10.677.777 kr." in admin  # 2.750.000 + 7.927.777, each contract once


@pytest.mark.parametrize("role", ["observer", "outsider", "plain"])
def test_the_vendors_page_shows_nothing_to_those_without_access_to_the_contracts(world, client_for,
                                                                                 vendor_contracts, role):
    response = client_for(world.users[role]).get("/portefoelje/leverandoerer/")
    assert response.status_code == 200
    assert "KMD A/S" not in response.content.decode()


def test_the_vendors_page_needs_a_login_and_exports(world, client_for, vendor_contracts):
    assert client_for(None).get("/portefoelje/leverandoerer/").status_code == 302
    response = client_for(world.users["admin"]).get("/portefoelje/leverandoerer/", {"format": "csv"})
    assert response.status_code == 200 and "KMD A/S" in response.content.decode("utf-8-sig")
    assert "10677777" in response.content.decode("utf-8-sig")


def test_the_contract_page_shows_its_contact_persons_and_supplements_only_to_those_who_see_it(world, client_for):
    from digisam.portfolio.importer import import_files

    supplement = contract_row(**{"Kontrakt ID": "T1", "IT Kontrakt": "Tillæg 1", "Overordnet kontrakt": "K-2021-17",
                                 "Kontraktejer": "", "Kontraktejer Email#": ""})
    assert import_files([(usages_file(), "u.xlsx"), (contracts_file([contract_row(), supplement]), "c.xlsx")],
                        user=world.users["coordinator"], municipality="165", dry_run=False).ok
    parent = Contract.objects.get(contract_id="K-2021-17")
    page = client_for(world.users["member"]).get(f"/portefoelje/kontrakter/{parent.pk}/").content.decode()
    assert "Ole Olsen" in page and "ole@albertslund.dk" in page and "Tillæg 1" in page
    for role in ("observer", "outsider"):
        assert client_for(world.users[role]).get(f"/portefoelje/kontrakter/{parent.pk}/").status_code == 404
