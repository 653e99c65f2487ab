from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "digisam.core"
    label = "core"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Every number form field reads Danish and English input the same way (core/numbers.py).
        from . import numbers

        numbers.install()
        # Registers this app's access policies with digisam.core.permissions.
        from . import policies  # noqa: F401
