import datetime

from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Q
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views import View

from digisam.core import exports, permissions
from digisam.core.views import ObjectEditView

from .forms import NewOrganisationForm, OrganisationForm
from .models import Organisation, OrganisationKind, PopulationFigure, population_map

EXPORT_HEADER = ["kode", "navn", "type", "region", "indbyggere", "indbyggere_dato", "cvr"]


class OrganisationListView(LoginRequiredMixin, View):
    """The organisations of one kind (municipalities by default) with population and region, searchable by
    name, code or CVR; every signed-in user."""

    def get(self, request):
        queryset = permissions.restrict(Organisation.objects.all(), request.user)
        kind = request.GET.get("kind", OrganisationKind.MUNICIPALITY)
        if kind in OrganisationKind.values:
            queryset = queryset.filter(kind=kind)
        q = request.GET.get("q", "").strip()
        if q:
            queryset = queryset.filter(Q(name__icontains=q) | Q(code=q) | Q(cvr=q))
        today = datetime.date.today()
        organisations = list(queryset.order_by("code", "name"))
        populations = population_map([o.pk for o in organisations], today)
        regions = _regions_at([o.pk for o in organisations], today)
        rows = [
            {"organisation": o, "population": populations.get(o.pk), "region": regions.get(o.pk)}
            for o in organisations
        ]
        fmt = request.GET.get("format")
        if fmt in ("csv", "xlsx"):
            figures = {
                f.organisation_id: f for f in PopulationFigure.objects.filter(organisation__in=organisations).order_by("-date")
            }
            return exports.table_response(
                fmt, "organisationer", EXPORT_HEADER,
                (
                    [r["organisation"].code or "", r["organisation"].name, r["organisation"].get_kind_display(),
                     str(r["region"] or ""), r["population"] or "",
                     figures[r["organisation"].pk].date.isoformat() if r["organisation"].pk in figures else "",
                     r["organisation"].cvr or ""]
                    for r in rows
                ),
            )
        return render(
            request, "organisations/organisation_list.html",
            {"rows": rows, "kind": kind, "kinds": OrganisationKind.choices, "q": q,
             "can_add": permissions.access_for(request.user).is_admin},
        )


def _regions_at(organisation_ids, on):
    from .models import RegionMembership

    result = {}
    for m in RegionMembership.objects.filter(municipality_id__in=organisation_ids, valid_from__lte=on).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=on)
    ).select_related("region"):
        result[m.municipality_id] = m.region
    return result


class OrganisationDetailView(LoginRequiredMixin, View):
    """An organisation's page: contact details, population, and the collaborations it belongs to that the
    user may see; every signed-in user."""

    def get(self, request, slug):
        from digisam.collaborations.models import Collaboration, Membership

        organisation = get_object_or_404(permissions.restrict(Organisation.objects.all(), request.user), slug=slug)
        visible = permissions.restrict(Collaboration.objects.all(), request.user)
        memberships = (
            Membership.objects.filter(organisation=organisation, collaboration__in=visible)
            .select_related("collaboration")
            .order_by("collaboration__name")
        )
        context = {
            "organisation": organisation,
            "memberships": memberships,
            "populations": organisation.population_figures.all()[:20],
            "regions": organisation.region_memberships.select_related("region"),
            "municipalities": Organisation.objects.filter(
                region_memberships__region=organisation
            ).distinct().order_by("code") if organisation.kind == OrganisationKind.REGION else None,
            "can_edit": permissions.allows(request.user, permissions.CHANGE, organisation),
            "today": datetime.date.today(),
        }
        return render(request, "organisations/organisation_detail.html", context)


class OrganisationEditView(ObjectEditView):
    """Edit an organisation: its own coordinators change the contact details, platform admins also the
    identifying fields (kind, name, slug, code, CVR). POST saves it through the audited service."""

    model = Organisation
    form_class = OrganisationForm
    lookup_field = "slug"
    lookup_kwarg = "slug"

    def get_form_class(self):
        return self.form_class


class OrganisationCreateView(ObjectEditView):
    """Create an organisation; platform admins only. POST saves it through the audited service."""

    model = Organisation
    form_class = NewOrganisationForm

    def get_cancel_url(self, obj):
        return reverse("organisations:list")
