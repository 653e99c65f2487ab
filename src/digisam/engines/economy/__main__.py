"""``python -m digisam.engines.economy settle|explain SCENARIO.json``."""

import sys

from .cli import main

raise SystemExit(main(sys.argv[1:]))
