"""Staffing: proposals by fit and availability, never over-allocating, approval by the home
organisation, hours into the economy's hours settlement, and personal data that leaves with the person."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from digisam.competences import adapter, selectors, services
from digisam.competences.models import Allocation, Specialist, StaffingRequest
from digisam.core import services as core_services
from digisam.core.models import AuditEntry
from digisam.economy import services as economy_services
from digisam.economy.adapter import build_scenario
from digisam.economy.models import HoursEntry

SYSTEM = core_services.SYSTEM


def approved(pool, hours=Decimal("100")):
    allocation = services.allocate(pool.request, pool.anna, hours, user=pool.world.users["secretariat"])
    return services.decide_allocation(allocation, True, user=pool.world.users["coordinator"])


def test_the_person_at_the_required_level_is_proposed_and_the_one_below_is_not(pool):
    proposal = adapter.proposals(pool.world.alpha, 2026)[pool.request.pk]
    assert [c.person for c in proposal.candidates] == [str(pool.anna.pk)]
    assert proposal.candidates[0].proposed == Decimal(300) and proposal.missing == 0


def test_proposals_subtract_what_is_already_booked(pool):
    services.allocate(pool.request, pool.anna, Decimal("250"), user=SYSTEM)
    other = core_services.save(StaffingRequest(collaboration=pool.world.alpha, title="Endnu et udbud",
                                               competence=pool.contract, min_level=3, hours=Decimal("200"),
                                               year=2026, body=pool.world.board), user=SYSTEM)
    proposal = adapter.proposals(pool.world.alpha, 2026)
    # 50 hours of the first request remain to staff; Anna has 150 hours left for both requests.
    assert proposal[other.pk].candidates[0].available == Decimal(150)
    assert proposal[other.pk].covered + proposal[pool.request.pk].covered == Decimal(150)


def test_over_allocation_is_refused_with_a_clear_message(pool):
    services.allocate(pool.request, pool.anna, Decimal("300"), user=SYSTEM)
    other = core_services.save(StaffingRequest(collaboration=pool.world.alpha, title="Ekstra", competence=pool.contract,
                                               min_level=2, hours=Decimal("200"), year=2026, body=pool.world.board),
                               user=SYSTEM)
    with pytest.raises(ValidationError) as error:
        services.allocate(other, pool.anna, Decimal("150"), user=SYSTEM)
    message = " ".join(error.value.message_dict["hours"])
    assert "Overbooking" in message and "400" in message and "300" in message
    assert not Allocation.objects.filter(request=other).exists()


def test_a_person_of_a_non_member_cannot_be_allocated(pool):
    with pytest.raises(ValidationError) as error:
        services.allocate(pool.request, pool.cai, Decimal("10"), user=SYSTEM)
    assert "ikke medlem" in " ".join(error.value.message_dict["specialist"])


def test_a_person_without_the_level_cannot_be_allocated(pool):
    with pytest.raises(ValidationError, match="niveau 3"):
        services.allocate(pool.request, pool.bo, Decimal("10"), user=SYSTEM)


def test_only_the_home_organisation_decides_on_an_allocation(pool):
    allocation = services.allocate(pool.request, pool.anna, Decimal("100"), user=pool.world.users["secretariat"])
    with pytest.raises(PermissionDenied):
        services.decide_allocation(allocation, True, user=pool.world.users["secretariat"])
    with pytest.raises(PermissionDenied):
        services.decide_allocation(allocation, True, user=pool.world.users["member"])
    decided = services.decide_allocation(allocation, True, user=pool.world.users["coordinator"])
    assert decided.status == "approved" and decided.decided_by == pool.world.users["coordinator"]
    with pytest.raises(ValidationError, match="afgjort"):
        services.decide_allocation(allocation, False, user=pool.world.users["coordinator"])


def test_hours_on_an_allocation_flow_into_the_hours_settlement(pool):
    allocation = approved(pool)
    coordinator = pool.world.users["coordinator"]
    services.register_hours(allocation, "2026-03", Decimal("20"), user=coordinator)
    entry = HoursEntry.objects.get(project=pool.project, organisation=pool.anna.organisation, month="2026-03")
    assert entry.actual_hours == Decimal("20")
    worked = services.register_hours(allocation, "2026-03", Decimal("32.5"), user=coordinator)
    entry.refresh_from_db()
    assert entry.actual_hours == Decimal("32.5") and worked.hours_entry == entry
    core_services.save(HoursEntry(project=pool.project, organisation=pool.bo.organisation, month="2026-03",
                                  actual_hours=Decimal("10")), user=SYSTEM)
    document, _labels = build_scenario(pool.year)
    [project] = [p for p in document["projects"] if p["id"] == f"project-{pool.project.pk}"]
    assert project["hours"] == {"165": Decimal("32.5"), "151": Decimal("10")}
    statement = economy_services.generate(pool.year, user=SYSTEM)
    lines = {m.code: {line["label"]: line["amount_ore"] for line in m.lines} for m in statement.member_statements.all()}
    # Value (32.5 + 10) × 850 split equally: 165 put in more and is owed the difference.
    assert lines["165"]["Fælles udbud"] == int((Decimal("32.5") - Decimal("21.25")) * 850 * 100)
    assert lines["151"]["Fælles udbud"] == -lines["165"]["Fælles udbud"]
    services.remove_hours(worked, user=coordinator)
    assert not HoursEntry.objects.filter(pk=entry.pk).exists()


def test_hours_add_to_a_members_own_registration_and_come_off_it_again(pool):
    own = core_services.save(HoursEntry(project=pool.project, organisation=pool.anna.organisation, month="2026-04",
                                        agreed_hours=Decimal("10"), actual_hours=Decimal("8")), user=SYSTEM)
    allocation = approved(pool)
    worked = services.register_hours(allocation, "2026-04", Decimal("5"), user=SYSTEM)
    own.refresh_from_db()
    assert own.actual_hours == Decimal("13") and worked.hours_entry_id == own.pk
    services.remove_hours(worked, user=SYSTEM)
    own.refresh_from_db()
    assert own.actual_hours == Decimal("8")


def test_hours_beyond_the_allocation_are_refused_and_nothing_is_written(pool):
    allocation = approved(pool, Decimal("10"))
    with pytest.raises(ValidationError, match="for mange"):
        services.register_hours(allocation, "2026-03", Decimal("11"), user=SYSTEM)
    assert not HoursEntry.objects.filter(project=pool.project).exists()


def test_hours_on_an_allocation_not_yet_approved_are_refused(pool):
    allocation = services.allocate(pool.request, pool.anna, Decimal("10"), user=SYSTEM)
    with pytest.raises(ValidationError, match="godkendt"):
        services.register_hours(allocation, "2026-03", Decimal("1"), user=SYSTEM)
    assert not HoursEntry.objects.filter(project=pool.project).exists()


def test_the_audit_log_never_holds_a_persons_details(pool):
    entries = AuditEntry.objects.filter(content_type__model="specialist", object_id=str(pool.anna.pk))
    text = " ".join(f"{e.object_repr} {e.before} {e.after}" for e in entries)
    assert entries.exists()
    assert "Anna" not in text and "anna@albertslund.dk" not in text and "Jurist" not in text


def test_leaving_the_pool_deletes_the_person_or_strips_their_details(pool):
    bo_pk = pool.bo.pk
    services.remove_specialist(pool.bo, user=pool.world.users["secretariat"])
    assert not Specialist.objects.filter(pk=bo_pk).exists()
    deleted = AuditEntry.objects.get(content_type__model="specialist", object_id=str(bo_pk), action="delete")
    assert "Bo Berg" not in f"{deleted.object_repr} {deleted.before}"
    approved(pool)
    services.remove_specialist(pool.anna, user=pool.world.users["coordinator"])
    anna = Specialist.objects.get(pk=pool.anna.pk)
    assert (anna.active, anna.work_email, anna.title) == (False, "", "")
    assert "Anna" not in anna.name
    assert not anna.competences.exists() and not anna.availability.exists()
    assert adapter.proposals(pool.world.alpha, 2026)[pool.request.pk].candidates == ()


def test_the_analysis_flags_a_competence_held_by_one_person(pool):
    data = selectors.analysis(pool.world.alpha, pool.world.users["secretariat"], 2026)
    rows = {r["competence"].name: r for r in data["table"]}
    assert rows["Arkitektur"]["risk_person"] and rows["Arkitektur"]["balance"].available == Decimal(200)
    assert rows["Kontraktstyring"]["balance"].needed == Decimal(300)
    assert rows["Kontraktstyring"]["balance"].available == Decimal(600)
    assert rows["Kontraktstyring"]["heat"] == "ok" and not rows["Kontraktstyring"]["risk_member"]
