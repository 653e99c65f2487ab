"""Schemathesis against the served OpenAPI schema, as a non-admin and as the platform admin: a
bounded number of generated requests per operation, and not one server error — and every status code
the API answers with is one the schema documents for that operation.

Each request runs in a savepoint that is rolled back afterwards, so the generated writes of one case
(as the admin they often succeed) do not change the world the next case sees — as on a real server,
where every request has its own transaction. DIGISAM_SCHEMATHESIS_CASES sets the number of
generated cases per operation beyond the schema's examples (default 1: 290 operations × 2 roles, about
40 s of CPU per role; raise it for a deeper run, e.g. 20)."""

import json
import os

import pytest
from hypothesis import HealthCheck, Phase, given, settings

pytestmark = pytest.mark.django_db

CASES = int(os.environ.get("DIGISAM_SCHEMATHESIS_CASES", "1"))


def _served_schema():
    """The schema exactly as /api/schema/ serves it, as JSON."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    from digisam.core.models import Role, RoleAssignment

    reader = get_user_model().objects.create_user(username="schema-reader")
    RoleAssignment.objects.create(user=reader, role=Role.OBSERVER)
    client = Client()
    client.force_login(reader)
    response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    return json.loads(response.content)


@pytest.mark.parametrize("role", ["member", "admin"])
def test_generated_api_requests_never_get_a_server_error(world, role):
    import schemathesis
    from django.core.handlers.wsgi import WSGIHandler
    from django.core.signals import got_request_exception, request_finished, request_started
    from django.db import close_old_connections, transaction
    from rest_framework.authtoken.models import Token

    schema = schemathesis.openapi.from_dict(_served_schema())
    schema.app = WSGIHandler()
    token = Token.objects.get_or_create(user=world.users[role])[0].key
    headers = {"Authorization": f"Token {token}"}
    failures, exceptions, statuses, undocumented = [], [], [], set()

    def record(sender, request=None, **kwargs):
        import sys
        import traceback

        exceptions.append("".join(traceback.format_exception(*sys.exc_info())[-3:]))

    got_request_exception.connect(record)
    # The WSGI handler closes "obsolete" connections at each request's start and end, and inside the
    # test's transaction PostgreSQL's connection looks obsolete (autocommit off) — Django's own test
    # client unhooks the same handler for the same reason.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    operations = 0
    try:
        for result in schema.get_all_operations():
            operation = result.ok()
            operations += 1

            @settings(max_examples=CASES, deadline=None, database=None, derandomize=True,
                      phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
            @given(case=operation.as_strategy())
            def check(case):
                savepoint = transaction.savepoint()
                try:
                    response = case.call(headers=headers)
                    statuses.append(response.status_code)
                finally:
                    transaction.savepoint_rollback(savepoint)
                documented = case.operation.definition.raw.get("responses", {})
                if str(response.status_code) not in documented and "default" not in documented:
                    undocumented.add(f"{case.method.upper()} {case.operation.path} → {response.status_code}")
                if response.status_code >= 500:
                    failures.append(f"{case.method.upper()} {case.formatted_path} → {response.status_code}: "
                                    f"{(exceptions[-1] if exceptions else response.text[:300])}")

            check()
    finally:
        got_request_exception.disconnect(record)
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    assert operations > 100  # the whole API was walked, not an empty schema
    assert len(statuses) >= operations
    if role == "admin":
        # Generated ids rarely exist, so many answers are 404/400 — but the admin's requests do get through.
        assert sum(200 <= s < 300 for s in statuses) > operations // 8
    assert not failures, "\n".join(failures[:20])
    assert not undocumented, "answers the schema does not document:\n" + "\n".join(sorted(undocumented)[:40])
