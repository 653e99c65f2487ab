"""The planner command line: solve, evaluate, baseline, and clear messages for invalid input."""

import json
import subprocess
import sys
from fractions import Fraction

import pytest
from planner_factories import DATA, plan_data, small_data, tiny_data

from digisam.engines.planner.cli import main
from digisam.engines.planner.evaluator import evaluate
from digisam.engines.planner.io import read_instance, read_plan
from digisam.engines.planner.solver import solve


def _write(tmp_path, name, data):
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def _invalid(tmp_path, capsys, data):
    code = main(["baseline", _write(tmp_path, "instance.json", data)])
    captured = capsys.readouterr()
    assert code == 2
    assert captured.out == ""
    return captured.err


def test_solving_the_small_instance_reaches_the_proven_optimum():
    instance = read_instance(DATA / "small.json")
    optimum = evaluate(instance, read_plan(DATA / "small.optimum.json", instance)).total_cost
    result = solve(instance, time_limit=30)
    assert result.evaluation.feasible
    assert abs(result.evaluation.total_cost - optimum) < Fraction(1, 100)
    assert result.status == "optimal"
    assert result.lower_bound == pytest.approx(float(optimum), abs=0.5)
    assert result.gap < 1e-8


def test_solve_writes_a_plan_with_its_figures_that_evaluate_accepts(tmp_path, capsys):
    output = tmp_path / "plan.json"
    assert main(["solve", str(DATA / "small.json"), "-o", str(output), "--time-limit", "20"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["status"] == "optimal"
    plan = json.loads(output.read_text(encoding="utf-8"))
    assert plan["format"] == "digisam.plan/1"
    for key in (
        "total_cost", "baseline_cost", "savings", "savings_pct", "per_municipality", "per_category",
        "tenders", "beyond_horizon", "status", "lower_bound", "gap", "runtime_seconds",
    ):
        assert key in plan
    assert plan["total_cost"] == 74926635.02
    assert plan["savings"] == pytest.approx(91365577.75 - 74926635.02, abs=0.02)
    assert main(["evaluate", str(DATA / "small.json"), str(output)]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["feasible"] is True
    assert figures["total_cost"] == plan["total_cost"]


def test_evaluate_exits_1_and_lists_violations_for_an_infeasible_plan(tmp_path, capsys):
    instance = _write(tmp_path, "instance.json", tiny_data())
    plan = _write(tmp_path, "plan.json", plan_data(("esdh", "2027-05", [("101", "2027-06")])))
    assert main(["evaluate", instance, plan]) == 1
    captured = capsys.readouterr()
    figures = json.loads(captured.out)
    assert figures["feasible"] is False
    assert any("solo tender must start" in v for v in figures["violations"])
    assert "solo tender must start" in captured.err
    assert "(municipality 202, category esdh) is in scope but in no tender" in captured.err


def test_baseline_prints_the_baseline_figures(capsys):
    assert main(["baseline", str(DATA / "small.json")]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["total_cost"] == figures["baseline_cost"] == 91365577.75
    assert figures["savings"] == 0.0
    assert all(t["kind"] == "solo" for t in figures["tenders"])


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["contracts"][1].update(municipality="999"),
         "contracts[1] (municipality 999, category esdh): unknown municipality 999"),
        (lambda d: d["contracts"][1].update(category="nope"),
         "contracts[1] (municipality 202, category nope): unknown category nope"),
        (lambda d: d["contracts"][1].update(municipality="101"),
         "contracts[1] (municipality 101, category esdh): duplicate (municipality 101, category esdh)"),
        (lambda d: d["contracts"][0].update(annual_cost=-5),
         "contracts[0] (municipality 101, category esdh): 'annual_cost' is negative (-5)"),
        (lambda d: d["municipalities"][1].update(population=-1),
         "municipalities[1] (code 202): 'population' is negative (-1)"),
        (lambda d: d["categories"][0]["discount_tiers"][1].update(discount=1.0),
         "categories[0] (id esdh) discount_tiers[1]: discount 1 is outside [0, 1)"),
        (lambda d: d["categories"][0]["discount_tiers"][0].update(min_population=10),
         "categories[0] (id esdh): discount tiers do not start at population 0 (lowest is 10)"),
        (lambda d: d["contracts"][1].update(expires="2026-05"),
         "contracts[1] (municipality 202, category esdh): expires 2026-05 is before start 2027-01"),
        (lambda d: d["contracts"][0].update(earliest_start="2027-12"),
         "contracts[0] (municipality 101, category esdh): empty window of new-contract starts"),
        (lambda d: d["contracts"][0].update(expires="2027-13"),
         "contracts[0] (municipality 101, category esdh): 'expires' is not a valid 'YYYY-MM' month: '2027-13'"),
        (lambda d: d["contracts"][0].pop("annual_cost"),
         "contracts[0] (municipality 101, category esdh): missing field 'annual_cost'"),
        (lambda d: d.update(format="digisam.plan-instance/2"),
         "document: 'format' must be 'digisam.plan-instance/1', got 'digisam.plan-instance/2'"),
        (lambda d: d["categories"][0].update(preparation_months=1.5),
         "categories[0] (id esdh): 'preparation_months' must be a whole number of months, got 1.5"),
    ],
)
def test_an_invalid_instance_exits_2_with_a_message_naming_the_rule_and_the_row(tmp_path, capsys, change, message):
    data = tiny_data()
    change(data)
    assert message in _invalid(tmp_path, capsys, data)


def test_every_problem_of_an_invalid_instance_is_reported_not_just_the_first(tmp_path, capsys):
    data = tiny_data()
    data["contracts"][0]["annual_cost"] = -1
    data["contracts"][1]["expires"] = "2026-01"
    data["categories"][0]["discount_tiers"][1]["discount"] = -0.1
    err = _invalid(tmp_path, capsys, data)
    assert "contracts[0] (municipality 101, category esdh): 'annual_cost' is negative" in err
    assert "contracts[1] (municipality 202, category esdh): expires 2026-01 is before start 2027-01" in err
    assert "categories[0] (id esdh) discount_tiers[1]: 'discount' is negative" in err


def test_solve_refuses_an_invalid_instance_without_writing_a_plan(tmp_path, capsys):
    data = tiny_data()
    data["contracts"][1]["municipality"] = "999"
    output = tmp_path / "plan.json"
    assert main(["solve", _write(tmp_path, "instance.json", data), "-o", str(output)]) == 2
    assert "unknown municipality 999" in capsys.readouterr().err
    assert not output.exists()


def test_unreadable_files_exit_2_with_a_clear_message(tmp_path, capsys):
    assert main(["baseline", str(tmp_path / "missing.json")]) == 2
    assert "cannot read input" in capsys.readouterr().err
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    assert main(["baseline", str(broken)]) == 2
    assert "not valid JSON" in capsys.readouterr().err
    instance = _write(tmp_path, "instance.json", tiny_data())
    plan = _write(tmp_path, "plan.json", {"format": "other", "tenders": []})
    assert main(["evaluate", instance, plan]) == 2
    assert "'format' must be 'digisam.plan/1'" in capsys.readouterr().err
    assert main(["evaluate", instance]) == 2


def test_the_package_runs_as_a_module_without_importing_django(tmp_path):
    code = (
        "import sys, runpy; sys.argv = ['planner', 'baseline', sys.argv[1]];\n"
        "try:\n    runpy.run_module('digisam.engines.planner', run_name='__main__')\n"
        "except SystemExit as exc:\n    assert exc.code == 0, exc.code\n"
        "assert not [m for m in sys.modules if m.split('.')[0] in ('django', 'rest_framework')]\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, _write(tmp_path, "instance.json", small_data())],
        capture_output=True, text=True, timeout=60, check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["baseline_cost"] == 91365577.75
