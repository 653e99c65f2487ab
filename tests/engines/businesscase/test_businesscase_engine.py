"""The business case engine against hand-computed cases."""

from decimal import Decimal as D

import pytest

from digisam.engines.businesscase import CaseInput, CaseLine, Estimate, compute, pert_mean


def line(member, scenario, kind, year, likely, low=None, high=None):
    return CaseLine(member, scenario, kind, year, Estimate(D(likely), None if low is None else D(low),
                                                          None if high is None else D(high)))


def test_pert_mean_is_a_plus_four_m_plus_b_over_six():
    assert pert_mean(D(60), D(90), D(180)) == D(100)  # (60 + 360 + 180) / 6
    assert Estimate(D(5)).mean == D(5)


def test_estimate_must_be_ordered():
    with pytest.raises(ValueError):
        Estimate(D(10), low=D(20))


def test_floats_are_refused():
    with pytest.raises(TypeError):
        Estimate(1.5)


def test_year_one_is_not_discounted_and_later_years_are():
    # Investment 1.000 in year 1, gain 600 in years 2 and 3, rate 3.5 %.
    # NPV = -1000 + 600/1.035 + 600/1.035² = -1000 + 579.710145 + 560.106420 = 139.816565 → 139.82
    case = CaseInput(start_year=2026, lines=(
        line("A", 1, "investment", 1, 1000), line("A", 1, "gain", 2, 600), line("A", 1, "gain", 3, 600),
    ))
    result = compute(case)
    assert result.npv == D("139.82")
    assert [r.discount_factor for r in result.rows] == [D("1.000000"), D("0.966184"), D("0.933511")]
    assert [r.cumulative for r in result.rows] == [D("-1000.00"), D("-400.00"), D("200.00")]
    assert result.payback_year == 2028


def test_scenario_zero_is_subtracted_and_three_point_estimates_use_pert():
    # Scenario 0: running cost 500/yr (years 1-2). Scenario 1: investment (a=600, m=900, b=1800 → 1000)
    # in year 1 and running cost 200/yr. Incremental: year 1 = -1000 - 200 + 500 = -700; year 2 = +300.
    # Rate 0 → NPV = -400; never pays back.
    case = CaseInput(start_year=2026, discount_rate=D(0), lines=(
        line("A", 0, "running_cost", 1, 500), line("A", 0, "running_cost", 2, 500),
        line("A", 1, "investment", 1, 900, 600, 1800),
        line("A", 1, "running_cost", 1, 200), line("A", 1, "running_cost", 2, 200),
    ))
    result = compute(case)
    assert [r.net for r in result.rows] == [D("-700.00"), D("300.00")]
    assert result.npv == D("-400.00")
    assert result.payback_year is None
    assert result.total_investment == D("1000.00")
    assert result.scenario_net == {0: D("-1000.00"), 1: D("-1400.00")}


def test_per_member_npv_adds_up_and_horizon_cuts_later_years():
    # Rate 10 %: A invests 100 year 1, gains 110 year 2 → NPV 0. B gains 121 in year 3 → 100.
    # Horizon 2 drops B's year 3.
    lines = (line("A", 1, "investment", 1, 100), line("A", 1, "gain", 2, 110), line("B", 1, "gain", 3, 121))
    full = compute(CaseInput(start_year=2030, discount_rate=D("0.10"), lines=lines))
    assert full.npv_by_member == {"A": D("0.00"), "B": D("100.00")}
    assert full.npv == D("100.00")
    assert full.payback_year == 2031
    cut = compute(CaseInput(start_year=2030, discount_rate=D("0.10"), lines=lines, horizon=2))
    assert len(cut.rows) == 2 and cut.npv == D("0.00")


def test_payback_in_year_one_when_never_negative_and_none_when_nothing_happens():
    assert compute(CaseInput(start_year=2026, lines=(line("A", 1, "gain", 1, 10),))).payback_year == 2026
    assert compute(CaseInput(start_year=2026, lines=())).payback_year is None


def test_payback_is_the_year_from_which_the_cumulative_flow_stays_positive():
    lines = (line("A", 1, "investment", 1, 100), line("A", 1, "gain", 2, 150),
             line("A", 1, "investment", 3, 100), line("A", 1, "gain", 4, 100))
    result = compute(CaseInput(start_year=2026, discount_rate=D(0), lines=lines))
    assert [r.cumulative for r in result.rows] == [D(-100), D(50), D(-50), D(50)]
    assert result.payback_year == 2029


def test_default_discount_rate_is_three_and_a_half_percent():
    assert CaseInput(start_year=2026, lines=()).discount_rate == D("0.035")
