"""Portfolio API: catalogue, usages, contracts, sharing settings, import and harmonisation.

Filters: `municipality` (kommunekode), `collaboration` (slug: only members that share their portfolio
with it), `category` (slug), `ending_after` / `ending_before` (contract expiry between dates),
`notice_due=true` (last notice day passed while the contract runs, or within 90 days).
Contract economy fields are null where the user may not see them — with `collaboration`, only the
economy shared with that collaboration is shown."""

from __future__ import annotations

import django_filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import parsers, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from digisam.collaborations.models import Collaboration
from digisam.core import permissions
from digisam.core.api import AuditedModelViewSet

from . import deadlines, harmonisation, policies, selectors
from .models import Category, Contract, Product, SharingSetting, Usage


def _collaboration_for(request, slug):
    collaboration = Collaboration.objects.filter(slug=slug).first()
    if collaboration is None:
        raise NotFound("Ukendt samarbejde.")
    access = permissions.access_for(request.user)
    if not (access.is_admin or collaboration.pk in policies.portfolio_collaborations(access)):
        raise NotFound("Ukendt samarbejde.")
    return collaboration


class PortfolioFilter(django_filters.FilterSet):
    """Filters shared by usages and contracts: municipality code, category slug, and `collaboration` (the
    members sharing their portfolio there; 404 for a collaboration the user may not see portfolios in)."""

    municipality = django_filters.CharFilter(field_name="organisation__code")
    category = django_filters.CharFilter(field_name="category__slug")
    collaboration = django_filters.CharFilter(method="filter_collaboration")

    def filter_collaboration(self, queryset, name, value):
        collaboration = _collaboration_for(self.request, value)
        return queryset.filter(organisation_id__in=selectors.sharing_members(collaboration))


class UsageFilter(PortfolioFilter):
    """The filters of the usage list."""

    class Meta:
        model = Usage
        fields = ["municipality", "category", "collaboration", "lifecycle", "product"]


class ContractFilter(PortfolioFilter):
    """The filters of the contract list: also by expiry and by notice deadline due."""

    ending_after = django_filters.DateFilter(field_name="expires", lookup_expr="gte")
    ending_before = django_filters.DateFilter(field_name="expires", lookup_expr="lte")
    notice_due = django_filters.BooleanFilter(
        method="filter_notice_due",
        label="Only contracts whose last notice day has passed (while they run) or is within 90 days")

    class Meta:
        model = Contract
        fields = ["municipality", "category", "collaboration", "ending_after", "ending_before", "product",
                  "notice_due"]

    def filter_notice_due(self, queryset, name, value):
        ids = deadlines.flagged_ids(queryset)
        return queryset.filter(pk__in=ids) if value else queryset.exclude(pk__in=ids)


class CategorySerializer(serializers.ModelSerializer):
    """A procurement category with its tender costs, durations and discount tiers."""

    class Meta:
        model = Category
        fields = ["id", "slug", "name", "description", "kle_reference", "kombit_monopoly_break",
                  "price_per_inhabitant_year", "tender_fixed_cost", "tender_cost_per_participant",
                  "preparation_months", "framework_months", "harmonisation_saving_per_participant_year",
                  "discount_tiers", "sort_order"]


class CategoryViewSet(AuditedModelViewSet):
    """Procurement categories: reference data every signed-in user reads; platform admins write them."""

    queryset = Category.objects.all()
    serializer_class = CategorySerializer
    filterset_fields = ["slug", "kombit_monopoly_break"]


class ProductSerializer(serializers.ModelSerializer):
    """A product (IT system) in a category, with its vendor."""

    class Meta:
        model = Product
        fields = ["id", "category", "name", "vendor", "vendor_name"]


class ProductViewSet(AuditedModelViewSet):
    """Products: every signed-in user reads them; a municipality's coordinator may add a missing one;
    platform admins change and delete them."""

    queryset = Product.objects.all()
    serializer_class = ProductSerializer
    filterset_fields = ["category", "vendor"]


class UsageSerializer(serializers.ModelSerializer):
    """A municipality's use of a product in a category: lifecycle, criticality and users."""

    municipality = serializers.CharField(source="organisation.code", read_only=True)

    class Meta:
        model = Usage
        fields = ["id", "organisation", "municipality", "category", "product", "lifecycle", "criticality",
                  "responsible_unit", "user_count", "notes", "kitos_uuid"]


