"""Operations & support pages: thin views over the policies, `operations.selectors` (reads) and
`operations.services` (writes). Not visible → 404, visible but not writable → 403."""

from __future__ import annotations

import base64

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import ProtectedError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from digisam.core import jobs, permissions
from digisam.core import services as core_services
from digisam.core.models import Channel
from digisam.core.views import ObjectDeleteView, ObjectEditView, apply_validation_error
from digisam.economy.adapter import member_code, year_memberships
from digisam.economy.models import EconomyYear
from digisam.economy.policies import economy_readers
from digisam.organisations.models import Organisation

from . import adapter, exports, forms, selectors, services, tasks
from .choices import ServiceKind
from .models import CatalogueService, ServiceLevel, SupportArrangement, SupportUsage, TicketImport


def readable_year(request, slug, year) -> EconomyYear:
    """The economy year if the user may read the collaboration's operations (never observers)."""
    queryset = permissions.restrict(EconomyYear.objects.select_related("collaboration"), request.user)
    return get_object_or_404(queryset, collaboration__slug=slug, year=year)


def readable(request, model, pk, related=()):
    """The object of `model` with primary key `pk` if the user may read it, else 404."""
    return get_object_or_404(permissions.restrict(model.objects.select_related(*related), request.user), pk=pk)


def writable(request, model, pk, related=()):
    """The object of `model` with primary key `pk` if the user may change it (404 unreadable, 403 read-only)."""
    obj = readable(request, model, pk, related)
    if not permissions.allows(request.user, permissions.CHANGE, obj):
        raise PermissionDenied
    return obj


def secretariat_of(user, collaboration) -> bool:
    """Whether the user is an admin or in the collaboration's secretariat."""
    access = permissions.access_for(user)
    return access.is_admin or collaboration.pk in access.secretariat_collaborations


def member_names(year) -> dict:
    """The year's members' names by member code."""
    return {member_code(m.organisation): m.organisation.name for m in year_memberships(year)}


class HomeView(LoginRequiredMixin, View):
    """Economy years of the collaborations whose operations the user may read."""

    def get(self, request):
        years = permissions.restrict(EconomyYear.objects.select_related("collaboration"), request.user)
        access = permissions.access_for(request.user)
        if not access.is_admin:
            years = years.filter(collaboration__in=economy_readers(access))
        return render(request, "operations/home.html", {
            "years": years.order_by("collaboration__name", "-year"),
        })


class YearView(LoginRequiredMixin, View):
    """A year's service catalogue (basic services and add-ons with their economy prices) and the
    shared support arrangements."""

    def get(self, request, slug, year):
        economy_year = readable_year(request, slug, year)
        catalogue = list(selectors.catalogue(economy_year, request.user))
        arrangements = permissions.restrict(economy_year.support_arrangements.all(), request.user)
        return render(request, "operations/year.html", {
            "year": economy_year, "collaboration": economy_year.collaboration,
            "basic": [s for s in catalogue if s.kind == ServiceKind.BASIC],
            "addons": [s for s in catalogue if s.kind == ServiceKind.ADDON],
            "arrangements": arrangements,
            "can_edit": permissions.policy_for(CatalogueService).can_add_in(
                request.user, collaboration=economy_year.collaboration),
        })


class ServiceDetailView(LoginRequiredMixin, View):
    """One service: its price, the target level, and the harmonisation picture (each member's
    current level beside the target, the gap per member)."""

    def get(self, request, pk):
        service = readable(request, CatalogueService, pk, ("year__collaboration", "charge", "economy_service"))
        collaboration = service.year.collaboration
        picture = selectors.harmonisation(service, request.user)
        orders = []
        if service.economy_service_id:
            orders = permissions.restrict(service.economy_service.orders.select_related("organisation"), request.user)
        own = [o for o in Organisation.objects.filter(pk__in=permissions.access_for(request.user)
                                                      .coordinator_organisations)
               if collaboration.memberships.filter(organisation=o).exists()]
        return render(request, "operations/service.html", {
            "service": service, "year": service.year, "collaboration": collaboration, **picture,
            "orders": orders,
            "can_edit": permissions.allows(request.user, permissions.CHANGE, service),
            "can_add_level": bool(own) or secretariat_of(request.user, collaboration),
            "propose_form": forms.ProposeTargetForm(bodies=collaboration.bodies.all()),
        })


