"""A run's plan as an Excel workbook (every table) and as a PDF a municipal director can read
(the headline, each member's gain, the joint tenders and the months of preparation)."""

from __future__ import annotations

import io
import os

from django.http import HttpResponse
from django.utils import timezone

from digisam.core import exports as core_exports
from digisam.core.formatting import short_date

from .presentation import plan_view

DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
DEJAVU_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"


def _filename(run, suffix):
    return f"udbudsplan-{run.collaboration.slug}-{run.pk}{suffix}"


FIGURE_HEADER = ["Kontrakter og udbud (kr.)", "Hver for sig (kr.)", "Besparelse på kontrakterne (kr.)",
                 "Besparelse på kontrakterne (%)", "Harmoniseringsgevinst (kr.)", "Netto (kr.)",
                 "Samlet besparelse (kr.)"]


def _figures(f) -> list:
    """The columns of ``presentation.breakdown`` in the order of ``FIGURE_HEADER``."""
    return [f["contract_cost"], f["baseline_cost"], f["contract_savings"], f["contract_savings_pct"],
            f["harmonisation"], f["net"], f["savings"]]


def xlsx(run, *, insider: bool = True) -> HttpResponse:
    """Every table of the plan; the per-participant cost breakdown (current contract, new contract)
    and the left-out contracts only for the collaboration's insiders, not for readers of a
    published plan."""
    view = plan_view(run)
    s = view["summary"]
    f = view["figures"]
    summary = [
        ["Samarbejde", str(run.collaboration)], ["Scenarie", run.scenario_name], ["Beregning", run.pk],
        ["Periode", f"{view['start_label']} – {view['end_label']}"], ["Kapacitet (K)", view["capacity_k"]],
        ["Kontrakter og udbud med planen (kr.)", f["contract_cost"]], ["Hver for sig (kr.)", f["baseline_cost"]],
        ["Besparelse på kontrakterne (kr.)", f["contract_savings"]],
        ["Besparelse på kontrakterne (%)", f["contract_savings_pct"]],
        ["Harmoniseringsgevinst (kr.)", f["harmonisation"]], ["Netto med planen (kr.)", f["net"]],
        ["Samlet besparelse inkl. harmonisering (kr.)", f["savings"]],
        ["Fællesudbud", s["joint_tenders"]], ["Egne udbud", s["solo_tenders"]],
        ["Løserstatus", s["status"]], ["Nedre grænse (kr.)", s["lower_bound"]], ["Gap", s["gap"]],
        ["Offentliggjort", "ja" if run.published else "nej"],
    ]
    members = [[m["code"], m["name"], *_figures(m["figures"])] for m in view["members"]]
    tenders = [[t["number"], t["category_name"], "fælles" if t["joint"] else "eget", t["start"],
                (t["preparation"] or {}).get("from", ""), (t["preparation"] or {}).get("to", ""),
                t["window_end"] if t["joint"] else "", len(t["participants"]), t["discount_pct"], t["tender_cost"],
                *_figures(t["figures"]), t["member_names"]]
               for t in view["tenders"]]
    participants = []
    for t in view["tenders"]:
        for p in t["participants"]:
            participants.append([t["number"], t["category_name"], p["municipality"], p["name"], p["contract_start"],
                                 p.get("expires", ""), p["tender_cost_share"], p["current_contract_cost"],
                                 p["new_contract_cost"], *_figures(p["figures"])])
    capacity = [[c["month"], c["count"], c["k"], c["tenders"]] for c in view["capacity"]]
    beyond = [[b["municipality"], b["name"], b["category_name"], b["product"], b["expires"]] for b in view["beyond"]]
    left_out = [[r["municipality"], r["name"], r["category_name"], r["contract_name"], r["reason"]]
                for r in run.left_out or []]
    sheets = [
        ("Overblik", ["Felt", "Værdi"], summary),
        ("Medlemmer", ["Kode", "Medlem", *FIGURE_HEADER], members),
        ("Udbud", ["Nr.", "Kategori", "Type", "Start", "Forberedelse fra", "Forberedelse til", "Vindue slut",
                   "Deltagere", "Rabat (%)", "Udbudsomkostning (kr.)", *FIGURE_HEADER, "Medlemmer"], tenders),
        ("Deltagere", ["Udbud", "Kategori", "Kode", "Medlem", "Ny kontrakt fra", "Udløber", "Andel af udbud (kr.)",
                       "Nuværende kontrakt (kr.)", "Ny kontrakt (kr.)", *FIGURE_HEADER], participants),
        ("Kapacitet", ["Måned", "I forberedelse", "Kapacitet", "Udbud"], capacity),
        ("Efter horisonten", ["Kode", "Medlem", "Kategori", "Produkt", "Udløber"], beyond),
        ("Udeladt", ["Kode", "Medlem", "Kategori", "Kontrakt", "Hvorfor"], left_out),
    ]
    if not insider:
        sheets = [sheet for sheet in sheets if sheet[0] not in ("Deltagere", "Udeladt")]
    return core_exports.xlsx_response(_filename(run, ""), sheets)


