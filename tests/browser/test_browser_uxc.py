"""Issue 12 items 10 and 18 in the browser, Danish and English, at phone (375) and desktop widths:
the contract list's notice-deadline tags and filter, and the portfolio freshness page with its
"Bed om opdatering" confirmation. Screenshots under test-results/ui (a CI artefact)."""

import datetime
from decimal import Decimal

import pytest
from browser_pages import WIDTHS, english, shot


@pytest.fixture
def scene(reference_data, django_user_model):
    from digisam.collaborations.models import Collaboration, Membership
    from digisam.core.models import Role, RoleAssignment
    from digisam.organisations.models import Organisation
    from digisam.portfolio import catalogue, contract_dates
    from digisam.portfolio.models import Category, Contract, Product, SharingSetting, Usage

    catalogue.seed(Category, Product)  # live-server tests flush the data migration's catalogue

    alpha = Collaboration.objects.create(name="Alfa-samarbejdet", slug="alpha", purposes=["procurement"],
                                         organisation_form="association", published=True)
    albertslund, ballerup = Organisation.objects.get(code="165"), Organisation.objects.get(code="151")
    for org in (albertslund, ballerup):
        Membership.objects.create(collaboration=alpha, organisation=org, status="active",
                                  joined_on=datetime.date(2020, 1, 1))
    SharingSetting.objects.create(organisation=albertslund, collaboration=alpha, share_portfolio=True,
                                  share_economy=True)
    coordinator = django_user_model.objects.create_user(username="koordinator", password="test-password-123",
                                                        first_name="Karen", last_name="Koordinator")
    RoleAssignment.objects.create(user=coordinator, role=Role.COORDINATOR, organisation=albertslund)
    secretariat = django_user_model.objects.create_user(username="sekretariat", password="test-password-123")
    RoleAssignment.objects.create(user=secretariat, role=Role.SECRETARIAT, collaboration=alpha)
    category = Category.objects.get(slug="omsorg")
    today = datetime.date.today()
    Usage.objects.create(organisation=albertslund, category=category)
    for name, expires in (("Omsorg snart", contract_dates.add_months(today + datetime.timedelta(days=20), 3)),
                          ("Omsorg overskredet", today + datetime.timedelta(days=30)),
                          ("Omsorg fjern", today + datetime.timedelta(days=900))):
        Contract.objects.create(organisation=albertslund, category=category, name=name, expires=expires,
                                notice_months=3, notice_runs_to="day", cost_operation=Decimal("1000"))
    return alpha




@pytest.mark.parametrize("language", ["da", "en"])
@pytest.mark.parametrize("width", ["phone", "desktop"])
def test_the_contract_list_tags_near_deadlines_and_filters_them(page, login, scene, width, language):
    page.set_viewport_size({"width": WIDTHS[width], "height": 900})
    login(page, "koordinator")
    if language == "en":
        english(page)
    page.goto("/portefoelje/kommune/165/")
    table = page.locator("[data-testid=contracts]")
    assert table.locator("[data-testid=notice-overdue]").count() == 1
    assert table.locator("[data-testid=notice-due]").count() == 1
    label = "Deadline passed" if language == "en" else "Frist overskredet"
    assert label in table.inner_text()
    page.click("label[for=filter-deadlines]")
    page.click("[data-testid=deadline-filter] button[type=submit]")
    page.wait_for_url("**frister=1**")
    text = page.locator("[data-testid=contracts]").inner_text()
    assert "Omsorg snart" in text and "Omsorg overskredet" in text and "Omsorg fjern" not in text
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTHS[width]
    shot(page, f"notice-deadlines-{width}-{language}")
    page.goto("/")
    panel = page.locator("[data-testid=notice-panel]")
    assert panel.is_visible() and "Omsorg snart" in panel.inner_text()
    shot(page, f"dashboard-deadlines-{width}-{language}")


@pytest.mark.parametrize("language", ["da", "en"])
@pytest.mark.parametrize("width", ["phone", "desktop"])
def test_the_freshness_page_and_a_confirmed_update_request(page, login, scene, width, language):
    page.set_viewport_size({"width": WIDTHS[width], "height": 900})
    login(page, "sekretariat")
    if language == "en":
        english(page)
    page.goto("/portefoelje/samarbejde/alpha/")
    page.click("[data-testid=freshness-link]")
    page.wait_for_url("**/aktualitet/")
    table = page.locator("[data-testid=freshness]")
    shares_not = "Does not share its portfolio" if language == "en" else "Deler ikke sin portefølje"
    assert shares_not in table.locator("[data-testid=member-151]").inner_text()
    assert "1" in table.locator("[data-testid=member-165]").inner_text()
    # Nothing sticks out of the page: the wide table scrolls inside its own box.
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTHS[width]
    shot(page, f"freshness-{width}-{language}")
    page.click("[data-testid=request-165]")
    page.locator("[data-testid=consequences]").wait_for()
    assert "Karen Koordinator" in page.locator("[data-testid=consequences]").inner_text()
    shot(page, f"freshness-confirm-{width}-{language}")
    page.click("[data-testid=confirm]")
    page.wait_for_url("**/aktualitet/")
    sent = "The request has been sent" if language == "en" else "Anmodningen er sendt"
    assert sent in page.content()
    from digisam.initiatives.models import Notification

    assert Notification.objects.filter(kind="portfolio_update", user__username="koordinator").count() == 1
