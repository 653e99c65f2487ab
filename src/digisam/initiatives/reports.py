"""Read-only views of the app's data: the benefit map diagram, the participation overview, the
directors' dashboard and its one-page PDF."""

from __future__ import annotations

import io
import os
from decimal import Decimal

from django.db.models import Q
from django.http import HttpResponse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from digisam.collaborations.models import MembershipRole
from digisam.core import permissions
from digisam.core.formatting import short_date, short_datetime

from .models import (
    Benefit,
    Gate,
    GateOutcome,
    Initiative,
    InitiativeKind,
    Lifecycle,
    MapLevel,
    ParticipationChoice,
    ProposalStatus,
)

#: an organisation is flagged when it opted out of this many voluntary initiatives or more …
REPEATED_OPT_OUTS = 2
#: … or took part in fewer than this share of the voluntary initiatives it has decided on (at least 2)
LOW_PARTICIPATION = Decimal("0.5")


def initiative_of(obj):
    for path in ("initiative", "benefit__initiative", "case__initiative"):
        current = obj
        for part in path.split("__"):
            current = getattr(current, part, None)
            if current is None:
                break
        if isinstance(current, Initiative):
            return current
    return None


# --- benefit map --------------------------------------------------------------------------------

def _wrap(text, width=26, lines=3):
    words, out, line = str(text).split(), [], ""
    for word in words:
        if len(line) + len(word) + 1 > width and line:
            out.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    if line:
        out.append(line)
    if len(out) > lines:
        out = out[:lines]
        out[-1] = out[-1][: width - 3] + "..."
    return out or [""]


