"""Browser journeys: Playwright driving Debian's Chromium against pytest-django's live server.

Fixtures:
- `page`: a fresh Playwright page (Danish UI), closed after the test.
- `login(page, username, password=PASSWORD)`: signs in through the login form.
- `reference_data`: the migration's reference data again (live-server tests flush the database
  after each test, which removes what the data migration loaded).
"""

import os
import shutil

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop

PASSWORD = "test-password-123"
CHROMIUM = os.environ.get("DIGISAM_CHROMIUM", "/usr/bin/chromium")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}: scripts/setup.sh --test installs it (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        )
        yield browser
        browser.close()


@pytest.fixture
def reference_data(transactional_db):
    from django.apps import apps

    from digisam.organisations import reference
    from digisam.organisations.models import Organisation

    if not Organisation.objects.filter(kind="municipality").exists():
        reference.load_reference_data(apps)


@pytest.fixture
def page(browser, live_server, reference_data):
    context = browser.new_context(base_url=live_server.url, locale="da-DK")
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


@pytest.fixture
def login():
    def do_login(page, username, password=PASSWORD):
        page.goto("/logout/") if False else None
        page.context.clear_cookies()
        page.goto("/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", password)
        page.click("[data-testid=login]")
        page.wait_for_url(lambda url: "/login/" not in url)

    return do_login
