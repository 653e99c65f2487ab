"""Pages of the initiatives app. Thin: narrow by policy, call the audited core service or the app's
services, render. Not visible → 404, not writable → 403."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from digisam.collaborations.models import Body, BodyKind, Collaboration
from digisam.core import archive as archiving
from digisam.core import confirm, numbers, permissions
from digisam.core import services as core_services
from digisam.core.models import Channel
from digisam.core.views import ObjectDeleteView, ObjectEditView, apply_validation_error
from digisam.organisations.models import Organisation

from . import casegrid, forms, reports, services
from .models import (
    ActionItem,
    Ballot,
    BallotChoice,
    BusinessCase,
    BusinessCaseLine,
    CaseLineKind,
    ForumPosition,
    Gate,
    Initiative,
    MapElement,
    Meeting,
    Notification,
    Participation,
    PhaseModel,
    Proposal,
    ProposalDocument,
    ProposalStatus,
)


def visible_collaboration(request, slug):
    """The collaboration `slug` if the user may read it, else 404."""
    return get_object_or_404(permissions.restrict(Collaboration.objects.all(), request.user), slug=slug)


def visible(request, model, pk, **lookups):
    """The object of `model` with primary key `pk` (and `lookups`) if the user may read it, else 404."""
    return get_object_or_404(permissions.restrict(model._default_manager.all(), request.user), pk=pk, **lookups)


def require(request, action, obj):
    """Raise PermissionDenied unless the user may do `action` on `obj`."""
    if not permissions.allows(request.user, action, obj):
        raise PermissionDenied


# --- lists --------------------------------------------------------------------------------------

class InitiativeIndexView(LoginRequiredMixin, View):
    """All initiatives the user may read, by collaboration."""

    def get(self, request):
        initiatives = archiving.filter_list(permissions.restrict(Initiative.objects.all(), request.user), request).select_related(
            "collaboration", "owner_organisation", "phase_model").order_by("collaboration__name", "title")
        collaborations = permissions.restrict(Collaboration.objects.all(), request.user).order_by("name")
        return render(request, "initiatives/index.html", {"initiatives": initiatives, "collaborations": collaborations})


class CollaborationInitiativesView(LoginRequiredMixin, View):
    """A collaboration's initiatives and phase models, for its readers (members and secretariat; observers
    see published initiatives of a published collaboration)."""

    def get(self, request, slug):
        collaboration = visible_collaboration(request, slug)
        initiatives = archiving.filter_list(permissions.restrict(collaboration.initiatives.all(), request.user), request).select_related(
            "owner_organisation", "phase_model")
        return render(request, "initiatives/collaboration.html", {
            "collaboration": collaboration,
            "initiatives": initiatives,
            "phase_models": collaboration.phase_models.all(),
            "can_manage": permissions.policy_for(Initiative).can_add_in(request.user, collaboration=collaboration),
        })


# --- generic edit views inside a collaboration / initiative / benefit / meeting ------------------

class InCollaboration:
    """Edit views for objects of a collaboration (/initiativer/<slug>/…)."""

    success_anchor = ""

    @property
    def collaboration(self):
        if not hasattr(self, "_collaboration"):
            self._collaboration = visible_collaboration(self.request, self.kwargs["slug"])
        return self._collaboration

    def get_object(self):
        obj = super().get_object()
        if obj is not None and permissions.policy_for(obj).collaboration_id(obj) != self.collaboration.pk:
            raise Http404
        return obj

    def new_object(self):
        return self.model(collaboration=self.collaboration)

    def get_form_kwargs(self, obj):
        return {**super().get_form_kwargs(obj), "collaboration": self.collaboration}

    def get_success_url(self, obj):
        return obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else reverse(
            "initiatives:collaboration", args=[self.collaboration.slug])

    def get_cancel_url(self, obj):
        return reverse("initiatives:collaboration", args=[self.collaboration.slug])


class InitiativeCreateView(InCollaboration, ObjectEditView):
    """Add an initiative to a collaboration: the secretariat (`InitiativePolicy`). A POST saves it through
    the audited service; opening the form (GET too) first creates the standard phase models if the
    collaboration has none."""

    model = Initiative
    form_class = forms.InitiativeForm

    def _prepare(self):
        obj = super()._prepare()
        services.ensure_phase_models(self.collaboration, self.request.user)
        return obj


class InitiativeEditView(ObjectEditView):
    """Edit an initiative: the secretariat. A POST saves it through the audited service."""

    model = Initiative
    form_class = forms.InitiativeForm

    def get_form_kwargs(self, obj):
        return {**super().get_form_kwargs(obj), "collaboration": obj.collaboration}


class PhaseModelCreateView(InCollaboration, ObjectEditView):
    """Add or edit a phase model of a collaboration: the secretariat (`PhaseModelPolicy`). A POST saves it
    through the audited service."""

    model = PhaseModel
    form_class = forms.PhaseModelForm

    def get_success_url(self, obj):
        return reverse("initiatives:collaboration", args=[self.collaboration.slug])


class InitiativePart:
    """Edit views for objects of an initiative (/initiativer/i/<initiative>/…)."""

    parent_model = Initiative
    parent_kwarg = "initiative"
    parent_field = "initiative"
    anchor = ""

    @property
    def parent(self):
        if not hasattr(self, "_parent"):
            self._parent = visible(self.request, self.parent_model, self.kwargs[self.parent_kwarg])
        return self._parent

    @property
    def initiative(self):
        return self.parent if self.parent_model is Initiative else self.parent.initiative

    def get_object(self):
        obj = super().get_object()
        if obj is not None and getattr(obj, f"{self.parent_field}_id") != self.parent.pk:
            raise Http404
        return obj

    def new_object(self):
        return self.model(**{self.parent_field: self.parent})

    def get_form_kwargs(self, obj):
        return {**super().get_form_kwargs(obj), "collaboration": self.initiative.collaboration}

    def get_success_url(self, obj):
        return self.initiative.get_absolute_url() + self.anchor

    def get_cancel_url(self, obj):
        return self.get_success_url(obj)


def part_view(model, form_class, anchor="", parent_model=Initiative, parent_kwarg="initiative",
              parent_field="initiative"):
    """An edit view for `model` inside an initiative (or another parent); writers as the model's policy says
    (the secretariat for budget lines, benefits and their parts)."""
    return type(f"{model.__name__}EditView", (InitiativePart, ObjectEditView), {
        "model": model, "form_class": form_class, "anchor": anchor, "parent_model": parent_model,
        "parent_kwarg": parent_kwarg, "parent_field": parent_field,
    }).as_view()


class MapElementEditView(InitiativePart, ObjectEditView):
    """Add or edit an element of the initiative's benefit map: the secretariat (`InitiativePartPolicy`).
    A POST saves it through the audited service."""

    model = MapElement
    form_class = forms.MapElementForm
    anchor = "#benefit-map"

    def get_form_kwargs(self, obj):
        return {**super().get_form_kwargs(obj), "initiative": self.initiative}


class BusinessCaseEditView(InitiativePart, ObjectEditView):
    """The initiative's one business case: created on first save, edited afterwards."""

    model = BusinessCase
    form_class = forms.BusinessCaseForm
    anchor = "#business-case"

    def get_object(self):
        obj = BusinessCase.objects.filter(initiative=self.parent).first()
        if obj is not None and not permissions.allows(self.request.user, permissions.CHANGE, obj):
            raise PermissionDenied
        return obj

    def new_object(self):
        start = self.parent.start.year if self.parent.start else timezone.localdate().year
        return BusinessCase(initiative=self.parent, start_year=start)


