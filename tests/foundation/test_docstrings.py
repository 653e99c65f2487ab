"""Every public view and API class says what it is for: each module-level function or class whose name
does not start with `_` in an app's `views.py`, `*_views.py` or `api.py` has a docstring (issue 16,
item 7). Read with `ast`, so nothing is imported."""

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "digisam"


def _view_modules():
    for app in sorted(path for path in SRC.iterdir() if path.is_dir()):
        yield from sorted(app.glob("views.py"))
        yield from sorted(app.glob("*_views.py"))
        yield from sorted(app.glob("api.py"))


def _undocumented(path):
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in tree.body:
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            continue
        if node.name.startswith("_") or ast.get_docstring(node):
            continue
        yield f"{path.relative_to(SRC.parent)}:{node.lineno} {node.name}"


def test_view_modules_are_found():
    names = {path.name for path in _view_modules()}
    assert {"views.py", "api.py"} <= names


def test_every_public_view_and_api_class_has_a_docstring():
    missing = [line for path in _view_modules() for line in _undocumented(path)]
    assert not missing, "Public views and API classes without a docstring:\n" + "\n".join(missing)
