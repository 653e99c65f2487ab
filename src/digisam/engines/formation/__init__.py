"""The model advisor: which purpose × form combinations fit a group of municipalities' needs and
constraints, with the catalogue's strengths and challenges (seed 002 §3–§5), and why a form cannot
hold what the answers ask of it. Pure Python: no Django (the app translates the texts it shows)."""

from .advisor import (
    FORMS,
    PURPOSES,
    Answers,
    Combination,
    Contradiction,
    Recommendation,
    advise,
    contradictions,
)

__all__ = ["FORMS", "PURPOSES", "Answers", "Combination", "Contradiction", "Recommendation", "advise",
           "contradictions"]