class CaseLineEditView(InitiativePart, ObjectEditView):
    """Add or edit a business case line: the secretariat (`BusinessCaseLinePolicy`). A POST saves it through
    the audited service."""

    model = BusinessCaseLine
    form_class = forms.BusinessCaseLineForm
    parent_model = BusinessCase
    parent_kwarg = "case"
    parent_field = "case"
    anchor = "#business-case"


class GateEditView(InitiativePart, ObjectEditView):
    """Add or edit a gate of an initiative (its phase and due date): the secretariat. A POST saves it through
    the audited service; outcomes are decided through a proposal."""

    model = Gate
    form_class = forms.GateForm
    anchor = "#gates"


class ParticipationEditView(InitiativePart, ObjectEditView):
    """A member's opt-in or opt-out (one per member and initiative)."""

    model = Participation
    form_class = forms.ParticipationForm
    anchor = "#participation"

    @property
    def organisation(self):
        return get_object_or_404(Organisation, pk=self.kwargs["organisation"])

    def get_object(self):
        obj = Participation.objects.filter(initiative=self.parent, organisation=self.organisation).first()
        if obj is not None and not permissions.allows(self.request.user, permissions.CHANGE, obj):
            raise PermissionDenied
        return obj

    def new_object(self):
        return Participation(initiative=self.parent, organisation=self.organisation)

    def get_title(self, obj):
        return _("Deltagelse: %(org)s i %(initiative)s") % {"org": obj.organisation, "initiative": obj.initiative}


