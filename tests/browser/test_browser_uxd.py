"""Issue 12 items 15 and 17 and the business case's low/high estimates in the browser, in Danish and
English, at desktop and phone (375 px) widths, with a screenshot of each page under test-results/ui/."""

import datetime
from decimal import Decimal

import pytest
from browser_pages import WIDTHS, shot

ESDH = "ESDH / sags- og dokumenthåndtering"


@pytest.fixture
def alpha(reference_data, django_user_model):
    from digisam.collaborations.models import Body, Collaboration, DecisionRule, Membership
    from digisam.core.models import Role, RoleAssignment
    from digisam.organisations.models import Organisation
    from digisam.portfolio import catalogue
    from digisam.portfolio.models import Category, Product

    catalogue.seed(Category, Product)  # live-server tests flush the data migration's catalogue
    collaboration = Collaboration.objects.create(name="Alfa-samarbejdet", slug="alpha", purposes=["procurement"],
                                                 organisation_form="association", published=True)
    for code in ("165", "151"):
        Membership.objects.create(collaboration=collaboration, organisation=Organisation.objects.get(code=code),
                                  status="active", joined_on=datetime.date(2020, 1, 1))
    board = Body.objects.create(collaboration=collaboration, kind="board", name="Bestyrelsen")
    DecisionRule.objects.create(collaboration=collaboration, body=board, decision_type="general")
    for name, role, org in (("sekretariat", Role.SECRETARIAT, None), ("koordinator", Role.COORDINATOR, "165")):
        user = django_user_model.objects.create_user(username=name, password="test-password-123")
        RoleAssignment.objects.create(user=user, role=role, collaboration=collaboration if org is None else None,
                                      organisation=Organisation.objects.get(code=org) if org else None)
    return collaboration



def _start(page, login, user, width, language):
    page.set_viewport_size({"width": WIDTHS[width], "height": 900})
    login(page, user)
    if language == "en":
        page.click("button[name=language][value=en]")
        page.wait_for_load_state()


def _no_horizontal_scroll_of_the_page(page):
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


@pytest.mark.parametrize("language", ["da", "en"])
@pytest.mark.parametrize("width", ["phone", "desktop"])
def test_a_scenario_chooses_members_and_categories_by_name(page, login, alpha, width, language):
    from digisam.planning.models import Scenario

    _start(page, login, "sekretariat", width, language)
    page.goto("/udbudsplan/alpha/scenarier/nyt/")
    page.fill("#id_name", "Med grupper")
    page.select_option("#id_earliest_starts-0-municipality", label="Albertslund")
    page.select_option("#id_earliest_starts-0-category", label=ESDH)
    page.fill("#id_earliest_starts-0-month", "2028-01")
    page.select_option("#id_tender_groups-0-category", label=ESDH)
    rows = page.locator("[data-testid=rows-tender_groups] tbody tr").first
    rows.locator("label", has_text="Albertslund").click()
    rows.locator("label", has_text="Ballerup").click()
    page.locator("#id_categories label", has_text=ESDH).click()
    assert page.locator("#id_categories input[value=esdh]").is_checked()
    _no_horizontal_scroll_of_the_page(page)
    shot(page, f"uxd-scenario-form-{width}-{language}")
    page.click("[data-testid=save]")
    page.wait_for_selector("[data-testid=earliest-starts]")
    scenario = Scenario.objects.get(name="Med grupper")
    assert scenario.earliest_starts == "165 esdh 2028-01" and scenario.tender_groups == "esdh: 151, 165"
    assert scenario.categories == ["esdh"]
    text = page.locator("[data-testid=earliest-starts]").inner_text()
    assert text == (f"Albertslund: {ESDH} tidligst fra 2028-01" if language == "da"
                    else f"Albertslund: {ESDH} from 2028-01 at the earliest")
    assert page.locator("[data-testid=groups]").inner_text() == f"{ESDH}: Albertslund, Ballerup"
    shot(page, f"uxd-scenario-page-{width}-{language}")


@pytest.mark.parametrize("language", ["da", "en"])
@pytest.mark.parametrize("width", ["phone", "desktop"])
def test_the_collaboration_page_flags_a_body_without_a_decision_rule(page, login, alpha, width, language):
    from digisam.collaborations.models import Body

    group = Body.objects.create(collaboration=alpha, kind="steering_group", name="Styregruppen")
    _start(page, login, "sekretariat", width, language)
    page.goto("/samarbejder/alpha/")
    warning = page.locator("[data-testid=bodies-without-rule]")
    assert warning.is_visible()
    assert ("Et organ har ingen beslutningsregel" if language == "da" else "One body has no decision rule") \
        in warning.inner_text()
    warning.scroll_into_view_if_needed()
    shot(page, f"uxd-body-without-rule-{width}-{language}")
    warning.locator("[data-testid=add-rule-for-body]").click()
    page.wait_for_url("**/regler/ny/**")
    assert page.locator("#id_body").input_value() == str(group.pk)


