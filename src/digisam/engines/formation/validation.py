"""The advisor's input rules: the answers name known needs and at least two members (checked when
:class:`~digisam.engines.formation.model.Answers` is built; a violation raises ``ValueError``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .catalogue import NEEDS

if TYPE_CHECKING:
    from .model import Answers


def validate_answers(answers: Answers) -> None:
    """Known needs only; a collaboration has at least two members."""
    unknown = set(answers.needs) - set(NEEDS)
    if unknown:
        raise ValueError(f"unknown needs: {sorted(unknown)}")
    if answers.members < 2:
        raise ValueError("a collaboration has at least two members")