# --------------------------------------------------------------------------- PDF

LATIN1_REPLACEMENTS = {
    "\u2212": "-", "\u2013": "-", "\u2014": "-", "\u2026": "...", "\u2018": "'", "\u2019": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00a0": " ", "\u2192": "->", "\u2264": "<=", "\u2265": ">=",
    "\u2022": "*", "\u20ac": "EUR",
}


def latin1(text) -> str:
    text = str(text)
    for char, replacement in LATIN1_REPLACEMENTS.items():
        text = text.replace(char, replacement)
    return text.encode("latin-1", "replace").decode("latin-1")


def kr(value) -> str:
    if value is None:
        return ""
    text = f"{round(float(value)):,}".replace(",", ".")
    return f"{text} kr."


def pct(value, decimals=1) -> str:
    if value is None:
        return ""
    return f"{float(value):.{decimals}f} %".replace(".", ",")


class _Pdf:
    def __init__(self):
        from fpdf import FPDF

        self.pdf = FPDF(orientation="L", unit="mm", format="A4")
        self.pdf.set_auto_page_break(True, margin=14)
        self.unicode = os.path.exists(DEJAVU) and os.path.exists(DEJAVU_BOLD)
        if self.unicode:
            self.pdf.add_font("DejaVu", "", DEJAVU)
            self.pdf.add_font("DejaVu", "B", DEJAVU_BOLD)
            self.family = "DejaVu"
        else:
            self.family = "Helvetica"
        self.pdf.add_page()

    def text(self, value):
        return str(value) if self.unicode else latin1(value)

    def font(self, size, bold=False):
        self.pdf.set_font(self.family, "B" if bold else "", size)

    def heading(self, value, size=13):
        self.font(size, bold=True)
        self.pdf.ln(2)
        self.pdf.multi_cell(0, 7, self.text(value), new_x="LMARGIN", new_y="NEXT")
        self.font(9)

    def para(self, value):
        self.font(9)
        self.pdf.multi_cell(0, 5, self.text(value), new_x="LMARGIN", new_y="NEXT")

    def table(self, header, rows, widths, align=None):
        """A table whose cells wrap (names and member lists are never cut off); a row that does not
        fit on the page starts a new page, with the header again."""
        align = align or ["L"] * len(header)
        line = 4.5

        def head():
            self.font(8, bold=True)
            self._row(header, widths, ["L"] * len(header), line, border="B")
            self.font(8)

        head()
        for row in rows:
            height = line * max(len(self.lines(text, width)) for text, width in zip(row, widths, strict=True))
            if self.pdf.get_y() + height > self.pdf.h - 14:
                self.pdf.add_page()
                head()
            self._row(row, widths, align, line)

    def lines(self, text, width):
        return self.pdf.multi_cell(width, 4.5, self.text(text), dry_run=True, output="LINES") or [""]

    def _row(self, row, widths, align, line, border=0):
        top, left = self.pdf.get_y(), self.pdf.l_margin
        bottom = top
        x = left
        for text, width, a in zip(row, widths, align, strict=True):
            self.pdf.set_xy(x, top)
            self.pdf.multi_cell(width, line, self.text(text), border=border, align=a, new_x="RIGHT", new_y="TOP")
            bottom = max(bottom, top + line * len(self.lines(text, width)))
            x += width
        self.pdf.set_xy(left, bottom)
        self.pdf.ln(0.8)


