"""The business case engine's input rules: amounts are exact (``Decimal``; floats are refused)
and the invariants of an estimate, a line and a case (checked when they are built; a violation
raises ``ValueError``)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from .choices import KINDS

if TYPE_CHECKING:
    from .model import CaseInput, CaseLine, Estimate


def _dec(value) -> Decimal:
    if isinstance(value, float):
        raise TypeError("floats are not allowed in business case computations")
    return value if isinstance(value, Decimal) else Decimal(value)


def validate_estimate(estimate: Estimate) -> None:
    """low ≤ most likely ≤ high."""
    if not (estimate.low <= estimate.likely <= estimate.high):
        raise ValueError("three-point estimate must satisfy low ≤ most likely ≤ high")


def validate_line(line: CaseLine) -> None:
    """Scenario 0 or 1, a known kind, a case year from 1."""
    if line.scenario not in (0, 1):
        raise ValueError("scenario must be 0 or 1")
    if line.kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}")
    if line.year < 1:
        raise ValueError("year must be 1 or later")


def validate_case(case: CaseInput) -> None:
    """A discount rate above −100 %; a horizon of at least one year."""
    if case.discount_rate <= -1:
        raise ValueError("discount rate must be above -100 %")
    if case.horizon is not None and case.horizon < 1:
        raise ValueError("horizon must be at least one year")
