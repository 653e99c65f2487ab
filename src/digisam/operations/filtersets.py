"""One FilterSet per model, used by the lists and the API."""

import django_filters

from .models import CatalogueService, ServiceLevel, SupportArrangement, SupportUsage, Ticket, TicketImport


class CatalogueServiceFilterSet(django_filters.FilterSet):
    class Meta:
        model = CatalogueService
        fields = {"year": ["exact"], "year__collaboration": ["exact"], "year__year": ["exact"], "kind": ["exact"]}


class ServiceLevelFilterSet(django_filters.FilterSet):
    target = django_filters.BooleanFilter(field_name="organisation", lookup_expr="isnull", label="target")

    class Meta:
        model = ServiceLevel
        fields = {"service": ["exact"], "organisation": ["exact"]}


class TicketImportFilterSet(django_filters.FilterSet):
    class Meta:
        model = TicketImport
        fields = {"year": ["exact"]}


class TicketFilterSet(django_filters.FilterSet):
    month = django_filters.CharFilter(method="filter_month", label="month (YYYY-MM)")

    class Meta:
        model = Ticket
        fields = {"batch": ["exact"], "batch__year": ["exact"], "service": ["exact"], "organisation": ["exact"],
                  "priority": ["exact"]}

    def filter_month(self, queryset, name, value):
        if len(value) == 7 and value[4] == "-" and value[:4].isdigit() and value[5:].isdigit():
            return queryset.filter(opened__year=int(value[:4]), opened__month=int(value[5:]))
        return queryset.none()


class SupportArrangementFilterSet(django_filters.FilterSet):
    class Meta:
        model = SupportArrangement
        fields = {"year": ["exact"], "year__collaboration": ["exact"]}


class SupportUsageFilterSet(django_filters.FilterSet):
    class Meta:
        model = SupportUsage
        fields = {"arrangement": ["exact"], "organisation": ["exact"], "month": ["exact"]}
