"""Demo economy: the fee models of five collaborations from the source documents (002), each with a
2026 economy year, a year of data and a generated statement, and a turn-taking ledger for
Silkeborg–Viborg. Rates from the sources (SBSYS 9 kr. per inhabitant, OS2 8.000 kr. per half-year)
are kept; totals, FTE, orders and hours are illustrative demo figures.

Loading twice changes nothing: a collaboration that already has its 2026 economy year (or ledger
entries) is left alone. Everything is written through the audited service as the system user."""

import datetime
from decimal import Decimal

from digisam.collaborations.models import Collaboration
from digisam.core import services
from digisam.core.models import Channel
from digisam.organisations.models import Organisation

from . import adapter
from . import services as economy_services
from .models import (
    Charge,
    EconomyYear,
    FteFigure,
    HoursEntry,
    Order,
    Project,
    Service,
    SharedSpecialist,
    TurnLedgerEntry,
)

YEAR = 2026


def _save(obj, m2m=None):
    return services.save(obj, user=services.SYSTEM, channel=Channel.COMMAND, m2m=m2m)


def _year(collaboration, **fields):
    return _save(EconomyYear(collaboration=collaboration, year=YEAR, population_date=datetime.date(YEAR, 1, 1),
                             **fields))


def _members(year):
    return [m.organisation for m in adapter.year_memberships(year)]


def storkoebenhavn(collaboration):
    """Equal fee split in nine, a shared programme leader hosted by Albertslund (1/9 each), and a
    project settled by hours at the general assembly's hourly rate with population as key."""
    year = _year(collaboration, proration="half-year", settlement="net_transfers",
                 note="Kontingent ligeligt; programleder 1/9 til hver; timeafregning én gang årligt (002 §2.4.5).")
    _save(Charge(year=year, name="Kontingent: sekretariat og overhead", kind="equal_share",
                 total=Decimal("1800000")))
    members = _members(year)
    host = next((o for o in members if o.code == "165"), members[0])
    _save(SharedSpecialist(year=year, title="Fælles programleder", host=host, total=Decimal("950000"), key="equal"))
    project = _save(Project(year=year, name="Fælles monopolbrud", hourly_rate=Decimal("850"), key="population",
                            rate_decision_reference="Generalforsamlingen, marts 2026: timesats 850 kr."))
    for index, organisation in enumerate(members):
        agreed = Decimal(30 + 5 * (index % 3))
        for month in range(1, 13):
            actual = agreed + Decimal((index * 7 + month * 3) % 11 - 5)
            _save(HoursEntry(project=project, organisation=organisation, month=f"{YEAR}-{month:02d}",
                             agreed_hours=agreed, actual_hours=max(actual, Decimal(0))))
    return year


def sbsys(collaboration):
    """Membership fee of 9 kr. per inhabitant (the municipalities), by the population on 1 January."""
    year = _year(collaboration, proration="half-year", settlement="via_collaboration",
                 note="Medlemskontingent 9 kr. pr. indbygger (002 §2.5).")
    municipalities = [o for o in _members(year) if o.kind == "municipality"]
    _save(Charge(year=year, name="Medlemskontingent", kind="per_inhabitant", rate=Decimal("9")),
          m2m={"members": municipalities})
    return year


def os2(collaboration):
    """8.000 kr. per half-year per municipality (16.000 kr. a year), half a year when joining after
    1 July: half-year proration of a fixed amount per member."""
    year = _year(collaboration, proration="half-year", settlement="via_collaboration",
                 note="Kontingent 8.000 kr. halvårligt pr. kommune; indmeldelse efter 1. juli betaler et halvt år "
                      "(002 §2.10).")
    _save(Charge(year=year, name="Kontingent (8.000 kr. pr. halvår)", kind="fixed_per_member",
                 amount=Decimal("16000")))
    return year


FTE = {"151": Decimal("3450"), "240": Decimal("1180"), "190": Decimal("1720")}


def it_forsyningen(collaboration):
    """Basic services per FTE (årsværk) and workstations ordered by number and type."""
    year = _year(collaboration, proration="none", settlement="via_collaboration",
                 note="Basisydelser efter årsværk; arbejdspladser efter antal og type (002 §2.7).")
    _save(Charge(year=year, name="Basisydelser efter servicekataloget", kind="per_fte", rate=Decimal("1500")))
    standard = _save(Service(year=year, name="Standardarbejdsplads", unit="stk.", unit_price=Decimal("5200")))
    mobile = _save(Service(year=year, name="Mobil arbejdsplads", unit="stk.", unit_price=Decimal("6800")))
    for index, organisation in enumerate(_members(year)):
        _save(FteFigure(year=year, organisation=organisation,
                        fte=FTE.get(organisation.code, Decimal(1000 + 100 * index))))
        _save(Order(service=standard, organisation=organisation, quantity=Decimal(120 + 40 * index)))
        _save(Order(service=mobile, organisation=organisation, quantity=Decimal(30 + 15 * index)))
    return year


def four_k(collaboration):
    """The dedicated secretariats split in four equal parts, one invoice a year."""
    year = _year(collaboration, proration="none", settlement="via_collaboration",
                 note="Dedikerede sekretariater deles i fire lige store dele (002 §2.6).")
    _save(Charge(year=year, name="Dedikerede sekretariater", kind="equal_share", total=Decimal("2400000")))
    return year


FEE_MODELS = {
    "storkoebenhavn": storkoebenhavn,
    "sbsys": sbsys,
    "os2": os2,
    "it-forsyningen": it_forsyningen,
    "4k": four_k,
}

LEDGER = [
    ("791", "Kører udbuddet af nyt omsorgssystem for begge kommuner", "600000", (2025, 3, 1)),
    ("740", "Ansætter og huser en it-arkitekt til fælles arkitekturopgaver", "650000", (2025, 5, 1)),
    ("791", "Ansætter en kontraktspecialist, der følger op på fælles kontrakter", "550000", (2025, 9, 1)),
    ("740", "Arkitekturopgave: fælles integrationsplatform", "400000", (2026, 2, 1)),
]


def silkeborg_viborg_ledger(collaboration, log):
    if TurnLedgerEntry.objects.filter(collaboration=collaboration).exists():
        return
    for code, description, value, day in LEDGER:
        organisation = Organisation.objects.filter(code=code).first()
        if organisation is None or not collaboration.memberships.filter(organisation=organisation).exists():
            continue
        _save(TurnLedgerEntry(collaboration=collaboration, organisation=organisation, description=description,
                              estimated_value=Decimal(value), date=datetime.date(*day)))
    log("Økonomi: opgaver på skift for Silkeborg–Viborg")


def load(ctx):
    log = ctx.get("log", print)
    with services.operation():
        for slug, build in FEE_MODELS.items():
            collaboration = Collaboration.objects.filter(slug=slug).first()
            if collaboration is None or EconomyYear.objects.filter(collaboration=collaboration, year=YEAR).exists():
                continue
            year = build(collaboration)
            economy_services.generate(year, user=services.SYSTEM, channel=Channel.COMMAND)
            log(f"Økonomi: {collaboration} {YEAR} med årsopgørelse")
        collaboration = Collaboration.objects.filter(slug="silkeborg-viborg").first()
        if collaboration is not None:
            silkeborg_viborg_ledger(collaboration, log)
