"""The plan-run task moved with its module: `digisam.planning.runs` became `digisam.planning.services`
(issue 16, every app's write layer is `services.py`). django-tasks-db stores each queued task by its
dotted path, so rows queued before the upgrade are pointed at the new path here; otherwise the worker
could not import them. Reversible."""

from django.db import migrations

OLD = "digisam.planning.runs.run_plan"
NEW = "digisam.planning.services.run_plan"


def _repoint(apps, old, new):
    DBTaskResult = apps.get_model("django_tasks_database", "DBTaskResult")
    DBTaskResult.objects.filter(task_path=old).update(task_path=new)


def forwards(apps, schema_editor):
    _repoint(apps, OLD, NEW)


def backwards(apps, schema_editor):
    _repoint(apps, NEW, OLD)


class Migration(migrations.Migration):

    dependencies = [
        ("planning", "0001_initial"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
