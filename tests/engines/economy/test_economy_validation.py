"""Invalid scenarios: the CLI prints every problem, naming its place, and exits with 2."""

from __future__ import annotations

import pytest
from economy_scenarios import member, problems_cli, scenario, write

from digisam.engines.economy import ScenarioError, parse_scenario, scenario_problems
from digisam.engines.economy.cli import main


def base(**kwargs):
    return scenario([member("165"), member("151"), member("101")], **kwargs)


def test_unknown_member_in_hours_is_named_with_the_project(tmp_path, capsys):
    doc = base(projects=[{"id": "monopolbrud", "hourly_rate": 850, "key": "equal",
                          "hours": {"165": 10, "999": 5}}])
    assert problems_cli(tmp_path, doc, capsys) == [
        f"{tmp_path / 'scenario.json'}: projects[0] (monopolbrud).hours: unknown member 999"]


def test_negative_rate_is_rejected(tmp_path, capsys):
    doc = base(charges=[{"id": "a", "kind": "equal_share", "total": 1},
                        {"id": "b", "kind": "equal_share", "total": 1},
                        {"id": "basis", "kind": "per_fte", "rate": -5}])
    assert any(p.endswith("charges[2] (basis).rate: negative rate -5") for p in problems_cli(tmp_path, doc, capsys))


def test_member_to_before_member_from_is_rejected(tmp_path, capsys):
    members = [member("1"), member("2"), member("3"), member("165", member_from="2016-01-01",
                                                           member_to="2015-01-01")]
    problems = problems_cli(tmp_path, scenario(members), capsys)
    assert problems[0].endswith("members[3] (165): member_to 2015-01-01 before member_from 2016-01-01")


def test_unknown_key_is_rejected(tmp_path, capsys):
    doc = base(charges=[{"id": "s", "kind": "keyed_share", "total": 100, "key": "area"}])
    assert any(p.endswith("charges[0] (s).key: unknown key 'area' (population, fte, equal or "
                          "{\"weights\": …})") for p in problems_cli(tmp_path, doc, capsys))


def test_unknown_kind_is_rejected(tmp_path, capsys):
    doc = base(charges=[{"id": "x", "kind": "per_square_metre", "rate": 1}])
    problems = problems_cli(tmp_path, doc, capsys)
    assert any("charges[0] (x).kind: unknown kind 'per_square_metre'" in p for p in problems)


def test_unknown_proration_and_settlement_are_rejected(tmp_path, capsys):
    doc = base(proration="quarter", settlement="cash")
    problems = problems_cli(tmp_path, doc, capsys)
    assert any("proration: unknown proration 'quarter'" in p for p in problems)
    assert any("settlement: unknown settlement 'cash'" in p for p in problems)


def test_duplicate_member_code_and_duplicate_line_id_are_rejected(tmp_path, capsys):
    doc = scenario([member("165"), member("165")],
                   charges=[{"id": "k", "kind": "equal_share", "total": 1}],
                   host_costs=[{"id": "k", "host": "165", "total": 1, "key": "equal"}])
    problems = problems_cli(tmp_path, doc, capsys)
    assert any(p.endswith("members[1] (165).code: duplicate member code 165") for p in problems)
    assert any(p.endswith("host_costs[0] (k).id: duplicate line id k (also charges[0] (k))") for p in problems)


def test_more_than_two_decimals_on_money_is_rejected(tmp_path, capsys):
    doc = base(charges=[{"id": "k", "kind": "equal_share", "total": "1.5"},
                        {"id": "o", "kind": "fixed_per_member", "amount": 0.125}])
    path = write(tmp_path, doc)
    # write the amount as JSON text exactly (json.dumps would keep 0.125 too)
    path.write_text(path.read_text().replace('"1.5"', "1.505"))
    problems = problems_cli(tmp_path, path.read_text(), capsys)
    assert any(p.endswith("charges[0] (k).total: more than two decimals on money 1.505") for p in problems)
    assert any(p.endswith("charges[1] (o).amount: more than two decimals on money 0.125") for p in problems)


