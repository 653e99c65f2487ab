"""Hand-computed statements, run through the ``digisam economy`` command line.

Amounts in comments are in øre unless marked kr.
"""

from __future__ import annotations

import json

from economy_scenarios import member, scenario, settle_cli, write

from digisam.engines.economy.cli import main

THREE = [member("151"), member("101"), member("165")]  # deliberately not in code order


def lines_of(statement: dict, line_id: str) -> dict[str, int]:
    return {code: m["lines"][line_id] for code, m in statement["members"].items() if line_id in m["lines"]}


def test_equal_share_splits_the_total_with_the_leftover_ore_to_the_lowest_code(tmp_path, capsys):
    # 100 kr = 10000 øre / 3 = 3333.33… each; floors sum to 9999, the leftover øre is a
    # three-way tie on remainder 1/3 and goes to the lowest code, 101.
    doc = scenario(THREE, charges=[{"id": "kontingent", "kind": "equal_share", "total": 100}])
    st = settle_cli(tmp_path, doc, capsys)
    assert lines_of(st, "kontingent") == {"101": -3334, "151": -3333, "165": -3333}
    assert list(st["members"]) == ["101", "151", "165"]
    assert st["collaboration_net"] == 10000
    assert {m["charges"] for m in st["members"].values()} == {3334, 3333}


def test_equal_share_weights_each_member_by_its_membership_fraction(tmp_path, capsys):
    # half-year: 165 joins 1 Aug 2027 → f = 1/2; Σf = 2½. 900.000 kr × 1/5 = 180.000 kr for
    # 165, 900.000 kr × 2/5 = 360.000 kr for 101 and 151.
    members = [member("101"), member("151"), member("165", member_from="2027-08-01")]
    doc = scenario(members, charges=[{"id": "kontingent", "kind": "equal_share", "total": 900000}],
                   proration="half-year")
    st = settle_cli(tmp_path, doc, capsys)
    assert lines_of(st, "kontingent") == {"101": -36000000, "151": -36000000, "165": -18000000}
    assert st["members"]["165"]["fraction"] == "1/2"
    assert st["members"]["101"]["fraction"] == "1"


def test_keyed_share_by_population_uses_largest_remainder(tmp_path, capsys):
    # 1000 kr = 100000 øre by population 10000/20000/30000:
    # exact 16666.67, 33333.33, 50000 → floors 16666 + 33333 + 50000 = 99999;
    # the leftover øre goes to the largest remainder (.67), member 101.
    members = [member("101", population=10000), member("151", population=20000),
               member("165", population=30000)]
    doc = scenario(members, charges=[{"id": "sekretariat", "kind": "keyed_share", "total": 1000,
                                      "key": "population"}])
    st = settle_cli(tmp_path, doc, capsys)
    assert lines_of(st, "sekretariat") == {"101": -16667, "151": -33333, "165": -50000}


def test_keyed_share_by_weights_and_by_fte_and_equal(tmp_path, capsys):
    # weights 1:1:2 of 10 kr → 250, 250, 500 øre.
    # fte 100:300 (members subset 101, 151) of 40 kr → 1000, 3000 øre; 165 takes no part.
    # equal of 30 kr → 1000 øre each.
    members = [member("101", fte=100), member("151", fte=300), member("165", fte=50)]
    doc = scenario(members, charges=[
        {"id": "vægtet", "kind": "keyed_share", "total": 10, "key": {"weights": {"101": 1, "151": 1, "165": 2}}},
        {"id": "drift", "kind": "keyed_share", "total": 40, "key": "fte", "members": ["151", "101"]},
        {"id": "lige", "kind": "keyed_share", "total": 30, "key": "equal"},
    ])
    st = settle_cli(tmp_path, doc, capsys)
    assert lines_of(st, "vægtet") == {"101": -250, "151": -250, "165": -500}
    assert lines_of(st, "drift") == {"101": -1000, "151": -3000}
    assert lines_of(st, "lige") == {"101": -1000, "151": -1000, "165": -1000}
    assert list(st["members"]["165"]["lines"]) == ["vægtet", "lige"]


