"""Formation pages: thin views over `formation.services`. Not visible → 404, not writable → 403."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from digisam.collaborations.models import Collaboration, OrganisationForm, Purpose
from digisam.core import permissions
from digisam.engines import formation as advisor
from digisam.initiatives.models import Gate
from digisam.organisations.models import Organisation

from . import forms, services
from .models import Formation, JoiningEstimate, MemberDecision

PURPOSE_LABELS = dict(Purpose.choices)
FORM_LABELS = dict(OrganisationForm.choices)


def _errors_to_form(form, error: ValidationError):
    if hasattr(error, "error_dict"):
        for field, errs in error.error_dict.items():
            for e in errs:
                form.add_error(field if field in form.fields else None, e.messages)
    else:
        form.add_error(None, error.messages)


def _initiators(user):
    access = permissions.access_for(user)
    if access.is_admin:
        return Organisation.objects.filter(kind="municipality").order_by("name")
    return Organisation.objects.filter(pk__in=access.coordinator_organisations).order_by("name")


def advice_context(answers, chosen_form):
    """The advisor's fitting combinations for `answers` (with existing collaborations of each kind) and the
    contradictions of `chosen_form`."""
    recommendation = advisor.advise(answers)
    combos = [{
        "purpose": c.purpose, "form": c.form, "purpose_label": PURPOSE_LABELS.get(c.purpose, c.purpose),
        "form_label": FORM_LABELS.get(c.form, c.form), "score": c.score, "recommended": c.recommended,
        "potential": c.potential, "strengths": c.strengths, "challenges": c.challenges,
        "existing": services.existing_of_kind(c.purpose, c.form),
    } for c in recommendation.combinations]
    return {
        "combinations": combos,
        "contradictions": advisor.contradictions(answers, chosen_form) if chosen_form else [],
        "excluded": recommendation.excluded,
    }


class HomeView(LoginRequiredMixin, View):
    """Collaborations in formation the user may read, and the way into the advisor."""

    def get(self, request):
        formations = permissions.restrict(Formation.objects.select_related("collaboration"), request.user)
        return render(request, "formation/home.html", {
            "formations": formations.order_by("-created"),
            "may_start": _initiators(request.user).exists(),
        })


class AdvisorView(LoginRequiredMixin, View):
    """The model advisor: answers → fitting combinations, contradictions, and the start form."""

    def get(self, request):
        form = forms.AdvisorForm(request.GET or None)
        context = {"form": form, "may_start": _initiators(request.user).exists()}
        if request.GET and form.is_valid():
            answers = services.answers_from(form.cleaned_data)
            context.update(advice_context(answers, form.cleaned_data.get("form")))
            initial = {**form.cleaned_data, "needs": form.cleaned_data["needs"]}
            if context["combinations"]:
                initial.setdefault("purpose", context["combinations"][0]["purpose"])
                if not form.cleaned_data.get("form"):
                    initial["form"] = context["combinations"][0]["form"]
            context["start_form"] = forms.StartForm(initial=initial, initiators=_initiators(request.user))
            context["answered"] = True
        return render(request, "formation/advisor.html", context)


class StartView(LoginRequiredMixin, View):
    """Start a collaboration in formation from the advisor: admins and municipal coordinators (for their own
    municipality). A POST creates the collaboration, memberships, pending decisions and the process."""

    def post(self, request):
        initiators = _initiators(request.user)
        if not initiators.exists():
            raise PermissionDenied
        form = forms.StartForm(request.POST, initiators=initiators)
        if form.is_valid():
            data = form.cleaned_data
            answers = services.answers_from(data)
            try:
                formation = services.start(services.Start(
                    name=data["name"], initiator=data["initiator"], invitees=list(data["invitees"]), answers=answers,
                    purpose=data["purpose"], form=data["form"], rationale=data["rationale"],
                    description=data["description"], rule=data["rule"], minimum_members=data["minimum_members"],
                ), user=request.user)
            except ValidationError as error:
                _errors_to_form(form, error)
            else:
                messages.success(request, _("Etableringsforløbet er oprettet."))
                return redirect(formation.get_absolute_url())
        context = {"form": forms.AdvisorForm(request.POST), "start_form": form, "answered": True,
                   "may_start": True}
        if form.is_valid() or all(k in form.cleaned_data for k in ("members",)):
            context.update(advice_context(services.answers_from(form.cleaned_data), form.cleaned_data.get("form")))
        return render(request, "formation/advisor.html", context, status=400)


def readable(request, queryset, pk):
    """The object if the user may read it (filtered by pk first: a policy may restrict with a union)."""
    obj = permissions.restrict(queryset.filter(pk=pk), request.user).first()
    if obj is None:
        raise Http404
    return obj


def readable_formation(request, slug) -> Formation:
    """The formation of the collaboration `slug` if the user may read it (`FormationPolicy`), else 404."""
    formation = get_object_or_404(Formation.objects.select_related("collaboration", "process", "initiator"),
                                  collaboration__slug=slug)
    if not permissions.allows(request.user, permissions.VIEW, formation):
        raise Http404
    return formation


def detail_context(request, formation, **extra):
    """The context of the formation page, with what the user may change there."""
    user = request.user
    decisions = []
    for d in formation.decisions.select_related("organisation"):
        decisions.append({"obj": d, "may_change": permissions.allows(user, permissions.CHANGE, d)
                          and not formation.established_on,
                          "form": forms.DecisionForm(prefix=f"d{d.pk}")})
    process = formation.process
    gates = list(process.gates.all()) if process else []
    may_manage = permissions.allows(user, permissions.CHANGE, formation)
    return {
        "formation": formation, "collaboration": formation.collaboration, "process": process,
        "phases": process.phases if process else [], "gates": gates, "decisions": decisions,
        "may_manage": may_manage, "gate_form": forms.GateForm(), "rule_text": services.rule_text(formation),
        "decision_phase": services.DECISION_PHASE, "rescopings": formation.rescopings.all(),
        "rescope_form": forms.RescopeForm(formation=formation),
        "may_rescope": may_manage and not formation.established_on and process is not None and (
            process.lifecycle == "stopped" or formation.decisions.filter(decision="no").exists()),
        "purpose_label": PURPOSE_LABELS.get(formation.purpose), "form_label": FORM_LABELS.get(formation.form),
        "needs": [label for value, label in forms.NEEDS if value in formation.answers.get("needs", [])],
        **extra,
    }


class DetailView(LoginRequiredMixin, View):
    """The establishment process: phases and gates, each municipality's decision, the rationale."""

    def get(self, request, slug):
        formation = readable_formation(request, slug)
        return render(request, "formation/detail.html", detail_context(request, formation))


