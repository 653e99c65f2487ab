"""The finance officer's and the secretariat's work in the web UI: registering figures, generating
the statement as a background job, the explained statement, exports, the turn-taking ledger."""

import io
from decimal import Decimal

from django.urls import reverse

from digisam.core.models import AuditEntry, Job
from digisam.economy.models import Charge, FteFigure, HoursEntry, Statement, TurnLedgerEntry


def test_finance_officer_registers_hours_for_own_organisation(econ, client_for):
    client = client_for(econ.world.users["finance"])
    url = reverse("economy:part_create", args=["alpha", 2026, "timer"])
    form = client.get(url).content.decode()
    assert "Ballerup" not in form.split('name="organisation"')[1].split("</select>")[0]
    response = client.post(url, {"project": econ.project.pk, "organisation": econ.world.orgs["165"].pk,
                                 "month": "2026-03", "agreed_hours": "10", "actual_hours": "12.5"})
    assert response.status_code == 302, response.content.decode()[:3000]
    entry = HoursEntry.objects.get(month="2026-03")
    assert entry.actual_hours == Decimal("12.5")
    assert AuditEntry.objects.filter(object_id=str(entry.pk), user=econ.world.users["finance"]).exists()


def test_hours_outside_the_year_are_refused_at_the_field(econ, client_for):
    client = client_for(econ.world.users["finance"])
    url = reverse("economy:part_create", args=["alpha", 2026, "timer"])
    response = client.post(url, {"project": econ.project.pk, "organisation": econ.world.orgs["165"].pk,
                                 "month": "2025-03", "agreed_hours": "1", "actual_hours": "1"})
    assert response.status_code == 400
    assert "økonomiåret 2026" in response.content.decode()


def test_coordinator_registers_fte(econ, client_for):
    FteFigure.objects.all().delete()
    client = client_for(econ.world.users["coordinator"])
    response = client.post(reverse("economy:part_create", args=["alpha", 2026, "aarsvaerk"]),
                           {"organisation": econ.world.orgs["165"].pk, "fte": "2050"})
    assert response.status_code == 302
    assert FteFigure.objects.get().fte == Decimal("2050")


def test_secretariat_adds_a_charge_and_the_form_explains_missing_fields(econ, client_for):
    client = client_for(econ.world.users["secretariat"])
    url = reverse("economy:part_create", args=["alpha", 2026, "opkraevning"])
    response = client.post(url, {"name": "Pr. årsværk", "kind": "per_fte", "key": "equal"})
    assert response.status_code == 400 and "Angiv satsen" in response.content.decode()
    response = client.post(url, {"name": "Pr. årsværk", "kind": "per_fte", "rate": "1500", "key": "equal",
                                 "members": [econ.world.orgs["165"].pk]})
    assert response.status_code == 302
    charge = Charge.objects.get(name="Pr. årsværk")
    assert list(charge.members.values_list("code", flat=True)) == ["165"]


def test_generating_runs_as_a_job_whose_result_is_the_statement(econ, client_for):
    client = client_for(econ.world.users["finance"])
    response = client.post(reverse("economy:generate", args=["alpha", 2026]))
    job = Job.objects.get(kind="economy.statement")
    assert response["Location"] == f"/job/{job.pk}/"
    assert job.status == "succeeded"
    statement = Statement.objects.get(year=econ.year, version=2)
    assert job.result_url == statement.get_absolute_url()
    page = client.get(f"/job/{job.pk}/").content.decode()
    assert statement.get_absolute_url() in page


def test_a_failing_generation_is_shown_on_the_job(econ, client_for):
    from digisam.core import services

    FteFigure.objects.all().delete()
    services.save(Charge(year=econ.year, name="Pr. årsværk", kind="per_fte", rate=Decimal("10")),
                  user=services.SYSTEM)
    client_for(econ.world.users["secretariat"]).post(reverse("economy:generate", args=["alpha", 2026]))
    job = Job.objects.get(kind="economy.statement")
    assert job.status == "failed"
    assert "kunne ikke dannes" in job.message


def test_the_member_statement_explains_every_line_in_words_and_numbers(econ, client_for):
    url = reverse("economy:member_statement", args=["alpha", 2026, 1, "165"])
    page = client_for(econ.world.users["finance"]).get(url).content.decode()
    for line in econ.statement.content.explanations["165"]["lines"]:
        assert line["label"] in page
    assert "9 kr. × " in page and "indbyggere × 1 år" in page
    assert "Netto (N = B − C)" in page
    assert "Samarbejdets totaler" in page


def test_in_english_the_explanations_are_english_with_the_same_numbers(econ, client_for):
    import re

    from digisam.economy.explanations import PHRASES

    url = reverse("economy:member_statement", args=["alpha", 2026, 1, "165"])
    client = client_for(econ.world.users["finance"])
    client.cookies["django_language"] = "en"
    page = client.get(url).content.decode()
    shown = re.findall(r'data-testid="explanation">([^<]*)<', page)
    danish = [line["text"] for line in econ.statement.content.explanations["165"]["lines"]]
    assert len(shown) == len(danish) and "inhabitants × 1 yr" in page
    for english, original in zip(shown, danish, strict=True):
        assert not [p for p in PHRASES if p in english], english  # no Danish phrase left
        numbers = re.compile(r"[\d.,]+")
        assert numbers.findall(english) == numbers.findall(original)  # the figures are the engine's


