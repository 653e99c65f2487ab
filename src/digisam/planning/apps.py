from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "digisam.planning"
    label = "planning"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Registers this app's access policies with digisam.core.permissions.
        from . import policies  # noqa: F401