def test_keyed_share_multiplies_key_by_fraction(tmp_path, capsys):
    # month proration: 151 joins 15 Oct 2027 → Oct, Nov, Dec → f = 3/12 = 1/4.
    # k·f: 101 → 30000·1 = 30000, 151 → 40000·¼ = 10000; 800 kr → 600 kr and 200 kr.
    members = [member("101", population=30000), member("151", population=40000, member_from="2027-10-15")]
    doc = scenario(members, charges=[{"id": "s", "kind": "keyed_share", "total": 800, "key": "population"}],
                   proration="month")
    st = settle_cli(tmp_path, doc, capsys)
    assert lines_of(st, "s") == {"101": -60000, "151": -20000}
    assert st["members"]["151"]["fraction"] == "1/4"


def test_per_inhabitant_is_rate_times_population_times_fraction(tmp_path, capsys):
    # 9 kr × 102.753 indbyggere × ½ år = 462.388,50 kr = 46238850 øre.
    # 0,01 kr × 3 indbyggere × ½ år = 1,5 øre → half up → 2 øre.
    members = [member("101", population=102753, member_from="2027-08-01"),
               member("151", population=3, member_from="2027-12-31")]
    doc = scenario(members, charges=[{"id": "sbsys", "kind": "per_inhabitant", "rate": 9, "members": ["101"]},
                                     {"id": "lille", "kind": "per_inhabitant", "rate": 0.01,
                                      "members": ["151"]}],
                   proration="half-year")
    st = settle_cli(tmp_path, doc, capsys)
    assert lines_of(st, "sbsys") == {"101": -46238850}
    assert lines_of(st, "lille") == {"151": -2}
    assert st["collaboration_net"] == 46238852


def test_per_fte_is_rate_times_fte_times_fraction(tmp_path, capsys):
    # 1.500 kr × 2.100,5 årsværk × 1 = 3.150.750 kr; 1.500,25 kr × 3 årsværk × 1 = 4.500,75 kr.
    members = [member("101", fte=2100.5), member("151", fte=3)]
    doc = scenario(members, charges=[{"id": "basis", "kind": "per_fte", "rate": 1500, "members": ["101"]},
                                     {"id": "tillæg", "kind": "per_fte", "rate": 1500.25, "members": ["151"]}])
    st = settle_cli(tmp_path, doc, capsys)
    assert lines_of(st, "basis") == {"101": -315075000}
    assert lines_of(st, "tillæg") == {"151": -450075}


def test_fixed_per_member_is_prorated_by_month(tmp_path, capsys):
    # month: joins 15 Jun 2027 → Jun..Dec = 7 months → 16.000 kr × 7/12 = 9.333,333… kr
    # = 933333.33 øre → 933333 øre (half up). Full member: 1.600.000 øre.
    members = [member("101"), member("151", member_from="2027-06-15")]
    doc = scenario(members, charges=[{"id": "os2", "kind": "fixed_per_member", "amount": 16000}],
                   proration="month")
    st = settle_cli(tmp_path, doc, capsys)
    assert lines_of(st, "os2") == {"101": -1600000, "151": -933333}
    assert st["members"]["151"]["fraction"] == "7/12"


def test_orders_are_priced_per_item_and_not_prorated(tmp_path, capsys):
    # 120 × 5.200 kr + 2 × 7.999,99 kr = 624.000 + 15.999,98 = 639.999,98 kr.
    # 151 joined 1 Dec (f = 1/12 by month) but pays its 3 × 5.200 kr = 15.600 kr in full.
    members = [member("165"), member("151", member_from="2027-12-01")]
    doc = scenario(members, charges=[{"id": "pc", "kind": "orders",
                                      "unit_prices": {"standard": 5200, "laptop": 7999.99},
                                      "quantities": {"165": {"standard": 120, "laptop": 2},
                                                     "151": {"standard": 3}}}],
                   proration="month")
    st = settle_cli(tmp_path, doc, capsys)
    assert lines_of(st, "pc") == {"165": -63999998, "151": -1560000}
    assert st["members"]["151"]["fraction"] == "1/12"