def _template_file(tmp_path, name, **changes):
    from digisam.portfolio import exports, formats

    values = {"municipality": "165", "category": "omsorg", "product": "KMD Nexus", "supplier": "KMD A/S",
              "lifecycle": "operational", "contract_id": "A-OMSORG-1", "name": "Omsorgssystem",
              "expires": datetime.date(2029, 6, 30), "notice_months": 6, "notice_runs_to": "month",
              "cost_operation": 2500000}
    row = [formats.format_cell(kind, values.get(key)) for _h, key, kind in formats.TEMPLATE_COLUMNS]
    header = [h for h, _k, _t in formats.TEMPLATE_COLUMNS]
    for column, value in changes.items():
        row[header.index(column)] = value
    path = tmp_path / name
    path.write_bytes(exports.write_csv(header, [row]))
    return path


def _job_result(page):
    page.wait_for_selector("[data-testid=job-status][data-status=succeeded], [data-testid=job-status][data-status=failed]")
    page.locator("#job-progress a.button-primary").click()
    page.wait_for_url("**/portefoelje/import/**")


@pytest.mark.parametrize("language", ["da", "en"])
@pytest.mark.parametrize("width", ["phone", "desktop"])
def test_a_rejected_file_is_corrected_on_its_page_and_the_loaded_import_says_so(page, login, alpha, tmp_path, width,
                                                                                 language):
    _start(page, login, "koordinator", width, language)
    page.goto("/portefoelje/kommune/165/import/")
    page.set_input_files("#id_file", str(_template_file(tmp_path, "fejl.csv", **{"Gyldig til": "31-31-2030"})))
    page.click("[data-testid=upload]")
    _job_result(page)
    assert page.locator("[data-testid=import-errors]").is_visible()
    reupload = page.locator("[data-testid=reupload]")
    assert reupload.is_visible()
    assert ("Upload en rettet fil" if language == "da" else "Upload a corrected file") in reupload.inner_text()
    shot(page, f"uxd-import-rejected-{width}-{language}")
    reupload.locator("input[name=file]").set_input_files(str(_template_file(tmp_path, "rettet.csv")))
    page.click("[data-testid=reupload-submit]")
    _job_result(page)
    heading = page.locator("[data-testid=result-heading]").inner_text()
    assert heading == ("Resultat af prøvekørslen" if language == "da" else "Dry run result")
    page.click("[data-testid=apply]")
    _job_result(page)
    assert page.locator("[data-testid=result-heading]").inner_text() == (
        "Importen er indlæst" if language == "da" else "The import has been loaded")
    assert page.locator("[data-testid=applied-summary]").inner_text() == (
        "Importen er indlæst: 1 systemanvendelse og 1 kontrakter oprettet eller ændret." if language == "da" else
        "The import has been loaded: 1 system usage and 1 contracts created or changed.")
    assert "prøvekørslen" not in page.locator("main").inner_text()
    shot(page, f"uxd-import-loaded-{width}-{language}")


@pytest.mark.parametrize("language", ["da", "en"])
@pytest.mark.parametrize("width", ["phone", "desktop"])
def test_the_business_case_grid_edits_the_low_estimates(page, login, alpha, width, language):
    from digisam.initiatives.models import BusinessCase, BusinessCaseLine, Initiative, PhaseModel
    from digisam.organisations.models import Organisation

    albertslund = Organisation.objects.get(code="165")
    phases = PhaseModel.objects.create(collaboration=alpha, name="Model", phases=["Idé", "Analyse"])
    initiative = Initiative.objects.create(collaboration=alpha, title="Fælles ESDH", kind="voluntary",
                                           owner_organisation=albertslund, owner_person="Anne", purpose="P",
                                           phase_model=phases)
    case = BusinessCase.objects.create(initiative=initiative, start_year=2026, horizon=3)
    line = BusinessCaseLine.objects.create(case=case, organisation=albertslund, scenario=1, kind="investment",
                                           year=2026, likely=Decimal(100))
    _start(page, login, "sekretariat", width, language)
    page.goto(f"/initiativer/i/{initiative.pk}/business-case/tabel/")
    page.click("[data-testid=estimate-lav]")
    page.wait_for_url("**?estimat=lav")
    assert page.locator("[data-testid=estimate-current]").inner_text() == ("lavt" if language == "da" else "low")
    page.fill(f"input[name=c-0-{albertslund.pk}-2026]", "80,5" if language == "da" else "80.5")
    shot(page, f"uxd-case-grid-low-{width}-{language}")
    page.click("[data-testid=grid-save]")
    page.wait_for_load_state()
    line.refresh_from_db()
    assert line.low == Decimal("80.50") and line.likely == Decimal(100)
    assert "estimat=lav" in page.url
