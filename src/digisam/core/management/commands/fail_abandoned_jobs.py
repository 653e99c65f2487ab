"""`digisam fail_abandoned_jobs`: mark running jobs whose worker stopped beating as failed (every
`digisam worker` does this in the background; this is for cron or after restoring a backup)."""

from django.core.management.base import BaseCommand

from digisam.core import jobs


class Command(BaseCommand):
    help = "Mark running jobs whose worker died as failed."

    def handle(self, *args, **options):
        failed = jobs.fail_abandoned()
        self.stdout.write(f"{len(failed)} job(s) marked failed" + (f": {failed}" if failed else ""))
