"""Jobs whose worker died are found by their stale heartbeat and marked failed, with the plan run
they were solving, and never run twice."""

import datetime

import pytest
from django.utils import timezone
from factories.planning import simple_scenario, tiny_portfolio

from digisam.core import jobs
from digisam.core.models import Job, JobStatus
from digisam.planning import services as plan_services
from digisam.planning.models import PlanRun, RunStatus

pytestmark = pytest.mark.django_db


def _running(kind="test.kind", seconds_ago=600, **fields):
    job = jobs.create_job(kind=kind, title="Et job")
    beat = timezone.now() - datetime.timedelta(seconds=seconds_ago)
    Job.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, started=beat, heartbeat=beat,
                                         worker="host-a:4242", **fields)
    return Job.objects.get(pk=job.pk)


def test_a_running_job_without_a_recent_heartbeat_is_marked_failed_and_the_user_told(settings):
    settings.DIGISAM_JOB_HEARTBEAT_TIMEOUT = 60
    dead = _running(seconds_ago=61)
    alive = _running(seconds_ago=5)
    assert jobs.fail_abandoned() == [dead.pk]
    dead.refresh_from_db()
    alive.refresh_from_db()
    assert dead.status == JobStatus.FAILED and dead.finished is not None
    assert "baggrundsprocessen stoppede (host-a:4242)" in dead.message and "Start det igen" in dead.message
    assert alive.status == JobStatus.RUNNING
    # Found once: a second reaper finds nothing more.
    assert jobs.fail_abandoned() == []


def test_the_job_page_tells_the_user_that_the_worker_stopped(world, client_for, settings):
    settings.DIGISAM_JOB_HEARTBEAT_TIMEOUT = 60
    dead = _running(seconds_ago=3600)
    Job.objects.filter(pk=dead.pk).update(created_by=world.users["secretariat"])
    jobs.fail_abandoned()
    html = client_for(world.users["secretariat"]).get(f"/job/{dead.pk}/").content.decode()
    assert 'data-status="failed"' in html and "baggrundsprocessen stoppede" in html


def test_an_abandoned_plan_run_is_marked_failed_with_no_plan_written(world, settings, monkeypatch):
    settings.DIGISAM_JOB_HEARTBEAT_TIMEOUT = 60
    tiny_portfolio(world.alpha, [world.orgs["165"], world.orgs["151"]])
    class Lost:  # the worker that took the task died with it
        def enqueue(self, job_id):
            return None

    monkeypatch.setattr(plan_services, "run_plan", Lost())
    run = plan_services.start_run(simple_scenario(world.alpha), user=world.users["secretariat"])
    stale = timezone.now() - datetime.timedelta(minutes=5)
    Job.objects.filter(pk=run.job_id).update(status=JobStatus.RUNNING, started=stale, heartbeat=stale)
    PlanRun.objects.filter(pk=run.pk).update(status=RunStatus.RUNNING)
    assert jobs.fail_abandoned() == [run.job_id]
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED and run.plan is None and run.total_cost is None
    assert "baggrundsprocessen stoppede" in run.error


def test_a_job_that_already_failed_is_not_run_again_when_redelivered():
    job = _running()
    Job.objects.filter(pk=job.pk).update(status=JobStatus.FAILED)
    calls = []
    assert jobs.run_job(job.pk, lambda job, progress: calls.append(job)) is None
    assert calls == []


def test_progress_and_start_stamp_the_heartbeat_and_the_worker():
    job = jobs.create_job(kind="test.kind", title="Et job")
    seen = {}

    def work(job, progress):
        row = Job.objects.get(pk=job.pk)
        seen["worker"], seen["beat"] = row.worker, row.heartbeat
        progress(50, "halvvejs")
        seen["after"] = Job.objects.get(pk=job.pk).heartbeat
        return {}

    jobs.run_job(job.pk, work)
    assert seen["worker"].endswith(f":{__import__('os').getpid()}")
    assert seen["beat"] is not None and seen["after"] >= seen["beat"]
