"""Locust load of digisam (issue 15, target 3): signed-in users of mixed roles over the pages of
`pages.py`. Started by `benchmarks/load_bench.py`, which also starts gunicorn; by hand:

    DIGISAM_LOAD_DATASET=dataset.json locust -f benchmarks/load/locustfile.py --host http://127.0.0.1:8765

Each simulated user signs in as the next account of the data set (so 50 users are 50 different
accounts of five roles), then requests a random page of its role. Think time 1–3 s, or none with
DIGISAM_LOAD_WAIT=0 (the throughput run). Anything but 200 is a failure."""

from __future__ import annotations

import itertools
import json
import os
import random
import sys
from pathlib import Path

from locust import HttpUser, between, constant, task

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pages import pages_for  # noqa: E402

DATASET = json.loads(Path(os.environ["DIGISAM_LOAD_DATASET"]).read_text(encoding="utf-8"))
ACCOUNTS = itertools.cycle(DATASET["users"])
NO_WAIT = os.environ.get("DIGISAM_LOAD_WAIT") == "0"


class SignedInUser(HttpUser):
    wait_time = constant(0) if NO_WAIT else between(1, 3)

    def on_start(self):
        self.username, self.role, self.code = next(ACCOUNTS)
        self.pages = list(pages_for(DATASET, self.role, self.code).items())
        self.client.get("/login/", name="login (form)")
        token = self.client.cookies.get("csrftoken", "")
        with self.client.post("/login/", data={"username": self.username, "password": DATASET["password"],
                                               "csrfmiddlewaretoken": token, "next": "/"},
                              headers={"Referer": self.host + "/login/"}, name="login", allow_redirects=False,
                              catch_response=True) as response:
            if response.status_code != 302:
                response.failure(f"{self.username} could not sign in: {response.status_code}")

    @task
    def page(self):
        name, path = random.choice(self.pages)
        with self.client.get(path, name=name, allow_redirects=False, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"{self.role} {path}: {response.status_code}")
