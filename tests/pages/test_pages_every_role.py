"""Every page of the demo as every demo user, in Danish and in English (issue 12, "Show").

A crawler starts at the front page as each demo user and follows every internal link it finds
(GET only; at most PER_ROUTE pages of one URL pattern per user and language, so a list of 300
contracts costs two contract pages, not 300). Each page must

- answer without a server error (any status below 500; downloads are fetched and not parsed);
- show no raw ISO date (`2026-12-17`) in its text — dates are written `17.12.2026`;
- in English, show no text that is a Danish msgid of our catalogues left untranslated (a text
  translated at import time instead of lazily, or rendered outside the active language).

The demo is loaded once per worker in a transaction that is rolled back at the end, like the
permission matrix's scene; this directory runs in its own pytest process (scripts/test.sh)."""

from __future__ import annotations

import re
from collections import defaultdict, deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest
from django.db import transaction
from django.test import Client
from django.urls import Resolver404, resolve

PER_ROUTE = 2
MAX_PAGES = 400
USERS = ["admin", "sekretariat", "koordinator", "oekonomi", "medlem", "observatoer"]
ISO_DATE = re.compile(r"(?<![\d/-])(?:19|20)\d\d-[01]\d-[0-3]\d(?![\d-])")
SKIP_PREFIXES = ("/admin/", "/api/", "/static/", "/log-ud", "/logout", "/sprog/", "/__")
SKIP_TEXT_TAGS = {"script", "style", "code", "pre", "textarea"}
TEXT_ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")


class PageText(HTMLParser):
    """Text nodes and human-read attributes of a page, and its links."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self.links: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in SKIP_TEXT_TAGS:
            self._skip += 1
        if tag == "a" and attributes.get("href") and "download" not in attributes:
            self.links.append(attributes["href"])
        for name in TEXT_ATTRIBUTES:
            if attributes.get(name):
                self.texts.append(attributes[name])

    def handle_endtag(self, tag):
        if tag in SKIP_TEXT_TAGS and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.texts.append(" ".join(data.split()))


def danish_msgids() -> set[str]:
    """The msgids whose English translation differs from them — if one of these is on an English
    page as it stands, it was not translated."""
    from django.utils.translation import trans_real

    catalog = trans_real.translation("en")._catalog
    found = set()
    for key, translated in catalog.items():
        msgid = key[0] if isinstance(key, tuple) else key
        if not isinstance(msgid, str) or not msgid or "%" in msgid or "{" in msgid:
            continue
        if translated != msgid and len(msgid) >= 4 and re.search(r"[a-zæøå]", msgid):
            found.add(msgid)
    return found


def data_texts() -> set[str]:
    """Texts that are the collaborations' own data and happen to equal a msgid (a phase named
    "Analyse", a unit named "Økonomi"): Danish on an English page because the data is Danish."""
    from django.contrib.auth import get_user_model

    from digisam.initiatives.models import PhaseModel
    from digisam.portfolio.models import Usage

    texts = {name for phases in PhaseModel.objects.values_list("phases", flat=True) for name in phases or []}
    texts |= set(get_user_model().objects.values_list("username", flat=True))  # "medlem" is a demo user
    texts |= set(Usage.objects.exclude(responsible_unit="").values_list("responsible_unit", flat=True).distinct())
    return texts


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo, loaded once for the module inside a transaction that is rolled back."""
    from django.core.cache import cache

    from digisam.demo import loader

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            loader.load(log=lambda *_: None)
            cache.clear()
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            cache.clear()


def _route_key(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.route


def crawl(user, language):
    """(problems, pages visited) for one user and language."""
    from django.contrib.auth import get_user_model

    client = Client()
    client.force_login(get_user_model().objects.get(username=user))
    client.cookies["django_language"] = language
    untranslated = (danish_msgids() - data_texts()) if language == "en" else set()
    seen, per_route, problems = set(), defaultdict(int), []
    queue = deque(["/"])
    pages = 0
    while queue and pages < MAX_PAGES:
        url = queue.popleft()
        route = _route_key(urlsplit(url).path)
        if route is None or per_route[route] >= PER_ROUTE:
            continue
        per_route[route] += 1
        pages += 1
        with transaction.atomic():
            response = client.get(url)
            transaction.set_rollback(True)  # a GET never writes; if one tried, it leaves nothing behind
        if response.status_code >= 500:
            problems.append(f"{url}: {response.status_code}")
            continue
        if response.status_code in (301, 302) and response.get("Location", "").startswith("/"):
            queue.append(response["Location"])
            continue
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        parser = PageText()
        parser.feed(response.content.decode("utf-8", errors="replace"))
        for text in parser.texts:
            if ISO_DATE.search(text):
                problems.append(f"{url}: raw ISO date in {text[:120]!r}")
            if text in untranslated:
                problems.append(f"{url}: untranslated {text[:120]!r}")
        for href in parser.links:
            href = urldefrag(href)[0]
            if not href.startswith("/") or href.startswith("//") or href.startswith(SKIP_PREFIXES):
                continue
            if href not in seen:
                seen.add(href)
                queue.append(href)
    return problems, pages


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["da", "en"])
@pytest.mark.parametrize("user", USERS)
def test_every_page_answers_in_both_languages_without_iso_dates_or_danish_leftovers(demo, user, language):
    problems, pages = crawl(user, language)
    assert pages >= 10, f"the crawl as {user} reached only {pages} pages"
    unique = list(dict.fromkeys(problems))
    assert not unique, f"{len(unique)} problems as {user} in {language}:\n" + "\n".join(unique[:80])
