"""Exit dates by a collaboration's notice rule (pure)."""

from __future__ import annotations

import calendar
from datetime import date


def _add_months(day: date, months: int) -> date:
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _period_end(day: date, point: str) -> date:
    if point == "month_end":
        return date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])
    if point == "half_year_end":
        return date(day.year, 6, 30) if day.month <= 6 else date(day.year, 12, 31)
    if point == "year_end":
        return date(day.year, 12, 31)
    raise ValueError(f"unknown exit point {point!r}")


def exit_date(notice_given: date, notice_months: int, point: str) -> date:
    """The first `point` (end of month / half-year / year) on or after notice + `notice_months`.
    E.g. notice 15.03.2026, 6 months, year end → 31.12.2026; notice 15.08.2026 → the earliest day
    is 15.02.2027, so 31.12.2027."""
    earliest = _add_months(notice_given, notice_months)
    return _period_end(earliest, point)
