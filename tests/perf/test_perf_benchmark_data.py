"""Smoke of the load benchmark's data set (`digisam benchmark_data`) and its page list: a small
version builds, a second run changes nothing, and every page of every role answers 200."""

import io
import json
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks" / "load"))


@pytest.mark.slow
def test_a_small_data_set_builds_once_and_every_page_of_every_role_answers(db, tmp_path, client_for):
    from django.contrib.auth import get_user_model
    from pages import pages_for

    from digisam.core.models import AuditEntry
    from digisam.economy.models import MemberStatement, Project
    from digisam.planning.models import PlanRun

    output = tmp_path / "dataset.json"
    call_command("benchmark_data", "--members", "5", "--projects", "3", "--plan-time-limit", "2",
                 "--output", str(output), stdout=io.StringIO())
    dataset = json.loads(output.read_text())
    assert len(dataset["members"]) == 5 and len(dataset["users"]) == 50
    assert {role for _u, role, _c in dataset["users"]} == {"secretariat", "coordinator", "finance_officer",
                                                           "member_user", "observer"}
    assert PlanRun.objects.get(pk=dataset["run"]).published
    assert Project.objects.filter(year__collaboration__slug=dataset["slug"]).count() == 3
    assert MemberStatement.objects.filter(statement__year__collaboration__slug=dataset["slug"]).count() == 5
    entries = AuditEntry.objects.count()
    call_command("benchmark_data", "--members", "5", "--projects", "3", "--plan-time-limit", "2",
                 stdout=io.StringIO())
    assert AuditEntry.objects.count() == entries  # idempotent: nothing written the second time
    User = get_user_model()
    seen = set()
    for username, role, code in dataset["users"]:
        if role in seen:
            continue
        seen.add(role)
        client = client_for(User.objects.get(username=username))
        for name, path in pages_for(dataset, role, code).items():
            assert client.get(path).status_code == 200, (role, name, path)
