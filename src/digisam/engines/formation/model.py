"""The advisor's frozen dataclasses: the municipalities' answers, a contradiction between a form
and a requirement, a scored purpose × form combination and the recommendation."""

from __future__ import annotations

from dataclasses import dataclass, field

from .validation import validate_answers


@dataclass(frozen=True)
class Answers:
    """What the municipalities need and what the collaboration must be able to do."""

    needs: frozenset[str] = frozenset()
    hand_over_competence: bool = False
    employ_staff: bool = False
    legal_person: bool = False
    members: int = 2

    def __post_init__(self):
        validate_answers(self)


@dataclass(frozen=True)
class Contradiction:
    """Why `form` cannot hold one requirement of the answers (Danish, for the user)."""

    form: str
    requirement: str
    message: str


@dataclass(frozen=True)
class Combination:
    purpose: str
    form: str
    score: int
    recommended: bool
    potential: str
    strengths: tuple[str, ...]
    challenges: tuple[str, ...]


@dataclass(frozen=True)
class Recommendation:
    combinations: tuple[Combination, ...]
    excluded: tuple[Contradiction, ...] = field(default_factory=tuple)
