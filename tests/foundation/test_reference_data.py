import datetime

import pytest
from django.core.management import call_command

from digisam.organisations.models import Organisation, PopulationFigure

pytestmark = pytest.mark.django_db


def test_migrate_loads_98_municipalities_and_the_regions():
    assert Organisation.objects.filter(kind="municipality").count() == 98
    assert set(Organisation.objects.filter(kind="region").values_list("name", flat=True)) == {
        "Region Hovedstaden", "Region Sjælland", "Region Syddanmark", "Region Midtjylland", "Region Nordjylland",
        "Region Østdanmark",
    }
    assert Organisation.objects.get(code="101").name == "København"


def test_hovedstaden_municipalities_move_to_region_oestdanmark_on_1_january_2027():
    copenhagen = Organisation.objects.get(code="101")
    assert copenhagen.region_at(datetime.date(2026, 12, 31)).name == "Region Hovedstaden"
    assert copenhagen.region_at(datetime.date(2027, 1, 1)).name == "Region Østdanmark"
    aarhus = Organisation.objects.get(code="751")
    assert aarhus.region_at(datetime.date(2027, 1, 1)).name == "Region Midtjylland"


def test_population_at_uses_the_latest_figure_registered_on_the_date():
    albertslund = Organisation.objects.get(code="165")
    first = albertslund.population_at(datetime.date(2026, 6, 1))
    PopulationFigure.objects.create(organisation=albertslund, date=datetime.date(2027, 1, 1), population=1)
    assert albertslund.population_at(datetime.date(2026, 12, 31)).population == first.population
    assert albertslund.population_at(datetime.date(2027, 1, 1)).population == 1
    assert albertslund.population_at(datetime.date(2025, 1, 1)) is None


def test_update_population_adds_newer_figures_and_keeps_history(tmp_path):
    path = tmp_path / "folk.csv"
    path.write_text("kommunekode,indbyggere,indbyggere_dato\n165,30000,2027-01-01\n101,680000,2027-01-01\n")
    call_command("update_population", str(path))
    albertslund = Organisation.objects.get(code="165")
    assert albertslund.population_figures.count() == 2
    assert albertslund.population_at(datetime.date(2027, 2, 1)).population == 30000


def test_update_population_with_a_bad_row_names_row_and_column_and_writes_nothing(tmp_path):
    path = tmp_path / "folk.csv"
    path.write_text("kommunekode,indbyggere,indbyggere_dato\n165,30000,2027-01-01\n999,5,2027-01-01\n101,mange,2027-01-01\n")
    import io

    from django.core.management.base import CommandError

    stderr = io.StringIO()
    # call_command, not the console entry point: run_from_argv closes the test's database connection.
    # The console exits with the CommandError's returncode.
    with pytest.raises(CommandError) as error:
        call_command("update_population", str(path), stderr=stderr)
    assert error.value.returncode == 2
    err = stderr.getvalue()
    assert "Række 3, kolonne kommunekode" in err
    assert "Række 4, kolonne indbyggere" in err
    assert PopulationFigure.objects.filter(date=datetime.date(2027, 1, 1)).count() == 0
