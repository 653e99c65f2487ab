from django.apps import AppConfig


class PortfolioConfig(AppConfig):
    name = "digisam.portfolio"
    label = "portfolio"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Registers this app's access policies with digisam.core.permissions.
        from . import policies  # noqa: F401
