from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    name = "digisam.initiatives"
    label = "initiatives"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = _("Initiativer og beslutninger")
    nav_items = [("initiatives:index", _("Initiativer"))]

    def ready(self):
        # Registers this app's access policies with digisam.core.permissions.
        from . import policies  # noqa: F401

    def collaboration_section(self, request, collaboration):
        """Links from the collaboration page to its initiatives, decisions, meetings and dashboard."""
        from django.urls import reverse

        slug = collaboration.slug
        return {
            "links": [
                {"url": reverse("initiatives:collaboration", args=[slug]), "label": _("Initiativer")},
                {"url": reverse("initiatives:proposals", args=[slug]), "label": _("Beslutninger")},
                {"url": reverse("initiatives:meetings", args=[slug]), "label": _("Møder")},
                {"url": reverse("initiatives:dashboard", args=[slug]), "label": _("Direktørernes overblik")},
            ],
            "html": None,
        }

    def dashboard_panel(self, request):
        """Open votes the user's organisation can cast, and unread notifications."""
        from django.template.loader import render_to_string
        from django.utils import timezone

        from digisam.core import permissions

        from .models import Notification, Proposal, ProposalStatus

        access = permissions.access_for(request.user)
        open_votes = permissions.restrict(Proposal.objects.filter(status=ProposalStatus.OPEN), request.user) \
            .select_related("body", "collaboration").order_by("deadline")[:10]
        unread = permissions.restrict(Notification.objects.filter(read=False), request.user)[:5]
        if not open_votes and not unread:
            return None
        return render_to_string("initiatives/_dashboard_panel.html", {
            "open_votes": open_votes, "unread": unread, "access": access, "now": timezone.now(),
        }, request=request)