class ServiceEditView(LoginRequiredMixin, View):
    """Create or edit a catalogue service with its price (written to the economy)."""

    template_name = "core/object_edit.html"

    def _prepare(self, request, slug=None, year=None, pk=None):
        if pk is not None:
            return writable(request, CatalogueService, pk, ("year__collaboration", "charge", "economy_service"))
        economy_year = readable_year(request, slug, year)
        service = CatalogueService(year=economy_year)
        if not permissions.allows(request.user, permissions.ADD, service):
            raise PermissionDenied
        return service

    def _render(self, request, form, service, status=200):
        return render(request, self.template_name, {
            "form": form, "object": service, "status": status,
            "title": _("Redigér %(name)s") % {"name": service} if service.pk else _("Ny ydelse i servicekataloget"),
            "cancel_url": service.get_absolute_url() if service.pk else reverse(
                "operations:year", args=[service.year.collaboration.slug, service.year.year]),
        }, status=status)

    def get(self, request, **kwargs):
        service = self._prepare(request, **kwargs)
        pricing = services.pricing_of(service)
        initial = {"key": pricing.key, "rate": pricing.rate, "total": pricing.total, "unit": pricing.unit,
                   "unit_price": pricing.unit_price}
        return self._render(request, forms.CatalogueServiceForm(instance=service, initial=initial), service)

    def post(self, request, **kwargs):
        service = self._prepare(request, **kwargs)
        form = forms.CatalogueServiceForm(data=request.POST, instance=service)
        if form.is_valid():
            d = form.cleaned_data
            pricing = services.Pricing(key=d.get("key") or "fte", rate=d.get("rate"), total=d.get("total"),
                                       unit=d.get("unit") or "stk.", unit_price=d.get("unit_price"))
            try:
                saved = services.save_catalogue_service(form.instance, pricing, user=request.user)
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                messages.success(request, _("%(name)s er gemt.") % {"name": saved})
                return redirect(saved.get_absolute_url())
        return self._render(request, form, service, status=400)