class ProposalCreateView(InCollaboration, ObjectEditView):
    """Add a proposal to a collaboration: the secretariat (`ProposalPolicy`). A POST saves it through the
    audited service."""

    model = Proposal
    form_class = forms.ProposalForm


class ProposalEditView(ObjectEditView):
    """Edit a proposal: the secretariat. A POST saves it through the audited service."""

    model = Proposal
    form_class = forms.ProposalForm

    def get_form_kwargs(self, obj):
        return {**super().get_form_kwargs(obj), "collaboration": obj.collaboration}


class ProposalPart(InitiativePart):
    """Edit views for objects of a proposal (/initiativer/forslag/<proposal>/…)."""

    parent_model = Proposal
    parent_kwarg = "proposal"
    parent_field = "proposal"

    def get_form_kwargs(self, obj):
        kwargs = ObjectEditView.get_form_kwargs(self, obj)
        if self.form_class is forms.ForumPositionForm:
            kwargs["collaboration"] = self.parent.collaboration
        return kwargs

    def get_success_url(self, obj):
        return self.parent.get_absolute_url()


class ProposalDocumentEditView(ProposalPart, ObjectEditView):
    """Add or edit a proposal's document: the secretariat (`ProposalPartPolicy`). A POST saves it through
    the audited service."""

    model = ProposalDocument
    form_class = forms.ProposalDocumentForm


class ForumPositionEditView(ProposalPart, ObjectEditView):
    """Record or edit a forum's position on a proposal: the secretariat (`ProposalPartPolicy`). A POST saves
    it through the audited service."""

    model = ForumPosition
    form_class = forms.ForumPositionForm


class MeetingCreateView(InCollaboration, ObjectEditView):
    """Add a meeting of one of the collaboration's bodies: the secretariat (`MeetingPolicy`). A POST saves it
    through the audited service."""

    model = Meeting
    form_class = forms.MeetingForm

    def new_object(self):
        return Meeting(date=timezone.now().replace(second=0, microsecond=0))

    def _prepare(self):
        obj = self.get_object()
        if obj is None:
            obj = self.new_object()
            if not permissions.policy_for(Meeting).can_add_in(self.request.user, collaboration=self.collaboration):
                raise PermissionDenied
        return obj


class MeetingEditView(ObjectEditView):
    """Edit a meeting (agenda, attendance, minutes): the secretariat. A POST saves it through the audited
    service."""

    model = Meeting
    form_class = forms.MeetingForm

    def get_form_kwargs(self, obj):
        return {**super().get_form_kwargs(obj), "collaboration": obj.body.collaboration}


