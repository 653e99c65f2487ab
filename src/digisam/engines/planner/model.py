"""Data model of the joint procurement plan (``digisam.plan-instance/1`` and ``digisam.plan/1``).

All money amounts, prices, rates and populations are held as :class:`fractions.Fraction`
built from the decimal text of the JSON file, so that the evaluator can compute exactly.
Months are held as integer indices relative to the instance's ``start`` month (month 0).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from fractions import Fraction

MONTH_PATTERN = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


def parse_month(text: str) -> tuple[int, int]:
    """Split a ``"YYYY-MM"`` string into (year, month); raise ValueError when malformed."""
    if not isinstance(text, str):
        raise ValueError(f"month must be a 'YYYY-MM' string, got {text!r}")
    match = MONTH_PATTERN.match(text)
    if match is None:
        raise ValueError(f"month must be a 'YYYY-MM' string, got {text!r}")
    return int(match.group(1)), int(match.group(2))


def month_index(text: str, start: str) -> int:
    """Index of month ``text`` when ``start`` is month 0: ``(y - y0)*12 + (m - m0)``."""
    year, month = parse_month(text)
    start_year, start_month = parse_month(start)
    return (year - start_year) * 12 + (month - start_month)


def month_string(index: int, start: str) -> str:
    """The ``"YYYY-MM"`` string of month ``index`` when ``start`` is month 0."""
    start_year, start_month = parse_month(start)
    absolute = start_year * 12 + (start_month - 1) + index
    return f"{absolute // 12:04d}-{absolute % 12 + 1:02d}"


@dataclass(frozen=True)
class DiscountTier:
    min_population: Fraction
    discount: Fraction


@dataclass(frozen=True)
class Category:
    id: str
    name: str
    price_per_inhabitant_year: Fraction  # q
    tender_fixed_cost: Fraction  # F
    tender_cost_per_participant: Fraction  # f
    preparation_months: int  # L
    framework_months: int  # D
    harmonisation_saving_per_participant_year: Fraction  # g
    discount_tiers: tuple[DiscountTier, ...]  # sorted by min_population, first at 0

    def discount_for(self, population: Fraction) -> Fraction:
        """All-units discount of the tier with the largest ``min_population`` not above ``population``."""
        discount = Fraction(0)
        for tier in self.discount_tiers:
            if tier.min_population <= population:
                discount = tier.discount
        return discount


@dataclass(frozen=True)
class Municipality:
    code: str
    name: str
    population: Fraction


@dataclass(frozen=True)
class Contract:
    municipality: str
    category: str
    product: str
    annual_cost: Fraction  # A
    expires: int  # E, first month not covered
    max_extension_months: int  # X
    extension_uplift: Fraction  # u
    early_exit_months: int  # Y
    early_exit_fee: Fraction  # T
    opt_out: bool
    earliest_start: int | None

    @property
    def key(self) -> tuple[str, str]:
        return (self.municipality, self.category)


@dataclass(frozen=True)
class TenderGroup:
    """A "must tender together" group (digisam extension): these members share one joint tender."""

    category: str
    municipalities: tuple[str, ...]


@dataclass(frozen=True)
class Instance:
    start: str
    horizon_months: int  # H
    max_parallel_joint_tenders: int  # K
    individual_rationality: bool
    municipalities: tuple[Municipality, ...]
    categories: tuple[Category, ...]
    contracts: tuple[Contract, ...]
    must_tender_together: tuple[TenderGroup, ...] = ()  # digisam extension, see docs/planner.md
    _municipality_by_code: dict[str, Municipality] = field(init=False, repr=False, compare=False)
    _category_by_id: dict[str, Category] = field(init=False, repr=False, compare=False)
    _contract_by_key: dict[tuple[str, str], Contract] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_municipality_by_code", {m.code: m for m in self.municipalities})
        object.__setattr__(self, "_category_by_id", {c.id: c for c in self.categories})
        object.__setattr__(self, "_contract_by_key", {c.key: c for c in self.contracts})

    def municipality(self, code: str) -> Municipality:
        return self._municipality_by_code[code]

    def category(self, category_id: str) -> Category:
        return self._category_by_id[category_id]

    def has_municipality(self, code: str) -> bool:
        return code in self._municipality_by_code

    def has_category(self, category_id: str) -> bool:
        return category_id in self._category_by_id

    def contract(self, municipality: str, category: str) -> Contract | None:
        return self._contract_by_key.get((municipality, category))

    def in_scope(self, contract: Contract) -> bool:
        """A contract is planned when it expires inside the horizon (E < H)."""
        return contract.expires < self.horizon_months

    def in_scope_contracts(self) -> list[Contract]:
        return [c for c in self.contracts if self.in_scope(c)]

    def beyond_horizon_contracts(self) -> list[Contract]:
        return [c for c in self.contracts if not self.in_scope(c)]

    def window(self, contract: Contract) -> tuple[int, int]:
        """(lo, hi) of possible new-contract starts of ``contract``."""
        lo = max(contract.expires - contract.early_exit_months, 0)
        if contract.earliest_start is not None:
            lo = max(lo, contract.earliest_start)
        hi = min(contract.expires + contract.max_extension_months, self.horizon_months - 1)
        return lo, hi

    def month(self, index: int) -> str:
        return month_string(index, self.start)

    def describe_group(self, index: int) -> str:
        """``must_tender_together[i] (category c: m1, m2)``, the row name used in messages."""
        group = self.must_tender_together[index]
        return f"must_tender_together[{index}] (category {group.category}: {', '.join(group.municipalities)})"


@dataclass(frozen=True)
class Participant:
    municipality: str
    contract_start: int  # t


@dataclass(frozen=True)
class Tender:
    category: str
    start: int  # s
    participants: tuple[Participant, ...]


@dataclass(frozen=True)
class Plan:
    tenders: tuple[Tender, ...]
