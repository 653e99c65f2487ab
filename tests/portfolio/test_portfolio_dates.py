"""Contract date rules, checked against cases computed by hand (see contract_dates' docstring)."""

import datetime as dt

from digisam.portfolio import contract_dates as cd
from digisam.portfolio.contract_dates import Terms

TODAY = dt.date(2026, 11, 29)


def test_month_arithmetic_keeps_month_ends():
    assert cd.add_months(dt.date(2027, 1, 31), 1) == dt.date(2027, 2, 28)
    assert cd.add_months(dt.date(2026, 6, 30), 6) == dt.date(2026, 12, 31)
    assert cd.add_months(dt.date(2026, 3, 15), -3) == dt.date(2025, 12, 15)
    assert cd.add_months(dt.date(2028, 2, 29), 12) == dt.date(2029, 2, 28)


def test_three_months_notice_to_the_end_of_a_month():
    # Notice on 29 Nov 2026 + 3 months = 28 Feb 2027 -> ends at the end of February.
    terms = Terms(notice_months=3, notice_runs_to="month")
    assert cd.earliest_end(terms, TODAY) == dt.date(2027, 2, 28)
    # Open-ended: the last day to give notice for that end is 30 November 2026.
    assert cd.last_notice_day(terms, TODAY) == dt.date(2026, 11, 30)
    assert cd.latest_end(terms) is None


def test_notice_to_the_end_of_a_quarter_and_a_year():
    assert cd.earliest_end(Terms(notice_months=3, notice_runs_to="quarter"), TODAY) == dt.date(2027, 3, 31)
    assert cd.earliest_end(Terms(notice_months=6, notice_runs_to="year"), TODAY) == dt.date(2027, 12, 31)
    assert cd.earliest_end(Terms(notice_months=1, notice_runs_to="day"), TODAY) == dt.date(2026, 12, 29)


def test_irrevocable_period_postpones_the_end_by_notice():
    terms = Terms(notice_months=3, notice_runs_to="quarter", irrevocable_until=dt.date(2027, 8, 15),
                  expires=dt.date(2030, 6, 30))
    # by notice 31 Mar 2027 < 15 Aug 2027 -> end of that quarter: 30 Sep 2027
    assert cd.earliest_end(terms, TODAY) == dt.date(2027, 9, 30)
    assert cd.status(terms, TODAY) == cd.IRREVOCABLE


def test_fixed_term_contract_with_options_and_early_exit():
    terms = Terms(expires=dt.date(2029, 6, 30), notice_months=6, notice_runs_to="month",
                  remaining_extension_months=2 * 12, early_exit_months=6)
    # no notice right before expiry other than notice: notice today ends 31 May 2027 (earlier than exit)
    assert cd.earliest_end(terms, TODAY) == dt.date(2027, 5, 31)
    assert cd.latest_end(terms) == dt.date(2031, 6, 30)
    # last day to give 6 months' notice for 30 June 2029: 31 December 2028
    assert cd.last_notice_day(terms, TODAY) == dt.date(2028, 12, 31)
    assert cd.status(terms, TODAY) == cd.ACTIVE


def test_fixed_term_without_notice_right_ends_by_early_exit():
    terms = Terms(expires=dt.date(2029, 6, 30), early_exit_months=6, remaining_extension_months=12)
    assert cd.earliest_end(terms, TODAY) == dt.date(2028, 12, 31)
    assert cd.latest_end(terms) == dt.date(2030, 6, 30)
    assert cd.last_notice_day(terms, TODAY) is None


def test_status_expired_ending_terminated_and_not_started():
    assert cd.status(Terms(expires=dt.date(2026, 1, 31)), TODAY) == cd.EXPIRED
    assert cd.earliest_end(Terms(expires=dt.date(2026, 1, 31)), TODAY) == dt.date(2026, 1, 31)
    assert cd.status(Terms(expires=dt.date(2027, 6, 30)), TODAY) == cd.ENDING
    assert cd.status(Terms(valid_from=dt.date(2027, 1, 1), expires=dt.date(2031, 1, 1)), TODAY) == cd.NOT_STARTED
    terminated = Terms(expires=dt.date(2030, 12, 31), terminated=dt.date(2026, 10, 1), notice_months=3,
                       remaining_extension_months=24)
    # notice 1 Oct 2026 + 3 months = 1 Jan 2027 -> end of January 2027
    assert cd.latest_end(terminated) == dt.date(2027, 1, 31)
    assert cd.earliest_end(terminated, TODAY) == dt.date(2027, 1, 31)
    assert cd.status(terminated, TODAY) == cd.TERMINATED
    assert cd.last_notice_day(terminated, TODAY) is None


def test_planner_month_conversion():
    assert cd.first_month_not_covered(dt.date(2029, 6, 30)) == dt.date(2029, 7, 1)
    assert cd.first_month_not_covered(dt.date(2029, 6, 15)) == dt.date(2029, 7, 1)
    assert cd.month_index(dt.date(2029, 7, 1), dt.date(2027, 1, 1)) == 30


def test_model_methods_use_remaining_options(pf):
    contract = pf.c165
    contract.extensions_used = 1
    assert contract.remaining_extension_months == 0
    assert contract.latest_end() == dt.date(2029, 6, 30)
    contract.extensions_used = 0
    assert contract.latest_end() == dt.date(2030, 6, 30)
    assert contract.annual_cost == contract.cost_operation + contract.cost_other
