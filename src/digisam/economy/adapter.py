"""The thin adapter between the database and the pure economy engine.

`build_scenario(year)` reads one economy year and writes the engine's scenario document
(`digisam.settlement-scenario/1`, numbers as Decimal/int, never float); `run(year)` hands it to
`digisam.engines.economy` and returns the engine's statement document plus every line's
explanation. No money is computed here: all the maths is the engine's.

Members are the organisations with role "member" whose membership overlaps the year; their code
is the municipality/region code (or `org<pk>` for an organisation without one)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from digisam.collaborations.models import MembershipRole, MembershipStatus
from digisam.engines import economy as engine
from digisam.engines.economy import texts
from digisam.organisations.models import population_map

from .models import KeyKind

ORDERS_ID = "servicekatalog"

#: Other apps' lines for a year's scenario (e.g. operations: shared support hours, SLA credits).
#: Each is a callable (year, codes_by_org) -> {"charges": [...], "host_costs": [...], "lines": {id: label}}
#: returning engine-format items; they are appended after the economy's own lines.
CONTRIBUTORS: list = []


def register_contributor(function):
    """Add a contributor of scenario lines (see CONTRIBUTORS); usable as a decorator."""
    if function not in CONTRIBUTORS:
        CONTRIBUTORS.append(function)
    return function


def member_code(organisation) -> str:
    return organisation.code or f"org{organisation.pk}"


def year_memberships(year):
    """Memberships (role member) overlapping the calendar year, one per organisation."""
    start, end = datetime.date(year.year, 1, 1), datetime.date(year.year, 12, 31)
    rows = (
        year.collaboration.memberships.filter(
            role=MembershipRole.MEMBER, status__in=[MembershipStatus.ACTIVE, MembershipStatus.LEFT],
            joined_on__isnull=False, joined_on__lte=end,
        )
        .exclude(left_on__lt=start)
        .select_related("organisation")
        .order_by("organisation__code")
    )
    return list(rows)


def _money(value) -> Decimal:
    return Decimal(value).quantize(Decimal("0.01")) if value is not None else Decimal(0)


def _key(obj) -> object:
    if obj.key == KeyKind.CUSTOM:
        return {"weights": {str(k): Decimal(str(v)) for k, v in obj.custom_key.weights.items()}}
    return obj.key


def _subset(obj, codes_by_org) -> dict:
    # An organisation outside the year's members keeps its own code, so the engine reports it.
    chosen = [codes_by_org.get(o.pk) or member_code(o) for o in obj.members.all()]
    return {"members": sorted(chosen)} if chosen else {}


def build_scenario(year) -> tuple[dict, dict]:
    """The scenario document for an economy year, and labels: line id → Danish name, member code →
    organisation name."""
    memberships = year_memberships(year)
    organisations = [m.organisation for m in memberships]
    codes_by_org = {o.pk: member_code(o) for o in organisations}
    populations = population_map(list(codes_by_org), year.key_date)
    ftes = {f.organisation_id: f.fte for f in year.fte_figures.all()}
    members = []
    for m in memberships:
        o = m.organisation
        members.append({
            "code": codes_by_org[o.pk], "name": o.name,
            "population": populations.get(o.pk),
            "fte": ftes.get(o.pk),
            "member_from": m.joined_on.isoformat(),
            "member_to": m.left_on.isoformat() if m.left_on else None,
        })
    labels = {"lines": {}, "members": {codes_by_org[o.pk]: o.name for o in organisations}}
    charges = []
    for c in year.charges.select_related("custom_key").prefetch_related("members"):
        ident = f"charge-{c.pk}"
        labels["lines"][ident] = c.name
        item = {"id": ident, "kind": c.kind, **_subset(c, codes_by_org)}
        if c.kind in ("equal_share", "keyed_share"):
            item["total"] = _money(c.total)
        if c.kind == "keyed_share":
            item["key"] = _key(c)
        if c.kind in ("per_inhabitant", "per_fte"):
            item["rate"] = _money(c.rate)
        if c.kind == "fixed_per_member":
            item["amount"] = _money(c.amount)
        charges.append(item)
    services = list(year.services.prefetch_related("orders__organisation"))
    quantities: dict[str, dict[str, Decimal]] = {}
    for service in services:
        for order in service.orders.all():
            code = codes_by_org.get(order.organisation_id) or member_code(order.organisation)
            quantities.setdefault(code, {})[service.name] = Decimal(order.quantity)
    if quantities:
        labels["lines"][ORDERS_ID] = "Bestillinger fra servicekataloget"
        charges.append({"id": ORDERS_ID, "kind": "orders",
                        "unit_prices": {s.name: _money(s.unit_price) for s in services},
                        "quantities": quantities})
    host_costs = []
    for s in year.specialists.select_related("host", "custom_key").prefetch_related("members"):
        ident = f"specialist-{s.pk}"
        labels["lines"][ident] = f"{s.title} (vært: {s.host.name})"
        host_costs.append({"id": ident, "host": codes_by_org.get(s.host_id) or member_code(s.host),
                           "total": _money(s.total), "key": _key(s), **_subset(s, codes_by_org)})
    for contribute in CONTRIBUTORS:
        extra = contribute(year, codes_by_org)
        charges += extra.get("charges", [])
        host_costs += extra.get("host_costs", [])
        labels["lines"].update(extra.get("lines", {}))
    projects = []
    for p in year.projects.select_related("custom_key").prefetch_related("hours"):
        hours: dict[str, Decimal] = {}
        for entry in p.hours.all():
            code = codes_by_org.get(entry.organisation_id) or f"org{entry.organisation_id}"
            hours[code] = hours.get(code, Decimal(0)) + Decimal(entry.actual_hours)
        if not hours:
            continue
        ident = f"project-{p.pk}"
        labels["lines"][ident] = p.name
        projects.append({"id": ident, "hourly_rate": _money(p.hourly_rate), "key": _key(p), "hours": hours})
    document = {
        "format": "digisam.settlement-scenario/1",
        "year": year.year,
        "proration": year.proration,
        "settlement": year.settlement,
        "members": members,
        "charges": charges,
        "host_costs": host_costs,
        "projects": projects,
    }
    return document, labels


def problems(year) -> list[str]:
    document, _labels = build_scenario(year)
    return engine.scenario_problems(document)


def settle_document(document: dict) -> engine.Statement:
    """Parse and settle a scenario document with the engine (raises engine.ScenarioError)."""
    return engine.settle(engine.parse_scenario(document))


def explanations_of(statement: engine.Statement, labels: dict) -> dict:
    """Per member: each line with its label, section, amount and the engine's Danish explanation."""
    result = {}
    for ms in statement.members:
        result[ms.code] = {
            "name": ms.name or labels["members"].get(ms.code, ms.code),
            "fraction": str(ms.fraction),
            "lines": [
                {"id": line.id, "label": labels["lines"].get(line.id, line.id), "section": line.section,
                 "kind": line.kind, "amount_ore": line.amount_ore, "text": line.explanation.text,
                 "numbers": dict(line.explanation.numbers)}
                for line in ms.lines
            ],
            "charges": ms.charges, "balance": ms.balance, "net": ms.net,
        }
    return result


