"""Inputs and outputs of the staffing engine: frozen dataclasses, no Django. Hours in Decimal."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Person:
    """A specialist in the pool: home organisation, competence → level (1–4), and the hours still
    free in the period (availability minus hours already allocated)."""

    ident: str
    organisation: str
    competences: dict[str, int]
    free_hours: Decimal


@dataclass(frozen=True)
class Request:
    """A need for a competence at a minimum level and a number of hours; `organisations` are the
    home organisations allowed to staff it (the collaboration's members), `prefer` an organisation
    the requester would rather draw on (e.g. to spread the load), or None."""

    ident: str
    competence: str
    min_level: int
    hours: Decimal
    organisations: frozenset[str]
    prefer: str | None = None


@dataclass(frozen=True)
class Candidate:
    """One proposed person for a request: how well they fit, the hours they could give, and the
    hours proposed in the joint proposal (never beyond their free hours over all requests)."""

    person: str
    organisation: str
    level: int
    fit: int
    available: Decimal
    proposed: Decimal


@dataclass(frozen=True)
class Proposal:
    request: str
    candidates: tuple[Candidate, ...]
    covered: Decimal
    missing: Decimal
