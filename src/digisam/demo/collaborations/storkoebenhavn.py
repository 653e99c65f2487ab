"""Den Storkøbenhavnske Digitaliseringsforening — 002 §2.4: nine members named; one vote each
at the general assembly, majority, unanimity for mandatory (core) projects; one director per
municipality on the board; the nine IT chiefs + a shared programme leader form the
secretariat (1/9 recharge); equal fee; hours settlement; project key by population.
"""

from datetime import date

from digisam.demo.schema import DemoBody, DemoCollaboration, DemoMember, DemoRule, DemoSeat

# Compact hand-written data; keep the one-line seat/member style.
# fmt: off

COLLABORATION = DemoCollaboration(
    slug="storkoebenhavn",
    name="Den Storkøbenhavnske Digitaliseringsforening",
    short_name="Storkøbenhavn",
    purposes=["implementation", "procurement"],
    organisation_form="association",
    # 002 §2.4.5: stiftende generalforsamling "forventeligt i februar" (2016); dag antaget.
    founded=date(2016, 2, 1),
    description=(
        "Ni kommuner omkring København samarbejder om implementering af monopolbruddet og de øvrige nationale "
        "digitaliseringsinitiativer samt om kompetencedeling. Foreningen danner desuden en ramme for frivillige projekter, fx fælles "
        "anskaffelser af nye it-systemer. Målet er på fem år at have gennemført de obligatoriske projekter og skabt et sammenfald på "
        "50 pct. på de øvrige systemer."
    ),
    subset_label="",
    # 002 §2.4.5: erklæringen blev underskrevet af otte og senere tiltrådt af den niende;
    # kilden siger ikke hvem, så alle registreres fra den stiftende generalforsamling.
    members=[
        DemoMember(code=code, joined=date(2016, 2, 1))
        for code in ["165", "155", "161", "167", "169", "183", "175", "269", "187"]
    ],
    bodies=[
        DemoBody(
            key="generalforsamling", kind="general_assembly", name="Generalforsamlingen", meeting_frequency="Årligt",
            seats=[
                DemoSeat(person="Per Nyholm Aagaard", title="Dirigent", code="161", role="chair", start=date(2016, 2, 1)),
            ],
        ),
        DemoBody(
            key="bestyrelse", kind="board", name="Bestyrelsen (én direktør pr. kommune)",
            reports_to="generalforsamling", meeting_frequency="Kvartalsvis (antaget)",
            seats=[
                DemoSeat(person="Karen Bøgh Winther", title="Kommunaldirektør", code="165", role="chair", start=date(2016, 2, 1)),
                DemoSeat(person="Niels Ravn Østergaard", title="Kommunaldirektør", code="161", role="vice_chair", start=date(2016, 2, 1)),
                DemoSeat(person="Tina Holst Brøndum", title="Direktør", code="155", start=date(2016, 2, 1)),
                DemoSeat(person="Erik Smedegaard", title="Direktør", code="167", start=date(2016, 2, 1)),
                DemoSeat(person="Anja Kirkegaard", title="Direktør", code="169", start=date(2016, 2, 1)),
                DemoSeat(person="Morten Lindholm Falk", title="Direktør", code="183", start=date(2016, 2, 1)),
                DemoSeat(person="Charlotte Bruun Eskildsen", title="Direktør", code="175", start=date(2016, 2, 1)),
                DemoSeat(person="Lars Toft Iversen", title="Direktør", code="269", start=date(2016, 2, 1)),
                DemoSeat(person="Dorte Kallesøe", title="Direktør", code="187", start=date(2016, 2, 1)),
            ],
        ),
        DemoBody(
            key="sekretariat", kind="secretariat",
            name="Sekretariatet (de ni it- og digitaliseringschefer og fælles programleder)", reports_to="bestyrelse",
            meeting_frequency="Hver 14. dag (antaget)",
            seats=[
                DemoSeat(person="Jonas Weis Hedegaard", title="Fælles programleder", code="165", role="secretary", start=date(2016, 2, 1)),
                DemoSeat(person="Signe Mølgaard", title="It- og digitaliseringschef", code="161", role="chair", start=date(2016, 2, 1)),
                DemoSeat(person="Rasmus Thorup", title="It-chef", code="187", start=date(2016, 2, 1)),
            ],
        ),
    ],
    rules=[
        DemoRule(
            body="generalforsamling", decision_type="general", majority="simple",
            description="002 §2.4.5: Hver kommune har én stemme på generalforsamlingen, som træffer beslutning ved flertal.",
        ),
        DemoRule(
            body="generalforsamling", decision_type="mandatory_project", majority="unanimity", veto=True,
            description=(
                "002 §2.4.5: De obligatoriske projekter vedtages ved enighed; 002 §2.4: der skal være konsensus om kerneprojekter."
            ),
        ),
        DemoRule(
            body="generalforsamling", decision_type="voluntary_project", majority="simple",
            description=(
                "002 §2.4: Foreningen er ramme for frivillige projekter, som alle kommunerne kan tilslutte sig; hver kommune vælger "
                "til eller fra."
            ),
        ),
        DemoRule(
            body="generalforsamling", decision_type="budget", majority="simple",
            description="002 §2.4.5: Finansieringen og timesatsen for projektafregning fastsættes af generalforsamlingen.",
        ),
    ],
    fee_model=(
        "Lige stort kontingent pr. kommune til sekretariat og overhead; den fælles programleder afregnes med 1/9 til hver kommune. "
        "Projekter afregnes selvstændigt med indbyggertal som fordelingsnøgle; aftalte og erlagte timer honoreres med en timesats "
        "fastsat af generalforsamlingen, og kun differencen afregnes én gang årligt sammen med kontingentet (002 §2.4.5)."
    ),
)
