"""Helpers shared by the economy engine tests: build scenario documents and run the CLI."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from digisam.engines.economy.cli import main


def member(code: str, population: int = 10000, fte: Any = 1000, member_from: str | None = "2010-01-01",
           member_to: str | None = None, name: str = "") -> dict[str, Any]:
    return {"code": code, "name": name or f"Kommune {code}", "population": population, "fte": fte,
            "member_from": member_from, "member_to": member_to}


def scenario(members: list[dict], charges: list[dict] | None = None, host_costs: list[dict] | None = None,
             projects: list[dict] | None = None, proration: str = "none", settlement: str = "net_transfers",
             year: int = 2027) -> dict[str, Any]:
    return {"format": "digisam.settlement-scenario/1", "year": year, "proration": proration,
            "members": members, "charges": charges or [], "host_costs": host_costs or [],
            "projects": projects or [], "settlement": settlement}


def write(tmp_path: Path, document: Any, name: str = "scenario.json") -> Path:
    path = tmp_path / name
    path.write_text(document if isinstance(document, str) else json.dumps(document), encoding="utf-8")
    return path


def settle_cli(tmp_path: Path, document: Any, capsys) -> dict[str, Any]:
    """Run ``settle`` through the CLI and return the statement document."""
    path = write(tmp_path, document)
    out = tmp_path / "statement.json"
    assert main(["settle", str(path), "-o", str(out)]) == 0, capsys.readouterr().err
    return json.loads(out.read_text(encoding="utf-8"))


def problems_cli(tmp_path: Path, document: Any, capsys) -> list[str]:
    """Run ``settle`` on an invalid scenario; assert exit 2 and return the stderr lines."""
    path = write(tmp_path, document)
    assert main(["settle", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    return captured.err.splitlines()
