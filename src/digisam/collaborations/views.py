import datetime

from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views import View

from digisam.core import archive as archiving
from digisam.core import exports, permissions
from digisam.core.models import AuditEntry
from digisam.core.views import ObjectDeleteView, ObjectEditView, audit_log_response
from digisam.organisations.models import Organisation

from .forms import BodyForm, CollaborationForm, DecisionRuleForm, DocumentForm, MembershipForm, SeatForm
from .models import (
    DECIDING_BODY_KINDS,
    Body,
    Collaboration,
    CollaborationDocument,
    DecisionRule,
    Membership,
    MembershipStatus,
    Seat,
)


def visible_collaboration(request, slug):
    """The collaboration with this slug if the user may read it (members, secretariat and observers of it, or
    signed in when it is published), else 404."""
    return get_object_or_404(permissions.restrict(Collaboration.objects.all(), request.user), slug=slug)


class CollaborationListView(LoginRequiredMixin, View):
    """The collaborations the user may read, with their number of active members, searchable by name and
    exportable as CSV/XLSX; every signed-in user (published ones at least)."""

    def get(self, request):
        collaborations = archiving.filter_list(
            permissions.restrict(Collaboration.objects.all(), request.user).order_by("name"), request)
        q = request.GET.get("q", "").strip()
        if q:
            collaborations = collaborations.filter(name__icontains=q)
        rows = []
        for c in collaborations.prefetch_related("memberships"):
            active = [m for m in c.memberships.all() if m.status == MembershipStatus.ACTIVE]
            rows.append({"collaboration": c, "members": len(active)})
        fmt = request.GET.get("format")
        if fmt in ("csv", "xlsx"):
            return exports.table_response(
                fmt, "samarbejder", ["navn", "kortnavn", "formål", "samarbejdsform", "stiftet", "aktive medlemmer"],
                ([r["collaboration"].name, r["collaboration"].slug, r["collaboration"].get_purposes_display(),
                  r["collaboration"].get_organisation_form_display(),
                  r["collaboration"].founded.isoformat() if r["collaboration"].founded else "", r["members"]]
                 for r in rows),
            )
        return render(request, "collaborations/collaboration_list.html",
                      {"rows": rows, "q": q, "can_add": permissions.access_for(request.user).is_admin})


class CollaborationDetailView(LoginRequiredMixin, View):
    """A collaboration's page: members, bodies and seats, decision rules, documents, membership timeline
    and the other apps' sections; for those who may read the collaboration."""

    def get(self, request, slug):
        collaboration = visible_collaboration(request, slug)
        today = datetime.date.today()
        memberships = list(collaboration.memberships.select_related("organisation").order_by("status", "organisation__name"))
        codes = {m.organisation.code: m.organisation for m in memberships if m.organisation.code}
        bodies = []
        for body in archiving.filter_list(collaboration.bodies.all(), request).select_related("member_organisation", "reports_to").prefetch_related("seats__organisation"):
            chair_now = body.chair_organisation_code(today)
            chair_next = body.chair_organisation_code(today, offset=1)
            seats = [s for s in body.seats.all() if (not s.start or s.start <= today) and (not s.end or s.end >= today)]
            bodies.append({
                "body": body,
                "seats": seats,
                "chair_now": codes.get(chair_now, chair_now),
                "chair_next": codes.get(chair_next, chair_next),
                "next_rotation": body.next_rotation_date(today),
            })
        timeline = []
        for m in memberships:
            if m.applied_on:
                timeline.append((m.applied_on, m.organisation, "applied"))
            if m.joined_on:
                timeline.append((m.joined_on, m.organisation, "joined"))
            if m.left_on:
                timeline.append((m.left_on, m.organisation, "left"))
        timeline.sort(key=lambda t: (t[0], t[1].name))
        can_manage = permissions.allows(request.user, permissions.CHANGE, collaboration)
        member_org_ids = {m.organisation_id for m in memberships}
        access = permissions.access_for(request.user)
        can_apply_for = []
        if collaboration.open_to_newcomers:
            can_apply_for = list(Organisation.objects.filter(pk__in=access.coordinator_organisations)
                                 .exclude(pk__in=member_org_ids))
        sections = []
        from django.apps import apps

        for app in apps.get_app_configs():
            hook = getattr(app, "collaboration_section", None)
            if hook:
                section = hook(request, collaboration)
                if section:
                    sections.append(section)
        rules = list(collaboration.decision_rules.select_related("body", "escalation_body"))
        ruled = {r.body_id for r in rules}
        proposed_to = set(collaboration.bodies.filter(proposals__isnull=False).values_list("pk", flat=True))
        return render(request, "collaborations/collaboration_detail.html", {
            "collaboration": collaboration,
            # a body that decides (by its kind, or because something was put to it) without any decision
            # rule cannot decide anything — a vote there is refused: say so here
            "bodies_without_rule": [b["body"] for b in bodies if b["body"].pk not in ruled
                                    and b["body"].archived_at is None
                                    and (b["body"].kind in DECIDING_BODY_KINDS or b["body"].pk in proposed_to)],
            "memberships": memberships,
            "bodies": bodies,
            "rules": rules,
            "documents": collaboration.documents.all(),
            "timeline": timeline,
            "can_manage": can_manage,
            "today": today,
            "sections": sections,
            "can_apply_for": can_apply_for,
        })


