"""Danish number formatting for the human-readable explanations."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

__all__ = ["fmt_approx_kr", "fmt_fraction", "fmt_kr", "fmt_num", "fmt_ore", "fmt_years"]

_VULGAR = {Fraction(1, 2): "½", Fraction(1, 4): "¼", Fraction(3, 4): "¾"}


def fmt_num(value: Decimal | int | Fraction) -> str:
    """A number in Danish notation: 102.753 and 2.100,5 (fractions as p/q)."""
    if isinstance(value, Fraction):
        if value.denominator != 1:
            den = value.denominator
            for p in (2, 5):
                while den % p == 0:
                    den //= p
            if den != 1:
                return fmt_fraction(value)
            value = Decimal(value.numerator) / Decimal(value.denominator)
        else:
            value = value.numerator
    d = Decimal(value)
    sign = "-" if d < 0 else ""
    text = format(abs(d), "f")
    whole, _, decimals = text.partition(".")
    decimals = decimals.rstrip("0")
    grouped = f"{int(whole):,}".replace(",", ".")
    return sign + grouped + ("," + decimals if decimals else "")


def fmt_kr(value: Decimal | int) -> str:
    """An input amount as written: 900.000 kr. or 9,5 kr. → 9,50 kr."""
    d = Decimal(value)
    if d == d.to_integral_value():
        return fmt_num(d) + " kr."
    return fmt_ore(int(d * 100))


def fmt_ore(ore: int) -> str:
    """An amount of øre as kroner with two decimals: 150.000,00 kr."""
    sign = "-" if ore < 0 else ""
    whole, cents = divmod(abs(ore), 100)
    return f"{sign}{whole:,}".replace(",", ".") + f",{cents:02d} kr."


def fmt_fraction(value: Fraction) -> str:
    """½, ¼, ¾, 1, 7/12 …"""
    if value in _VULGAR:
        return _VULGAR[value]
    if value.denominator == 1:
        return fmt_num(value.numerator)
    whole, rest = divmod(value.numerator, value.denominator)
    if whole and Fraction(rest, value.denominator) in _VULGAR:
        return f"{whole}{_VULGAR[Fraction(rest, value.denominator)]}"
    return f"{value.numerator}/{value.denominator}"


def fmt_years(value: Fraction) -> str:
    return f"{fmt_fraction(value)} år"


def fmt_approx_kr(exact_ore: Fraction) -> str:
    """An exact amount of øre shown in kroner to four decimals: 99.999,9967 kr."""
    scaled = exact_ore * 100
    rounded = (scaled.numerator * 2 + scaled.denominator) // (2 * scaled.denominator)
    return fmt_num(Decimal(rounded) / Decimal(10000)) + " kr."
