from django.apps import AppConfig


class EconomyConfig(AppConfig):
    name = "digisam.economy"
    label = "economy"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Registers this app's access policies with digisam.core.permissions.
        from . import policies  # noqa: F401
