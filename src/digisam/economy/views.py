"""Economy pages: thin views over the policies, the audited service and `economy.services`.

Every list goes through `permissions.restrict`; a statement's content through
`services.statement_view`, which narrows a member's users to their own statement and the totals."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from digisam.collaborations.models import Collaboration
from digisam.core import archive as archiving
from digisam.core import confirm, permissions
from digisam.core.views import ObjectDeleteView, ObjectEditView

from . import exports, forms, services, tasks
from .models import (
    Charge,
    CustomKey,
    EconomyYear,
    FteFigure,
    HoursEntry,
    Order,
    Project,
    Service,
    SharedSpecialist,
    Statement,
    TurnLedgerEntry,
)
from .policies import economy_readers, has_full_access

#: url kind → (model, form, Danish label)
KINDS = {
    "opkraevning": (Charge, forms.ChargeForm),
    "noegle": (CustomKey, forms.CustomKeyForm),
    "specialist": (SharedSpecialist, forms.SpecialistForm),
    "ydelse": (Service, forms.ServiceForm),
    "bestilling": (Order, forms.OrderForm),
    "projekt": (Project, forms.ProjectForm),
    "aarsvaerk": (FteFigure, forms.FteForm),
    "timer": (HoursEntry, forms.HoursForm),
}
YEAR_FIELD_MODELS = (Charge, CustomKey, SharedSpecialist, Service, Project, FteFigure)


def job_url(job) -> str:
    """The job's progress page (htmx polling)."""
    return reverse("job-detail", args=[job.pk])


def economy_collaboration(request, slug) -> Collaboration:
    """The collaboration, if the user may read its economy (observers may not): otherwise 404."""
    collaboration = get_object_or_404(permissions.restrict(Collaboration.objects.all(), request.user), slug=slug)
    access = permissions.access_for(request.user)
    if not access.is_admin and collaboration.pk not in economy_readers(access):
        raise Http404
    return collaboration


def economy_year(request, slug, year) -> EconomyYear:
    """The collaboration's economy year `year` if the user may read it (never observers), else 404."""
    queryset = permissions.restrict(EconomyYear.objects.select_related("collaboration"), request.user)
    return get_object_or_404(queryset, collaboration__slug=slug, year=year)


def year_statement(request, slug, year, version) -> Statement:
    """Version `version` of the year's statement if the user may read it, else 404."""
    queryset = permissions.restrict(Statement.objects.select_related("year__collaboration"), request.user)
    return get_object_or_404(queryset, year__collaboration__slug=slug, year__year=year, version=version)


class HomeView(LoginRequiredMixin, View):
    """The user's economy years across collaborations."""

    def get(self, request):
        years = archiving.filter_list(
            permissions.restrict(EconomyYear.objects.select_related("collaboration"), request.user), request)
        collaborations = permissions.restrict(Collaboration.objects.all(), request.user)
        access = permissions.access_for(request.user)
        if not access.is_admin:
            collaborations = collaborations.filter(pk__in=economy_readers(access))
        return render(request, "economy/home.html", {
            "years": years.order_by("collaboration__name", "-year"),
            "collaborations": collaborations.order_by("name"),
        })


class CollaborationEconomyView(LoginRequiredMixin, View):
    """A collaboration's economy years and its turn-taking ledger count, for the secretariat and members'
    users (`economy_readers`), never observers or outsiders."""

    def get(self, request, slug):
        collaboration = economy_collaboration(request, slug)
        years = archiving.filter_list(permissions.restrict(collaboration.economy_years.all(), request.user), request)
        return render(request, "economy/collaboration.html", {
            "collaboration": collaboration,
            "years": years,
            "can_add": permissions.policy_for(EconomyYear).can_add_in(request.user, collaboration=collaboration),
            "ledger_count": permissions.restrict(TurnLedgerEntry.objects.filter(collaboration=collaboration),
                                                 request.user).count(),
        })