class CollaborationAuditView(LoginRequiredMixin, View):
    """The audit log filed under a collaboration, narrowed to the entries the user may read
    (AuditEntryPolicy); for those who may read the collaboration."""

    def get(self, request, slug):
        collaboration = visible_collaboration(request, slug)
        return audit_log_response(
            request, AuditEntry.objects.filter(collaboration=collaboration),
            title=f"Revisionslog: {collaboration}", filename=f"revisionslog-{collaboration.slug}",
        )


class CollaborationCreateView(ObjectEditView):
    """Create a collaboration; platform admins only. POST saves it through the audited service."""

    model = Collaboration
    form_class = CollaborationForm

    def get_cancel_url(self, obj):
        return reverse("collaborations:list")


class CollaborationEditView(ObjectEditView):
    """Edit a collaboration's description and settings; its secretariat and platform admins. POST saves it
    through the audited service."""

    model = Collaboration
    form_class = CollaborationForm
    lookup_field = "slug"
    lookup_kwarg = "slug"


class PartMixin:
    """Edit views for objects inside a collaboration (/samarbejder/<slug>/…)."""

    form_needs_collaboration = True

    @property
    def collaboration(self):
        if not hasattr(self, "_collaboration"):
            self._collaboration = visible_collaboration(self.request, self.kwargs["slug"])
        return self._collaboration

    def get_object(self):
        obj = super().get_object()
        if obj is not None and permissions.policy_for(obj).collaboration_id(obj) != self.collaboration.pk:
            from django.http import Http404

            raise Http404
        return obj

    def new_object(self):
        return self.model(collaboration=self.collaboration)

    def get_form_kwargs(self, obj):
        kwargs = super().get_form_kwargs(obj)
        if self.form_needs_collaboration:
            kwargs["collaboration"] = self.collaboration
        return kwargs

    def get_success_url(self, obj):
        return self.collaboration.get_absolute_url()

    def get_cancel_url(self, obj):
        return self.collaboration.get_absolute_url()


class MembershipEditView(PartMixin, ObjectEditView):
    """Add or edit a membership of the collaboration; its secretariat and platform admins (a coordinator
    may add its own organisation as an applicant to an open one). POST saves through the audited service."""

    model = Membership
    form_class = MembershipForm
    form_needs_collaboration = False


class BodyEditView(PartMixin, ObjectEditView):
    """Add or edit a body (board, steering group, …) of the collaboration; its secretariat and platform
    admins. POST saves it through the audited service."""

    model = Body
    form_class = BodyForm


