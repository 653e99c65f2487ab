"""An economy year for the `world` collaborations: `econ` gives alpha 2026 with every kind of line
(fee split equally, per inhabitant, a shared specialist, a catalogue order, a project settled by
hours) and a generated statement; beta 2026 with a fee and its statement."""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest


@pytest.fixture
def econ(world):
    from digisam.core import services
    from digisam.economy import services as economy_services
    from digisam.economy.models import (
        Charge,
        EconomyYear,
        FteFigure,
        HoursEntry,
        Order,
        Project,
        Service,
        SharedSpecialist,
    )

    def save(obj, m2m=None):
        return services.save(obj, user=services.SYSTEM, m2m=m2m)

    o165, o151 = world.orgs["165"], world.orgs["151"]
    year = save(EconomyYear(collaboration=world.alpha, year=2026, proration="half-year",
                            settlement="net_transfers", population_date=datetime.date(2026, 1, 1)))
    fee = save(Charge(year=year, name="Kontingent", kind="equal_share", total=Decimal("100000")))
    save(Charge(year=year, name="Brugerklub", kind="per_inhabitant", rate=Decimal("9")))
    save(SharedSpecialist(year=year, title="Programleder", host=o151, total=Decimal("50000"), key="population"))
    service = save(Service(year=year, name="Standardarbejdsplads", unit_price=Decimal("5200")))
    save(Order(service=service, organisation=o165, quantity=Decimal("2")))
    save(FteFigure(year=year, organisation=o165, fte=Decimal("2100")))
    project = save(Project(year=year, name="Monopolbrud", hourly_rate=Decimal("850"), key="equal"))
    h1 = save(HoursEntry(project=project, organisation=o165, month="2026-01", agreed_hours=10, actual_hours=10))
    save(HoursEntry(project=project, organisation=o165, month="2026-02", agreed_hours=10, actual_hours=5))
    save(HoursEntry(project=project, organisation=o151, month="2026-01", agreed_hours=20, actual_hours=20))
    statement = economy_services.generate(year, user=services.SYSTEM)
    beta_year = save(EconomyYear(collaboration=world.beta, year=2026, proration="none"))
    save(Charge(year=beta_year, name="Beta-kontingent", kind="equal_share", total=Decimal("1000")))
    beta_statement = economy_services.generate(beta_year, user=services.SYSTEM)
    return SimpleNamespace(year=year, fee=fee, project=project, service=service, hours=h1, statement=statement,
                           beta_year=beta_year, beta_statement=beta_statement, world=world)