class YearEditView(ObjectEditView):
    """Set up or edit an economy year: the secretariat (`EconomyYearPolicy`). A POST saves the year through
    the audited service."""

    model = EconomyYear
    form_class = forms.EconomyYearForm

    @property
    def collaboration(self):
        if not hasattr(self, "_collaboration"):
            self._collaboration = economy_collaboration(self.request, self.kwargs["slug"])
        return self._collaboration

    def get_object(self):
        if "year" not in self.kwargs:
            return None
        obj = economy_year(self.request, self.kwargs["slug"], self.kwargs["year"])
        if not permissions.allows(self.request.user, permissions.CHANGE, obj):
            raise PermissionDenied
        return obj

    def new_object(self):
        return EconomyYear(collaboration=self.collaboration)

    def get_form_kwargs(self, obj):
        return {"instance": obj, "collaboration": self.collaboration}

    def get_cancel_url(self, obj):
        return obj.get_absolute_url() if obj.pk else reverse("economy:collaboration", args=[self.collaboration.slug])


class YearDetailView(LoginRequiredMixin, View):
    """An economy year's charges, keys, specialists, catalogue, projects and statements; a member's own
    figures (FTE, hours, orders) only for that member and the secretariat."""

    def get(self, request, slug, year):
        year = economy_year(request, slug, year)
        user = request.user
        collaboration = year.collaboration

        def visible(queryset):
            return permissions.restrict(queryset, user)

        statements = visible(year.statements.all())
        part_policy = permissions.policy_for(Charge)
        own_policy = permissions.policy_for(HoursEntry)
        context = {
            "year": year,
            "collaboration": collaboration,
            "charges": visible(year.charges.select_related("custom_key").prefetch_related("members")),
            "keys": visible(year.custom_keys.all()),
            "specialists": visible(year.specialists.select_related("host", "custom_key")),
            "services": visible(year.services.all()),
            "orders": visible(Order.objects.filter(service__year=year).select_related("service", "organisation")),
            "projects": visible(year.projects.all()),
            "fte": visible(year.fte_figures.select_related("organisation")),
            "hours": visible(HoursEntry.objects.filter(project__year=year).select_related("project", "organisation")),
            "statements": statements,
            "current": statements.filter(is_current=True).first(),
            "can_manage": not year.is_locked and part_policy.can_add_in(user, collaboration=collaboration),
            "can_register": not year.is_locked and own_policy.can_add_in(user, collaboration=collaboration),
            "can_edit_year": permissions.allows(user, permissions.CHANGE, year),
            "can_generate": not year.is_locked and services.can_generate(user, year),
            "full": has_full_access(user, collaboration.pk),
        }
        return render(request, "economy/year_detail.html", context)


class PartMixin:
    """Create/edit/delete an object inside an economy year (/oekonomi/<slug>/<year>/<kind>/…)."""

    def dispatch(self, request, *args, **kwargs):
        if kwargs["kind"] not in KINDS:
            raise Http404
        self.model, self.form_class = KINDS[kwargs["kind"]]
        return super().dispatch(request, *args, **kwargs)

    @property
    def year(self):
        if not hasattr(self, "_year"):
            self._year = economy_year(self.request, self.kwargs["slug"], self.kwargs["year"])
        return self._year

    def check_belongs(self, obj):
        if obj is not None and obj.economy_year().pk != self.year.pk:
            raise Http404
        return obj

    def get_success_url(self, obj):
        return self.year.get_absolute_url()

    def get_cancel_url(self, obj):
        return self.year.get_absolute_url()


