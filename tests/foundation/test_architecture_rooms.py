"""The "Where things live" table in docs/architecture.md matches the tree: for every digisam app, the
rooms it marks are the app's modules (or packages) and the "Also" column names every other one."""

import re
from pathlib import Path

from django.apps import apps

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "architecture.md"
ALWAYS = {"__init__", "apps", "migrations", "__pycache__"}


def _table():
    lines = DOC.read_text(encoding="utf-8").split("## Where things live", 1)[1].splitlines()
    header = next(line for line in lines if line.startswith("| App |"))
    columns = [cell.strip() for cell in header.strip("|").split("|")]
    rows = {}
    for line in lines:
        match = re.match(r"\| `(\w+)` \|", line)
        if not match or line.startswith("| `models`"):
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) != len(columns):
            continue
        row = dict(zip(columns, cells, strict=True))
        rooms = {name for name in columns[1:-1] if row[name] == "✓"}
        also = set(re.findall(r"`(\w+)`", row["Also"]))
        rows[match.group(1)] = (rooms, also)
    return columns[1:-1], rows


def _entries(path: Path) -> set[str]:
    names = set()
    for entry in path.iterdir():
        if entry.is_dir() or entry.suffix == ".py":
            names.add(entry.stem if entry.is_file() else entry.name)
    return names - ALWAYS


def test_the_table_lists_every_app():
    _rooms, rows = _table()
    ours = {config.label for config in apps.get_app_configs() if config.name.startswith("digisam.")}
    assert set(rows) == ours


def test_each_row_matches_the_app_folder():
    room_names, rows = _table()
    for label, (rooms, also) in rows.items():
        entries = _entries(Path(apps.get_app_config(label).path))
        assert entries & set(room_names) == rooms, label
        assert entries - set(room_names) == also, label
