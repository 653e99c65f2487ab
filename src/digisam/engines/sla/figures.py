"""SLA figures: per service, member and month the volume, response and resolution percentiles,
the share within target, breaches, availability and credits.

Rules (documented in docs/operations-support.md):
- times are minutes of the calendar clock (opening hours are not subtracted);
- a ticket belongs to the month it was opened in;
- percentiles are nearest-rank over the tickets that have the time (open tickets are left out);
- a ticket breaches when its resolution took longer than its priority's resolution target, or when
  it is still unresolved at `period_end` and already past the target; response targets count in the
  share within target, not as breaches;
- availability: the minutes of the month in which at least one ticket of an outage priority
  (default priority "1") was open for that member and service, merged over overlapping tickets,
  against the minutes of the month; 2 decimals, percent;
- credits: `credit_per_breach` per breach, capped per member and service for the whole period by
  the service's `credit_cap`.
"""

from __future__ import annotations

import datetime
import math
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from .model import Cell, Figures, ServiceTerms, Target, Ticket

CENT = Decimal("0.01")


def month_of(moment: datetime.datetime) -> str:
    return f"{moment.year:04d}-{moment.month:02d}"


def month_bounds(month: str, tz=None) -> tuple[datetime.datetime, datetime.datetime]:
    year, number = int(month[:4]), int(month[5:7])
    start = datetime.datetime(year, number, 1, tzinfo=tz)
    end = datetime.datetime(year + (number == 12), number % 12 + 1, 1, tzinfo=tz)
    return start, end


def percentile(sorted_values: list[float], p: int) -> float | None:
    """Nearest-rank percentile of sorted values (None for none)."""
    if not sorted_values:
        return None
    rank = max(1, math.ceil(p / 100 * len(sorted_values)))
    return sorted_values[rank - 1]


def _minutes(start: datetime.datetime, end: datetime.datetime) -> float:
    return (end - start).total_seconds() / 60


def _outage_minutes(intervals: list[tuple[datetime.datetime, datetime.datetime]], month: str) -> int:
    """Minutes of `month` covered by the union of the intervals."""
    if not intervals:
        return 0
    tz = intervals[0][0].tzinfo
    low, high = month_bounds(month, tz)
    clipped = sorted((max(s, low), min(e, high)) for s, e in intervals if e > low and s < high)
    total = 0.0
    current_start, current_end = None, None
    for s, e in clipped:
        if current_end is None or s > current_end:
            if current_end is not None:
                total += _minutes(current_start, current_end)
            current_start, current_end = s, e
        elif e > current_end:
            current_end = e
    if current_end is not None:
        total += _minutes(current_start, current_end)
    return int(round(total))


def compute(tickets: Iterable[Ticket], targets: Iterable[Target], terms: Iterable[ServiceTerms] = (),
            period_end: datetime.datetime | None = None) -> Figures:
    """The SLA figures of the tickets against the targets (pure; never raises on data the
    validation accepted)."""
    target_by = {(t.service, t.priority): t for t in targets}
    terms_by = {t.service: t for t in terms}
    groups: dict[tuple[str, str, str], list[Ticket]] = defaultdict(list)
    for ticket in tickets:
        groups[(ticket.service, ticket.member, month_of(ticket.opened))].append(ticket)
    cells = []
    raw_credits: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    for (service, member, month) in sorted(groups):
        rows = groups[(service, member, month)]
        term = terms_by.get(service) or ServiceTerms(service=service)
        responses, resolutions = [], []
        response_within = response_measured = resolution_within = resolution_measured = breaches = 0
        credit = Decimal(0)
        outages = []
        responded = resolved = 0
        for t in rows:
            target = target_by.get((service, t.priority))
            if t.first_response is not None:
                responded += 1
                minutes = _minutes(t.opened, t.first_response)
                responses.append(minutes)
                if target is not None and target.response_minutes is not None:
                    response_measured += 1
                    response_within += minutes <= target.response_minutes
            end = t.resolved
            if end is not None:
                resolved += 1
                minutes = _minutes(t.opened, end)
                resolutions.append(minutes)
                if target is not None and target.resolution_minutes is not None:
                    resolution_measured += 1
                    if minutes <= target.resolution_minutes:
                        resolution_within += 1
                    else:
                        breaches += 1
                        credit += target.credit_per_breach
            elif (period_end is not None and target is not None and target.resolution_minutes is not None
                  and _minutes(t.opened, period_end) > target.resolution_minutes):
                resolution_measured += 1
                breaches += 1
                credit += target.credit_per_breach
            if t.priority in term.outage_priorities:
                outages.append((t.opened, end or period_end or month_bounds(month, t.opened.tzinfo)[1]))
        responses.sort()
        resolutions.sort()
        low, high = month_bounds(month)
        month_minutes = int(_minutes(low, high))
        outage = _outage_minutes(outages, month)
        availability = (Decimal(month_minutes - outage) * 100 / month_minutes).quantize(CENT)
        raw_credits[(service, member)] += credit
        cells.append(Cell(
            service=service, member=member, month=month, volume=len(rows), responded=responded, resolved=resolved,
            response_p50=percentile(responses, 50), response_p90=percentile(responses, 90),
            resolution_p50=percentile(resolutions, 50), resolution_p90=percentile(resolutions, 90),
            response_within=response_within, response_measured=response_measured,
            resolution_within=resolution_within, resolution_measured=resolution_measured,
            breaches=breaches, outage_minutes=outage, availability=availability,
            availability_target=term.availability_target, credit=credit.quantize(CENT),
        ))
    credits = {}
    for key, amount in raw_credits.items():
        cap = (terms_by.get(key[0]) or ServiceTerms(service=key[0])).credit_cap
        if cap is not None:
            amount = min(amount, cap)
        if amount:
            credits[key] = amount.quantize(CENT)
    return Figures(cells=tuple(cells), credits=credits)


def summarise(cells: Iterable[Cell]) -> dict:
    """Totals over cells (e.g. a service's year): volume, breaches, shares within target."""
    cells = list(cells)
    rw = sum(c.response_within for c in cells)
    rm = sum(c.response_measured for c in cells)
    sw = sum(c.resolution_within for c in cells)
    sm = sum(c.resolution_measured for c in cells)
    availability = [c.availability for c in cells if c.availability is not None]
    return {
        "volume": sum(c.volume for c in cells),
        "breaches": sum(c.breaches for c in cells),
        "response_share": (Decimal(rw) * 100 / rm).quantize(Decimal("0.1")) if rm else None,
        "resolution_share": (Decimal(sw) * 100 / sm).quantize(Decimal("0.1")) if sm else None,
        "availability_min": min(availability) if availability else None,
        "credit": sum((c.credit for c in cells), Decimal(0)),
    }