class ActionItemEditView(InitiativePart, ObjectEditView):
    """Add or edit an action item of a meeting: the secretariat (`ActionItemPolicy`). A POST saves it
    through the audited service."""

    model = ActionItem
    form_class = forms.ActionItemForm
    parent_model = Meeting
    parent_kwarg = "meeting"
    parent_field = "meeting"

    def get_form_kwargs(self, obj):
        return {**ObjectEditView.get_form_kwargs(self, obj), "collaboration": self.parent.body.collaboration}

    def get_success_url(self, obj):
        return self.parent.get_absolute_url()


class PartDeleteView(ObjectDeleteView):
    """Delete a part of an initiative, proposal or meeting: whoever may delete it by its policy. A POST
    deletes it through the audited service."""

    def get_success_url(self, obj):
        initiative = reports.initiative_of(obj)
        return initiative.get_absolute_url() if initiative else "/initiativer/"


def part_delete(model):
    """A delete view for `model` (see `PartDeleteView`)."""
    return type(f"{model.__name__}DeleteView", (PartDeleteView,), {"model": model}).as_view()


# --- details ------------------------------------------------------------------------------------

class InitiativeDetailView(LoginRequiredMixin, View):
    """One initiative: phases, gates, benefits, business case and members' participation, for its readers
    (members and secretariat; observers when it is published)."""

    def get(self, request, pk):
        initiative = visible(request, Initiative, pk)
        benefits = list(initiative.benefits.prefetch_related("expectations__organisation",
                                                              "realisations__organisation"))
        case = BusinessCase.objects.filter(initiative=initiative).first()
        result = case.compute() if case else None
        can_manage = permissions.allows(request.user, permissions.CHANGE, initiative)
        access = permissions.access_for(request.user)
        members = []
        for organisation, participation in services.member_choices(initiative):
            may_choose = access.is_admin or can_manage or (
                organisation.pk in access.coordinator_organisations
                and initiative.collaboration_id in access.member_collaborations)
            members.append({"organisation": organisation, "participation": participation, "may_choose": may_choose})
        gates = list(initiative.gates.prefetch_related("proposals"))
        gate_phases = {g.phase for g in gates}
        return render(request, "initiatives/initiative_detail.html", {
            "initiative": initiative,
            "collaboration": initiative.collaboration,
            "benefits": benefits,
            "benefit_map": reports.benefit_map_svg(initiative),
            "case": case,
            "case_lines": case.lines.select_related("organisation") if case else [],
            "result": result,
            "budget": initiative.budget_lines.select_related("organisation"),
            "members": members,
            "gates": gates,
            "missing_gates": [i for i in range(len(initiative.phases)) if i not in gate_phases],
            "proposals": permissions.restrict(initiative.proposals.all(), request.user),
            "can_manage": can_manage,
            "phases": list(enumerate(initiative.phases)),
        })


class GateProposalView(LoginRequiredMixin, View):
    """Put a gate to a body as a GO/no-GO decision."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.gate = visible(request, Gate, kwargs["pk"])
        require(request, permissions.CHANGE, self.gate)
        return super().dispatch(request, *args, **kwargs)

    def render_form(self, form, status=200):
        return render(self.request, "core/object_edit.html", {
            "form": form, "title": _("GO/no-GO-beslutning: %(gate)s") % {"gate": self.gate},
            "cancel_url": self.gate.initiative.get_absolute_url()}, status=status)

    def get(self, request, pk):
        collaboration = self.gate.initiative.collaboration
        form = forms.GateProposalForm(collaboration=collaboration)
        gate_bodies = form.fields["body"].queryset.filter(decision_rules__decision_type="gate")
        if gate_bodies.exists():
            form.fields["body"].initial = gate_bodies.first().pk
        return self.render_form(form)

    def post(self, request, pk):
        form = forms.GateProposalForm(request.POST, collaboration=self.gate.initiative.collaboration)
        if form.is_valid():
            try:
                proposal = services.gate_proposal(self.gate, form.cleaned_data["body"], user=request.user,
                                                 deadline=form.cleaned_data["deadline"],
                                                 conditions=form.cleaned_data["conditions"])
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                messages.success(request, _("Beslutningssagen er oprettet som kladde."))
                return redirect(proposal.get_absolute_url())
        return self.render_form(form, status=400)


class ProposalListView(LoginRequiredMixin, View):
    """A collaboration's proposals, for its readers (observers when the collaboration is published)."""

    def get(self, request, slug):
        collaboration = visible_collaboration(request, slug)
        proposals = archiving.filter_list(permissions.restrict(collaboration.proposals.all(), request.user), request)
        proposals = proposals.select_related("body", "initiative")
        return render(request, "initiatives/proposal_list.html", {
            "collaboration": collaboration, "proposals": proposals,
            "can_manage": permissions.policy_for(Proposal).can_add_in(request.user, collaboration=collaboration),
        })


