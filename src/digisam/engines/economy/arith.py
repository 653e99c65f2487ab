"""Exact arithmetic helpers: øre conversion, half-up rounding and largest remainder."""

from __future__ import annotations

import math
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction

__all__ = ["kr_to_ore", "largest_remainder", "round_half_up", "to_fraction"]


def to_fraction(value: Decimal | int | Fraction) -> Fraction:
    """Convert an exact number (never a float) to a Fraction."""
    if isinstance(value, float):  # pragma: no cover - guarded by parsing
        raise TypeError("floats are not allowed in money computations")
    return Fraction(value)


def kr_to_ore(value: Decimal | int | Fraction) -> Fraction:
    """DKK as an exact number of øre (integral for money with at most two decimals)."""
    return to_fraction(value) * 100


def round_half_up(value: Fraction) -> int:
    """Round to the nearest integer, halves away from zero (half up for the non-negative
    amounts the model produces)."""
    if value < 0:
        return -math.floor(-value + Fraction(1, 2))
    return math.floor(value + Fraction(1, 2))


def largest_remainder(total: int, weights: Mapping[str, Fraction]) -> dict[str, int]:
    """Split the integer ``total`` (øre) over ``weights`` so that the parts sum exactly to it.

    Every part gets the floor of its exact quota; the øre left over go one each to the
    largest fractional remainders, ties to the lowest code (plain string order).
    Raises ValueError when a non-zero total has nothing to be split over.
    """
    if total < 0:
        raise ValueError("cannot split a negative total")
    weight_sum = sum(weights.values(), Fraction(0))
    if total == 0:
        return dict.fromkeys(weights, 0)
    if weight_sum <= 0:
        raise ValueError("a non-zero total cannot be split over zero weight")
    quotas = {code: Fraction(total) * Fraction(w) / weight_sum for code, w in weights.items()}
    parts = {code: math.floor(q) for code, q in quotas.items()}
    left = total - sum(parts.values())
    order = sorted(quotas, key=lambda code: (-(quotas[code] - parts[code]), code))
    for code in order[:left]:
        parts[code] += 1
    return parts
