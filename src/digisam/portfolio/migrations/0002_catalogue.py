"""Seeds the system categories (with the planner's tender parameters as editable defaults) and a
starting set of products. Historical models: migrations run before any user exists, so they are
not audited."""

from django.db import migrations


def load(apps, schema_editor):
    from digisam.portfolio import catalogue

    catalogue.seed(apps.get_model("portfolio", "Category"), apps.get_model("portfolio", "Product"))


def unload(apps, schema_editor):
    apps.get_model("portfolio", "Product").objects.filter(usages__isnull=True, contracts__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("portfolio", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
