"""The only place the competence pool calls the staffing engine: it turns the pool and the open
requests of a collaboration's year into the engine's dataclasses and back."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from digisam.collaborations.models import MembershipRole, MembershipStatus
from digisam.engines import staffing

from .choices import AllocationStatus, RequestStatus
from .models import Allocation, Availability, Specialist, StaffingRequest


def member_organisations(collaboration) -> frozenset[str]:
    return frozenset(str(pk) for pk in collaboration.memberships.filter(
        status__in=[MembershipStatus.APPROVED, MembershipStatus.ACTIVE], role=MembershipRole.MEMBER,
    ).values_list("organisation_id", flat=True))


def people(collaboration, year) -> list[staffing.Person]:
    """Active specialists with their free hours in the year (availability minus proposed and
    approved allocations)."""
    specialists = list(Specialist.objects.filter(collaboration=collaboration, active=True)
                       .prefetch_related("competences__competence"))
    available = dict(Availability.objects.filter(specialist__collaboration=collaboration, year=year)
                     .values_list("specialist_id", "hours"))
    booked: dict[int, Decimal] = defaultdict(Decimal)
    for specialist_id, hours in Allocation.objects.filter(
            specialist__collaboration=collaboration, request__year=year,
            status__in=[AllocationStatus.PROPOSED, AllocationStatus.APPROVED]).values_list("specialist_id", "hours"):
        booked[specialist_id] += hours
    return [
        staffing.Person(ident=str(s.pk), organisation=str(s.organisation_id),
                        competences={str(c.competence_id): c.level for c in s.competences.all()},
                        free_hours=max(Decimal(available.get(s.pk, 0)) - booked[s.pk], Decimal(0)))
        for s in specialists
    ]


def open_requests(collaboration, year) -> list[tuple[StaffingRequest, staffing.Request]]:
    """Open requests of the year with the hours still to staff (requested minus booked)."""
    members = member_organisations(collaboration)
    result = []
    for request in (StaffingRequest.objects.filter(collaboration=collaboration, year=year, status=RequestStatus.OPEN)
                    .prefetch_related("allocations").order_by("pk")):
        booked = sum((a.hours for a in request.allocations.all() if a.status != AllocationStatus.REJECTED),
                     Decimal(0))
        remaining = request.hours - booked
        if remaining > 0:
            result.append((request, staffing.Request(
                ident=str(request.pk), competence=str(request.competence_id), min_level=request.min_level,
                hours=remaining, organisations=members)))
    return result


def proposals(collaboration, year) -> dict[int, staffing.Proposal]:
    """Request pk → the engine's proposal (candidates ranked, hours never over anyone's free hours)."""
    requests = open_requests(collaboration, year)
    result = staffing.propose(people(collaboration, year), [r for _, r in requests])
    return {int(p.request): p for p in result}


def analysis(collaboration, year, competences) -> list[staffing.CompetenceBalance]:
    """Needed (open requests' remaining hours) versus available (free hours) per competence."""
    requests = [r for _, r in open_requests(collaboration, year)]
    rows = staffing.balance([str(c.pk) for c in competences], people(collaboration, year), requests)
    return rows
