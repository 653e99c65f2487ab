from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortfolioConfig(AppConfig):
    name = "digisam.portfolio"
    label = "portfolio"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = _("Systemer og kontrakter")
    nav_items = [("portfolio:index", _("Systemer og kontrakter"))]

    def ready(self):
        # Registers this app's access policies with digisam.core.permissions.
        from . import policies  # noqa: F401

    def collaboration_section(self, request, collaboration):
        """A link to the harmonisation picture for the secretariat and the members' users (not observers)."""
        from django.urls import reverse

        from digisam.core import permissions

        from .policies import portfolio_collaborations

        access = permissions.access_for(request.user)
        if not (access.is_admin or collaboration.pk in portfolio_collaborations(access)):
            return None
        return {"links": [{"url": reverse("portfolio:harmonisation", args=[collaboration.slug]),
                           "label": _("Systemer og harmonisering")}], "html": None}
