"""Benchmark of the operations & competence engines (pure Python, no database):

- SLA figures for 100,000 tickets over a year, 30 members, 4 services × 4 priorities (target ≤ 3 s);
- staffing proposals for 500 people × 200 requests (target ≤ 1 s).
Also reported, without a target: reading the same 100,000 tickets from export rows.

    python benchmarks/operations_bench.py [--output benchmarks/results/operations.md] [--repeat 5]
"""

from __future__ import annotations

import argparse
import datetime
import platform
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

CPU: dict[int, float] = {}
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

from digisam.engines import sla, staffing  # noqa: E402

SERVICES = ["Drift", "Arbejdsplads", "Fagsystemer", "Netværk"]
MEMBERS = [f"{100 + i}" for i in range(30)]


def sla_input(n: int = 100_000, seed: int = 1):
    rng = random.Random(seed)
    start = datetime.datetime(2026, 1, 1)
    tickets = []
    for i in range(n):
        opened = start + datetime.timedelta(minutes=rng.randint(0, 365 * 24 * 60 - 1))
        response = rng.randint(1, 600)
        resolved = None if rng.random() < 0.02 else opened + datetime.timedelta(minutes=response + rng.randint(1, 5000))
        tickets.append(sla.Ticket(ident=str(i), member=rng.choice(MEMBERS), service=rng.choice(SERVICES),
                                  priority=rng.choice("1234"), opened=opened,
                                  first_response=opened + datetime.timedelta(minutes=response), resolved=resolved))
    targets = [sla.Target(service=s, priority=p, response_minutes=r, resolution_minutes=q,
                          credit_per_breach=Decimal("500") if p == "1" else Decimal(0))
               for s in SERVICES for p, r, q in (("1", 15, 240), ("2", 60, 480), ("3", 240, 2400), ("4", 480, 7200))]
    terms = [sla.ServiceTerms(service=s, availability_target=Decimal("99.5"), credit_cap=Decimal("25000"))
             for s in SERVICES]
    return tickets, targets, terms


def staffing_input(people: int = 500, requests: int = 200, seed: int = 2):
    rng = random.Random(seed)
    competences = [f"k{i}" for i in range(40)]
    orgs = [f"o{i}" for i in range(30)]
    persons = [staffing.Person(ident=f"p{i}", organisation=rng.choice(orgs),
                               competences={c: rng.randint(1, 4) for c in rng.sample(competences, rng.randint(1, 5))},
                               free_hours=Decimal(rng.randint(0, 1600))) for i in range(people)]
    needs = [staffing.Request(ident=f"r{i}", competence=rng.choice(competences), min_level=rng.randint(1, 4),
                              hours=Decimal(rng.randint(20, 1200)), organisations=frozenset(orgs))
             for i in range(requests)]
    return persons, needs


def timed(function, repeat):
    times, cpu = [], []
    result = None
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        result = function()
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    CPU[id(times)] = statistics.median(cpu)
    return times, result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=HERE / "results" / "operations.md")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    tickets, targets, terms = sla_input()
    end = datetime.datetime(2027, 1, 1)
    sla_times, figures = timed(lambda: sla.compute(tickets, targets, terms, period_end=end), args.repeat)
    header = ["Number", "Kommune", "Service", "Priority", "Created", "First response", "Resolved"]
    fmt = "%Y-%m-%d %H:%M"
    rows = [(i + 2, [t.ident, t.member, t.service, t.priority, t.opened.strftime(fmt), t.first_response.strftime(fmt),
                     t.resolved.strftime(fmt) if t.resolved else ""]) for i, t in enumerate(tickets)]
    members = {m: m for m in MEMBERS}
    parse_times, (parsed, errors) = timed(lambda: sla.parse_tickets(header, rows, member_of=members.get,
                                                                    services=SERVICES), max(1, args.repeat // 2))
    assert not errors and len(parsed) == len(tickets)
    persons, needs = staffing_input()
    staffing_times, proposals = timed(lambda: staffing.propose(persons, needs), args.repeat)
    used: dict[str, Decimal] = {}
    for proposal in proposals:
        for c in proposal.candidates:
            used[c.person] = used.get(c.person, Decimal(0)) + c.proposed
    free = {p.ident: p.free_hours for p in persons}
    assert all(h <= free[p] for p, h in used.items()), "over-allocated"

    def line(name, times, target):
        best, median = min(times), statistics.median(times)
        verdict = "" if target is None else ("ok" if median <= target else "TOO SLOW")
        limit = "–" if target is None else f"≤ {target} s"
        return f"| {name} | {best:.3f} s | {median:.3f} s | {CPU[id(times)]:.3f} s | {limit} | {verdict} |"

    text = "\n".join([
        "# Operations & competence engines benchmark",
        "",
        f"Run {datetime.datetime.now():%Y-%m-%d %H:%M} on {platform.node()} (Python {platform.python_version()}, "
        f"{platform.machine()}), {args.repeat} repetitions; `python benchmarks/operations_bench.py`.",
        "The machine was shared with other developers' test runs, so medians are pessimistic.",
        "",
        "| what | best (wall) | median (wall) | median CPU | target | |",
        "|---|---|---|---|---|---|",
        line(f"SLA figures: {len(tickets):,} tickets, {len(MEMBERS)} members, {len(SERVICES)} services "
             f"({len(figures.cells):,} cells)", sla_times, 3),
        line(f"Staffing proposals: {len(persons)} people × {len(needs)} requests "
             f"({sum(1 for p in proposals if p.covered):,} requests covered)", staffing_times, 1),
        line(f"Reading {len(rows):,} ticket rows (validation, no target)", parse_times, None),
        "",
        "Database work is not included: the page reads the tickets with one `values_list` query "
        "(operations.adapter.figures); the import writes each ticket through the audited service.",
        "",
    ])
    args.output.write_text(text, encoding="utf-8")
    print(text)  # noqa: T201
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
