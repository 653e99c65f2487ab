"""The matrix scene's operations & competence pool objects (added to alpha's 2026 economy year)."""

from __future__ import annotations

from decimal import Decimal


def add_operations(s):
    from digisam.competences import services as pool_services
    from digisam.competences.models import (
        Availability,
        Competence,
        DevelopmentAction,
        Specialist,
        SpecialistCompetence,
        StaffingRequest,
    )
    from digisam.core import services
    from digisam.operations import services as ops_services
    from digisam.operations.models import CatalogueService, ServiceLevel, SupportArrangement, SupportUsage

    system = services.SYSTEM
    o = s.orgs
    s.ops_basic = ops_services.save_catalogue_service(
        CatalogueService(year=s.year, name="Drift", kind="basic"), ops_services.Pricing(key="fte", rate=Decimal("10")),
        user=system)
    s.ops_target = ops_services.save_level(ServiceLevel(service=s.ops_basic, availability_target=Decimal("99")),
                                           {"1": (15, 240, Decimal("100"))}, user=system)
    s.ops_level165 = ops_services.save_level(ServiceLevel(service=s.ops_basic, organisation=o["165"]),
                                             {"1": (30, 240, 0)}, user=system)
    csv = (b"Number;Kommune;Service;Priority;Created;First response;Resolved\n"
           b"M1;165;Drift;1;2026-03-02 08:00;2026-03-02 08:05;2026-03-02 15:00\n"
           b"M2;151;Drift;2;2026-03-02 08:00;;\n")
    s.ops_batch = ops_services.import_tickets(s.year, "m.csv", csv, user=system)
    s.ops_ticket165 = s.ops_batch.tickets.get(ident="M1")
    s.ops_hotline = ops_services.save_support_arrangement(
        SupportArrangement(year=s.year, name="Hotline", hourly_price=Decimal("400")), user=system)
    s.ops_usage165 = services.save(SupportUsage(arrangement=s.ops_hotline, organisation=o["165"], month="2026-01",
                                                contacts=3, hours=Decimal("1")), user=system)

    s.competence = services.save(Competence(collaboration=s.alpha, name="Kontraktstyring"), user=system)
    s.specialist = services.save(Specialist(collaboration=s.alpha, organisation=o["165"], name="Anna",
                                            hourly_cost=Decimal("700")), user=system)
    s.held = services.save(SpecialistCompetence(specialist=s.specialist, competence=s.competence, level=3), user=system)
    s.availability = services.save(Availability(specialist=s.specialist, year=2026, hours=Decimal("500")), user=system)
    s.staffing_request = services.save(StaffingRequest(
        collaboration=s.alpha, title="Behov", competence=s.competence, min_level=2, hours=Decimal("100"), year=2026,
        body=s.board, project=s.project), user=system)
    s.allocation = pool_services.allocate(s.staffing_request, s.specialist, Decimal("20"), user=system)
    other = services.save(StaffingRequest(
        collaboration=s.alpha, title="Andet behov", competence=s.competence, min_level=2, hours=Decimal("50"),
        year=2026, body=s.board, project=s.project), user=system)
    s.approved_allocation = pool_services.decide_allocation(
        pool_services.allocate(other, s.specialist, Decimal("30"), user=system), True, user=system)
    s.worked = pool_services.register_hours(s.approved_allocation, "2026-02", Decimal("2"), user=system)
    s.dev_action = services.save(DevelopmentAction(collaboration=s.alpha, competence=s.competence, action="Uddan",
                                                   owner="Anne", owner_organisation=o["165"]), user=system)
    return s
