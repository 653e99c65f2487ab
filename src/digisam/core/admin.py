from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

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

        # The form's many-to-many values (a user's groups and permissions, too) are set by the service,
        # so the audit entry shows them.
        m2m = {f.name: form.cleaned_data[f.name] for f in obj._meta.many_to_many if f.name in form.cleaned_data}
        services.save(obj, user=request.user, channel="ui", m2m=m2m)

    def save_related(self, request, form, formsets, change):
        from . import services

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


User = get_user_model()
if admin.site.is_registered(User):
    admin.site.unregister(User)


@admin.register(User)
class AuditedUserAdmin(AuditedAdmin, UserAdmin):
    """Users through the audited service: making someone superuser or staff, changing their groups
    and permissions leaves an audit entry (the password only as a fingerprint, see UserPolicy)."""

    def user_change_password(self, request, id, form_url=""):
        """Django's password form saves by itself; the change is recorded afterwards (fingerprint only)."""
        from . import services

        target = User.objects.filter(pk=id).first() if request.method == "POST" else None
        before = services.snapshot(target) if target is not None else None
        response = super().user_change_password(request, id, form_url)
        if before is not None:
            target.refresh_from_db()
            services.record_update(target, user=request.user, channel="ui", before=before)
        return response


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
