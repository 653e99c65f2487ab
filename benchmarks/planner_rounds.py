"""Bound (and master plan) per round of the planner's two month-price methods, independent of load.

    python benchmarks/planner_rounds.py medium cg 15   # column generation, 15 rounds
    python benchmarks/planner_rounds.py medium sg 15   # subgradient steps (the former method)

Builds the heuristic solution (greedy + local search), then runs ``_column_generation`` or
``_subgradient_bound`` for the given number of rounds without a deadline and prints the
bound, the master plan's cost (column generation), the time taken and the method's log.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from digisam.engines.planner import solver as planner
from digisam.engines.planner.io import read_instance
from digisam.engines.planner.milp import HighsBackend

HERE = Path(__file__).resolve().parent


def main() -> int:
    name, method, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
    data = planner._Data(read_instance(HERE / "instances" / f"{name}.json"))
    backend = HighsBackend()
    heuristic = planner._local_search(
        data, planner._greedy(data, time.monotonic() + 600), time.monotonic() + 600
    )
    trivial = sum(planner._category_trivial_bound(data, ci) for ci in range(len(data.cats)))
    log: list[str] = []
    began = time.monotonic()
    if method == "sg":
        price = planner._capacity_price(data, heuristic)
        upper = planner._solution_cost(data, heuristic)
        bound = planner._subgradient_bound(
            data, backend, price, upper, time.monotonic() + 1e6, log, trivial, max_iterations=rounds
        )
        print(f"bound {bound:.2f}")
    else:
        progress = planner._Progress(None, began)
        bound, plan = planner._column_generation(
            data, backend, heuristic, time.monotonic() + 1e6, log, trivial, progress, max_rounds=rounds
        )
        print(f"bound {bound:.2f} master plan {planner._solution_cost(data, plan):.2f}")
    print(f"heuristic {planner._solution_cost(data, heuristic):.2f}; {time.monotonic() - began:.1f}s after it")
    print("\n".join(log))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
