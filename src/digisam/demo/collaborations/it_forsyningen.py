"""IT-Forsyningen — 002 §2.7: §60 company (I/S) of Ballerup, Egedal, Furesø, founded 1 July
2013; board of three (one per kommunalbestyrelse, from the direktioner); samarbejdskreds of
økonomichefer + director; CSI forum; statutes/budget/new members need all three councils
(and Statsforvaltningen for statutes); fees by FTE, workstations, add-ons.
"""

from datetime import date

from digisam.demo.schema import DemoBody, DemoCollaboration, DemoMember, DemoRule, DemoSeat

# Compact hand-written data; keep the one-line seat/member style.
# fmt: off

COLLABORATION = DemoCollaboration(
    slug="it-forsyningen",
    name="IT-Forsyningen I/S",
    short_name="IT-Forsyningen",
    purposes=["operations_support"],
    organisation_form="section60_company",
    founded=date(2013, 7, 1),  # 002 §2.7: interessentskabet stiftet 1. juli 2013
    description=(
        "Ballerup, Egedal og Furesø kommuner har stiftet IT-Forsyningen I/S, et §60-selskab, der varetager it-service, drift og "
        "support for de tre kommuner, herunder infrastruktur, teknisk sikkerhed og indkøb af it-udstyr. Business casen viste knap 6 "
        "mio. kr. i årlig besparelse for en investering på godt 12 mio. kr.; i praksis kostede etableringen ca. 9 mio. kr., og fem "
        "årsværk var reduceret efter ét år."
    ),
    open_to_newcomers=True,  # kræver godkendelse, vedtægtsændring og en business case
    members=[
        DemoMember(code=code, joined=date(2013, 7, 1))
        for code in ["151", "240", "190"]
    ],
    bodies=[
        DemoBody(
            key="bestyrelse", kind="board", name="Bestyrelsen", meeting_frequency="Kvartalsvis (antaget)",
            seats=[
                DemoSeat(person="Annette Borup", title="Direktør", code="151", role="chair", start=date(2013, 7, 1)),
                DemoSeat(person="Steen Mølholm", title="Direktør", code="240", start=date(2013, 7, 1)),
                DemoSeat(person="Karina Lundbæk", title="Direktør", code="190", start=date(2013, 7, 1)),
            ],
        ),
        DemoBody(
            key="samarbejdskreds", kind="steering_group",
            name="Samarbejdskredsen (økonomichefer og IT-Forsyningens direktør)", reports_to="bestyrelse",
            meeting_frequency="Månedligt (antaget)",
            seats=[
                DemoSeat(person="Jørgen Aakjær", title="Direktør, IT-Forsyningen", role="secretary", start=date(2014, 1, 1)),
                DemoSeat(person="Lisbeth Haugaard", title="Økonomichef", code="151", role="chair", start=date(2014, 6, 1)),
                DemoSeat(person="Brian Kofoed", title="Økonomichef", code="240", start=date(2014, 6, 1)),
                DemoSeat(person="Nanna Riis Pallesen", title="Økonomichef", code="190", start=date(2014, 6, 1)),
            ],
        ),
        DemoBody(
            key="csi_forum", kind="working_group", name="CSI-forum (Continual Service Improvement)",
            reports_to="samarbejdskreds", meeting_frequency="Månedligt (antaget)",
            seats=[
                DemoSeat(person="Allan Strøm", title="Servicechef, IT-Forsyningen", role="chair", start=date(2014, 6, 1)),
                DemoSeat(person="Dennis Korsgaard", title="It- og digitaliseringschef", code="190", start=date(2014, 6, 1)),
            ],
        ),
    ] + [
        DemoBody(
            key=f"kb_{code}", kind="strategic_forum", name=f"Kommunalbestyrelsen, {name}", member_code=code,
            meeting_frequency="Månedligt",
        )
        for code, name in [("151", "Ballerup"), ("240", "Egedal"), ("190", "Furesø")]
    ],
    rules=[
        DemoRule(
            body="bestyrelse", decision_type="budget", majority="unanimity", quorum_minimum=3, veto=True,
            description=(
                "002 §2.7: Bestyrelsen indstiller års- og udviklingsplan, budget og regnskab til de tre kommunalbestyrelser til "
                "endelig beslutning; bestyrelsesmedlemmerne er underlagt kommunalbestyrelsernes instruktionsbeføjelser."
            ),
        ),
        DemoRule(
            body="bestyrelse", decision_type="statutes", majority="unanimity", quorum_minimum=3, veto=True,
            description=(
                "002 §2.7: Ændringer af vedtægterne skal godkendes politisk i de tre kommunalbestyrelser og af Statsforvaltningen."
            ),
        ),
        DemoRule(
            body="bestyrelse", decision_type="membership", majority="unanimity", quorum_minimum=3, veto=True,
            description=(
                "002 §2.7: Nye interessenter skal godkendes af Ballerup, Egedal og Furesø, kræver vedtægtsændring godkendt af "
                "Statsforvaltningen og en business case; de indgår på lige vilkår."
            ),
        ),
    ],
    fee_model=(
        "Basisydelser efter servicekataloget betales ratevis efter antal årsværk i kommunen; it-arbejdspladser af den bestillende "
        "interessent efter antal og type; tilkøb efter særskilt aftale (002 §2.7)."
    ),
)
