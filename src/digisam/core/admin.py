from django.contrib import admin

from . import permissions
from .models import AuditEntry, Job, RoleAssignment


def platform_admin_only(request):
    """Django's admin is for platform admins only (role or superuser), never for staff flags alone."""
    return bool(request.user.is_active and permissions.access_for(request.user).is_admin)


admin.site.has_permission = platform_admin_only


class AuditedAdmin(admin.ModelAdmin):
    """Admin writes go through the audited service like every other write."""

    def save_model(self, request, obj, form, change):
        from . import services

        services.save(obj, user=request.user, channel="ui")

    def save_related(self, request, form, formsets, change):
        from . import services

        form.save_m2m()
        for formset in formsets:
            for instance in formset.save(commit=False):
                services.save(instance, user=request.user, channel="ui")
            for instance in formset.deleted_objects:
                services.delete(instance, user=request.user, channel="ui")

    def delete_model(self, request, obj):
        from . import services

        services.delete(obj, user=request.user, channel="ui")

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)
admin.site.site_header = "digisam – administration"


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(AuditedAdmin):
    list_display = ["user", "role", "collaboration", "organisation"]
    list_filter = ["role"]
    search_fields = ["user__username"]


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: the audit log is never edited."""

    list_display = ["timestamp", "user_repr", "action", "channel", "object_repr"]
    list_filter = ["action", "channel"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "status", "progress", "created"]
