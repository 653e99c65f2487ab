"""Reads of the operations app: the catalogue of a year, target and member levels side by side,
the tickets a user may see, support usage summed per member and month."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from digisam.core import permissions
from digisam.economy.adapter import member_code, year_memberships

from .choices import Priority
from .models import CatalogueService, SupportUsage, Ticket


def catalogue(year, user):
    """The year's catalogue services the user may read, with their economy price objects."""
    return (permissions.restrict(CatalogueService.objects.filter(year=year), user)
            .select_related("charge", "economy_service").prefetch_related("levels__priorities")
            .order_by("kind", "name"))


def harmonisation(service, user) -> dict:
    """Each member's current level beside the target: per priority the member's and the target's
    response/resolution minutes and the gap (member minus target; positive = slower than target),
    and availability and channels missing from the member's level."""
    levels = list(permissions.restrict(service.levels.all(), user).select_related("organisation", "decision")
                  .prefetch_related("priorities"))
    target = next((lv for lv in levels if lv.organisation_id is None), None)
    target_by = {p.priority: p for p in target.priorities.all()} if target else {}
    members = [m.organisation for m in year_memberships(service.year)]
    by_org = {lv.organisation_id: lv for lv in levels if lv.organisation_id}
    rows = []
    for organisation in members:
        level = by_org.get(organisation.pk)
        cells = []
        gaps = 0
        for priority in Priority.values:
            t = target_by.get(priority)
            m = next((p for p in level.priorities.all() if p.priority == priority), None) if level else None
            cell = {"priority": priority, "target": t, "member": m, "response_gap": None, "resolution_gap": None}
            if t and m:
                if t.response_minutes is not None and m.response_minutes is not None:
                    cell["response_gap"] = m.response_minutes - t.response_minutes
                if t.resolution_minutes is not None and m.resolution_minutes is not None:
                    cell["resolution_gap"] = m.resolution_minutes - t.resolution_minutes
            gaps += sum(1 for g in (cell["response_gap"], cell["resolution_gap"]) if g is not None and g > 0)
            cells.append(cell)
        availability_gap = None
        if level and target and level.availability_target is not None and target.availability_target is not None:
            availability_gap = level.availability_target - target.availability_target
            gaps += availability_gap < 0
        missing_channels = sorted(set(target.channels) - set(level.channels)) if level and target else []
        gaps += len(missing_channels)
        rows.append({"organisation": organisation, "level": level, "cells": cells,
                     "availability_gap": availability_gap, "missing_channels": missing_channels,
                     "gaps": gaps, "meets_target": level is not None and target is not None and gaps == 0})
    return {"target": target, "rows": rows, "priorities": Priority.choices}


def tickets(year, user):
    return permissions.restrict(Ticket.objects.filter(batch__year=year), user)


def support_totals(arrangement, user) -> dict:
    """Per member code: contacts and hours per month and in total (from the usage the user may read)."""
    rows = (permissions.restrict(SupportUsage.objects.filter(arrangement=arrangement), user)
            .select_related("organisation").order_by("organisation__code", "month"))
    result: dict[str, dict] = {}
    for row in rows:
        code = member_code(row.organisation)
        item = result.setdefault(code, {"organisation": row.organisation, "months": defaultdict(dict),
                                        "contacts": 0, "hours": Decimal(0)})
        item["months"][row.month] = {"contacts": row.contacts, "hours": row.hours, "usage": row}
        item["contacts"] += row.contacts
        item["hours"] += row.hours
    for item in result.values():
        item["amount"] = (item["hours"] * arrangement.hourly_price).quantize(Decimal("0.01"))
        item["months"] = dict(item["months"])
    return result
