"""Thin generic views: parse the request, narrow by policy, call the audited service, render.

Not visible → 404; visible but not writable → 403 (the user learns the object exists only
when they may read it)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.db.models import Q
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views import View

from . import archive as archiving
from . import confirm, exports, permissions, services
from .models import AuditEntry, Channel, Job

INTEGRITY_MESSAGE = _lazy(
    "Der findes allerede et objekt med de samme værdier, eller dataene blev ændret af en anden samtidig; "
    "intet er gemt. Ret værdierne, eller prøv igen."
)


def apply_validation_error(form, error: ValidationError):
    """Put a model ValidationError from the service onto the form, at the field where possible."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


class ObjectEditView(LoginRequiredMixin, View):
    """Create or edit one object through services.save.

    Subclasses set `model`, `form_class`, and implement `new_object()` for creation (building an
    unsaved instance inside its parent, e.g. a collaboration) and `get_object()` for editing."""

    model = None
    form_class = None
    template_name = "core/object_edit.html"
    lookup_field = "pk"
    lookup_kwarg = "pk"

    def get_object(self):
        if self.lookup_kwarg not in self.kwargs:
            return None
        queryset = permissions.restrict(self.model._default_manager.all(), self.request.user)
        obj = get_object_or_404(queryset, **{self.lookup_field: self.kwargs[self.lookup_kwarg]})
        if not permissions.allows(self.request.user, permissions.CHANGE, obj):
            raise PermissionDenied
        return obj

    def new_object(self):
        return self.model()

    def get_form_kwargs(self, obj):
        return {"instance": obj}

    def get_success_url(self, obj):
        return obj.get_absolute_url()

    def get_cancel_url(self, obj):
        return self.get_success_url(obj) if obj.pk else self.request.GET.get("next", "/")

    def get_title(self, obj):
        if obj.pk:
            return _("Redigér %(name)s") % {"name": obj}
        return _("Opret %(kind)s") % {"kind": self.model._meta.verbose_name}

    def _prepare(self):
        obj = self.get_object()
        if obj is None:
            obj = self.new_object()
            if not permissions.allows(self.request.user, permissions.ADD, obj):
                raise PermissionDenied
        return obj

    def render_form(self, form, obj, status=200):
        context = {
            "form": form,
            "object": obj,
            "title": self.get_title(obj),
            "cancel_url": self.get_cancel_url(obj),
            "model_name": self.model._meta.verbose_name,
        }
        return render(self.request, self.template_name, context, status=status)

    def get(self, request, *args, **kwargs):
        obj = self._prepare()
        form = self.form_class(**self.get_form_kwargs(obj))
        archiving.hide_archived_choices(form)
        return self.render_form(form, obj)

    def post(self, request, *args, **kwargs):
        obj = self._prepare()
        form = self.form_class(data=request.POST, files=request.FILES, **self.get_form_kwargs(obj))
        archiving.hide_archived_choices(form)
        if form.is_valid():
            instance = form.save(commit=False)
            m2m = {f.name: form.cleaned_data[f.name] for f in instance._meta.many_to_many if f.name in form.cleaned_data}
            try:
                services.save(instance, user=request.user, channel=Channel.UI, m2m=m2m)
            except ValidationError as error:
                apply_validation_error(form, error)
            except IntegrityError:
                # A unique value taken between validation and save (a concurrent write, or a
                # database constraint the form does not check): the service's transaction was
                # rolled back, nothing is written — say so on the form instead of a 500.
                form.add_error(None, INTEGRITY_MESSAGE)
            else:
                messages.success(request, _("%(name)s er gemt.") % {"name": instance})
                return redirect(self.get_success_url(instance))
        return self.render_form(form, obj, status=400)


class ObjectDeleteView(LoginRequiredMixin, View):
    """Confirm and delete one object through services.delete."""

    model = None
    template_name = "core/object_delete.html"

    def get_object(self):
        queryset = permissions.restrict(self.model._default_manager.all(), self.request.user)
        obj = get_object_or_404(queryset, pk=self.kwargs["pk"])
        if not permissions.allows(self.request.user, permissions.DELETE, obj):
            raise PermissionDenied
        return obj

    def get_success_url(self, obj):
        return "/"

    def get(self, request, *args, **kwargs):
        obj = self.get_object()
        return render(request, self.template_name, {"object": obj, "cancel_url": self.get_success_url(obj)})

    def post(self, request, *args, **kwargs):
        obj = self.get_object()
        url = self.get_success_url(obj)
        try:
            services.delete(obj, user=request.user, channel=Channel.UI)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            if archiving.is_archivable(obj) and not obj.is_archived:
                # What must survive is archived instead: straight to the archive confirmation.
                return redirect(archiving.archive_url(obj))
            return redirect(url)
        except Exception as error:  # noqa: BLE001 - protected relations: tell the user instead of a 500
            from django.db.models import ProtectedError, RestrictedError

            if isinstance(error, ProtectedError | RestrictedError):
                messages.error(request, _("%(name)s kan ikke slettes, fordi andre data henviser til det.") % {"name": obj})
                if archiving.is_archivable(obj) and not obj.is_archived:
                    return redirect(archiving.archive_url(obj))
                return redirect(url)
            raise
        messages.success(request, _("%(name)s er slettet.") % {"name": obj})
        return redirect(url)


