"""Plan runs queued before `planning/runs.py` became `planning/services.py` still run: the migration
points their stored django-tasks path at the task's new module."""

import importlib

import pytest
from django.apps import apps
from django.utils.module_loading import import_string

from digisam.planning import services as plan_services

pytestmark = pytest.mark.django_db

migration = importlib.import_module("digisam.planning.migrations.0002_run_plan_task_path")


def test_the_new_path_is_the_task():
    assert plan_services.run_plan.module_path == migration.NEW
    assert import_string(migration.NEW) is plan_services.run_plan


def test_queued_rows_are_repointed_and_back():
    from django_tasks_db.models import DBTaskResult

    row = DBTaskResult.objects.create(task_path=migration.OLD, args_kwargs={"args": [1], "kwargs": {}},
                                      queue_name="default", backend_name="default")
    other = DBTaskResult.objects.create(task_path="digisam.economy.tasks.generate_statement",
                                        args_kwargs={"args": [2], "kwargs": {}},
                                        queue_name="default", backend_name="default")
    migration.forwards(apps, None)
    row.refresh_from_db()
    other.refresh_from_db()
    assert row.task_path == migration.NEW
    assert row.task.func is plan_services.run_plan.func
    assert other.task_path == "digisam.economy.tasks.generate_statement"
    migration.backwards(apps, None)
    row.refresh_from_db()
    assert row.task_path == migration.OLD
