"""Competence pool pages: thin views over the policies, `competences.selectors` (reads) and
`competences.services` (writes). Not visible → 404, visible but not writable → 403."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from digisam.collaborations.models import Collaboration
from digisam.core import permissions
from digisam.core.views import ObjectDeleteView, ObjectEditView
from digisam.organisations.models import Organisation

from . import exports, forms, selectors, services
from .models import (
    Allocation,
    AllocationHours,
    Availability,
    Competence,
    DevelopmentAction,
    Specialist,
    SpecialistCompetence,
    StaffingRequest,
)
from .policies import pool_readers


def pool_collaboration(request, slug) -> Collaboration:
    """The collaboration if the user may read its pool (never observers or outsiders)."""
    collaboration = get_object_or_404(permissions.restrict(Collaboration.objects.all(), request.user), slug=slug)
    access = permissions.access_for(request.user)
    if not access.is_admin and collaboration.pk not in pool_readers(access):
        raise Http404
    return collaboration


def readable(request, model, pk, related=()):
    """The object of `model` with primary key `pk` if the user may read it, else 404."""
    return get_object_or_404(permissions.restrict(model.objects.select_related(*related), request.user), pk=pk)


def chosen_year(request) -> int:
    """The year asked for with `?aar=` (this year when missing or not a number)."""
    try:
        return int(request.GET.get("aar") or datetime.date.today().year)
    except ValueError:
        return datetime.date.today().year


def member_organisations(collaboration):
    """The collaboration's member organisations, ordered by code and name."""
    return Organisation.objects.filter(memberships__collaboration=collaboration).distinct().order_by("code", "name")


class HomeView(LoginRequiredMixin, View):
    """The collaborations whose competence pool the user may read."""

    def get(self, request):
        collaborations = permissions.restrict(Collaboration.objects.all(), request.user)
        access = permissions.access_for(request.user)
        if not access.is_admin:
            collaborations = collaborations.filter(pk__in=pool_readers(access))
        return render(request, "competences/home.html", {"collaborations": collaborations.order_by("name")})


class PoolView(LoginRequiredMixin, View):
    """The competence catalogue and the people offered to the pool."""

    def get(self, request, slug):
        collaboration = pool_collaboration(request, slug)
        policy = permissions.policy_for(Specialist)
        own = [o for o in member_organisations(collaboration)
               if policy.can_add_in(request.user, collaboration=collaboration, organisation=o)]
        return render(request, "competences/pool.html", {
            "collaboration": collaboration,
            "competences": selectors.competences(collaboration, request.user),
            "specialists": selectors.pool(collaboration, request.user),
            "can_manage": permissions.policy_for(Competence).can_add_in(request.user, collaboration=collaboration),
            "can_offer": bool(own), "year": chosen_year(request),
        })


class CompetenceEditView(ObjectEditView):
    """Add or edit a catalogue competence; only the secretariat (and admins) may (`CompetencePolicy`).
    A POST saves the competence through the audited service."""

    model = Competence
    form_class = forms.CompetenceForm

    def new_object(self):
        return Competence(collaboration=pool_collaboration(self.request, self.kwargs["slug"]))


class CompetenceDeleteView(ObjectDeleteView):
    """Delete a catalogue competence; secretariat and admins only. A POST deletes it through the audited service."""

    model = Competence

    def get_success_url(self, obj):
        return obj.get_absolute_url()


class SpecialistView(LoginRequiredMixin, View):
    """One person in the pool: held competences, availability and allocations; for the secretariat
    and members' users (`pool_readers`), never observers or outsiders."""

    def get(self, request, pk):
        specialist = readable(request, Specialist, pk, ("collaboration", "organisation"))
        return render(request, "competences/specialist.html", {
            "specialist": specialist, "collaboration": specialist.collaboration,
            "held": specialist.competences.select_related("competence"),
            "availability": specialist.availability.all(),
            "allocations": permissions.restrict(specialist.allocations.select_related("request"), request.user),
            "can_edit": permissions.allows(request.user, permissions.CHANGE, specialist),
        })


class SpecialistEditView(ObjectEditView):
    """Offer or edit a person in the pool: the secretariat, or the coordinator of the home organisation
    (`SpecialistPolicy`). A POST saves the specialist through the audited service."""

    model = Specialist
    form_class = forms.SpecialistForm

    def collaboration(self, obj=None):
        if obj is not None and obj.pk:
            return obj.collaboration
        return pool_collaboration(self.request, self.kwargs["slug"])

    def new_object(self):
        return Specialist(collaboration=self.collaboration())

    def _prepare(self):
        obj = self.get_object()
        if obj is None:
            obj = self.new_object()
            # The form limits the home organisation to those the user may offer; adding needs one.
            if not self.offerable(obj.collaboration):
                raise PermissionDenied
        return obj

    def offerable(self, collaboration):
        policy = permissions.policy_for(Specialist)
        return [o for o in member_organisations(collaboration)
                if policy.can_add_in(self.request.user, collaboration=collaboration, organisation=o)]

    def get_form_kwargs(self, obj):
        return {"instance": obj, "organisations": self.offerable(obj.collaboration)}


