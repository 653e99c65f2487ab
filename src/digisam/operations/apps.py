from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    """Operations & support collaborations: service catalogue, service levels, SLA, shared support."""

    name = "digisam.operations"
    label = "operations"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = _("Drift og support")
    nav_items = [("operations:home", _("Drift og support"))]

    def ready(self):
        # Registers the access policies and the economy scenario contributor (support hours, credits).
        from . import adapter, policies  # noqa: F401

    def collaboration_section(self, request, collaboration):
        """Links to the years that have a service catalogue or shared support, for readers of the
        collaboration's economy (not observers)."""
        from django.db.models import Q
        from django.urls import reverse

        from digisam.core import permissions
        from digisam.economy.models import EconomyYear
        from digisam.economy.policies import economy_readers

        access = permissions.access_for(request.user)
        if not access.is_admin and collaboration.pk not in economy_readers(access):
            return None
        years = EconomyYear.objects.filter(collaboration=collaboration).filter(
            Q(catalogue_services__isnull=False) | Q(support_arrangements__isnull=False)).distinct().order_by("-year")
        links = []
        for year in years[:3]:
            links.append({"url": reverse("operations:year", args=[collaboration.slug, year.year]),
                          "label": _("Servicekatalog %(y)s") % {"y": year.year}})
            if year.ticket_imports.exists():
                links.append({"url": reverse("operations:sla", args=[collaboration.slug, year.year]),
                              "label": _("SLA %(y)s") % {"y": year.year}})
        return {"links": links, "html": None} if links else None
