"""Copy the front-end assets digisam serves itself (no CDN) from node_modules into the package.

Run after `npm ci`. The copies live in src/digisam/static/vendor/, which git ignores: they are
made again from package-lock.json on every install.
"""

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE = ROOT / "node_modules"
TARGET = ROOT / "src" / "digisam" / "static" / "vendor"

# The source maps go along: the minified files name them (sourceMappingURL), and `collectstatic` with
# the manifest storage of production stops on a reference to a file that is not there.
COPIES = [
    ("dkfds/dist/css/dkfds.min.css", "dkfds/css/dkfds.min.css"),
    ("dkfds/dist/css/dkfds.min.css.map", "dkfds/css/dkfds.min.css.map"),
    ("dkfds/dist/js/dkfds.min.js", "dkfds/js/dkfds.min.js"),
    ("dkfds/dist/js/dkfds.min.js.map", "dkfds/js/dkfds.min.js.map"),
    ("dkfds/dist/fonts", "dkfds/fonts"),
    ("dkfds/dist/img", "dkfds/img"),
    ("dkfds/dist/LICENSE.md", "dkfds/LICENSE.md"),
    ("htmx.org/dist/htmx.min.js", "htmx/htmx.min.js"),
]


def main() -> int:
    missing = [src for src, _ in COPIES if not (NODE / src).exists()]
    if missing:
        sys.stderr.write("Missing in node_modules (run `npm ci` first): " + ", ".join(missing) + "\n")
        return 1
    for src, dst in COPIES:
        source, target = NODE / src, TARGET / dst
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(source, target)
        else:
            shutil.copy2(source, target)
    sys.stdout.write(f"Assets copied to {TARGET.relative_to(ROOT)}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
