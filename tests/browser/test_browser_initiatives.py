"""The initiative journey: the secretariat proposes an initiative with a benefit mapping and a
business case; two members opt in and one out; the steering group votes; the gate passes; realised
benefits are recorded; the directors' dashboard shows it all."""

import datetime

import pytest


@pytest.fixture
def gamma(reference_data, django_user_model):
    from digisam.collaborations.models import Body, Collaboration, DecisionRule, Membership
    from digisam.core.models import Role, RoleAssignment
    from digisam.organisations.models import Organisation

    collaboration = Collaboration.objects.create(name="Gamma-samarbejdet", slug="gamma", purposes=["implementation"],
                                                 organisation_form="association", published=True)
    orgs = {code: Organisation.objects.get(code=code) for code in ("165", "151", "153")}
    for org in orgs.values():
        Membership.objects.create(collaboration=collaboration, organisation=org, status="active",
                                  joined_on=datetime.date(2020, 1, 1))
    steering = Body.objects.create(collaboration=collaboration, kind="steering_group", name="Styregruppen")
    DecisionRule.objects.create(collaboration=collaboration, body=steering, decision_type="gate", majority="simple")

    def user(name, role, collaboration=None, organisation=None):
        u = django_user_model.objects.create_user(username=name, password="test-password-123")
        RoleAssignment.objects.create(user=u, role=role, collaboration=collaboration, organisation=organisation)
        return u

    user("sekretariat", Role.SECRETARIAT, collaboration=collaboration)
    for code, org in orgs.items():
        user(f"koordinator{code}", Role.COORDINATOR, organisation=org)
    return orgs


def test_initiative_from_benefit_mapping_to_dashboard(page, login, gamma):
    year = datetime.date.today().year
    login(page, "sekretariat")
    page.goto("/initiativer/gamma/")
    page.click("[data-testid=new-initiative]")
    page.fill("#id_title", "Fælles ESDH-løsning")
    page.select_option("#id_kind", "voluntary")
    page.select_option("#id_owner_organisation", str(gamma["165"].pk))
    page.fill("#id_owner_person", "Anne Andersen")
    page.fill("#id_purpose", "Ens og billigere sagsbehandling på tværs af kommunerne")
    page.click("[data-testid=save]")
    page.wait_for_selector("[data-testid=current-phase]")
    assert page.inner_text("[data-testid=current-phase]") == "Idé"
    initiative_url = page.url

    # benefit mapping: a benefit with an expected value for a member
    page.click("[data-testid=add-benefit]")
    page.select_option("#id_kind", "economic")
    page.fill("#id_description", "Lavere licensudgifter")
    page.fill("#id_primary_recipient", "Økonomiafdelingerne")
    page.fill("#id_unit", "kr.")
    page.click("[data-testid=save]")
    page.click("[data-testid=add-expectation]")
    page.select_option("#id_organisation", str(gamma["165"].pk))
    page.fill("#id_expected_value", "1000")
    page.click("[data-testid=save]")
    assert "Lavere licensudgifter" in page.inner_text("[data-testid=benefits]")
    assert page.locator("[data-testid=benefit-map]").count() == 1

    # business case: investment now, gain next year
    page.click("[data-testid=edit-case]")
    page.fill("#id_start_year", str(year))
    page.click("[data-testid=save]")
    for kind, line_year, amount in (("investment", year, "500"), ("gain", year + 1, "828")):
        page.click("[data-testid=add-case-line]")
        page.select_option("#id_organisation", str(gamma["165"].pk))
        page.select_option("#id_kind", kind)
        page.fill("#id_year", str(line_year))
        page.fill("#id_likely", amount)
        page.click("[data-testid=save]")
    assert page.inner_text("[data-testid=npv]") == "300 kr."  # -500 + 828 / 1,035 = 300
    assert page.inner_text("[data-testid=payback]") == str(year + 1)

    # the gate closing the idea phase
    page.click("[data-testid=add-gate]")
    page.select_option("#id_phase", "0")
    page.click("[data-testid=save]")

    # two members opt in, one out
    for code, choice in (("165", "in"), ("151", "in"), ("153", "out")):
        login(page, f"koordinator{code}")
        page.goto(initiative_url)
        page.click(f"[data-testid=choose-{gamma[code].pk}]")
        page.select_option("#id_choice", choice)
        if choice == "out":
            page.fill("#id_reason", "Har egen kontrakt til 2029")
        page.click("[data-testid=save]")
        assert page.locator(f"[data-testid=choose-{gamma['151' if code == '165' else '165'].pk}]").count() == 0
    assert "Har egen kontrakt til 2029" in page.inner_text("[data-testid=participation]")

    # the steering group votes on the gate
    login(page, "sekretariat")
    page.goto(initiative_url)
    page.click("[data-testid=gate-proposal]")
    page.click("[data-testid=save]")
    page.click("[data-testid=open-vote]")
    assert "Afstemning åben" in page.inner_text("[data-testid=proposal-status]")
    proposal_url = page.url
    for code, choice in (("165", "yes"), ("151", "yes"), ("153", "no")):
        login(page, f"koordinator{code}")
        page.goto(proposal_url)
        form = page.locator(f"[data-testid=vote-form-{gamma[code].pk}]")
        form.locator("select[name=choice]").select_option(choice)
        form.locator("[data-testid=vote]").click()
        assert "er afgivet" in page.content()
    login(page, "sekretariat")
    page.goto(proposal_url)
    page.click("[data-testid=close-vote]")
    assert "3 af 3 medlemmer har stemt" in page.inner_text("[data-testid=consequences]")
    page.click("[data-testid=confirm]")
    outcome = page.inner_text("[data-testid=outcome]")
    assert "vedtaget med 2 stemmer for, 1 imod" in outcome and "GO." in outcome

    # the gate passed: the initiative is in the analysis phase; realised benefits are recorded
    page.goto(initiative_url)
    assert page.inner_text("[data-testid=current-phase]") == "Analyse"
    assert page.inner_text("[data-testid=gate-outcome]") == "GO"
    page.click("[data-testid=add-realisation]")
    page.select_option("#id_organisation", str(gamma["165"].pk))
    page.fill("#id_value", "400")
    page.click("[data-testid=save]")
    assert "400,00 kr." in page.inner_text("[data-testid=realised]")

    # the directors' dashboard shows it all
    page.goto("/initiativer/gamma/overblik/")
    assert "Fælles ESDH-løsning" in page.inner_text("[data-testid=dashboard-initiatives]")
    assert "Analyse" in page.inner_text("[data-testid=by-phase]")
    benefits = page.inner_text("[data-testid=dashboard-benefits]")
    assert "1.000" in benefits and "400" in benefits and "40 %" in benefits
    participation = page.inner_text("[data-testid=participation-overview]")
    assert "Tilvalgt" in participation and "Fravalgt" in participation
    assert "Vedtaget" in page.inner_text("[data-testid=recent-decisions]")
    assert "GO" in page.inner_text("[data-testid=recent-decisions]")
    pdf = page.request.get("/initiativer/gamma/overblik/?format=pdf")
    assert pdf.status == 200 and pdf.body().startswith(b"%PDF")
