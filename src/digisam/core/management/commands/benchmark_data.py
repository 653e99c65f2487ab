import json

from django.core.management.base import BaseCommand

from digisam.demo import national


class Command(BaseCommand):
    help = ("Build the load benchmark's data set on top of the demo: a collaboration of all municipalities "
            "with portfolios, a published plan, a year's economy and 50 users of mixed roles (idempotent).")

    def add_arguments(self, parser):
        parser.add_argument("--members", type=int, default=98)
        parser.add_argument("--projects", type=int, default=100)
        parser.add_argument("--plan-time-limit", type=int, default=30, help="Seconds for the planner (default 30).")
        parser.add_argument("--output", default=None,
                            help="Write the data set's description (users, run, year) as JSON here (for locust).")

    def handle(self, *args, **options):
        result = national.build(members=options["members"], projects=options["projects"],
                                plan_time_limit=options["plan_time_limit"], log=self.stdout.write)
        if options["output"]:
            with open(options["output"], "w", encoding="utf-8") as handle:
                json.dump(result, handle, indent=1)
        self.stdout.write(f"Samarbejde '{result['slug']}': {len(result['members'])} medlemmer, plan {result['run']}, "
                          f"årsopgørelse {result['year']} v{result['statement']}; {len(result['users'])} brugere "
                          f"(adgangskode {result['password']}).")
