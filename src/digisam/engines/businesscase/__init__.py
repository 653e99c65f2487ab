"""Business case engine: scenario 0 (continue as today) against scenario 1 (the initiative).

Pure Python, no Django. Input and output are frozen dataclasses; all arithmetic is `Decimal`.

Conventions (documented in docs/initiatives.md and tested against hand-computed cases):

- **Years.** Year 1 is the first year of the case (`CaseInput.start_year`). Every amount is a
  yearly cash flow booked at the *end* of its year's discounting period as follows:
  **year 1 is not discounted**; year *t* is discounted by ``(1 + r) ** (t - 1)``. The net present
  value is therefore stated in year-1 prices at the start of the case (the Danish state business
  case model's "nutidsværdi i år 1").
- **Three-point estimates.** Each line has a low (a), most likely (m) and high (b) value; the
  engine uses the PERT mean ``(a + 4m + b) / 6``. A line with only a most likely value has a = m = b.
- **Signs.** Investments and running costs are entered as positive amounts and count as outflows;
  gains count as inflows. Net cash flow of a scenario = gains − investments − running costs.
- **Scenario comparison.** The incremental cash flow is net(scenario 1) − net(scenario 0). NPV,
  payback and the yearly table are of the incremental flow; scenario totals are given as well.
- **Payback year.** The calendar year from which the *undiscounted* cumulative incremental cash
  flow is ≥ 0 and stays ≥ 0 for the rest of the horizon (an initiative whose cumulative flow is
  never negative pays back in year 1). ``None`` when it does not pay back within the horizon or
  when all flows are zero.
- **Rounding.** Nothing is rounded inside the computation (Decimal with 28 significant digits);
  the results are rounded half-up to øre (2 decimals) at the end.
- **Discount rate** default 3.5 % (Finansministeriet's rate), given as a fraction (0.035).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, localcontext

__all__ = [
    "DEFAULT_DISCOUNT_RATE", "CaseInput", "CaseLine", "CaseResult", "Estimate", "YearRow", "compute", "pert_mean",
]

DEFAULT_DISCOUNT_RATE = Decimal("0.035")
INVESTMENT, RUNNING_COST, GAIN = "investment", "running_cost", "gain"
KINDS = (INVESTMENT, RUNNING_COST, GAIN)
CENT = Decimal("0.01")


def _dec(value) -> Decimal:
    if isinstance(value, float):
        raise TypeError("floats are not allowed in business case computations")
    return value if isinstance(value, Decimal) else Decimal(value)


def _round(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


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
        if not (self.low <= self.likely <= self.high):
            raise ValueError("three-point estimate must satisfy low ≤ most likely ≤ high")

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
        if self.scenario not in (0, 1):
            raise ValueError("scenario must be 0 or 1")
        if self.kind not in KINDS:
            raise ValueError(f"kind must be one of {', '.join(KINDS)}")
        if self.year < 1:
            raise ValueError("year must be 1 or later")


@dataclass(frozen=True)
class CaseInput:
    lines: tuple[CaseLine, ...]
    start_year: int
    horizon: int | None = None  # number of years; default: up to the last line's year
    discount_rate: Decimal = DEFAULT_DISCOUNT_RATE

    def __post_init__(self):
        object.__setattr__(self, "discount_rate", _dec(self.discount_rate))
        object.__setattr__(self, "lines", tuple(self.lines))
        if self.discount_rate <= -1:
            raise ValueError("discount rate must be above -100 %")
        if self.horizon is not None and self.horizon < 1:
            raise ValueError("horizon must be at least one year")


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


def _signed(line: CaseLine) -> Decimal:
    """The line's contribution to its scenario's net cash flow."""
    value = line.estimate.mean
    return value if line.kind == GAIN else -value


def compute(case: CaseInput) -> CaseResult:
    """Compute the incremental business case of scenario 1 against scenario 0."""
    with localcontext() as ctx:
        ctx.prec = 28
        last = max((line.year for line in case.lines), default=1)
        horizon = case.horizon or last
        one_plus = 1 + case.discount_rate
        factors = {t: 1 / (one_plus ** (t - 1)) for t in range(1, horizon + 1)}
        per_year = {t: {INVESTMENT: Decimal(0), RUNNING_COST: Decimal(0), GAIN: Decimal(0)} for t in factors}
        npv_member: dict[str, Decimal] = {}
        net_member: dict[str, Decimal] = {}
        scenario_net = {0: Decimal(0), 1: Decimal(0)}
        total_investment = Decimal(0)
        for line in case.lines:
            if line.year > horizon:
                continue
            sign = 1 if line.scenario == 1 else -1
            mean = line.estimate.mean
            per_year[line.year][line.kind] += sign * mean
            flow = _signed(line)
            scenario_net[line.scenario] += flow
            net_member[line.member] = net_member.get(line.member, Decimal(0)) + sign * flow
            npv_member[line.member] = npv_member.get(line.member, Decimal(0)) + sign * flow * factors[line.year]
            if line.kind == INVESTMENT and line.scenario == 1:
                total_investment += mean
        rows = []
        npv = Decimal(0)
        cumulative = Decimal(0)
        payback = None
        was_negative = False
        for t in sorted(per_year):
            amounts = per_year[t]
            net = amounts[GAIN] - amounts[INVESTMENT] - amounts[RUNNING_COST]
            pv = net * factors[t]
            npv += pv
            cumulative += net
            if cumulative < 0:
                was_negative = True
                payback = None
            elif payback is None and (was_negative or t == 1):
                payback = case.start_year + t - 1
            rows.append(YearRow(
                year=case.start_year + t - 1, case_year=t, investments=_round(amounts[INVESTMENT]),
                running_costs=_round(amounts[RUNNING_COST]), gains=_round(amounts[GAIN]), net=_round(net),
                discount_factor=factors[t].quantize(Decimal("0.000001"), rounding=ROUND_HALF_UP),
                present_value=_round(pv), cumulative=_round(cumulative),
            ))
        if payback is not None and not was_negative and all(r.net == 0 for r in rows):
            payback = None  # nothing happens: no payback to speak of
        return CaseResult(
            rows=tuple(rows), npv=_round(npv),
            npv_by_member={m: _round(v) for m, v in sorted(npv_member.items())},
            net_by_member={m: _round(v) for m, v in sorted(net_member.items())},
            scenario_net={k: _round(v) for k, v in scenario_net.items()},
            total_investment=_round(total_investment), payback_year=payback, discount_rate=case.discount_rate,
        )
