"""Each role logs in: the coordinator edits its own municipality and is refused another's; the
secretariat manages only its collaboration; the observer cannot write; the audit log shows it all."""

import datetime

import pytest


@pytest.fixture
def people(reference_data, django_user_model):
    from digisam.collaborations.models import Collaboration, Membership
    from digisam.core.models import Role, RoleAssignment
    from digisam.organisations.models import Organisation

    alpha = Collaboration.objects.create(name="Alfa-samarbejdet", slug="alpha", purposes=["procurement"],
                                         organisation_form="association", published=True)
    beta = Collaboration.objects.create(name="Beta-samarbejdet", slug="beta", purposes=["procurement"],
                                        organisation_form="association", published=True)
    albertslund, brondby = Organisation.objects.get(code="165"), Organisation.objects.get(code="153")
    for c, o in ((alpha, albertslund), (beta, brondby)):
        Membership.objects.create(collaboration=c, organisation=o, status="active", joined_on=datetime.date(2020, 1, 1))

    def user(name, role, collaboration=None, organisation=None):
        u = django_user_model.objects.create_user(username=name, password="test-password-123")
        RoleAssignment.objects.create(user=u, role=role, collaboration=collaboration, organisation=organisation)
        return u

    user("admin", Role.PLATFORM_ADMIN)
    user("sekretariat", Role.SECRETARIAT, collaboration=alpha)
    user("koordinator", Role.COORDINATOR, organisation=albertslund)
    user("medlem", Role.MEMBER_USER, organisation=albertslund)
    user("observatoer", Role.OBSERVER)
    return {"albertslund": albertslund, "brondby": brondby}


def test_each_role_can_do_what_it_may_and_no_more(page, login, people):
    # Coordinator edits its own municipality through the form.
    login(page, "koordinator")
    page.goto(f"/organisationer/{people['albertslund'].slug}/")
    page.click("[data-testid=edit-organisation]")
    page.fill("#id_email", "it@albertslund.dk")
    page.click("[data-testid=save]")
    assert "er gemt" in page.content()
    # ... and is refused another municipality's form.
    response = page.goto(f"/organisationer/{people['brondby'].slug}/rediger/")
    assert response.status == 403
    page.goto(f"/organisationer/{people['brondby'].slug}/")
    assert page.locator("[data-testid=edit-organisation]").count() == 0

    # Secretariat manages its own collaboration only.
    login(page, "sekretariat")
    page.goto("/samarbejder/alpha/organer/nyt/")
    page.select_option("#id_kind", "working_group")
    page.fill("#id_name", "Arbejdsgruppe for ESDH")
    page.click("[data-testid=save]")
    page.wait_for_url("**/samarbejder/alpha/")
    assert "Arbejdsgruppe for ESDH" in page.content()
    assert page.goto("/samarbejder/beta/organer/nyt/").status == 403
    assert page.goto("/samarbejder/beta/rediger/").status == 403

    # Observer reads the published collaboration but cannot write.
    login(page, "observatoer")
    page.goto("/samarbejder/alpha/")
    assert "Arbejdsgruppe for ESDH" in page.content()
    assert page.locator("text=Tilføj organ").count() == 0
    assert page.goto("/samarbejder/alpha/rediger/").status == 403

    # The audit log shows each change with user and channel.
    login(page, "admin")
    page.goto("/log/")
    table = page.locator("[data-testid=audit-table]").inner_text()
    assert "koordinator" in table and "sekretariat" in table
    assert "Arbejdsgruppe for ESDH" in table and "Web" in table


def test_invalid_form_input_gets_a_message_at_the_field(page, login, people):
    login(page, "sekretariat")
    page.goto("/samarbejder/alpha/regler/ny/")
    page.select_option("#id_majority", "qualified")
    page.click("[data-testid=save]")
    error = page.locator(".form-error-message").first.inner_text()
    assert "Fejl" in error or "brøken" in error.lower() or "påkrævet" in error.lower()


def test_english_switch(page, login, people):
    login(page, "medlem")
    page.goto("/")
    page.click("button[name=language][value=en]")
    assert page.locator("html").get_attribute("lang") == "en"
