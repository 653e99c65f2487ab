"""Operations fixtures on the `world`: `ops` gives alpha 2026 with a basic service (per FTE), an
add-on ordered by 165, a target service level with credits, 165's current level, imported tickets
and a hotline arrangement with usage; `ticket_csv(rows)` builds an export."""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest

HEADER = "Ticket ID;Kommune;Service;Priority;Created;First response;Resolved"


@pytest.fixture
def ticket_csv():
    def make(rows, header=HEADER):
        return ("\n".join([header, *[";".join(r) for r in rows]]) + "\n").encode("utf-8")

    return make


@pytest.fixture
def ops(world, ticket_csv):
    from digisam.core import services
    from digisam.economy.models import EconomyYear, FteFigure, Order
    from digisam.operations import services as ops_services
    from digisam.operations.models import CatalogueService, ServiceLevel, SupportArrangement, SupportUsage

    system = services.SYSTEM

    def save(obj):
        return services.save(obj, user=system)

    o165, o151 = world.orgs["165"], world.orgs["151"]
    year = save(EconomyYear(collaboration=world.alpha, year=2026, proration="none",
                            population_date=datetime.date(2026, 1, 1)))
    save(FteFigure(year=year, organisation=o165, fte=Decimal("2100")))
    save(FteFigure(year=year, organisation=o151, fte=Decimal("3000")))
    basic = ops_services.save_catalogue_service(
        CatalogueService(year=year, name="Drift", kind="basic"), ops_services.Pricing(key="fte", rate=Decimal("1500")),
        user=system)
    addon = ops_services.save_catalogue_service(
        CatalogueService(year=year, name="Ekstra arbejdsplads", kind="addon"),
        ops_services.Pricing(unit="stk.", unit_price=Decimal("5200")), user=system)
    save(Order(service=addon.economy_service, organisation=o165, quantity=Decimal("3")))
    target = ops_services.save_level(
        ServiceLevel(service=basic, opening_hours="Hverdage 8-16", availability_target=Decimal("99.5"),
                     channels=["phone", "email"], credit_cap=Decimal("5000")),
        {"1": (30, 240, Decimal("1000")), "2": (60, 480, Decimal("0"))}, user=system)
    member_level = ops_services.save_level(
        ServiceLevel(service=basic, organisation=o165, availability_target=Decimal("99"), channels=["phone"]),
        {"1": (60, 240, 0), "2": (60, 600, 0)}, user=system)
    csv = ticket_csv([
        ["T1", "165", "Drift", "1", "2026-03-02 08:00", "2026-03-02 08:10", "2026-03-02 11:00"],  # late: credit
        ["T2", "165", "Drift", "2", "2026-03-03 08:00", "2026-03-03 08:30", "2026-03-03 10:00"],
        ["T3", "Ballerup", "Drift", "P2", "2026-04-01 09:00", "2026-04-01 09:05", "2026-04-01 09:30"],
        ["T4", "151", "Drift", "1", "2026-04-02 09:00", "2026-04-02 09:20", "2026-04-02 10:00"],
    ])
    batch = ops_services.import_tickets(year, "tickets.csv", csv, user=system)
    hotline = ops_services.save_support_arrangement(
        SupportArrangement(year=year, name="Hotline", hourly_price=Decimal("650"),
                           contribution_total=Decimal("100000"), contribution_key="population"), user=system)
    save(SupportUsage(arrangement=hotline, organisation=o165, month="2026-01", contacts=40, hours=Decimal("12.5")))
    save(SupportUsage(arrangement=hotline, organisation=o151, month="2026-01", contacts=20, hours=Decimal("6")))
    beta_year = save(EconomyYear(collaboration=world.beta, year=2026, proration="none"))
    return SimpleNamespace(world=world, year=year, basic=basic, addon=addon, target=target, member_level=member_level,
                           batch=batch, hotline=hotline, beta_year=beta_year)
