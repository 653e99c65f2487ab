"""Background work of the operations app: a large ticket export is imported as a job (all rows or
none, the same checks as the page)."""

from __future__ import annotations

import base64

from django.contrib.auth import get_user_model
from django_tasks import task

from digisam.core import jobs
from digisam.core.models import Channel
from digisam.economy.models import EconomyYear

from . import services

#: files above this size are imported as a job instead of in the request
JOB_THRESHOLD_BYTES = 512 * 1024


@task()
def import_tickets_job(job_id: int, year_id: int, filename: str, data_b64: str, user_id: int):
    """Import a ticket export for a year as the user who uploaded it."""

    def work(job, progress):
        year = EconomyYear.objects.get(pk=year_id)
        user = get_user_model().objects.get(pk=user_id)
        progress(5, "Kontrollerer filen")
        try:
            batch = services.import_tickets(year, filename, base64.b64decode(data_b64), user=user,
                                            channel=Channel.TASK)
        except services.ImportRefused as error:
            raise ValueError("\n".join(str(e) for e in error.errors[:50])) from None
        return {"rows": batch.rows, "url": batch.get_absolute_url()}

    return jobs.run_job(job_id, work)
