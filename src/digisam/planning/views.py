"""Planning pages: scenarios, opt-outs, runs (plan, member view, exports), comparison, publication.

Thin views: objects are narrowed by the policies (not visible → 404, not writable → 403) and
every write goes through the app's `services` or `core.services`."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from digisam.collaborations.models import PRICE_READING_ROLES, Collaboration
from digisam.core import confirm, permissions
from digisam.core.models import Channel
from digisam.core.views import ObjectDeleteView, ObjectEditView

from . import exports, services
from .builder import build_instance
from .forms import OptOutForm, ScenarioForm
from .models import OptOut, PlanRun, RunStatus, Scenario
from .presentation import cached_member_view, cached_plan_view


def job_url(job_id) -> str:
    """The job's progress page (htmx polling)."""
    return reverse("job-detail", args=[job_id])


def visible_collaboration(request, slug):
    """The collaboration with this slug if the user may read it (members, secretariat and observers of it,
    or signed in when it is published), else 404."""
    return get_object_or_404(permissions.restrict(Collaboration.objects.all(), request.user), slug=slug)


def is_insider(user, collaboration) -> bool:
    """Secretariat, member users and platform admins see the collaboration's planning material."""
    return permissions.allows(user, permissions.VIEW, Scenario(collaboration=collaboration))


# A run's large documents: lists and links need none of them.
LARGE_FIELDS = ("instance", "plan", "contract_info")


def visible_run(request, pk, *, light=False) -> PlanRun:
    """light: without the large instance, plan and contract JSON (read only when a page's view is
    not in the cache yet)."""
    queryset = permissions.restrict(PlanRun.objects.select_related("collaboration", "scenario"), request.user)
    if light:
        queryset = queryset.defer(*LARGE_FIELDS)
    return get_object_or_404(queryset, pk=pk)


class IndexView(LoginRequiredMixin, View):
    """The collaborations whose planning the user can open."""

    def get(self, request):
        access = permissions.access_for(request.user)
        collaborations = permissions.restrict(Collaboration.objects.all(), request.user)
        if not access.is_admin:
            published = permissions.restrict(PlanRun.objects.filter(published=True), request.user)
            collaborations = collaborations.filter(
                Q(pk__in=access.price_collaborations)
                | Q(pk__in=published.values("collaboration_id"))
            )
        rows = []
        for c in collaborations.order_by("name"):
            published_run = permissions.restrict(c.plan_runs.filter(published=True).defer(*LARGE_FIELDS),
                                                 request.user).first()
            rows.append({"collaboration": c, "published": published_run})
        return render(request, "planning/index.html", {"rows": rows})


class CollaborationPlanningView(LoginRequiredMixin, View):
    """A collaboration's planning page: scenarios, runs and opt-outs, for insiders (its secretariat, users
    of members that read prices, platform admins); others are sent to the published run, or get 404."""

    def get(self, request, slug):
        collaboration = visible_collaboration(request, slug)
        published = permissions.restrict(collaboration.plan_runs.filter(published=True).defer(*LARGE_FIELDS),
                                         request.user).first()
        if not is_insider(request.user, collaboration):
            if published:
                return redirect("planning:run", published.pk)
            raise Http404
        scenarios = permissions.restrict(collaboration.plan_scenarios.all(), request.user)
        plan_runs = permissions.restrict(collaboration.plan_runs.select_related("scenario").defer(*LARGE_FIELDS),
                                         request.user)[:100]
        opt_outs = permissions.restrict(collaboration.plan_opt_outs.select_related("organisation"), request.user)
        return render(request, "planning/collaboration.html", {
            "collaboration": collaboration,
            "scenarios": scenarios,
            "runs": plan_runs,
            "opt_outs": opt_outs,
            "published": published,
            "can_manage": permissions.policy_for(Scenario).can_add_in(request.user, collaboration=collaboration),
            "can_opt_out": can_register_opt_out(request.user, collaboration),
        })


