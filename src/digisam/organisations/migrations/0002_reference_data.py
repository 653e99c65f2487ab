"""Loads the 98 municipalities, the 5 regions (and Region Østdanmark from 2027) and the population
figures of 1 January 2026 from the copy shipped in the package. Written with historical models:
migrations run before any user exists, so they are not audited."""

from django.db import migrations


def load(apps, schema_editor):
    from digisam.organisations import reference

    reference.load_reference_data(apps)


def unload(apps, schema_editor):
    Organisation = apps.get_model("organisations", "Organisation")
    apps.get_model("organisations", "PopulationFigure").objects.all().delete()
    apps.get_model("organisations", "RegionMembership").objects.all().delete()
    Organisation.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("organisations", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