class ArchiveView(LoginRequiredMixin, View):
    """Archive (or, with `restore`, un-archive) one record after a confirmation step
    (core.confirm). Whoever may delete the record may archive it; services.archive does the work."""

    restore = False

    def get_object(self):
        from django.contrib.contenttypes.models import ContentType

        content_type = get_object_or_404(ContentType, app_label=self.kwargs["app_label"],
                                         model=self.kwargs["model_name"])
        model = content_type.model_class()
        if model is None or not archiving.is_archivable(model):
            raise Http404
        obj = get_object_or_404(permissions.restrict(model._default_manager.all(), self.request.user),
                                pk=self.kwargs["pk"])
        if not permissions.allows(self.request.user, permissions.DELETE, obj):
            raise PermissionDenied
        return obj

    def _back(self, obj):
        if hasattr(obj, "get_absolute_url"):
            return obj.get_absolute_url()
        parent = getattr(obj, "collaboration", None)
        return parent.get_absolute_url() if parent is not None else "/"

    def _page(self, request, obj, status=200):
        if self.restore:
            title = _("Gendan %(name)s fra arkivet?") % {"name": obj}
            consequences = [obj.archive_label,
                            _("%(name)s kan igen ændres og vises i lister og valgmuligheder.") % {"name": obj},
                            _("Gendannelsen registreres i revisionsloggen.")]
            label = _("Gendan")
        else:
            title = _("Arkivér %(name)s?") % {"name": obj}
            consequences = [_("%(name)s og alt under den bliver skrivebeskyttet; intet slettes.") % {"name": obj},
                            _("Den forsvinder fra lister og valgmuligheder, men kan stadig læses på sin adresse "
                              "og findes med “Vis arkiverede”."),
                            _("Arkiveringen registreres i revisionsloggen og kan gøres om.")]
            label = _("Arkivér")
        return confirm.confirmation(request, title=title, consequences=consequences, action_label=label,
                                    cancel_url=self._back(obj), status=status)

    def get(self, request, **kwargs):
        return self._page(request, self.get_object())

    def post(self, request, **kwargs):
        obj = self.get_object()
        if not confirm.is_confirmed(request):
            return self._page(request, obj, status=400)
        action = services.unarchive if self.restore else services.archive
        try:
            action(obj, user=request.user, channel=Channel.UI)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(self._back(obj))
        if self.restore:
            messages.success(request, _("%(name)s er gendannet fra arkivet.") % {"name": obj})
        else:
            messages.success(request, _("%(name)s er arkiveret.") % {"name": obj})
        return redirect(self._back(obj))


AUDIT_COLUMNS = [
    ("timestamp", "Tidspunkt"),
    ("user_repr", "Bruger"),
    ("action", "Handling"),
    ("channel", "Kanal"),
    ("object_type", "Objekttype"),
    ("object_repr", "Objekt"),
    ("changed", "Ændrede felter"),
    ("before", "Før"),
    ("after", "Efter"),
]


def audit_rows(entries):
    """The audit entries as export rows (one dict per entry, keys as AUDIT_COLUMNS) for the CSV/XLSX
    download of an audit log."""
    import json

    for e in entries:
        yield {
            "timestamp": e.timestamp.strftime("%Y-%m-%d %H:%M:%S"),
            "user_repr": e.user_repr,
            "action": e.get_action_display(),
            "channel": e.get_channel_display(),
            "object_type": str(e.content_type.model_class()._meta.verbose_name) if e.content_type.model_class() else "",
            "object_repr": e.object_repr,
            "changed": ", ".join(e.changed_fields),
            "before": json.dumps(e.before, ensure_ascii=False) if e.before else "",
            "after": json.dumps(e.after, ensure_ascii=False) if e.after else "",
        }


def audit_log_response(request, entries, *, title, filename):
    """Render an audit log page, or export it as CSV/XLSX when ?format= asks for it."""
    entries = permissions.restrict(entries, request.user).select_related("content_type", "user")
    fmt = request.GET.get("format")
    if fmt in ("csv", "xlsx"):
        return exports.table_response(
            fmt, filename, [label for _, label in AUDIT_COLUMNS],
            ([row[key] for key, _ in AUDIT_COLUMNS] for row in audit_rows(entries)),
        )
    return render(request, "core/audit_log.html", {**audit_page(request, entries), "title": title})


