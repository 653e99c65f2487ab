"""More than one machine, rehearsed on this one: two gunicorn servers and two RQ workers against one
PostgreSQL database (this test's own) and the machine's Redis (127.0.0.1:6379, a database index of its
own). Through the servers: a login shared by both, a portfolio import (dry run and apply, as jobs) and
a plan run; then a worker is killed in the middle of a plan run and the run is marked failed — no
plan half-written, the user told on the job page — while the other worker goes on with the next run.

Only loopback addresses; every wait is bounded. PostgreSQL only (SQLite is one machine by design).
"""

import contextlib
import http.cookiejar
import json
import os
import secrets
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.db import connection
from django.test import override_settings

ROOT = Path(__file__).resolve().parents[2]
BIN = ROOT / ".venv" / "bin"
REDIS = ("127.0.0.1", 6379)
PASSWORD = "test-password-123"

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def _redis_up():
    with contextlib.suppress(OSError), socket.create_connection(REDIS, timeout=1):
        return True
    return False


@pytest.fixture
def redis_db():
    """A Redis database index nobody else is using now (claimed with a lock key in database 0)."""
    if connection.vendor != "postgresql":
        pytest.skip("several machines share PostgreSQL; this runs in the PostgreSQL pass of the suite")
    if not _redis_up():
        pytest.fail("Redis is not answering on 127.0.0.1:6379 (scripts/setup.sh --test installs and starts it)")
    import redis

    lock = redis.Redis(*REDIS, db=0)
    token = secrets.token_hex(8)
    for index in range(1, 16):
        if lock.set(f"digisam-test:redis-db:{index}", token, nx=True, ex=900):
            break
    else:
        pytest.fail("no free Redis database index (1–15) to run in")
    mine = redis.Redis(*REDIS, db=index)
    mine.flushdb()
    yield index
    mine.flushdb()
    if lock.get(f"digisam-test:redis-db:{index}") == token.encode():
        lock.delete(f"digisam-test:redis-db:{index}")


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _database_url():
    s = connection.settings_dict
    password = f":{urllib.parse.quote(s['PASSWORD'])}" if s.get("PASSWORD") else ""
    return f"postgres://{urllib.parse.quote(s['USER'])}{password}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


class Cluster:
    def __init__(self, tmp_path, redis_index):
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("DIGISAM_") and k != "DATABASE_URL"}
        self.env.update({
            "DATABASE_URL": _database_url(), "DIGISAM_TASKS_BACKEND": "rq",
            "DIGISAM_REDIS_URL": f"redis://127.0.0.1:6379/{redis_index}", "DIGISAM_DEBUG": "0",
            "DIGISAM_SECRET_KEY": secrets.token_urlsafe(50), "DIGISAM_VAR_DIR": str(tmp_path / "var"),
            "DIGISAM_MEDIA_ROOT": str(tmp_path / "shared-media"), "DIGISAM_JOB_HEARTBEAT_TIMEOUT": "6",
            "DIGISAM_DB_CONN_MAX_AGE": "0", "PYTHONUNBUFFERED": "1",
        })
        self.tmp = tmp_path
        self.servers, self.workers, self.logs = [], [], []

    def _spawn(self, name, args):
        log = open(self.tmp / f"{name}.log", "w")  # noqa: SIM115 - closed in stop()
        self.logs.append(log)
        return subprocess.Popen(args, env=self.env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
                                start_new_session=True)

    def start(self):
        for n in range(2):
            port = _free_port()
            process = self._spawn(f"gunicorn-{n}", [str(BIN / "gunicorn"), "digisam.wsgi", "--bind",
                                                    f"127.0.0.1:{port}", "--workers", "1", "--threads", "4",
                                                    "--timeout", "120", "--no-control-socket"])
            self.servers.append((f"http://127.0.0.1:{port}", process))
        for n in range(2):
            self.workers.append(self._spawn(f"worker-{n}", [str(BIN / "digisam"), "worker", "--name",
                                                            f"worker-{n}-{secrets.token_hex(3)}"]))
        deadline = time.monotonic() + 90
        for url, process in self.servers:
            while True:
                assert process.poll() is None, self.log_text()
                with contextlib.suppress(OSError, urllib.error.URLError):
                    with urllib.request.urlopen(f"{url}/health/ready/", timeout=5) as response:  # noqa: S310
                        if json.load(response)["status"] == "ok":
                            break
                assert time.monotonic() < deadline, "server not ready in 90 s\n" + self.log_text()
                time.sleep(0.5)

    def kill_group(self, process):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)

    def children(self, pid):
        """Processes whose parent is `pid` (RQ's work horses run in sessions of their own)."""
        found = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            with contextlib.suppress(OSError, IndexError, ValueError):
                if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    found.append(int(stat.parent.name))
        return found

    def stop(self):
        for worker in self.workers:
            for horse in self.children(worker.pid):
                with contextlib.suppress(ProcessLookupError):
                    os.kill(horse, signal.SIGKILL)
        for process in [p for _, p in self.servers] + self.workers:
            if process.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGTERM)
        for process in [p for _, p in self.servers] + self.workers:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill_group(process)
        for log in self.logs:
            log.close()

    def log_text(self):
        return "\n".join(f"--- {p.name}\n{p.read_text()[-3000:]}" for p in sorted(self.tmp.glob("*.log")))


