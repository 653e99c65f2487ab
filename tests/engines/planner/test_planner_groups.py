""""Must tender together" groups (the digisam extension ``must_tender_together``): validation,
the evaluator's rule, and the solver keeping groups in one joint tender or saying it cannot."""

import json

import pytest
from planner_factories import DATA, category, contract, plan_data, small_data, tiny_data

from digisam.engines.planner.cli import main
from digisam.engines.planner.evaluator import evaluate
from digisam.engines.planner.io import instance_from_data, plan_from_data, read_instance, read_plan
from digisam.engines.planner.solver import solve


def _write(tmp_path, name, data):
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def three(**overrides):
    """tiny_data with a third municipality (303) and a group of 101 and 202."""
    data = tiny_data(**overrides)
    data["municipalities"].append({"code": "303", "name": "C-by", "population": 300})
    data["contracts"].append(contract("303", expires="2027-07"))
    data.setdefault("must_tender_together", [{"category": "esdh", "municipalities": ["101", "202"]}])
    return data


def test_an_instance_without_groups_reads_as_before_and_a_group_is_read():
    assert instance_from_data(tiny_data()).must_tender_together == ()
    group = instance_from_data(three()).must_tender_together[0]
    assert (group.category, group.municipalities) == ("esdh", ("101", "202"))


def _narrow_windows(d):
    d["categories"][0]["framework_months"] = 1
    d["contracts"][1]["earliest_start"] = "2027-09"  # 202 only in month 8, 101 at most in month 7


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["must_tender_together"][0].update(category="nope"),
         "must_tender_together[0] (category nope: 101, 202): unknown category nope"),
        (lambda d: d["must_tender_together"][0].update(municipalities=["101", "999"]),
         "must_tender_together[0] (category esdh: 101, 999): unknown municipality 999"),
        (lambda d: d["must_tender_together"][0].update(municipalities=["101"]),
         "must_tender_together[0] (category esdh: 101): a group needs at least 2 municipalities, got 1"),
        (lambda d: d["contracts"].pop(1),
         "must_tender_together[0] (category esdh: 101, 202): municipality 202 has no contract in category esdh"),
        (lambda d: d["contracts"][1].update(expires="2028-06"),
         "must_tender_together[0] (category esdh: 101, 202): the contract of municipality 202 in category esdh "
         "expires beyond the horizon"),
        (lambda d: d["contracts"][0].update(opt_out=True),
         "must_tender_together[0] (category esdh: 101, 202): municipality 101 has opted out of joint tenders "
         "in category esdh"),
        (lambda d: d["must_tender_together"].append({"category": "esdh", "municipalities": ["303", "202"]}),
         "must_tender_together[1] (category esdh: 303, 202): municipality 202 is already in "
         "must_tender_together[0] for category esdh"),
        (_narrow_windows,
         "must_tender_together[0] (category esdh: 101, 202): infeasible group: the members' windows cannot "
         "share one joint tender"),
        (lambda d: d.update(must_tender_together={"esdh": ["101"]}),
         "document: 'must_tender_together' must be a list of groups"),
    ],
)
def test_an_invalid_group_exits_2_with_a_message_naming_the_row(tmp_path, capsys, change, message):
    data = three()
    change(data)
    code = main(["solve", _write(tmp_path, "instance.json", data), "-o", str(tmp_path / "plan.json")])
    captured = capsys.readouterr()
    assert code == 2
    assert message in captured.err
    assert not (tmp_path / "plan.json").exists()


def test_the_evaluator_rejects_a_plan_that_splits_a_group(tmp_path, capsys):
    data = three(individual_rationality=False)
    inst = instance_from_data(data)
    split = plan_data(
        ("esdh", "2027-05", [("101", "2027-05")]),
        ("esdh", "2027-06", [("202", "2027-06"), ("303", "2027-07")]),
    )
    evaluation = evaluate(inst, plan_from_data(split, inst))
    assert not evaluation.feasible
    assert evaluation.violations == [
        "must_tender_together[0] (category esdh: 101, 202): members are not all participants of one joint "
        "tender (101 in tenders[0], 202 in tenders[1]) (must tender together)"
    ]
    code = main(["evaluate", _write(tmp_path, "i.json", data), _write(tmp_path, "p.json", split)])
    assert code == 1 and "must tender together" in capsys.readouterr().err
    together = plan_data(
        ("esdh", "2027-05", [("101", "2027-05"), ("202", "2027-06")]),
        ("esdh", "2027-07", [("303", "2027-07")]),
    )
    assert evaluate(inst, plan_from_data(together, inst)).feasible
    # others may join the group's tender
    everyone = plan_data(("esdh", "2027-05", [("101", "2027-05"), ("202", "2027-06"), ("303", "2027-07")]))
    assert evaluate(inst, plan_from_data(everyone, inst)).feasible
    # without the group, the split plan is fine
    data.pop("must_tender_together")
    plain = instance_from_data(data)
    assert evaluate(plain, plan_from_data(split, plain)).feasible


