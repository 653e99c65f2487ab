"""Load benchmark (issue 15, target 3): gunicorn on PostgreSQL, locust with signed-in users of mixed
roles over the collaboration overview, a municipality's portfolio, the harmonisation page, the plan
result, the member's plan view, the annual statement and the API lists.

    # once: the demo and the data set in your own PostgreSQL database
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/digisam_load DIGISAM_VAR_DIR=$(mktemp -d)
    .venv/bin/digisam demo --quiet && .venv/bin/digisam benchmark_data --output $DIGISAM_VAR_DIR/dataset.json
    # every page answers 200 for every role, and each page's query count:
    .venv/bin/python benchmarks/load_bench.py --dataset $DIGISAM_VAR_DIR/dataset.json --probe
    # 50 users, 1-3 s think time, 5 minutes; then without think time (throughput):
    .venv/bin/python benchmarks/load_bench.py --dataset $DIGISAM_VAR_DIR/dataset.json --label "..."
    .venv/bin/python benchmarks/load_bench.py --dataset $DIGISAM_VAR_DIR/dataset.json --no-wait --users 20 \\
        --run-time 60s --label "..."

Needs the `bench` extra (`pip install -e '.[bench]'`: locust). Only loopback: gunicorn binds
127.0.0.1, locust targets it, and both stop after --run-time. The result (pages × count, failures,
median, p95, requests/s) is appended to benchmarks/results/load.md with `uptime` before and after,
since the machine may be shared.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import json
import os
import platform
import re
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
VENV_BIN = Path(sys.executable).parent
TARGET_P95_MS = 300


def uptime() -> str:
    try:
        return subprocess.run(["uptime"], capture_output=True, text=True, check=False).stdout.strip()  # noqa: S607
    except OSError:
        return "load average {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


def commit() -> str:
    result = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,  # noqa: S607
                            cwd=ROOT, check=False)
    return result.stdout.strip() or "?"


def start_gunicorn(port: int, workers: int) -> subprocess.Popen:
    env = {**os.environ, "DIGISAM_DEBUG": "0", "DIGISAM_DB_CONN_MAX_AGE": os.environ.get("DIGISAM_DB_CONN_MAX_AGE", "60"),
           "DIGISAM_LOG_LEVEL": "ERROR"}
    process = subprocess.Popen([str(VENV_BIN / "gunicorn"), "digisam.wsgi", "--bind", f"127.0.0.1:{port}",
                                "--workers", str(workers), "--timeout", "60", "--log-level", "warning"],
                               env=env, cwd=ROOT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/login/", timeout=5) as response:  # noqa: S310
                if response.status == 200:
                    return process
        except OSError:
            time.sleep(0.5)
    process.terminate()
    raise SystemExit("gunicorn did not answer within 60 s")


def stop(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()


def probe(dataset: dict, host: str) -> list[str]:
    """Every account signs in and fetches each of its pages once: (status, ms) per page."""
    import requests

    sys.path.insert(0, str(HERE / "load"))
    from pages import pages_for

    lines, bad = [], 0
    for username, role, code in dataset["users"]:
        session = requests.Session()
        session.get(host + "/login/", timeout=30)
        response = session.post(host + "/login/", data={
            "username": username, "password": dataset["password"], "next": "/",
            "csrfmiddlewaretoken": session.cookies.get("csrftoken", "")}, headers={"Referer": host + "/login/"},
            allow_redirects=False, timeout=30)
        if response.status_code != 302:
            lines.append(f"{username}: sign-in answered {response.status_code}")
            bad += 1
            continue
        for name, path in pages_for(dataset, role, code).items():
            started = time.monotonic()
            response = session.get(host + path, allow_redirects=False, timeout=60)
            ms = (time.monotonic() - started) * 1000
            if response.status_code != 200:
                bad += 1
            lines.append(f"{username:<24} {role:<16} {name:<28} {response.status_code} {ms:6.0f} ms  {path}")
    lines.append(f"{bad} failures")
    return lines


def run_locust(args, host: str, dataset_path: Path) -> tuple[list[dict], str]:
    prefix = Path(tempfile.mkdtemp(prefix="digisam-locust-")) / "run"
    env = {**os.environ, "DIGISAM_LOAD_DATASET": str(dataset_path), "DIGISAM_LOAD_WAIT": "0" if args.no_wait else "1"}
    command = [str(VENV_BIN / "locust"), "-f", str(HERE / "load" / "locustfile.py"), "--headless",
               "--users", str(args.users), "--spawn-rate", str(args.spawn_rate), "--run-time", args.run_time,
               "--host", host, "--csv", str(prefix), "--only-summary", "--stop-timeout", "10", "--loglevel", "WARNING"]
    if args.reset_stats:
        command.append("--reset-stats")
    subprocess.run(command, env=env, cwd=ROOT, check=False)
    with open(f"{prefix}_stats.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    failures = Path(f"{prefix}_failures.csv").read_text(encoding="utf-8") if Path(f"{prefix}_failures.csv").exists() \
        else ""
    return rows, failures


def report(args, rows: list[dict], failures: str, before: str, after: str) -> tuple[str, bool]:
    total = next(r for r in rows if r["Name"] == "Aggregated")
    pages = [r for r in rows if r["Name"] != "Aggregated" and not r["Name"].startswith("login")]
    # Pages per second, without the sign-ins (each costs a password hash): the throughput figure.
    seconds = int(total["Request Count"]) / float(total["Requests/s"]) if float(total["Requests/s"]) else 0
    page_rate = sum(int(r["Request Count"]) for r in pages) / seconds if seconds else 0.0
    mode = "no think time" if args.no_wait else "think time 1–3 s"
    ok = True
    lines = [
        f"### {args.label or 'run'}",
        "",
        f"{datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC, commit `{commit()}`, {platform.platform()}, "
        f"{os.cpu_count()} CPUs; gunicorn {args.workers} workers on PostgreSQL (loopback); locust {args.users} users, "
        f"{mode}, {args.run_time}.",
        "",
        f"- uptime before: `{before}`",
        f"- uptime after: `{after}`",
        f"- **{page_rate:.2f} pages/s** ({float(total['Requests/s']):.2f} requests/s with the sign-ins), "
        f"{total['Request Count']} requests, {total['Failure Count']} failures"
        + (" (counted from when all users had started)" if args.reset_stats else ""),
        "",
        "| Page | Requests | Failures | Median ms | p95 ms | Max ms | p95 ≤ 300 ms |",
        "|---|---:|---:|---:|---:|---:|:-:|",
    ]
    for row in sorted(pages, key=lambda r: r["Name"]):
        p95 = float(row["95%"])
        good = p95 <= TARGET_P95_MS and int(row["Failure Count"]) == 0
        ok = ok and good
        lines.append(f"| {row['Name']} | {row['Request Count']} | {row['Failure Count']} | {row['50%']} | "
                     f"{row['95%']} | {float(row['Max Response Time']):.0f} | {'✓' if good else '✗'} |")
    if failures.strip() and len(failures.splitlines()) > 1:
        lines += ["", "Failures:", "", "```", *failures.splitlines()[:20], "```"]
    lines.append("")
    return "\n".join(lines), ok and int(total["Failure Count"]) == 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", type=Path, required=True, help="JSON written by `digisam benchmark_data --output`")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--spawn-rate", type=float, default=10)
    parser.add_argument("--run-time", default="5m")
    parser.add_argument("--no-wait", action="store_true", help="No think time: the throughput run.")
    parser.add_argument("--reset-stats", action="store_true",
                        help="Count only from when every user has been started (locust --reset-stats).")
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--probe", action="store_true", help="Only fetch every page once per account.")
    parser.add_argument("--label", default="")
    parser.add_argument("--output", type=Path, default=HERE / "results" / "load.md")
    args = parser.parse_args()
    if not re.match(r"^postgres(ql)?://", os.environ.get("DATABASE_URL", "")):
        raise SystemExit("Set DATABASE_URL to the PostgreSQL database with the demo and the data set.")
    dataset = json.loads(args.dataset.read_text(encoding="utf-8"))
    host = f"http://127.0.0.1:{args.port}"
    server = start_gunicorn(args.port, args.workers)
    try:
        if args.probe:
            lines = probe(dataset, host)
            sys.stdout.write("\n".join(lines) + "\n")
            return 0 if lines[-1] == "0 failures" else 1
        before = uptime()
        rows, failures = run_locust(args, host, args.dataset)
        after = uptime()
    finally:
        stop(server)
    text, ok = report(args, rows, failures, before, after)
    sys.stdout.write(text + "\n")
    if args.output:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        with args.output.open("a", encoding="utf-8") as handle:
            handle.write(text + "\n")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
