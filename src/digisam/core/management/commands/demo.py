from django.core.management import call_command
from django.core.management.base import BaseCommand

from digisam.demo import loader


class Command(BaseCommand):
    help = "Migrate and load the demo collaborations, their data and one demo user per role (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--no-migrate", action="store_true", help="Do not run migrate first.")
        parser.add_argument("--quiet", action="store_true", help="Do not print the demo users.")

    def handle(self, *args, **options):
        if not options["no_migrate"]:
            call_command("migrate", interactive=False, verbosity=0)
        users = loader.load(log=self.stdout.write if not options["quiet"] else (lambda *_: None))
        if not options["quiet"]:
            self.stdout.write("")
            self.stdout.write(self.style.SUCCESS(f"Demo-brugere (adgangskode for alle: {loader.DEMO_PASSWORD}):"))
            for username, description in users:
                self.stdout.write(f"  {username:<14} {description}")
