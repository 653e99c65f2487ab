"""Staffing proposals: who could cover each request, and one joint proposal that never books a
person beyond their free hours.

Fit: a person qualifies for a request when they hold the competence at least at the minimum level
and their home organisation may staff it. Candidates are ranked by level above the minimum (closest
first: do not spend the scarcest expert on a task an ordinary one can do), then by free hours
(most first), then by identity (stable). The joint proposal takes requests in order of scarcity
(fewest qualified people first, then most hours, then id) and fills each from its ranked candidates
with the hours they still have; what no one can cover is reported as missing."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from .model import Candidate, Person, Proposal, Request

MAX_CANDIDATES = 10


def propose(people: Iterable[Person], requests: Iterable[Request],
            max_candidates: int = MAX_CANDIDATES) -> list[Proposal]:
    """Proposals in the order of the requests given."""
    people = list(people)
    requests = list(requests)
    by_competence: dict[str, list[Person]] = defaultdict(list)
    for person in people:
        for competence in person.competences:
            by_competence[competence].append(person)
    qualified: dict[str, list[Person]] = {}
    for request in requests:
        pool = by_competence.get(request.competence, [])
        qualified[request.ident] = [
            p for p in pool
            if p.competences[request.competence] >= request.min_level and p.organisation in request.organisations
            and p.free_hours > 0
        ]
    free = {p.ident: p.free_hours for p in people}
    proposed: dict[str, dict[str, Decimal]] = defaultdict(dict)
    order = sorted(requests, key=lambda r: (len(qualified[r.ident]), -r.hours, r.ident))
    for request in order:
        need = request.hours
        for person in _ranked(qualified[request.ident], request, free):
            if need <= 0:
                break
            give = min(need, free[person.ident])
            if give <= 0:
                continue
            free[person.ident] -= give
            proposed[request.ident][person.ident] = give
            need -= give
    result = []
    for request in requests:
        ranked = _ranked(qualified[request.ident], request, {p.ident: p.free_hours for p in qualified[request.ident]})
        chosen = proposed[request.ident]
        shown = [p for p in ranked if p.ident in chosen] + [p for p in ranked if p.ident not in chosen]
        candidates = tuple(
            Candidate(person=p.ident, organisation=p.organisation, level=p.competences[request.competence],
                      fit=_fit(p, request), available=p.free_hours, proposed=chosen.get(p.ident, Decimal(0)))
            for p in shown[:max(max_candidates, len(chosen))]
        )
        covered = sum(chosen.values(), Decimal(0))
        result.append(Proposal(request=request.ident, candidates=candidates, covered=covered,
                               missing=max(request.hours - covered, Decimal(0))))
    return result


def _fit(person: Person, request: Request) -> int:
    """100 for exactly the level asked for, 10 less for each level above it; +5 for the preferred
    organisation."""
    score = 100 - 10 * (person.competences[request.competence] - request.min_level)
    if request.prefer is not None and person.organisation == request.prefer:
        score += 5
    return score


def _ranked(candidates: list[Person], request: Request, free: dict[str, Decimal]) -> list[Person]:
    return sorted(candidates, key=lambda p: (-_fit(p, request), -free[p.ident], p.ident))


def over_allocated(availability: dict[str, Decimal], allocations: Iterable[tuple[str, Decimal]]) -> dict[str, Decimal]:
    """People whose allocated hours exceed their availability: person → hours too many."""
    total: dict[str, Decimal] = defaultdict(Decimal)
    for person, hours in allocations:
        total[person] += hours
    return {p: h - availability.get(p, Decimal(0)) for p, h in total.items() if h > availability.get(p, Decimal(0))}