def benefit_map_svg(initiative: Initiative):
    """Deliverables → capabilities → benefits → purpose as an inline SVG (escaped text)."""
    elements = list(initiative.map_elements.prefetch_related("enables", "benefits"))
    deliverables = [e for e in elements if e.level == MapLevel.DELIVERABLE]
    capabilities = [e for e in elements if e.level == MapLevel.CAPABILITY]
    benefits = list(initiative.benefits.all())
    columns = [
        (gettext("Leverancer"), [(f"d{e.pk}", e.label, "#e6f0f8") for e in deliverables]),
        (gettext("Kapabiliteter"), [(f"c{e.pk}", e.label, "#eef6e8") for e in capabilities]),
        (gettext("Gevinster"), [(f"b{b.pk}", (gettext("Ulempe: ") if b.is_disbenefit else "") + b.description,
                                 "#fbe0e0" if b.is_disbenefit else "#fff1c2") for b in benefits]),
        (gettext("Formål"), [("p", initiative.purpose, "#e8e4f3")]),
    ]
    box_w, box_h, gap_x, gap_y, top = 190, 56, 60, 16, 34
    rows = max(len(items) for _, items in columns) or 1
    height = top + rows * (box_h + gap_y) + 10
    width = len(columns) * box_w + (len(columns) - 1) * gap_x + 10
    pos = {}
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="digisam-chart" role="img" '
             f'aria-label="{escape(gettext("Gevinstkort for %(title)s") % {"title": initiative.title})}" viewBox="0 0 {width} {height}" '
             f'width="100%" data-testid="benefit-map">']
    for ci, (title, items) in enumerate(columns):
        x = 5 + ci * (box_w + gap_x)
        parts.append(f'<text x="{x + box_w / 2}" y="18" text-anchor="middle" font-weight="bold">{escape(title)}</text>')
        for ri, (key, label, fill) in enumerate(items):
            y = top + ri * (box_h + gap_y)
            pos[key] = (x, y)
            parts.append(f'<rect x="{x}" y="{y}" width="{box_w}" height="{box_h}" rx="6" fill="{fill}" stroke="#595959"/>')
            for li, line in enumerate(_wrap(label)):
                parts.append(f'<text x="{x + 8}" y="{y + 17 + li * 15}">{escape(line)}</text>')
    links = []
    for e in deliverables:
        links += [(f"d{e.pk}", f"c{t.pk}") for t in e.enables.all()]
    for e in capabilities:
        links += [(f"c{e.pk}", f"b{b.pk}") for b in e.benefits.all()]
    links += [(f"b{b.pk}", "p") for b in benefits if not b.is_disbenefit]
    for a, b in links:
        if a in pos and b in pos:
            (x1, y1), (x2, y2) = pos[a], pos[b]
            parts.append(f'<line x1="{x1 + box_w}" y1="{y1 + box_h / 2}" x2="{x2}" y2="{y2 + box_h / 2}" '
                         f'stroke="#0059b3" stroke-width="1.5"/>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


# --- participation ------------------------------------------------------------------------------

def participation_overview(collaboration, user):
    """Per member across the collaboration's voluntary initiatives: in, out, undecided, flags."""
    initiatives = list(permissions.restrict(collaboration.initiatives.all(), user)
                       .exclude(lifecycle=Lifecycle.STOPPED).prefetch_related("participations"))
    voluntary = [i for i in initiatives if i.kind == InitiativeKind.VOLUNTARY]
    rows = []
    for membership in collaboration.active_memberships().order_by("organisation__name"):
        if membership.role != MembershipRole.MEMBER:
            continue
        org = membership.organisation
        cells, opted_in, opted_out = [], 0, 0
        for initiative in voluntary:
            choice = next((p for p in initiative.participations.all() if p.organisation_id == org.pk), None)
            cells.append(choice)
            if choice and choice.choice == ParticipationChoice.IN:
                opted_in += 1
            elif choice:
                opted_out += 1
        decided = opted_in + opted_out
        rate = Decimal(opted_in) / decided if decided else None
        flags = []
        if opted_out >= REPEATED_OPT_OUTS:
            flags.append("Gentagne fravalg")
        if decided >= 2 and rate is not None and rate < LOW_PARTICIPATION:
            flags.append("Lav deltagelse")
        rows.append({"organisation": org, "cells": cells, "opted_in": opted_in, "opted_out": opted_out,
                     "undecided": len(voluntary) - decided, "rate": rate * 100 if rate is not None else None,
                     "flags": flags})
    return {"voluntary": voluntary, "rows": rows, "mandatory": [i for i in initiatives if i.kind == InitiativeKind.MANDATORY]}


# --- dashboard ----------------------------------------------------------------------------------

def dashboard(collaboration, user):
    initiatives = list(permissions.restrict(collaboration.initiatives.all(), user)
                       .select_related("phase_model", "owner_organisation"))
    by_phase: dict[str, dict[str, int]] = {}
    for i in initiatives:
        row = by_phase.setdefault(i.phase_name or "–", {"on_track": 0, "at_risk": 0, "off_track": 0, "total": 0})
        row[i.status] += 1
        row["total"] += 1
    benefit_rows = []
    total_expected = total_realised = Decimal(0)
    for i in initiatives:
        benefits = [b for b in Benefit.objects.filter(initiative=i, is_disbenefit=False)
                    .prefetch_related("expectations", "realisations")]
        expected = sum((Decimal(b.expected_total) for b in benefits), Decimal(0))
        realised = sum((Decimal(b.realised_total) for b in benefits), Decimal(0))
        if benefits:
            benefit_rows.append({"initiative": i, "expected": expected, "realised": realised,
                                 "share": realised / expected * 100 if expected else None, "count": len(benefits)})
        total_expected += expected
        total_realised += realised
    participation = participation_overview(collaboration, user)
    now = timezone.now()
    proposals = permissions.restrict(collaboration.proposals.exclude(status=ProposalStatus.CLOSED), user) \
        .select_related("body").order_by("deadline")
    recent = permissions.restrict(collaboration.proposals.filter(status=ProposalStatus.CLOSED), user) \
        .order_by("-closed_at")[:5]
    gates = Gate.objects.filter(initiative__in=initiatives, outcome=GateOutcome.PENDING).select_related(
        "initiative__phase_model").order_by("due")
    passed = Gate.objects.filter(initiative__in=initiatives).exclude(outcome=GateOutcome.PENDING).select_related(
        "initiative__phase_model").order_by("-decided_on")[:5]
    return {
        "director_decisions": director_decisions(collaboration, user),
        "harmonisation": harmonisation_against_target(collaboration, user),
        "plan_savings": plan_savings(collaboration, user),
        "contributions": contributions_this_year(collaboration, user),
        "initiatives": initiatives, "by_phase": by_phase, "benefit_rows": benefit_rows,
        "total_expected": total_expected, "total_realised": total_realised,
        "participation": participation, "upcoming_proposals": list(proposals), "recent_decisions": list(recent),
        "upcoming_gates": list(gates), "passed_gates": list(passed), "now": now,
    }


def director_decisions(collaboration, user):
    """Decisions waiting for the directors: open or draft proposals to the collaboration's directors'
    circle, and escalations (to any body) that are not closed."""
    from digisam.collaborations.models import BodyKind

    return list(permissions.restrict(collaboration.proposals.exclude(status=ProposalStatus.CLOSED), user)
                .filter(Q(body__kind=BodyKind.DIRECTORS_CIRCLE) | Q(parent__isnull=False))
                .select_related("body", "parent").order_by("deadline", "pk"))


def harmonisation_against_target(collaboration, user):
    """The collaboration's harmonisation index now, against its target (the portfolio's own figures),
    for those who may see the portfolio picture; None otherwise."""
    from digisam.portfolio import harmonisation
    from digisam.portfolio import policies as portfolio_policies

    access = permissions.access_for(user)
    if not (access.is_admin or collaboration.pk in portfolio_policies.portfolio_collaborations(access)):
        return None
    picture = harmonisation.build(collaboration)
    return {"overall": picture.overall,
            "target": harmonisation.target_progress(collaboration, picture.overall, picture.today)}


def plan_savings(collaboration, user):
    """The published procurement plan's savings per member, split as the plan page shows them
    (contract and tender costs, harmonisation gain apart, saving in % of contract costs, net);
    None when there is no published plan the user may read."""
    from digisam.planning.models import PlanRun
    from digisam.planning.presentation import cached_plan_view

    run = permissions.restrict(PlanRun.objects.filter(collaboration=collaboration, published=True), user).first()
    if run is None:
        return None
    view = cached_plan_view(run)
    if not view:
        return None
    return {"run": run, "members": view["members"], "figures": view["figures"]}


def contributions_this_year(collaboration, user):
    """Each member's contribution this year, from the economy's current statement of this year:
    charges and net (øre), as far as the user may read them; None when the year has no statement."""
    from digisam.economy.models import EconomyYear, MemberStatement

    year = EconomyYear.objects.filter(collaboration=collaboration, year=timezone.localdate().year).first()
    if year is None:
        return None
    statement = year.statements.filter(is_current=True).order_by("-version").first()
    if statement is None:
        return {"year": year, "statement": None, "rows": [], "total_charges": 0}
    rows = list(permissions.restrict(MemberStatement.objects.filter(statement=statement), user).order_by("name"))
    return {"year": year, "statement": statement, "rows": rows,
            "total_charges": sum(r.charges for r in rows), "total_net": sum(r.net for r in rows)}


_REPLACEMENTS = {"−": "-", "–": "-", "—": "-", "½": "1/2", "…": "...", "→": "->", "’": "'", "“": '"', "”": '"',
                 "≥": ">=", "≤": "<=", "\u00a0": " "}
PDF_MEMBER_ROWS = 12  # flagged members first; keeps the dashboard on one page
DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def latin1(text) -> str:
    """Text the fpdf core fonts can print: Danish letters stay, other signs are replaced."""
    text = str(text)
    for a, b in _REPLACEMENTS.items():
        text = text.replace(a, b)
    return text.encode("latin-1", "replace").decode("latin-1")


def _money(value) -> str:
    value = Decimal(value or 0).quantize(Decimal(1))
    return f"{value:,.0f}".replace(",", ".") + " kr."


def dashboard_pdf(collaboration, data) -> HttpResponse:
    """One printable page for the directors' meeting."""
    from fpdf import FPDF

    pdf = FPDF(orientation="P", unit="mm", format="A4")
    pdf.set_auto_page_break(auto=True, margin=12)
    pdf.add_page()
    unicode_font = os.path.exists(DEJAVU)
    if unicode_font:
        pdf.add_font("DejaVu", "", DEJAVU)
        bold = DEJAVU.replace("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
        pdf.add_font("DejaVu", "B", bold if os.path.exists(bold) else DEJAVU)
        family = "DejaVu"
    else:
        family = "Helvetica"

    def t(text):
        return str(text) if unicode_font else latin1(text)

    def heading(text):
        pdf.ln(2)
        pdf.set_font(family, "B", 11)
        pdf.cell(0, 6, t(text), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(family, "", 8)

    def row(cells, widths, bold=False):
        pdf.set_font(family, "B" if bold else "", 8)
        for text, width in zip(cells, widths, strict=False):
            pdf.cell(width, 4.6, t(text)[: int(width / 1.6)], border=0)
        pdf.ln(4.6)

    pdf.set_font(family, "B", 14)
    pdf.cell(0, 8, t(f"Direktørernes overblik: {collaboration.name}")[:95], new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(family, "", 8)
    pdf.cell(0, 5, t(f"Udskrevet {short_datetime(timezone.localtime())}"), new_x="LMARGIN", new_y="NEXT")

    heading("Initiativer efter fase og status")
    row(["Fase", "På sporet", "I risiko", "Ude af kurs", "I alt"], [60, 25, 25, 25, 20], bold=True)
    for phase, counts in data["by_phase"].items():
        row([phase, counts["on_track"], counts["at_risk"], counts["off_track"], counts["total"]], [60, 25, 25, 25, 20])
    for i in data["initiatives"][:12]:
        row([i.title, i.phase_name, i.get_status_display(), i.get_kind_display()], [80, 40, 30, 40])

    heading("Gevinster: forventet og realiseret")
    row(["Initiativ", "Forventet", "Realiseret", "Andel"], [80, 35, 35, 20], bold=True)
    for r in data["benefit_rows"][:10]:
        share = f"{r['share']:.0f} %" if r["share"] is not None else "-"
        row([r["initiative"].title, _money(r["expected"]), _money(r["realised"]), share], [80, 35, 35, 20])
    row(["I alt", _money(data["total_expected"]), _money(data["total_realised"]), ""], [80, 35, 35, 20], bold=True)

    heading("Deltagelse i frivillige initiativer")
    row(["Medlem", "Tilvalgt", "Fravalgt", "Uafklaret", "Bemærkning"], [60, 20, 20, 20, 70], bold=True)
    members = sorted(data["participation"]["rows"], key=lambda r: (not r["flags"], r["organisation"].name))
    for r in members[:PDF_MEMBER_ROWS]:
        row([r["organisation"].name, r["opted_in"], r["opted_out"], r["undecided"], ", ".join(r["flags"])],
            [60, 20, 20, 20, 70])
    if len(members) > PDF_MEMBER_ROWS:
        row([f"... og {len(members) - PDF_MEMBER_ROWS} medlemmer mere uden bemærkninger"], [170])

    heading("Kommende beslutninger")
    for p in data["upcoming_proposals"][:8]:
        deadline = short_date(p.deadline) if p.deadline else "ingen frist"
        row([p.title, p.body.name, p.get_status_display(), deadline], [80, 50, 30, 25])
    if not data["upcoming_proposals"]:
        row(["Ingen."], [100])
    heading("Kommende GO/no-GO-beslutningspunkter")
    for g in data["upcoming_gates"][:8]:
        row([g.initiative.title, f"efter {g.phase_name}", short_date(g.due) if g.due else "-"], [80, 60, 30])
    if not data["upcoming_gates"]:
        row(["Ingen."], [100])
    heading("Seneste beslutninger")
    for p in data["recent_decisions"]:
        row([p.title, p.get_outcome_display()], [120, 50])

    buffer = io.BytesIO()
    pdf.output(buffer)
    response = HttpResponse(buffer.getvalue(), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="overblik-{collaboration.slug}.pdf"'
    return response


