"""OS2 — 002 §2.10: founded 2012 by Ballerup, Syddjurs, Sønderborg, Ishøj and København; good
50 municipalities + other authorities + vendor partners (Code of Conduct); statutes, general
assembly (every member organisation votes), board, secretariat; fee 8.000 kr. per half-year
per municipality (half year if joining after 1 July); projects financed by participants.
003: Viborg collaborates "i OS2-regi".
"""

from datetime import date

from digisam.demo.schema import DemoBody, DemoCollaboration, DemoMember, DemoRule, DemoSeat

# Compact hand-written data; keep the one-line seat/member style.
# fmt: off

COLLABORATION = DemoCollaboration(
    slug="os2",
    name="OS2 – Offentligt Samarbejde og Open Source",
    short_name="OS2",
    purposes=["business_development"],
    organisation_form="association",
    founded=date(2012, 1, 1),  # 002 §2.10: stiftet i 2012; dag antaget
    description=(
        "OS2 er et fællesskab baseret på open source, åbenhed og deling, der understøtter den fælleskommunale rammearkitektur. "
        "Fællesskabet er åbent for alle kommuner og har vedtægter, generalforsamling og bestyrelse; leverandørpartnere forpligter sig "
        "til fællesskabets Code of Conduct. Kommunerne forpligter sig ikke ud over kontingentet, men deltager aktivt i de projekter, "
        "de vælger."
    ),
    subset_label="Demo: et plausibelt udsnit af de ca. 55 medlemmer",
    members=[
        *[
            DemoMember(code=code, joined=date(2012, 1, 1))
            for code in ["151", "706", "540", "183", "101"]  # stifterne (002 §2.10)
        ],
        DemoMember(code="791", joined=date(2014, 1, 1)),  # jf. 003; år antaget
        DemoMember(code="159", joined=date(2014, 7, 1)),  # antaget
        DemoMember(code="316", joined=date(2015, 1, 1)),  # antaget
        DemoMember(organisation="os2_leverandoer_demo", role="vendor_partner", joined=date(2015, 1, 1)),
    ],
    bodies=[
        DemoBody(
            key="generalforsamling", kind="general_assembly", name="Generalforsamlingen", meeting_frequency="Årligt",
            seats=[
                DemoSeat(person="Villads Brinch", title="Dirigent", code="706", role="chair", start=date(2015, 4, 1)),
            ],
        ),
        DemoBody(
            key="bestyrelse", kind="board", name="Bestyrelsen", reports_to="generalforsamling",
            meeting_frequency="Hver anden måned (antaget)",
            seats=[
                DemoSeat(person="Ditte Hammerich", title="Digitaliseringschef", code="151", role="chair", start=date(2012, 1, 1)),
                DemoSeat(person="Ulrik Bøgelund", title="It-chef", code="540", role="vice_chair", start=date(2012, 1, 1)),
                DemoSeat(person="Sanne Thrane", title="Enhedschef", code="101", start=date(2012, 1, 1)),
            ],
        ),
        DemoBody(
            key="sekretariat", kind="secretariat", name="Sekretariatet", reports_to="bestyrelse",
            meeting_frequency="Løbende",
            seats=[
                DemoSeat(person="Mads Kielberg", title="Sekretariatsleder", role="secretary", start=date(2015, 1, 1)),
            ],
        ),
    ],
    rules=[
        DemoRule(
            body="generalforsamling", decision_type="general", majority="simple",
            description=(
                "002 §2.10: OS2 er et demokratisk opbygget fællesskab, hvor hver medlemsorganisation har stemmeret, når der skal "
                "afgøres strategier, vedtages planer, standarder mv. Simpelt flertal antaget."
            ),
        ),
        DemoRule(
            body="generalforsamling", decision_type="budget", majority="simple",
            description="002 §2.10: Kontingentet fastsættes på generalforsamlingen med gyldighed fra næste kalenderår.",
        ),
        DemoRule(
            body="bestyrelse", decision_type="voluntary_project", majority="simple",
            description=(
                "002 §2.10: Deltagelse i OS2-projekter er frivillig; de enkelte projekter finansieres af de deltagende kommuner, og "
                "resultaterne leveres tilbage til fællesskabet under åbne licenser."
            ),
        ),
    ],
    fee_model=(
        "Kontingent på 8.000 kr. halvårligt pr. kommune, fastsat af generalforsamlingen; ved indmeldelse efter 1. juli betales for et "
        "halvt år. Projekter finansieres af de deltagende kommuner, og større løsninger stilles til rådighed mod abonnementsbetaling "
        "(002 §2.10)."
    ),
)
