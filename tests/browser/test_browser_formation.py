"""The formation journeys (issue 14): a coordinator answers the advisor, starts a procurement
association of three municipalities, passes the exploration and analysis gates, records each
municipality's decision in its own bodies and sees it established; a coordinator of a municipality
outside a collaboration reads what joining would mean and applies."""

import datetime
from decimal import Decimal

import pytest


@pytest.fixture
def people(reference_data, django_user_model):
    from digisam.collaborations.models import Collaboration, Membership
    from digisam.core import services
    from digisam.core.models import Role, RoleAssignment
    from digisam.economy.models import Charge, EconomyYear
    from digisam.organisations.models import Organisation

    alpha = Collaboration.objects.create(name="Alfa-samarbejdet", slug="alpha", purposes=["procurement"],
                                         organisation_form="association", published=True)
    for code in ("165", "151"):
        Membership.objects.create(collaboration=alpha, organisation=Organisation.objects.get(code=code),
                                  status="active", joined_on=datetime.date(2020, 1, 1))
    year = services.save(EconomyYear(collaboration=alpha, year=2026, proration="half-year"), user=services.SYSTEM)
    services.save(Charge(year=year, name="Kontingent", kind="fixed_per_member", amount=Decimal("60000")),
                  user=services.SYSTEM)
    for name, code in (("koordinator", "165"), ("udefra", "153")):
        user = django_user_model.objects.create_user(username=name, password="test-password-123")
        RoleAssignment.objects.create(user=user, role=Role.COORDINATOR, organisation=Organisation.objects.get(code=code))
    return {code: Organisation.objects.get(code=code) for code in ("165", "151", "147")}


def test_advisor_to_formation_to_established(page, login, people):
    login(page, "koordinator")
    page.goto("/etablering/raadgiver/")
    page.check("input[name=needs][value=buying_power]")
    page.check("#id_employ_staff")
    page.fill("#id_members", "3")
    page.click("[data-testid=advisor-form] button[type=submit]")
    combinations = page.locator("[data-testid=combinations]")
    assert "Forening" in combinations.locator("tbody tr").first.inner_text()
    assert "Alfa-samarbejdet" in combinations.inner_text()
    start = page.locator("[data-testid=start-form]")
    start.locator("#id_name").fill("Indkøbsforeningen Vest")
    start.locator("#id_initiator").select_option(str(people["165"].pk))
    start.locator("#id_invitees").select_option([str(people["151"].pk), str(people["147"].pk)])
    start.locator("#id_rationale").fill("Fælles udbud giver indkøbsmagt.")
    start.locator("button[type=submit]").click()
    page.wait_for_url("**/etablering/indkoebsforeningen-vest/")
    for _phase in (0, 1):
        page.locator("[data-testid=gates] form button[type=submit]").click()
        page.wait_for_load_state()
    assert "Afgøres af kommunernes egne beslutninger" in page.locator("[data-testid=gates]").inner_text()
    for index in range(3):
        row = page.locator("[data-testid=decisions] tbody tr").nth(index)
        row.locator("select").select_option("yes")
        row.locator("input[type=date]").fill("2026-03-02")
        row.locator("input[name$=body]").fill("Kommunalbestyrelsen")
        row.locator("button[type=submit]").click()
        page.wait_for_load_state()
    assert "Etableret 02.03.2026" in page.locator("[data-testid=established]").inner_text()
    assert "3 af 3" in page.locator("[data-testid=rule]").inner_text()


def test_prospective_member_sees_its_fee_and_applies(page, login, people):
    login(page, "udefra")
    outside = people_org()
    page.goto(f"/etablering/alpha/medlemskab/?organisation={outside}&join_on=2026-07-01")
    fee = page.locator("[data-testid=fee]").inner_text()
    assert "30.000" in fee and "½" in fee
    page.click("[data-testid=apply]")
    page.wait_for_url("**/samarbejder/alpha/**")
    from digisam.collaborations.models import Membership

    assert Membership.objects.get(collaboration__slug="alpha", organisation__code="153").status == "applicant"


def people_org():
    from digisam.organisations.models import Organisation

    return Organisation.objects.get(code="153").pk


def test_prospective_member_estimates_its_tender_savings(page, login, people):
    """The planner scenario with 153's own contract added to alpha's published plan: started from
    the page as a background job, its progress page leads back to the result."""
    from factories.planning import simple_scenario, tiny_portfolio

    from digisam.collaborations.models import Collaboration
    from digisam.core import services
    from digisam.organisations.models import Organisation
    from digisam.planning import services as plan_services
    from digisam.portfolio.models import Contract

    alpha = Collaboration.objects.get(slug="alpha")
    category, _contracts = tiny_portfolio(alpha, [people["165"], people["151"]])
    run = plan_services.run_now(simple_scenario(alpha), user=services.SYSTEM)
    run.published = True
    run.save()
    login(page, "udefra")
    outside = people_org()
    page.goto(f"/etablering/alpha/medlemskab/?organisation={outside}&join_on=2027-01-01")
    assert "ingen portefølje i digisam" in page.locator("[data-testid=tenders]").inner_text()
    Contract.objects.create(organisation=Organisation.objects.get(code="153"), category=category, name="ESDH Roskilde",
                            expires=datetime.date(2028, 9, 30), cost_operation=Decimal("1500000"),
                            cost_other=Decimal("100000"), notice_months=6)
    page.reload()
    page.click("[data-testid=estimate]")
    page.wait_for_url("**/job/*/")
    status = page.locator("[data-testid=job-status]")
    status.locator("a.button").click()
    page.wait_for_url("**/etablering/alpha/medlemskab/**")
    tenders = page.locator("[data-testid=tenders]").inner_text()
    assert "Seneste beregning" in tenders and "Testsystem til planlægning" in tenders
    from digisam.core.templatetags.digisam import kr
    from digisam.formation.models import JoiningEstimate

    estimate = JoiningEstimate.objects.get()
    assert estimate.status == "succeeded" and kr(estimate.total_saving) in tenders
