from django.core.management.base import BaseCommand

from digisam.core import services

from ... import services as initiative_services


class Command(BaseCommand):
    help = "Notify (in the app and by e-mail) about GO/no-GO gates due within --days, and close votes past their deadline."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=14, help="Remind of gates due within this many days.")
        parser.add_argument("--no-close", action="store_true", help="Do not close votes past their deadline.")

    def handle(self, *args, days, no_close, **options):
        with services.operation():
            gates = initiative_services.notify_gates_due(days=days)
            closed = [] if no_close else initiative_services.close_due_proposals()
        for gate in gates:
            self.stdout.write(f"Påmindelse sendt: {gate}")
        for proposal in closed:
            self.stdout.write(f"Afstemning afsluttet: {proposal} ({proposal.get_outcome_display()})")
        self.stdout.write(self.style.SUCCESS(f"{len(gates)} beslutningspunkt(er), {len(closed)} afstemning(er)."))
