"""Benchmark of the procurement planner on the shipped instances.

    python benchmarks/planner_bench.py [--time-limit 60] [--output benchmarks/results/planner.md]

Solves small, medium and national with the given time limit, checks every plan with the
evaluator and writes a Markdown table (time, plan cost, baseline, savings %, bound, gap), the
anytime gap the progress callback reported at 10, 20, 30, 60 and 120 s, and the machine's load
average (`os.getloadavg()`) before and after each instance: the machine is shared, so timings
are only comparable at similar loads. ``--only national`` runs one instance.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import time
from pathlib import Path

from digisam.engines.planner.evaluator import evaluate
from digisam.engines.planner.io import read_instance, read_plan
from digisam.engines.planner.milp import solver_threads
from digisam.engines.planner.solver import solve

HERE = Path(__file__).resolve().parent
INSTANCES = ("small", "medium", "national")


def _dkk(value: float | None) -> str:
    return "–" if value is None else f"{value:,.0f}".replace(",", " ")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--output", type=Path, default=HERE / "results" / "planner.md")
    parser.add_argument("--only", choices=INSTANCES, action="append")
    args = parser.parse_args()
    rows = []
    for name in args.only or INSTANCES:
        instance = read_instance(HERE / "instances" / f"{name}.json")
        load_before = os.getloadavg()
        states: list[dict] = []
        started = time.monotonic()
        result = solve(instance, time_limit=args.time_limit, progress=states.append)
        wall = time.monotonic() - started
        load_after = os.getloadavg()
        check = evaluate(instance, result.plan)
        assert check.feasible, check.violations
        report = check.report
        known = HERE / "instances" / f"{name}.optimum.json"
        optimum = None
        if known.exists():
            optimum = float(evaluate(instance, read_plan(known, instance)).total_cost)
        rows.append(
            {
                "name": name,
                "contracts": len(instance.in_scope_contracts()),
                "categories": len(instance.categories),
                "municipalities": len(instance.municipalities),
                "K": instance.max_parallel_joint_tenders,
                "time": wall,
                "cost": report["total_cost"],
                "baseline": report["baseline_cost"],
                "savings_pct": report["savings_pct"],
                "bound": result.lower_bound,
                "gap": result.gap,
                "status": result.status,
                "joint": report["joint_tenders"],
                "optimum": optimum,
                "log": result.log,
                "states": states,
                "load": (load_before[0], load_after[0]),
            }
        )
        print(
            f"{name}: {result.status} cost {report['total_cost']:.2f} baseline {report['baseline_cost']:.2f} "
            f"savings {report['savings_pct']:.2f}% bound {result.lower_bound} gap {result.gap} in {wall:.1f}s"
        )
    lines = [
        "# Procurement planner benchmark",
        "",
        f"Run {datetime.datetime.now(datetime.UTC).strftime('%Y-%m-%d %H:%M UTC')} with "
        f"`python benchmarks/planner_bench.py --time-limit {args.time_limit:g}` on {platform.machine()}, "
        f"{os.cpu_count()} cores (HiGHS threads {solver_threads()}), Python {platform.python_version()}.",
        "Every plan was checked by the evaluator (feasible). Costs in DKK over the 120-month horizon.",
        "",
        "| instance | contracts in scope | K | status | time (s) | plan cost | baseline | savings % | "
        "lower bound | gap % | joint tenders | load before/after |",
        "|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        gap = "–" if r["gap"] is None else f"{100 * r['gap']:.3f}"
        lines.append(
            f"| {r['name']} ({r['municipalities']}×{r['categories']}) | {r['contracts']} | {r['K']} | {r['status']} | "
            f"{r['time']:.1f} | {_dkk(r['cost'])} | {_dkk(r['baseline'])} | {r['savings_pct']:.2f} | "
            f"{_dkk(r['bound'])} | {gap} | {r['joint']} | {r['load'][0]:.1f} / {r['load'][1]:.1f} |"
        )
    lines += ["", "Anytime gap (the progress callback's last report at or before each time, % of the plan cost):", ""]
    marks = [m for m in (10, 20, 30, 60, 120) if m <= args.time_limit]
    lines.append("| instance | " + " | ".join(f"{m} s" for m in marks) + " |")
    lines.append("|---|" + "---:|" * len(marks))
    for r in rows:
        cells = []
        for m in marks:
            seen = [s for s in r["states"] if s["elapsed"] <= m and s["gap"] is not None]
            cells.append("–" if not seen else f"{100 * seen[-1]['gap']:.3f}")
        lines.append(f"| {r['name']} | " + " | ".join(cells) + " |")
    lines.append("")
    for r in rows:
        if r["optimum"] is not None:
            lines.append(
                f"Known optimum of {r['name']} (`{r['name']}.optimum.json`): {r['optimum']:.2f}; "
                f"planner: {r['cost']:.2f}."
            )
    lines += ["", "## Solver logs", ""]
    for r in rows:
        lines.append(f"### {r['name']}")
        lines.append("")
        lines += [f"- {entry}" for entry in r["log"]]
        lines.append("")
        lines.append("Progress reports (elapsed s: incumbent / bound / gap %):")
        lines.append("")
        for state in r["states"]:
            gap = "–" if state["gap"] is None else f"{100 * state['gap']:.3f}"
            lines.append(
                f"- {state['elapsed']:.1f} ({state['phase']}): {_dkk(state['incumbent'])} / {_dkk(state['bound'])} / {gap}"
            )
        lines.append("")
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
