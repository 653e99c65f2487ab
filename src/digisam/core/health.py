"""Readiness checks for /health/ready/: can this app server reach what it needs to serve requests?

Each check answers "ok" or "unavailable"; the cause is logged here, never shown to the caller.
Every check only reads (a GET never writes)."""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import connection

logger = logging.getLogger(__name__)


def _database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _queue():
    backend = settings.DIGISAM_TASKS_BACKEND
    if backend == "rq":
        import django_rq

        django_rq.get_connection("default").ping()
    elif backend == "database":
        from django_tasks_db.models import DBTaskResult

        DBTaskResult.objects.only("pk").first()  # the queue's table answers


def _cache():
    if settings.DIGISAM_CACHE == "redis":
        from django.core.cache import cache

        cache.get("digisam:health")


CHECKS = {"database": _database, "queue": _queue, "cache": _cache}


def readiness() -> dict[str, str]:
    results = {}
    for name, check in CHECKS.items():
        try:
            check()
            results[name] = "ok"
        except Exception:  # noqa: BLE001 - any failure means not ready; the cause goes to the log only
            logger.exception("Readiness check %s failed", name)
            results[name] = "unavailable"
    return results