class SpecialistRemoveView(LoginRequiredMixin, View):
    """The person leaves the pool: personal details are removed (see `services.remove_specialist`)."""

    def get(self, request, pk):
        specialist = readable(request, Specialist, pk, ("collaboration",))
        if not permissions.allows(request.user, permissions.DELETE, specialist):
            raise PermissionDenied
        return render(request, "core/object_delete.html", {"object": specialist,
                                                            "cancel_url": specialist.get_absolute_url()})

    def post(self, request, pk):
        specialist = readable(request, Specialist, pk, ("collaboration",))
        slug = specialist.collaboration.slug
        services.remove_specialist(specialist, user=request.user)
        messages.success(request, _("Personen er fjernet fra puljen."))
        return redirect("competences:pool", slug)


class SpecialistPartEditView(ObjectEditView):
    """A held competence or a year's availability of one specialist."""

    kinds = {"kompetence": (SpecialistCompetence, forms.HeldCompetenceForm),
             "raadighed": (Availability, forms.AvailabilityForm)}

    def dispatch(self, request, *args, **kwargs):
        if kwargs["kind"] not in self.kinds:
            raise Http404
        self.model, self.form_class = self.kinds[kwargs["kind"]]
        return super().dispatch(request, *args, **kwargs)

    def specialist(self):
        return readable(self.request, Specialist, self.kwargs["specialist_pk"], ("collaboration",))

    def new_object(self):
        return self.model(specialist=self.specialist())

    def get_object(self):
        obj = super().get_object()
        if obj is not None and obj.specialist_id != int(self.kwargs["specialist_pk"]):
            raise Http404
        return obj

    def get_form_kwargs(self, obj):
        kwargs = {"instance": obj}
        if self.model is SpecialistCompetence:
            kwargs["collaboration"] = obj.specialist.collaboration
        return kwargs


class SpecialistPartDeleteView(ObjectDeleteView):
    """Delete a held competence or a year's availability: the secretariat or the home organisation's
    coordinator. A POST deletes it through the audited service."""

    def dispatch(self, request, *args, **kwargs):
        if kwargs["kind"] not in SpecialistPartEditView.kinds:
            raise Http404
        self.model = SpecialistPartEditView.kinds[kwargs["kind"]][0]
        return super().dispatch(request, *args, **kwargs)

    def get_success_url(self, obj):
        return obj.specialist.get_absolute_url()


class RequestListView(LoginRequiredMixin, View):
    """A year's staffing requests of the collaboration, for pool readers (secretariat and members' users)."""

    def get(self, request, slug):
        collaboration = pool_collaboration(request, slug)
        year = chosen_year(request)
        return render(request, "competences/requests.html", {
            "collaboration": collaboration, "year": year,
            "requests": selectors.requests(collaboration, request.user, year),
            "can_manage": permissions.policy_for(StaffingRequest).can_add_in(request.user,
                                                                             collaboration=collaboration),
        })


class RequestEditView(ObjectEditView):
    """Raise or edit a staffing request; secretariat only (`StaffingRequestPolicy`). A POST saves it through
    the audited service."""

    model = StaffingRequest
    form_class = forms.StaffingRequestForm

    def new_object(self):
        return StaffingRequest(collaboration=pool_collaboration(self.request, self.kwargs["slug"]),
                               year=chosen_year(self.request))

    def get_form_kwargs(self, obj):
        return {"instance": obj, "collaboration": obj.collaboration}


class RequestView(LoginRequiredMixin, View):
    """A staffing request: its allocations, the engine's proposed people, and the allocate form."""

    def get(self, request, pk, form=None, status=200):
        staffing_request = readable(request, StaffingRequest, pk, ("collaboration", "competence", "project"))
        allocations = permissions.restrict(staffing_request.allocations.select_related(
            "specialist__organisation"), request.user).prefetch_related("worked")
        return render(request, "competences/request.html", {
            "req": staffing_request, "collaboration": staffing_request.collaboration,
            "allocations": [{"allocation": a, "can_decide": services.can_decide(request.user, a),
                             "can_register": permissions.allows(request.user, permissions.CHANGE, a)}
                            for a in allocations],
            "proposals": selectors.proposal_rows(staffing_request, request.user),
            "can_allocate": services.can_propose(request.user, staffing_request),
            "can_edit": permissions.allows(request.user, permissions.CHANGE, staffing_request),
            "form": form or forms.AllocateForm(collaboration=staffing_request.collaboration),
            "hours_form": forms.HoursForm(),
        }, status=status)


