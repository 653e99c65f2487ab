"""Demo operations: IT-Forsyningen's service catalogue (its basic services per FTE and its
workstations — the economy's existing charge and catalogue items, not copies), the target service
levels and each member's current level, a year of generated ticket data imported through the
ordinary import, and Den Digitale Hotline's contributions by size and handled hours per month.
Response and resolution figures are illustrative; the models (per FTE, by type, by size, hourly)
are from the source documents (002 §2.7, §2.8).

Loading twice changes nothing: a year that already has a catalogue (or support arrangement) is left
alone. Everything is written through the audited service as the system user."""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from digisam.collaborations.models import Collaboration
from digisam.core import services
from digisam.core.models import Channel
from digisam.economy import services as economy_services
from digisam.economy.adapter import member_code, year_memberships
from digisam.economy.models import EconomyYear

from . import services as ops_services
from .models import CatalogueService, ServiceLevel, SupportArrangement, SupportUsage

YEAR = 2026
#: (priority, response minutes, resolution minutes, credit per breach)
TARGETS = {"1": (15, 240, Decimal("2500")), "2": (60, 480, Decimal("0")), "3": (240, 2400, Decimal("0")),
           "4": (480, 7200, Decimal("0"))}
TICKETS_PER_MEMBER_MONTH = 18


def _save(obj):
    return services.save(obj, user=services.SYSTEM, channel=Channel.COMMAND)


def _level(service, organisation=None, **fields):
    targets = fields.pop("targets")
    return ops_services.save_level(ServiceLevel(service=service, organisation=organisation, **fields), targets,
                                   user=services.SYSTEM, channel=Channel.COMMAND)


def ticket_rows(year: int, members: list[str], seed: int = 2026) -> list[list[str]]:
    """A year of tickets for the members, as an export's rows (deterministic)."""
    rng = random.Random(seed)  # noqa: S311 - demo data, not security
    rows = []
    services_by_share = ["Drift og support"] * 7 + ["Standardarbejdsplads"] * 2 + ["Mobil arbejdsplads"]
    number = 0
    for month in range(1, 13):
        for code in members:
            for _ in range(TICKETS_PER_MEMBER_MONTH):
                number += 1
                opened = datetime.datetime(year, month, rng.randint(1, 28), rng.randint(7, 16), rng.randint(0, 59))
                priority = rng.choices(["1", "2", "3", "4"], weights=[2, 15, 60, 23])[0]
                response_target, resolution_target, _credit = TARGETS[priority]
                slow = rng.random() < (0.12 if code == members[-1] else 0.05)
                response = rng.randint(1, response_target * (3 if slow else 1))
                resolution = response + rng.randint(5, resolution_target * (2 if slow else 1))
                fmt = "%Y-%m-%d %H:%M"
                rows.append([f"ITF-{number:05d}", code, rng.choice(services_by_share), priority, opened.strftime(fmt),
                             (opened + datetime.timedelta(minutes=response)).strftime(fmt),
                             (opened + datetime.timedelta(minutes=resolution)).strftime(fmt)])
    return rows


def it_forsyningen(collaboration, log):
    year = EconomyYear.objects.filter(collaboration=collaboration, year=YEAR).first()
    if year is None or CatalogueService.objects.filter(year=year).exists():
        return
    basic_charge = year.charges.filter(kind="per_fte").first()
    basic = _save(CatalogueService(year=year, name="Drift og support", kind="basic", charge=basic_charge,
                                   description="Servicedesk, drift af servere, netværk og fagsystemer."))
    addons = [_save(CatalogueService(year=year, name=item.name, kind="addon", economy_service=item,
                                     description="Bestilles pr. stk. af hvert medlem."))
              for item in year.services.order_by("name")]
    members = [m.organisation for m in year_memberships(year)]
    target = _level(basic, opening_hours="Hverdage 7.30–17, kritiske fejl døgnet rundt",
                    availability_target=Decimal("99.5"), channels=["phone", "email", "portal"],
                    credit_cap=Decimal("50000"), targets={p: t for p, t in TARGETS.items()})
    for service in addons:
        _level(service, opening_hours="Hverdage 8–16", channels=["portal"],
               targets={"2": (120, 960, Decimal(0)), "3": (480, 4800, Decimal(0))})
    before = [(30, 480), (120, 960), (480, 4800), (960, 9600)]
    for index, organisation in enumerate(members):
        _level(basic, organisation, opening_hours="Hverdage 8–15.30" if index else "Hverdage 8–16",
               availability_target=Decimal("99.0") - index, channels=["phone", "email"][: 2 - index % 2],
               targets={str(p + 1): (r * (1 + index), s, Decimal(0)) for p, (r, s) in enumerate(before)})
    board = collaboration.bodies.filter(kind="board").first() or collaboration.bodies.first()
    if board is not None:
        ops_services.propose_target(target, board, user=services.SYSTEM, channel=Channel.COMMAND)
    rows = ticket_rows(YEAR, [member_code(o) for o in members])
    header = ["Ticket ID", "Kommune", "Service", "Priority", "Created", "First response", "Resolved"]
    data = ("\n".join(";".join(r) for r in [header, *rows]) + "\n").encode("utf-8")
    ops_services.import_tickets(year, "it-forsyningen-2026.csv", data, user=services.SYSTEM, channel=Channel.IMPORT)
    economy_services.generate(year, user=services.SYSTEM, channel=Channel.COMMAND)
    log(f"Drift og support: {collaboration} {YEAR}, servicekatalog og {len(rows)} supportsager")


def digital_hotline(collaboration, log):
    year = EconomyYear.objects.filter(collaboration=collaboration, year=YEAR).first()
    if year is None:
        year = _save(EconomyYear(collaboration=collaboration, year=YEAR, proration="month",
                                 settlement="via_collaboration", population_date=datetime.date(YEAR, 1, 1),
                                 note="Bidrag efter størrelse og timer efter forbrug (002 §2.8)."))
    if SupportArrangement.objects.filter(year=year).exists():
        return
    hotline = ops_services.save_support_arrangement(SupportArrangement(
        year=year, name="Den Digitale Hotline", hourly_price=Decimal("425"),
        contribution_total=Decimal("3600000"), contribution_key="population"),
        user=services.SYSTEM, channel=Channel.COMMAND)
    rng = random.Random(30)  # noqa: S311 - demo data
    members = [m.organisation for m in year_memberships(year)]
    for organisation in members:
        for month in range(1, 13):
            contacts = rng.randint(60, 400)
            _save(SupportUsage(arrangement=hotline, organisation=organisation, month=f"{YEAR}-{month:02d}",
                               contacts=contacts, hours=(Decimal(contacts) * Decimal("0.12")).quantize(Decimal("0.1"))))
    economy_services.generate(year, user=services.SYSTEM, channel=Channel.COMMAND)
    log(f"Fælles support: {collaboration} {YEAR}, {len(members)} medlemmer × 12 måneder")


def load(ctx):
    log = ctx.get("log", print)
    with services.operation():
        for slug, build in (("it-forsyningen", it_forsyningen), ("digitale-hotline", digital_hotline)):
            collaboration = Collaboration.objects.filter(slug=slug).first()
            if collaboration is not None:
                build(collaboration, log)