class PartEditView(PartMixin, ObjectEditView):
    """Add or edit an object in an economy year: definitions by the secretariat, a member's own FTE, hours and
    orders also by its coordinator and finance officer. A POST saves it through the audited service."""

    def get_object(self):
        return self.check_belongs(super().get_object())

    def new_object(self):
        if self.model in YEAR_FIELD_MODELS:
            return self.model(year=self.year)
        return self.model()

    def _prepare(self):
        obj = self.get_object()
        if obj is None:
            obj = self.new_object()
            # Orders and hours get their year from the chosen service/project: decide by scope here;
            # the audited service checks the finished object again.
            policy = permissions.policy_for(self.model)
            if not policy.can_add_in(self.request.user, collaboration=self.year.collaboration):
                raise PermissionDenied
        return obj

    def get_form_kwargs(self, obj):
        return {"instance": obj, "year": self.year, "user": self.request.user,
                "collaboration": self.year.collaboration}

    def get_title(self, obj):
        title = super().get_title(obj)
        return f"{title} – {self.year}"

    def render_form(self, form, obj, status=200):
        if self.year.is_locked and status == 200:
            messages.warning(self.request, str(_("Økonomiåret er godkendt og låst; ændringer afvises, til "
                                                 "sekretariatet genåbner året.")))
        return super().render_form(form, obj, status)


class PartDeleteView(PartMixin, ObjectDeleteView):
    """Delete an object in an economy year, for the same writers as `PartEditView`. A POST deletes it through
    the audited service."""

    def get_object(self):
        return self.check_belongs(super().get_object())


class GenerateView(LoginRequiredMixin, View):
    """Start generating the year's statement in the background; the user watches the job."""

    def post(self, request, slug, year):
        year = economy_year(request, slug, year)
        if not services.can_generate(request.user, year):
            raise PermissionDenied
        if year.is_locked:
            messages.error(request, _("Økonomiåret er godkendt og låst. Sekretariatet skal genåbne året, før en ny "
                                      "version kan dannes."))
            return redirect(year.get_absolute_url())
        job = tasks.start_generation(year, request.user)
        return redirect(job_url(job))