def can_register_opt_out(user, collaboration) -> bool:
    """A coordinator of a member (or a platform admin) may register opt-outs here."""
    access = permissions.access_for(user)
    if access.is_admin:
        return True
    if collaboration.pk not in access.insider_collaborations or not access.coordinator_organisations:
        return False
    return collaboration.memberships.filter(
        organisation_id__in=access.coordinator_organisations, status__in=["approved", "active"],
        role__in=PRICE_READING_ROLES,
    ).exists()


class PartMixin:
    """Edit views for planning objects inside a collaboration (/udbudsplan/<slug>/…)."""

    @property
    def collaboration(self):
        if not hasattr(self, "_collaboration"):
            self._collaboration = visible_collaboration(self.request, self.kwargs["slug"])
        return self._collaboration

    def get_object(self):
        obj = super().get_object()
        if obj is not None and obj.collaboration_id != self.collaboration.pk:
            raise Http404
        return obj

    def new_object(self):
        return self.model(collaboration=self.collaboration)

    def get_form_kwargs(self, obj):
        return {**super().get_form_kwargs(obj), "collaboration": self.collaboration}

    def get_success_url(self, obj):
        return reverse("planning:collaboration", args=[self.collaboration.slug])

    def get_cancel_url(self, obj):
        return self.get_success_url(obj)


class ScenarioEditView(PartMixin, ObjectEditView):
    """Add or edit a planning scenario; the collaboration's secretariat and platform admins. POST saves it
    through the audited service."""

    model = Scenario
    form_class = ScenarioForm

    def new_object(self):
        import datetime

        today = datetime.date.today()
        return Scenario(collaboration=self.collaboration, start_month=f"{today.year + 1:04d}-01")

    def get_success_url(self, obj):
        return reverse("planning:scenario", args=[self.collaboration.slug, obj.pk]) if obj.pk else super().get_success_url(obj)


class OptOutEditView(PartMixin, ObjectEditView):
    """Register or change an opt-out from a category's joint tender; a coordinator of a member (for its own
    organisation) and platform admins. POST saves it through the audited service."""

    model = OptOut
    form_class = OptOutForm

    def get_form_kwargs(self, obj):
        return {**super().get_form_kwargs(obj), "user": self.request.user}

    def _prepare(self):
        obj = self.get_object()
        if obj is None:
            obj = self.new_object()
            # Creating needs a coordinator of a member (the form offers only their own organisations).
            if not can_register_opt_out(self.request.user, self.collaboration):
                raise PermissionDenied
        return obj


class PartDeleteView(ObjectDeleteView):
    """Delete a planning object of the collaboration named in the URL (404 if it belongs to another);
    whoever its policy lets delete it. POST deletes it through the audited service."""

    def get_object(self):
        obj = super().get_object()
        if obj.collaboration.slug != self.kwargs["slug"]:
            raise Http404
        return obj

    def get_success_url(self, obj):
        return reverse("planning:collaboration", args=[self.kwargs["slug"]])


class ScenarioDeleteView(PartDeleteView):
    """Delete a scenario; the collaboration's secretariat and platform admins. POST deletes it through the
    audited service."""

    model = Scenario


class OptOutDeleteView(PartDeleteView):
    """Withdraw an opt-out; the coordinator of its organisation and platform admins. POST deletes it
    through the audited service."""

    model = OptOut