class ProposalDetailView(LoginRequiredMixin, View):
    """One proposal: its rule, each eligible member's ballot, forum positions; the ballot form only for
    the member's own coordinator while the vote is open."""

    def get(self, request, pk, form=None, status=200):
        proposal = visible(request, Proposal, pk)
        access = permissions.access_for(request.user)
        rule = proposal.rule
        members = services.eligible_members(proposal) if proposal.body_id else []
        ballots = {b.organisation_id: b for b in proposal.ballots.select_related("organisation", "cast_by")}
        rows = []
        for member in members:
            ballot = ballots.get(member.key)
            # Only the member's own coordinator gets a ballot form; an admin who does not represent
            # the member does not vote for it (the API still lets an admin correct a ballot).
            can_vote = proposal.voting_open and (
                member.key in access.coordinator_organisations
                and proposal.collaboration_id in access.member_collaborations)
            rows.append({"member": member, "ballot": ballot, "can_vote": can_vote})
        fora_result = None
        if proposal.forum_positions.exists():
            fora_result, _body = services.check_fora(proposal)
        can_manage = permissions.allows(request.user, permissions.CHANGE, proposal)
        return render(request, "initiatives/proposal_detail.html", {
            "proposal": proposal, "collaboration": proposal.collaboration, "rule": rule, "rows": rows,
            "preview": services.preview(proposal) if proposal.status == ProposalStatus.OPEN and can_manage else None,
            "can_manage": can_manage, "ballot_form": form or forms.BallotForm(allow_veto=bool(rule and rule.veto)),
            "fora": proposal.forum_positions.select_related("forum"), "fora_result": fora_result,
            "has_fora": Body.objects.filter(collaboration=proposal.collaboration,
                                            kind=BodyKind.STRATEGIC_FORUM).exists(),
            "escalations": proposal.escalations.all(), "ballot_choices": BallotChoice.choices,
        }, status=status)


class ProposalActionView(LoginRequiredMixin, View):
    """POST: open, close or escalate a proposal. Closing is decided only after a confirmation
    that names who has not voted and what the rule then decides (GET shows it)."""

    def get(self, request, pk, action):
        proposal = visible(request, Proposal, pk)
        require(request, permissions.CHANGE, proposal)
        if action != "close" or proposal.status != ProposalStatus.OPEN:
            raise Http404
        return self.confirm_close(request, proposal)

    def confirm_close(self, request, proposal):
        return confirm.confirmation(
            request, title=_("Afslut afstemningen om “%(title)s”?") % {"title": proposal.title},
            consequences=services.close_consequences(proposal), action_label=_("Afslut afstemning og optæl"),
            cancel_url=proposal.get_absolute_url())

    def post(self, request, pk, action):
        proposal = visible(request, Proposal, pk)
        require(request, permissions.CHANGE, proposal)
        if action == "close" and proposal.status == ProposalStatus.OPEN and not confirm.is_confirmed(request):
            return self.confirm_close(request, proposal)
        try:
            if action == "open":
                services.open_proposal(proposal, user=request.user)
                messages.success(request, _("Afstemningen er åbnet."))
            elif action == "close":
                result = services.close_proposal(proposal, user=request.user)
                messages.success(request, result.statement)
            elif action == "escalate":
                escalation = services.escalate(proposal, user=request.user)
                messages.success(request, _("Sagen er eskaleret med et udkast til sagsredegørelse."))
                return redirect(escalation.get_absolute_url())
            else:
                raise Http404
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect(proposal.get_absolute_url())


