"""Nordsjællands Digitaliseringssamarbejde — 004: seven municipalities (Fredensborg,
Frederikssund, Halsnæs, Helsingør, Hillerød, Hørsholm, Gribskov), non-binding agreement
(no forening, no §60), talks since spring 2016 for seven months; steering group ≈ board,
meets monthly, chair rotates one year at a time (Helsingør chairs until September 2017);
working groups report to the steering group; first working group (Støttesystemer) set up
1 October (2016); the municipal directors gave the green light; opt in/out per project.
"""

from datetime import date

from digisam.demo.schema import DemoBody, DemoCollaboration, DemoMember, DemoRule, DemoSeat

# Compact hand-written data; keep the one-line seat/member style.
# fmt: off

COLLABORATION = DemoCollaboration(
    slug="nordsjaelland",
    name="Nordsjællands Digitaliseringssamarbejde",
    short_name="Nordsjælland",
    purposes=["procurement", "implementation", "business_development"],
    organisation_form="written_agreement",
    founded=date(2016, 10, 1),  # 004: drøftelser fra foråret 2016 i syv måneder; dag antaget
    description=(
        "Syv nordsjællandske kommuner med tilsammen 290.000 indbyggere har indgået et ikke-forpligtende samarbejde om systemindkøb, "
        "standarder og velfærdsteknologi. Kommunerne lægger deres ressourcer sammen og sætter det bedste hold til en given opgave uden "
        "at stifte en forening eller et §60-selskab. Det er op til den enkelte kommune at sige til eller fra i hvert enkelt projekt."
    ),
    open_to_newcomers=False,
    members=[
        DemoMember(code=code, joined=date(2016, 10, 1))
        for code in ["210", "250", "260", "217", "219", "223", "270"]
    ],
    bodies=[
        DemoBody(
            key="direktoerer", kind="directors_circle", name="Kommunaldirektørerne",
            meeting_frequency="Efter behov (antaget)",
        ),
        DemoBody(
            # 004: Helsingør har formandskabet frem til september 2017; resten af rækkefølgen antaget.
            key="styregruppe", kind="steering_group", name="Styregruppen", reports_to="direktoerer",
            meeting_frequency="Månedligt", chair_rotation="yearly",
            rotation_order=["217", "219", "210", "223", "270", "250", "260"], rotation_start=date(2016, 10, 1),
            seats=[
                DemoSeat(person="Rikke Holmsted", title="Centerchef, Borgerservice, IT og Digitalisering", code="217", role="chair", start=date(2016, 10, 1)),
                DemoSeat(person="Troels Winding", title="Leder af Digitalisering og IKT-drift", code="219", start=date(2016, 10, 1)),
                DemoSeat(person="Henriette Bondesen", title="It-chef", code="210", start=date(2016, 10, 1)),
                DemoSeat(person="Jannik Rosenkilde", title="Digitaliseringschef", code="223", start=date(2016, 10, 1)),
                DemoSeat(person="Birgit Svanholm", title="It-chef", code="270", start=date(2016, 10, 1)),
                DemoSeat(person="Asger Møllebro", title="Digitaliseringschef", code="250", start=date(2016, 10, 1)),
                DemoSeat(person="Connie Lerdrup", title="It- og digitaliseringschef", code="260", start=date(2016, 10, 1)),
            ],
        ),
        DemoBody(
            key="stoettesystemer", kind="working_group", name="Arbejdsgruppen for Støttesystemer",
            reports_to="styregruppe", meeting_frequency="Hver 14. dag (antaget)",
            seats=[
                DemoSeat(person="Troels Winding", title="Leder af Digitalisering og IKT-drift", code="219", role="chair", start=date(2016, 10, 1)),
                DemoSeat(person="Pernille Aastrup Friis", title="Projektleder", code="250", start=date(2016, 10, 1)),
            ],
        ),
    ],
    rules=[
        DemoRule(
            body="styregruppe", decision_type="voluntary_project", majority="simple", escalation_body="direktoerer",
            description=(
                "004: Det er op til den enkelte kommune at kunne sige fra eller sige til i hvert enkelt projekt – der er ikke tvang. "
                "Beslutningsregel i styregruppen ikke beskrevet; flertal antaget."
            ),
        ),
        DemoRule(
            body="styregruppe", decision_type="general", majority="simple", quorum_fraction="1/2", quorum_minimum=4,
            escalation_body="direktoerer",
            description=(
                "004: Styregruppen svarer til en bestyrelse i en forening og mødes månedligt; arbejdsgrupperne rapporterer til den. "
                "Flertal og beslutningsdygtighed antaget."
            ),
        ),
    ],  # 004 beskriver ingen finansieringsmodel
)
