from django.contrib import admin

from digisam.core.admin import AuditedAdmin

from .models import Organisation, PopulationFigure, RegionMembership


@admin.register(Organisation)
class OrganisationAdmin(AuditedAdmin):
    list_display = ["name", "kind", "code", "cvr"]
    list_filter = ["kind"]
    search_fields = ["name", "code", "cvr"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(PopulationFigure)
class PopulationFigureAdmin(AuditedAdmin):
    list_display = ["organisation", "date", "population"]
    search_fields = ["organisation__name", "organisation__code"]


@admin.register(RegionMembership)
class RegionMembershipAdmin(AuditedAdmin):
    list_display = ["municipality", "region", "valid_from", "valid_to"]