def test_host_cost_is_shared_by_all_and_owed_to_the_host(tmp_path, capsys):
    # 950.000 kr = 95000000 øre / 3 = 31666666.67 each: floors sum to 94999998, the two
    # leftover øre tie (.67) and go to the lowest codes 101 and 151. The host 165 keeps
    # share 31666666 and is owed 95000000 − 31666666 = 63333334.
    doc = scenario(THREE, host_costs=[{"id": "programleder", "host": "165", "total": 950000, "key": "equal"}],
                   settlement="net_transfers")
    st = settle_cli(tmp_path, doc, capsys)
    assert lines_of(st, "programleder") == {"101": -31666667, "151": -31666667, "165": 63333334}
    assert st["members"]["165"]["balance"] == 63333334
    assert st["members"]["165"]["charges"] == 0
    assert st["collaboration_net"] == 0
    # 101 and 151 owe equally much; 101 (lowest code) pays first.
    assert st["transfers"] == [{"from": "101", "to": "165", "amount_ore": 31666667},
                               {"from": "151", "to": "165", "amount_ore": 31666667}]


def test_host_cost_with_a_members_subset_that_leaves_out_the_host(tmp_path, capsys):
    # Only 101 and 151 share 1.000 kr paid by 165: −50000 each, the host is owed all of it.
    doc = scenario(THREE, host_costs=[{"id": "x", "host": "165", "total": 1000, "key": "equal",
                                       "members": ["101", "151"]}])
    st = settle_cli(tmp_path, doc, capsys)
    assert lines_of(st, "x") == {"101": -50000, "151": -50000, "165": 100000}


def test_hours_settlement_moves_only_the_differences(tmp_path, capsys):
    # 850 kr/time: contributions 165: 1200 t → 102000000, 151: 800 t → 68000000, 101: 0 t → 0.
    # V = 170000000, equal key: 56666666.67 each → floors 169999998, leftover 2 øre to 101, 151.
    # Balances: 165: 102000000 − 56666666 = 45333334; 151: 68000000 − 56666667 = 11333333;
    # 101: 0 − 56666667 = −56666667. Sum 0.
    doc = scenario(THREE, projects=[{"id": "monopolbrud", "hourly_rate": 850, "key": "equal",
                                     "hours": {"165": 1200, "151": 800, "101": 0}}])
    st = settle_cli(tmp_path, doc, capsys)
    assert lines_of(st, "monopolbrud") == {"165": 45333334, "151": 11333333, "101": -56666667}
    # 101 owes most; 165 is owed most and gets 45333334, then 151 gets the rest.
    assert st["transfers"] == [{"from": "101", "to": "165", "amount_ore": 45333334},
                               {"from": "101", "to": "151", "amount_ore": 11333333}]


def test_hours_contributions_are_rounded_half_up_and_keyed_by_population(tmp_path, capsys):
    # 850,01 kr × 0,5 t = 42500,5 øre → 42501; 850,01 kr × 1,5 t = 127501,5 → 127502.
    # V = 170003; population 1:3 → obligations 42500.75 → 42500 (+1 by largest remainder
    # .75 vs .25 → 101 gets it) = 42501 and 127502.25 → 127502. Balances 0 and 0.
    members = [member("101", population=1000), member("151", population=3000), member("165")]
    doc = scenario(members, projects=[{"id": "p", "hourly_rate": 850.01, "key": "population",
                                       "hours": {"101": 0.5, "151": 1.5}}])
    st = settle_cli(tmp_path, doc, capsys)
    assert lines_of(st, "p") == {"101": 0, "151": 0}
    assert st["members"]["165"]["lines"] == {}


