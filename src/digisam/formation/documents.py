"""Printable documents of this app (fpdf2, with the initiatives' reports' font handling): the
one-page 'what would joining mean for us?' for a prospective member's director."""

from __future__ import annotations

import io
import os

from django.http import HttpResponse
from django.utils import timezone

from digisam.engines.economy import texts
from digisam.initiatives.reports import DEJAVU, latin1


def _kr(value) -> str:
    from decimal import Decimal

    return f"{Decimal(value or 0).quantize(Decimal(1)):,.0f}".replace(",", ".") + " kr."


def _ore(value) -> str:
    return "-" if value is None else texts.fmt_ore(value)


def _num(value) -> str:
    from decimal import Decimal

    return f"{Decimal(value or 0).quantize(Decimal('0.1')):,.1f}".replace(",", "X").replace(".", ",").replace("X", ".")


def _pct(value) -> str:
    return "-" if value is None else f"{value}".replace(".", ",") + " %"


def joining_lines(context) -> list[tuple[str, str]]:
    """The page's content as (style, text) lines: 'h1', 'h2' or 'p'. The PDF prints exactly these."""
    c, org = context["collaboration"], context["organisation"]
    lines = [("h1", f"Hvad betyder medlemskab af {c.name} for {org.name}?"),
             ("p", f"Indtræden fra {context['join_on']:%d.%m.%Y}. Udskrevet {timezone.localtime():%d.%m.%Y}.")]
    fee = context["fee"]
    lines.append(("h2", "Kontingent"))
    if fee.get("problem"):
        lines.append(("p", fee["problem"]))
    else:
        lines.append(("p", f"{org.name} opkræves {fee['charges_text']} for {fee['year']} "
                           f"(medlem i {fee['fraction']} af året; forholdsmæssig betaling: {fee['proration']})."))
        for line in fee["lines"]:
            lines.append(("p", f"{line['label']}: {texts.fmt_ore(line['amount_ore'])}"))
        for other in fee["others"]:
            lines.append(("p", f"{other['name']}: {texts.fmt_ore(other['delta_ore'])} i forhold til i dag"))
    overlap = context["overlap"]
    lines.append(("h2", "Fælles portefølje"))
    lines.append(("p", f"{overlap['sharing_members']} medlemmer deler deres portefølje med samarbejdet."))
    for row in overlap["systems"]:
        lines.append(("p", f"Samme system: {row['name']} ({row['members']} medlemmer)"))
    for row in overlap["vendors"]:
        lines.append(("p", f"Samme leverandør: {row['name']} ({row['members']} medlemmer)"))
    for row in overlap["ending"]:
        lines.append(("p", f"Kontrakter der udløber inden {overlap['window_end']:%d.%m.%Y}: {row['name']} "
                           f"({row['contracts']})"))
    lines.append(("h2", "Fællesudbud man kan deltage i"))
    basis, estimate = context.get("tender_basis") or {}, context.get("estimate")
    if basis.get("problem"):
        lines.append(("p", basis["problem"]))
    if estimate is None or not estimate.done:
        lines.append(("p", "Udbudsbesparelsen er ikke beregnet endnu." if estimate is None
                      else "Beregningen af udbudsbesparelsen kører endnu."))
    elif estimate.status != "succeeded":
        lines.append(("p", f"Beregningen {estimate.finished:%d.%m.%Y} mislykkedes."))
    else:
        lines.append(("p", f"Planlæggerens scenarie {timezone.localtime(estimate.finished):%d.%m.%Y} med {org.name} "
                           f"lagt til den offentliggjorte udbudsplan: anslået besparelse i alt "
                           f"{_kr(estimate.total_saving)}."))
        for row in context.get("estimate_rows") or []:
            lines.append(("p", f"{row['category_name']}: fællesudbud fra {row['start_label']} med {row['others']} "
                               f"andre kommuner; hver for sig {_kr(row['baseline'])}, i fællesudbuddet "
                               f"{_kr(row['cost'])}, besparelse {_kr(row['saving'])}"))
    lines.append(("h2", "Initiativer man kan tilvælge"))
    for row in context["initiatives"]:
        lines.append(("p", f"{row['initiative'].title}: {row['participants']} deltagere; anslået andel "
                           f"{_kr(row['share'])}" + (" (obligatorisk)" if row["mandatory"] else "")))
    if not context["initiatives"]:
        lines.append(("p", "Ingen initiativer er åbne for tilvalg."))
    terms = context["terms"]
    lines.append(("h2", "Regler"))
    lines.append(("p", f"Udtræden: {terms.notice_months} måneders varsel til {terms.get_exit_point_display().lower()}."))
    for rule in context["rules"]:
        lines.append(("p", f"{rule.body}: {rule.get_decision_type_display()} - {rule.summary()}"))
    return lines


