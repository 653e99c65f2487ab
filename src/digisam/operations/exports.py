"""The yearly SLA report for the board: xlsx (every cell: service × member × month) and a printable
PDF (per service the year's figures per member, breaches marked). Both are built from the figures
the reader may see (the secretariat sees every member)."""

from __future__ import annotations

import io
import os
from collections import defaultdict

from django.http import HttpResponse
from django.utils import timezone

from digisam.core.exports import xlsx_response
from digisam.core.formatting import short_datetime
from digisam.engines import sla

DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
HEADER = ["Ydelse", "Medlem", "Måned", "Sager", "Svartid p50 (min.)", "Svartid p90 (min.)",
          "Løsningstid p50 (min.)", "Løsningstid p90 (min.)", "Svar inden for mål (%)",
          "Løst inden for mål (%)", "Overskridelser", "Oppetid (%)", "Mål for oppetid (%)", "Kredit (kr.)"]


def _num(value):
    return None if value is None else round(float(value), 1)


def cell_row(cell: sla.Cell, names: dict) -> list:
    return [cell.service, names.get(cell.member, cell.member), cell.month, cell.volume,
            _num(cell.response_p50), _num(cell.response_p90), _num(cell.resolution_p50), _num(cell.resolution_p90),
            _num(cell.response_share), _num(cell.resolution_share), cell.breaches,
            _num(cell.availability), _num(cell.availability_target), _num(cell.credit)]


def yearly_rows(figures: sla.Figures) -> list[dict]:
    """Per service and member: the year's summary."""
    groups = defaultdict(list)
    for cell in figures.cells:
        groups[(cell.service, cell.member)].append(cell)
    rows = []
    for (service, member), cells in sorted(groups.items()):
        summary = sla.summarise(cells)
        summary["credit"] = figures.credits.get((service, member), summary["credit"] * 0)
        rows.append({"service": service, "member": member, **summary,
                     "target": cells[0].availability_target})
    return rows


def report_xlsx(year, figures: sla.Figures, names: dict) -> HttpResponse:
    summary = [[r["service"], names.get(r["member"], r["member"]), r["volume"], _num(r["response_share"]),
                _num(r["resolution_share"]), r["breaches"], _num(r["availability_min"]), _num(r["credit"])]
               for r in yearly_rows(figures)]
    return xlsx_response(f"sla-{year.collaboration.slug}-{year.year}", [
        ("Året", ["Ydelse", "Medlem", "Sager", "Svar inden for mål (%)", "Løst inden for mål (%)",
                  "Overskridelser", "Laveste oppetid i en måned (%)", "Kredit (kr.)"], summary),
        ("Måneder", HEADER, [cell_row(c, names) for c in figures.cells]),
    ])


def latin1(text) -> str:
    text = str(text).replace("–", "-").replace("≥", ">=").replace("≤", "<=")
    return text.encode("latin-1", "replace").decode("latin-1")


def report_pdf(year, figures: sla.Figures, names: dict) -> HttpResponse:
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

    def row(cells, widths, bold=False):
        pdf.set_font(family, "B" if bold else "", 8)
        for text, width in zip(cells, widths, strict=False):
            pdf.cell(width, 4.6, t(text)[: int(width / 1.5)], border=0)
        pdf.ln(4.6)

    pdf.set_font(family, "B", 14)
    pdf.cell(0, 8, t(f"SLA-rapport {year.year}: {year.collaboration.name}")[:90], new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(family, "", 8)
    pdf.cell(0, 5, t(f"Udskrevet {short_datetime(timezone.localtime())}. * = mål ikke nået."),
             new_x="LMARGIN", new_y="NEXT")
    widths = [48, 16, 24, 24, 22, 24, 22]
    current = None
    for r in yearly_rows(figures):
        if r["service"] != current:
            current = r["service"]
            pdf.ln(2)
            pdf.set_font(family, "B", 11)
            pdf.cell(0, 6, t(current), new_x="LMARGIN", new_y="NEXT")
            row(["Medlem", "Sager", "Svar i mål", "Løst i mål", "Overskr.", "Min. oppetid", "Kredit"], widths,
                bold=True)
        low = r["availability_min"]
        flag = "*" if (low is not None and r["target"] is not None and low < r["target"]) else ""
        row([names.get(r["member"], r["member"]), r["volume"],
             f"{r['response_share']} %" if r["response_share"] is not None else "-",
             f"{r['resolution_share']} %" if r["resolution_share"] is not None else "-",
             f"{r['breaches']}{'*' if r['breaches'] else ''}",
             f"{low} %{flag}" if low is not None else "-", f"{r['credit']:.2f} kr."], widths)
    if not figures.cells:
        row(["Ingen supportsager i året."], [120])
    buffer = io.BytesIO()
    pdf.output(buffer)
    response = HttpResponse(buffer.getvalue(), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="sla-{year.collaboration.slug}-{year.year}.pdf"'
    return response