def test_projects_are_not_prorated(tmp_path, capsys):
    # 151 is only a member from December (f = 1/2 by half-year) but its obligation is a full
    # half of V: 100 t × 100 kr = 1000000, V = 1000000 → 500000 each.
    members = [member("101"), member("151", member_from="2027-12-01")]
    doc = scenario(members, projects=[{"id": "p", "hourly_rate": 100, "key": "equal",
                                       "hours": {"101": 100, "151": 0}}], proration="half-year")
    st = settle_cli(tmp_path, doc, capsys)
    assert lines_of(st, "p") == {"101": 500000, "151": -500000}


def fractions_for(tmp_path, capsys, proration: str, spans: dict[str, tuple],
                  year: int = 2027) -> tuple[dict[str, str], dict[str, int]]:
    """The fraction of each member and its line of a 36.600 kr fixed_per_member charge."""
    members = [member(code, member_from=a, member_to=b) for code, (a, b) in spans.items()]
    doc = scenario(members, charges=[{"id": "fast", "kind": "fixed_per_member", "amount": 36600}],
                   proration=proration, year=year)
    st = settle_cli(tmp_path, doc, capsys)
    return {code: m["fraction"] for code, m in st["members"].items()}, lines_of(st, "fast")


def test_proration_none_charges_any_overlap_a_whole_year(tmp_path, capsys):
    fr, lines = fractions_for(tmp_path, capsys, "none", {
        "101": ("2027-12-31", None), "102": ("2000-01-01", "2027-01-01"), "103": ("2000-01-01", "2026-12-31"),
        "104": ("2028-01-01", None)})
    assert fr == {"101": "1", "102": "1", "103": "0", "104": "0"}
    # members with f = 0 are not charged at all and get no line
    assert lines == {"101": -3660000, "102": -3660000}


def test_proration_half_year_counts_overlapped_half_years(tmp_path, capsys):
    fr, lines = fractions_for(tmp_path, capsys, "half-year", {
        "101": ("2027-07-01", None),       # only the second half
        "102": ("2027-07-02", None),       # after 1 July: half a year
        "103": ("2027-06-30", None),       # one day of the first half counts: both halves
        "104": ("2020-01-01", "2027-06-30"),  # leaves at the end of the first half
        "105": ("2027-03-01", "2027-09-30"),  # overlaps both halves
        "106": ("2020-01-01", "2027-01-01")})  # one day is enough
    assert fr == {"101": "1/2", "102": "1/2", "103": "1", "104": "1/2", "105": "1", "106": "1/2"}
    # 36.600 kr × ½ = 18.300 kr
    assert lines["101"] == -1830000 and lines["103"] == -3660000


def test_proration_month_counts_overlapped_calendar_months(tmp_path, capsys):
    fr, lines = fractions_for(tmp_path, capsys, "month", {
        "101": ("2027-06-15", None), "102": ("2027-01-31", "2027-02-01"), "103": ("2026-05-01", "2027-12-01")})
    assert fr == {"101": "7/12", "102": "1/6", "103": "1"}
    # 36.600 kr × 7/12 = 21.350 kr; × 1/6 = 6.100 kr
    assert lines == {"101": -2135000, "102": -610000, "103": -3660000}


def test_proration_day_counts_overlapped_days_in_the_year(tmp_path, capsys):
    fr, lines = fractions_for(tmp_path, capsys, "day", {
        "101": ("2027-07-01", None),          # 1 Jul – 31 Dec = 184 days of 365
        "102": ("2027-01-01", "2027-01-01")})  # a single day
    assert fr == {"101": "184/365", "102": "1/365"}
    # 3660000 × 184/365 = 1845041.09… → 1845041; 3660000/365 = 10027.39… → 10027
    assert lines == {"101": -1845041, "102": -10027}


