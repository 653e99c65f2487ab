"""'Does it deliver?' (issue 14 item 7): the figures from the other apps, read-only and each through
the user's access, with the page they trace to — the economy year's budget against its statement,
the published plan's joint tenders and their savings, and the operations app's SLA results."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from digisam.core import permissions


def economy_year(collaboration, user, year: int):
    from digisam.economy.models import EconomyYear

    return permissions.restrict(EconomyYear.objects.filter(collaboration=collaboration, year=year), user).first()


def budget_vs_actual(collaboration, user, year: int) -> dict:
    """Per line of the fee model: the budget (the year's fee model settled by the economy engine
    on the year's figures as they stand) against the actual (the year's current annual statement,
    as the members have it). Totals only, never a member's lines."""
    from digisam.economy import adapter
    from digisam.economy import services as economy_services
    from digisam.economy.models import Statement
    from digisam.engines import economy as engine

    found = economy_year(collaboration, user, year)
    if found is None:
        return {"problem": _("Samarbejdet har ingen økonomi for %(year)s, som du kan se.") % {"year": year}}
    url = reverse("economy:year", args=[collaboration.slug, year])
    try:
        result = adapter.run(found)
    except engine.ScenarioError as error:
        return {"problem": _("Årets gebyrmodel kan ikke beregnes: %(e)s") % {"e": "; ".join(error.problems)},
                "url": url}
    budget = economy_services.compute_totals(result["statement"], result["explanations"])
    statement = permissions.restrict(Statement.objects.filter(year=found, is_current=True), user).first()
    actual = statement.totals if statement else None
    actual_lines = {line["id"]: line for line in (actual or {}).get("lines", [])}
    rows = []
    for line in budget["lines"]:
        if line["section"] != "charge":
            continue
        done = actual_lines.get(line["id"])
        rows.append({"label": line["label"], "budget_ore": line["amount_ore"],
                     "actual_ore": done["amount_ore"] if done else None,
                     "difference_ore": (done["amount_ore"] - line["amount_ore"]) if done else None})
    for line_id, done in actual_lines.items():  # a line the statement has but the model no longer
        if done["section"] == "charge" and not any(line["id"] == line_id for line in budget["lines"]):
            rows.append({"label": done["label"], "budget_ore": None, "actual_ore": done["amount_ore"],
                         "difference_ore": None})
    return {
        "year": found, "url": url, "rows": rows, "budget_ore": budget["charges_ore"],
        "actual_ore": actual["charges_ore"] if actual else None,
        "difference_ore": (actual["charges_ore"] - budget["charges_ore"]) if actual else None,
        "statement": statement, "statement_url": statement.get_absolute_url() if statement else None,
        "approved": bool(statement and statement.is_approved),
    }


def _money(value) -> Decimal:
    return Decimal(str(value or 0)).quantize(Decimal("0.01"))


def joint_tenders(collaboration, user, today: datetime.date | None = None) -> dict:
    """The published plan's joint tenders with the planner's savings: done (their start month has
    come) and still to come, with totals."""
    from digisam.planning.models import PlanRun, RunStatus
    from digisam.planning.presentation import month_label

    run = permissions.restrict(PlanRun.objects.filter(collaboration=collaboration, published=True,
                                                      status=RunStatus.SUCCEEDED), user).order_by(
        "-published_at", "-pk").first()
    if run is None or not run.plan:
        return {"problem": _("Samarbejdet har ingen offentliggjort udbudsplan, som du kan se.")}
    today = today or timezone.localdate()
    now = f"{today.year:04d}-{today.month:02d}"
    names = {c["id"]: c.get("name") or c["id"] for c in run.instance.get("categories", [])}
    rows = []
    for tender in run.plan.get("tenders", []):
        if tender.get("kind") != "joint":
            continue
        rows.append({"category": names.get(tender["category"], tender["category"]), "start": tender["start"],
                     "start_label": month_label(tender["start"]), "participants": len(tender.get("participants", [])),
                     "savings": _money(tender.get("savings")), "done": tender["start"] <= now})
    done = [r for r in rows if r["done"]]
    return {"run": run, "url": run.get_absolute_url(), "rows": rows, "done_count": len(done),
            "done_savings": sum((r["savings"] for r in done), Decimal("0.00")),
            "total_savings": sum((r["savings"] for r in rows), Decimal("0.00"))}


def sla_results(collaboration, user, year: int) -> dict | None:
    """Per service of the year's catalogue: tickets, breaches and the shares within target, from the
    tickets the user may read (the SLA engine's figures). None when there are no services."""
    from collections import defaultdict

    from digisam.engines import sla
    from digisam.operations import adapter, selectors
    from digisam.operations.models import CatalogueService

    found = economy_year(collaboration, user, year)
    if found is None or not CatalogueService.objects.filter(year=found).exists():
        return None
    figures = adapter.figures(found, selectors.tickets(found, user))
    groups = defaultdict(list)
    for cell in figures.cells:
        groups[cell.service].append(cell)
    rows = []
    for service, cells in sorted(groups.items()):
        summary = sla.summarise(cells)
        rows.append({"service": service, **summary, "target": cells[0].availability_target})
    return {"rows": rows, "url": reverse("operations:sla", args=[collaboration.slug, year])}
