"""The membership fraction f of a year under each proration rule."""

from __future__ import annotations

import calendar
from datetime import date
from fractions import Fraction

__all__ = ["membership_fraction", "overlap"]


def overlap(
    member_from: date | None, member_to: date | None, start: date, end: date
) -> tuple[date, date] | None:
    """The inclusive overlap of a membership (open ends allowed) with [start, end], or None."""
    lo = max(member_from or date.min, start)
    hi = min(member_to or date.max, end)
    if lo > hi:
        return None
    return lo, hi


def membership_fraction(
    member_from: date | None, member_to: date | None, year: int, proration: str
) -> Fraction:
    """f for a membership running from ``member_from`` to ``member_to`` (both inclusive,
    None = open) in ``year``.

    - ``none``: 1 if the membership overlaps the year at all, else 0;
    - ``half-year``: overlapped half-years (1 Jan–30 Jun, 1 Jul–31 Dec) / 2;
    - ``month``: overlapped calendar months / 12;
    - ``day``: overlapped days / days in the year.
    """
    year_start, year_end = date(year, 1, 1), date(year, 12, 31)
    span = overlap(member_from, member_to, year_start, year_end)
    if span is None:
        return Fraction(0)
    lo, hi = span
    if proration == "none":
        return Fraction(1)
    if proration == "half-year":
        halves = [(date(year, 1, 1), date(year, 6, 30)), (date(year, 7, 1), date(year, 12, 31))]
        count = sum(1 for a, b in halves if overlap(lo, hi, a, b) is not None)
        return Fraction(count, 2)
    if proration == "month":
        return Fraction(hi.month - lo.month + 1, 12)
    if proration == "day":
        days_in_year = 366 if calendar.isleap(year) else 365
        return Fraction((hi - lo).days + 1, days_in_year)
    raise ValueError(f"unknown proration {proration!r}")
