from django.core.management.base import BaseCommand, CommandError

from digisam.organisations.population_import import PopulationFileError, update_population


class Command(BaseCommand):
    help = (
        "Add newer population figures from a CSV file with the columns kommunekode, indbyggere, "
        "indbyggere_dato (and optionally kilde). All-or-nothing: any error names its row and column."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, **options):
        try:
            result = update_population(options["file"])
        except PopulationFileError as error:
            for problem in error.problems:
                self.stderr.write(problem)
            raise CommandError("Intet er gemt: ret filen og prøv igen.", returncode=2) from None
        self.stdout.write(
            f"Indbyggertal opdateret: {result.created} nye, {result.updated} ændrede, {result.unchanged} uændrede."
        )