class DecisionRuleEditView(PartMixin, ObjectEditView):
    """Add or edit a decision rule of the collaboration; its secretariat and platform admins. POST saves it
    through the audited service."""

    model = DecisionRule
    form_class = DecisionRuleForm

    def new_object(self):
        """?organ=<pk> (the collaboration page's "add a rule" link of a body without one) preselects it."""
        rule = super().new_object()
        body_id = self.request.GET.get("organ", "")
        if body_id.isdigit():
            rule.body = Body.objects.filter(pk=int(body_id), collaboration=self.collaboration).first()
        return rule


class DocumentEditView(PartMixin, ObjectEditView):
    """Add or edit a document of the collaboration (upload or link); its secretariat and platform admins.
    POST saves it through the audited service."""

    model = CollaborationDocument
    form_class = DocumentForm
    form_needs_collaboration = False


class SeatEditView(PartMixin, ObjectEditView):
    """Add or edit a seat in one of the collaboration's bodies; its secretariat and platform admins. POST
    saves it through the audited service."""

    model = Seat
    form_class = SeatForm

    def new_object(self):
        body = get_object_or_404(Body, pk=self.kwargs["body"], collaboration=self.collaboration)
        return Seat(body=body)


class PartDeleteView(ObjectDeleteView):
    """Delete an object inside the collaboration named in the URL (404 if it belongs to another); whoever
    its policy lets delete it. POST deletes it through the audited service."""

    def get_success_url(self, obj):
        return reverse("collaborations:detail", args=[self.kwargs["slug"]])

    def get_object(self):
        obj = super().get_object()
        collaboration = visible_collaboration(self.request, self.kwargs["slug"])
        if permissions.policy_for(obj).collaboration_id(obj) != collaboration.pk:
            from django.http import Http404

            raise Http404
        return obj


def part_delete(model):
    """The delete view of one model inside a collaboration (a PartDeleteView subclass, for urls.py)."""
    return type(f"{model.__name__}DeleteView", (PartDeleteView,), {"model": model}).as_view()


class DocumentDownloadView(LoginRequiredMixin, View):
    """Uploaded documents are served only to those who may read the collaboration — never as public media."""

    def get(self, request, slug, pk):
        from django.http import FileResponse, Http404

        collaboration = visible_collaboration(request, slug)
        document = get_object_or_404(
            permissions.restrict(CollaborationDocument.objects.filter(collaboration=collaboration), request.user), pk=pk
        )
        if not document.file:
            raise Http404
        return FileResponse(document.file.open("rb"), as_attachment=True, filename=document.file.name.rsplit("/", 1)[-1])


