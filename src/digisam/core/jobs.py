"""Background jobs: a Job row the user watches, run by a django-tasks task in the worker.

Usage from an app: define `@task()` functions that take a job id and call `run_job(job_id, work)`,
where `work(job, progress)` does the work and returns a JSON-able result. Progress bookkeeping is
written with `QuerySet.update()` on the Job row itself — it is not domain data, so it is not audited.
"""

import logging
import traceback

from django.utils import timezone

from .models import Job, JobStatus

logger = logging.getLogger(__name__)


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
    Job.objects.filter(pk=job_id).update(progress=max(0, min(100, int(percent))), message=message[:500])


def run_job(job_id: int, work):
    """Run `work(job, progress)` for the job, recording start, progress, result or error."""
    job = Job.objects.get(pk=job_id)
    Job.objects.filter(pk=job_id).update(status=JobStatus.RUNNING, started=timezone.now(), progress=1)

    def progress(percent, message=""):
        set_progress(job_id, percent, message)

    try:
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
