"""Competence analysis: needed versus available hours per competence, and the competences that rest
on one person or one member only (the risk the source documents warn of)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from .model import Person, Request


@dataclass(frozen=True)
class CompetenceBalance:
    competence: str
    needed: Decimal
    available: Decimal
    people: int
    organisations: tuple[str, ...]
    by_organisation: dict[str, Decimal]

    @property
    def gap(self) -> Decimal:
        return self.needed - self.available

    @property
    def single_person(self) -> bool:
        return self.people == 1

    @property
    def single_organisation(self) -> bool:
        return len(self.organisations) == 1

    @property
    def coverage(self) -> Decimal | None:
        """Available as percent of needed (None when nothing is needed)."""
        if not self.needed:
            return None
        return (self.available * 100 / self.needed).quantize(Decimal("1"))


def balance(competences: Iterable[str], people: Iterable[Person], requests: Iterable[Request]) -> list[CompetenceBalance]:
    """One row per competence (in the order given, then any only seen in people/requests)."""
    needed: dict[str, Decimal] = defaultdict(Decimal)
    available: dict[str, Decimal] = defaultdict(Decimal)
    holders: dict[str, set[str]] = defaultdict(set)
    by_org: dict[str, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for request in requests:
        needed[request.competence] += request.hours
    for person in people:
        for competence in person.competences:
            available[competence] += person.free_hours
            holders[competence].add(person.ident)
            by_org[competence][person.organisation] += person.free_hours
    names = list(dict.fromkeys([*competences, *needed, *available]))
    rows = []
    for name in names:
        orgs = tuple(sorted(by_org[name]))
        rows.append(CompetenceBalance(competence=name, needed=needed[name], available=available[name],
                                      people=len(holders[name]), organisations=orgs,
                                      by_organisation=dict(by_org[name])))
    return rows
