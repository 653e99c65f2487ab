"""Issue 12 fixes in the browser, Danish and English, at phone (375), tablet (768) and desktop
widths, with a screenshot of each page under test-results/ (a CI artefact, git-ignored)."""

import datetime

import pytest
from browser_pages import WIDTHS, english, shot


@pytest.fixture
def people(reference_data, django_user_model):
    from digisam.collaborations.models import Collaboration, Membership
    from digisam.core.models import Role, RoleAssignment
    from digisam.organisations.models import Organisation

    alpha = Collaboration.objects.create(name="Alfa-samarbejdet", slug="alpha", purposes=["procurement"],
                                         organisation_form="association", published=True)
    albertslund = Organisation.objects.get(code="165")
    Membership.objects.create(collaboration=alpha, organisation=albertslund, status="active",
                              joined_on=datetime.date(2020, 1, 1))
    user = django_user_model.objects.create_user(username="koordinator", password="test-password-123",
                                                 first_name="Karen Margrethe", last_name="Christiansen-Østergaard")
    RoleAssignment.objects.create(user=user, role=Role.COORDINATOR, organisation=albertslund)
    return alpha




@pytest.mark.parametrize("language", ["da", "en"])
@pytest.mark.parametrize("width", ["phone", "tablet"])
def test_below_992_px_the_menu_button_opens_the_navigation(page, login, people, width, language):
    page.set_viewport_size({"width": WIDTHS[width], "height": 900})
    login(page, "koordinator")
    if language == "en":
        english(page)
    assert not page.locator("nav.navigation-menu .mainmenu").is_visible()
    page.click("[data-testid=menu-open]")
    drawer = page.locator("[data-testid=mobile-drawer]")
    drawer.wait_for(state="visible")
    link = drawer.locator("a.nav-link[href='/portefoelje/']")
    assert link.is_visible()
    shot(page, f"mobile-menu-{width}-{language}")
    link.click()
    page.wait_for_url("**/portefoelje/")


@pytest.mark.parametrize("language", ["da", "en"])
def test_on_the_desktop_the_menu_is_shown_and_the_name_does_not_run_into_the_logo(page, login, people, language):
    page.set_viewport_size({"width": WIDTHS["desktop"], "height": 900})
    login(page, "koordinator")
    if language == "en":
        english(page)
    assert page.locator("nav.navigation-menu .mainmenu").is_visible()
    assert not page.locator("[data-testid=menu-open]").is_visible()
    for width in WIDTHS.values():
        page.set_viewport_size({"width": width, "height": 900})
        logo = page.locator(".digisam-logo").bounding_box()
        name = page.locator(".digisam-portal-info .user")
        if name.is_visible():
            box = name.bounding_box()
            overlaps = not (box["x"] >= logo["x"] + logo["width"] or box["y"] >= logo["y"] + logo["height"]
                            or box["y"] + box["height"] <= logo["y"])
            assert not overlaps, (width, logo, box)
    shot(page, f"header-desktop-{language}")


@pytest.mark.parametrize("language", ["da", "en"])
@pytest.mark.parametrize("width", ["phone", "desktop"])
def test_the_sharing_checkboxes_show_their_state(page, login, people, width, language):
    page.set_viewport_size({"width": WIDTHS[width], "height": 900})
    login(page, "koordinator")
    if language == "en":
        english(page)
    page.goto("/portefoelje/kommune/165/deling/")
    box = page.locator("[data-testid=share-portfolio]")
    assert not box.is_checked()
    page.click(f"label[for={box.get_attribute('id')}]")
    assert box.is_checked()
    shot(page, f"sharing-{width}-{language}")
    page.click("[data-testid=save]")
    assert page.locator("[data-testid=share-portfolio]").is_checked()


@pytest.mark.parametrize(("language", "typed", "shown"), [("da", "1.250,5", "1.250,5"), ("en", "1,250.5", "1,250.5")])
def test_a_number_field_says_what_it_understood(page, login, people, language, typed, shown):
    from digisam.core.models import Role, RoleAssignment
    from digisam.economy.models import EconomyYear

    EconomyYear.objects.create(collaboration=people, year=2026, proration="none", settlement="via_collaboration")
    from django.contrib.auth import get_user_model

    secretariat = get_user_model().objects.create_user(username="sekretariat", password="test-password-123")
    RoleAssignment.objects.create(user=secretariat, role=Role.SECRETARIAT, collaboration=people)
    page.set_viewport_size({"width": WIDTHS["phone"], "height": 900})
    login(page, "sekretariat")
    if language == "en":
        english(page)
    page.goto("/oekonomi/alpha/2026/opkraevning/ny/")
    page.fill("input[name=total]", typed)
    understood = page.locator("input[name=total] + [data-testid=number-understood]")
    assert shown in understood.inner_text()
    page.fill("input[name=total]", "abc")
    assert understood.inner_text() == ""
    page.fill("input[name=total]", typed)
    shot(page, f"number-field-phone-{language}")
