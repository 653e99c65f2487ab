from django.apps import apps
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from . import permissions


def navigation(request):
    """Main navigation: core entries plus whatever each domain app offers (AppConfig.nav_items)."""
    items = [("dashboard", _("Overblik")), ("collaborations:list", _("Samarbejder")), ("organisations:list", _("Organisationer"))]
    entries = []
    for name, label in items:
        entries.append({"url": reverse(name), "label": label})
    for app in apps.get_app_configs():
        for name, label in getattr(app, "nav_items", ()):
            try:
                entries.append({"url": reverse(name), "label": label})
            except NoReverseMatch:
                continue
    user = getattr(request, "user", None)
    is_admin = bool(user and user.is_authenticated and permissions.access_for(user).is_admin)
    return {"nav_items": entries, "is_platform_admin": is_admin}
