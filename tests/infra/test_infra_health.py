"""/health/ (liveness) and /health/ready/ (database, queue and shared cache reachable)."""

import pytest

from digisam.core import health

pytestmark = pytest.mark.django_db


def test_liveness_answers_without_login(client):
    response = client.get("/health/")
    assert response.status_code == 200 and response.content == b"ok"


def test_readiness_answers_ok_when_everything_is_reachable_without_login(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        response = client.get("/health/ready/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "queue": "ok", "cache": "ok"}}
    assert response["Cache-Control"] == "no-store"


def test_readiness_is_503_when_the_database_is_away_and_says_no_more(client, monkeypatch):
    def broken():
        raise OSError("could not connect to server at 10.1.2.3 port 5432: password authentication failed")

    monkeypatch.setitem(health.CHECKS, "database", broken)
    response = client.get("/health/ready/")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable",
                               "checks": {"database": "unavailable", "queue": "ok", "cache": "ok"}}
    assert b"10.1.2.3" not in response.content and b"password" not in response.content


def test_readiness_checks_the_redis_queue_when_tasks_run_on_rq(settings, monkeypatch):
    import django_rq

    settings.DIGISAM_TASKS_BACKEND = "rq"

    class Down:
        def ping(self):
            raise ConnectionError("Error 111 connecting to 127.0.0.1:6390. Connection refused.")

    monkeypatch.setattr(django_rq, "get_connection", lambda name: Down())
    assert health.readiness()["queue"] == "unavailable"

    class Up:
        def ping(self):
            return True

    monkeypatch.setattr(django_rq, "get_connection", lambda name: Up())
    assert health.readiness()["queue"] == "ok"


def test_readiness_checks_the_database_queue_table_by_default(settings, monkeypatch):
    from django_tasks_db.models import DBTaskResult

    settings.DIGISAM_TASKS_BACKEND = "database"
    assert health.readiness()["queue"] == "ok"

    def broken(*args, **kwargs):
        raise RuntimeError("no such table")

    monkeypatch.setattr(DBTaskResult.objects, "only", broken)
    assert health.readiness()["queue"] == "unavailable"
