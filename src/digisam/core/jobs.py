"""Background jobs: a Job row the user watches, run by a django-tasks task in the worker.

Usage from an app: define `@task()` functions that take a job id and call `run_job(job_id, work)`,
where `work(job, progress)` does the work and returns a JSON-able result. Progress bookkeeping is
written with `QuerySet.update()` on the Job row itself — it is not domain data, so it is not audited.

A worker that dies in the middle of a job (killed, out of memory, its machine lost) cannot say so.
While a job runs, a heartbeat thread in the worker stamps the row every few seconds; `fail_abandoned()`
(run by every `digisam worker` in the background, and by `digisam fail_abandoned_jobs`) marks a running
job whose heartbeat is older than DIGISAM_JOB_HEARTBEAT_TIMEOUT as failed, tells the user so on the job
page, and calls the handler its app registered with `on_abandoned(kind)` so the app can mark its own
record (a plan run) failed. The apps write their results in one transaction at the end, so a job that
died has written nothing half-way.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import traceback
from datetime import timedelta

from django.conf import settings
from django.db import close_old_connections, connection
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Job, JobStatus

logger = logging.getLogger(__name__)

ABANDON_HANDLERS: dict = {}


def on_abandoned(kind: str):
    """Register `handler(job)` to be called (once) when a job of `kind` is found abandoned."""

    def register(handler):
        ABANDON_HANDLERS[kind] = handler
        return handler

    return register


def create_job(*, kind, title, user=None, collaboration=None, organisation=None, parameters=None) -> Job:
    """A queued job. The title often carries user input (an uploaded file's name): it is shortened to
    fit its column rather than failing the request."""
    limit = Job._meta.get_field("title").max_length
    title = str(title)
    if len(title) > limit:
        title = title[: limit - 1] + "…"
    return Job.objects.create(
        kind=kind,
        title=title,
        created_by=user if getattr(user, "is_authenticated", False) and getattr(user, "pk", None) else None,
        collaboration=collaboration,
        organisation=organisation,
        parameters=parameters or {},
    )


def set_progress(job_id: int, percent: int, message: str = ""):
    Job.objects.filter(pk=job_id).update(
        progress=max(0, min(100, int(percent))), message=message[:500], heartbeat=timezone.now()
    )


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"[:200]


def _heartbeat_interval() -> float:
    return max(1.0, settings.DIGISAM_JOB_HEARTBEAT_TIMEOUT / 4)


class _Heartbeat:
    """Stamps the job row from a thread while the work runs (not with the in-request backend, whose
    work finishes inside the request and whose test database a second connection cannot see)."""

    def __init__(self, job_id: int):
        self.job_id = job_id
        self.stop = threading.Event()
        self.thread = None
        if settings.DIGISAM_TASKS_BACKEND != "immediate":
            self.thread = threading.Thread(target=self._beat, name=f"job-{job_id}-heartbeat", daemon=True)

    def _beat(self):
        try:
            while not self.stop.wait(_heartbeat_interval()):
                Job.objects.filter(pk=self.job_id, status=JobStatus.RUNNING).update(heartbeat=timezone.now())
        finally:
            connection.close()

    def __enter__(self):
        if self.thread:
            self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        if self.thread:
            self.thread.join(timeout=10)
        return False


def run_job(job_id: int, work):
    """Run `work(job, progress)` for the job, recording start, progress, result or error."""
    job = Job.objects.get(pk=job_id)
    if job.done:
        # Delivered again after it finished or was given up (a retried queue message): never run twice.
        logger.warning("Job %s is already %s; not run again", job_id, job.status)
        return None
    now = timezone.now()
    Job.objects.filter(pk=job_id).update(
        status=JobStatus.RUNNING, started=now, progress=1, worker=worker_name(), heartbeat=now
    )

    def progress(percent, message=""):
        set_progress(job_id, percent, message)

    try:
        with _Heartbeat(job_id):
            result = work(job, progress)
    except Exception as error:  # noqa: BLE001 - the job records every failure for the user to see
        logger.exception("Job %s failed", job_id)
        Job.objects.filter(pk=job_id).update(
            status=JobStatus.FAILED,
            finished=timezone.now(),
            error=f"{error}\n\n{traceback.format_exc()[-4000:]}",
            message=str(error)[:500],
        )
        return None
    fields = {"status": JobStatus.SUCCEEDED, "finished": timezone.now(), "progress": 100}
    if isinstance(result, dict):
        fields["result"] = result
        if result.get("url"):
            fields["result_url"] = result["url"]
    Job.objects.filter(pk=job_id).update(**fields)
    return result


def fail_abandoned(now=None) -> list[int]:
    """Mark running jobs whose worker stopped beating as failed; returns their ids."""
    now = now or timezone.now()
    limit = now - timedelta(seconds=settings.DIGISAM_JOB_HEARTBEAT_TIMEOUT)
    stale = Job.objects.filter(status=JobStatus.RUNNING, heartbeat__lt=limit) | Job.objects.filter(
        status=JobStatus.RUNNING, heartbeat__isnull=True, started__lt=limit
    )
    failed = []
    for job in stale.order_by("pk"):
        message = _("Jobbet blev afbrudt, fordi baggrundsprocessen stoppede (%(worker)s). Intet resultat blev "
                    "gemt. Start det igen.") % {"worker": job.worker or "?"}
        # Only the reaper that flips the status handles the job (several workers reap at once).
        claimed = Job.objects.filter(pk=job.pk, status=JobStatus.RUNNING).update(
            status=JobStatus.FAILED, finished=now, message=message[:500],
            error=f"{message}\nSidste livstegn: {job.heartbeat or job.started}",
        )
        if not claimed:
            continue
        failed.append(job.pk)
        logger.error("Job %s (%s) abandoned by worker %s", job.pk, job.kind, job.worker)
        handler = ABANDON_HANDLERS.get(job.kind)
        if handler:
            try:
                handler(Job.objects.get(pk=job.pk))
            except Exception:  # noqa: BLE001 - one app's handler must not stop the others
                logger.exception("Abandon handler for job %s failed", job.pk)
    return failed


def reap_forever(stop: threading.Event):
    """The worker's background loop: fail abandoned jobs every heartbeat interval until `stop`."""
    while not stop.wait(_heartbeat_interval()):
        try:
            close_old_connections()
            fail_abandoned()
        except Exception:  # noqa: BLE001 - the database may be away for a moment; try again next round
            logger.exception("Could not check for abandoned jobs")
        finally:
            connection.close()
