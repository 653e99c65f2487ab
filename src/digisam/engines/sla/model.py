"""Inputs and outputs of the SLA engine: frozen dataclasses, no Django."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class Ticket:
    """One ticket from the operator's export. Times are naive or aware datetimes of one clock;
    `first_response` and `resolved` may be missing (still open)."""

    ident: str
    member: str
    service: str
    priority: str
    opened: datetime.datetime
    first_response: datetime.datetime | None = None
    resolved: datetime.datetime | None = None


@dataclass(frozen=True)
class Target:
    """A service level's target for one priority: minutes to first response and to resolution.
    `credit_per_breach` (DKK) is what the member is credited for each ticket resolved late."""

    service: str
    priority: str
    response_minutes: int | None
    resolution_minutes: int | None
    credit_per_breach: Decimal = Decimal(0)


@dataclass(frozen=True)
class ServiceTerms:
    """Per service: the availability target (percent), the priorities whose open time counts as
    downtime (outages), and the cap on credits per member and year (None: no cap)."""

    service: str
    availability_target: Decimal | None = None
    outage_priorities: tuple[str, ...] = ("1",)
    credit_cap: Decimal | None = None


@dataclass(frozen=True)
class Cell:
    """Figures for one service × member × month ("YYYY-MM")."""

    service: str
    member: str
    month: str
    volume: int
    responded: int
    resolved: int
    response_p50: float | None
    response_p90: float | None
    resolution_p50: float | None
    resolution_p90: float | None
    response_within: int
    response_measured: int
    resolution_within: int
    resolution_measured: int
    breaches: int
    outage_minutes: int
    availability: Decimal | None
    availability_target: Decimal | None
    credit: Decimal

    @property
    def response_share(self) -> Decimal | None:
        return _share(self.response_within, self.response_measured)

    @property
    def resolution_share(self) -> Decimal | None:
        return _share(self.resolution_within, self.resolution_measured)

    @property
    def availability_breached(self) -> bool:
        return (self.availability is not None and self.availability_target is not None
                and self.availability < self.availability_target)

    @property
    def breached(self) -> bool:
        return self.breaches > 0 or self.availability_breached


@dataclass(frozen=True)
class Figures:
    """All cells, ordered by service, member, month; credits per (service, member) for the whole
    period after the cap."""

    cells: tuple[Cell, ...]
    credits: dict[tuple[str, str], Decimal] = field(default_factory=dict)


def _share(within: int, measured: int) -> Decimal | None:
    if not measured:
        return None
    return (Decimal(within) * 100 / Decimal(measured)).quantize(Decimal("0.1"))