class Browser:
    """A user's browser: one cookie jar, any of the servers (the session is shared)."""

    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def csrf(self):
        return next(c.value for c in self.jar if c.name == "csrftoken")

    def get(self, url):
        with self.opener.open(url, timeout=60) as response:
            return response.geturl(), response.read().decode()

    def post(self, url, fields=None, files=None):
        fields = dict(fields or {}, csrfmiddlewaretoken=self.csrf())
        headers = {"Referer": url, "X-CSRFToken": self.csrf()}
        if files:
            boundary = secrets.token_hex(12)
            parts = []
            for key, value in fields.items():
                parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode())
            for key, (filename, data) in files.items():
                parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"; filename="{filename}"\r\n'
                             f"Content-Type: text/csv\r\n\r\n".encode() + data + b"\r\n")
            body = b"".join(parts) + f"--{boundary}--\r\n".encode()
            headers["Content-Type"] = f"multipart/form-data; boundary={boundary}"
        else:
            body = urllib.parse.urlencode(fields).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        request = urllib.request.Request(url, data=body, headers=headers, method="POST")  # noqa: S310
        with self.opener.open(request, timeout=60) as response:
            return response.geturl(), response.read().decode()

    def login(self, server, username):
        self.get(f"{server}/login/")
        url, _ = self.post(f"{server}/login/", {"username": username, "password": PASSWORD})
        assert "/login/" not in url, "login failed"


def _wait(predicate, seconds, what):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.25)
    raise AssertionError(f"not within {seconds} s: {what}")


def _job_id(url):
    assert "/job/" in url, url
    return int(url.rstrip("/").rsplit("/", 1)[1])


@pytest.fixture
def cluster(tmp_path, redis_db):
    made = Cluster(tmp_path, redis_db)
    try:
        made.start()
        yield made
    finally:
        made.stop()
        print(made.log_text())  # noqa: T201 - shown by pytest only when the test failed


@pytest.fixture
def people(django_user_model):
    import datetime

    from django.apps import apps
    from factories.planning import simple_scenario, tiny_portfolio

    from digisam.collaborations.models import Collaboration, Membership
    from digisam.core.models import Role, RoleAssignment
    from digisam.organisations import reference
    from digisam.organisations.models import Organisation

    if not Organisation.objects.filter(kind="municipality").exists():
        reference.load_reference_data(apps)  # a transactional test before this one flushed it
    collaboration = Collaboration.objects.create(name="Klyngesamarbejdet", slug="klynge", purposes=["procurement"],
                                                 organisation_form="association", published=True)
    members = [Organisation.objects.get(code=code) for code in ("165", "151")]
    for organisation in members:
        Membership.objects.create(collaboration=collaboration, organisation=organisation, status="active",
                                  joined_on=datetime.date(2020, 1, 1))
    tiny_portfolio(collaboration, members)
    scenario = simple_scenario(collaboration, name="Basis", time_limit=5)
    # The servers run with the real hashers (the suite's own fast hasher is for the test process only).
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.PBKDF2PasswordHasher"]):
        for name, role, scope in (("sekretariat", Role.SECRETARIAT, {"collaboration": collaboration}),
                                  ("koordinator", Role.COORDINATOR, {"organisation": members[0]})):
            user = django_user_model.objects.create_user(username=name, password=PASSWORD)
            RoleAssignment.objects.create(user=user, role=role, **scope)
    return {"collaboration": collaboration, "scenario": scenario}


def _big_run(collaboration):
    """A plan run holding the national benchmark instance (98 municipalities): the planner needs its
    whole time limit for it, so a worker can be killed while it solves."""
    from digisam.planning.models import PlanRun, RunStatus

    instance = json.loads((ROOT / "benchmarks" / "instances" / "national.json").read_text())
    return PlanRun.objects.create(collaboration=collaboration, scenario_name="Landsdækkende", time_limit=90,
                                  instance=instance, status=RunStatus.SUCCEEDED)


