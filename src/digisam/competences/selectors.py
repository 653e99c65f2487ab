"""Reads of the competence pool: the pool a user may see, requests with their proposals, the
analysis table and heat map."""

from __future__ import annotations

from decimal import Decimal

from digisam.core import permissions
from digisam.organisations.models import Organisation

from . import adapter
from .models import Competence, DevelopmentAction, Specialist, StaffingRequest


def pool(collaboration, user):
    return (permissions.restrict(Specialist.objects.filter(collaboration=collaboration), user)
            .select_related("organisation").prefetch_related("competences__competence", "availability"))


def competences(collaboration, user):
    return permissions.restrict(Competence.objects.filter(collaboration=collaboration), user).order_by("name")


def requests(collaboration, user, year=None):
    qs = permissions.restrict(StaffingRequest.objects.filter(collaboration=collaboration), user)
    if year:
        qs = qs.filter(year=year)
    return qs.select_related("competence", "body", "initiative", "service", "project").prefetch_related(
        "allocations__specialist__organisation")


def proposal_rows(request, user) -> list[dict]:
    """The engine's candidates for an open request, with the specialists the user may see."""
    proposal = adapter.proposals(request.collaboration, request.year).get(request.pk)
    if proposal is None:
        return []
    visible = {str(s.pk): s for s in pool(request.collaboration, user)}
    return [{"candidate": c, "specialist": visible[c.person]} for c in proposal.candidates if c.person in visible]


def heat_level(balance) -> str:
    """A colour class for the heat map: red when less than half is covered, amber below full
    coverage, green when covered, grey when nothing is needed."""
    coverage = balance.coverage
    if coverage is None:
        return "none"
    if coverage < 50:
        return "low"
    if coverage < 100:
        return "partial"
    return "ok"


def analysis(collaboration, user, year) -> dict:
    comps = list(competences(collaboration, user))
    names = {str(c.pk): c for c in comps}
    rows = adapter.analysis(collaboration, year, comps)
    organisations = list(Organisation.objects.filter(memberships__collaboration=collaboration).distinct()
                         .order_by("code", "name"))
    table = []
    for b in rows:
        competence = names.get(b.competence)
        if competence is None:
            continue
        table.append({
            "competence": competence, "balance": b, "heat": heat_level(b),
            "by_organisation": [b.by_organisation.get(str(o.pk), Decimal(0)) for o in organisations],
            "risk_person": b.people == 1, "risk_member": len(b.organisations) == 1,
        })
    plan = (permissions.restrict(DevelopmentAction.objects.filter(collaboration=collaboration), user)
            .select_related("competence", "owner_organisation").order_by("done", "due"))
    return {"table": table, "organisations": organisations, "plan": plan}