def pdf(run) -> HttpResponse:
    view = plan_view(run)
    s = view["summary"]
    doc = _Pdf()
    doc.heading(f"Fælles udbudsplan for {run.collaboration.name}", 16)
    doc.para(
        f"Scenarie: {run.scenario_name} (beregning {run.pk}). Periode {view['start_label']} – {view['end_label']}. "
        f"Udskrevet {short_date(timezone.localtime())}." + (" Offentliggjort som samarbejdets plan." if run.published else "")
    )
    f = view["figures"]
    doc.heading("Kort fortalt")
    doc.para(
        f"Med planen koster kontrakter og udbud {kr(f['contract_cost'])} i perioden mod {kr(f['baseline_cost'])}, "
        f"hvis hver kommune udbyder alene, når kontrakten udløber: en besparelse på kontrakterne på "
        f"{kr(f['contract_savings'])} ({pct(f['contract_savings_pct'])}). Dertil kommer en harmoniseringsgevinst "
        f"på {kr(f['harmonisation'])} (fælles drift, support og konfiguration, når fællesudbuddets medlemmer "
        f"bruger samme system), i alt {kr(f['savings'])}. "
        f"Planen har {s['joint_tenders']} fællesudbud og {s['solo_tenders']} egne udbud; "
        f"sekretariatet forbereder højst {s['peak_joint_tenders_in_preparation']} fællesudbud ad gangen "
        f"(kapacitet {view['capacity_k']})."
        + (" Intet medlem stilles dårligere end ved at gå alene." if run.instance.get("individual_rationality", True)
           else "")
    )
    doc.para(f"Bilag 1 viser de {s['joint_tenders']} fællesudbud med deres medlemmer"
             + (", bilag 2 kontrakterne efter horisonten." if view["beyond"] else "."))
    doc.heading("Hvad hvert medlem sparer")
    doc.table(
        ["Medlem", "Kontrakter og udbud", "Hver for sig", "Besparelse på kontrakter", "%", "Harmonisering", "Netto"],
        [[m["name"], kr(m["figures"]["contract_cost"]), kr(m["figures"]["baseline_cost"]),
          kr(m["figures"]["contract_savings"]), pct(m["figures"]["contract_savings_pct"]),
          kr(m["figures"]["harmonisation"]), kr(m["figures"]["net"])]
         for m in view["members"]],
        [62, 38, 38, 42, 18, 36, 36], ["L", "R", "R", "R", "R", "R", "R"],
    )
    doc.heading("Sådan er planen regnet")
    doc.para(
        "Omkostningerne følger digisams udbudsplanmodel: udbudsomkostning, nuværende kontrakt indtil skiftet "
        "(med eventuel forlængelse eller tidlig udtræden), ny kontrakt til horisonten med mængderabat og "
        "harmoniseringsgevinst ved fællesudbud. Planen er kontrolleret af en uafhængig evaluator. "
        f"Løserstatus: {s['status']}" + (f", gap til nedre grænse {pct((s['gap'] or 0) * 100, 2)}." if s["gap"] is not None else ".")
    )
    # the long lists in an appendix: the summary and the members' figures come first
    doc.pdf.add_page()
    doc.heading("Bilag 1: Fællesudbud og deres medlemmer", 14)
    rows = []
    for t in view["joint_tenders"]:
        rows.append([f"{t['number']}", t["category_name"], t["preparation_label"], t["window_label"],
                     ", ".join(f"{p['name']} ({p['switch_label']})" for p in t["participants"]),
                     kr(t["figures"]["contract_savings"])])
    doc.table(["Nr.", "Kategori", "Forberedelse", "Tildelingsvindue", "Medlemmer (ny kontrakt fra)", "Besparelse på kontrakter"],
              rows or [["", "Ingen fællesudbud", "", "", "", ""]], [12, 45, 42, 42, 105, 30],
              ["L", "L", "L", "L", "L", "R"])
    if view["beyond"]:
        doc.heading("Bilag 2: Kontrakter, der udløber efter horisonten", 14)
        doc.table(["Medlem", "Kategori", "Udløber"],
                  [[b["name"], b["category_name"], b["expires_label"]] for b in view["beyond"]], [80, 80, 40])
    buffer = io.BytesIO(bytes(doc.pdf.output()))
    response = HttpResponse(buffer.getvalue(), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_filename(run, ".pdf")}"'
    return response