class ScenarioDetailView(LoginRequiredMixin, View):
    """A scenario with a preview of the instance it would build now (included and left-out contracts)."""

    def get(self, request, slug, pk):
        collaboration = visible_collaboration(request, slug)
        scenario = get_object_or_404(permissions.restrict(collaboration.plan_scenarios.all(), request.user), pk=pk)
        built = build_instance(scenario)
        names = {m["code"]: m["name"] for m in built.instance["municipalities"]}
        categories = {c["id"]: c["name"] for c in built.instance["categories"]}
        contracts = [
            {**row, "name": names.get(row["municipality"]), "category_name": categories.get(row["category"])}
            for row in built.instance["contracts"]
        ]
        scenario_runs = permissions.restrict(scenario.runs.all(), request.user)[:50]
        return render(request, "planning/scenario.html", {
            "collaboration": collaboration, "scenario": scenario, "built": built, "contracts": contracts,
            "runs": scenario_runs, "can_run": permissions.allows(request.user, permissions.CHANGE, scenario),
            "groups": scenario.group_labels(), "earliest_starts": scenario.earliest_start_labels(),
        })


class ScenarioRunView(LoginRequiredMixin, View):
    """POST: build the instance and queue the planner; the user watches the job's progress."""

    def post(self, request, slug, pk):
        collaboration = visible_collaboration(request, slug)
        scenario = get_object_or_404(permissions.restrict(collaboration.plan_scenarios.all(), request.user), pk=pk)
        if not permissions.allows(request.user, permissions.CHANGE, scenario):
            raise PermissionDenied
        run = services.start_run(scenario, user=request.user, channel=Channel.UI)
        return redirect(job_url(run.job_id))


def mark_notice_deadlines(run, view) -> None:
    """Mark each tender participant whose last day to give notice for the plan's switch month has
    passed or is within the notice horizon (issue 12 item 10): one read of the run's contract
    notice terms, no query per row."""
    from digisam.portfolio import deadlines

    from .presentation import notice_deadline

    info = PlanRun.objects.filter(pk=run.pk).values_list("contract_info", flat=True).first() or {}
    today = timezone.localdate()
    for tender in view["tenders"]:
        for participant in tender["participants"]:
            contract = info.get(f"{participant['municipality']}/{tender['category']}")
            participant["notice"] = deadlines.date_state(
                notice_deadline(contract, participant["contract_start"]), today) if contract else None


class RunDetailView(LoginRequiredMixin, View):
    """A plan run's page: tenders, savings and notice deadlines; for insiders, and for everyone signed in
    when it is the published run of a published collaboration."""

    def get(self, request, pk):
        run = visible_run(request, pk, light=True)
        view = cached_plan_view(run)
        access = permissions.access_for(request.user)
        from digisam.organisations.models import Organisation

        own_codes = set(Organisation.objects.filter(pk__in=access.organisations).values_list("code", flat=True))
        if view:
            mark_notice_deadlines(run, view)
        return render(request, "planning/run.html", {
            "run": run, "view": view, "collaboration": run.collaboration,
            "can_manage": permissions.allows(request.user, permissions.CHANGE, run),
            "insider": is_insider(request.user, run.collaboration),
            "own_members": [m for m in (view["members"] if view else []) if m["code"] in own_codes],
        })


class RunMemberView(LoginRequiredMixin, View):
    """A member's own page of the plan: its tenders, the last day to give notice, its savings."""

    def get(self, request, pk, code):
        run = visible_run(request, pk, light=True)
        data = cached_member_view(run, code)
        if data is None or not data["rows"] and not data["beyond"] and not data["left_out"]:
            raise Http404
        name = data["total"]["name"] if data["total"] else code
        from digisam.portfolio import deadlines

        today = timezone.localdate()
        for row in data["rows"]:
            # The plan's deadline for its switch month, relative to today (issue 12 item 10).
            row["notice"] = deadlines.date_state(row["notice_deadline"], today)
        return render(request, "planning/member.html", {"run": run, "code": code, "name": name, **data})