def test_proration_day_uses_366_days_in_a_leap_year(tmp_path, capsys):
    fr, lines = fractions_for(tmp_path, capsys, "day", {"101": ("2028-02-29", None)}, year=2028)
    # 29 Feb – 31 Dec 2028 = 366 − 59 = 307 days; 3660000 × 307/366 = 3070000
    assert fr == {"101": "307/366"}
    assert lines == {"101": -3070000}


def test_members_without_membership_in_the_year_are_outside_every_key(tmp_path, capsys):
    # 104 left in 2026: f = 0, so 300 kr is split over 101, 151, 165 only, and the host cost
    # by population ignores its population.
    members = [member("101"), member("151"), member("165"),
               member("104", population=10**6, member_from="2000-01-01", member_to="2026-12-31")]
    doc = scenario(members, charges=[{"id": "k", "kind": "equal_share", "total": 300}],
                   host_costs=[{"id": "h", "host": "101", "total": 300, "key": "population"}])
    st = settle_cli(tmp_path, doc, capsys)
    assert lines_of(st, "k") == {"101": -10000, "151": -10000, "165": -10000}
    assert lines_of(st, "h") == {"101": 20000, "151": -10000, "165": -10000}
    assert st["members"]["104"] == {"fraction": "0", "lines": {}, "charges": 0, "balance": 0, "net": 0}


def test_via_collaboration_pays_each_net_to_or_from_the_collaboration(tmp_path, capsys):
    # equal 300 kr: −10000 each. Host cost 600 kr hosted by 165 (equal): 165 +40000,
    # others −20000. Nets: 101 −30000, 151 −30000, 165 −10000 + 40000 = +30000.
    # A fourth member 170 with nothing (f = 0) has net 0 and makes no payment.
    members = THREE + [member("170", member_from="2030-01-01")]
    doc = scenario(members, charges=[{"id": "k", "kind": "equal_share", "total": 300}],
                   host_costs=[{"id": "h", "host": "165", "total": 600, "key": "equal"}],
                   settlement="via_collaboration")
    st = settle_cli(tmp_path, doc, capsys)
    assert [st["members"][c]["net"] for c in ("101", "151", "165", "170")] == [-30000, -30000, 30000, 0]
    assert st["collaboration_net"] == 30000
    assert st["transfers"] == [
        {"from": "101", "to": "collaboration", "amount_ore": 30000},
        {"from": "151", "to": "collaboration", "amount_ore": 30000},
        {"from": "collaboration", "to": "165", "amount_ore": 30000},
    ]


def test_net_transfers_let_the_biggest_debtor_pay_the_biggest_creditor(tmp_path, capsys):
    # Same nets as above with net_transfers: parties 101 −30000, 151 −30000, 165 +30000,
    # collaboration +30000. Debtor tie → 101; creditor tie → 165 before the collaboration.
    doc = scenario(THREE, charges=[{"id": "k", "kind": "equal_share", "total": 300}],
                   host_costs=[{"id": "h", "host": "165", "total": 600, "key": "equal"}])
    st = settle_cli(tmp_path, doc, capsys)
    assert st["transfers"] == [
        {"from": "101", "to": "165", "amount_ore": 30000},
        {"from": "151", "to": "collaboration", "amount_ore": 30000},
    ]


