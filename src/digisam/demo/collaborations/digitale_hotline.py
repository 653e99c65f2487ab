"""Den Digitale Hotline — 002 §2.8: 30 municipalities in Region Midtjylland and Region
Nordjylland + 1 region; started 2012 by eight (Aarhus, Horsens, Randers and Silkeborg named
as initiators), all 19 Midt municipalities mid-2013, Nordjylland 2015. Representatives'
council (one per municipality) elects steering group for two years each autumn; project
management (2 half-time staff) as secretariat; kommunaldirektørkredsen is top authority
(2-3 meetings/year). Budget approved by the council; contributions by municipality size.
"""

from datetime import date

from digisam.demo.schema import DemoBody, DemoCollaboration, DemoMember, DemoRule, DemoSeat

# Compact hand-written data; keep the one-line seat/member style.
# fmt: off

COLLABORATION = DemoCollaboration(
    slug="digitale-hotline",
    name="Den Digitale Hotline Midt- og Nordjylland",
    short_name="Den Digitale Hotline",
    purposes=["operations_support"],
    organisation_form="association",
    founded=date(2012, 1, 1),  # 002 §2.8: etableret af otte midtjyske kommuner i 2012; dag antaget
    description=(
        "Den Digitale Hotline er en telefonservice for borgere, der har brug for hjælp til det digitale møde med det offentlige, fx "
        "NemID og selvbetjeningsløsninger. Samarbejdet er virtuelt: medarbejderne sidder i de enkelte kommuner og deles om "
        "henvendelserne på tværs af kommunegrænser, 60 timer om ugen. Foreningen har vedtægter med få paragraffer og bygger på tillid."
    ),
    subset_label="Demo: et plausibelt udsnit af de ca. 30 medlemskommuner og 1 region",
    members=[
        *[
            DemoMember(code=code, joined=date(2012, 1, 1))
            for code in ["751", "615", "730", "740"]  # initiativtagerne (002 §2.8)
        ],
        # Øvrige midtjyske kommuner tilsluttede sig medio 2013 (udvalg antaget).
        *[
            DemoMember(code=code, joined=date(2013, 7, 1))
            for code in ["791", "657", "661", "779"]
        ],
        # Nordjyske kommuner tilsluttede sig i 2015 (udvalg antaget).
        *[
            DemoMember(code=code, joined=date(2015, 1, 1))
            for code in ["851", "860", "813"]
        ],
        DemoMember(organisation="region_midtjylland", role="partner", joined=date(2015, 1, 1)),
    ],
    bodies=[
        DemoBody(
            key="direktoerkreds", kind="directors_circle", name="Kommunaldirektørkredsen",
            meeting_frequency="To-tre gange årligt",
            seats=[
                DemoSeat(person="Jens Peter Lindskov", title="Kommunaldirektør", code="751", role="chair", start=date(2012, 1, 1)),
                DemoSeat(person="Else Marie Ravnsbæk", title="Kommunaldirektør", code="615", start=date(2012, 1, 1)),
            ],
        ),
        DemoBody(
            key="repraesentantskab", kind="representatives_council", name="Repræsentantskabet",
            reports_to="direktoerkreds", meeting_frequency="Halvårligt (forår og efterår)",
            seats=[
                DemoSeat(person="Gunhild Bak Sørensen", title="Borgerservicechef", code="730", role="chair", start=date(2013, 7, 1)),
                DemoSeat(person="Kim Agerskov", title="Borgerservicechef", code="740", start=date(2013, 7, 1)),
                DemoSeat(person="Tove Brandt", title="Borgerservicechef", code="851", start=date(2015, 1, 1)),
            ],
        ),
        DemoBody(
            key="styregruppe", kind="steering_group", name="Styregruppen", reports_to="repraesentantskab",
            meeting_frequency="Månedligt (antaget)",
            seats=[
                DemoSeat(person="Gunhild Bak Sørensen", title="Borgerservicechef", code="730", role="chair", start=date(2014, 10, 1)),
                DemoSeat(person="Morten Hjortshøj", title="Borgerservicechef", code="657", start=date(2014, 10, 1)),
            ],
        ),
        DemoBody(
            key="projektledelse", kind="secretariat", name="Projektledelsen (sekretariat)", reports_to="styregruppe",
            meeting_frequency="Løbende",
            seats=[
                DemoSeat(person="Sidsel Ahlmann", title="Projektleder (halv tid)", code="751", role="secretary", start=date(2013, 7, 1)),
                DemoSeat(person="Peter Munkholm", title="Projektleder (halv tid)", code="615", role="secretary", start=date(2013, 7, 1)),
            ],
        ),
    ],
    rules=[
        DemoRule(
            body="direktoerkreds", decision_type="general", majority="simple",
            description=(
                "002 §2.8: Kommunaldirektørkredsen er øverste instans og skal give mandat til alle strategiske beslutninger. "
                "Stemmeregel ikke beskrevet; simpelt flertal antaget."
            ),
        ),
        DemoRule(
            body="repraesentantskab", decision_type="budget", majority="simple", escalation_body="direktoerkreds",
            description=(
                "002 §2.8: Hvert år fremlægges et budget for repræsentantskabet til godkendelse; én repræsentant pr. kommune. Simpelt "
                "flertal antaget."
            ),
        ),
    ],
    fee_model=(
        "Årligt budget godkendes af repræsentantskabet; kommunerne bidrager efter kommunestørrelse, også med ressourcer til "
        "projektledelse, og stiller medarbejdere til rådighed (002 §2.8)."
    ),
)
