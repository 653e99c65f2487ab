"""A contract that has not started cannot end before it starts (issue 12 item 3)."""

import datetime as dt

from digisam.portfolio import contract_dates as cd
from digisam.portfolio.contract_dates import Terms

TODAY = dt.date(2026, 12, 3)


def test_a_contract_valid_from_2030_ends_by_notice_at_the_earliest_after_its_start():
    terms = Terms(valid_from=dt.date(2030, 1, 1), expires=dt.date(2033, 12, 31), notice_months=6,
                  notice_runs_to="year")
    assert cd.status(terms, TODAY) == cd.NOT_STARTED
    assert cd.earliest_end(terms, TODAY) == dt.date(2030, 12, 31)


def test_early_exit_before_the_start_is_moved_to_the_start_at_the_earliest():
    terms = Terms(valid_from=dt.date(2030, 1, 1), expires=dt.date(2030, 6, 30), early_exit_months=12)
    assert cd.earliest_end(terms, TODAY) == dt.date(2030, 1, 1)


def test_a_started_contract_still_counts_notice_from_today():
    terms = Terms(valid_from=dt.date(2020, 1, 1), notice_months=3)
    assert cd.earliest_end(terms, TODAY) == dt.date(2027, 3, 31)
