from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    name = "digisam.planning"
    label = "planning"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = _("Udbudsplan")
    nav_items = [("planning:index", _("Udbudsplan"))]

    def ready(self):
        # Registers this app's access policies with digisam.core.permissions, and (services) the handler
        # that marks a plan run failed when its worker died (core.jobs).
        from . import policies, services  # noqa: F401

    def collaboration_section(self, request, collaboration):
        """A link to the collaboration's planning for insiders, or to its published plan."""
        from django.urls import reverse

        from digisam.core import permissions

        from .models import PlanRun, Scenario

        if permissions.allows(request.user, permissions.VIEW, Scenario(collaboration=collaboration)):
            return {"links": [{"url": reverse("planning:collaboration", args=[collaboration.slug]),
                               "label": _("Fælles udbudsplan")}], "html": None}
        published = permissions.restrict(
            PlanRun.objects.filter(collaboration=collaboration, published=True), request.user
        ).values_list("pk", flat=True).first()  # not the run's large documents: only its address
        if published:
            return {"links": [{"url": reverse("planning:run", args=[published]),
                               "label": _("Offentliggjort udbudsplan")}], "html": None}
        return None
