"""The `digisam` console command.

    digisam serve [ADDR:PORT]      run the web app (development server; production: gunicorn, see README)
    digisam demo                   migrate and load the demo collaborations and users
    digisam worker                 run the background task worker
    digisam plan solve|evaluate|baseline ...    the procurement planner, no database needed
    digisam economy settle|explain ...         the settlement engine, no database needed
    digisam <manage.py command>    anything manage.py offers (migrate, createsuperuser, ...)
"""

import os
import sys

ENGINE_COMMANDS = {
    "plan": "digisam.engines.planner.cli",
    "economy": "digisam.engines.economy.cli",
}


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv if argv is None else argv)
    command = argv[1] if len(argv) > 1 else "help"
    if command in ENGINE_COMMANDS:
        # Engines stand alone: no settings, no database.
        from importlib import import_module

        return import_module(ENGINE_COMMANDS[command]).main(argv[2:])
    if command in ("-h", "--help", "help") and len(argv) <= 2:
        sys.stdout.write(__doc__ + "\n")
        return 0
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "digisam.settings")
    if command == "serve":
        address = argv[2] if len(argv) > 2 else "127.0.0.1:8000"
        argv = [argv[0], "runserver", address, *argv[3:]]
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)
    return 0


if __name__ == "__main__":
    sys.exit(main())
