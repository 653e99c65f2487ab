"""Frozen dataclasses for a settlement scenario and its annual statement.

Money in a scenario is kept as :class:`decimal.Decimal` kroner exactly as written in the
scenario (at most two decimals); money in a statement is integer øre. Membership
fractions are :class:`fractions.Fraction`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import ClassVar

__all__ = [
    "CHARGE_KINDS",
    "COLLABORATION",
    "KEY_KINDS",
    "PRORATIONS",
    "SCENARIO_FORMAT",
    "SETTLEMENTS",
    "STATEMENT_FORMAT",
    "Charge",
    "EqualShare",
    "Explanation",
    "FixedPerMember",
    "HostCost",
    "Key",
    "KeyedShare",
    "Line",
    "Member",
    "MemberStatement",
    "Orders",
    "PerFte",
    "PerInhabitant",
    "Project",
    "Scenario",
    "ScenarioError",
    "Statement",
    "Transfer",
]

SCENARIO_FORMAT = "digisam.settlement-scenario/1"
STATEMENT_FORMAT = "digisam.settlement-statement/1"
PRORATIONS = ("none", "half-year", "month", "day")
SETTLEMENTS = ("net_transfers", "via_collaboration")
KEY_KINDS = ("population", "fte", "equal", "weights")
CHARGE_KINDS = ("equal_share", "keyed_share", "per_inhabitant", "per_fte", "fixed_per_member", "orders")
COLLABORATION = "collaboration"


class ScenarioError(ValueError):
    """A scenario that cannot be settled; ``problems`` lists every problem found."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


# --------------------------------------------------------------------------- scenario


@dataclass(frozen=True)
class Member:
    code: str
    name: str = ""
    population: int | None = None
    fte: Decimal | None = None
    member_from: date | None = None  # inclusive; None = open
    member_to: date | None = None  # inclusive; None = still a member


@dataclass(frozen=True)
class Key:
    """A distribution key: ``population``, ``fte``, ``equal`` or ``weights``."""

    kind: str
    weights: Mapping[str, Decimal] | None = None

    def value(self, member: Member) -> Fraction:
        """The member's key value k (1 for ``equal``)."""
        if self.kind == "equal":
            return Fraction(1)
        if self.kind == "population":
            if member.population is None:
                raise ValueError(f"member {member.code} has no population")
            return Fraction(member.population)
        if self.kind == "fte":
            if member.fte is None:
                raise ValueError(f"member {member.code} has no fte")
            return Fraction(member.fte)
        if self.kind == "weights":
            if self.weights is None or member.code not in self.weights:
                raise ValueError(f"missing weight for member {member.code}")
            return Fraction(self.weights[member.code])
        raise ValueError(f"unknown key {self.kind!r}")


@dataclass(frozen=True)
class EqualShare:
    kind: ClassVar[str] = "equal_share"
    id: str
    total: Decimal
    members: tuple[str, ...] | None = None


@dataclass(frozen=True)
class KeyedShare:
    kind: ClassVar[str] = "keyed_share"
    id: str
    total: Decimal
    key: Key
    members: tuple[str, ...] | None = None


@dataclass(frozen=True)
class PerInhabitant:
    kind: ClassVar[str] = "per_inhabitant"
    id: str
    rate: Decimal
    members: tuple[str, ...] | None = None


@dataclass(frozen=True)
class PerFte:
    kind: ClassVar[str] = "per_fte"
    id: str
    rate: Decimal
    members: tuple[str, ...] | None = None


@dataclass(frozen=True)
class FixedPerMember:
    kind: ClassVar[str] = "fixed_per_member"
    id: str
    amount: Decimal
    members: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Orders:
    kind: ClassVar[str] = "orders"
    id: str
    unit_prices: Mapping[str, Decimal]
    quantities: Mapping[str, Mapping[str, Decimal]]
    members: tuple[str, ...] | None = None


Charge = EqualShare | KeyedShare | PerInhabitant | PerFte | FixedPerMember | Orders


@dataclass(frozen=True)
class HostCost:
    id: str
    host: str
    total: Decimal
    key: Key
    members: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Project:
    id: str
    hourly_rate: Decimal
    key: Key
    hours: Mapping[str, Decimal]


@dataclass(frozen=True)
class Scenario:
    year: int
    proration: str
    members: tuple[Member, ...]
    charges: tuple[Charge, ...] = ()
    host_costs: tuple[HostCost, ...] = ()
    projects: tuple[Project, ...] = ()
    settlement: str = "net_transfers"

    def member(self, code: str) -> Member:
        for m in self.members:
            if m.code == code:
                return m
        raise KeyError(code)


# -------------------------------------------------------------------------- statement


@dataclass(frozen=True)
class Explanation:
    """How a line was computed: its kind, the numbers used (as exact strings) and a
    Danish sentence such as ``9 kr. × 102.753 indbyggere × ½ år = 462.388,50 kr.``."""

    kind: str
    text: str
    numbers: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Line:
    """One line of a member's statement, signed from the member's side (negative: owes)."""

    id: str
    section: str  # "charge" | "host_cost" | "project"
    kind: str
    amount_ore: int
    explanation: Explanation


@dataclass(frozen=True)
class MemberStatement:
    code: str
    name: str
    fraction: Fraction
    lines: tuple[Line, ...]
    charges: int  # C, positive: what the member owes the collaboration
    balance: int  # B, host costs and projects
    net: int  # N = B − C, negative: the member pays


@dataclass(frozen=True)
class Transfer:
    from_party: str
    to_party: str
    amount_ore: int


@dataclass(frozen=True)
class Statement:
    year: int
    settlement: str
    members: tuple[MemberStatement, ...]  # sorted by code
    collaboration_net: int
    transfers: tuple[Transfer, ...]

    def member(self, code: str) -> MemberStatement:
        for m in self.members:
            if m.code == code:
                return m
        raise KeyError(code)

    def nets(self) -> dict[str, int]:
        """Every party's net, the collaboration included (they sum to zero)."""
        out = {m.code: m.net for m in self.members}
        out[COLLABORATION] = self.collaboration_net
        return out
