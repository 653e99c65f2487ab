"""The secretariat runs a scenario for a collaboration, watches the job's progress, opens the plan
and sees each member's savings; a coordinator opens its own page of the plan."""

import datetime

import pytest


@pytest.fixture
def planning(reference_data, django_user_model):
    from factories.planning import simple_scenario, tiny_portfolio

    from digisam.collaborations.models import Collaboration, Membership
    from digisam.core.models import Role, RoleAssignment
    from digisam.organisations.models import Organisation

    collaboration = Collaboration.objects.create(
        name="Storkøbenhavns Digitaliseringssamarbejde", slug="storkoebenhavn", purposes=["procurement"],
        organisation_form="association", published=True,
    )
    members = [Organisation.objects.get(code=code) for code in ("165", "151", "169")]
    for organisation in members:
        Membership.objects.create(collaboration=collaboration, organisation=organisation, status="active",
                                  joined_on=datetime.date(2020, 1, 1))
    tiny_portfolio(collaboration, members)
    scenario = simple_scenario(collaboration, name="Basis", time_limit=2)

    def user(name, role, **scope):
        u = django_user_model.objects.create_user(username=name, password="test-password-123")
        RoleAssignment.objects.create(user=u, role=role, **scope)
        return u

    user("sekretariat", Role.SECRETARIAT, collaboration=collaboration)
    user("koordinator", Role.COORDINATOR, organisation=members[0])
    return {"collaboration": collaboration, "scenario": scenario, "members": members}


def test_secretariat_runs_a_scenario_and_sees_each_members_savings(page, login, planning):
    login(page, "sekretariat")
    page.goto("/udbudsplan/")
    page.click("text=Storkøbenhavns Digitaliseringssamarbejde")
    page.click("[data-testid=scenarios] >> text=Basis")
    # the preview lists the contracts the plan will use
    assert page.locator("[data-testid=instance-contracts] tbody tr").count() == 3
    page.click("[data-testid=run-scenario]")
    # the job page shows the progress (tasks run immediately in tests, so it is already done)
    status = page.locator("[data-testid=job-status]")
    status.wait_for()
    assert status.get_attribute("data-status") == "succeeded"
    assert "100 %" in status.inner_text()
    page.click("text=Se resultatet")
    page.wait_for_url("**/udbudsplan/beregninger/*/")
    table = page.locator("[data-testid=member-savings]")
    for organisation in planning["members"]:
        row = table.locator(f"tr[data-member='{organisation.code}']")
        assert organisation.name in row.inner_text()
        assert "kr." in row.inner_text()
    assert page.locator("[data-testid=timeline] svg").count() == 1
    assert page.locator("[data-testid=plan-summary]").is_visible()
    # publish it as the collaboration's plan
    page.click("[data-testid=publish]")
    assert "samarbejdets udbudsplan" in page.inner_text("[data-testid=consequences]")
    page.click("[data-testid=confirm]")
    assert "offentliggjort" in page.locator(".alert-success").inner_text()

    # a coordinator opens its own member page of the plan
    login(page, "koordinator")
    page.goto("/udbudsplan/storkoebenhavn/")
    page.click("[data-testid=published-plan]")
    page.click(f"[data-testid=member-savings] >> text={planning['members'][0].name}")
    assert page.locator("[data-testid=member-total]").is_visible()
    assert page.locator("[data-testid=member-tenders] tbody tr").count() == 1
