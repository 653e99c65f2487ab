from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "digisam.organisations"
    label = "organisations"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Registers this app's access policies with digisam.core.permissions.
        from . import policies  # noqa: F401