class DecisionView(LoginRequiredMixin, View):
    """Record a municipality's decision: its coordinator, or the secretariat for any member
    (`MemberDecisionPolicy`). A POST saves the decision (a no withdraws the application)."""

    def post(self, request, pk):
        decision = readable(request, MemberDecision.objects.select_related("formation__collaboration"), pk)
        if not permissions.allows(request.user, permissions.CHANGE, decision):
            raise PermissionDenied
        form = forms.DecisionForm(request.POST, prefix=f"d{decision.pk}")
        if form.is_valid():
            try:
                services.record_decision(decision, user=request.user, choice=form.cleaned_data["decision"],
                                         decided_on=form.cleaned_data["decided_on"], body=form.cleaned_data["body"],
                                         note=form.cleaned_data["note"])
            except ValidationError as error:
                _errors_to_form(form, error)
            else:
                messages.success(request, _("Beslutningen er registreret."))
                return redirect(decision.formation.get_absolute_url())
        formation = decision.formation
        context = detail_context(request, formation)
        for row in context["decisions"]:
            if row["obj"].pk == decision.pk:
                row["form"] = form
        return render(request, "formation/detail.html", context, status=400)


class GateView(LoginRequiredMixin, View):
    """Decide a gate of the establishment process: the collaboration's secretariat (`InitiativePartPolicy`).
    A POST records GO (next phase) or no-GO (the process stops)."""

    def post(self, request, pk):
        gate = readable(request, Gate.objects.select_related("initiative"), pk)
        formation = Formation.objects.filter(process_id=gate.initiative_id).select_related("collaboration").first()
        if formation is None:
            raise Http404
        if not permissions.allows(request.user, permissions.CHANGE, gate):
            raise PermissionDenied
        form = forms.GateForm(request.POST)
        if form.is_valid():
            try:
                services.decide_gate(gate, user=request.user, outcome=form.cleaned_data["outcome"],
                                     conditions=form.cleaned_data["conditions"])
            except ValidationError as error:
                _errors_to_form(form, error)
            else:
                messages.success(request, _("Beslutningspunktet er afgjort."))
                return redirect(formation.get_absolute_url())
        return render(request, "formation/detail.html", detail_context(request, formation, gate_form=form),
                      status=400)


def readable_collaboration(request, slug) -> Collaboration:
    """The collaboration `slug` if the user may read it, else 404."""
    return get_object_or_404(permissions.restrict(Collaboration.objects.all(), request.user), slug=slug)


