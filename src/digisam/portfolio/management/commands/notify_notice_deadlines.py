from django.core.management.base import BaseCommand

from digisam.portfolio.notices import notify_notice_deadlines


class Command(BaseCommand):
    help = "Notify municipality coordinators of contracts whose last day to give notice is near (run daily)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=60, help="How far ahead to look (default 60 days).")

    def handle(self, *args, **options):
        reminded = notify_notice_deadlines(days=options["days"])
        self.stdout.write(f"{len(reminded)} kontrakter med opsigelsesfrist inden for {options['days']} dage.")
