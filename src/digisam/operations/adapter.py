"""The only place the operations app calls engines: the SLA engine for figures and credits, and the
economy's scenario through its contributor hook.

`figures(year, user)` turns the tickets the user may read and the catalogue's target levels into
the engine's inputs and returns its `Figures`. `scenario_lines(year, codes_by_org)` is registered
with `economy.adapter` and adds, per support arrangement, the members' hours at the hourly price
(an `orders` charge) and, per service with credits, each member's SLA credit (a host cost in which
the credited member is owed the credit by the service's other members) — so both reach the
annual statement through the economy engine, with no second ledger."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from digisam.economy import adapter as economy_adapter
from digisam.economy.adapter import member_code
from digisam.engines import sla

from .choices import ServiceKind
from .models import CatalogueService, SupportUsage, Ticket

CENT = Decimal("0.01")


def engine_inputs(services) -> tuple[list[sla.Target], list[sla.ServiceTerms]]:
    """Targets and terms of the catalogue services' target levels."""
    targets, terms = [], []
    for service in services:
        level = next((lv for lv in service.levels.all() if lv.organisation_id is None), None)
        if level is None:
            continue
        terms.append(sla.ServiceTerms(service=service.name, availability_target=level.availability_target,
                                      credit_cap=level.credit_cap))
        for p in level.priorities.all():
            targets.append(sla.Target(service=service.name, priority=p.priority,
                                      response_minutes=p.response_minutes, resolution_minutes=p.resolution_minutes,
                                      credit_per_breach=Decimal(p.credit_per_breach)))
    return targets, terms


def _naive(moment):
    if moment is None:
        return None
    if timezone.is_aware(moment):
        return timezone.make_naive(moment)
    return moment


def period_end(year) -> datetime.datetime:
    """Open tickets are measured up to the end of the year or now, whichever is earlier."""
    end = datetime.datetime(year.year + 1, 1, 1)
    now = _naive(timezone.now())
    return min(end, now)


def figures(year, ticket_queryset) -> sla.Figures:
    """The SLA figures of the given tickets (already restricted to what the reader may see)."""
    services = list(CatalogueService.objects.filter(year=year).prefetch_related("levels__priorities"))
    targets, terms = engine_inputs(services)
    rows = ticket_queryset.values_list("ident", "organisation__code", "organisation_id", "service__name", "priority",
                                       "opened", "first_response", "resolved")
    tickets = [
        sla.Ticket(ident=i, member=code or f"org{org}", service=s, priority=p, opened=_naive(o),
                   first_response=_naive(f), resolved=_naive(r))
        for i, code, org, s, p, o, f, r in rows.iterator(chunk_size=5000)
    ]
    return sla.compute(tickets, targets, terms, period_end=period_end(year))


def scenario_lines(year, codes_by_org) -> dict:
    """Economy contributor: support hours and SLA credits of the year (see the module docstring)."""
    charges, host_costs, lines = [], [], {}
    for arrangement in year.support_arrangements.all():
        quantities: dict[str, dict[str, Decimal]] = {}
        for usage in SupportUsage.objects.filter(arrangement=arrangement).select_related("organisation"):
            code = codes_by_org.get(usage.organisation_id) or member_code(usage.organisation)
            item = quantities.setdefault(code, {"timer": Decimal(0)})
            item["timer"] += Decimal(usage.hours)
        if quantities:
            ident = f"support-{arrangement.pk}"
            lines[ident] = f"{arrangement.name}: timer"
            charges.append({"id": ident, "kind": "orders", "unit_prices": {"timer": Decimal(arrangement.hourly_price)
                                                                           .quantize(CENT)},
                            "quantities": quantities})
    services = list(CatalogueService.objects.filter(year=year).select_related("economy_service")
                    .prefetch_related("levels__priorities"))
    if any(p.credit_per_breach for s in services for lv in s.levels.all() for p in lv.priorities.all()):
        result = figures(year, Ticket.objects.filter(batch__year=year))
        by_name = {s.name: s for s in services}
        for (service_name, code), amount in sorted(result.credits.items()):
            service = by_name[service_name]
            others = [c for c in _participants(service, codes_by_org) if c != code]
            if not others or code not in codes_by_org.values():
                continue
            ident = f"sla-credit-{service.pk}-{code}"
            lines[ident] = f"SLA-kredit: {service.name}"
            host_costs.append({"id": ident, "host": code, "total": amount, "key": "equal", "members": others})
    return {"charges": charges, "host_costs": host_costs, "lines": lines}


def _participants(service, codes_by_org) -> list[str]:
    """Who bears a service's credits: for a basic service the members its charge applies to, for an
    add-on the members who ordered it."""
    if service.kind == ServiceKind.ADDON and service.economy_service_id:
        orgs = [o.organisation_id for o in service.economy_service.orders.all() if o.quantity > 0]
        return sorted(codes_by_org[o] for o in orgs if o in codes_by_org)
    if service.charge_id:
        chosen = list(service.charge.members.values_list("pk", flat=True))
        if chosen:
            return sorted(codes_by_org[o] for o in chosen if o in codes_by_org)
    return sorted(codes_by_org.values())


economy_adapter.register_contributor(scenario_lines)
