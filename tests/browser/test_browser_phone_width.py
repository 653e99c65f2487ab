"""At 375 px no page is wider than the screen: wide tables scroll inside their own box, buttons wrap
(issue 12 item 9, readable on any screen). Checked in Danish and English on the pages a member's
coordinator and the secretariat use most, with a screenshot of each."""

import datetime

import pytest
from browser_pages import WIDTHS, english, shot


@pytest.fixture
def scene(reference_data, django_user_model):
    from digisam.collaborations.models import Body, Collaboration, DecisionRule, Membership
    from digisam.core.models import Role, RoleAssignment
    from digisam.organisations.models import Organisation
    from digisam.portfolio.models import Category, Contract, Usage

    alpha = Collaboration.objects.create(name="Alfa-samarbejdet", slug="alpha", purposes=["procurement"],
                                         organisation_form="association", published=True)
    members = list(Organisation.objects.filter(kind="municipality").order_by("code")[:8])
    for org in members:
        Membership.objects.create(collaboration=alpha, organisation=org, status="active",
                                  joined_on=datetime.date(2020, 1, 1))
    board = Body.objects.create(collaboration=alpha, kind="board", name="Bestyrelsen for Alfa-samarbejdet")
    Body.objects.create(collaboration=alpha, kind="steering_group", name="Styregruppen uden beslutningsregel")
    DecisionRule.objects.create(collaboration=alpha, body=board, decision_type="general")
    albertslund = Organisation.objects.get(code="165")
    Membership.objects.get_or_create(collaboration=alpha, organisation=albertslund,
                                     defaults={"status": "active", "joined_on": datetime.date(2020, 1, 1)})
    category = Category.objects.order_by("pk").first() or Category.objects.create(slug="esdh", name="ESDH")
    Usage.objects.create(organisation=albertslund, category=category)
    Contract.objects.create(organisation=albertslund, category=category, name="En kontrakt med et langt navn",
                            expires=datetime.date(2030, 1, 31), notice_months=6)
    for username, role, collaboration, organisation in (
        ("koordinator", Role.COORDINATOR, None, albertslund), ("sekretariat", Role.SECRETARIAT, alpha, None),
    ):
        user = django_user_model.objects.create_user(username=username, password="test-password-123")
        RoleAssignment.objects.create(user=user, role=role, collaboration=collaboration, organisation=organisation)
    return alpha


PAGES = [
    ("sekretariat", "/samarbejder/alpha/"),
    ("sekretariat", "/"),
    ("koordinator", "/portefoelje/kommune/165/"),
    ("koordinator", "/portefoelje/kommune/165/deling/"),
    ("sekretariat", "/portefoelje/samarbejde/alpha/"),
]


@pytest.mark.parametrize("language", ["da", "en"])
@pytest.mark.parametrize(("username", "path"), PAGES, ids=[p for _u, p in PAGES])
def test_no_page_is_wider_than_a_phone(page, login, scene, username, path, language):
    page.set_viewport_size({"width": WIDTHS["phone"], "height": 900})
    login(page, username, "test-password-123")
    if language == "en":
        english(page)
    page.goto(path)
    width = page.evaluate("document.documentElement.scrollWidth")
    wide = page.evaluate("""() => [...document.querySelectorAll('body *')].filter(e => {
        const r = e.getBoundingClientRect(); return r.right > window.innerWidth + 1 && r.width > 0
            && !e.closest('.table-responsive') && getComputedStyle(e).position !== 'fixed';
    }).slice(-6).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))""")
    shot(page, f"phone-width-{path.strip('/').replace('/', '-') or 'forside'}-{language}")
    assert width <= WIDTHS["phone"], f"{path} is {width} px wide at {WIDTHS['phone']} px: {wide}"