def test_members_subset_naming_an_unknown_member_is_rejected(tmp_path, capsys):
    doc = base(charges=[{"id": "udv", "kind": "equal_share", "total": 10, "members": ["165", "998"]}])
    assert any(p.endswith("charges[0] (udv).members: unknown member 998") for p in problems_cli(tmp_path, doc, capsys))


def test_weights_missing_a_member_is_rejected(tmp_path, capsys):
    doc = base(host_costs=[{"id": "h", "host": "165", "total": 10, "key": {"weights": {"165": 1, "151": 2}}}])
    assert any(p.endswith("host_costs[0] (h).key.weights: missing weight for member 101")
               for p in problems_cli(tmp_path, doc, capsys))


def test_non_numeric_values_are_rejected(tmp_path, capsys):
    doc = scenario([member("165", population="many")],
                   charges=[{"id": "k", "kind": "equal_share", "total": "900000"},
                            {"id": "b", "kind": "fixed_per_member", "amount": True}],
                   projects=[{"id": "p", "hourly_rate": 850, "key": "equal", "hours": {"165": "ten"}}])
    problems = problems_cli(tmp_path, doc, capsys)
    assert any(p.endswith("members[0] (165).population: not a number: 'many'") for p in problems)
    assert any(p.endswith("charges[0] (k).total: not a number: '900000'") for p in problems)
    assert any(p.endswith("charges[1] (b).amount: not a number: true") for p in problems)
    assert any(p.endswith("projects[0] (p).hours.165: not a number: 'ten'") for p in problems)


def test_every_problem_is_reported_at_once(tmp_path, capsys):
    doc = base(charges=[{"id": "a", "kind": "nope"}, {"id": "b", "kind": "per_fte", "rate": -1}],
               host_costs=[{"id": "h", "host": "404", "total": 1, "key": "equal"}])
    doc["year"] = "2027"
    problems = problems_cli(tmp_path, doc, capsys)
    assert len(problems) == 4


def test_invalid_json_and_unreadable_files_exit_with_2(tmp_path, capsys):
    assert problems_cli(tmp_path, "{not json", capsys)[0].startswith(f"{tmp_path / 'scenario.json'}: invalid JSON")
    assert main(["settle", str(tmp_path / "missing.json")]) == 2
    assert "cannot read" in capsys.readouterr().err
    assert problems_cli(tmp_path, '{"total": NaN}', capsys)[0].endswith("NaN is not a number")


def test_a_total_with_nobody_to_share_it_is_rejected(tmp_path, capsys):
    members = [member("165", member_from="2030-01-01")]
    doc = scenario(members, charges=[{"id": "k", "kind": "equal_share", "total": 10}])
    assert any("charges[0] (k): nothing to share 10" in p for p in problems_cli(tmp_path, doc, capsys))


def test_orders_for_unknown_items_and_members_are_rejected(tmp_path, capsys):
    doc = base(charges=[{"id": "pc", "kind": "orders", "unit_prices": {"standard": 5200},
                         "quantities": {"165": {"deluxe": 1}, "777": {"standard": 1}}}])
    problems = problems_cli(tmp_path, doc, capsys)
    assert any(p.endswith("charges[0] (pc).quantities.165: unknown item 'deluxe' (no unit price)") for p in problems)
    assert any(p.endswith("charges[0] (pc).quantities: unknown member 777") for p in problems)


def test_parse_scenario_raises_with_all_problems_and_validation_is_shared():
    doc = base(charges=[{"id": "k", "kind": "keyed_share", "total": 1, "key": "fte", "members": ["x"]}])
    with pytest.raises(ScenarioError) as info:
        parse_scenario(doc)
    assert info.value.problems == scenario_problems(doc) == ["charges[0] (k).members: unknown member x"]
