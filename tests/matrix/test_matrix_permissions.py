"""The permission matrix (issue 11, "Prove it stays closed"; issue 16 item 6): every URL pattern of
the UI and every API route, for every role of `role_list.MATRIX_ROLES` (anonymous, the six roles,
a user of a member outside alpha, a user without roles, a vendor partner's user and an observer
scoped to alpha), against the declared table in the `matrix_rows_*.py` files next to this one.

A route without a row fails `test_every_route_has_a_row` — add its row (in the file of its app, or a
new `matrix_rows_<app>.py`) with the status every role should get. Rows whose route is gone fail too.

Set MATRIX_RECORD=<file> to write what each role really gets (to write a new row; read it before you
declare it: the table says what *should* happen)."""

from __future__ import annotations

import importlib
import os
import pathlib

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from matrix_base import declared, status_class
from role_list import MATRIX_ROLES

HERE = pathlib.Path(__file__).parent


def _table_modules():
    return sorted(p.stem for p in HERE.glob("matrix_rows_*.py"))


def all_rows():
    rows = []
    for name in _table_modules():
        rows.extend(importlib.import_module(name).ROWS)
    return rows


ROWS = all_rows()


def _walk(patterns, prefix="", namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), ns)
        elif isinstance(pattern, URLPattern):
            yield (f"{namespace}{pattern.name}" if pattern.name else None), prefix + str(pattern.pattern)


def route_keys() -> set[str]:
    """One key per route: its URL name; every route of Django's admin is `admin:*`."""
    keys = set()
    for name, route in _walk(get_resolver().url_patterns):
        if route.startswith("admin/"):
            keys.add("admin:*")
        else:
            keys.add(name or f"route:{route}")
    return keys


def test_every_route_has_a_row():
    declared_keys = {row.name for row in ROWS}
    missing = sorted(route_keys() - declared_keys)
    assert not missing, f"routes without a row in tests/matrix/matrix_rows_*.py: {missing}"


def test_every_row_names_a_route():
    stale = sorted({row.name for row in ROWS} - route_keys())
    assert not stale, f"rows for routes that no longer exist: {stale}"


def test_every_row_declares_every_role():
    for row in ROWS:
        assert set(row.expect.statuses) == set(MATRIX_ROLES), row.name


@pytest.fixture(scope="module")
def scene(django_db_setup, django_db_blocker):
    """The matrix scene, built once for the module inside a transaction that is rolled back."""
    from django.contrib.auth import get_user_model
    from matrix_scene import build_scene

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield build_scene(get_user_model())
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def _request(scene, row, role, url):
    client = Client()
    headers = {}
    if role != "anonymous":
        user = scene.users[role]
        if url.startswith("/api/"):
            headers["HTTP_AUTHORIZATION"] = f"Token {scene.tokens[role]}"
        else:
            client.force_login(user)
    data = row.data(scene) if callable(row.data) else row.data
    kwargs = dict(headers)
    if row.method in ("patch", "put") or (url.startswith("/api/") and row.method in ("post", "delete")):
        kwargs["content_type"] = "application/json"
        import json

        payload = json.dumps(data or {})
        return getattr(client, row.method)(url, payload, **kwargs)
    if row.method == "post":
        return client.post(url, data or {}, **kwargs)
    return getattr(client, row.method)(url, data or {}, **kwargs)


def _observe(scene, row):
    import time

    url = row.url(scene)
    observed, timing = {}, {}
    for role in MATRIX_ROLES:
        began = time.perf_counter()
        with transaction.atomic():
            response = _request(scene, row, role, url)
            observed[role] = status_class(response)
            transaction.set_rollback(True)
        timing[role] = round(time.perf_counter() - began, 2)
    _record(f"TIMING {row.name} {url} {timing}")
    return url, observed


def _record(line):
    """MATRIX_RECORD=<file>: append what each role gets (one line per row) to that file."""
    path = os.environ.get("MATRIX_RECORD")
    if path:
        with open(path, "a", encoding="utf-8") as out:
            out.write(line + "\n")


@pytest.mark.django_db
@pytest.mark.parametrize("row", ROWS, ids=[f"{r.name}|{r.method}|{i}" for i, r in enumerate(ROWS)])
def test_route_answers_every_role_as_declared(scene, row):
    url, observed = _observe(scene, row)
    _record(f"RECORD {row.name}|{row.method}|{url}|{observed}")
    wrong = {role: (declared(row.expect[role]), got) for role, got in observed.items()
             if declared(row.expect[role]) != got}
    assert not wrong, f"{row.method.upper()} {url}: role -> (declared, observed): {wrong}"