def test_the_solver_keeps_a_group_together_on_small_at_a_proven_cost(tmp_path, capsys):
    plain = read_instance(DATA / "small.json")
    optimum = evaluate(plain, read_plan(DATA / "small.optimum.json", plain)).total_cost
    data = small_data()
    # the optimum has 480 with 563 (2027-07) and 540 with 153, 326, 390 (2033-11)
    data["must_tender_together"] = [{"category": "jobcenter", "municipalities": ["480", "540"]}]
    path = _write(tmp_path, "small-group.json", data)
    inst = read_instance(path)
    result = solve(inst, time_limit=20)
    assert result.status == "optimal"
    check = evaluate(inst, result.plan)
    assert check.feasible, check.violations
    tenders = [t for t in result.plan.tenders if t.category == "jobcenter"
               and {"480", "540"} <= {p.municipality for p in t.participants}]
    assert len(tenders) == 1
    assert check.total_cost > optimum  # the group costs something here
    assert result.lower_bound <= float(check.total_cost) + 0.01
    assert result.lower_bound > float(optimum)  # the bound is the constrained problem's
    output = tmp_path / "plan.json"
    assert main(["solve", path, "-o", str(output), "--time-limit", "20"]) == 0
    capsys.readouterr()
    assert json.loads(output.read_text(encoding="utf-8"))["format"] == "digisam.plan/1"
    assert main(["evaluate", path, str(output)]) == 0


def test_a_group_that_individual_rationality_rules_out_is_reported_and_no_plan_is_written(tmp_path, capsys):
    data = three()
    data["categories"][0]["framework_months"] = 1
    data["contracts"][0].update(max_extension_months=0, early_exit_months=0)  # 101 only in month 4
    data["contracts"][1].update(early_exit_fee=10**7)  # 202 leaves one month early at a huge fee
    result = solve(instance_from_data(data), time_limit=5)
    assert result.plan is None and result.status == "infeasible_groups"
    assert "must_tender_together[0]" in result.group_problems[0]
    assert "individual rationality" in result.group_problems[0]
    output = tmp_path / "plan.json"
    assert main(["solve", _write(tmp_path, "i.json", data), "-o", str(output)]) == 1
    captured = capsys.readouterr()
    assert json.loads(captured.out)["status"] == "infeasible_groups"
    assert "individual rationality" in captured.err
    assert not output.exists()
    data["individual_rationality"] = False  # the same group is fine without IR
    result = solve(instance_from_data(data), time_limit=5)
    assert result.plan is not None and evaluate(instance_from_data(data), result.plan).feasible


def test_groups_that_compete_for_capacity_are_proven_infeasible_by_the_milp():
    data = tiny_data(individual_rationality=False)
    data["categories"] = [category(framework_months=1), category(id="esdh2", name="ESDH 2", framework_months=1)]
    window = {"expires": "2027-05", "max_extension_months": 0, "early_exit_months": 0}
    data["contracts"] = [contract(m, category=c, **window) for c in ("esdh", "esdh2") for m in ("101", "202")]
    data["must_tender_together"] = [
        {"category": c, "municipalities": ["101", "202"]} for c in ("esdh", "esdh2")
    ]
    result = solve(instance_from_data(data), time_limit=5)  # both need months 2-3, capacity K = 1
    assert result.plan is None and result.status == "infeasible_groups"
    assert "proven" in result.group_problems[0]
    data["max_parallel_joint_tenders"] = 2
    inst = instance_from_data(data)
    result = solve(inst, time_limit=5)
    assert result.status == "optimal"
    assert evaluate(inst, result.plan).feasible
    assert sum(len(t.participants) == 2 for t in result.plan.tenders) == 2


def test_no_capacity_at_all_rules_a_group_out_at_once():
    data = three(max_parallel_joint_tenders=0)
    result = solve(instance_from_data(data), time_limit=5)
    assert result.status == "infeasible_groups"
    assert "capacity" in result.group_problems[0]
    assert result.report()["feasible"] is False


def test_a_group_member_may_be_joined_by_others_and_costs_stay_exact():
    inst = instance_from_data(three(individual_rationality=False))
    result = solve(inst, time_limit=5)
    check = evaluate(inst, result.plan)
    assert check.feasible and result.status == "optimal"
    assert abs(result.lower_bound - float(check.total_cost)) < 0.5
