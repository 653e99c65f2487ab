import datetime

from django.core.management.base import BaseCommand

from digisam.core.models import Channel
from digisam.portfolio.harmonisation import record_all


class Command(BaseCommand):
    help = ("Store today's harmonisation indices of every collaboration (run daily; the harmonisation "
            "page itself never writes).")

    def add_arguments(self, parser):
        parser.add_argument("--date", type=datetime.date.fromisoformat, default=None,
                            help="The day to record (YYYY-MM-DD; default today).")

    def handle(self, *args, **options):
        written = record_all(today=options["date"], channel=Channel.COMMAND)
        self.stdout.write(f"{sum(written.values())} harmoniseringstal gemt for {len(written)} samarbejder.")