class ReopenView(LoginRequiredMixin, View):
    """Reopen an approved year: the secretariat (`services.reopen`). A POST sets the year back to draft; the
    approved statement stays and the next generation becomes a new version."""

    def post(self, request, slug, year):
        year = economy_year(request, slug, year)
        try:
            services.reopen(year, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Økonomiåret er genåbnet. Næste opgørelse bliver en ny version."))
        return redirect(year.get_absolute_url())


class StatementView(LoginRequiredMixin, View):
    """A statement version: the totals and, for the secretariat, every member's lines; a member's users see
    their own lines (`services.statement_view`)."""

    def get(self, request, slug, year, version):
        statement = year_statement(request, slug, year, version)
        return render(request, "economy/statement.html", {
            "statement": statement,
            "year": statement.year,
            "view": services.statement_view(request.user, statement),
            "can_approve": statement.is_current and not statement.is_approved
            and services.can_approve(request.user, statement.year),
        })


class MemberStatementView(LoginRequiredMixin, View):
    """One member's statement in a version: for that member's users and the secretariat (404 otherwise)."""

    def get(self, request, slug, year, version, code):
        statement = year_statement(request, slug, year, version)
        view = services.statement_view(request.user, statement)
        member = next((m for m in view["members"] if m["code"] == code), None)
        if member is None:
            raise Http404
        transfers = [t for t in view["transfers"] if code in (t["from"], t["to"])]
        return render(request, "economy/member_statement.html", {
            "statement": statement, "year": statement.year, "member": member, "transfers": transfers,
            "totals": view["totals"],
        })


class StatementExportView(LoginRequiredMixin, View):
    """A statement as xlsx or PDF (narrowed like the page); the scenario JSON only for the secretariat and
    admins."""

    def get(self, request, slug, year, version, fmt):
        statement = year_statement(request, slug, year, version)
        view = services.statement_view(request.user, statement)
        filename = f"aarsopgoerelse-{statement.year.collaboration.slug}-{statement.year.year}-v{statement.version}"
        if fmt == "xlsx":
            return exports.statement_xlsx(statement, view, filename)
        if fmt == "pdf":
            return exports.statement_pdf(statement, view, filename)
        if fmt == "json" and view["full"]:
            return exports.scenario_json(statement, filename)
        raise Http404


class ApproveView(LoginRequiredMixin, View):
    """POST: approve a statement and lock the year, after a confirmation naming what it locks."""

    def post(self, request, slug, year, version):
        statement = year_statement(request, slug, year, version)
        if not services.can_approve(request.user, statement.year):
            raise PermissionDenied
        if not confirm.is_confirmed(request):
            return confirm.confirmation(
                request, title=_("Godkend årsopgørelsen for %(year)s (version %(version)s)?") % {
                    "year": year, "version": version},
                consequences=[
                    _("Årsopgørelsen bliver den godkendte for %(year)s, og medlemmerne afregner efter den.") % {
                        "year": year},
                    _("Økonomiåret låses: opkrævninger, nøgler, timer og bestillinger kan ikke ændres, før året "
                      "genåbnes."),
                ],
                action_label=_("Godkend og lås"), cancel_url=statement.get_absolute_url())
        try:
            services.approve(statement, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Årsopgørelsen er godkendt, og økonomiåret er låst."))
        return redirect(statement.get_absolute_url())


class LedgerView(LoginRequiredMixin, View):
    """Taking turns instead of paying: the tasks each member took on, with running balances."""

    def get(self, request, slug):
        collaboration = economy_collaboration(request, slug)
        entries = permissions.restrict(
            TurnLedgerEntry.objects.filter(collaboration=collaboration), request.user
        ).select_related("organisation").prefetch_related("beneficiaries").order_by("date", "pk")
        rows, balances = services.ledger_balances(collaboration, entries)
        from digisam.organisations.models import Organisation

        members = list(Organisation.objects.filter(memberships__collaboration=collaboration).distinct()
                       .order_by("code", "name"))
        return render(request, "economy/ledger.html", {
            "collaboration": collaboration,
            "rows": rows,
            "members": members,
            "balances": [(m, balances.get(m.pk, 0)) for m in members],
            "can_add": permissions.policy_for(TurnLedgerEntry).can_add_in(request.user, collaboration=collaboration),
        })


class LedgerMixin:
    """The turn-taking ledger entry being edited or deleted, within the collaboration of the URL."""

    model = TurnLedgerEntry
    form_class = forms.LedgerEntryForm

    @property
    def collaboration(self):
        if not hasattr(self, "_collaboration"):
            self._collaboration = economy_collaboration(self.request, self.kwargs["slug"])
        return self._collaboration

    def get_object(self):
        obj = super().get_object()
        if obj is not None and obj.collaboration_id != self.collaboration.pk:
            raise Http404
        return obj

    def get_success_url(self, obj):
        return reverse("economy:ledger", args=[self.collaboration.slug])

    def get_cancel_url(self, obj):
        return self.get_success_url(obj)


class LedgerEditView(LedgerMixin, ObjectEditView):
    """Add or edit a ledger entry: the secretariat, or the doer's coordinator or finance officer
    (`TurnLedgerPolicy`). A POST saves it through the audited service."""

    def new_object(self):
        return TurnLedgerEntry(collaboration=self.collaboration)

    def _prepare(self):
        obj = self.get_object()
        if obj is None:
            obj = self.new_object()
            if not permissions.policy_for(TurnLedgerEntry).can_add_in(self.request.user,
                                                                      collaboration=self.collaboration):
                raise PermissionDenied
        return obj

    def get_form_kwargs(self, obj):
        return {"instance": obj, "user": self.request.user, "collaboration": self.collaboration}


class LedgerDeleteView(LedgerMixin, ObjectDeleteView):
    """Delete a ledger entry, for the same writers as `LedgerEditView`. A POST deletes it through the audited
    service."""

    pass
