"""Exports of the competence pool: the analysis (needed vs available per competence and member)."""

from __future__ import annotations

from digisam.core.exports import xlsx_response


def analysis_xlsx(collaboration, year, data):
    organisations = data["organisations"]
    header = ["Kompetence", "Behov (timer)", "Til rådighed (timer)", "Mangler (timer)", "Personer",
              "Kun én person", "Kun ét medlem", *[o.name for o in organisations]]
    rows = [[r["competence"].name, float(r["balance"].needed), float(r["balance"].available),
             float(max(r["balance"].gap, 0)), r["balance"].people, "ja" if r["risk_person"] else "",
             "ja" if r["risk_member"] else "", *[float(v) for v in r["by_organisation"]]] for r in data["table"]]
    plan = [[a.action, a.competence.name if a.competence else "", a.owner,
             a.owner_organisation.name if a.owner_organisation else "", a.due.isoformat() if a.due else "",
             "ja" if a.done else "nej"] for a in data["plan"]]
    return xlsx_response(f"kompetencer-{collaboration.slug}-{year}", [
        ("Analyse", header, rows),
        ("Udviklingsplan", ["Handling", "Kompetence", "Ansvarlig", "Medlem", "Frist", "Udført"], plan),
    ])
