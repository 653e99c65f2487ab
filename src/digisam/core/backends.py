"""Platform admins (by role assignment) get every Django model permission, so the admin works for
them without the superuser flag; nobody else gets any through this backend."""

from . import permissions


class PlatformAdminBackend:
    def authenticate(self, request, **credentials):
        return None

    def get_user(self, user_id):
        return None

    def has_perm(self, user_obj, perm, obj=None):
        return bool(user_obj and user_obj.is_active and permissions.access_for(user_obj).is_admin)

    def has_module_perms(self, user_obj, app_label):
        return self.has_perm(user_obj, app_label)
