"""Digitaliseringsforeningen på Sjælland — 002 §2.3: eleven members named; association with
statutes under review by Statsforvaltningen; annual general assembly, one vote per member,
simple majority as main rule; board of three elected for three years; a direktion of three
IT/digitalisation chiefs leading a permanent secretariat; budget per inhabitant.
"""

from datetime import date

from digisam.demo.schema import DemoBody, DemoCollaboration, DemoMember, DemoRule, DemoSeat

# Compact hand-written data; keep the one-line seat/member style.
# fmt: off

COLLABORATION = DemoCollaboration(
    slug="sjaelland",
    name="Digitaliseringsforeningen på Sjælland",
    short_name="Digitaliseringsforeningen",
    purposes=["procurement", "implementation"],
    organisation_form="association",
    # Stiftelsesdato fra titlen på et relateret dokument i 002 ("stiftelse af foreningen d.
    # 17. marts 2016"); kataloget selv siger, at foreningen endnu ikke var formelt stiftet.
    founded=date(2016, 3, 17),
    description=(
        "Elleve sjællandske kommuner har dannet Digitaliseringsforeningen på Sjælland for at samarbejde om nationale "
        "digitaliseringsinitiativer, kompetencedeling samt anskaffelse og implementering af fagsystemer. Foreningen er reguleret af "
        "vedtægter, uden at kommunalbestyrelserne afgiver formel kompetence. Målet er harmonisering af kommunernes it-systemer på "
        "basis af en fælles digitaliseringsstrategi og fælles projekter."
    ),
    members=[
        DemoMember(code=code, joined=date(2016, 3, 17))
        for code in ["253", "376", "316", "326", "259", "350", "390", "370", "306", "265", "330"]
    ],
    bodies=[
        DemoBody(
            key="generalforsamling", kind="general_assembly", name="Generalforsamlingen",
            meeting_frequency="Årligt (ordinær generalforsamling)",
            seats=[
                DemoSeat(person="Ole Rasmussen Bjørn", title="Dirigent, kommunaldirektør", code="259", role="chair", start=date(2016, 3, 17)),
            ],
        ),
        DemoBody(
            key="bestyrelse", kind="board", name="Bestyrelsen", reports_to="generalforsamling",
            meeting_frequency="Kvartalsvis (antaget)",
            seats=[
                DemoSeat(person="Gitte Halkjær", title="Kommunaldirektør", code="265", role="chair", start=date(2016, 3, 17)),
                DemoSeat(person="Bent Overgaard", title="Kommunaldirektør", code="376", role="vice_chair", start=date(2016, 3, 17)),
                DemoSeat(person="Susanne Krogh Madsen", title="Kommunaldirektør", code="316", start=date(2016, 3, 17)),
            ],
        ),
        DemoBody(
            key="direktion", kind="steering_group", name="Direktionen (tre it- og digitaliseringschefer)",
            reports_to="bestyrelse", meeting_frequency="Hver 14. dag (antaget)",
            seats=[
                DemoSeat(person="Jakob Frandsen", title="It- og digitaliseringschef", code="330", role="chair", start=date(2016, 3, 17)),
                DemoSeat(person="Maria Schou Lindberg", title="Digitaliseringschef", code="253", start=date(2016, 3, 17)),
                DemoSeat(person="Henrik Dalsgaard", title="It-chef", code="370", start=date(2016, 3, 17)),
            ],
        ),
        DemoBody(
            key="sekretariat", kind="secretariat", name="Sekretariatet", reports_to="direktion",
            meeting_frequency="Løbende",
            seats=[
                DemoSeat(person="Line Vestergaard Holm", title="Sekretariatschef", role="secretary", start=date(2016, 6, 1)),
            ],
        ),
    ],
    rules=[
        DemoRule(
            body="generalforsamling", decision_type="general", majority="simple",
            description=(
                "002 §2.3: Hvert medlem har en stemme på generalforsamlingen, og der træffes som hovedregel beslutning ved simpelt "
                "flertal."
            ),
        ),
        DemoRule(
            body="generalforsamling", decision_type="budget", majority="simple",
            description=(
                "002 §2.3: Efter generalforsamlingen lægges et budget for et år ad gangen, som fordeles pr. indbygger (fast "
                "sekretariatsudgift + variabel del efter projektporteføljen)."
            ),
        ),
    ],
    fee_model=(
        "Årligt budget fordelt pr. indbygger: en fast del til sekretariatet og en variabel del efter årets projektportefølje; "
        "medlemmerne betaler et års medlemskab forud (002 §2.3)."
    ),
)
