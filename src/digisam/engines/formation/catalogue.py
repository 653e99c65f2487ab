"""The KL/Devoteam catalogue of municipal IT collaborations (seed 002) as data: §3 the four
purposes and the need that points to each, §4 the four forms and what each can hold, §5.1 the
recommended combinations and their primary development potential; the needs an answer may name
and the forms' Danish labels."""

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

FORM_LABELS = {
    "oral_agreement": "En mundtlig aftale", "written_agreement": "En skriftlig aftale",
    "association": "En forening", "section60_company": "Et §60-selskab",
}
