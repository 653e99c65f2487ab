"""Competence pool fixtures on the `world`: `pool` gives alpha a catalogue (contract management,
architecture), Anna (165, contract 3, 400 h in 2026) and Bo (151, contract 2 and architecture 2,
200 h), an economy project for the hours settlement, a request from the board, and Cai in beta's
pool (153)."""

from decimal import Decimal
from types import SimpleNamespace

import pytest


@pytest.fixture
def pool(world):
    from digisam.competences.models import (
        Availability,
        Competence,
        Specialist,
        SpecialistCompetence,
        StaffingRequest,
    )
    from digisam.core import services
    from digisam.economy.models import EconomyYear, Project

    def save(obj):
        return services.save(obj, user=services.SYSTEM)

    o165, o151, o153 = world.orgs["165"], world.orgs["151"], world.orgs["153"]
    contract = save(Competence(collaboration=world.alpha, name="Kontraktstyring"))
    architecture = save(Competence(collaboration=world.alpha, name="Arkitektur"))
    anna = save(Specialist(collaboration=world.alpha, organisation=o165, name="Anna Andersen", title="Jurist",
                           work_email="anna@albertslund.dk", hourly_cost=Decimal("700")))
    bo = save(Specialist(collaboration=world.alpha, organisation=o151, name="Bo Berg", hourly_cost=Decimal("650")))
    save(SpecialistCompetence(specialist=anna, competence=contract, level=3))
    save(SpecialistCompetence(specialist=bo, competence=contract, level=2))
    save(SpecialistCompetence(specialist=bo, competence=architecture, level=2))
    save(Availability(specialist=anna, year=2026, hours=Decimal("400")))
    save(Availability(specialist=bo, year=2026, hours=Decimal("200")))
    year = save(EconomyYear(collaboration=world.alpha, year=2026, proration="none"))
    project = save(Project(year=year, name="Fælles udbud", hourly_rate=Decimal("850"), key="equal"))
    request = save(StaffingRequest(collaboration=world.alpha, title="Kontraktstyring til udbud", competence=contract,
                                   min_level=3, hours=Decimal("300"), year=2026, body=world.board, project=project))
    beta_competence = save(Competence(collaboration=world.beta, name="Kontraktstyring"))
    cai = save(Specialist(collaboration=world.beta, organisation=o153, name="Cai Carlsen", hourly_cost=Decimal("600")))
    save(SpecialistCompetence(specialist=cai, competence=beta_competence, level=4))
    save(Availability(specialist=cai, year=2026, hours=Decimal("1000")))
    return SimpleNamespace(world=world, contract=contract, architecture=architecture, anna=anna, bo=bo, cai=cai,
                           year=year, project=project, request=request)
