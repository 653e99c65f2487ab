"""4K — 002 §2.6: Gentofte, Gladsaxe, Lyngby-Taarbæk, Rudersdal; formalised in 2009 by the four
municipal directors (oral agreement, quarterly steering-group meetings); projects led on
director level; welfare-tech pool of 2–4 mio. kr. per municipality; opt-out per project,
repeated withdrawal raised at the directors' meeting (self-regulating); secretariat cost
split in four.
"""

from datetime import date

from digisam.demo.schema import DemoBody, DemoCollaboration, DemoMember, DemoRule, DemoSeat

# Compact hand-written data; keep the one-line seat/member style.
# fmt: off

COLLABORATION = DemoCollaboration(
    slug="4k",
    name="4K-samarbejdet – forretningsdrevet udvikling i Nordsjælland",
    short_name="4K",
    purposes=["business_development"],
    organisation_form="oral_agreement",
    founded=date(2009, 1, 1),  # 002 §2.6: formaliseret i 2009; dag antaget
    description=(
        "Gentofte, Gladsaxe, Lyngby-Taarbæk og Rudersdal kommuner har et forretningsdrevet udviklingssamarbejde med et omfattende "
        "afledt samarbejde om it og digitalisering. Samarbejdet bygger på en mundtlig aftale mellem de fire kommunaldirektører og har "
        "en projektportefølje på flere hundrede projekter, fx velfærdsteknologi, byggesagsbehandling og den digitale "
        "lærerarbejdsplads."
    ),
    open_to_newcomers=False,  # 002 §2.6: 3-5 kommuner vurderes som det rigtige antal
    members=[
        DemoMember(code=code, joined=date(2009, 1, 1))
        for code in ["157", "159", "173", "230"]
    ],
    bodies=[
        DemoBody(
            key="styregruppe", kind="steering_group", name="Styregruppen (de fire kommunaldirektører)",
            meeting_frequency="Kvartalsvis",
            seats=[
                DemoSeat(person="Bjarne Hauge Kristiansen", title="Kommunaldirektør", code="157", start=date(2009, 1, 1)),
                DemoSeat(person="Pia Marstrand", title="Kommunaldirektør", code="159", start=date(2012, 3, 1)),
                DemoSeat(person="Claus Engstrøm", title="Kommunaldirektør", code="173", start=date(2013, 9, 1)),
                DemoSeat(person="Helle Rønnow", title="Kommunaldirektør", code="230", start=date(2014, 6, 1)),
            ],
        ),
        DemoBody(
            key="velfaerdsteknologi", kind="working_group", name="Programmet for velfærdsteknologi",
            reports_to="styregruppe", meeting_frequency="Månedligt (antaget)",
            seats=[
                DemoSeat(person="Ulla Kirstein", title="Social- og sundhedsdirektør", code="230", role="chair", start=date(2014, 1, 1)),
            ],
        ),
        DemoBody(
            key="byggesag", kind="working_group", name="Byggesagsbehandlingscenter uden vægge",
            reports_to="styregruppe", meeting_frequency="Månedligt (antaget)",
            seats=[
                DemoSeat(person="Frederik Sandholt", title="Teknisk direktør", code="159", role="chair", start=date(2015, 1, 1)),
            ],
        ),
    ],
    rules=[
        DemoRule(
            body="styregruppe", decision_type="voluntary_project", majority="simple",
            description=(
                "002 §2.6: Styregruppen beslutter, om projekter iværksættes. Udgangspunktet er, at alle fire deltager, men én kommune "
                "kan fravælge et konkret projekt; gentagne fravalg italesættes på kommunaldirektørmøderne (selvregulerende)."
            ),
        ),
        DemoRule(
            body="styregruppe", decision_type="budget", majority="unanimity", quorum_minimum=4, veto=True,
            description=(
                "002 §2.6: Puljen til velfærdsteknologi udmøntes ved, at et projekt godkendes af de fire kommunaldirektører."
            ),
        ),
    ],
    fee_model=(
        "Deltagelse finansieres af den almindelige driftsbevilling; almindelig projektdeltagelse afregnes ikke. Dedikerede "
        "sekretariater deles i fire lige store dele med én årlig faktura, og hver kommune afsætter 2-4 mio. kr. til puljen for "
        "velfærdsteknologi (002 §2.6)."
    ),
)