def write_pdf(lines) -> bytes:
    from fpdf import FPDF

    pdf = FPDF(orientation="P", unit="mm", format="A4")
    pdf.set_auto_page_break(auto=True, margin=12)
    pdf.add_page()
    unicode_font = os.path.exists(DEJAVU)
    family = "Helvetica"
    if unicode_font:
        pdf.add_font("DejaVu", "", DEJAVU)
        bold = DEJAVU.replace("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
        pdf.add_font("DejaVu", "B", bold if os.path.exists(bold) else DEJAVU)
        family = "DejaVu"
    sizes = {"h1": ("B", 13, 7), "h2": ("B", 10, 6), "p": ("", 8, 4.4)}
    for style, text in lines:
        weight, size, height = sizes[style]
        if style == "h2":
            pdf.ln(2)
        pdf.set_font(family, weight, size)
        pdf.multi_cell(0, height, text if unicode_font else latin1(text), new_x="LMARGIN", new_y="NEXT")
    buffer = io.BytesIO()
    pdf.output(buffer)
    return buffer.getvalue()


def joining_pdf(context) -> bytes:
    return write_pdf(joining_lines(context))


def pdf_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


# --- the decision proposal (beslutningsoplæg) and the founding text ---------------------------

FOUNDING_TITLES = {
    "oral_agreement": "Mundtlig aftale: det aftalte grundlag",
    "written_agreement": "Samarbejdsaftale",
    "association": "Vedtægter for foreningen",
    "section60_company": "Interessentskabsaftale (§60-selskab)",
}


def _members_for(collaboration, formation):
    """The members the proposal is about: in formation every invited municipality that has not said
    no, otherwise the active members."""
    if formation is not None and not formation.established_on:
        return [d.organisation for d in formation.decisions.select_related("organisation")
                if d.decision != "no"]
    return [m.organisation for m in collaboration.active_memberships() if m.role == "member"]


def proposal_fees(collaboration, members, year_number):
    """Each member's annual contribution: the economy year's fee model settled by the economy
    engine with exactly these members for the whole year. None if there is no fee model."""
    from digisam.economy import adapter
    from digisam.economy.models import EconomyYear
    from digisam.organisations.models import population_map

    year = EconomyYear.objects.filter(collaboration=collaboration, year__lte=year_number).order_by("-year").first() \
        or EconomyYear.objects.filter(collaboration=collaboration).order_by("year").first()
    if year is None or not year.charges.exists():
        return None
    document, labels = adapter.build_scenario(year)
    populations = population_map([o.pk for o in members], year.key_date)
    document = {**document, "members": [{
        "code": adapter.member_code(o), "name": o.name, "population": populations.get(o.pk), "fte": None,
        "member_from": f"{year.year}-01-01", "member_to": None} for o in members]}
    statement = adapter.settle_document(document)
    rows = [{"name": m.name, "code": m.code, "charges_ore": m.charges} for m in statement.members]
    return {"year": year.year, "rows": rows, "total_ore": sum(r["charges_ore"] for r in rows),
            "charges": [labels["lines"].get(c["id"], c["id"]) for c in document["charges"]]}


def proposal_missing(collaboration, formation) -> list[str]:
    """What the proposal cannot be written without."""
    from digisam.engines import economy as engine

    missing = []
    members = _members_for(collaboration, formation)
    if len(members) < 2:
        missing.append("Medlemmer: samarbejdet har færre end to medlemmer eller inviterede kommuner.")
    try:
        fees = proposal_fees(collaboration, members, timezone.localdate().year) if members else None
    except engine.ScenarioError as error:
        missing.append(f"Finansiering: kontingentmodellen kan ikke beregnes ({error}).")
    else:
        if fees is None:
            missing.append("Finansiering: der er ingen kontingentmodel (økonomiår med opkrævninger) at fordele "
                           "efter.")
    if not collaboration.description.strip() and not (formation and formation.rationale.strip()):
        missing.append("Baggrund og vision: skriv samarbejdets beskrivelse eller begrundelsen for valget.")
    if not collaboration.bodies.exists():
        missing.append("Organisering: samarbejdet har ingen organer.")
    return missing


def proposal_lines(collaboration, formation) -> list[tuple[str, str]]:
    """The beslutningsoplæg as (style, text) lines, laid out like seed 001: background, vision and
    goals, members, organisation, financing, milestones and GO/no-GO points, business case, and the
    founding text for the chosen form. Raises ValueError listing what is missing."""
    missing = proposal_missing(collaboration, formation)
    if missing:
        raise ValueError(missing)
    from digisam.collaborations.models import Seat

    members = _members_for(collaboration, formation)
    fees = proposal_fees(collaboration, members, timezone.localdate().year)
    form = formation.form if formation else collaboration.organisation_form
    lines = [("h1", f"Beslutningsoplæg: {collaboration.name}"),
             ("p", f"{collaboration.get_purposes_display()} · {collaboration.get_organisation_form_display()} · "
                   f"{timezone.localdate():%d.%m.%Y}")]
    lines.append(("h2", "1. Baggrund"))
    lines.append(("p", (formation.rationale if formation and formation.rationale else collaboration.description)))
    lines.append(("h2", "2. Vision og mål"))
    lines.append(("p", collaboration.description or (formation.rationale if formation else "")))
    lines.append(("h2", "3. Medlemmer"))
    for o in members:
        decision = formation.decisions.filter(organisation=o).first() if formation else None
        extra = f" – {decision.get_decision_display()}" + (
            f" ({decision.body}, {decision.decided_on:%d.%m.%Y})" if decision and decision.decided_on else "") \
            if decision else ""
        lines.append(("p", f"{o.name}{extra}"))
    lines.append(("h2", "4. Fælles organisering og governance"))
    for body in collaboration.bodies.all():
        seats = Seat.objects.filter(body=body).select_related("organisation")
        names = ", ".join(f"{s.person} ({s.get_role_display()}{', ' + s.organisation.name if s.organisation else ''})"
                          for s in seats)
        lines.append(("p", f"{body.name} ({body.get_kind_display()})" + (f": {names}" if names else "")))
        for rule in body.decision_rules.all():
            lines.append(("p", f"  {rule.get_decision_type_display()}: {rule.summary()}"))
    lines.append(("h2", "5. Fælles finansiering"))
    lines.append(("p", f"Kontingentmodellen for {fees['year']} ({', '.join(fees['charges'])}) giver hvert medlems "
                       f"årlige bidrag:"))
    for row in fees["rows"]:
        lines.append(("p", f"{row['name']}: {texts.fmt_ore(row['charges_ore'])}"))
    lines.append(("p", f"I alt: {texts.fmt_ore(fees['total_ore'])}"))
    lines.append(("h2", "6. Milepæle og GO/no-GO-punkter"))
    process = formation.process if formation else None
    if process is not None:
        for gate in process.gates.all():
            when = f", besluttet {gate.decided_on:%d.%m.%Y}" if gate.decided_on else ""
            lines.append(("p", f"GO/no-GO efter {gate.phase_name}: {gate.get_outcome_display()}{when}"))
    else:
        lines.append(("p", "Samarbejdet er etableret; milepæle følges i initiativerne."))
    lines.append(("h2", "7. Business case"))
    case = getattr(process, "business_case", None) if process is not None else None
    if case is not None:
        result = case.compute()
        lines.append(("p", f"Nutidsværdi over {case.horizon} år: {_kr(result.npv)}"))
    else:
        lines.append(("p", "Der er ikke opstillet en business case for etableringen endnu; gevinsterne følges "
                           "i samarbejdets initiativer."))
    lines += founding_lines(collaboration, form, members, fees)
    return lines


def founding_lines(collaboration, form, members, fees) -> list[tuple[str, str]]:
    """The founding text for the chosen form, filled with the collaboration's own rules."""
    from .services import exit_terms

    terms = exit_terms(collaboration)
    lines = [("h2", f"Bilag: {FOUNDING_TITLES.get(form, 'Samarbejdsgrundlag')}")]
    lines.append(("p", f"§ 1. {collaboration.name} er et samarbejde mellem "
                       f"{', '.join(o.name for o in members)} om {collaboration.get_purposes_display().lower()}."))
    number = 2
    for rule in collaboration.decision_rules.select_related("body"):
        lines.append(("p", f"§ {number}. {rule.body} træffer beslutning om {rule.get_decision_type_display().lower()} "
                           f"med {rule.summary()}."))
        number += 1
    lines.append(("p", f"§ {number}. Medlemmerne betaler efter kontingentmodellen for {fees['year']}: "
                       + "; ".join(f"{r['name']} {texts.fmt_ore(r['charges_ore'])}" for r in fees["rows"]) + "."))
    lines.append(("p", f"§ {number + 1}. Et medlem kan udtræde med {terms.notice_months} måneders varsel til "
                       f"{terms.get_exit_point_display().lower()}. {terms.note}".strip()))
    if form == "section60_company":
        lines.append(("p", f"§ {number + 2}. Aftalen forudsætter tilsynets godkendelse efter kommunestyrelseslovens "
                           "§ 60."))
    return lines


def write_docx(lines) -> bytes:
    from docx import Document

    document = Document()
    for style, text in lines:
        if style == "h1":
            document.add_heading(text, level=0)
        elif style == "h2":
            document.add_heading(text, level=1)
        else:
            document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def delivery_lines(collaboration, data) -> list[tuple[str, str]]:
    """The yearly 'does it deliver?' report as lines for the PDF."""
    lines = [("h1", f"Leverer samarbejdet? {collaboration.name} {data['year']}"),
             ("p", f"Udskrevet {timezone.localtime():%d.%m.%Y}.")]
    lines.append(("h2", "Gevinster: realiseret mod forventet"))
    for row in data["benefit_rows"]:
        lines.append(("p", f"{row['initiative'].title}: {_kr(row['realised'])} af {_kr(row['expected'])}"))
    lines.append(("p", f"I alt: {_kr(data['total_realised'])} af {_kr(data['total_expected'])}"))
    for row in data.get("quality", []):
        lines.append(("p", f"{row['initiative'].title} ({row['benefit'].get_kind_display().lower()}): "
                           f"{_num(row['realised'])} af {_num(row['expected'])} {row['unit']}".rstrip()))
    budget = data.get("budget") or {}
    lines.append(("h2", "Budget og regnskab"))
    if budget.get("problem"):
        lines.append(("p", budget["problem"]))
    elif budget:
        status = ""
        if budget["statement"] is not None:
            status = f" (årsopgørelse version {budget['statement'].version}, " + (
                "godkendt)" if budget["approved"] else "ikke godkendt)")
        lines.append(("p", "Budget: årets gebyrmodel beregnet af økonomimotoren. Regnskab: årets gældende "
                           "årsopgørelse" + status + "."))
        for row in budget["rows"]:
            lines.append(("p", f"{row['label']}: budget {_ore(row['budget_ore'])}, regnskab {_ore(row['actual_ore'])}, "
                               f"afvigelse {_ore(row['difference_ore'])}"))
        lines.append(("p", f"I alt: budget {_ore(budget['budget_ore'])}, regnskab {_ore(budget['actual_ore'])}, "
                           f"afvigelse {_ore(budget['difference_ore'])}"))
    tenders = data.get("tenders") or {}
    lines.append(("h2", "Fællesudbud og deres besparelser"))
    if tenders.get("problem"):
        lines.append(("p", tenders["problem"]))
    elif tenders:
        lines.append(("p", f"{tenders['done_count']} fællesudbud er gennemført med en planlagt besparelse på "
                           f"{_kr(tenders['done_savings'])}; hele planen sparer {_kr(tenders['total_savings'])} "
                           f"(udbudsplan #{tenders['run'].pk})."))
        for row in tenders["rows"]:
            lines.append(("p", f"{row['category']} fra {row['start_label']}: {row['participants']} deltagere, "
                               f"besparelse {_kr(row['savings'])} ({'gennemført' if row['done'] else 'planlagt'})"))
    if data.get("sla"):
        lines.append(("h2", "SLA-resultater"))
        for row in data["sla"]["rows"]:
            lines.append(("p", f"{row['service']}: {row['volume']} sager, {row['breaches']} overskridelser; svar inden "
                               f"for mål {_pct(row['response_share'])}, løst inden for mål "
                               f"{_pct(row['resolution_share'])}"))
        if not data["sla"]["rows"]:
            lines.append(("p", "Ingen sager registreret i året."))
    lines.append(("h2", "Beslutninger og deres gennemløbstid"))
    for d in data["decisions"]:
        lead = f"{d['lead_days']} dage" if d["lead_days"] is not None else "-"
        lines.append(("p", f"{d['proposal'].title}: {d['proposal'].get_outcome_display()} ({lead})"))
    if data["average_lead_days"] is not None:
        lines.append(("p", f"Gennemsnitlig gennemløbstid: {str(data['average_lead_days']).replace('.', ',')} dage"))
    lines.append(("h2", "Medlemmernes deltagelse pr. initiativ"))
    for row in data["participation"]:
        lines.append(("p", f"{row['initiative'].title}: {row['in']} tilvalgt, {row['out']} fravalgt"))
    return lines