def test_two_servers_and_two_workers_share_the_work_and_a_killed_worker_fails_its_run_cleanly(cluster, people):
    from digisam.core.models import Job, JobStatus
    from digisam.planning.models import PlanRun, RunStatus
    from digisam.portfolio import exports, formats
    from digisam.portfolio.models import Contract

    (a, _), (b, _) = cluster.servers
    secretariat, coordinator = Browser(), Browser()
    secretariat.login(a, "sekretariat")
    coordinator.login(b, "koordinator")
    # One session, either server: logged in on A, served by B.
    url, html = secretariat.get(f"{b}/udbudsplan/klynge/")
    assert "/login/" not in url and "Basis" in html

    # An import through server B (dry run and apply are jobs on the workers; the file on shared storage).
    header = [h for h, _k, _t in formats.TEMPLATE_COLUMNS]
    row = {"Kommunekode": "165", "Kategori": "testsystem", "Produkt": "Klyngesystem", "Leverandør": "Klynge A/S",
           "Livscyklus": "I drift", "Kontrakt ID": "K-KLYNGE-1", "Kontraktnavn": "Klyngekontrakt",
           "Gyldig fra": "2022-07-01", "Gyldig til": "2030-06-30", "Opsigelsesfrist (måneder)": "6",
           "Opsigelse til udgangen af": "måned", "Drift/år": "1.250.000", "Andet": "0", "Anskaffelse": "0"}
    data = exports.write_csv(header, [[row.get(h, "") for h in header]])
    url, _ = coordinator.post(f"{b}/portefoelje/kommune/165/import/", files={"file": ("klynge.csv", data)})
    dry = _job_id(url)
    _wait(lambda: Job.objects.get(pk=dry).done, 60, "the dry run")
    assert Job.objects.get(pk=dry).status == JobStatus.SUCCEEDED, Job.objects.get(pk=dry).error
    review = Job.objects.get(pk=dry).result_url
    url, _ = coordinator.post(f"{a}{review}")
    applied = _job_id(url)
    _wait(lambda: Job.objects.get(pk=applied).done, 60, "the import")
    assert Job.objects.get(pk=applied).status == JobStatus.SUCCEEDED, Job.objects.get(pk=applied).error
    assert Contract.objects.filter(contract_id="K-KLYNGE-1", organisation__code="165").count() == 1

    # A plan run through server A, solved by a worker.
    url, _ = secretariat.post(f"{a}/udbudsplan/klynge/scenarier/{people['scenario'].pk}/koer/")
    first = _job_id(url)
    _wait(lambda: Job.objects.get(pk=first).done, 90, "the first plan run")
    first_run = PlanRun.objects.get(job_id=first)
    assert first_run.status == RunStatus.SUCCEEDED and first_run.plan, first_run.error

    # A long plan run; its worker is killed (with its work horse) in the middle of the solve.
    big = _big_run(people["collaboration"])
    url, _ = secretariat.post(f"{b}/udbudsplan/beregninger/{big.pk}/genberegn/")
    doomed = _job_id(url)
    job = _wait(lambda: Job.objects.filter(pk=doomed, status=JobStatus.RUNNING).exclude(worker="").first(), 60,
                "the long run to start")
    time.sleep(2)  # well inside the solve (90 s time limit)
    assert Job.objects.get(pk=doomed).status == JobStatus.RUNNING
    horse = int(job.worker.rsplit(":", 1)[1])  # RQ solves in a forked "work horse" in its own session
    parent = int(Path(f"/proc/{horse}/stat").read_text().rsplit(")", 1)[1].split()[1])
    victim = next(w for w in cluster.workers if parent == w.pid)
    # As if its machine were lost: the worker and its work horse die at once, without a word.
    os.killpg(os.getpgid(horse), signal.SIGKILL)
    cluster.kill_group(victim)

    # The surviving worker notices the silence and fails the job and its run; nothing half-written.
    _wait(lambda: Job.objects.get(pk=doomed).status == JobStatus.FAILED, 60, "the abandoned job marked failed")
    run = _wait(lambda: PlanRun.objects.filter(job_id=doomed, status=RunStatus.FAILED).first(), 30,
                "the abandoned run marked failed")
    assert run.plan is None and run.total_cost is None and run.savings is None
    assert "baggrundsprocessen stoppede" in run.error
    # The user is told on the job page (through either server).
    _, page = secretariat.get(f"{a}/job/{doomed}/")
    assert 'data-status="failed"' in page and "baggrundsprocessen stoppede" in page and "Start det igen" in page

    # Nothing lost: the other worker takes the next run to the end.
    url, _ = secretariat.post(f"{b}/udbudsplan/klynge/scenarier/{people['scenario'].pk}/koer/")
    after = _job_id(url)
    _wait(lambda: Job.objects.get(pk=after).done, 90, "the run after the kill")
    assert PlanRun.objects.get(job_id=after).status == RunStatus.SUCCEEDED
    assert Job.objects.get(pk=after).worker.rsplit(":", 1)[0] == job.worker.rsplit(":", 1)[0]  # same machine
