from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FormationConfig(AppConfig):
    """From idea to collaboration: the model advisor, the establishment process with each member's
    own decision, what joining would mean for a municipality outside, and leaving."""

    name = "digisam.formation"
    label = "formation"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = _("Etablering")
    nav_items = [("formation:home", _("Nyt samarbejde"))]

    def ready(self):
        from . import policies  # noqa: F401

    def collaboration_section(self, request, collaboration):
        """The establishment process (if any), joining and leaving."""
        from django.urls import reverse

        from digisam.core import permissions

        from .models import Formation

        links = []
        formation = Formation.objects.filter(collaboration=collaboration).first()
        if formation is not None and permissions.allows(request.user, permissions.VIEW, formation):
            links.append({"url": reverse("formation:detail", args=[collaboration.slug]),
                          "label": _("Etableringsforløb")})
        return {"links": links, "html": None} if links else None