class MembershipTransitionView(LoginRequiredMixin, View):
    """Status changes of a membership: approve an applicant, activate an approved member, register
    a leave. Each asks first (GET): activating and leaving ask for the date and name the
    consequence — who joins or leaves when, and what it does to the fee shares of the economy
    year (from the apps' ``membership_consequences`` hooks). Only a POST with ``confirmed=yes``
    changes the membership."""

    TRANSITIONS = {
        "approve": (MembershipStatus.APPLICANT, MembershipStatus.APPROVED),
        "activate": (MembershipStatus.APPROVED, MembershipStatus.ACTIVE),
        "leave": (MembershipStatus.ACTIVE, MembershipStatus.LEFT),
    }
    DATED = ("activate", "leave")

    def _membership(self, request, slug, pk, transition):
        from django.core.exceptions import PermissionDenied
        from django.http import Http404

        collaboration = visible_collaboration(request, slug)
        membership = get_object_or_404(collaboration.memberships.select_related("organisation"), pk=pk)
        if transition not in self.TRANSITIONS:
            raise Http404
        if not permissions.allows(request.user, permissions.CHANGE, membership):
            raise PermissionDenied
        return collaboration, membership

    def _confirm(self, request, collaboration, membership, transition, data, status=200):
        from django.apps import apps
        from django.utils.formats import date_format
        from django.utils.translation import gettext as _

        from digisam.core import confirm

        from .forms import TransitionDateForm

        form = TransitionDateForm(data) if transition in self.DATED else None
        on = form.cleaned_data["date"] if form is not None and form.is_valid() else None
        org = membership.organisation
        if transition == "approve":
            title = _("Godkend %(org)s som medlem?") % {"org": org}
            lines = [_("%(org)s bliver godkendt og kan derefter aktiveres som medlem af %(collaboration)s.") % {
                "org": org, "collaboration": collaboration}]
            label = _("Godkend")
        elif transition == "activate":
            title = _("Aktivér %(org)s som medlem?") % {"org": org}
            lines = [_("%(org)s bliver aktivt medlem fra %(date)s og stemmer, betaler og deler data derefter.") % {
                "org": org, "date": date_format(on, "DATE_FORMAT")}] if on else []
            label = _("Aktivér medlemskabet")
        else:
            title = _("Registrér udtræden for %(org)s?") % {"org": org}
            lines = [_("%(org)s træder ud af %(collaboration)s den %(date)s og mister derefter sin stemme og "
                       "adgangen til samarbejdets data.") % {
                "org": org, "collaboration": collaboration, "date": date_format(on, "DATE_FORMAT")}] if on else []
            label = _("Registrér udtræden")
        if on or transition == "approve":
            for config in apps.get_app_configs():
                hook = getattr(config, "membership_consequences", None)
                if hook:
                    lines += hook(membership, self.TRANSITIONS[transition][1], on) or []
        return confirm.confirmation(
            request, title=title, consequences=lines, action_label=label,
            cancel_url=collaboration.get_absolute_url(), form=form,
            hidden=[("date", on.isoformat())] if on else [], status=status)

    def get(self, request, slug, pk, transition):
        import datetime

        from django.http import HttpResponseNotAllowed

        if transition not in self.TRANSITIONS:
            # Other paths under the membership (…/slet/) are POST-only routes shadowed here.
            return HttpResponseNotAllowed(["POST"])
        collaboration, membership = self._membership(request, slug, pk, transition)
        data = request.GET if "date" in request.GET else {"date": datetime.date.today().isoformat()}
        return self._confirm(request, collaboration, membership, transition, data)

    def post(self, request, slug, pk, transition):
        import datetime

        from django.contrib import messages
        from django.core.exceptions import ValidationError
        from django.shortcuts import redirect
        from django.utils.translation import gettext as _

        from digisam.core import confirm, services

        from .forms import TransitionDateForm

        collaboration, membership = self._membership(request, slug, pk, transition)
        source, target = self.TRANSITIONS[transition]
        if membership.status != source:
            messages.error(request, _("Medlemskabet har ikke den forventede status."))
            return redirect(collaboration.get_absolute_url())
        on = datetime.date.today()
        if transition in self.DATED:
            form = TransitionDateForm(request.POST)
            if not form.is_valid():
                return self._confirm(request, collaboration, membership, transition, request.POST, status=400)
            on = form.cleaned_data["date"]
        if not confirm.is_confirmed(request):
            return self._confirm(request, collaboration, membership, transition, {"date": on.isoformat()})
        membership.status = target
        if target == MembershipStatus.ACTIVE and not membership.joined_on:
            membership.joined_on = on
        if target == MembershipStatus.LEFT:
            membership.left_on = on
        try:
            services.save(membership, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("%(org)s: %(status)s.") % {"org": membership.organisation,
                                                                  "status": membership.get_status_display()})
        return redirect(collaboration.get_absolute_url())


class MembershipApplyView(LoginRequiredMixin, View):
    """A coordinator applies for membership on behalf of its own organisation."""

    def post(self, request, slug):
        from django.contrib import messages
        from django.core.exceptions import PermissionDenied, ValidationError
        from django.shortcuts import redirect
        from django.utils.translation import gettext as _

        from digisam.core import services

        collaboration = visible_collaboration(request, slug)
        organisation = get_object_or_404(Organisation, pk=request.POST.get("organisation"))
        membership = Membership(collaboration=collaboration, organisation=organisation,
                                status=MembershipStatus.APPLICANT, applied_on=datetime.date.today(),
                                note=request.POST.get("note", "")[:300])
        if not permissions.allows(request.user, permissions.ADD, membership):
            raise PermissionDenied
        try:
            services.save(membership, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Ansøgningen om medlemskab er sendt til sekretariatet."))
        return redirect(collaboration.get_absolute_url())