def _coordinated(user, exclude_collaboration=None, members_only=False):
    access = permissions.access_for(user)
    qs = Organisation.objects.filter(kind="municipality") if access.is_admin else Organisation.objects.filter(
        pk__in=access.coordinator_organisations)
    if exclude_collaboration is not None:
        qs = qs.exclude(memberships__collaboration=exclude_collaboration)
    return qs.order_by("name")


class JoiningView(LoginRequiredMixin, View):
    """'What would joining mean for us?' for a municipality outside the collaboration: its fee from
    a join date, how its portfolio overlaps the members' (counts only), the initiatives it could opt
    into, and the application."""

    def get(self, request, slug):
        import datetime

        collaboration = readable_collaboration(request, slug)
        organisations = _coordinated(request.user, exclude_collaboration=collaboration)
        if not organisations.exists():
            raise PermissionDenied
        today = datetime.date.today()
        initial = {"organisation": organisations.first(), "join_on": datetime.date(today.year + 1, 1, 1)}
        data = request.GET.copy() if request.GET else None
        if data is not None and "join_on" not in data:  # back from the tender estimate's job page
            data["join_on"] = initial["join_on"].isoformat()
        form = forms.JoinDateForm(data, initial=initial, organisations=organisations)
        if request.GET and form.is_valid():
            organisation, join_on = form.cleaned_data["organisation"], form.cleaned_data["join_on"]
        elif request.GET:
            return render(request, "formation/joining.html", {"collaboration": collaboration, "form": form},
                          status=400)
        else:
            organisation, join_on = initial["organisation"], initial["join_on"]
        context = {"collaboration": collaboration, "form": form, "organisation": organisation, "join_on": join_on,
                   **joining_context(request, collaboration, organisation, join_on)}
        if request.GET.get("format") == "pdf":
            from . import documents

            return documents.pdf_response(documents.joining_pdf(context), f"medlemskab-{collaboration.slug}.pdf")
        return render(request, "formation/joining.html", context)


def joining_context(request, collaboration, organisation, join_on):
    """The joining page's figures for `organisation` joining `collaboration` on `join_on`."""
    from . import estimates

    terms = services.exit_terms(collaboration)
    estimate = estimates.latest(collaboration, organisation, request.user)
    return {
        "tender_basis": estimates.preview(collaboration, organisation), "estimate": estimate,
        "estimate_rows": estimates.display_rows(estimate),
        "may_see_plan": bool(estimate and estimate.plan_run and permissions.allows(
            request.user, permissions.VIEW, estimate.plan_run)),
        "may_estimate": permissions.allows(request.user, permissions.ADD, JoiningEstimate(
            collaboration=collaboration, organisation=organisation)),
        "fee": services.joining_fee(collaboration, organisation, join_on),
        "overlap": services.portfolio_overlap(collaboration, organisation, join_on),
        "initiatives": services.open_initiatives(collaboration, request.user, join_on),
        "terms": terms, "rules": collaboration.decision_rules.select_related("body"),
        "may_apply": collaboration.open_to_newcomers,
    }


