"""Approving a statement locks the year: edits are refused with a clear message (web, API, service);
reopening lets the secretariat change it again, and the next generation is a new, audited version
while the approved one stays exactly as approved."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from digisam.core import services
from digisam.core.models import AuditEntry
from digisam.economy import services as economy_services
from digisam.economy.models import Charge, HoursEntry, Statement


@pytest.fixture
def approved(econ):
    economy_services.approve(econ.statement, user=econ.world.users["secretariat"])
    econ.year.refresh_from_db()
    return econ


def test_approval_records_who_and_when_and_locks_the_year(approved):
    statement = Statement.objects.get(pk=approved.statement.pk)
    assert statement.approved_by == approved.world.users["secretariat"]
    assert statement.approved_at is not None
    assert approved.year.is_locked
    assert AuditEntry.objects.filter(object_id=str(statement.pk), action="update").exists()


def test_changing_a_charge_of_a_locked_year_is_refused_with_a_message(approved):
    charge = Charge.objects.get(pk=approved.fee.pk)
    charge.total = Decimal("1")
    with pytest.raises(ValidationError, match="godkendt og låst"):
        services.save(charge, user=approved.world.users["secretariat"])


def test_registering_hours_in_a_locked_year_is_refused(approved):
    entry = HoursEntry(project=approved.project, organisation=approved.world.orgs["165"], month="2026-09",
                       actual_hours=3)
    with pytest.raises(ValidationError, match="godkendt og låst"):
        services.save(entry, user=approved.world.users["finance"])


def test_deleting_in_a_locked_year_is_refused(approved):
    with pytest.raises(ValidationError):
        services.delete(HoursEntry.objects.get(pk=approved.hours.pk), user=approved.world.users["finance"])
    assert HoursEntry.objects.filter(pk=approved.hours.pk).exists()


def test_the_web_form_shows_the_lock_message(approved, client_for):
    client = client_for(approved.world.users["secretariat"])
    url = reverse("economy:part_edit", args=["alpha", 2026, "opkraevning", approved.fee.pk])
    response = client.post(url, {"name": "Kontingent", "kind": "equal_share", "total": "5", "key": "equal"})
    assert response.status_code == 400
    assert "godkendt og låst" in response.content.decode()


def test_the_web_delete_is_refused_with_a_message(approved, client_for):
    client = client_for(approved.world.users["finance"])
    url = reverse("economy:part_delete", args=["alpha", 2026, "timer", approved.hours.pk])
    response = client.post(url, follow=True)
    assert "godkendt og låst" in response.content.decode()
    assert HoursEntry.objects.filter(pk=approved.hours.pk).exists()


def test_the_api_refuses_changes_with_400_and_the_message(approved, api_for):
    client = api_for(approved.world.users["secretariat"])
    response = client.patch(f"/api/economy-charges/{approved.fee.pk}/", {"total": "5"}, format="json")
    assert response.status_code == 400
    assert "låst" in str(response.json())
    response = api_for(approved.world.users["finance"]).delete(f"/api/economy-hours/{approved.hours.pk}/")
    assert response.status_code == 400


def test_generating_while_locked_is_refused(approved, client_for):
    with pytest.raises(ValidationError):
        economy_services.generate(approved.year, user=approved.world.users["secretariat"])
    response = client_for(approved.world.users["secretariat"]).post(
        reverse("economy:generate", args=["alpha", 2026]), follow=True)
    assert "genåbne" in response.content.decode()
    assert approved.year.statements.count() == 1


def test_an_approved_statement_cannot_be_changed_or_deleted(approved):
    statement = Statement.objects.get(pk=approved.statement.pk)
    statement.totals = {"tampered": True}
    with pytest.raises(ValidationError):
        services.save(statement, user=approved.world.users["secretariat"])
    with pytest.raises(ValidationError):
        services.delete(Statement.objects.get(pk=approved.statement.pk), user=approved.world.users["secretariat"])


def test_the_generated_content_and_member_statements_are_never_changed(approved):
    from digisam.economy.models import MemberStatement, StatementContent

    content = StatementContent.objects.get(statement=approved.statement)
    content.document = {"tampered": True}
    with pytest.raises(ValidationError):
        services.save(content, user=approved.world.users["secretariat"])
    member = MemberStatement.objects.filter(statement=approved.statement).first()
    member.net = 0
    with pytest.raises(ValidationError):
        services.save(member, user=approved.world.users["secretariat"])
    with pytest.raises(ValidationError):
        services.delete(member, user=approved.world.users["secretariat"])


def test_only_the_secretariat_reopens(approved, client_for):
    response = client_for(approved.world.users["finance"]).post(reverse("economy:reopen", args=["alpha", 2026]))
    assert response.status_code == 403
    response = client_for(approved.world.users["secretariat"]).post(reverse("economy:reopen", args=["alpha", 2026]))
    assert response.status_code == 302
    approved.year.refresh_from_db()
    assert not approved.year.is_locked


def test_reopen_change_and_regenerate_makes_a_new_version_and_keeps_the_approved_one(approved):
    secretariat = approved.world.users["secretariat"]
    before = Statement.objects.get(pk=approved.statement.pk)
    economy_services.reopen(approved.year, user=secretariat)
    charge = Charge.objects.get(pk=approved.fee.pk)
    charge.total = Decimal("200000")
    services.save(charge, user=secretariat)
    new = economy_services.generate(approved.year, user=approved.world.users["finance"])
    assert new.version == 2 and new.is_current and not new.is_approved
    old = Statement.objects.get(pk=approved.statement.pk)
    assert not old.is_current
    assert old.totals == before.totals and old.approved_at == before.approved_at
    assert old.content.document == before.content.document
    assert new.content.document["collaboration_net"] != old.content.document["collaboration_net"]
    assert AuditEntry.objects.filter(object_id=str(new.pk), action="create", user=approved.world.users["finance"]).exists()
    assert AuditEntry.objects.filter(object_repr__contains="2026", action="update",
                                     after__status="draft").exists()


def test_a_finance_officer_cannot_approve_through_the_service(econ):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        economy_services.approve(econ.statement, user=econ.world.users["finance"])


def test_only_the_current_version_is_approved(econ):
    secretariat = econ.world.users["secretariat"]
    economy_services.generate(econ.year, user=secretariat)
    with pytest.raises(ValidationError, match="gældende"):
        economy_services.approve(Statement.objects.get(pk=econ.statement.pk), user=secretariat)
