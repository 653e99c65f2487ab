"""Contract date arithmetic as pure functions (no Django): status, last day to give notice, earliest
and latest possible end. Tested by hand-computed cases in tests/portfolio/test_portfolio_dates.py.

Conventions (what a procurement officer would expect):
- `expires` is the last day covered ("Gyldig til"); open-ended contracts have none.
- Notice of n months "to the end of a month/quarter/year": notice given on day d ends the contract
  at the end of the month/quarter/year in which d + n months falls; "løbende" (day) ends it on d + n months.
- A contract cannot end by notice before `irrevocable_until` ("Uopsigelig til"); it then ends at the
  first period end on or after that day.
- Early exit: the contract may be left `early_exit_months` before `expires` (for a fee).
- Earliest possible end = the earliest of: end by notice given today, early exit, expiry — never
  before today, nor before the contract starts (a contract valid from a later day counts notice
  from that day; an expired contract's earliest end is its expiry). A contract given notice
  (`terminated`) ends at the end that notice gives.
- Latest possible end = expiry extended by all remaining options (count − used) × months.
- Last day to give notice: the last day notice can be given so the contract ends at its expiry
  (open-ended contracts: at the earliest end by notice). None without a notice period or when
  notice has been given.
- Month arithmetic keeps the end of a month at the end of a month (31 Jan + 1 month = 28/29 Feb,
  30 Jun + 6 months = 31 Dec).
"""

from __future__ import annotations

import calendar
import datetime
import functools
from dataclasses import dataclass

ACTIVE, NOT_STARTED, IRREVOCABLE, ENDING, TERMINATED, EXPIRED, UNKNOWN = (
    "active", "not_started", "irrevocable", "ending", "terminated", "expired", "unknown",
)
STATUS_LABELS = {
    ACTIVE: "Aktiv",
    NOT_STARTED: "Ikke startet",
    IRREVOCABLE: "Uopsigelig",
    ENDING: "Udløber inden for et år",
    TERMINATED: "Opsagt",
    EXPIRED: "Udløbet",
    UNKNOWN: "Ukendt",
}


@dataclass(frozen=True)
class Terms:
    valid_from: datetime.date | None = None
    expires: datetime.date | None = None
    irrevocable_until: datetime.date | None = None
    terminated: datetime.date | None = None
    notice_months: int | None = None
    notice_runs_to: str = "month"  # day | month | quarter | year
    remaining_extension_months: int = 0
    early_exit_months: int = 0


@functools.lru_cache(maxsize=4096)
def last_day_of_month(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def is_month_end(day: datetime.date) -> bool:
    return day.day == last_day_of_month(day.year, day.month)


@functools.lru_cache(maxsize=65536)
def add_months(day: datetime.date, months: int) -> datetime.date:
    """`day` plus whole months; the end of a month stays the end of a month, other days are clamped.
    Memoised (pure, and called thousands of times per harmonisation picture)."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    last = last_day_of_month(year, month)
    if is_month_end(day):
        return datetime.date(year, month, last)
    return datetime.date(year, month, min(day.day, last))


def period_end(day: datetime.date, runs_to: str) -> datetime.date:
    """The end of the month/quarter/year containing `day` ('day': the day itself)."""
    if runs_to == "day":
        return day
    if runs_to == "year":
        return datetime.date(day.year, 12, 31)
    if runs_to == "quarter":
        month = ((day.month - 1) // 3 + 1) * 3
        return datetime.date(day.year, month, last_day_of_month(day.year, month))
    return datetime.date(day.year, day.month, last_day_of_month(day.year, day.month))


def end_by_notice(terms: Terms, given: datetime.date) -> datetime.date | None:
    """The day a contract ends when notice is given on `given`."""
    if terms.notice_months is None:
        return None
    end = period_end(add_months(given, terms.notice_months), terms.notice_runs_to)
    if terms.irrevocable_until and end < terms.irrevocable_until:
        end = period_end(terms.irrevocable_until, terms.notice_runs_to)
    return end


def latest_end(terms: Terms) -> datetime.date | None:
    if terms.terminated:
        by_notice = end_by_notice(terms, terms.terminated)
        if by_notice and (terms.expires is None or by_notice < terms.expires):
            return by_notice
        return terms.expires
    if terms.expires is None:
        return None
    return add_months(terms.expires, terms.remaining_extension_months)


def earliest_end(terms: Terms, today: datetime.date) -> datetime.date | None:
    if terms.terminated:
        return latest_end(terms)
    if terms.expires and terms.expires < today:
        return terms.expires
    # A contract that has not started cannot end before it starts: notice counts from its first day.
    start = max(today, terms.valid_from) if terms.valid_from else today
    candidates = []
    by_notice = end_by_notice(terms, start)
    if by_notice:
        candidates.append(by_notice)
    if terms.expires:
        candidates.append(terms.expires)
        if terms.early_exit_months:
            candidates.append(add_months(terms.expires, -terms.early_exit_months))
    if not candidates:
        return None
    return max(min(candidates), start)


def last_notice_day(terms: Terms, today: datetime.date) -> datetime.date | None:
    if terms.notice_months is None or terms.terminated:
        return None
    target = terms.expires or end_by_notice(terms, today)
    # Notice given on d ends the contract at period_end(d + n). The last such d for `target`:
    # the day before (target + 1 day − n months).
    day = add_months(target + datetime.timedelta(days=1), -terms.notice_months) - datetime.timedelta(days=1)
    if terms.notice_runs_to == "day":
        day = add_months(target, -terms.notice_months)
    return day


def status(terms: Terms, today: datetime.date) -> str:
    if terms.valid_from and terms.valid_from > today:
        return NOT_STARTED
    end = latest_end(terms) if terms.terminated else terms.expires
    if end and end < today:
        return EXPIRED
    if terms.terminated:
        return TERMINATED
    if terms.irrevocable_until and terms.irrevocable_until >= today:
        return IRREVOCABLE
    if terms.expires and terms.expires <= add_months(today, 12):
        return ENDING
    if terms.expires is None and terms.notice_months is None:
        return UNKNOWN if terms.valid_from is None else ACTIVE
    return ACTIVE


def month_index(day: datetime.date, start: datetime.date) -> int:
    """Whole months from `start`'s month to `day`'s month (the planner's month numbers)."""
    return (day.year - start.year) * 12 + (day.month - start.month)


def first_month_not_covered(expires: datetime.date) -> datetime.date:
    """The planner's E: the first day of the first month the contract no longer covers."""
    after = expires + datetime.timedelta(days=1)
    if after.day == 1:
        return after
    return add_months(after.replace(day=1), 1)
