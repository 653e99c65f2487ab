"""Den Digitale Landevej — 002 §2.9: Esbjerg, Vejen, Aabenraa, Varde, Odense; Sygehus Lillebælt,
Sygehus Sønderjylland, Sydvestjysk Sygehus, OUH, Psykiatrien, Region Syddanmark, Next Step
Citizen. OPI agreement (2013) + sundhedsaftalen. Steering group: one rep. from the
municipalities, one from the region, one from Next Step Citizen; chair shared by Region
Syddanmark and Esbjerg; forretningsudvalg of the five municipalities; project leader from
Syddansk Sundhedsinnovation. ~1 mio. kr. per municipality, ~5 mio. kr. from the region.
"""

from datetime import date

from digisam.demo.schema import DemoBody, DemoCollaboration, DemoMember, DemoRule, DemoSeat

# Compact hand-written data; keep the one-line seat/member style.
# fmt: off

COLLABORATION = DemoCollaboration(
    slug="digitale-landevej",
    name="Den Digitale Landevej",
    short_name="Den Digitale Landevej",
    purposes=["business_development", "procurement"],
    organisation_form="opi_agreement",
    founded=date(2013, 1, 1),  # 002 §2.9: overgik til OPI-samarbejde i 2013; dag antaget
    description=(
        "Den Digitale Landevej er et tværsektorielt projekt mellem fem syddanske kommuner, Region Syddanmark, sygehusene og den "
        "private part Next Step Citizen. Formålet er en digital infrastruktur, der gør det muligt for alle borgere i regionen at få "
        "gavn af digitale borgerløsninger på sundhedsområdet. Aftalegrundlaget er en åben OPI-aftale og sundhedsaftalen."
    ),
    open_to_newcomers=False,
    published=True,
    # Kilden nævner alle fem kommuner og alle partnere, så der er intet udsnit.
    members=[
        DemoMember(code="561", joined=date(2012, 1, 1)),
        *[
            DemoMember(code=code, joined=date(2013, 1, 1))
            for code in ["575", "580", "573", "461"]
        ],
        DemoMember(organisation="region_syddanmark", role="partner", joined=date(2013, 1, 1)),
        *[
            DemoMember(organisation=org, role="partner", joined=date(2013, 1, 1))
            for org in ["sygehus_lillebaelt", "sygehus_soenderjylland", "sydvestjysk_sygehus", "ouh", "psykiatrien_syd"]
        ],
        DemoMember(organisation="next_step_citizen", role="vendor_partner", joined=date(2012, 1, 1)),
    ],
    bodies=[
        DemoBody(
            key="styregruppe", kind="steering_group", name="Styregruppen", meeting_frequency="Månedligt (antaget)",
            seats=[
                # Delt formandskab mellem Region Syddanmark og Esbjerg Kommune (002 §2.9).
                DemoSeat(person="Birthe Lund Hemmingsen", title="Sundhedsdirektør, Region Syddanmark", role="chair", start=date(2013, 1, 1)),
                DemoSeat(person="Ib Kragelund", title="Direktør, kommunernes repræsentant", code="561", role="vice_chair", start=date(2013, 1, 1)),
                DemoSeat(person="Rune Falkenberg", title="Direktør, Next Step Citizen", start=date(2013, 1, 1)),
            ],
        ),
        DemoBody(
            key="forretningsudvalg", kind="working_group", name="Forretningsudvalget (de fem kommuner)",
            reports_to="styregruppe", meeting_frequency="Månedligt (antaget)",
            seats=[
                DemoSeat(person="Ib Kragelund", title="Direktør", code="561", role="chair", start=date(2013, 1, 1)),
                DemoSeat(person="Merete Vognsen", title="Sundhedschef", code="575", start=date(2013, 1, 1)),
                DemoSeat(person="Hans Jørgen Tange", title="Sundhedschef", code="580", start=date(2013, 1, 1)),
                DemoSeat(person="Annemette Sloth", title="Sundhedschef", code="573", start=date(2013, 1, 1)),
                DemoSeat(person="Kristoffer Bang", title="Velfærdsteknologichef", code="461", start=date(2013, 1, 1)),
            ],
        ),
        DemoBody(
            key="projektledelse", kind="secretariat", name="Projektledelsen (Syddansk Sundhedsinnovation)",
            reports_to="styregruppe", meeting_frequency="Løbende",
            seats=[
                DemoSeat(person="Josefine Kæstel", title="Projektleder", role="secretary", start=date(2013, 1, 1)),
            ],
        ),
    ],
    rules=[
        DemoRule(
            body="styregruppe", decision_type="general", majority="simple",
            description=(
                "002 §2.9.5: Styregruppen (én repræsentant fra kommunerne, én fra regionen og én fra Next Step Citizen) træffer "
                "hovedparten af beslutningerne. Stemmeregel ikke beskrevet; flertal antaget."
            ),
        ),
        DemoRule(
            body="styregruppe", decision_type="gate", majority="unanimity", veto=True,
            description=(
                "002 §2.9: Samarbejdet leder frem til en fælles anskaffelse af infrastrukturen; igangsætning af udbuddet (forventet 3. "
                "kvartal) behandles som et GO / no-GO-punkt (antaget)."
            ),
        ),
    ],
    fee_model=(
        "Hver kommune bidrager med ca. 1 mio. kr. og med arbejdskraft; Region Syddanmark har afsat ca. 5 mio. kr., herunder til "
        "projektledelsen (002 §2.9)."
    ),
)
