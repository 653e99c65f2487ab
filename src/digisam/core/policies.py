from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Q
from django.db.models.functions import Cast

from .models import AuditEntry, Job, RoleAssignment
from .permissions import VIEW, AdminOnlyPolicy, Policy, access_for, policy_for, register, registered_models


@register(get_user_model())
class UserPolicy(AdminOnlyPolicy):
    """User accounts are managed by platform admins (the Django admin); registered so that their
    changes — superuser and staff flags, groups, permissions — are audited like any domain write.
    The password hash is recorded only as a fingerprint."""

    audit_redacted = ("password",)


@register(RoleAssignment)
class RoleAssignmentPolicy(AdminOnlyPolicy):
    """Only platform admins hand out roles."""


@register(AuditEntry)
class AuditEntryPolicy(Policy):
    """An audit entry shows every field of the object it describes, before and after. So it is read
    only by those who may read that object's whole history — the object's own policy decides
    (`Policy.history_restrict`), not the collaboration the entry is filed under. Entries of an object
    that no longer exists are read by those who managed its scope: the secretariat of the entry's
    collaboration and the users of its organisation. Entries of models without a policy (users,
    reference tables) only by platform admins. Never written by hand."""

    collaboration_path = "collaboration"
    organisation_path = "organisation"
    writers = ()

    def restrict(self, user, action, queryset):
        access = access_for(user)
        if not access.is_authenticated or action != VIEW:
            return queryset.none()
        if access.is_admin:
            return queryset
        present = set(AuditEntry.objects.values_list("content_type_id", flat=True).distinct())
        q = Q(pk__in=[])
        for model in registered_models():
            if model is AuditEntry:
                continue
            content_type = ContentType.objects.get_for_model(model, for_concrete_model=True)
            if content_type.pk not in present:
                continue
            q |= self._model_q(model, content_type, access)
        return queryset.filter(q)

    @staticmethod
    def _ids(queryset):
        return queryset.order_by().annotate(audit_object_id=Cast("pk", CharField())).values("audit_object_id")

    def _model_q(self, model, content_type, access):
        policy = policy_for(model)
        manager = model._default_manager
        q = Q(object_id__in=self._ids(policy.history_restrict(access.user, manager.all())))
        if access.secretariat_collaborations or access.organisations:
            gone = ~Q(object_id__in=self._ids(manager.all()))
            scope = Q(collaboration_id__in=access.secretariat_collaborations) | Q(
                organisation_id__in=access.organisations)
            q |= gone & scope
        return Q(content_type=content_type) & q

    def allows(self, user, action, obj):
        return action == VIEW and self.restrict(user, action, AuditEntry.objects.filter(pk=obj.pk)).exists()


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
