"""Advisor rules from the KL/Devoteam catalogue of municipal IT collaborations (seed 002).

§3 names four purposes and what each needs; §4 four forms with their competence, management,
secretariat and economy; §5.1 which combinations fit and their primary development potential.
`advise(answers)` scores every purpose × form pair against the municipalities' needs and
constraints; `contradictions(answers, form)` says why a chosen form cannot hold what the answers
require (formal competence handed over in an oral agreement, staff employed by an agreement, …)."""

from __future__ import annotations

from dataclasses import dataclass, field

#: purpose codes (as in collaborations.Purpose) → (need that points to it, strengths, challenges)
PURPOSES: dict[str, dict[str, str]] = {
    "implementation": {
        "need": "specialists",
        "strength": "Oplagt når kommunerne ikke kan tiltrække specialistkompetencer: bedre og billigere "
                    "implementeringer og sparede udgifter til nyansættelser.",
        "challenge": "Forudsætter at kommunerne faktisk afsætter de fornødne specialistkompetencer.",
    },
    "procurement": {
        "need": "buying_power",
        "strength": "Billigere it-systemer qua større indkøbsmagt og sparede ressourcer til selve "
                    "anskaffelsen; flere kommuner er en styrke.",
        "challenge": "Forudsætter at kommunerne forstår og kan agere på leverandørmarkedet.",
    },
    "operations_support": {
        "need": "scale",
        "strength": "Stordriftsfordele mens driften og kompetencerne bliver lokalt.",
        "challenge": "Kræver ensartet teknisk miljø og ensartet serviceniveau på hovedydelserne.",
    },
    "business_development": {
        "need": "innovation",
        "strength": "Tager udgangspunkt i forretningen, så it og digitalisering er et middel, ikke et mål.",
        "challenge": "Forudsætter modenhed og høj tillid; overser let rene it-udfordringer som mangel på "
                     "specialister.",
    },
}

#: form codes (as in collaborations.OrganisationForm) → what the form can hold (§4)
FORMS: dict[str, dict] = {
    "oral_agreement": {
        "competence": False, "staff": False, "legal_person": False, "max_members": 3,
        "strength": "Hurtig og ubureaukratisk; bygger på tillid mellem direktionerne.",
        "challenge": "Ingen formel ramme: svært at være forpligtende, og intet kan besluttes på "
                     "kommunernes vegne.",
    },
    "written_agreement": {
        "competence": False, "staff": False, "legal_person": False, "max_members": None,
        "strength": "Klar aftale om formål, organisering, økonomi og udtræden uden at afgive kompetence.",
        "challenge": "Personale ansættes i en af kommunerne og afregnes mellemkommunalt; ingen juridisk person.",
    },
    "association": {
        "competence": False, "staff": True, "legal_person": True, "max_members": None,
        "strength": "En let og ubureaukratisk ramme om fælles ressourcer og indkøb; kan ansætte personale "
                    "og indgå aftaler.",
        "challenge": "Kan ikke overtage kommunernes formelle kompetence; vedtægter og kontingent skal "
                     "vedtages af hver kommune.",
    },
    "section60_company": {
        "competence": True, "staff": True, "legal_person": True, "max_members": None,
        "strength": "Juridisk anerkendt ramme om drift; kommunerne kan overdrage opgaver og kompetence.",
        "challenge": "Kræver kommunalbestyrelsernes beslutning og tilsynets godkendelse; tungere at "
                     "etablere og ændre.",
    },
}

#: §5.1: the catalogue's recommended combinations and their primary development potential
RECOMMENDED: dict[tuple[str, str], str] = {
    ("operations_support", "section60_company"): "Lade selskabet stå for indkøb og bistå med implementering.",
    ("implementation", "association"): "Lade fælles implementeringer føre til samarbejder om bedste praksis "
                                       "for de faglige arbejdsgange.",
    ("procurement", "association"): "Samarbejde også om implementeringerne og dernæst bedste praksis for "
                                    "faglige arbejdsgange; evt. fælles udbud af it-drift.",
    ("business_development", "written_agreement"): "Systematisk blik på, hvordan samarbejdet kan afhjælpe "
                                                   "udfordringer inden for it og digitalisering.",
    ("business_development", "oral_agreement"): "Systematisk blik på, hvordan samarbejdet kan afhjælpe "
                                                "udfordringer inden for it og digitalisering.",
}

NEEDS = ("specialists", "buying_power", "scale", "innovation")


@dataclass(frozen=True)
class Answers:
    """What the municipalities need and what the collaboration must be able to do."""

    needs: frozenset[str] = frozenset()
    hand_over_competence: bool = False
    employ_staff: bool = False
    legal_person: bool = False
    members: int = 2

    def __post_init__(self):
        unknown = set(self.needs) - set(NEEDS)
        if unknown:
            raise ValueError(f"unknown needs: {sorted(unknown)}")
        if self.members < 2:
            raise ValueError("a collaboration has at least two members")


@dataclass(frozen=True)
class Contradiction:
    """Why `form` cannot hold one requirement of the answers (Danish, for the user)."""

    form: str
    requirement: str
    message: str


@dataclass(frozen=True)
class Combination:
    purpose: str
    form: str
    score: int
    recommended: bool
    potential: str
    strengths: tuple[str, ...]
    challenges: tuple[str, ...]


@dataclass(frozen=True)
class Recommendation:
    combinations: tuple[Combination, ...]
    excluded: tuple[Contradiction, ...] = field(default_factory=tuple)


FORM_LABELS = {
    "oral_agreement": "En mundtlig aftale", "written_agreement": "En skriftlig aftale",
    "association": "En forening", "section60_company": "Et §60-selskab",
}


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