class RunExportView(LoginRequiredMixin, View):
    """A run's plan as XLSX or PDF for those who read the run (the XLSX holds contract details only for
    insiders); its instance and plan JSON for insiders only."""

    def get(self, request, pk, fmt):
        run = visible_run(request, pk)
        if not run.plan:
            raise Http404
        if fmt == "xlsx":
            return exports.xlsx(run, insider=is_insider(request.user, run.collaboration))
        if fmt == "pdf":
            return exports.pdf(run)
        if fmt in ("instance", "plan"):
            if not is_insider(request.user, run.collaboration):
                raise Http404
            if fmt == "instance":
                data = dict(run.instance)
                if (run.plan or {}).get("must_tender_together"):
                    data["must_tender_together"] = run.plan["must_tender_together"]
            else:
                data = {**run.plan, "group_check": run.group_check}
            response = HttpResponse(json.dumps(data, ensure_ascii=False, indent=1), content_type="application/json")
            response["Content-Disposition"] = f'attachment; filename="{fmt}-{run.pk}.json"'
            return response
        raise Http404


class RunPublishView(LoginRequiredMixin, View):
    """POST: publish a run as the collaboration's plan (after a confirmation step; the previous one is
    withdrawn) or withdraw it; the secretariat and platform admins, through the audited service."""

    def post(self, request, pk):
        run = visible_run(request, pk)
        if not permissions.allows(request.user, permissions.CHANGE, run):
            raise PermissionDenied
        if request.POST.get("action") != "withdraw" and not confirm.is_confirmed(request):
            return confirm.confirmation(
                request, title=_("Offentliggør %(name)s #%(pk)s som samarbejdets udbudsplan?") % {
                    "name": run.scenario_name, "pk": run.pk},
                consequences=services.publish_consequences(run), action_label=_("Offentliggør"),
                cancel_url=reverse("planning:run", args=[run.pk]))
        try:
            if request.POST.get("action") == "withdraw":
                services.unpublish(run, user=request.user)
                messages.success(request, _("Planen er ikke længere offentliggjort."))
            else:
                services.publish(run, user=request.user)
                messages.success(request, _("Planen er offentliggjort som samarbejdets udbudsplan."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("planning:run", run.pk)


class RunReproduceView(LoginRequiredMixin, View):
    """POST: run a run's stored instance again as a new run (a background job); the secretariat and
    platform admins."""

    def post(self, request, pk):
        run = visible_run(request, pk)
        if not permissions.allows(request.user, permissions.ADD, PlanRun(collaboration=run.collaboration)):
            raise PermissionDenied
        new = services.reproduce(run, user=request.user)
        return redirect(job_url(new.job_id))


class CompareView(LoginRequiredMixin, View):
    """Runs side by side: cost, baseline, savings, tenders, gap (default: each scenario's latest run)."""

    def get(self, request, slug):
        collaboration = visible_collaboration(request, slug)
        if not is_insider(request.user, collaboration):
            raise Http404
        visible = permissions.restrict(collaboration.plan_runs.filter(status=RunStatus.SUCCEEDED), request.user)
        ids = [int(i) for i in request.GET.getlist("run") if i.isdigit()]
        if ids:
            selected = list(visible.filter(pk__in=ids).select_related("scenario"))
        else:
            latest = {}
            for run in visible.select_related("scenario").order_by("-created", "-id"):
                latest.setdefault(run.scenario_id or f"x{run.pk}", run)
            selected = list(latest.values())
        selected.sort(key=lambda r: (r.scenario_name, r.pk))
        rows = []
        for run in selected:
            instance = run.instance or {}
            rows.append({
                "run": run,
                "horizon": instance.get("horizon_months"), "start": instance.get("start"),
                "k": instance.get("max_parallel_joint_tenders"),
                "contracts": len(instance.get("contracts", [])),
                "categories": ", ".join(c["name"] for c in instance.get("categories", [])),
                "members": len((run.plan or {}).get("per_municipality", {})),
                "gap_pct": None if run.gap is None else float(run.gap) * 100,
            })
        return render(request, "planning/compare.html", {
            "collaboration": collaboration, "rows": rows, "all_runs": visible.order_by("-created")[:100],
            "selected_ids": [r.pk for r in selected],
        })