class BallotView(LoginRequiredMixin, View):
    """POST: the member's coordinator casts or changes the member's ballot."""

    def post(self, request, pk, organisation):
        proposal = visible(request, Proposal, pk)
        organisation = get_object_or_404(Organisation, pk=organisation)
        rule = proposal.rule
        form = forms.BallotForm(request.POST, allow_veto=bool(rule and rule.veto))
        probe = Ballot.objects.filter(proposal=proposal, organisation=organisation).first() or Ballot(
            proposal=proposal, organisation=organisation)
        if not permissions.allows(request.user, permissions.CHANGE if probe.pk else permissions.ADD, probe):
            raise PermissionDenied
        if form.is_valid():
            try:
                services.cast_ballot(proposal, organisation, user=request.user, choice=form.cleaned_data["choice"],
                                    veto=form.cleaned_data.get("veto", False), comment=form.cleaned_data["comment"])
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("Stemmen for %(org)s er afgivet.") % {"org": organisation})
            return redirect(proposal.get_absolute_url())
        return ProposalDetailView().get(request, pk, form=form, status=400)


class MeetingListView(LoginRequiredMixin, View):
    """The meetings of a collaboration's bodies, for its readers (observers when it is published)."""

    def get(self, request, slug):
        collaboration = visible_collaboration(request, slug)
        meetings = permissions.restrict(Meeting.objects.filter(body__collaboration=collaboration), request.user)
        return render(request, "initiatives/meeting_list.html", {
            "collaboration": collaboration, "meetings": meetings.select_related("body"),
            "can_manage": permissions.policy_for(Meeting).can_add_in(request.user, collaboration=collaboration),
        })


class MeetingDetailView(LoginRequiredMixin, View):
    """One meeting: its proposals and action items, for the collaboration's readers."""

    def get(self, request, pk):
        meeting = visible(request, Meeting, pk)
        return render(request, "initiatives/meeting_detail.html", {
            "meeting": meeting, "collaboration": meeting.body.collaboration,
            "proposals": permissions.restrict(meeting.proposals.all(), request.user),
            "actions": meeting.actions.select_related("owner_organisation"),
            "can_manage": permissions.allows(request.user, permissions.CHANGE, meeting),
        })


# --- overviews ----------------------------------------------------------------------------------

class ParticipationOverviewView(LoginRequiredMixin, View):
    """Which members opted in or out of each initiative, for the collaboration's readers."""

    def get(self, request, slug):
        collaboration = visible_collaboration(request, slug)
        overview = reports.participation_overview(collaboration, request.user)
        return render(request, "initiatives/participation_overview.html",
                      {"collaboration": collaboration, **overview})


class DashboardView(LoginRequiredMixin, View):
    """The directors' dashboard of one collaboration; ?format=pdf gives the printable page."""

    def get(self, request, slug):
        collaboration = visible_collaboration(request, slug)
        data = reports.dashboard(collaboration, request.user)
        if request.GET.get("format") == "pdf":
            return reports.dashboard_pdf(collaboration, data)
        return render(request, "initiatives/dashboard.html", {"collaboration": collaboration, **data})


class NotificationListView(LoginRequiredMixin, View):
    """The user's own notifications (the latest 200); only the recipient reads them."""

    def get(self, request):
        notes = permissions.restrict(Notification.objects.all(), request.user)[:200]
        return render(request, "initiatives/notifications.html", {"notifications": notes})


