"""The decision engine's input rules: fractions as typed by people, and the invariants of a
:class:`~digisam.engines.decisions.model.Rule` and a :class:`~digisam.engines.decisions.model.Ballot`
(checked when they are built; a violation raises ``ValueError``)."""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

from .choices import CHOICES, NO, PER_MEMBER, POPULATION, QUALIFIED, SIMPLE, UNANIMITY

if TYPE_CHECKING:
    from .model import Ballot, Rule


def parse_fraction(text) -> Fraction | None:
    """'2/3', '0,5', '0.5' or a Fraction → Fraction; empty → None."""
    if text in (None, ""):
        return None
    if isinstance(text, Fraction):
        return text
    return Fraction(str(text).strip().replace(",", "."))


def validate_rule(rule: Rule) -> None:
    """A known voting basis and majority; a qualified majority has its fraction."""
    if rule.voting_basis not in (PER_MEMBER, POPULATION):
        raise ValueError("voting_basis must be per_member or population")
    if rule.majority not in (SIMPLE, QUALIFIED, UNANIMITY):
        raise ValueError("majority must be simple, qualified or unanimity")
    if rule.majority == QUALIFIED and not rule.qualified_fraction:
        raise ValueError("a qualified majority needs a fraction")


def validate_ballot(ballot: Ballot) -> None:
    """A known choice; a veto is a no vote."""
    if ballot.choice not in CHOICES:
        raise ValueError("choice must be yes, no or abstain")
    if ballot.veto and ballot.choice != NO:
        raise ValueError("a veto is a no vote")
