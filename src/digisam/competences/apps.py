from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompetencesConfig(AppConfig):
    """The shared competence pool: people, competences, staffing, analysis and development plan."""

    name = "digisam.competences"
    label = "competences"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = _("Kompetencepulje")
    nav_items = [("competences:home", _("Kompetencer"))]

    def ready(self):
        # Registers this app's access policies with digisam.core.permissions.
        from . import policies  # noqa: F401

    def collaboration_section(self, request, collaboration):
        """Links to the pool for the secretariat and members (never observers)."""
        from django.urls import reverse

        from digisam.core import permissions

        from .policies import pool_readers

        access = permissions.access_for(request.user)
        if not access.is_admin and collaboration.pk not in pool_readers(access):
            return None
        return {"links": [
            {"url": reverse("competences:pool", args=[collaboration.slug]), "label": _("Kompetencepulje")},
            {"url": reverse("competences:requests", args=[collaboration.slug]), "label": _("Bemandingsbehov")},
            {"url": reverse("competences:analysis", args=[collaboration.slug]), "label": _("Kompetenceanalyse")},
        ], "html": None}
