"""Starting, reproducing and publishing plan runs — the only code that writes PlanRun rows.

Every write goes through `core.services.save` (the user's own permission for starting and
publishing, the system user on the task channel for the planner's result)."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from digisam.core import jobs, permissions, services
from digisam.core.models import Channel, Job

from .builder import build_instance
from .models import PlanRun, RunStatus

JOB_KIND = "planning.run"


def _start(run: PlanRun, *, user, channel) -> PlanRun:
    if not permissions.allows(user, permissions.ADD, run):
        raise PermissionDenied
    job = jobs.create_job(
        kind=JOB_KIND, title=_("Udbudsplan: %(name)s") % {"name": run.scenario_name}, user=user,
        collaboration=run.collaboration,
    )
    run.job = job
    run.created_by = user if getattr(user, "pk", None) else None
    services.save(run, user=user, channel=channel)
    # The Job row is bookkeeping, not domain data: written like core.jobs does.
    Job.objects.filter(pk=job.pk).update(parameters={"run": run.pk})
    run_plan.enqueue(job.pk)
    return run


def start_run(scenario, *, user, channel=Channel.UI, time_limit: int | None = None) -> PlanRun:
    """Build the instance from what the members share now, store it, and queue the planner."""
    if not permissions.allows(user, permissions.ADD, PlanRun(collaboration=scenario.collaboration)):
        raise PermissionDenied
    built = build_instance(scenario)
    run = PlanRun(
        collaboration=scenario.collaboration, scenario=scenario, scenario_name=scenario.name,
        time_limit=time_limit or scenario.time_limit, instance=built.instance, left_out=built.left_out,
        contract_info=built.contract_info, groups=scenario.group_rows(),
    )
    return _start(run, user=user, channel=channel)


def run_now(scenario, *, user, channel=Channel.COMMAND, time_limit: int | None = None) -> PlanRun:
    """Build, store and solve in this process, without a job (the demo loader and commands)."""
    built = build_instance(scenario)
    run = PlanRun(
        collaboration=scenario.collaboration, scenario=scenario, scenario_name=scenario.name,
        time_limit=time_limit or scenario.time_limit, instance=built.instance, left_out=built.left_out,
        contract_info=built.contract_info, groups=scenario.group_rows(),
        created_by=user if getattr(user, "pk", None) else None,
    )
    services.save(run, user=user, channel=channel)
    return execute(run.pk)


def reproduce(original: PlanRun, *, user, channel=Channel.UI) -> PlanRun:
    """Run the stored instance again (same groups and time limit), as a new run."""
    run = PlanRun(
        collaboration=original.collaboration, scenario=original.scenario, scenario_name=original.scenario_name,
        reproduces=original, time_limit=original.time_limit, instance=original.instance,
        left_out=original.left_out, contract_info=original.contract_info, groups=original.groups,
    )
    return _start(run, user=user, channel=channel)


def _money(value):
    return None if value is None else Decimal(str(value)).quantize(Decimal("0.01"))


def execute(run_id: int, progress=None) -> PlanRun:
    """Solve the run's stored instance and store the plan (called by the task)."""
    from digisam.engines.planner.validation import InstanceError

    from .adapter import solve_data

    run = PlanRun.objects.select_related("collaboration").get(pk=run_id)
    run.status = RunStatus.RUNNING
    services.save(run, user=services.SYSTEM, channel=Channel.TASK)
    try:
        document = solve_data(run.instance, time_limit=run.time_limit, groups=run.groups, progress=progress)
    except InstanceError as error:
        run.status = RunStatus.FAILED
        run.error = _("Instansen er ugyldig:") + "\n" + "\n".join(error.problems)
        run.finished = timezone.now()
        services.save(run, user=services.SYSTEM, channel=Channel.TASK)
        raise
    except Exception as error:
        run.status = RunStatus.FAILED
        run.error = str(error)[:2000] or error.__class__.__name__
        run.finished = timezone.now()
        services.save(run, user=services.SYSTEM, channel=Channel.TASK)
        raise
    run.group_check = document.pop("group_check", [])
    run.plan = document
    run.status = RunStatus.SUCCEEDED if document.get("feasible", True) else RunStatus.FAILED
    if run.status == RunStatus.FAILED:
        run.error = "\n".join(document.get("violations", [])[:20])
    run.finished = timezone.now()
    run.total_cost = _money(document.get("total_cost"))
    run.baseline_cost = _money(document.get("baseline_cost"))
    run.savings = _money(document.get("savings"))
    run.savings_pct = None if document.get("savings_pct") is None else Decimal(str(document["savings_pct"]))
    run.joint_tenders = document.get("joint_tenders")
    run.solo_tenders = document.get("solo_tenders")
    run.lower_bound = _money(document.get("lower_bound"))
    run.gap = None if document.get("gap") is None else Decimal(str(document["gap"])).quantize(Decimal("1e-8"))
    run.solver_status = str(document.get("status", ""))[:32]
    run.runtime_seconds = (
        None if document.get("runtime_seconds") is None else Decimal(str(document["runtime_seconds"]))
    )
    services.save(run, user=services.SYSTEM, channel=Channel.TASK)
    return run


@task()
def run_plan(job_id: int):
    """django-tasks entry point: the job's run is solved with progress on the job."""

    def work(job, progress):
        run = execute(job.parameters["run"], progress=progress)
        return {"run": run.pk, "status": run.status, "url": reverse("planning:run", args=[run.pk])}

    return jobs.run_job(job_id, work)


@jobs.on_abandoned(JOB_KIND)
def fail_abandoned_run(job):
    """The worker died while solving: the run is marked failed (it had stored no plan: the plan and
    its figures are written in one save at the end), with the job's message for the user."""
    run = PlanRun.objects.filter(pk=(job.parameters or {}).get("run")).first()
    if run is None or run.status not in (RunStatus.QUEUED, RunStatus.RUNNING):
        return
    run.status = RunStatus.FAILED
    run.error = job.message
    run.finished = timezone.now()
    services.save(run, user=services.SYSTEM, channel=Channel.TASK)


def publish(run: PlanRun, *, user, channel=Channel.UI) -> PlanRun:
    """Make `run` the collaboration's published plan; the one published before is withdrawn."""
    if not permissions.allows(user, permissions.CHANGE, run):
        raise PermissionDenied
    with transaction.atomic():
        for other in PlanRun.objects.filter(collaboration=run.collaboration, published=True).exclude(pk=run.pk):
            other.published = False
            services.save(other, user=user, channel=channel)
        run.published = True
        run.published_at = timezone.now()
        services.save(run, user=user, channel=channel)
    return run


def publish_consequences(run: PlanRun) -> list[str]:
    """What publishing ``run`` does, for the confirmation step: who then reads it, which published
    plan it replaces, and the members' notice deadlines it sets out."""
    from django.utils.translation import gettext as _

    lines = [_("Planen bliver samarbejdets udbudsplan: alle medlemmer og, når samarbejdet er offentligt, "
               "observatører kan læse den, og medlemmerne ser deres egne frister for opsigelse.")]
    for other in PlanRun.objects.filter(collaboration=run.collaboration, published=True).exclude(pk=run.pk):
        lines.append(_("Den hidtil offentliggjorte plan %(name)s #%(pk)s trækkes tilbage.") % {
            "name": other.scenario_name, "pk": other.pk})
    if not run.groups_ok:
        lines.append(_("Planen overholder ikke alle krav om at udbyde sammen."))
    return lines


def unpublish(run: PlanRun, *, user, channel=Channel.UI) -> PlanRun:
    run.published = False
    return services.save(run, user=user, channel=channel)
