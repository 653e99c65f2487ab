"""The Content-Security-Policy is sent, and nothing in digisam's templates or generated HTML needs
inline code or style (the browser test checks the pages in Chromium)."""

import re
from pathlib import Path

import pytest

from digisam.core.templatetags.digisam import bar_width

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "digisam"


@pytest.mark.django_db
def test_every_page_carries_a_strict_policy(world, client_for):
    response = client_for(world.users["member"]).get("/")
    policy = response["Content-Security-Policy"]
    for directive in ("default-src 'self'", "script-src 'self'", "style-src 'self'", "object-src 'none'",
                      "frame-ancestors 'none'", "base-uri 'self'", "form-action 'self'"):
        assert directive in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


def test_no_template_has_inline_script_style_or_event_handlers():
    offenders = []
    for template in PACKAGE.rglob("templates/**/*.html"):
        text = template.read_text()
        for pattern in (r"<script(?![^>]*\bsrc=)[^>]*>", r"<style", r"\sstyle=", r"\son[a-z]+=", r"javascript:"):
            if re.search(pattern, text):
                offenders.append(f"{template.relative_to(PACKAGE)}: {pattern}")
    assert offenders == []


def test_generated_html_has_no_style_attributes_or_elements():
    for module in ("planning/presentation.py", "portfolio/harmonisation.py"):
        text = (PACKAGE / module).read_text()
        assert "style=" not in text and "<style" not in text, module


def test_every_palette_colour_and_bar_width_has_its_class():
    from digisam.portfolio.harmonisation import PALETTE

    css = (PACKAGE / "static/digisam/digisam.css").read_text()
    for colour in PALETTE:
        assert f".digisam-mark-{colour.lstrip('#')} {{ border-left: 6px solid {colour}; }}" in css
    for width in range(101):
        assert f".digisam-w-{width}{{width:{width}%}}" in css


@pytest.mark.parametrize(("value", "scale", "expected"), [
    (0, 1, "digisam-w-0"), (57, 1, "digisam-w-57"), (140, 1, "digisam-w-100"), (-3, 1, "digisam-w-0"),
    (0.423, 100, "digisam-w-42"), (None, 1, "digisam-w-0"), ("x", 1, "digisam-w-0"),
])
def test_bar_widths_are_clamped_classes(value, scale, expected):
    assert bar_width(value, scale) == expected
