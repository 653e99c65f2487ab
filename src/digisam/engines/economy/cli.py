"""Command line: ``digisam economy settle|explain SCENARIO.json``.

``settle`` writes the ``digisam.settlement-statement/1`` JSON (amounts in integer øre) to
``-o FILE`` or standard output; ``explain`` prints every line explained in Danish. An
unreadable file, invalid JSON or an invalid scenario prints every problem on standard
error and exits with status 2.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .engine import explain_text, settle
from .io import dumps_statement, load_scenario, loads_scenario
from .model import Scenario, ScenarioError

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="digisam economy", description="Annual cost-sharing settlement of a collaboration."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    p_settle = sub.add_parser("settle", help="compute the annual statement (JSON, integer øre)")
    p_settle.add_argument("scenario", help="digisam.settlement-scenario/1 JSON file ('-' for stdin)")
    p_settle.add_argument("-o", "--output", help="write the statement here instead of standard output")
    p_explain = sub.add_parser("explain", help="explain every line in Danish, in words and numbers")
    p_explain.add_argument("scenario", help="digisam.settlement-scenario/1 JSON file ('-' for stdin)")
    p_explain.add_argument("--member", help="only this member's lines and payments")
    return parser


def _load(path: str) -> Scenario:
    if path == "-":
        try:
            return loads_scenario(sys.stdin.read())
        except ScenarioError as exc:
            raise ScenarioError([f"<stdin>: {p}" for p in exc.problems]) from None
    return load_scenario(path)


def main(argv: list[str] | None = None) -> int:
    """Run the economy command line; returns the exit status (0 ok, 2 invalid input)."""
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:  # argparse: --help (0) or a usage error (2)
        return exc.code if isinstance(exc.code, int) else 2
    try:
        scenario = _load(args.scenario)
        statement = settle(scenario)
    except ScenarioError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 2
    if args.command == "settle":
        text = dumps_statement(statement) + "\n"
        if args.output:
            try:
                Path(args.output).write_text(text, encoding="utf-8")
            except OSError as exc:
                print(f"{args.output}: cannot write: {exc}", file=sys.stderr)
                return 2
        else:
            sys.stdout.write(text)
        return 0
    if args.member is not None and args.member not in {m.code for m in statement.members}:
        print(f"--member: unknown member {args.member}", file=sys.stderr)
        return 2
    sys.stdout.write(explain_text(statement, args.member))
    return 0