def audit_page(request, entries) -> dict:
    """One page (audit.PAGE_SIZE entries) of a log, described for reading: labels, old → new, names."""
    from django.core.paginator import Paginator

    from . import audit

    paginator = Paginator(entries, audit.PAGE_SIZE)
    page = paginator.get_page(request.GET.get("side"))
    query = request.GET.copy()
    query.pop("side", None)
    return {
        "page": page,
        "entries": audit.describe(page.object_list),
        "page_range": list(paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)),
        "page_ellipsis": Paginator.ELLIPSIS,
        "page_query": query.urlencode(),
    }


class AuditLogView(LoginRequiredMixin, View):
    """The platform-wide log (platform admins) — everyone else sees what their policy allows."""

    def get(self, request):
        return audit_log_response(request, AuditEntry.objects.all(), title=_("Revisionslog"), filename="revisionslog")


class ObjectAuditView(LoginRequiredMixin, View):
    """The audit log of one object, for anyone who may read the object."""

    def get(self, request, app_label, model_name, pk):
        from django.contrib.contenttypes.models import ContentType

        content_type = get_object_or_404(ContentType, app_label=app_label, model=model_name)
        model = content_type.model_class()
        if model is None:
            raise Http404
        try:
            policy = permissions.policy_for(model)
        except LookupError:
            raise Http404 from None
        obj = get_object_or_404(policy.restrict(request.user, permissions.VIEW, model._default_manager.all()), pk=pk)
        if not policy.history_visible(request.user, obj):
            raise Http404
        entries = AuditEntry.objects.filter(content_type=content_type, object_id=str(obj.pk))
        # The object is readable, so its whole history is: bypass the per-entry scope here.
        entries = entries.select_related("content_type", "user")
        fmt = request.GET.get("format")
        if fmt in ("csv", "xlsx"):
            return exports.table_response(
                fmt, f"log-{model_name}-{pk}", [label for _, label in AUDIT_COLUMNS],
                ([row[key] for key, _ in AUDIT_COLUMNS] for row in audit_rows(entries)),
            )
        return render(request, "core/audit_log.html", {
            **audit_page(request, entries), "title": _("Historik: %(o)s") % {"o": obj}, "object": obj,
        })


class JobDetailView(LoginRequiredMixin, View):
    """A background job's progress; the page polls itself with htmx until the job is done."""

    def get(self, request, pk):
        job = get_object_or_404(permissions.restrict(Job.objects.all(), request.user), pk=pk)
        template = "core/job_progress.html" if request.headers.get("HX-Request") else "core/job_detail.html"
        response = render(request, template, {"job": job})
        if request.headers.get("HX-Request") and job.done and job.result_url:
            response["HX-Redirect"] = job.result_url
        return response


class JobListView(LoginRequiredMixin, View):
    """The latest 200 background jobs the user may see (JobPolicy: the jobs they started, those of the
    collaborations and organisations they read; platform admins all)."""

    def get(self, request):
        jobs = permissions.restrict(Job.objects.all(), request.user).select_related("created_by", "collaboration")[:200]
        return render(request, "core/job_list.html", {"jobs": jobs})


class DashboardView(LoginRequiredMixin, View):
    """What the signed-in user came for: their collaborations, their organisations, recent changes."""

    def get(self, request):
        from digisam.collaborations.models import Collaboration
        from digisam.organisations.models import Organisation

        access = permissions.access_for(request.user)
        collaborations = permissions.restrict(Collaboration.objects.all(), request.user)
        mine = collaborations.filter(
            Q(pk__in=access.secretariat_collaborations) | Q(pk__in=access.member_collaborations)
        ) if not access.is_admin else collaborations
        organisations = Organisation.objects.filter(pk__in=access.organisations)
        recent = permissions.restrict(AuditEntry.objects.all(), request.user).select_related("content_type")[:15]
        panels = []
        from django.apps import apps

        for app in apps.get_app_configs():
            hook = getattr(app, "dashboard_panel", None)
            if hook:
                panel = hook(request)
                if panel:
                    panels.append(panel)
        return render(
            request,
            "core/dashboard.html",
            {
                "my_collaborations": mine.order_by("name"),
                "other_collaborations": collaborations.exclude(pk__in=mine.values("pk")).order_by("name"),
                "organisations": organisations,
                "recent": recent,
                "access": access,
                "panels": panels,
            },
        )


def health(request):
    """Liveness for load balancers: the process answers (touches neither session nor database)."""
    return HttpResponse("ok", content_type="text/plain")


def health_ready(request):
    """Readiness: 200 when the database, the task queue and the shared cache answer, 503 otherwise.
    Open to anyone, so it says only which part is unavailable, never why (no hosts, no errors)."""
    from . import health as checks

    results = checks.readiness()
    ready = all(state == "ok" for state in results.values())
    response = JsonResponse({"status": "ok" if ready else "unavailable", "checks": results}, status=200 if ready else 503)
    response["Cache-Control"] = "no-store"
    return response
