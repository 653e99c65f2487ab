"""Advisor rules from the KL/Devoteam catalogue of municipal IT collaborations (seed 002).

§3 names four purposes and what each needs; §4 four forms with their competence, management,
secretariat and economy; §5.1 which combinations fit and their primary development potential.
`advise(answers)` scores every purpose × form pair against the municipalities' needs and
constraints; `contradictions(answers, form)` says why a chosen form cannot hold what the answers
require (formal competence handed over in an oral agreement, staff employed by an agreement, …).
The catalogue itself is data in :mod:`~digisam.engines.formation.catalogue`."""

from __future__ import annotations

from .catalogue import FORM_LABELS, FORMS, PURPOSES, RECOMMENDED
from .model import Answers, Combination, Contradiction, Recommendation


def contradictions(answers: Answers, form: str) -> list[Contradiction]:
    """Every requirement of `answers` that `form` cannot hold, with the reason."""
    spec = FORMS.get(form)
    if spec is None:
        return [Contradiction(form, "form", f"Samarbejdsformen {form!r} indgår ikke i rådgiveren.")]
    label = FORM_LABELS[form]
    found = []
    if answers.hand_over_competence and not spec["competence"]:
        found.append(Contradiction(form, "hand_over_competence", (
            f"{label} kan ikke rumme formel kompetence: kommunerne kan kun overdrage opgaver og "
            "kompetence til et §60-selskab (interessentskab), og det kræver kommunalbestyrelsernes "
            "beslutning og tilsynets godkendelse.")))
    if answers.employ_staff and not spec["staff"]:
        found.append(Contradiction(form, "employ_staff", (
            f"{label} kan ikke ansætte personale: ved en aftale ansættes medarbejderne i en af "
            "kommunerne og afregnes mellemkommunalt. Vælg en forening eller et §60-selskab, hvis "
            "samarbejdet selv skal være arbejdsgiver.")))
    if answers.legal_person and not spec["legal_person"]:
        found.append(Contradiction(form, "legal_person", (
            f"{label} er ikke en juridisk person og kan ikke selv indgå kontrakter; vælg en forening "
            "eller et §60-selskab.")))
    if spec["max_members"] is not None and answers.members > spec["max_members"]:
        found.append(Contradiction(form, "members", (
            f"{label} bærer sjældent mere end {spec['max_members']} medlemmer: med {answers.members} "
            "kommuner er der brug for skrevne regler om beslutninger, økonomi og udtræden.")))
    return found


def advise(answers: Answers) -> Recommendation:
    """Every purpose × form pair the answers allow, best first. A purpose scores 3 when it answers a
    stated need; a pair the catalogue recommends (§5.1) scores 2 more; a lighter form scores 1 more
    when the answers need no more (the catalogue: formalise enough, avoid needless bureaucracy).
    Forms that contradict the answers are left out, with the reasons in `excluded`."""
    excluded: list[Contradiction] = []
    allowed = []
    for form in FORMS:
        found = contradictions(answers, form)
        if found:
            excluded.extend(found)
        else:
            allowed.append(form)
    lightness = {"oral_agreement": 3, "written_agreement": 2, "association": 1, "section60_company": 0}
    lightest = max((lightness[f] for f in allowed), default=0)
    combos = []
    for purpose, p in PURPOSES.items():
        if answers.needs and p["need"] not in answers.needs:
            continue
        for form in allowed:
            recommended = (purpose, form) in RECOMMENDED
            score = 3 + (2 if recommended else 0) + (1 if lightness[form] == lightest else 0)
            if purpose == "procurement" and answers.members >= 3:
                score += 1  # more members are a strength for joint procurement (§2 summary)
            combos.append(Combination(
                purpose=purpose, form=form, score=score, recommended=recommended,
                potential=RECOMMENDED.get((purpose, form), ""),
                strengths=(p["strength"], FORMS[form]["strength"]),
                challenges=(p["challenge"], FORMS[form]["challenge"]),
            ))
    combos.sort(key=lambda c: (-c.score, list(PURPOSES).index(c.purpose), list(FORMS).index(c.form)))
    return Recommendation(combinations=tuple(combos), excluded=tuple(excluded))
