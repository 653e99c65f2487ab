"""The business case engine's frozen dataclasses: three-point estimates and their PERT mean,
the case's yearly lines and the input, the yearly table and the result."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from .validation import _dec, validate_case, validate_estimate, validate_line

DEFAULT_DISCOUNT_RATE = Decimal("0.035")


@dataclass(frozen=True)
class Estimate:
    """A three-point estimate: low (a), most likely (m), high (b)."""

    likely: Decimal
    low: Decimal | None = None
    high: Decimal | None = None

    def __post_init__(self):
        object.__setattr__(self, "likely", _dec(self.likely))
        object.__setattr__(self, "low", self.likely if self.low is None else _dec(self.low))
        object.__setattr__(self, "high", self.likely if self.high is None else _dec(self.high))
        validate_estimate(self)

    @property
    def mean(self) -> Decimal:
        return pert_mean(self.low, self.likely, self.high)


def pert_mean(low, likely, high) -> Decimal:
    """PERT mean (a + 4m + b) / 6, unrounded."""
    return (_dec(low) + 4 * _dec(likely) + _dec(high)) / 6


@dataclass(frozen=True)
class CaseLine:
    """One yearly amount: for a member, in a scenario (0 or 1), of a kind, in case year `year` (1-based)."""

    member: str
    scenario: int
    kind: str
    year: int
    estimate: Estimate
    label: str = ""

    def __post_init__(self):
        validate_line(self)


@dataclass(frozen=True)
class CaseInput:
    lines: tuple[CaseLine, ...]
    start_year: int
    horizon: int | None = None  # number of years; default: up to the last line's year
    discount_rate: Decimal = DEFAULT_DISCOUNT_RATE

    def __post_init__(self):
        object.__setattr__(self, "discount_rate", _dec(self.discount_rate))
        object.__setattr__(self, "lines", tuple(self.lines))
        validate_case(self)


@dataclass(frozen=True)
class YearRow:
    year: int  # calendar year
    case_year: int  # 1-based
    investments: Decimal  # incremental (scenario 1 − scenario 0)
    running_costs: Decimal
    gains: Decimal
    net: Decimal
    discount_factor: Decimal
    present_value: Decimal
    cumulative: Decimal  # undiscounted cumulative net


@dataclass(frozen=True)
class CaseResult:
    rows: tuple[YearRow, ...]
    npv: Decimal
    npv_by_member: dict = field(default_factory=dict)
    net_by_member: dict = field(default_factory=dict)  # undiscounted
    scenario_net: dict = field(default_factory=dict)  # {0: total, 1: total}, undiscounted
    total_investment: Decimal = Decimal(0)
    payback_year: int | None = None
    discount_rate: Decimal = DEFAULT_DISCOUNT_RATE
