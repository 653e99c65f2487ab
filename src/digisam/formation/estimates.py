"""The prospective member's tender savings (issue 14 item 4): "the joint tenders of the published
plan it could join and its estimated saving (a planner scenario with the municipality added)".

`preview` says what the scenario would be built from (or why it cannot be built); `start_estimate`
stores a `JoiningEstimate` with the published plan's instance plus the municipality's own
contracts and queues the planner as a background job, as plan runs do (`planning.services`);
`execute` solves it and keeps only the municipality's own figures per joint tender it would join,
and the number of other participants. Every write goes through `core.services.save`."""

from __future__ import annotations

import copy
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django_tasks import task

from digisam.core import jobs, permissions, services
from digisam.core.models import Channel, Job

from .models import EstimateStatus, JoiningEstimate

JOB_KIND = "formation.joining_estimate"
#: the scenario is a guide for a director, not the plan: its solver gets at most this long
MAX_TIME_LIMIT = 60


def published_plan(collaboration):
    from digisam.planning.models import PlanRun, RunStatus

    return PlanRun.objects.filter(collaboration=collaboration, published=True,
                                  status=RunStatus.SUCCEEDED).order_by("-published_at", "-pk").first()


def own_rows(instance: dict, organisation) -> tuple[list[dict], list[dict]]:
    """The municipality's own contracts in the plan's categories as planner rows (the one ending
    first per category, as the builder does), and those left out with the reason."""
    from digisam.planning.builder import month_diff, month_start
    from digisam.portfolio import selectors
    from digisam.portfolio.models import Contract

    start = instance["start"]
    categories = {c["id"] for c in instance.get("categories", [])}
    rows, left_out, seen = [], [], set()
    contracts = Contract.objects.filter(organisation=organisation, parent__isnull=True).select_related(
        "organisation", "category", "product").prefetch_related("supplements").order_by(
        "category__slug", "expires", "pk")
    for contract in contracts:
        slug = contract.category.slug
        if slug not in categories:
            continue
        reason = None
        if contract.expires is None:
            reason = _("løbende kontrakt uden udløbsdato")
        elif not contract.annual_cost:
            reason = _("ingen årlig omkostning registreret")
        elif slug in seen:
            reason = _("kommunen har flere kontrakter i kategorien; den der udløber først planlægges")
        else:
            row = selectors.planner_contract(contract, start=month_start(start))
            if month_diff(row["expires"], start) < 0:
                reason = _("kontrakten er udløbet før planens første måned")
        if reason:
            left_out.append({"contract": str(contract), "category": contract.category.name, "reason": str(reason)})
            continue
        seen.add(slug)
        row["opt_out"] = False
        rows.append(row)
    return rows, left_out


def preview(collaboration, organisation) -> dict:
    """What the estimate would be built from, or the problem that stops it (with what to do)."""
    from digisam.organisations.models import population_map
    from digisam.planning.builder import month_start
    from digisam.portfolio.models import Contract

    run = published_plan(collaboration)
    if run is None:
        return {"problem": _("Samarbejdet har ingen offentliggjort udbudsplan, så der er ingen fællesudbud at "
                             "regne på endnu.")}
    if not Contract.objects.filter(organisation=organisation).exists():
        return {"problem": _("%(org)s har ingen portefølje i digisam. Registrér eller importér kommunens kontrakter "
                             "under Portefølje; så kan planlæggeren regne på, hvilke fællesudbud I kan deltage i.")
                % {"org": organisation.name},
                "portfolio_url": reverse("portfolio:municipality", args=[organisation.code]) if organisation.code
                else reverse("portfolio:index"), "run": run}
    if not organisation.code:
        return {"problem": _("%(org)s har ingen kommunekode.") % {"org": organisation.name}, "run": run}
    rows, left_out = own_rows(run.instance, organisation)
    if not rows:
        return {"problem": _("Ingen af %(org)s' kontrakter ligger i udbudsplanens kategorier med udløb og årlig "
                             "omkostning, så der er ingen fællesudbud at deltage i.") % {"org": organisation.name},
                "left_out": left_out, "run": run,
                "portfolio_url": reverse("portfolio:municipality", args=[organisation.code])}
    population = population_map([organisation.pk], month_start(run.instance["start"])).get(organisation.pk)
    if not population:
        return {"problem": _("Der er intet indbyggertal registreret for %(org)s.") % {"org": organisation.name},
                "run": run}
    return {"run": run, "rows": rows, "left_out": left_out, "population": population}


def latest(collaboration, organisation, user):
    return permissions.restrict(JoiningEstimate.objects.filter(
        collaboration=collaboration, organisation=organisation), user).select_related("job", "plan_run").first()


