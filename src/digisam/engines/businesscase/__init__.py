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

Modules: ``choices`` (the kinds of an amount), ``model`` (the dataclasses and the PERT mean),
``validation`` (exact amounts and the dataclasses' invariants), ``cashflow`` (:func:`compute`).
This package re-exports the public API.
"""

from .cashflow import compute
from .model import DEFAULT_DISCOUNT_RATE, CaseInput, CaseLine, CaseResult, Estimate, YearRow, pert_mean

__all__ = [
    "DEFAULT_DISCOUNT_RATE", "CaseInput", "CaseLine", "CaseResult", "Estimate", "YearRow", "compute", "pert_mean",
]