class AllocateView(RequestView):
    """Propose a person for a staffing request (`services.can_propose`: the secretariat). A POST saves a
    proposed allocation that the home organisation must then approve."""

    def post(self, request, pk):
        staffing_request = readable(request, StaffingRequest, pk, ("collaboration", "competence"))
        if not services.can_propose(request.user, staffing_request):
            raise PermissionDenied
        form = forms.AllocateForm(data=request.POST, collaboration=staffing_request.collaboration)
        if form.is_valid():
            try:
                services.allocate(staffing_request, form.cleaned_data["specialist"], form.cleaned_data["hours"],
                                  user=request.user)
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(request, _("Tildelingen er foreslået; hjemorganisationen skal godkende den."))
                return redirect(staffing_request.get_absolute_url())
        return self.get(request, pk, form=form, status=400)


class DecideView(LoginRequiredMixin, View):
    """The home organisation approves or rejects an allocation."""

    def post(self, request, pk, decision):
        allocation = readable(request, Allocation, pk, ("request", "specialist"))
        if decision not in ("godkend", "afvis"):
            raise Http404
        try:
            services.decide_allocation(allocation, decision == "godkend", user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect(allocation.request.get_absolute_url())


class HoursView(LoginRequiredMixin, View):
    """Register hours worked on an approved allocation (they go to the economy's hours settlement)."""

    def post(self, request, pk):
        allocation = readable(request, Allocation, pk, ("request__project", "specialist__organisation"))
        form = forms.HoursForm(data=request.POST)
        if not form.is_valid():
            messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
            return redirect(allocation.request.get_absolute_url())
        try:
            services.register_hours(allocation, form.cleaned_data["month"], form.cleaned_data["hours"],
                                    user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Timerne er registreret i timeafregningen."))
        return redirect(allocation.request.get_absolute_url())


class HoursDeleteView(LoginRequiredMixin, View):
    """Remove registered hours: the home organisation's coordinator or the secretariat. A POST deletes the
    hours and takes them out of the hours settlement (`services.remove_hours`)."""

    def post(self, request, pk):
        worked = readable(request, AllocationHours, pk, ("allocation__request",))
        url = worked.allocation.request.get_absolute_url()
        services.remove_hours(worked, user=request.user)
        messages.success(request, _("Timerne er fjernet fra timeafregningen."))
        return redirect(url)


class AnalysisView(LoginRequiredMixin, View):
    """Needed vs available hours per competence (table and heat map per member), competences held
    by one person or one member only, and the development plan."""

    def get(self, request, slug):
        collaboration = pool_collaboration(request, slug)
        year = chosen_year(request)
        data = selectors.analysis(collaboration, request.user, year)
        if request.GET.get("format") == "xlsx":
            return exports.analysis_xlsx(collaboration, year, data)
        return render(request, "competences/analysis.html", {
            "collaboration": collaboration, "year": year, **data,
            "can_plan": permissions.policy_for(DevelopmentAction).can_add_in(
                request.user, collaboration=collaboration) or any(
                o.pk in permissions.access_for(request.user).coordinator_organisations for o in data["organisations"]),
        })


class ActionEditView(ObjectEditView):
    """Add or edit a development plan action: the secretariat or the coordinator of a member organisation
    (`DevelopmentActionPolicy`). A POST saves it through the audited service."""

    model = DevelopmentAction
    form_class = forms.DevelopmentActionForm

    def new_object(self):
        return DevelopmentAction(collaboration=pool_collaboration(self.request, self.kwargs["slug"]))

    def _prepare(self):
        obj = self.get_object()
        if obj is None:
            obj = self.new_object()
            access = permissions.access_for(self.request.user)
            own = access.coordinator_organisations & set(member_organisations(obj.collaboration)
                                                         .values_list("pk", flat=True))
            if not permissions.allows(self.request.user, permissions.ADD, obj) and not own:
                raise PermissionDenied
        return obj

    def get_form_kwargs(self, obj):
        return {"instance": obj, "collaboration": obj.collaboration}


class ActionDeleteView(ObjectDeleteView):
    """Delete a development plan action: the secretariat or the owning member's coordinator. A POST
    deletes it through the audited service."""

    model = DevelopmentAction

    def get_success_url(self, obj):
        return obj.get_absolute_url()
