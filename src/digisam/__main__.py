import sys

from digisam.cli import main

sys.exit(main())
