"""The import review page after the file is loaded says so (not "Resultat af prøvekørslen"), and a
rejected file offers the upload of a corrected one on the same page — template and KITOS files alike."""

import io

from test_portfolio_kitos import contracts_file, usages_file

from digisam.portfolio.models import PortfolioImport


def post_files(client, *files):
    data = {}
    for field, (content, name) in zip(("file", "second_file"), files, strict=False):
        data[field] = io.BytesIO(content)
        data[field].name = name
    return client.post("/portefoelje/kommune/165/import/", data)


def test_after_a_template_import_is_loaded_the_page_says_it_was_loaded_with_its_counts(world, client_for,
                                                                                       make_template):
    client = client_for(world.users["coordinator"])
    data = make_template([{}, {"Kategori": "esdh", "Produkt": "SBSYS", "Kontrakt ID": "K-ESDH"}], fmt="xlsx")
    assert post_files(client, (data, "p.xlsx")).status_code == 302
    record = PortfolioImport.objects.get()
    before = client.get(f"/portefoelje/import/{record.pk}/").content.decode()
    assert "Resultat af prøvekørslen" in before and "Importen er indlæst" not in before
    assert client.post(f"/portefoelje/import/{record.pk}/").status_code == 302
    after = client.get(f"/portefoelje/import/{record.pk}/").content.decode()
    assert "Resultat af prøvekørslen" not in after
    assert "Importen er indlæst: 2 systemanvendelser og 2 kontrakter oprettet eller ændret." in after
    assert 'data-testid="apply"' not in after and 'data-testid="reupload"' not in after
    client.cookies["django_language"] = "en"
    english = client.get(f"/portefoelje/import/{record.pk}/").content.decode()
    assert "The import has been loaded: 2 system usages and 2 contracts created or changed." in english


def test_after_a_kitos_import_is_loaded_the_page_says_it_was_loaded(world, client_for):
    client = client_for(world.users["coordinator"])
    post_files(client, (usages_file(), "it-systemer.xlsx"), (contracts_file(), "it-kontrakter.xlsx"))
    record = PortfolioImport.objects.get()
    client.post(f"/portefoelje/import/{record.pk}/")
    page = client.get(f"/portefoelje/import/{record.pk}/").content.decode()
    assert "Resultat af prøvekørslen" not in page
    assert "Importen er indlæst: 1 systemanvendelse og 1 kontrakter oprettet eller ændret." in page


def test_a_rejected_file_offers_the_upload_of_a_corrected_file_on_its_page(world, client_for, make_template):
    client = client_for(world.users["coordinator"])
    bad = make_template([{"Gyldig til": "31-31-2030"}], fmt="csv")
    post_files(client, (bad, "p.csv"))
    record = PortfolioImport.objects.get()
    page = client.get(f"/portefoelje/import/{record.pk}/").content.decode()
    assert 'data-testid="import-errors"' in page and 'data-testid="reupload"' in page
    assert "Upload en rettet fil" in page and 'action="/portefoelje/kommune/165/import/"' in page
    good = make_template([{}], fmt="csv")
    assert post_files(client, (good, "p-rettet.csv")).status_code == 302
    corrected = PortfolioImport.objects.get(original_name="p-rettet.csv")
    assert (corrected.dry_run or {}).get("ok")


def test_a_reader_who_may_not_upload_sees_no_upload_form_on_a_rejected_file(world, client_for, make_template):
    coordinator = client_for(world.users["coordinator"])
    post_files(coordinator, (make_template([{"Gyldig til": "31-31-2030"}], fmt="csv"), "p.csv"))
    record = PortfolioImport.objects.get()
    for role in ("admin", "coordinator"):
        page = client_for(world.users[role]).get(f"/portefoelje/import/{record.pk}/")
        assert 'data-testid="reupload"' in page.content.decode(), role
    for role in ("member", "finance"):
        page = client_for(world.users[role]).get(f"/portefoelje/import/{record.pk}/")
        assert page.status_code == 200 and 'data-testid="reupload"' not in page.content.decode(), role


def test_the_jobs_bookkeeping_on_the_upload_is_audited(world, client_for, make_template):
    """The dry run's report and the time of loading are written on the upload row through the audited
    service (issue 16: no write escapes the audit)."""
    from digisam.core.models import AuditEntry

    client = client_for(world.users["coordinator"])
    post_files(client, (make_template([{}], fmt="csv"), "p.csv"))
    record = PortfolioImport.objects.get()
    client.post(f"/portefoelje/import/{record.pk}/")
    entries = list(AuditEntry.objects.filter(content_type__model="portfolioimport", object_id=str(record.pk),
                                             action="update").order_by("id"))
    assert [e.channel for e in entries] == ["task", "task"]
    assert entries[0].before["dry_run"] is None and entries[0].after["dry_run"]["ok"] is True
    assert entries[1].before["applied"] is None and entries[1].after["applied"]
