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
        # policies; and the handler that marks a joining estimate failed when its worker died
        from . import estimates, policies  # noqa: F401

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
        access = permissions.access_for(request.user)
        if access.is_admin or (access.coordinator_organisations and collaboration.pk not in access.member_collaborations):
            links.append({"url": reverse("formation:joining", args=[collaboration.slug]),
                          "label": _("Hvad betyder medlemskab for os?")})
        if access.is_admin or collaboration.pk in access.secretariat_collaborations or (
            access.coordinator_organisations and collaboration.pk in access.member_collaborations
        ):
            links.append({"url": reverse("formation:leave", args=[collaboration.slug]), "label": _("Udtræden")})
        if access.is_admin or collaboration.pk in access.readable_collaborations or collaboration.published:
            links.append({"url": reverse("formation:course", args=[collaboration.slug]), "label": _("Kursskifter")})
            links.append({"url": reverse("formation:delivery", args=[collaboration.slug]),
                          "label": _("Leverer samarbejdet?")})
        return {"links": links, "html": None} if links else None
