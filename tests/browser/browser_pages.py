"""What the browser journeys share: the widths they are checked at, the screenshot kept of each page
(under test-results/ui/, a CI artefact, git-ignored) and the switch to English."""

import pathlib

SHOTS = pathlib.Path("test-results/ui")
WIDTHS = {"phone": 375, "tablet": 768, "desktop": 1280}


def shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def english(page):
    page.click("button[name=language][value=en]")
    page.wait_for_load_state()
