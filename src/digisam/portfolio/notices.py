"""Reminders of contract notice deadlines: the municipality's coordinators hear, in the app and by
e-mail, when the last day to give notice on one of its contracts is near. Run daily
(`digisam notify_notice_deadlines`)."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from digisam.core.models import Channel, Role, RoleAssignment

from .models import Contract


def notify_notice_deadlines(*, days: int = 60, today: datetime.date | None = None, channel=Channel.COMMAND):
    """Notify coordinators of contracts whose last notice day falls within `days`. Each contract
    and deadline is reminded once (a notification with the same link and date is not repeated).
    Returns (contract, last notice day) pairs that were reminded."""
    from digisam.initiatives.models import Notification
    from digisam.initiatives.services import notify

    today = today or timezone.localdate()
    until = today + datetime.timedelta(days=days)
    coordinators: dict[int, list] = {}
    for assignment in RoleAssignment.objects.filter(role=Role.COORDINATOR).select_related("user"):
        if assignment.user.is_active:
            coordinators.setdefault(assignment.organisation_id, []).append(assignment.user)
    reminded = []
    contracts = Contract.objects.filter(organisation_id__in=coordinators, expires__isnull=False,
                                        terminated__isnull=True).select_related("organisation", "category")
    for contract in contracts:
        deadline = contract.last_notice_day(today)
        if deadline is None or not (today <= deadline <= until):
            continue
        url = contract.get_absolute_url()
        template = gettext_noop("%(organisation)s: sidste dag for opsigelse af %(contract)s er %(deadline_date)s.")
        params = {"organisation": str(contract.organisation), "contract": str(contract.name or contract.category),
                  "deadline_date": deadline.isoformat()}
        if Notification.objects.filter(kind=Notification.Kind.NOTICE_DEADLINE, url=url, params=params).exists():
            continue
        with transaction.atomic():
            notify(coordinators[contract.organisation_id], kind=Notification.Kind.NOTICE_DEADLINE,
                   template=template, params=params, url=url, channel=channel)
        reminded.append((contract, deadline))
    return reminded
