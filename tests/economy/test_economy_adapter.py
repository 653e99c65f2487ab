"""The adapter builds the engine's scenario from the database and the statement it stores is the
engine's, to the øre: the same as the engine's command line on the stored scenario file."""

import datetime
import json
import subprocess
import sys
from decimal import Decimal

from digisam.core import services
from digisam.economy import adapter
from digisam.engines import economy as engine
from digisam.organisations.models import PopulationFigure


def test_the_scenario_holds_every_kind_of_line_with_exact_numbers(econ):
    document, labels = adapter.build_scenario(econ.year)
    assert document["format"] == "digisam.settlement-scenario/1"
    assert [m["code"] for m in document["members"]] == ["151", "165"]
    kinds = [c["kind"] for c in document["charges"]]
    assert kinds == ["equal_share", "per_inhabitant", "orders"]
    assert document["charges"][2]["quantities"] == {"165": {"Standardarbejdsplads": Decimal("2.00")}}
    assert document["host_costs"][0]["host"] == "151"
    assert labels["lines"][document["host_costs"][0]["id"]] == "Programleder (vært: Ballerup)"
    assert engine.scenario_problems(document) == []


def test_project_hours_are_the_actual_hours_summed_over_the_months(econ):
    document, _labels = adapter.build_scenario(econ.year)
    assert document["projects"][0]["hours"] == {"165": Decimal("15.00"), "151": Decimal("20.00")}


def test_keys_use_the_population_registered_at_the_chosen_date(econ):
    o165 = econ.world.orgs["165"]
    PopulationFigure.objects.create(organisation=o165, date=datetime.date(2026, 6, 1), population=40000)
    document, _labels = adapter.build_scenario(econ.year)
    before = {m["code"]: m["population"] for m in document["members"]}["165"]
    assert before != 40000
    econ.year.population_date = datetime.date(2026, 7, 1)
    services.save(econ.year, user=services.SYSTEM)
    document, _labels = adapter.build_scenario(econ.year)
    assert {m["code"]: m["population"] for m in document["members"]}["165"] == 40000


def test_stored_statement_equals_the_engine_command_line_on_the_stored_scenario(econ, tmp_path):
    path = tmp_path / "scenario.json"
    path.write_text(econ.statement.content.scenario, encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "digisam.engines.economy", "settle", str(path)],
                         capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == econ.statement.content.document


def test_a_demo_like_case_matches_the_engine_cli_to_the_ore(world, tmp_path):
    """Storkøbenhavn-like: equal fee in nine parts is here two; a hosted programme leader; hours."""
    from digisam.economy import demo
    from digisam.economy.models import EconomyYear

    world.alpha.slug = "storkoebenhavn"
    services.save(world.alpha, user=services.SYSTEM)
    year = demo.storkoebenhavn(world.alpha)
    result = adapter.run(year)
    path = tmp_path / "scenario.json"
    path.write_text(result["scenario"], encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "digisam.engines.economy", "settle", str(path)],
                         capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == result["statement"]
    nets = [m["net"] for m in result["statement"]["members"].values()]
    assert sum(nets) + result["statement"]["collaboration_net"] == 0
    assert EconomyYear.objects.filter(collaboration=world.alpha).count() == 1


def test_explanations_are_the_engines_danish_texts(econ):
    lines = econ.statement.content.explanations["165"]["lines"]
    per_inhabitant = next(line for line in lines if line["kind"] == "per_inhabitant")
    assert per_inhabitant["text"].startswith("9 kr. × ")
    assert "indbyggere × 1 år" in per_inhabitant["text"]
    assert per_inhabitant["label"] == "Brugerklub"


def test_a_member_joining_after_1_july_pays_half_a_year(econ):
    from digisam.collaborations.models import Membership

    membership = Membership.objects.get(collaboration=econ.world.alpha, organisation__code="151")
    membership.joined_on = datetime.date(2026, 8, 1)
    services.save(membership, user=services.SYSTEM)
    result = adapter.run(econ.year)
    assert result["statement"]["members"]["151"]["fraction"] == "1/2"
    fee = f"charge-{econ.fee.pk}"
    half, whole = (result["statement"]["members"][c]["lines"][fee] for c in ("151", "165"))
    assert half + whole == -10000000  # 100.000 kr. split 1/3 and 2/3 to the øre
    assert abs(2 * half - whole) <= 1
    assert "½ år" in next(line["text"] for line in result["explanations"]["151"]["lines"] if line["id"] == fee)