def run(year) -> dict:
    """Settle an economy year: {"scenario": the scenario file's JSON text (exact numbers), "statement":
    the engine's statement document, "explanations": per member lines with texts, "labels": names}."""
    document, labels = build_scenario(year)
    statement = settle_document(document)
    return {
        "scenario": engine.dumps_scenario(document),
        "statement": engine.statement_to_dict(statement),
        "explanations": explanations_of(statement, labels),
        "labels": labels,
    }


def leave_consequences(membership, on: datetime.date) -> list[str]:
    """What registering ``membership``'s leave on ``on`` does to the economy year it falls in, in
    sentences for the confirmation step: the member's share of the year and charges before and
    after, and how the other members' charges move (prorated fees are shared by the rest). Both
    figures come from the engine, settling the year's scenario with and without the leave."""
    from django.utils.translation import gettext as _

    from .models import EconomyYear, YearStatus

    year = EconomyYear.objects.filter(collaboration_id=membership.collaboration_id, year=on.year).first()
    if year is None:
        return []
    document, _labels = build_scenario(year)
    code = member_code(membership.organisation)
    row = next((m for m in document["members"] if m["code"] == code), None)
    if row is None:
        return []
    after_document = {**document, "members": [
        {**m, "member_to": on.isoformat()} if m["code"] == code else m for m in document["members"]]}
    try:
        before, after = settle_document(document), settle_document(after_document)
    except engine.ScenarioError:
        return [_("Økonomiåret %(year)s kan ikke beregnes endnu, så udtrædens virkning på fordelingen kan ikke "
                  "vises.") % {"year": year.year}]
    old, new = before.member(code), after.member(code)
    lines = [_("Økonomiåret %(year)s (forholdsmæssig betaling: %(proration)s): %(org)s er medlem i %(new_f)s af "
               "året i stedet for %(old_f)s og opkræves %(new_c)s i stedet for %(old_c)s.") % {
        "year": year.year, "proration": year.get_proration_display(), "org": membership.organisation,
        "new_f": texts.fmt_fraction(new.fraction), "old_f": texts.fmt_fraction(old.fraction),
        "new_c": texts.fmt_ore(new.charges), "old_c": texts.fmt_ore(old.charges)}]
    moved = []
    for other in after.members:
        if other.code == code:
            continue
        delta = other.charges - before.member(other.code).charges
        if delta:
            moved.append(f"{other.name or other.code} {'+' if delta > 0 else ''}{texts.fmt_ore(delta)}")
    if moved:
        lines.append(_("De øvrige medlemmers opkrævninger ændres: %(changes)s.") % {"changes": "; ".join(moved)})
    if year.status == YearStatus.APPROVED:
        lines.append(_("Årsopgørelsen for %(year)s er godkendt; den skal genåbnes og genberegnes, før "
                       "ændringen slår igennem.") % {"year": year.year})
    elif year.statements.exists():
        lines.append(_("Årsopgørelsen for %(year)s skal genberegnes.") % {"year": year.year})
    return lines
