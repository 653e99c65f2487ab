"""The model advisor: which purpose × form combinations fit a group of municipalities' needs and
constraints, with the catalogue's strengths and challenges (seed 002 §3–§5), and why a form cannot
hold what the answers ask of it. Pure Python: no Django (the app translates the texts it shows).

Modules: ``catalogue`` (the catalogue as data), ``model`` (the dataclasses), ``validation`` (the
answers' rules), ``advisor`` (:func:`advise`, :func:`contradictions`), ``exit`` (exit dates by a
notice rule). This package re-exports the public API."""

from .advisor import advise, contradictions
from .catalogue import FORMS, PURPOSES
from .model import Answers, Combination, Contradiction, Recommendation

__all__ = ["FORMS", "PURPOSES", "Answers", "Combination", "Contradiction", "Recommendation", "advise",
           "contradictions"]
