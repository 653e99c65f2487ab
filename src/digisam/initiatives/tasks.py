"""Notification e-mails, sent by a task after the deciding transaction has committed.

`services.notify` stores the in-app notification with the decision and queues this task with
`transaction.on_commit`: a decision that is rolled back sends nothing, and a mail server that is down
cannot fail the decision. A failed send is tried again, DIGISAM_MAIL_ATTEMPTS times in all, each
later one deferred by DIGISAM_MAIL_RETRY_SECONDS × the attempt number where the task backend can
defer (database and RQ backends); then the notification stays in the app, marked not e-mailed.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)


def queue_email(notification_id: int, attempt: int = 1):
    """Queue the e-mail of one notification (attempt > 1: a retry, deferred where possible)."""
    runner = email_notification
    if attempt > 1 and runner.get_backend().supports_defer:
        delay = settings.DIGISAM_MAIL_RETRY_SECONDS * (attempt - 1)
        runner = runner.using(run_after=timezone.now() + timedelta(seconds=delay))
    runner.enqueue(notification_id, attempt)


@task()
def email_notification(notification_id: int, attempt: int = 1) -> str:
    """Send one notification's e-mail; on failure queue the next attempt. Returns what happened."""
    from digisam.core import services
    from digisam.core.models import Channel

    from .models import Notification

    note = Notification.objects.select_related("user").filter(pk=notification_id).first()
    if note is None or note.emailed or not note.user.email:
        return "nothing to send"
    try:
        send_mail(f"digisam: {note.get_kind_display()}", f"{note.message}\n\n{note.url}",
                  settings.DEFAULT_FROM_EMAIL, [note.user.email])
    except Exception:  # noqa: BLE001 - any mail failure (refused, timeout, DNS) is retried the same way
        if attempt >= settings.DIGISAM_MAIL_ATTEMPTS:
            logger.exception("Giving up e-mailing notification %s after %s attempts", notification_id, attempt)
            return "gave up"
        logger.warning("E-mail of notification %s failed (attempt %s); trying again", notification_id, attempt,
                       exc_info=True)
        queue_email(notification_id, attempt + 1)
        return "retrying"
    note.emailed = True
    services.save(note, user=services.SYSTEM, channel=Channel.TASK)
    return "sent"
