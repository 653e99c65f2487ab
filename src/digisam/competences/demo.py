"""Demo competence pools: Silkeborg–Viborg's shared specialists (the contract specialist employed by
one and used by both, the architect employed by the other; 002 §2.2) and 4K's working groups
staffed from several members (002 §2.6), with requests, approved allocations, hours registered into
4K's hours settlement, the analysis's risks and a development plan. Names are invented demo people
(work contact details only).

Loading twice changes nothing: a collaboration that already has a competence catalogue is left alone."""

from __future__ import annotations

import datetime
from decimal import Decimal

from digisam.collaborations.models import Collaboration
from digisam.core import services
from digisam.core.models import Channel
from digisam.economy import services as economy_services
from digisam.economy.models import EconomyYear, Project
from digisam.organisations.models import Organisation

from . import services as pool_services
from .models import (
    Availability,
    Competence,
    DevelopmentAction,
    Specialist,
    SpecialistCompetence,
    StaffingRequest,
)

YEAR = 2026
SYSTEM = services.SYSTEM


def _save(obj):
    return services.save(obj, user=SYSTEM, channel=Channel.COMMAND)


def _person(collaboration, code, name, title, cost, hours, held):
    organisation = Organisation.objects.get(code=code)
    person = _save(Specialist(collaboration=collaboration, organisation=organisation, name=name, title=title,
                              work_email=f"{name.split()[0].lower()}@kommune{code}.dk", hourly_cost=Decimal(cost)))
    for competence, level in held:
        _save(SpecialistCompetence(specialist=person, competence=competence, level=level))
    _save(Availability(specialist=person, year=YEAR, hours=Decimal(hours)))
    return person


def _requester(collaboration):
    return (collaboration.bodies.filter(kind="working_group").first() or collaboration.bodies.filter(
        kind="steering_group").first() or collaboration.bodies.first())


def silkeborg_viborg(collaboration, log):
    contract = _save(Competence(collaboration=collaboration, name="Kontraktstyring"))
    architecture = _save(Competence(collaboration=collaboration, name="It-arkitektur"))
    procurement = _save(Competence(collaboration=collaboration, name="Udbudsjura"))
    specialist = _person(collaboration, "791", "Karen Kontrakt", "Kontraktspecialist", "720", "1300",
                         [(contract, 4), (procurement, 3)])
    architect = _person(collaboration, "740", "Anders Arkitekt", "It-arkitekt", "760", "1200", [(architecture, 4)])
    _person(collaboration, "740", "Pia Projekt", "Projektleder", "680", "400", [(contract, 2)])
    body = _requester(collaboration)
    if body is None:
        return
    for title, competence, level, hours, person in (
        ("Opfølgning på fælles kontrakter", contract, 3, "900", specialist),
        ("Fælles integrationsplatform", architecture, 3, "700", architect),
    ):
        request = _save(StaffingRequest(collaboration=collaboration, title=title, competence=competence, min_level=level,
                                        hours=Decimal(hours), year=YEAR, body=body))
        allocation = pool_services.allocate(request, person, Decimal(hours), user=SYSTEM, channel=Channel.COMMAND)
        pool_services.decide_allocation(allocation, True, user=SYSTEM, channel=Channel.COMMAND)
    _save(StaffingRequest(collaboration=collaboration, title="Udbud af omsorgssystem: udbudsjura", competence=procurement,
                          min_level=3, hours=Decimal("500"), year=YEAR, body=body))
    _save(DevelopmentAction(collaboration=collaboration, competence=architecture,
                            action="Oplær en arkitekt mere, så integrationsplatformen ikke hviler på én person",
                            owner="Digitaliseringschefen", owner_organisation=Organisation.objects.get(code="791"),
                            due=datetime.date(YEAR, 10, 1)))
    log(f"Kompetencepulje: {collaboration}")


def four_k(collaboration, log):
    competences = {name: _save(Competence(collaboration=collaboration, name=name))
                   for name in ("Velfærdsteknologi", "Projektledelse", "Databeskyttelse")}
    people = [
        _person(collaboration, "157", "Gitte Gentofte", "Projektleder", "690", "800",
                [(competences["Projektledelse"], 4), (competences["Velfærdsteknologi"], 2)]),
        _person(collaboration, "159", "Glenn Gladsaxe", "Velfærdsteknolog", "650", "600",
                [(competences["Velfærdsteknologi"], 3)]),
        _person(collaboration, "173", "Lise Lyngby", "Databeskyttelsesrådgiver", "700", "300",
                [(competences["Databeskyttelse"], 4)]),
        _person(collaboration, "230", "Rune Rudersdal", "Projektleder", "670", "500",
                [(competences["Projektledelse"], 3)]),
    ]
    year = EconomyYear.objects.filter(collaboration=collaboration, year=YEAR).first()
    project = None
    if year is not None and not year.is_locked:
        project = _save(Project(year=year, name="Arbejdsgrupper bemandet fra puljen", hourly_rate=Decimal("800"),
                                key="equal", rate_decision_reference="Kommunaldirektørkredsen 2026"))
    body = _requester(collaboration)
    initiative = collaboration.initiatives.first() if hasattr(collaboration, "initiatives") else None
    plans = [("Velfærdsteknologi: udrulning af skærmbesøg", "Velfærdsteknologi", 3, "400", people[1]),
             ("Projektledelse af den digitale lærerarbejdsplads", "Projektledelse", 3, "350", people[0])]
    for index, (title, name, level, hours, person) in enumerate(plans):
        target = {"initiative": initiative} if (initiative is not None and index == 1) else {"body": body}
        request = _save(StaffingRequest(collaboration=collaboration, title=title, competence=competences[name],
                                        min_level=level, hours=Decimal(hours), year=YEAR, project=project, **target))
        allocation = pool_services.allocate(request, person, Decimal(hours), user=SYSTEM, channel=Channel.COMMAND)
        allocation = pool_services.decide_allocation(allocation, True, user=SYSTEM, channel=Channel.COMMAND)
        if project is not None:
            for month in ("2026-01", "2026-02", "2026-03"):
                pool_services.register_hours(allocation, month, Decimal(30 + 10 * index), user=SYSTEM,
                                             channel=Channel.COMMAND)
    _save(StaffingRequest(collaboration=collaboration, title="Konsekvensanalyse for ny borgerapp",
                          competence=competences["Databeskyttelse"], min_level=3, hours=Decimal("450"), year=YEAR,
                          body=body, project=project))
    _save(DevelopmentAction(collaboration=collaboration, competence=competences["Databeskyttelse"],
                            action="Uddan en databeskyttelsesrådgiver i endnu en kommune", owner="4K-sekretariatet",
                            due=datetime.date(YEAR, 12, 1)))
    if year is not None and project is not None:
        economy_services.generate(year, user=SYSTEM, channel=Channel.COMMAND)
    log(f"Kompetencepulje: {collaboration} med bemandede arbejdsgrupper")


def load(ctx):
    log = ctx.get("log", print)
    with services.operation():
        for slug, build in (("silkeborg-viborg", silkeborg_viborg), ("4k", four_k)):
            collaboration = Collaboration.objects.filter(slug=slug).first()
            if collaboration is None or Competence.objects.filter(collaboration=collaboration).exists():
                continue
            build(collaboration, log)
