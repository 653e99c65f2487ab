"""The Content-Security-Policy holds on the main pages: Chromium reports no violation (no inline
script or style left, htmx and the design system work under it), and the policy is sent."""

import datetime

import pytest

# Every violation lands here (the listener is added by Playwright, outside the page's policy).
RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', e => window.__csp.push(
  e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + (e.sourceFile || '') + ':' + e.lineNumber));
"""


@pytest.fixture
def people(reference_data, django_user_model):
    from factories.planning import simple_scenario, tiny_portfolio

    from digisam.collaborations.models import Collaboration, Membership
    from digisam.core.models import Role, RoleAssignment
    from digisam.organisations.models import Organisation

    collaboration = Collaboration.objects.create(
        name="Vestegnens Digitaliseringssamarbejde", slug="vestegnen", purposes=["procurement"],
        organisation_form="association", published=True,
    )
    members = [Organisation.objects.get(code=code) for code in ("165", "151")]
    for organisation in members:
        Membership.objects.create(collaboration=collaboration, organisation=organisation, status="active",
                                  joined_on=datetime.date(2020, 1, 1))
    tiny_portfolio(collaboration, members)
    simple_scenario(collaboration, name="Basis", time_limit=2)
    for name, role, scope in (("sekretariat", Role.SECRETARIAT, {"collaboration": collaboration}),
                              ("admin", Role.PLATFORM_ADMIN, {})):
        user = django_user_model.objects.create_user(username=name, password="test-password-123")
        RoleAssignment.objects.create(user=user, role=role, **scope)
    return collaboration


def _watch(page):
    console = []
    page.on("console", lambda message: console.append(message.text) if message.type in ("error", "warning")
            else None)
    page.add_init_script(RECORD_VIOLATIONS)
    return console


def _violations(page, console):
    """What was violated since the last call (the console list is emptied; the page's list is new per page)."""
    recorded = page.evaluate("window.__csp || []")
    found = recorded + [text for text in console if "Content Security Policy" in text or "Refused to" in text]
    console.clear()
    return found


def test_the_main_pages_show_no_content_security_policy_violation(page, login, people):
    console = _watch(page)
    response = page.goto("/login/")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy and "'unsafe-inline'" not in policy
    assert _violations(page, console) == []
    login(page, "sekretariat")
    seen = {}
    # The plan: run it, watch the job page (htmx), open the plan with its timeline.
    page.goto("/udbudsplan/vestegnen/")
    page.click("[data-testid=scenarios] >> text=Basis")
    page.click("[data-testid=run-scenario]")
    page.locator("[data-testid=job-status]").wait_for()
    seen["job"] = _violations(page, console)
    assert page.locator("[data-testid=job-status] .digisam-progress span.digisam-w-100").count() == 1
    page.click("text=Se resultatet")
    page.wait_for_url("**/udbudsplan/beregninger/*/")
    assert page.locator("[data-testid=timeline] svg").count() == 1
    seen["plan"] = _violations(page, console)
    for path in ("/", "/samarbejder/", "/samarbejder/vestegnen/", "/portefoelje/samarbejde/vestegnen/",
                 "/initiativer/", "/initiativer/vestegnen/overblik/", "/log/", "/job/", "/api/docs/"):
        response = page.goto(path)
        assert response.status == 200, path
        page.wait_for_load_state("networkidle")
        seen[path] = _violations(page, console)
    # The design system's script runs under the policy (it builds its components: no error logged).
    assert [text for text in console if "dkfds" in text.lower()] == []
    login(page, "admin")
    for path in ("/admin/", "/admin/core/job/"):
        assert page.goto(path).status == 200, path
        seen[path] = _violations(page, console)
    assert {path: found for path, found in seen.items() if found} == {}


def test_the_swagger_page_loads_its_script_from_a_file(page, login, people):
    console = _watch(page)
    login(page, "sekretariat")
    page.goto("/api/docs/")
    page.locator(".swagger-ui .info").wait_for(timeout=20000)
    assert _violations(page, console) == []