def start_estimate(collaboration, organisation, *, user, channel=Channel.UI) -> JoiningEstimate:
    """Store the scenario (the published plan's instance with the municipality and its contracts
    added; the plan's must-tender-together groups kept) and queue the planner."""
    estimate = JoiningEstimate(collaboration=collaboration, organisation=organisation)
    if not permissions.allows(user, permissions.ADD, estimate):
        raise PermissionDenied
    if collaboration.memberships.filter(organisation=organisation, status="active").exists():
        raise ValidationError(_("%(org)s er allerede medlem.") % {"org": organisation.name})
    basis = preview(collaboration, organisation)
    if basis.get("problem"):
        raise ValidationError(basis["problem"])
    run = basis["run"]
    instance = copy.deepcopy(run.instance)
    code = organisation.code
    instance["municipalities"] = sorted(
        [m for m in instance["municipalities"] if m["code"] != code]
        + [{"code": code, "name": organisation.name, "population": basis["population"]}], key=lambda m: m["code"])
    instance["contracts"] = [c for c in instance["contracts"] if c["municipality"] != code] + basis["rows"]
    estimate.plan_run = run
    estimate.instance = instance
    estimate.groups = run.groups or []
    estimate.time_limit = min(run.time_limit or 30, MAX_TIME_LIMIT)
    estimate.created_by = user if getattr(user, "pk", None) else None
    job = jobs.create_job(kind=JOB_KIND, title=_("Udbudsscenarie: %(org)s i %(c)s") % {
        "org": organisation.name, "c": collaboration.name}, user=user, organisation=organisation)
    estimate.job = job
    services.save(estimate, user=user, channel=channel)
    Job.objects.filter(pk=job.pk).update(parameters={"estimate": estimate.pk})
    estimate_task.enqueue(job.pk)
    return estimate


def _money(value) -> Decimal:
    return Decimal(str(value or 0)).quantize(Decimal("0.01"))


def result_rows(document: dict, code: str, categories: dict) -> list[dict]:
    """Per joint tender the municipality takes part in: the category, start, how many others take
    part (a count only), and its own baseline, cost and saving."""
    rows = []
    for tender in document.get("tenders", []):
        if tender.get("kind") != "joint":
            continue
        mine = [p for p in tender.get("participants", []) if p.get("municipality") == code]
        if not mine:
            continue
        me = mine[0]
        rows.append({
            "category": tender["category"], "category_name": categories.get(tender["category"], tender["category"]),
            "start": tender["start"], "contract_start": me.get("contract_start"),
            "others": len(tender["participants"]) - 1, "baseline": str(_money(me.get("baseline_cost"))),
            "cost": str(_money(me.get("cost"))), "saving": str(_money(me.get("savings"))),
        })
    return rows


def execute(estimate_id: int, progress=None) -> JoiningEstimate:
    from digisam.planning.adapter import solve_data

    estimate = JoiningEstimate.objects.select_related("organisation").get(pk=estimate_id)
    estimate.status = EstimateStatus.RUNNING
    services.save(estimate, user=services.SYSTEM, channel=Channel.TASK)
    try:
        document = solve_data(estimate.instance, time_limit=estimate.time_limit, groups=estimate.groups,
                              progress=progress)
    except Exception as error:
        estimate.status = EstimateStatus.FAILED
        estimate.error = str(error)[:2000] or error.__class__.__name__
        estimate.finished = timezone.now()
        services.save(estimate, user=services.SYSTEM, channel=Channel.TASK)
        raise
    categories = {c["id"]: c.get("name") or c["id"] for c in estimate.instance.get("categories", [])}
    rows = result_rows(document, estimate.organisation.code, categories)
    estimate.tenders = rows
    estimate.total_saving = sum((Decimal(r["saving"]) for r in rows), Decimal("0.00"))
    feasible = document.get("feasible", True)
    estimate.status = EstimateStatus.SUCCEEDED if feasible else EstimateStatus.FAILED
    if not feasible:
        estimate.error = "\n".join(document.get("violations", [])[:20])
    estimate.finished = timezone.now()
    services.save(estimate, user=services.SYSTEM, channel=Channel.TASK)
    return estimate


def display_rows(estimate) -> list[dict]:
    """The stored rows with months as words (mar. 2027) and amounts as Decimal."""
    from digisam.planning.presentation import month_label

    if estimate is None:
        return []
    return [{**row, "start_label": month_label(row["start"]), "contract_start_label": month_label(row["contract_start"]),
             "baseline": Decimal(row["baseline"]), "cost": Decimal(row["cost"]), "saving": Decimal(row["saving"])}
            for row in estimate.tenders]


def result_url(estimate) -> str:
    return reverse("formation:joining", args=[estimate.collaboration.slug]) + "?" + urlencode(
        {"organisation": estimate.organisation_id}) + "#udbud"


@task()
def estimate_task(job_id: int):
    """django-tasks entry point: the job's estimate is solved with progress on the job."""

    def work(job, progress):
        estimate = execute(job.parameters["estimate"], progress=progress)
        return {"estimate": estimate.pk, "status": estimate.status, "url": result_url(estimate)}

    return jobs.run_job(job_id, work)


@jobs.on_abandoned(JOB_KIND)
def fail_abandoned_estimate(job):
    estimate = JoiningEstimate.objects.filter(pk=(job.parameters or {}).get("estimate")).first()
    if estimate is None or estimate.done:
        return
    estimate.status = EstimateStatus.FAILED
    estimate.error = job.message
    estimate.finished = timezone.now()
    services.save(estimate, user=services.SYSTEM, channel=Channel.TASK)
