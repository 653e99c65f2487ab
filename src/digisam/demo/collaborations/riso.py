"""RISO — 002 §2.1 (Udviklingsfællesskabet Ringsted-Sorø): shared program leader Aug 2013,
oral agreement between the two direktioner, joint director meetings, a steering group
of IT/digitalisation chiefs, three joint units (Stab → Sorø, Data og Sikkerhed →
Ringsted, Projektenhed with group leader from Sorø); costs: hire in one municipality,
no longer inter-municipal settlement.
"""

from datetime import date

from digisam.demo.schema import DemoBody, DemoCollaboration, DemoMember, DemoRule, DemoSeat

# Compact hand-written data; keep the one-line seat/member style.
# fmt: off

COLLABORATION = DemoCollaboration(
    slug="riso",
    name="Udviklingsfællesskabet Ringsted-Sorø (RISO)",
    short_name="RISO",
    purposes=["implementation", "procurement", "business_development"],
    organisation_form="oral_agreement",
    founded=date(2013, 8, 1),  # 002 §2.1: fælles programleder ansat august 2013
    description=(
        "Sorø og Ringsted kommuner deles om specialistkompetencer for at kunne håndtere monopolbrud, rammearkitektur og det nye "
        "it-paradigme. Samarbejdet begyndte med en fælles programleder i 2013 og er vokset til fælles anskaffelser og "
        "implementeringer. Grundlaget er en mundtlig aftale mellem de to direktioner."
    ),
    open_to_newcomers=False,
    published=False,  # demo: et eksempel på et upubliceret samarbejde
    members=[
        DemoMember(code="329", joined=date(2013, 8, 1)),
        DemoMember(code="340", joined=date(2013, 8, 1)),
    ],
    bodies=[
        DemoBody(
            key="direktion", kind="directors_circle", name="Fælles direktionsmøde",
            meeting_frequency="Et par gange årligt (antaget)",
            seats=[
                DemoSeat(person="Lone Bjerregaard", title="Kommunaldirektør", code="329", role="chair", start=date(2013, 8, 1)),
                DemoSeat(person="Jens Ulrik Højgaard", title="Kommunaldirektør", code="340", start=date(2013, 8, 1)),
            ],
        ),
        DemoBody(
            key="styregruppe", kind="steering_group", name="Fælles styregruppe (it- og digitaliseringschefer)",
            reports_to="direktion", meeting_frequency="Månedligt (antaget)",
            seats=[
                DemoSeat(person="Mikkel Vestergaard Juul", title="It- og digitaliseringschef", code="340", role="chair", start=date(2013, 8, 1)),
                DemoSeat(person="Hanne Lykkegaard", title="It- og digitaliseringschef", code="329", start=date(2013, 8, 1)),
            ],
        ),
        DemoBody(
            key="stab", kind="working_group", name="Stab (kontraktstyring, PMO, økonomi)", reports_to="styregruppe",
            meeting_frequency="Ugentligt (antaget)",
            seats=[
                DemoSeat(person="Rikke Damgaard", title="Kontraktstyringsekspert", code="340", role="chair", start=date(2014, 1, 1)),
            ],
        ),
        DemoBody(
            key="data_sikkerhed", kind="working_group", name="Data og Sikkerhed", reports_to="styregruppe",
            meeting_frequency="Ugentligt (antaget)",
            seats=[
                DemoSeat(person="Torben Lauritsen", title="Teamleder, data og GIS", code="329", role="chair", start=date(2014, 1, 1)),
            ],
        ),
        DemoBody(
            key="projektenhed", kind="working_group", name="Fælles projektenhed", reports_to="styregruppe",
            meeting_frequency="Ugentligt (antaget)",
            seats=[
                DemoSeat(person="Camilla Brask Nørgaard", title="Gruppeleder", code="340", role="chair", start=date(2014, 1, 1)),
            ],
        ),
    ],
    rules=[
        DemoRule(
            body="direktion", decision_type="general", majority="unanimity", quorum_minimum=2, veto=True,
            description=(
                "002 §2.1: Fælles direktionsmøder træffer de overordnede beslutninger; aftalen er mundtlig mellem to parter, så "
                "beslutninger kræver enighed (antaget)."
            ),
        ),
        DemoRule(
            body="styregruppe", decision_type="voluntary_project", majority="unanimity", quorum_minimum=2, veto=True,
            escalation_body="direktion",
            description=(
                "002 §2.1: Nationale og obligatoriske initiativer indgår ikke automatisk – det beror på en konkret vurdering; uenighed "
                "løftes til direktionerne (antaget)."
            ),
        ),
    ],
    fee_model=(
        "Kompetencer ansættes i én af kommunerne; oprindeligt mellemkommunal afregning (Sorø afholdt lønnen), nu ingen afregning – "
        "regnskabet skal gå nogenlunde op over tid."
    ),
)
