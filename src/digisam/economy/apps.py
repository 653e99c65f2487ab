from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EconomyConfig(AppConfig):
    name = "digisam.economy"
    label = "economy"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = _("Økonomi")
    nav_items = [("economy:home", _("Økonomi"))]

    def ready(self):
        # Registers this app's access policies with digisam.core.permissions.
        from . import policies  # noqa: F401

    def collaboration_section(self, request, collaboration):
        """Links on the collaboration page for those who may read its economy (not observers)."""
        from django.urls import reverse

        from digisam.core import permissions

        from .policies import economy_readers

        access = permissions.access_for(request.user)
        if not access.is_admin and collaboration.pk not in economy_readers(access):
            return None
        links = [{"url": reverse("economy:collaboration", args=[collaboration.slug]), "label": _("Økonomi")}]
        from .models import TurnLedgerEntry

        if TurnLedgerEntry.objects.filter(collaboration=collaboration).exists():
            links.append({"url": reverse("economy:ledger", args=[collaboration.slug]), "label": _("Opgaver på skift")})
        return {"links": links, "html": None}

    def membership_consequences(self, membership, status, on):
        """For the confirmation of a membership change: a leave's effect on the economy year."""
        from digisam.collaborations.models import MembershipStatus

        if status != MembershipStatus.LEFT or on is None:
            return []
        from .adapter import leave_consequences

        return leave_consequences(membership, on)