class NotificationReadView(LoginRequiredMixin, View):
    """Mark one of the user's own notifications read (`NotificationPolicy`). A POST saves `read` through
    the audited service and goes to the notification's page."""

    def post(self, request, pk):
        note = visible(request, Notification, pk)
        note.read = True
        core_services.save(note, user=request.user, channel=Channel.UI)
        return redirect(note.url or reverse("initiatives:notifications"))




# --- business case grid (member × year, one form, one transaction) -------------------------------

class CaseGridView(LoginRequiredMixin, View):
    """The whole business case as one grid: GET shows it (editable for the secretariat), POST saves
    every cell in one transaction; ?format=xlsx downloads the same grid."""

    new_groups = 1

    def case(self, request, pk):
        initiative = visible(request, Initiative, pk)
        case = get_object_or_404(BusinessCase, initiative=initiative)
        return initiative, case

    def get(self, request, pk):
        initiative, case = self.case(request, pk)
        estimate = casegrid.estimate_from(request.GET.get("estimat"))
        if request.GET.get("format") == "xlsx":
            from django.http import HttpResponse

            from digisam.core.exports import XLSX

            response = HttpResponse(casegrid.xlsx(case, estimate), content_type=XLSX)
            suffix = "" if estimate == "likely" else f"-{casegrid.ESTIMATES[estimate]}"
            response["Content-Disposition"] = f'attachment; filename="business-case-{initiative.pk}{suffix}.xlsx"'
            return response
        return self.render(request, initiative, case, estimate=estimate)

    def render(self, request, initiative, case, *, values=None, errors=None, file_errors=None, status=200,
               estimate="likely"):
        can_manage = permissions.allows(request.user, permissions.CHANGE, case)
        years = casegrid.years(case)
        orgs = casegrid.members(case)
        values = values or {}
        errors = errors or {}
        tables = []
        groups = casegrid.groups(case)
        for gi, group in enumerate(groups):
            rows = []
            for org in orgs:
                cells = []
                for year in years:
                    name = f"c-{gi}-{org.pk}-{year}"
                    line = group.cells.get((org.pk, year))
                    multiple = isinstance(line, list)
                    amount = casegrid.value_of(line, estimate)
                    three_point = estimate == "likely" and not multiple and line is not None and (
                        line.low is not None or line.high is not None)
                    # low and high belong to a line: a cell without one is not editable there
                    editable = can_manage and not multiple and (estimate == "likely" or line is not None)
                    cells.append({"name": name, "year": year, "amount": amount, "multiple": multiple,
                                  "three_point": three_point, "editable": editable,
                                  "value": values.get(name, "" if amount is None else numbers.format_number(amount, 2, grouping=True)),
                                  "error": errors.get((*group.key, org.pk, year))})
                rows.append({"organisation": org, "cells": cells})
            totals = [sum((c["amount"] or 0 for r in rows for c in r["cells"] if c["year"] == y), 0) for y in years]
            tables.append({"index": gi, "group": group, "rows": rows, "totals": totals})
        new = []
        for ni in range(self.new_groups if estimate == "likely" else 0):
            gi = len(groups) + ni
            new.append({"index": gi, "rows": [{"organisation": org, "cells": [
                {"name": f"c-{gi}-{org.pk}-{y}", "year": y, "value": values.get(f"c-{gi}-{org.pk}-{y}", ""),
                 "error": errors.get(("new", gi, org.pk, y))} for y in years]} for org in orgs],
                "scenario": values.get(f"g-{gi}-scenario", "1"), "kind": values.get(f"g-{gi}-kind", ""),
                "description": values.get(f"g-{gi}-description", "")})
        return render(request, "initiatives/case_grid.html", {
            "initiative": initiative, "collaboration": initiative.collaboration, "case": case, "years": years,
            "tables": tables, "new_tables": new, "can_manage": can_manage, "kinds": CaseLineKind.choices,
            "error_count": len(errors), "file_errors": file_errors or [],
            "estimate": estimate, "estimate_slug": casegrid.ESTIMATES[estimate],
            "estimate_label": casegrid.estimate_label(estimate),
            "estimates": [(slug, casegrid.estimate_label(f), f == estimate) for f, slug in casegrid.ESTIMATES.items()],
        }, status=status)

    def post(self, request, pk):
        initiative, case = self.case(request, pk)
        require(request, permissions.CHANGE, case)
        estimate = casegrid.estimate_from(request.POST.get("estimat"))
        if request.FILES.get("file") is not None:
            upload = request.FILES["file"]
            try:
                wanted, of_sheet = casegrid.read_upload(case, upload.read(), upload.name, with_estimate=True)
                estimate = of_sheet or estimate  # a downloaded file names its estimate in the sheet name
                counts = casegrid.apply(case, wanted, user=request.user, estimate=estimate)
            except casegrid.GridError as error:
                texts = [v if isinstance(k, str) or (isinstance(k, tuple) and len(k) == 2) else
                         f"{casegrid.describe(case, k)}: {v}" for k, v in sorted(error.errors.items(), key=str)]
                return self.render(request, initiative, case, file_errors=texts, status=400, estimate=estimate)
            return self.done(request, initiative, counts, estimate)
        groups = casegrid.groups(case)
        years = casegrid.years(case)
        orgs = casegrid.members(case)
        wanted, errors, values = {}, {}, dict(request.POST.items())
        keys = [(gi, g.key) for gi, g in enumerate(groups)]
        for ni in range(self.new_groups if estimate == "likely" else 0):
            gi = len(groups) + ni
            kind = request.POST.get(f"g-{gi}-kind", "")
            scenario = request.POST.get(f"g-{gi}-scenario", "1")
            description = request.POST.get(f"g-{gi}-description", "").strip()
            filled = any(request.POST.get(f"c-{gi}-{o.pk}-{y}", "").strip() for o in orgs for y in years)
            if not filled:
                continue
            if kind not in dict(CaseLineKind.choices) or scenario not in ("0", "1"):
                errors[("new", gi, orgs[0].pk, years[0])] = _("Vælg scenarie og art for den nye linje.")
                continue
            keys.append((gi, (int(scenario), kind, description)))
        for gi, key in keys:
            for org in orgs:
                for year in years:
                    name = f"c-{gi}-{org.pk}-{year}"
                    if name not in request.POST:
                        continue
                    try:
                        amount = casegrid.parse_amount(request.POST[name])
                    except ValueError as error:
                        errors[(*key, org.pk, year)] = str(error)
                        continue
                    full = (*key, org.pk, year)
                    if full in wanted and amount is not None:
                        errors[full] = _("Linjen findes allerede ovenfor.")
                    elif full not in wanted or amount is not None:
                        wanted[full] = amount
        if not errors:
            try:
                counts = casegrid.apply(case, wanted, user=request.user, estimate=estimate)
            except casegrid.GridError as error:
                errors = error.errors
            else:
                return self.done(request, initiative, counts, estimate)
        # errors of a new group are shown in its own table
        shown = {}
        new_keys = {key: gi for gi, key in keys[len(groups):]}
        for k, v in errors.items():
            if k[0] != "new" and k[:3] in new_keys:
                shown[("new", new_keys[k[:3]], k[3], k[4])] = v
            else:
                shown[k] = v
        return self.render(request, initiative, case, values=values, errors=shown, status=400, estimate=estimate)

    def done(self, request, initiative, counts, estimate="likely"):
        messages.success(request, _("Business casen er gemt: %(created)s nye, %(changed)s ændrede og %(deleted)s "
                                    "slettede beløb.") % counts)
        url = reverse("initiatives:case_grid", args=[initiative.pk])
        return redirect(url if estimate == "likely" else f"{url}?estimat={casegrid.ESTIMATES[estimate]}")
