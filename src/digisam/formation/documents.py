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
