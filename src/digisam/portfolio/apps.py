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
        links = [{"url": reverse("portfolio:harmonisation", args=[collaboration.slug]),
                  "label": _("Systemer og harmonisering")}]
        if access.is_admin or collaboration.pk in access.secretariat_collaborations or (
                set(access.coordinator_organisations)
                & set(collaboration.active_memberships().values_list("organisation_id", flat=True))):
            links.append({"url": reverse("portfolio:freshness", args=[collaboration.slug]),
                          "label": _("Porteføljernes aktualitet")})
        return {"links": links, "html": None}

    def dashboard_panel(self, request):
        """"Opsigelsesfrister de næste 90 dage": the contracts the user may see whose last notice day
        has passed (while they run) or is near — the count, the first ten and, per municipality, a
        link to its contract list filtered the same way. Nothing when there are none."""
        from django.template.loader import render_to_string

        from digisam.core import permissions

        from . import deadlines
        from .models import Contract

        access = permissions.access_for(request.user)
        if not access.is_authenticated:
            return None
        contracts = permissions.restrict(Contract.objects.all(), request.user).select_related(
            "organisation", "category", "product")
        flagged = deadlines.flagged(contracts)
        if not flagged:
            return None
        municipalities = {}
        for contract, _state in flagged:
            entry = municipalities.setdefault(contract.organisation_id, {"organisation": contract.organisation,
                                                                         "count": 0})
            entry["count"] += 1
        return render_to_string("portfolio/_dashboard_panel.html", {
            "rows": flagged[:10], "count": len(flagged), "horizon_days": deadlines.horizon_days(),
            "municipalities": sorted(municipalities.values(), key=lambda m: (-m["count"], m["organisation"].name))[:10],
        }, request=request)