class UsageViewSet(AuditedModelViewSet):
    """System usages: read by the municipality's own users and by the secretariat and fellow members of
    collaborations it shares its portfolio with; written by its coordinator and platform admins."""

    queryset = Usage.objects.select_related("organisation").order_by("pk")
    serializer_class = UsageSerializer
    filterset_class = UsageFilter


ECONOMY_FIELDS = ["extension_uplift", "early_exit_fee", "cost_acquisition", "cost_operation", "cost_other",
                  "price_regulation", "annual_cost"]


class ContractSerializer(serializers.ModelSerializer):
    """A municipality's contract with its terms, status and last notice day; the economy fields are null
    for those the municipality does not share its economy with."""

    municipality = serializers.CharField(source="organisation.code", read_only=True)
    annual_cost = serializers.DecimalField(max_digits=14, decimal_places=2, read_only=True)
    status = serializers.SerializerMethodField()
    last_notice_day = serializers.SerializerMethodField()
    earliest_end = serializers.SerializerMethodField()
    latest_end = serializers.SerializerMethodField()
    economy_visible = serializers.SerializerMethodField()
    notice_state = serializers.SerializerMethodField()

    class Meta:
        model = Contract
        fields = [
            "id", "organisation", "municipality", "category", "product", "usages", "contract_id", "name",
            "supplier", "supplier_name", "concluded", "valid_from", "irrevocable_until", "expires", "terminated",
            "notice_months", "notice_runs_to", "extension_count", "extension_months", "extensions_used",
            "extension_uplift", "early_exit_months", "early_exit_fee", "cost_acquisition", "cost_operation",
            "cost_other", "annual_cost", "price_regulation", "procurement_strategy", "planned_reprocurement",
            "procurement_initiated", "opt_out", "earliest_start", "notes", "status", "last_notice_day",
            "earliest_end", "latest_end", "economy_visible", "notice_state",
        ]

    def get_status(self, obj) -> str:
        return obj.status()

    def get_last_notice_day(self, obj) -> str | None:
        day = obj.last_notice_day()
        return day.isoformat() if day else None

    def get_notice_state(self, obj) -> str:
        """"overdue", "due" (within the notice horizon, 90 days) or "" (see portfolio.deadlines)."""
        return deadlines.contract_state(obj).state

    def get_earliest_end(self, obj) -> str | None:
        day = obj.earliest_end()
        return day.isoformat() if day else None

    def get_latest_end(self, obj) -> str | None:
        day = obj.latest_end()
        return day.isoformat() if day else None

    def _economy(self, obj) -> bool:
        check = self.context.get("economy")
        return bool(check and check(obj.organisation_id))

    def get_economy_visible(self, obj) -> bool:
        return self._economy(obj)

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if not self._economy(instance):
            for name in ECONOMY_FIELDS:
                data[name] = None
        return data


