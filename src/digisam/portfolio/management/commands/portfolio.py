"""`digisam portfolio import FILE --municipality KODE [--dry-run]` and
`digisam portfolio export --municipality KODE --format csv|xlsx [-o FILE]`.

Runs as the system user through the audited service (channel IMPORT). Exit 0 on success; exit 2
with the row/column errors on stderr and nothing written."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from digisam.core import services
from digisam.core.models import Channel


class Command(BaseCommand):
    requires_system_checks = []
    help = "Import or export a municipality's IT systems and contracts (digisam template or KITOS)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="Import a template or KITOS files (xlsx or csv); KITOS's IT-systemer "
                                            "and IT-kontrakter exports may be given together (one dry run, one apply).")
        imp.add_argument("file", nargs="+")
        imp.add_argument("--municipality", help="Kommunekode; without it every row names its municipality.")
        imp.add_argument("--dry-run", action="store_true", help="Validate and report; write nothing.")
        sync = sub.add_parser("sync-kitos", help="Read the municipality's IT-system usages and contracts from the "
                                                  "KITOS API (settings KITOS_API_*) and import them.")
        sync.add_argument("--municipality", required=True, help="Kommunekode.")
        sync.add_argument("--dry-run", action="store_true", help="Validate and report; write nothing.")
        exp = sub.add_parser("export", help="Export in the import format.")
        exp.add_argument("--municipality", required=True, help="Kommunekode, or 'alle'.")
        exp.add_argument("--format", choices=["csv", "xlsx"], default="xlsx")
        exp.add_argument("--kind", choices=["template", "kitos_usages", "kitos_contracts"], default="template")
        exp.add_argument("-o", "--output", help="File to write (default: standard output for csv).")

    def handle(self, *args, **options):
        if options["action"] == "import":
            return self.do_import(options)
        if options["action"] == "sync-kitos":
            return self.do_sync(options)
        return self.do_export(options)

    def do_sync(self, options):
        from digisam.organisations.models import Organisation
        from digisam.portfolio import kitos_api

        organisation = Organisation.objects.filter(code=options["municipality"], kind="municipality").first()
        if organisation is None:
            raise CommandError(f"Ukendt kommunekode '{options['municipality']}'.", returncode=2)
        try:
            files = kitos_api.fetch(organisation)
        except kitos_api.KitosApiError as error:
            raise CommandError(str(error), returncode=2) from None
        self.stdout.write(f"Hentet fra KITOS: {', '.join(name for _d, name in files)}")
        return self.do_import(options, files=files)

    def do_import(self, options, files=None):
        from digisam.portfolio.importer import import_files

        if files is None:
            files = []
            for name in options["file"]:
                path = Path(name)
                if not path.is_file():
                    raise CommandError(f"Filen findes ikke: {path}", returncode=2)
                files.append((path.read_bytes(), path.name))
        result = import_files(files, user=services.SYSTEM, municipality=options.get("municipality"),
                              dry_run=options["dry_run"], channel=Channel.IMPORT)
        for line in result.notices:
            self.stdout.write("Bemærk: " + line)
        if not result.ok:
            for line in result.errors:
                self.stderr.write(line)
            for entry in result.unmapped:
                self.stderr.write(f"Uden kategori: {entry['label']} ({entry['key_kind']} {entry['key']}) – "
                                  f"{', '.join(entry['rows'])}")
            raise CommandError(f"Importen blev afvist: {len(result.errors)} fejl; intet er gemt.", returncode=2)
        for line in result.changes:
            self.stdout.write(line)
        for line in result.missing:
            self.stdout.write("Ikke længere i eksporten (bevaret): " + line)
        prefix = "Prøvekørsel (intet gemt): " if options["dry_run"] else "Indlæst: "
        self.stdout.write(prefix + result.summary())

    def do_export(self, options):
        from digisam.organisations.models import Organisation
        from digisam.portfolio import exports
        from digisam.portfolio.models import Contract, Usage

        code = options["municipality"]
        usages, contracts = Usage.objects.all(), Contract.objects.all()
        if code != "alle":
            org = Organisation.objects.filter(code=code, kind="municipality").first()
            if org is None:
                raise CommandError(f"Ukendt kommunekode '{code}'.", returncode=2)
            usages, contracts = usages.filter(organisation=org), contracts.filter(organisation=org)
        header, rows = exports.rows_for(options["kind"], usages, contracts, economy=lambda _id: True)
        data = exports.write_xlsx(header, rows, exports.SHEETS[options["kind"]]) if options["format"] == "xlsx" else exports.write_csv(header, rows)
        if options.get("output"):
            Path(options["output"]).write_bytes(data)
            self.stdout.write(f"Skrev {len(rows)} rækker til {options['output']}")
        elif options["format"] == "xlsx":
            raise CommandError("Angiv -o FIL for xlsx.", returncode=2)
        else:
            sys.stdout.buffer.write(data)
