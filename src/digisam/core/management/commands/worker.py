"""`digisam worker`: the background task worker of the configured backend, plus the reaper of
jobs whose worker died (see digisam.core.jobs).

DIGISAM_TASKS_BACKEND=database (default) runs django-tasks' database worker; `rq` runs an RQ worker
on DIGISAM_REDIS_URL with the scheduler (for deferred retries). Extra arguments go to that worker.
"""

import threading

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from digisam.core import jobs


class Command(BaseCommand):
    help = "Run the background task worker (database or RQ backend) and fail jobs whose worker died."

    extra: list = []

    def run_from_argv(self, argv):
        # Everything after `worker` goes to the backend's own worker command (e.g. --name, --queue-name).
        self.extra = list(argv[2:])
        super().run_from_argv(argv[:2])

    def handle(self, *args, **options):
        extra = self.extra
        backend = settings.DIGISAM_TASKS_BACKEND
        stop = threading.Event()
        reaper = threading.Thread(target=jobs.reap_forever, args=(stop,), name="job-reaper", daemon=True)
        reaper.start()
        try:
            if backend == "database":
                call_command("db_worker", *extra)
            elif backend == "rq":
                call_command("rqworker", "default", "--job-class", "django_tasks_rq.Job", "--with-scheduler", *extra)
            else:
                raise CommandError(
                    f"DIGISAM_TASKS_BACKEND={backend} runs tasks inside the request: there is no worker to start."
                )
        finally:
            stop.set()


