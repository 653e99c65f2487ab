"""The operations journey: the secretariat puts a service in the catalogue with its target level,
imports the operator's tickets (a bad file first: row and column errors, nothing written), reads
the SLA figures with the breach marked; a member's coordinator registers its current level and sees
the gap. Then the competence pool: the secretariat books a specialist on a request, the home
organisation approves and registers hours, which land in the hours settlement."""

import datetime
from decimal import Decimal

import pytest


@pytest.fixture
def setup(reference_data, django_user_model):
    from digisam.collaborations.models import Body, Collaboration, Membership
    from digisam.competences.models import (
        Availability,
        Competence,
        Specialist,
        SpecialistCompetence,
        StaffingRequest,
    )
    from digisam.core import services
    from digisam.core.models import Role, RoleAssignment
    from digisam.economy.models import EconomyYear, Project
    from digisam.organisations.models import Organisation

    alpha = Collaboration.objects.create(name="Alfa-samarbejdet", slug="alpha", purposes=["operations_support"],
                                         organisation_form="association", published=True)
    albertslund, ballerup = Organisation.objects.get(code="165"), Organisation.objects.get(code="151")
    for o in (albertslund, ballerup):
        Membership.objects.create(collaboration=alpha, organisation=o, status="active",
                                  joined_on=datetime.date(2020, 1, 1))
    board = Body.objects.create(collaboration=alpha, kind="board", name="Bestyrelsen")

    def user(name, role, **scope):
        u = django_user_model.objects.create_user(username=name, password="test-password-123")
        RoleAssignment.objects.create(user=u, role=role, **scope)

    user("sekretariat", Role.SECRETARIAT, collaboration=alpha)
    user("koordinator", Role.COORDINATOR, organisation=albertslund)

    def save(obj):
        return services.save(obj, user=services.SYSTEM)

    year = save(EconomyYear(collaboration=alpha, year=2026, proration="none"))
    project = save(Project(year=year, name="Fælles udbud", hourly_rate=Decimal("850"), key="equal"))
    contract = save(Competence(collaboration=alpha, name="Kontraktstyring"))
    anna = save(Specialist(collaboration=alpha, organisation=albertslund, name="Anna Andersen",
                           hourly_cost=Decimal("700")))
    save(SpecialistCompetence(specialist=anna, competence=contract, level=3))
    save(Availability(specialist=anna, year=2026, hours=Decimal("100")))
    request = save(StaffingRequest(collaboration=alpha, title="Kontraktopfølgning", competence=contract, min_level=2,
                                   hours=Decimal("60"), year=2026, body=board, project=project))
    return {"year": year, "anna": anna, "request": request, "project": project, "albertslund": albertslund}


GOOD = ("Number;Kommune;Service;Priority;Created;First response;Resolved\n"
        "INC1;165;Drift;1;2026-03-02 08:00;2026-03-02 08:05;2026-03-02 15:00\n"
        "INC2;Ballerup;Drift;2;2026-03-03 09:00;2026-03-03 09:10;2026-03-03 10:00\n")
BAD = ("Number;Kommune;Service;Priority;Created;First response;Resolved\n"
       "INC1;165;Drift;1;2026-03-02 08:00;2026-03-02 07:00;\n"
       "INC2;Roskilde;Drift;2;2026-03-03 09:00;;\n")


def upload(page, name, text):
    page.set_input_files("#id_file", files=[{"name": name, "mimeType": "text/csv", "buffer": text.encode()}])
    page.click("[data-testid=import]")


def test_secretariat_and_coordinator_run_the_operations_and_pool_journey(page, login, setup):
    from digisam.economy.models import Charge, HoursEntry, Service
    from digisam.operations.models import Ticket

    login(page, "sekretariat")
    page.goto("/drift/alpha/2026/")
    page.click("[data-testid=add-service]")
    page.fill("#id_name", "Drift")
    page.select_option("#id_kind", "basic")
    page.select_option("#id_key", "fte")
    page.fill("#id_rate", "1500")
    page.click("[data-testid=save]")
    page.wait_for_url("**/drift/ydelse/*/")
    assert Charge.objects.get(name="Drift").rate == Decimal("1500")
    assert not Service.objects.filter(name="Drift").exists()

    page.click("[data-testid=edit-target]")
    page.fill("#id_opening_hours", "Hverdage 8–16")
    page.fill("#id_availability_target", "99.5")
    page.fill("#id_p1_response", "15")
    page.fill("#id_p1_resolution", "240")
    page.fill("#id_p1_credit", "1000")
    page.click("[data-testid=save]")
    page.wait_for_url("**/drift/ydelse/*/")
    assert "Hverdage 8–16" in page.locator("[data-testid=target-summary]").inner_text()

    page.goto("/drift/alpha/2026/sla/")
    upload(page, "bad.csv", BAD)
    errors = page.locator("[data-testid=import-errors]").inner_text()
    assert "Række 2, kolonne 'First response'" in errors and "Række 3, kolonne 'Kommune'" in errors
    assert Ticket.objects.count() == 0
    upload(page, "good.csv", GOOD)
    page.wait_for_url("**/drift/alpha/2026/sla/")
    assert Ticket.objects.count() == 2
    breaches = page.locator("[data-testid=breach]").all_inner_texts()
    assert len(breaches) == 1 and "2026-03" in breaches[0] and "Albertslund" in breaches[0]

    login(page, "koordinator")
    service_url = f"/drift/ydelse/{Charge.objects.get(name='Drift').catalogue_service.pk}/"
    page.goto(service_url)
    page.click("[data-testid=add-level]")
    page.select_option("#id_organisation", str(setup["albertslund"].pk))
    page.fill("#id_p1_response", "45")
    page.fill("#id_p1_resolution", "240")
    page.click("[data-testid=save]")
    page.wait_for_url(f"**{service_url}")
    row = page.locator("[data-testid=harmonisation-row]", has_text="Albertslund").inner_text()
    assert "+30" in row and "afvigelse" in row

    login(page, "sekretariat")
    page.goto(f"/kompetencer/behov/{setup['request'].pk}/")
    assert "Anna Andersen" in page.locator("[data-testid=proposals]").inner_text()
    page.select_option("#id_specialist", str(setup["anna"].pk))
    page.fill("#id_hours", "120")
    page.click("[data-testid=allocate]")
    assert "Overbooking" in page.content()
    page.fill("#id_hours", "60")
    page.click("[data-testid=allocate]")
    page.wait_for_url(f"**/kompetencer/behov/{setup['request'].pk}/")
    assert page.locator("[data-testid=approve]").count() == 0  # only the home organisation approves

    login(page, "koordinator")
    page.goto(f"/kompetencer/behov/{setup['request'].pk}/")
    page.click("[data-testid=approve]")
    page.wait_for_url(f"**/kompetencer/behov/{setup['request'].pk}/")
    form = page.locator("[data-testid=hours-form]")
    form.locator("input[name=month]").fill("2026-04")
    form.locator("input[name=hours]").fill("12.5")
    page.click("[data-testid=register-hours]")
    page.wait_for_url(f"**/kompetencer/behov/{setup['request'].pk}/")
    assert "2026-04: 12,50 t" in page.locator("[data-testid=allocations]").inner_text()
    entry = HoursEntry.objects.get(project=setup["project"], organisation=setup["albertslund"], month="2026-04")
    assert entry.actual_hours == Decimal("12.5")