class ServiceDeleteView(LoginRequiredMixin, View):
    """Delete a catalogue service: the secretariat (`CatalogueServicePolicy`). A POST deletes it with its
    levels and economy price object (refused while tickets or members' orders refer to it)."""

    def get(self, request, pk):
        service = readable(request, CatalogueService, pk, ("year__collaboration",))
        if not permissions.allows(request.user, permissions.DELETE, service):
            raise PermissionDenied
        return render(request, "core/object_delete.html", {"object": service,
                                                            "cancel_url": service.get_absolute_url()})

    def post(self, request, pk):
        service = readable(request, CatalogueService, pk, ("year__collaboration",))
        year = service.year
        try:
            services.delete_catalogue_service(service, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(service.get_absolute_url())
        messages.success(request, _("Ydelsen er slettet."))
        return redirect("operations:year", year.collaboration.slug, year.year)


class LevelEditView(LoginRequiredMixin, View):
    """The target level (`?maal`) or a member's current level, with targets per priority."""

    template_name = "core/object_edit.html"

    def _prepare(self, request, service_pk=None, pk=None, target=False):
        if pk is not None:
            level = writable(request, ServiceLevel, pk, ("service__year__collaboration", "organisation"))
            return level, level.service
        service = readable(request, CatalogueService, service_pk, ("year__collaboration",))
        if target:
            existing = service.levels.filter(organisation__isnull=True).first()
            if existing is not None:
                if not permissions.allows(request.user, permissions.CHANGE, existing):
                    raise PermissionDenied
                return existing, service
        level = ServiceLevel(service=service)
        if target:
            if not permissions.allows(request.user, permissions.ADD, level):
                raise PermissionDenied
        elif not self._organisations(request, service):
            raise PermissionDenied
        return level, service

    def _organisations(self, request, service):
        members = [m.organisation for m in year_memberships(service.year)]
        if secretariat_of(request.user, service.year.collaboration):
            return members
        own = permissions.access_for(request.user).coordinator_organisations
        return [o for o in members if o.pk in own]

    def _form(self, request, level, service, data=None):
        organisations = None if level.is_target and (level.pk or self.kwargs.get("target")) else \
            self._organisations(request, service)
        values = {p.priority: p for p in level.priorities.all()} if level.pk else {}
        if level.pk and not level.is_target:
            organisations = [level.organisation]
        return forms.ServiceLevelForm(data=data, instance=level, organisations=organisations, priority_values=values)

    def _render(self, request, form, level, service, status=200):
        title = _("Målniveau for %(s)s") % {"s": service} if (level.is_target and (
            level.pk or self.kwargs.get("target"))) else _("Medlemmets serviceniveau for %(s)s") % {"s": service}
        return render(request, self.template_name, {"form": form, "object": level, "title": title,
                                                    "cancel_url": service.get_absolute_url()}, status=status)

    def get(self, request, **kwargs):
        level, service = self._prepare(request, **kwargs)
        return self._render(request, self._form(request, level, service), level, service)

    def post(self, request, **kwargs):
        level, service = self._prepare(request, **kwargs)
        form = self._form(request, level, service, data=request.POST)
        if form.is_valid():
            try:
                services.save_level(form.instance, form.priorities(), user=request.user)
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                messages.success(request, _("Serviceniveauet er gemt."))
                return redirect(service.get_absolute_url())
        return self._render(request, form, level, service, status=400)


class LevelDeleteView(ObjectDeleteView):
    """Delete a service level: the secretariat, or a member's coordinator for its own current level
    (`ServiceLevelPolicy`). A POST deletes the level and its priority targets in one operation."""

    model = ServiceLevel

    def get_success_url(self, obj):
        return obj.service.get_absolute_url()

    def post(self, request, *args, **kwargs):
        level = self.get_object()
        url = self.get_success_url(level)
        with core_services.operation():
            for target in level.priorities.all():
                core_services.delete(target, user=request.user, channel=Channel.UI)
            core_services.delete(level, user=request.user, channel=Channel.UI)
        messages.success(request, _("Serviceniveauet er slettet."))
        return redirect(url)


class ProposeTargetView(LoginRequiredMixin, View):
    """Put the target level to a body for decision (its decision rules apply)."""

    def post(self, request, pk):
        service = readable(request, CatalogueService, pk, ("year__collaboration",))
        level = service.levels.filter(organisation__isnull=True).first()
        if level is None:
            raise Http404
        if not permissions.allows(request.user, permissions.CHANGE, level):
            raise PermissionDenied
        form = forms.ProposeTargetForm(data=request.POST, bodies=service.year.collaboration.bodies.all())
        if not form.is_valid():
            messages.error(request, _("Vælg det organ, der skal beslutte målniveauet."))
            return redirect(service.get_absolute_url())
        try:
            proposal = services.propose_target(level, form.cleaned_data["body"], user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(service.get_absolute_url())
        messages.success(request, _("Målniveauet er sendt til beslutning."))
        return redirect(proposal.get_absolute_url())


class SlaView(LoginRequiredMixin, View):
    """SLA figures of the year: per service, member and month (the members' own only, unless the
    user is the secretariat), breaches highlighted; the import form for the secretariat."""

    def get(self, request, slug, year, form=None, errors=None, status=200):
        economy_year = readable_year(request, slug, year)
        ticket_qs = selectors.tickets(economy_year, request.user)
        figures = adapter.figures(economy_year, ticket_qs)
        names = member_names(economy_year)
        return render(request, "operations/sla.html", {
            "year": economy_year, "collaboration": economy_year.collaboration,
            "cells": figures.cells, "yearly": exports.yearly_rows(figures), "names": names,
            "credits": figures.credits,
            "imports": permissions.restrict(economy_year.ticket_imports.all(), request.user),
            "can_import": services.can_import(request.user, economy_year),
            "form": form or forms.TicketImportForm(), "errors": errors or [],
        }, status=status)


class SlaImportView(SlaView):
    """Import the operator's ticket export: all rows or none; errors by row and column. Large files
    run as a job."""

    def post(self, request, slug, year):
        economy_year = readable_year(request, slug, year)
        if not services.can_import(request.user, economy_year):
            raise PermissionDenied
        form = forms.TicketImportForm(data=request.POST, files=request.FILES)
        if not form.is_valid():
            return self.get(request, slug, year, form=form, status=400)
        upload = form.cleaned_data["file"]
        data = upload.read()
        if len(data) > tasks.JOB_THRESHOLD_BYTES:
            job = jobs.create_job(kind="operations.import_tickets", title=_("Import af supportsager: %(f)s")
                                  % {"f": upload.name}, user=request.user, collaboration=economy_year.collaboration)
            tasks.import_tickets_job.enqueue(job.pk, economy_year.pk, upload.name,
                                             base64.b64encode(data).decode("ascii"), request.user.pk)
            return redirect("job-detail", job.pk)
        try:
            batch = services.import_tickets(economy_year, upload.name, data, user=request.user)
        except services.ImportRefused as error:
            return self.get(request, slug, year, form=form, errors=[str(e) for e in error.errors], status=400)
        messages.success(request, _("%(n)s supportsager er importeret.") % {"n": batch.rows})
        return redirect("operations:sla", slug, year)


class SlaImportDeleteView(LoginRequiredMixin, View):
    """Remove a ticket import (e.g. a wrong file): the secretariat (`TicketImportPolicy`). A POST deletes
    the import and its tickets in one operation."""

    def post(self, request, slug, year, pk):
        economy_year = readable_year(request, slug, year)
        batch = get_object_or_404(permissions.restrict(TicketImport.objects.filter(year=economy_year), request.user),
                                  pk=pk)
        services.delete_ticket_import(batch, user=request.user)
        messages.success(request, _("Importen er slettet."))
        return redirect("operations:sla", slug, year)


class SlaReportView(LoginRequiredMixin, View):
    """The yearly SLA report (xlsx or PDF) of what the user may see."""

    def get(self, request, slug, year, fmt):
        if fmt not in ("xlsx", "pdf"):
            raise Http404
        economy_year = readable_year(request, slug, year)
        figures = adapter.figures(economy_year, selectors.tickets(economy_year, request.user))
        names = member_names(economy_year)
        if fmt == "pdf":
            return exports.report_pdf(economy_year, figures, names)
        return exports.report_xlsx(economy_year, figures, names)


class SupportView(LoginRequiredMixin, View):
    """A shared support arrangement: handled contacts and hours per member per month, the hourly
    price and the contribution by size, and what reaches the annual settlement."""

    def get(self, request, pk):
        arrangement = readable(request, SupportArrangement, pk, ("year__collaboration", "charge"))
        totals = selectors.support_totals(arrangement, request.user)
        months = sorted({m for item in totals.values() for m in item["months"]})
        return render(request, "operations/support.html", {
            "arrangement": arrangement, "year": arrangement.year, "collaboration": arrangement.year.collaboration,
            "totals": totals, "months": months,
            "can_edit": permissions.allows(request.user, permissions.CHANGE, arrangement),
        })


class SupportEditView(LoginRequiredMixin, View):
    """Add or edit a shared support arrangement: the secretariat (`SupportArrangementPolicy`). A POST saves
    it and keeps its economy contribution charge in step."""

    template_name = "core/object_edit.html"

    def _prepare(self, request, slug=None, year=None, pk=None):
        if pk is not None:
            return writable(request, SupportArrangement, pk, ("year__collaboration",))
        arrangement = SupportArrangement(year=readable_year(request, slug, year))
        if not permissions.allows(request.user, permissions.ADD, arrangement):
            raise PermissionDenied
        return arrangement

    def _render(self, request, form, obj, status=200):
        cancel = obj.get_absolute_url() if obj.pk else reverse("operations:year",
                                                               args=[obj.year.collaboration.slug, obj.year.year])
        return render(request, self.template_name, {
            "form": form, "object": obj, "cancel_url": cancel,
            "title": _("Redigér %(name)s") % {"name": obj} if obj.pk else _("Ny ordning for fælles support"),
        }, status=status)

    def get(self, request, **kwargs):
        obj = self._prepare(request, **kwargs)
        return self._render(request, forms.SupportArrangementForm(instance=obj), obj)

    def post(self, request, **kwargs):
        obj = self._prepare(request, **kwargs)
        form = forms.SupportArrangementForm(data=request.POST, instance=obj)
        if form.is_valid():
            try:
                saved = services.save_support_arrangement(form.instance, user=request.user)
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                messages.success(request, _("%(name)s er gemt.") % {"name": saved})
                return redirect(saved.get_absolute_url())
        return self._render(request, form, obj, status=400)


class SupportDeleteView(LoginRequiredMixin, View):
    """Delete a shared support arrangement: the secretariat. A POST deletes it with its usage and its economy
    charge in one operation."""

    def get(self, request, pk):
        obj = readable(request, SupportArrangement, pk, ("year__collaboration",))
        if not permissions.allows(request.user, permissions.DELETE, obj):
            raise PermissionDenied
        return render(request, "core/object_delete.html", {"object": obj, "cancel_url": obj.get_absolute_url()})

    def post(self, request, pk):
        obj = readable(request, SupportArrangement, pk, ("year__collaboration",))
        year = obj.year
        try:
            services.delete_support_arrangement(obj, user=request.user)
        except (ValidationError, ProtectedError) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
            return redirect(obj.get_absolute_url())
        return redirect("operations:year", year.collaboration.slug, year.year)


class UsageEditView(ObjectEditView):
    """Add or edit a member's handled contacts and hours for a month: the secretariat (`SupportUsagePolicy`).
    A POST saves the usage through the audited service."""

    model = SupportUsage
    form_class = forms.SupportUsageForm

    def arrangement(self):
        if not hasattr(self, "_arrangement"):
            self._arrangement = readable(self.request, SupportArrangement, self.kwargs["arrangement_pk"],
                                         ("year__collaboration",))
        return self._arrangement

    def new_object(self):
        return SupportUsage(arrangement=self.arrangement())

    def get_form_kwargs(self, obj):
        year = obj.arrangement.year
        return {"instance": obj, "organisations": [m.organisation for m in year_memberships(year)]}

    def get_object(self):
        if "pk" not in self.kwargs:
            return None
        obj = super().get_object()
        if obj.arrangement_id != int(self.kwargs["arrangement_pk"]):
            raise Http404
        return obj

    def get_success_url(self, obj):
        return obj.arrangement.get_absolute_url()


class UsageDeleteView(ObjectDeleteView):
    """Delete a member's support usage for a month: the secretariat. A POST deletes it through the audited
    service."""

    model = SupportUsage

    def get_success_url(self, obj):
        return obj.arrangement.get_absolute_url()