class EstimateView(LoginRequiredMixin, View):
    """Start the planner scenario with the municipality added (a background job); the job page
    shows its progress and returns to the joining page with the result."""

    def post(self, request, slug):
        from . import estimates

        collaboration = readable_collaboration(request, slug)
        organisation = _coordinated(request.user, exclude_collaboration=collaboration).filter(
            pk=request.POST.get("organisation") or 0).first()
        if organisation is None:
            raise PermissionDenied
        try:
            estimate = estimates.start_estimate(collaboration, organisation, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(reverse("formation:joining", args=[slug]) + f"?organisation={organisation.pk}")
        messages.success(request, _("Udbudsscenariet er startet."))
        return redirect("job-detail", estimate.job_id)


class ApplyView(LoginRequiredMixin, View):
    """Apply for membership: the coordinator of a municipality outside the collaboration (or an admin).
    A POST saves an applicant membership for the secretariat to approve."""

    def post(self, request, slug):
        collaboration = readable_collaboration(request, slug)
        organisation = _coordinated(request.user, exclude_collaboration=collaboration).filter(
            pk=request.POST.get("organisation") or 0).first()
        if organisation is None:
            raise PermissionDenied
        try:
            services.apply_for_membership(collaboration, organisation, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("formation:joining", slug)
        messages.success(request, _("Ansøgningen er sendt til sekretariatet."))
        return redirect(collaboration.get_absolute_url())


class LeaveView(LoginRequiredMixin, View):
    """Leaving: the exit terms, notice for a member, and the members that gave notice or left."""

    def members(self, request, collaboration):
        access = permissions.access_for(request.user)
        qs = collaboration.memberships.filter(status="active").select_related("organisation")
        if not (access.is_admin or collaboration.pk in access.secretariat_collaborations):
            qs = qs.filter(organisation_id__in=access.coordinator_organisations)
        return Organisation.objects.filter(pk__in=qs.values("organisation_id")).order_by("name")

    def context(self, request, collaboration, form=None):
        from .models import Withdrawal

        withdrawals = permissions.restrict(Withdrawal.objects.filter(membership__collaboration=collaboration)
                                           .select_related("membership__organisation"), request.user)
        members = self.members(request, collaboration)
        return {"collaboration": collaboration, "terms": services.exit_terms(collaboration),
                "withdrawals": withdrawals,
                "left": collaboration.memberships.filter(left_on__isnull=False).select_related("organisation"),
                "form": form or forms.NoticeForm(organisations=members), "may_notice": members.exists()}

    def get(self, request, slug):
        collaboration = readable_collaboration(request, slug)
        return render(request, "formation/leave.html", self.context(request, collaboration))

    def post(self, request, slug):
        collaboration = readable_collaboration(request, slug)
        form = forms.NoticeForm(request.POST, organisations=self.members(request, collaboration))
        if not self.members(request, collaboration).exists():
            raise PermissionDenied
        if form.is_valid():
            membership = collaboration.memberships.get(organisation=form.cleaned_data["organisation"])
            try:
                withdrawal = services.give_notice(membership, user=request.user,
                                                  notice_given_on=form.cleaned_data["notice_given_on"],
                                                  reason=form.cleaned_data["reason"])
            except ValidationError as error:
                _errors_to_form(form, error)
            else:
                messages.success(request, _("Opsigelsen er registreret: udtræden %(d)s.") % {
                    "d": withdrawal.exit_on.strftime("%d.%m.%Y")})
                return redirect("formation:leave", slug)
        return render(request, "formation/leave.html", self.context(request, collaboration, form), status=400)


class ProposalView(LoginRequiredMixin, View):
    """The decision proposal (beslutningsoplæg) with the founding text, as DOCX or PDF — or the list
    of what is missing."""

    def get(self, request, slug):
        from . import documents

        collaboration = readable_collaboration_or_formation(request, slug)
        formation = Formation.objects.filter(collaboration=collaboration).first()
        missing = documents.proposal_missing(collaboration, formation)
        fmt = request.GET.get("format")
        if missing or fmt not in ("docx", "pdf"):
            return render(request, "formation/proposal.html", {"collaboration": collaboration, "missing": missing},
                          status=400 if (missing and fmt) else 200)
        lines = documents.proposal_lines(collaboration, formation)
        if fmt == "pdf":
            return documents.pdf_response(documents.write_pdf(lines), f"beslutningsoplaeg-{slug}.pdf")
        from django.http import HttpResponse

        response = HttpResponse(documents.write_docx(lines), content_type=(
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"))
        response["Content-Disposition"] = f'attachment; filename="beslutningsoplaeg-{slug}.docx"'
        return response


def readable_collaboration_or_formation(request, slug) -> Collaboration:
    """A collaboration the user reads, or one in formation the user was invited to decide on."""
    collaboration = permissions.restrict(Collaboration.objects.filter(slug=slug), request.user).first()
    if collaboration is None:
        return readable_formation(request, slug).collaboration
    return collaboration


class CourseView(LoginRequiredMixin, View):
    """Changing course: the collaboration's recorded changes (before and after), and for the
    secretariat the form to record a new one."""

    def context(self, request, collaboration, form=None, choice_forms=None):
        from .models import CourseChange

        choice_forms = choice_forms or {}
        may_change = permissions.allows(request.user, permissions.CHANGE, collaboration)
        changes = list(permissions.restrict(CourseChange.objects.filter(collaboration=collaboration), request.user))
        members = services.course_members(collaboration, request.user)
        initiatives = services.running_initiatives(collaboration).filter(kind="voluntary")
        for change in changes:
            change.choice_rows = permissions.restrict(change.choices.select_related("initiative", "organisation"),
                                                      request.user)
            change.strategy_rows = permissions.restrict(change.strategies.select_related("organisation"),
                                                        request.user)
            change.may_choose = change.new_participation == "opt_in" and members.exists() and initiatives.exists()
            change.may_note_strategy = members.exists()
            change.choice_form = choice_forms.get(("choice", change.pk)) or forms.CourseChoiceForm(
                prefix=f"c{change.pk}", organisations=members, initiatives=initiatives)
            change.strategy_form = choice_forms.get(("strategy", change.pk)) or forms.OwnStrategyForm(
                prefix=f"s{change.pk}", organisations=members, initial={"own_from": change.effective_from})
        return {"collaboration": collaboration, "may_change": may_change, "changes": changes,
                "participation": services.current_participation(collaboration),
                "form": form or forms.CourseChangeForm(collaboration=collaboration, initial={
                    "new_form": collaboration.organisation_form})}

    def get(self, request, slug):
        collaboration = readable_collaboration(request, slug)
        return render(request, "formation/course.html", self.context(request, collaboration))

    def post(self, request, slug):
        collaboration = readable_collaboration(request, slug)
        if not permissions.allows(request.user, permissions.CHANGE, collaboration):
            raise PermissionDenied
        form = forms.CourseChangeForm(request.POST, collaboration=collaboration)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.change_course(collaboration, user=request.user, decided_on=data["decided_on"],
                                       effective_from=data["effective_from"], new_form=data["new_form"],
                                       new_participation=data["new_participation"], end_bodies=list(data["end_bodies"]),
                                       reason=data["reason"])
            except ValidationError as error:
                _errors_to_form(form, error)
            else:
                messages.success(request, _("Kursskiftet er registreret."))
                return redirect("formation:course", slug)
        return render(request, "formation/course.html", self.context(request, collaboration, form), status=400)


class CourseChoiceView(LoginRequiredMixin, View):
    """A member keeps or leaves a running initiative after a change of course (kind "choice"), or
    records when it has its own strategy (kind "strategy")."""

    kind = "choice"

    def post(self, request, slug, pk):
        from .models import CourseChange

        collaboration = readable_collaboration(request, slug)
        change = get_object_or_404(CourseChange, pk=pk, collaboration=collaboration)
        members = services.course_members(collaboration, request.user)
        if not members.exists():
            raise PermissionDenied
        if self.kind == "choice":
            form = forms.CourseChoiceForm(request.POST, prefix=f"c{change.pk}", organisations=members,
                                          initiatives=services.running_initiatives(collaboration).filter(
                                              kind="voluntary"))
        else:
            form = forms.OwnStrategyForm(request.POST, prefix=f"s{change.pk}", organisations=members)
        if form.is_valid():
            data = form.cleaned_data
            try:
                if self.kind == "choice":
                    services.record_course_choice(change, organisation=data["organisation"],
                                                  initiative=data["initiative"], choice=data["choice"],
                                                  reason=data["reason"], user=request.user)
                else:
                    services.record_own_strategy(change, organisation=data["organisation"], own_from=data["own_from"],
                                                 note=data["note"], user=request.user)
            except ValidationError as error:
                _errors_to_form(form, error)
            else:
                messages.success(request, _("Valget er registreret."))
                return redirect("formation:course", slug)
        return render(request, "formation/course.html", CourseView().context(
            request, collaboration, choice_forms={(self.kind, change.pk): form}), status=400)


class DeliveryView(LoginRequiredMixin, View):
    """'Does it deliver?': the directors' page per collaboration and its yearly PDF."""

    def get(self, request, slug):
        import datetime

        collaboration = readable_collaboration(request, slug)
        try:
            year = int(request.GET.get("aar") or datetime.date.today().year)
        except ValueError:
            year = datetime.date.today().year
        data = services.delivery(collaboration, request.user, year)
        if request.GET.get("format") == "pdf":
            from . import documents

            return documents.pdf_response(documents.write_pdf(documents.delivery_lines(collaboration, data)),
                                          f"leverer-{slug}-{year}.pdf")
        return render(request, "formation/delivery.html", {"collaboration": collaboration, **data})


class RescopeView(LoginRequiredMixin, View):
    """Put a no-GO to a new decision with a rescoped proposal: who manages the formation (its secretariat
    or the initiator's coordinator). A POST withdraws removed municipalities and reopens the process."""

    def post(self, request, slug):
        formation = readable_formation(request, slug)
        if not permissions.allows(request.user, permissions.CHANGE, formation):
            raise PermissionDenied
        form = forms.RescopeForm(request.POST, formation=formation)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.rescope(formation, user=request.user, remove=list(data["remove"]), scope=data["scope"],
                                 start_on=data["start_on"], reason=data["reason"])
            except ValidationError as error:
                _errors_to_form(form, error)
            else:
                messages.success(request, _("Det nye forslag er lagt op til beslutning."))
                return redirect(formation.get_absolute_url())
        return render(request, "formation/detail.html", detail_context(request, formation, rescope_form=form),
                      status=400)