def test_reproduces_the_example_statement_of_the_spec(tmp_path, capsys):
    # 165 joins 1 Jul (f = ½); Σf = ½ + ½ + 1 + 1 = 3, so kontingent 900.000 kr × 1/6 = 150.000 kr.
    # programleder: 151 hosts 219.478,74 kr shared equally by 165 and 151 → 109.739,37 kr each.
    # monopolbrud: 850 kr × (1200 + 800) t = 1.700.000 kr; weights 994877:705123 →
    # 165's obligation 994.877 kr; contribution 1.020.000 kr → +25.123 kr.
    # An extra 450.000 kr charged to 101 alone brings the collaboration net to 1.350.000 kr.
    members = [member("165", member_from="2027-07-01"), member("151", member_from="2027-07-01"),
               member("101"), member("147")]
    doc = scenario(members, proration="half-year", charges=[
        {"id": "kontingent", "kind": "equal_share", "total": 900000},
        {"id": "ekstra", "kind": "fixed_per_member", "amount": 450000, "members": ["101"]}],
        host_costs=[{"id": "programleder", "host": "151", "total": 219478.74, "key": "equal",
                     "members": ["165", "151"]}],
        projects=[{"id": "monopolbrud", "hourly_rate": 850,
                   "key": {"weights": {"165": 994877, "151": 705123}}, "hours": {"165": 1200, "151": 800}}])
    st = settle_cli(tmp_path, doc, capsys)
    assert st["format"] == "digisam.settlement-statement/1"
    assert st["year"] == 2027
    assert st["members"]["165"] == {"fraction": "1/2",
                                    "lines": {"kontingent": -15000000, "programleder": -10973937,
                                              "monopolbrud": 2512300},
                                    "charges": 15000000, "balance": -8461637, "net": -23461637}
    assert st["collaboration_net"] == 135000000
    assert {"from": "165", "to": "collaboration", "amount_ore": 23461637} in st["transfers"]
    assert set(st) == {"format", "year", "members", "collaboration_net", "transfers"}


def test_settle_prints_the_statement_without_output_option(tmp_path, capsys):
    path = write(tmp_path, scenario(THREE, charges=[{"id": "k", "kind": "equal_share", "total": 3}]))
    assert main(["settle", str(path)]) == 0
    st = json.loads(capsys.readouterr().out)
    assert st["collaboration_net"] == 300


def test_explain_shows_each_line_in_danish_words_and_numbers(tmp_path, capsys):
    members = [member("101", population=102753, member_from="2027-08-01"), member("151")]
    doc = scenario(members, charges=[{"id": "sbsys", "kind": "per_inhabitant", "rate": 9},
                                     {"id": "kontingent", "kind": "equal_share", "total": 900000}],
                   proration="half-year")
    path = write(tmp_path, doc)
    assert main(["explain", str(path), "--member", "101"]) == 0
    out = capsys.readouterr().out
    assert "9 kr. × 102.753 indbyggere × ½ år = 462.388,50 kr." in out
    assert "900.000 kr. × ½ år / 1½ år i alt = 900.000 kr. × 1/3 = 300.000,00 kr." in out
    assert "Kommune 151" not in out
    assert main(["explain", str(path), "--member", "999"]) == 2
    assert "unknown member 999" in capsys.readouterr().err


def test_the_module_runs_as_a_script_and_never_imports_django(tmp_path):
    import subprocess
    import sys

    path = write(tmp_path, scenario(THREE, charges=[{"id": "k", "kind": "equal_share", "total": 3}]))
    done = subprocess.run([sys.executable, "-m", "digisam.engines.economy", "settle", str(path)],
                          capture_output=True, text=True, check=False, timeout=60)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["collaboration_net"] == 300
    probe = ("import sys, digisam.engines.economy as e, digisam.engines.economy.cli; "
             "print(any(m == 'django' or m.startswith('django.') for m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60)
    assert done.stdout.strip() == "False"


def test_the_engine_api_exposes_explanations_that_stay_out_of_the_statement_file(tmp_path):
    from digisam.engines.economy import parse_scenario, settle, statement_to_dict

    members = [member("101", population=102753, member_from="2027-08-01"), member("151")]
    doc = scenario(members, charges=[{"id": "sbsys", "kind": "per_inhabitant", "rate": 9}],
                   proration="half-year")
    statement = settle(parse_scenario(doc))
    line = statement.member("101").lines[0]
    assert line.amount_ore == -46238850
    assert line.explanation.kind == "per_inhabitant"
    assert line.explanation.numbers["f"] == "1/2"
    assert line.explanation.numbers["quantity"] == "102753"
    assert line.explanation.text.startswith("9 kr. × 102.753 indbyggere × ½ år")
    assert "explanation" not in json.dumps(statement_to_dict(statement))
