from django.db.models import Q

from .models import AuditEntry, Job, RoleAssignment
from .permissions import AdminOnlyPolicy, Policy, access_for, register


@register(RoleAssignment)
class RoleAssignmentPolicy(AdminOnlyPolicy):
    """Only platform admins hand out roles."""


@register(AuditEntry)
class AuditEntryPolicy(Policy):
    """An audit entry is read by those who may read the collaboration or organisation it concerns;
    entries about neither (reference data, users) only by platform admins. Never written by hand."""

    collaboration_path = "collaboration"
    organisation_path = "organisation"
    writers = ()


@register(Job)
class JobPolicy(Policy):
    """A job is seen by whoever started it and by those who read its collaboration/organisation."""

    collaboration_path = "collaboration"
    organisation_path = "organisation"

    def restrict(self, user, action, queryset):
        access = access_for(user)
        if not access.is_authenticated:
            return queryset.none()
        if access.is_admin:
            return queryset
        return queryset.filter(self.read_q(access) | Q(created_by_id=user.pk)).distinct()

    def allows(self, user, action, obj):
        if getattr(user, "pk", None) is not None and obj.created_by_id == user.pk:
            return True
        return super().allows(user, action, obj)
