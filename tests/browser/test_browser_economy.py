"""A finance officer registers hours, generates the annual statement and opens its own explained
statement; a member user of another member sees only its own statement and the collaboration totals."""

import datetime
from decimal import Decimal

import pytest


@pytest.fixture
def economy(reference_data, django_user_model):
    from digisam.collaborations.models import Collaboration, Membership
    from digisam.core import services
    from digisam.core.models import Role, RoleAssignment
    from digisam.economy.models import Charge, EconomyYear, HoursEntry, Project
    from digisam.organisations.models import Organisation

    alpha = Collaboration.objects.create(name="Alfa-samarbejdet", slug="alpha", purposes=["procurement"],
                                         organisation_form="association", published=True)
    albertslund, ballerup = Organisation.objects.get(code="165"), Organisation.objects.get(code="151")
    for o in (albertslund, ballerup):
        Membership.objects.create(collaboration=alpha, organisation=o, status="active",
                                  joined_on=datetime.date(2020, 1, 1))

    def user(name, role, organisation):
        u = django_user_model.objects.create_user(username=name, password="test-password-123")
        RoleAssignment.objects.create(user=u, role=role, organisation=organisation)

    user("oekonomi", Role.FINANCE_OFFICER, albertslund)
    user("medlem", Role.MEMBER_USER, ballerup)

    def save(obj):
        return services.save(obj, user=services.SYSTEM)

    year = save(EconomyYear(collaboration=alpha, year=2026, proration="half-year"))
    save(Charge(year=year, name="Kontingent", kind="equal_share", total=Decimal("100000")))
    save(Charge(year=year, name="Brugerklub", kind="per_inhabitant", rate=Decimal("9")))
    project = save(Project(year=year, name="Monopolbrud", hourly_rate=Decimal("850"), key="equal",
                           rate_decision_reference="Generalforsamlingen 2026"))
    save(HoursEntry(project=project, organisation=ballerup, month="2026-01", agreed_hours=40, actual_hours=40))
    return {"project": project}


def test_finance_officer_generates_and_member_sees_only_its_own(page, login, economy):
    login(page, "oekonomi")
    page.goto("/oekonomi/alpha/2026/")
    page.click("[data-testid=add-hours]")
    page.select_option("#id_project", str(economy["project"].pk))
    page.fill("#id_month", "2026-02")
    page.fill("#id_agreed_hours", "30")
    page.fill("#id_actual_hours", "25")
    page.click("[data-testid=save]")
    page.wait_for_url("**/oekonomi/alpha/2026/")
    hours = page.locator("[data-testid=hours]").inner_text()
    assert "Albertslund" in hours and "2026-02" in hours and "Ballerup" not in hours

    page.click("[data-testid=generate]")
    page.wait_for_url("**/job/*/")  # the background job's progress page, linking to its result
    page.locator("[data-testid=job-status][data-status=succeeded]").wait_for()
    page.click("text=Se resultatet")
    page.wait_for_url("**/oekonomi/alpha/2026/opgoerelse/1/")
    members = page.locator("[data-testid=members]").inner_text()
    assert "165 Albertslund" in members and "Ballerup" not in members
    page.click("[data-testid=member-165]")
    page.wait_for_url("**/medlem/165/")
    explanations = page.locator("[data-testid=explanation]").all_inner_texts()
    assert any(text.startswith("9 kr. × ") and "indbyggere × 1 år" in text for text in explanations)
    assert any("25 timer × 850 kr." in text for text in explanations)
    assert "kr." in page.locator("[data-testid=net]").inner_text()

    login(page, "medlem")
    page.goto("/oekonomi/alpha/2026/opgoerelse/1/")
    members = page.locator("[data-testid=members]").inner_text()
    assert "151 Ballerup" in members and "Albertslund" not in members
    assert "Opkrævninger i alt" in page.locator("[data-testid=totals]").inner_text()
    assert page.locator("[data-testid=member-165]").count() == 0
    assert page.locator("[data-testid=generate]").count() == 0
    assert page.goto("/oekonomi/alpha/2026/opgoerelse/1/medlem/165/").status == 404
    page.goto("/oekonomi/alpha/2026/opgoerelse/1/medlem/151/")
    assert "Monopolbrud" in page.content()