class ContractViewSet(AuditedModelViewSet):
    """Contracts: read like usages, the economy only where it is shared; written by the municipality's
    coordinator and platform admins, who may also import a file."""

    queryset = Contract.objects.select_related("organisation").prefetch_related("usages")
    serializer_class = ContractSerializer
    filterset_class = ContractFilter

    def get_serializer_context(self):
        context = super().get_serializer_context()
        user = self.request.user
        slug = self.request.query_params.get("collaboration")
        if slug and getattr(user, "is_authenticated", False):
            collaboration = _collaboration_for(self.request, slug)
            shared = selectors.economy_shared_organisation_ids(collaboration)
            own = set(permissions.access_for(user).organisations)
            is_admin = permissions.access_for(user).is_admin
            context["economy"] = lambda org_id: is_admin or org_id in own or org_id in shared
        else:
            context["economy"] = policies.economy_filter(user)
        return context

    @extend_schema(responses={202: OpenApiTypes.OBJECT, 400: OpenApiTypes.OBJECT, 403: OpenApiTypes.OBJECT,
                              413: OpenApiTypes.OBJECT})
    @action(detail=False, methods=["post"], url_path="import",
            parser_classes=[parsers.MultiPartParser, parsers.FormParser, parsers.JSONParser])
    def import_file(self, request):
        """Upload `file` (and optionally `second_file`: KITOS's IT-systemer and IT-kontrakter together)
        with `municipality` (kommunekode) and `dry_run` (default true). The import runs as a
        background job: 202 with the job (`status_url`; its `result` holds the counts, the
        difference, notices and the row/column errors — nothing written when there are errors).
        403 for users who may not write any portfolio and 413 for a body over the upload limit, both
        before the upload is read; 400 without a file or with a file over the limit."""
        import uuid as uuidlib

        from django.conf import settings
        from django.core.files.storage import default_storage
        from rest_framework.exceptions import PermissionDenied

        from digisam.core import jobs

        from .tasks import api_import
        from .views import too_large_message, upload_too_large

        access = permissions.access_for(request.user)
        if not (access.is_admin or access.coordinator_organisations):
            raise PermissionDenied("Kun kommunekoordinatorer kan importere.")
        if upload_too_large(request):
            return Response({"errors": [str(too_large_message())]}, status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE)
        uploads = [f for f in (request.FILES.get("file"), request.FILES.get("second_file")) if f is not None]
        if not uploads:
            return Response({"errors": ["Vedlæg en fil i feltet 'file'."]}, status=status.HTTP_400_BAD_REQUEST)
        for upload in uploads:
            if upload.size > settings.DIGISAM_MAX_IMPORT_BYTES:
                return Response({"errors": [str(too_large_message())]}, status=status.HTTP_400_BAD_REQUEST)
        municipality = request.data.get("municipality") or None
        dry_run = str(request.data.get("dry_run", "true")).lower() not in ("false", "0", "nej", "no")
        stored = []
        for upload in uploads:
            path = default_storage.save(f"portfolio-imports/api/{uuidlib.uuid4().hex}", upload)
            stored.append([path, upload.name[-255:]])
        job = jobs.create_job(kind="portfolio_api_import", title=f"API-import: {', '.join(n for _p, n in stored)}"[
            :200], user=request.user, parameters={"files": stored, "municipality": municipality,
                                                  "dry_run": dry_run, "user": request.user.pk})
        api_import.enqueue(job.pk)
        job.refresh_from_db()
        return Response({"job": job.pk, "status": job.status, "status_url": f"/api/jobs/{job.pk}/",
                         "result": job.result, "error": job.message if job.status == "failed" else ""},
                        status=status.HTTP_202_ACCEPTED)


class SharingSettingSerializer(serializers.ModelSerializer):
    """What a member shares with one collaboration: its portfolio, and its economy."""

    class Meta:
        model = SharingSetting
        fields = ["id", "organisation", "collaboration", "share_portfolio", "share_economy"]


class SharingSettingViewSet(AuditedModelViewSet):
    """Sharing settings: the member's coordinator writes them; the member's users and the collaboration's
    secretariat read them."""

    queryset = SharingSetting.objects.all()
    serializer_class = SharingSettingSerializer
    filterset_fields = ["organisation", "collaboration"]


class HarmonisationViewSet(viewsets.ViewSet):
    """GET /api/portfolio/harmonisation/<slug>/: the indices and the matrix of one collaboration."""

    lookup_field = "slug"
    lookup_value_regex = "[-a-zA-Z0-9_]+"

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def retrieve(self, request, slug=None):
        collaboration = _collaboration_for(request, slug)
        picture = harmonisation.build(collaboration)
        members = [m for m in picture.members if m.pk in picture.sharing_ids]
        return Response({
            "collaboration": collaboration.slug,
            "overall_index": picture.overall,
            "distinct_products": picture.distinct_total,
            "members": [{"code": m.code, "name": m.name} for m in members],
            "not_sharing": [{"code": m.code, "name": m.name} for m in picture.hidden_members],
            "categories": [{
                "category": row.category.slug, "index": row.index, "distinct_products": row.distinct,
                "clusters": [{"from": a.isoformat(), "to": b.isoformat(), "members": n} for a, b, n in row.clusters],
                "cells": [{
                    "municipality": m.code, "product": c.product or None,
                    "switch_from": c.window[0].isoformat() if c.window and c.window[0] else None,
                    "switch_to": c.window[1].isoformat() if c.window and c.window[1] else None,
                    "expires": c.expires.isoformat() if c.expires else None,
                    "annual_cost": c.annual_cost,
                } for m, c in zip(members, row.cells, strict=False)],
            } for row in picture.rows],
        })


def register(router):
    """Register the portfolio API routes on the router."""
    router.register("portfolio/categories", CategoryViewSet, basename="portfolio-category")
    router.register("portfolio/products", ProductViewSet, basename="portfolio-product")
    router.register("portfolio/usages", UsageViewSet, basename="portfolio-usage")
    router.register("portfolio/contracts", ContractViewSet, basename="portfolio-contract")
    router.register("portfolio/sharing", SharingSettingViewSet, basename="portfolio-sharing")
    router.register("portfolio/harmonisation", HarmonisationViewSet, basename="portfolio-harmonisation")
