"""The secretariat's "Bed om opdatering" (issue 12 item 18): ask a member to bring its portfolio up to
date. Each request is an audited UpdateRequest (so the freshness page shows when the member was last
asked) and a notification, with a link to the member's portfolio page, to each of its coordinators."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_noop

from digisam.core import permissions, services
from digisam.core.models import Channel, Role, RoleAssignment

from .models import UpdateRequest

TEMPLATE = gettext_noop("%(collaboration)s beder %(organisation)s opdatere sin portefølje i digisam.")
TEMPLATE_WITH_MESSAGE = gettext_noop(
    "%(collaboration)s beder %(organisation)s opdatere sin portefølje i digisam: %(message)s")


def coordinators(organisation) -> list:
    """The member's active coordinators (who receive the request)."""
    return [a.user for a in RoleAssignment.objects.filter(role=Role.COORDINATOR, organisation=organisation)
            .select_related("user").order_by("user_id") if a.user.is_active]


def may_request(user, collaboration) -> bool:
    access = permissions.access_for(user)
    return access.is_admin or collaboration.pk in access.secretariat_collaborations


def request_update(collaboration, organisations, *, user, message: str = "", channel=Channel.UI) -> list:
    """Ask each of `organisations` (members of `collaboration`) to update its portfolio: one
    UpdateRequest and one notification per coordinator, all in one transaction. Returns the
    requests. Only the collaboration's secretariat (or an admin) may ask."""
    from digisam.initiatives.models import Notification
    from digisam.initiatives.services import notify

    if not may_request(user, collaboration):
        raise PermissionDenied
    message = (message or "").strip()[:400]
    made = []
    with services.operation(), transaction.atomic():
        for organisation in organisations:
            users = coordinators(organisation)
            record = services.save(UpdateRequest(collaboration=collaboration, organisation=organisation,
                                                 requested_by=user, message=message, recipients=len(users)),
                                   user=user, channel=channel)
            params = {"collaboration": collaboration.name, "organisation": organisation.name}
            if message:
                params["message"] = message
            notify(users, kind=Notification.Kind.PORTFOLIO_UPDATE,
                   template=TEMPLATE_WITH_MESSAGE if message else TEMPLATE, params=params,
                   url=reverse("portfolio:municipality", args=[organisation.code]), collaboration=collaboration,
                   channel=channel)
            made.append(record)
    return made
