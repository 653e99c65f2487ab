"""Catalogue maintenance for platform admins (categories with their tender parameters, products),
through the audited service like every other write."""

from django.contrib import admin

from digisam.core.admin import AuditedAdmin

from .models import Category, Product


@admin.register(Category)
class CategoryAdmin(AuditedAdmin):
    list_display = ["name", "slug", "price_per_inhabitant_year", "tender_fixed_cost", "tender_cost_per_participant",
                    "preparation_months", "framework_months", "harmonisation_saving_per_participant_year",
                    "kombit_monopoly_break"]
    search_fields = ["name", "slug", "kle_reference"]


@admin.register(Product)
class ProductAdmin(AuditedAdmin):
    list_display = ["name", "category", "vendor", "vendor_name"]
    list_filter = ["category"]
    search_fields = ["name", "vendor_name"]