def test_xlsx_has_a_sheet_per_member_and_the_transfers(econ, client_for):
    from openpyxl import load_workbook

    url = reverse("economy:statement_export", args=["alpha", 2026, 1, "xlsx"])
    book = load_workbook(io.BytesIO(client_for(econ.world.users["secretariat"]).get(url).content))
    assert book.sheetnames == ["Samlet", "151 Ballerup", "165 Albertslund", "Betalinger"]
    rows = list(book["165 Albertslund"].iter_rows(values_only=True))
    assert rows[0] == ("Post", "Type", "Beløb (kr.)", "Forklaring")
    assert any(row[3] and "indbyggere" in row[3] for row in rows[1:])
    transfers = list(book["Betalinger"].iter_rows(values_only=True))
    assert len(transfers) - 1 == len(econ.statement.content.document["transfers"])


def test_pdf_is_a_readable_pdf_and_core_fonts_get_latin1_text(econ, client_for):
    from digisam.economy import exports

    url = reverse("economy:statement_export", args=["alpha", 2026, 1, "pdf"])
    response = client_for(econ.world.users["finance"]).get(url)
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    text = exports.latin1("9 kr. × 102.753 indbyggere × ½ år − Ærø, Løgstør, Åbenrå → samarbejdet")
    assert text == "9 kr. × 102.753 indbyggere × 1/2 år - Ærø, Løgstør, Åbenrå -> samarbejdet"
    text.encode("latin-1")


def test_pdf_falls_back_to_core_fonts_without_dejavu(econ, client_for, monkeypatch):
    from digisam.economy import exports

    monkeypatch.setattr(exports, "DEJAVU", "/nonexistent.ttf")
    url = reverse("economy:statement_export", args=["alpha", 2026, 1, "pdf"])
    response = client_for(econ.world.users["secretariat"]).get(url)
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_the_collaboration_page_links_to_the_economy_for_members_not_observers(econ, client_for):
    url = econ.world.alpha.get_absolute_url()
    link = reverse("economy:collaboration", args=["alpha"])
    assert link in client_for(econ.world.users["member"]).get(url).content.decode()
    assert link not in client_for(econ.world.users["observer"]).get(url).content.decode()


def test_the_navigation_has_the_economy(econ, client_for):
    page = client_for(econ.world.users["member"]).get(reverse("economy:home")).content.decode()
    assert f'href="{reverse("economy:home")}"' in page


def test_ledger_running_balance_stays_visible_to_all_members(econ, client_for):
    from digisam.core import services
    from digisam.economy import services as economy_services

    o165, o151 = econ.world.orgs["165"], econ.world.orgs["151"]
    services.save(TurnLedgerEntry(collaboration=econ.world.alpha, organisation=o151, description="Kører udbud af omsorgssystem",
                                  estimated_value=Decimal("600000"), date="2026-01-10"), user=services.SYSTEM)
    client = client_for(econ.world.users["coordinator"])
    response = client.post(reverse("economy:ledger_create", args=["alpha"]), {
        "organisation": o165.pk, "description": "Ansætter it-arkitekten", "estimated_value": "500000",
        "date": "2026-02-01"})
    assert response.status_code == 302
    rows, balances = economy_services.ledger_balances(econ.world.alpha)
    # 600.000 shared by both: 151 is owed 300.000; then 500.000: 165 is owed 250.000 → net 50.000 to 151
    assert rows[0]["balances"] == {o165.pk: -30000000, o151.pk: 30000000}
    assert balances == {o165.pk: -5000000, o151.pk: 5000000}
    assert sum(balances.values()) == 0
    page = client_for(econ.world.users["member"]).get(reverse("economy:ledger", args=["alpha"])).content.decode()
    assert "Kører udbud af omsorgssystem" in page and "Ansætter it-arkitekten" in page
    assert "50.000,00 kr." in page


def test_ledger_benefiting_members_subset(econ):
    from digisam.core import services
    from digisam.economy import services as economy_services

    o165, o151 = econ.world.orgs["165"], econ.world.orgs["151"]
    services.save(TurnLedgerEntry(collaboration=econ.world.alpha, organisation=o165, description="Kun for 151",
                                  estimated_value=Decimal("100.01"), date="2026-01-10"), user=services.SYSTEM,
                  m2m={"beneficiaries": [o151]})
    _rows, balances = economy_services.ledger_balances(econ.world.alpha)
    assert balances == {o165.pk: 10001, o151.pk: -10001}


def test_a_ledger_entry_by_a_non_member_is_refused(econ):
    import pytest
    from django.core.exceptions import ValidationError

    from digisam.core import services

    with pytest.raises(ValidationError):
        services.save(TurnLedgerEntry(collaboration=econ.world.alpha, organisation=econ.world.orgs["153"],
                                      description="x", estimated_value=1, date="2026-01-01"), user=services.SYSTEM)
