"""A coordinator uploads a portfolio file, reviews the dry run, applies it, and sees the
collaboration's harmonisation view change."""

import datetime

import pytest


@pytest.fixture
def portfolio_people(reference_data, django_user_model):
    from digisam.collaborations.models import Collaboration, Membership
    from digisam.core.models import Role, RoleAssignment
    from digisam.organisations.models import Organisation
    from digisam.portfolio import catalogue
    from digisam.portfolio.models import Category, Contract, Product, SharingSetting, Usage

    catalogue.seed(Category, Product)  # live-server tests flush the data migration's catalogue
    alpha = Collaboration.objects.create(name="Alfa-samarbejdet", slug="alpha", purposes=["procurement"],
                                         organisation_form="association", published=True)
    albertslund, ballerup = Organisation.objects.get(code="165"), Organisation.objects.get(code="151")
    for organisation in (albertslund, ballerup):
        Membership.objects.create(collaboration=alpha, organisation=organisation, status="active",
                                  joined_on=datetime.date(2020, 1, 1))
        SharingSetting.objects.create(organisation=organisation, collaboration=alpha, share_portfolio=True,
                                      share_economy=True)
    omsorg = Category.objects.get(slug="omsorg")
    nexus = Product.objects.get(category=omsorg, name="KMD Nexus")
    usage = Usage.objects.create(organisation=ballerup, category=omsorg, product=nexus)
    contract = Contract.objects.create(organisation=ballerup, category=omsorg, product=nexus, contract_id="B-1",
                                       expires=datetime.date(2029, 12, 31), notice_months=6)
    contract.usages.set([usage])
    user = django_user_model.objects.create_user(username="koordinator", password="test-password-123")
    RoleAssignment.objects.create(user=user, role=Role.COORDINATOR, organisation=albertslund)
    return alpha


def _template(tmp_path):
    from digisam.portfolio import exports, formats

    values = {"municipality": "165", "category": "omsorg", "product": "KMD Nexus", "supplier": "KMD A/S",
              "lifecycle": "operational", "contract_id": "A-OMSORG-1", "name": "Omsorgssystem",
              "expires": datetime.date(2029, 6, 30), "notice_months": 6, "notice_runs_to": "month",
              "cost_operation": 2500000}
    row = [formats.format_cell(kind, values.get(key)) for _h, key, kind in formats.TEMPLATE_COLUMNS]
    path = tmp_path / "albertslund.xlsx"
    path.write_bytes(exports.write_xlsx([h for h, _k, _t in formats.TEMPLATE_COLUMNS], [row]))
    return path


def test_coordinator_imports_and_sees_the_harmonisation_change(page, login, portfolio_people, tmp_path):
    login(page, "koordinator")
    page.goto("/portefoelje/samarbejde/alpha/")
    assert page.locator("[data-testid=index-omsorg]").inner_text().strip() == "–"

    page.goto("/portefoelje/kommune/165/")
    page.click("[data-testid=import-link]")
    page.set_input_files("#id_file", str(_template(tmp_path)))
    page.click("[data-testid=upload]")
    page.wait_for_selector("[data-testid=job-status][data-status=succeeded], [data-testid=job-status][data-status=failed]")
    assert page.locator("[data-testid=job-status]").get_attribute("data-status") == "succeeded", page.content()[-3000:]
    page.get_by_role("link", name="Se resultatet").click()
    dry_run = page.locator("[data-testid=dry-run]")
    assert "1" in dry_run.locator("tr").nth(2).inner_text()  # one contract to be created
    page.click("[data-testid=apply]")
    page.wait_for_selector("[data-testid=job-status][data-status=succeeded], [data-testid=job-status][data-status=failed]")
    assert page.locator("[data-testid=job-status]").get_attribute("data-status") == "succeeded", page.content()[-3000:]
    page.get_by_role("link", name="Se resultatet").click()
    assert page.locator("[data-testid=applied]").is_visible()

    page.goto("/portefoelje/samarbejde/alpha/")
    assert page.locator("[data-testid=index-omsorg]").inner_text().strip() == "100,0 %"
    assert "KMD Nexus" in page.locator("[data-testid=matrix]").inner_text()
