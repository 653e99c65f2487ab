from django.contrib import admin

from . import permissions
from .models import AuditEntry, Job, RoleAssignment


def platform_admin_only(request):
    """Django's admin is for platform admins only (role or superuser), never for staff flags alone."""
    return bool(request.user.is_active and permissions.access_for(request.user).is_admin)


admin.site.has_permission = platform_admin_only
admin.site.site_header = "digisam – administration"


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):
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
