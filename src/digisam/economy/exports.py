"""Statement exports: xlsx (a sheet with the totals, one per visible member, one with the
transfers) and a PDF a finance officer can read. Both take the already narrowed statement view."""

from __future__ import annotations

import os
from decimal import Decimal

from django.http import HttpResponse

from digisam.core.exports import xlsx_response

DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
DEJAVU_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
SECTIONS = {"charge": "Opkrævning", "host_cost": "Delt udgift (vært)", "project": "Projekt (timer)"}
LATIN1_REPLACEMENTS = {
    "−": "-", "–": "-", "—": "-", "½": "1/2", "¼": "1/4", "¾": "3/4", "→": "->", "Σ": "Sum ", "≈": "ca.",
    "·": "x", "…": "...", "“": '"', "”": '"', "’": "'",
}


def kr(ore: int) -> str:
    """Øre as Danish kroner: -1234567 → -12.345,67 kr."""
    value = Decimal(int(ore)) / 100
    sign = "-" if value < 0 else ""
    text = f"{abs(value):,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")
    return f"{sign}{text} kr."


def latin1(text: str) -> str:
    """Text a PDF core font can print: Danish letters stay (they are latin-1), the rest is replaced."""
    for old, new in LATIN1_REPLACEMENTS.items():
        text = text.replace(old, new)
    return text.encode("latin-1", "replace").decode("latin-1")


def statement_xlsx(statement, view, filename):
    totals = view["totals"]
    sheets = [(
        "Samlet",
        ["Post", "Type", "Beløb (kr.)", "Antal medlemmer"],
        [[line["label"], SECTIONS.get(line["section"], line["section"]), Decimal(line["amount_ore"]) / 100,
          line["members"]] for line in totals["lines"]]
        + [["Opkrævninger i alt", "", Decimal(totals["charges_ore"]) / 100, totals["members"]],
           ["Samarbejdets netto", "", Decimal(totals["collaboration_net_ore"]) / 100, ""]],
    )]
    for member in view["members"]:
        rows = [[line["label"], SECTIONS.get(line["section"], line["section"]), Decimal(line["amount_ore"]) / 100,
                 line["text"]] for line in member["lines"]]
        rows += [["Opkrævninger i alt (C)", "", Decimal(member["charges"]) / 100, ""],
                 ["Saldo, værtsudgifter og projekter (B)", "", Decimal(member["balance"]) / 100, ""],
                 ["Netto (N = B - C)", "", Decimal(member["net"]) / 100,
                  "betaler" if member["net"] < 0 else ("modtager" if member["net"] > 0 else "går lige op")]]
        sheets.append((f"{member['code']} {member['name']}"[:31].replace("/", "-"),
                       ["Post", "Type", "Beløb (kr.)", "Forklaring"], rows))
    sheets.append(("Betalinger", ["Fra", "Til", "Beløb (kr.)"],
                   [[t["from_name"], t["to_name"], Decimal(t["amount_ore"]) / 100] for t in view["transfers"]]))
    return xlsx_response(filename, sheets)


def statement_pdf(statement, view, filename):
    from fpdf import FPDF

    pdf = FPDF(orientation="P", unit="mm", format="A4")
    pdf.set_auto_page_break(True, margin=15)
    unicode_font = os.path.exists(DEJAVU) and os.path.exists(DEJAVU_BOLD)
    if unicode_font:
        pdf.add_font("DejaVu", "", DEJAVU)
        pdf.add_font("DejaVu", "B", DEJAVU_BOLD)
        family = "DejaVu"

        def t(text):
            return str(text)
    else:
        family = "Helvetica"

        def t(text):
            return latin1(str(text))

    width = 180
    pdf.add_page()
    pdf.set_font(family, "B", 15)
    year = statement.year
    pdf.multi_cell(width, 8, t(f"Årsopgørelse {year.year} – {year.collaboration.name}"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(family, "", 9)
    status = "godkendt" if statement.is_approved else "kladde"
    pdf.multi_cell(width, 5, t(f"Version {statement.version} ({status}), dannet {statement.generated_at:%d.%m.%Y}"),
                   new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    totals = view["totals"]
    pdf.set_font(family, "B", 11)
    pdf.cell(width, 7, t("Samarbejdets totaler"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(family, "", 9)
    for line in totals["lines"]:
        _row(pdf, t(f"{line['label']} ({SECTIONS.get(line['section'], '')}, {line['members']} medl.)"),
             t(kr(line["amount_ore"])))
    _row(pdf, t("Opkrævninger i alt"), t(kr(totals["charges_ore"])), bold=True, family=family)
    _row(pdf, t(f"Betalinger: {totals['transfers']}"), t(kr(totals["transferred_ore"])))
    for member in view["members"]:
        pdf.ln(4)
        pdf.set_font(family, "B", 11)
        pdf.multi_cell(width, 7, t(f"{member['code']} {member['name']} – andel af året: {member['fraction']}"),
                       new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(family, "", 9)
        for line in member["lines"]:
            _row(pdf, t(line["label"]), t(kr(line["amount_ore"])), bold=True, family=family)
            pdf.set_font(family, "", 8)
            pdf.set_x(pdf.l_margin + 4)
            pdf.multi_cell(width - 4, 4.5, t(line["text"]), new_x="LMARGIN", new_y="NEXT")
            pdf.set_font(family, "", 9)
        _row(pdf, t("Opkrævninger i alt (C)"), t(kr(member["charges"])))
        _row(pdf, t("Saldo for værtsudgifter og projekter (B)"), t(kr(member["balance"])))
        verdict = "betaler" if member["net"] < 0 else ("modtager" if member["net"] > 0 else "går lige op")
        _row(pdf, t(f"Netto (N = B − C), {verdict}"), t(kr(member["net"])), bold=True, family=family)
    pdf.ln(4)
    pdf.set_font(family, "B", 11)
    pdf.cell(width, 7, t("Betalinger"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(family, "", 9)
    if not view["transfers"]:
        pdf.cell(width, 5, t("Ingen betalinger."), new_x="LMARGIN", new_y="NEXT")
    for transfer in view["transfers"]:
        _row(pdf, t(f"{transfer['from_name']} → {transfer['to_name']}"), t(kr(transfer["amount_ore"])))
    response = HttpResponse(bytes(pdf.output()), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}.pdf"'
    return response


def _row(pdf, label, amount, bold=False, family=None):
    if bold and family:
        pdf.set_font(family, "B", 9)
    while label and pdf.get_string_width(label) > 138:
        label = label[:-4] + "..."
    pdf.cell(140, 5, label)
    pdf.cell(40, 5, amount, align="R", new_x="LMARGIN", new_y="NEXT")
    if bold and family:
        pdf.set_font(family, "", 9)


def scenario_json(statement, filename):
    response = HttpResponse(statement.content.scenario, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}-scenarie.json"'
    return response
