"""Command line of the procurement planner: ``digisam plan solve|evaluate|baseline``.

Exit codes: 0 success (``evaluate``: the plan is feasible), 1 the evaluated plan breaks a
rule (``solve``: no plan honours the instance's ``must_tender_together`` groups, nothing is
written), 2 invalid instance, unreadable file or bad usage.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .baseline import baseline_plan
from .evaluator import evaluate
from .io import PlanFormatError, plan_to_data, read_instance, read_plan, write_json
from .solver import solve
from .validation import InstanceError


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="digisam plan", description="Joint procurement planner.")
    sub = parser.add_subparsers(dest="command", required=True)
    p_solve = sub.add_parser("solve", help="plan an instance and write a digisam.plan/1 file")
    p_solve.add_argument("instance", type=Path)
    p_solve.add_argument("-o", "--output", type=Path, required=True, help="plan file to write")
    p_solve.add_argument("--time-limit", type=float, default=60.0, help="seconds (default 60)")
    p_eval = sub.add_parser("evaluate", help="check a plan against an instance and recompute its figures")
    p_eval.add_argument("instance", type=Path)
    p_eval.add_argument("plan", type=Path)
    p_base = sub.add_parser("baseline", help="figures of the baseline: everyone alone, at expiry")
    p_base.add_argument("instance", type=Path)
    return parser


def _print_json(data: object) -> None:
    print(json.dumps(data, indent=1, ensure_ascii=False))


def main(argv: list[str]) -> int:
    """Run the planner command line with ``argv`` (without the program name); return the exit code."""
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code) if isinstance(exc.code, int) else 2
    plan_path = getattr(args, "plan", None)
    try:
        instance = read_instance(args.instance)
        plan = read_plan(plan_path, instance) if plan_path is not None else None
    except InstanceError as exc:
        print(f"error: {args.instance}: {exc}", file=sys.stderr)
        return 2
    except PlanFormatError as exc:
        print(f"error: {plan_path}: {exc}", file=sys.stderr)
        return 2
    except (OSError, ValueError) as exc:
        print(f"error: cannot read input: {exc}", file=sys.stderr)
        return 2

    if args.command == "solve":
        if args.time_limit <= 0:
            print("error: --time-limit must be positive", file=sys.stderr)
            return 2
        result = solve(instance, time_limit=args.time_limit)
        if result.plan is None:
            # must_tender_together groups that cannot be honoured: no plan is written
            _print_json(
                {
                    "plan": None,
                    "status": result.status,
                    "problems": result.group_problems,
                    "runtime_seconds": round(result.runtime_seconds, 3),
                }
            )
            print(f"error: no plan written ({result.status}):", file=sys.stderr)
            for problem in result.group_problems:
                print(f"  - {problem}", file=sys.stderr)
            return 1
        document = plan_to_data(result.plan, instance)
        document.update(result.report())
        try:
            write_json(document, args.output)
        except OSError as exc:
            print(f"error: cannot write {args.output}: {exc}", file=sys.stderr)
            return 2
        _print_json(
            {
                "plan": str(args.output),
                "status": result.status,
                "total_cost": document["total_cost"],
                "baseline_cost": document["baseline_cost"],
                "savings": document["savings"],
                "savings_pct": document["savings_pct"],
                "lower_bound": document["lower_bound"],
                "gap": document["gap"],
                "runtime_seconds": document["runtime_seconds"],
            }
        )
        return 0
    if args.command == "evaluate":
        assert plan is not None
        evaluation = evaluate(instance, plan)
        _print_json(evaluation.report)
        if not evaluation.feasible:
            print(f"infeasible plan {plan_path}:", file=sys.stderr)
            for violation in evaluation.violations:
                print(f"  - {violation}", file=sys.stderr)
            return 1
        return 0
    baseline = baseline_plan(instance)
    report = plan_to_data(baseline, instance)
    report.update(evaluate(instance, baseline).report)
    _print_json(report)
    return 0
