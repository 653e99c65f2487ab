"""Server time and queries of the load benchmark's pages, in one process (no network, no gunicorn):
for each page and role of `benchmarks/load/pages.py`, the number of SQL queries and the median
wall and CPU time of --repeat requests through Django's test client, DEBUG off. CPU time is this
process's own, so it holds up better than wall time on a shared machine; the query count does not
depend on the machine at all.

    DATABASE_URL=postgres://…/digisam_load DIGISAM_VAR_DIR=… \\
        .venv/bin/python benchmarks/pages_bench.py --dataset dataset.json [--repeat 5] [--label …]

Also the annual statement (issue 15, target 5): the generation job of the data set's 98-member,
100-project year (`--statement`), timed around the task, and its page.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "load"))


def uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True, check=False).stdout.strip()  # noqa: S607


def measure(client, path, repeat):
    from django.db import connection

    client.get(path)  # warm: imports, template loading, caches
    walls, cpus = [], []
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    for _ in range(repeat):
        started, cpu = time.monotonic(), time.process_time()
        response = client.get(path)
        walls.append((time.monotonic() - started) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
    return len(queries), statistics.median(walls), statistics.median(cpus)


def statement_job(dataset) -> tuple[float, float]:
    """Generate a new statement version of the data set's year through the job (tasks run
    immediately here): wall and CPU seconds."""
    from django.contrib.auth import get_user_model

    from digisam.economy import tasks
    from digisam.economy.models import EconomyYear

    year = EconomyYear.objects.get(collaboration__slug=dataset["slug"], year=dataset["year"])
    user = get_user_model().objects.get(username=next(u for u, r, _c in dataset["users"] if r == "secretariat"))
    started, cpu = time.monotonic(), time.process_time()
    job = tasks.start_generation(year, user)
    wall, cpu = time.monotonic() - started, time.process_time() - cpu
    job.refresh_from_db()
    assert job.status == "succeeded", (job.status, job.message)
    return wall, cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", type=Path, required=True)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--label", default="")
    parser.add_argument("--statement", action="store_true", help="Also time the statement generation job.")
    parser.add_argument("--output", type=Path, default=HERE / "results" / "pages.md")
    args = parser.parse_args()
    os.environ["DIGISAM_DEBUG"] = "0"
    os.environ["DIGISAM_TASKS"] = "immediate"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "digisam.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client
    from pages import pages_for

    settings.ALLOWED_HOSTS = ["*"]
    dataset = json.loads(args.dataset.read_text(encoding="utf-8"))
    before = uptime()
    roles_seen = {}
    for username, role, code in dataset["users"]:
        roles_seen.setdefault(role, (username, code))
    rows = []
    User = get_user_model()
    for role, (username, code) in roles_seen.items():
        client = Client()
        client.force_login(User.objects.get(username=username))
        for name, path in pages_for(dataset, role, code).items():
            queries, wall, cpu = measure(client, path, args.repeat)
            rows.append((name, role, queries, wall, cpu))
    # The load benchmark's mix: each user requests its role's pages uniformly, so a page weighs
    # (users of the role) / (pages of the role). Server CPU per request in that mix bounds the
    # throughput of a CPU-bound server: its inverse is requests per CPU-second.
    users_per_role = {}
    for _username, role, _code in dataset["users"]:
        users_per_role[role] = users_per_role.get(role, 0) + 1
    pages_per_role = {role: sum(1 for r in rows if r[1] == role) for role in roles_seen}
    weights = [users_per_role[r[1]] / pages_per_role[r[1]] for r in rows]
    mix_cpu = sum(w * r[4] for w, r in zip(weights, rows, strict=True)) / sum(weights)
    mix_wall = sum(w * r[3] for w, r in zip(weights, rows, strict=True)) / sum(weights)
    mix_queries = sum(w * r[2] for w, r in zip(weights, rows, strict=True)) / sum(weights)
    job = statement_job(dataset) if args.statement else None
    after = uptime()
    lines = [
        f"### {args.label or 'run'}",
        "",
        f"{datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC, {platform.platform()}, {os.cpu_count()} CPUs, "
        f"database {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}; median of {args.repeat} requests "
        "per page (after one warm-up), Django test client in one process, DEBUG off.",
        "",
        f"- uptime before: `{before}`",
        f"- uptime after: `{after}`",
        "",
        "| Page | Role | Queries | Wall ms | CPU ms |",
        "|---|---|---:|---:|---:|",
    ]
    for name, role, queries, wall, cpu in sorted(rows):
        lines.append(f"| {name} | {role} | {queries} | {wall:.0f} | {cpu:.0f} |")
    lines += ["", f"Mix of the load benchmark (weighted by users per role): **{mix_cpu:.0f} ms CPU** per request, "
              f"{mix_wall:.0f} ms wall, {mix_queries:.1f} queries — at most {1000 / mix_cpu:.1f} requests per "
              "CPU-second."]
    if job:
        lines += ["", f"Statement generation job (98 members, {dataset.get('projects', 100)} projects): "
                  f"{job[0]:.2f} s wall, {job[1]:.2f} s CPU (target ≤ 2 s)."]
    lines.append("")
    text = "\n".join(lines)
    sys.stdout.write(text + "\n")
    with args.output.open("a", encoding="utf-8") as handle:
        handle.write(text + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
