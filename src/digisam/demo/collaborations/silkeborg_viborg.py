"""Silkeborg–Viborg — 001 (beslutningsoplæg 1 April 2015: fælles digitaliseringsenhed,
the two strategic digitalisation fora, escalation via sagsredegørelse to the municipal
directors, three GO/no-GO points), 000 (web page: agreement based, 17 systems),
002 §2.2 (form undecided; alternating tasks without payment), 003 (scaled back Nov 2018:
voluntary; Koncernledelsen (Silkeborg) / Strategisk Lederforum (Viborg); IT chiefs meet
every 14 days). 002's related-documents list names the 2018 agreement "DigiMidt".
"""

from datetime import date

from digisam.demo.schema import DemoBody, DemoCollaboration, DemoMember, DemoRule, DemoSeat

# Compact hand-written data; keep the one-line seat/member style.
# fmt: off

COLLABORATION = DemoCollaboration(
    slug="silkeborg-viborg",
    name="Forretningsstrategisk it- og digitaliseringssamarbejde mellem Silkeborg og Viborg Kommuner",
    short_name="Silkeborg–Viborg (DigiMidt)",
    purposes=["procurement", "implementation", "business_development"],
    organisation_form="written_agreement",
    # 001/002 §2.2: direktionerne tiltrådte beslutningsoplægget i april 2015 (003 kalder
    # samarbejdet lanceret i 2014, hvor dialogen begyndte).
    founded=date(2015, 4, 1),
    description=(
        "Silkeborg og Viborg Kommuner har indledt et forretningsstrategisk samarbejde med afsæt i it og digitalisering. Alle udbud og "
        "indkøb på it-området koordineres, så kommunerne over tid konvergerer mod de samme it-løsninger – bl.a. 17 vigtige it-systemer "
        "gennem en fælles udbudsplan. I 2018 blev ambitionsniveauet skruet ned, og samarbejdet om konkrete projekter er nu frivilligt, "
        "hvor det giver mening."
    ),
    open_to_newcomers=False,  # 001: ikke åbnes for andre kommuner før rammerne er defineret
    members=[
        DemoMember(code="740", joined=date(2015, 4, 1)),
        DemoMember(code="791", joined=date(2015, 4, 1)),
    ],
    bodies=[
        DemoBody(
            key="direktoerer", kind="directors_circle", name="Kommunaldirektørerne",
            meeting_frequency="Årligt fælles direktionsmøde samt ved sagsredegørelser",
            seats=[
                DemoSeat(person="Birgitte Holmgaard", title="Kommunaldirektør", code="740", start=date(2015, 4, 1)),
                DemoSeat(person="Anders Kjeldgaard", title="Kommunaldirektør", code="791", start=date(2015, 4, 1)),
            ],
        ),
        DemoBody(
            key="forum_silkeborg", kind="strategic_forum",
            name="Strategisk digitaliseringsforum, Silkeborg (Koncernledelsen)", member_code="740",
            reports_to="direktoerer", meeting_frequency="Månedligt (antaget)",
            seats=[
                DemoSeat(person="Birgitte Holmgaard", title="Kommunaldirektør", code="740", role="chair", start=date(2015, 4, 1)),
                DemoSeat(person="Søren Bach Thygesen", title="Økonomidirektør", code="740", start=date(2015, 4, 1)),
            ],
        ),
        DemoBody(
            key="forum_viborg", kind="strategic_forum",
            name="Strategisk digitaliseringsforum, Viborg (Strategisk Lederforum)", member_code="791",
            reports_to="direktoerer", meeting_frequency="Månedligt (antaget)",
            seats=[
                DemoSeat(person="Anders Kjeldgaard", title="Kommunaldirektør", code="791", role="chair", start=date(2015, 4, 1)),
                DemoSeat(person="Louise Fogh Mikkelsen", title="Økonomidirektør", code="791", start=date(2015, 4, 1)),
            ],
        ),
        DemoBody(
            key="enhed", kind="secretariat", name="Fælles digitaliseringsenhed", reports_to="direktoerer",
            meeting_frequency="Hver 14. dag (it- og digitaliseringschefer, jf. 003)",
            seats=[
                DemoSeat(person="Kasper Vinther", title="It- og digitaliseringschef", code="740", start=date(2015, 4, 1)),
                DemoSeat(person="Mette Lundsgaard", title="It- og digitaliseringschef", code="791", start=date(2015, 4, 1)),
            ],
        ),
    ],
    rules=[
        DemoRule(
            body="forum_silkeborg", decision_type="general", majority="unanimity", veto=True,
            escalation_body="direktoerer",
            description=(
                "001: Beslutninger om digitaliseringsprojekter, -planer og -prioriteringer træffes i de strategiske "
                "digitaliseringsfora i Silkeborg og Viborg efter indstilling fra den fælles digitaliseringsenhed. Er de to fora uenige "
                "om gennemførelse (tidsramme, finansiering, bemanding), udarbejder enheden en sagsredegørelse, og kommunaldirektørerne "
                "træffer den endelige beslutning."
            ),
        ),
        DemoRule(
            body="forum_viborg", decision_type="general", majority="unanimity", veto=True,
            escalation_body="direktoerer",
            description="001: Samme regel som Silkeborgs forum – ved uenighed sagsredegørelse til kommunaldirektørerne.",
        ),
        DemoRule(
            body="direktoerer", decision_type="gate", majority="unanimity", quorum_minimum=2, veto=True,
            description=(
                "001: Tre GO / no-GO-beslutningspunkter – efter defineringsfasen (primo 2016), efter harmoniseringsfasen (primo 2017) "
                "og inden sammenlægning af it-organisationerne (medio 2017)."
            ),
        ),
        DemoRule(
            body="enhed", decision_type="voluntary_project", majority="unanimity", veto=True,
            escalation_body="direktoerer",
            description=(
                "003: Fra november 2018 er der ingen forpligtelse til at søge samarbejde om konkrete projekter hos den anden kommune; "
                "samarbejdet er rent frivilligt, 'hvor det giver mening'."
            ),
        ),
    ],
    fee_model=(
        "Ingen mellemkommunal betaling: kommunerne løser skiftevis opgaver – fx kører Viborg et udbud og ansætter en "
        "kontraktspecialist, mens Silkeborg tager en arkitekturopgave og ansætter en it-arkitekt (002 §2.2.6)."
    ),
)
