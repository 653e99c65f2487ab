"""The decision engine's frozen dataclasses: the rule, the members and their ballots, the tally's
result, and the fora's positions with the escalation result."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from fractions import Fraction

from .choices import ADOPTED, BASIS_LABELS, MAJORITY_LABELS, PER_MEMBER, QUALIFIED, SIMPLE
from .validation import parse_fraction, validate_ballot, validate_rule


@dataclass(frozen=True)
class Rule:
    voting_basis: str = PER_MEMBER
    majority: str = SIMPLE
    qualified_fraction: Fraction | None = None
    quorum_fraction: Fraction | None = None
    quorum_minimum: int | None = None
    veto: bool = False

    def __post_init__(self):
        object.__setattr__(self, "qualified_fraction", parse_fraction(self.qualified_fraction))
        object.__setattr__(self, "quorum_fraction", parse_fraction(self.quorum_fraction))
        validate_rule(self)

    def describe(self) -> str:
        text = MAJORITY_LABELS[self.majority]
        if self.majority == QUALIFIED:
            text += f" ({self.qualified_fraction})"
        return f"{text}, {BASIS_LABELS[self.voting_basis]}"


@dataclass(frozen=True)
class Member:
    """An eligible member organisation; `population` is used only by population-weighted rules."""

    key: str
    name: str = ""
    population: int | None = None

    @property
    def label(self) -> str:
        return self.name or self.key


@dataclass(frozen=True)
class Ballot:
    member: str
    choice: str
    cast_at: datetime.datetime | None = None
    veto: bool = False

    def __post_init__(self):
        validate_ballot(self)


@dataclass(frozen=True)
class TallyResult:
    outcome: str
    quorum_met: bool
    yes: int
    no: int
    abstain: int
    eligible_members: int
    present_members: int
    total_weight: int
    counted: tuple[Ballot, ...]
    rejected: tuple[tuple[Ballot, str], ...]  # (ballot, reason)
    vetoed_by: tuple[str, ...]
    missing: tuple[str, ...]
    notes: tuple[str, ...]
    statement: str
    details: dict = field(default_factory=dict)

    @property
    def adopted(self) -> bool:
        return self.outcome == ADOPTED


# --- escalation between the members' own fora ---------------------------------------------------


@dataclass(frozen=True)
class ForumPosition:
    """One member forum's decision on a recommendation: approve or not, and its terms."""

    member: str
    forum: str
    approve: bool
    timing: str = ""
    financing: str = ""
    staffing: str = ""


@dataclass(frozen=True)
class DisagreementPoint:
    topic: str  # decision / timing / financing / staffing
    label: str  # Danish
    positions: tuple[tuple[str, str], ...]  # (forum, position)


@dataclass(frozen=True)
class EscalationResult:
    escalate: bool
    agreed: bool
    decision: bool | None  # the joint decision when the fora agree
    body: str | None
    points: tuple[DisagreementPoint, ...]
    missing: tuple[str, ...]
    statement: str
