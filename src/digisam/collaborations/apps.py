from django.apps import AppConfig


class CollaborationsConfig(AppConfig):
    name = "digisam.collaborations"
    label = "collaborations"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Registers this app's access policies with digisam.core.permissions.
        from . import policies  # noqa: F401
