"""Writes through the UI: the audited service, field errors, nothing half-saved."""

import datetime

import pytest

from digisam.collaborations.models import Body, Collaboration, DecisionRule, Membership
from digisam.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_coordinator_edits_own_municipality_and_the_change_is_audited_with_user_and_channel(world, client_for):
    albertslund = world.orgs["165"]
    response = client_for(world.users["coordinator"]).post(
        f"/organisationer/{albertslund.slug}/rediger/",
        {"website": "https://albertslund.dk", "email": "it@albertslund.dk", "phone": "", "address": "",
         "contact_person": "IT-chef", "notes": ""},
    )
    assert response.status_code == 302
    albertslund.refresh_from_db()
    assert albertslund.email == "it@albertslund.dk"
    entry = AuditEntry.objects.get(object_id=str(albertslund.pk), content_type__model="organisation")
    assert entry.user == world.users["coordinator"]
    assert entry.channel == "ui"
    assert entry.action == "update"
    assert entry.before["email"] == "" and entry.after["email"] == "it@albertslund.dk"


def test_coordinator_cannot_edit_another_municipality(world, client_for):
    brondby = world.orgs["153"]
    response = client_for(world.users["coordinator"]).post(
        f"/organisationer/{brondby.slug}/rediger/", {"email": "hacked@example.org"}
    )
    assert response.status_code == 403
    brondby.refresh_from_db()
    assert brondby.email == ""
    assert not AuditEntry.objects.filter(object_id=str(brondby.pk), content_type__model="organisation").exists()


def test_invalid_rule_shows_the_error_at_the_field_and_saves_nothing(world, client_for):
    before = DecisionRule.objects.count()
    response = client_for(world.users["secretariat"]).post(
        "/samarbejder/alpha/regler/ny/",
        {"body": world.board.pk, "decision_type": "statutes", "voting_basis": "per_member",
         "majority": "qualified", "qualified_fraction": "", "quorum_fraction": "7/3"},
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert "qualified_fraction" in form.errors
    assert "quorum_fraction" in form.errors
    assert DecisionRule.objects.count() == before
    assert 'aria-invalid="true"' in response.content.decode()


def test_secretariat_adds_a_member_and_the_timeline_shows_it(world, client_for):
    response = client_for(world.users["secretariat"]).post(
        "/samarbejder/alpha/medlemmer/nyt/",
        {"organisation": world.orgs["147"].pk, "role": "member", "status": "active", "joined_on": "2024-03-01"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    page = client_for(world.users["member"]).get("/samarbejder/alpha/").content.decode()
    assert "Frederiksberg" in page and "01.03.2024" in page


def test_membership_cannot_go_back_from_left_to_active(world):
    from django.core.exceptions import ValidationError

    from digisam.core import services

    membership = Membership.objects.get(collaboration=world.alpha, organisation=world.orgs["151"])
    membership.status = "left"
    membership.left_on = datetime.date(2024, 1, 1)
    services.save(membership, user=world.users["secretariat"])
    membership.status = "active"
    membership.left_on = None
    with pytest.raises(ValidationError) as error:
        services.save(membership, user=world.users["secretariat"])
    assert "status" in error.value.message_dict


def test_secretariat_cannot_manage_another_collaboration(world):
    from django.core.exceptions import PermissionDenied

    from digisam.core import services

    with pytest.raises(PermissionDenied):
        services.save(Body(collaboration=world.beta, kind="board", name="X"), user=world.users["secretariat"])
    assert not Body.objects.filter(name="X").exists()


def test_a_write_that_fails_after_saving_leaves_nothing_behind(world):
    """Moving an object out of one's reach is refused after the save, inside the transaction."""
    from django.core.exceptions import PermissionDenied

    from digisam.core import services

    rule = DecisionRule.objects.get(collaboration=world.alpha)
    rule.collaboration = world.beta
    rule.body = world.beta_board
    with pytest.raises(PermissionDenied):
        services.save(rule, user=world.users["secretariat"])
    rule.refresh_from_db()
    assert rule.collaboration == world.alpha


def test_rotating_chair_shows_now_and_next(world, client_for):
    from digisam.core import services

    body = Body(collaboration=world.alpha, kind="steering_group", name="Styregruppen", chair_rotation="yearly",
                rotation_start=datetime.date(2020, 1, 1), rotation_order=["165", "151"])
    services.save(body, user=world.users["secretariat"])
    on = datetime.date(2025, 6, 1)  # 5 whole years after the start: index 5 → 151, next → 165
    assert body.chair_organisation_code(on) == "151"
    assert body.chair_organisation_code(on, offset=1) == "165"
    assert body.next_rotation_date(on) == datetime.date(2026, 1, 1)
    page = client_for(world.users["member"]).get("/samarbejder/alpha/").content.decode()
    assert "Formandskab nu" in page


def test_observer_reads_published_but_cannot_write(world, client_for):
    observer = client_for(world.users["observer"])
    assert observer.get("/samarbejder/alpha/").status_code == 200
    response = observer.post("/samarbejder/alpha/rediger/", {"name": "Overtaget"})
    assert response.status_code == 403
    assert Collaboration.objects.get(slug="alpha").name == "Alfa-samarbejdet"


def test_uploaded_documents_are_served_only_to_readers(world, client_for, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    response = client_for(world.users["admin"]).post(
        "/samarbejder/beta/dokumenter/nyt/",
        {"title": "Vedtægter", "kind": "statutes", "file": SimpleUploadedFile("vedtaegter.txt", b"paragraf 1")},
    )
    assert response.status_code == 302
    from digisam.collaborations.models import CollaborationDocument

    document = CollaborationDocument.objects.get(title="Vedtægter")
    url = f"/samarbejder/beta/dokumenter/{document.pk}/hent/"
    assert client_for(world.users["outsider"]).get(url).status_code == 200
    assert client_for(world.users["member"]).get(url).status_code == 404


def test_a_coordinator_applies_and_the_secretariat_approves_and_activates(world, client_for):
    frederiksberg = world.orgs["147"]
    from digisam.core.models import Role, RoleAssignment

    RoleAssignment.objects.create(user=world.users["plain"], role=Role.COORDINATOR, organisation=frederiksberg)
    applicant = client_for(world.users["plain"])
    assert applicant.post("/samarbejder/alpha/medlemmer/ansoeg/", {"organisation": frederiksberg.pk}).status_code == 302
    membership = Membership.objects.get(collaboration=world.alpha, organisation=frederiksberg)
    assert membership.status == "applicant"
    # The applicant cannot approve itself; the secretariat can.
    url = f"/samarbejder/alpha/medlemmer/{membership.pk}/approve/"
    assert applicant.post(url).status_code == 403
    secretariat = client_for(world.users["secretariat"])
    secretariat.post(url, {"confirmed": "yes"})
    secretariat.post(f"/samarbejder/alpha/medlemmer/{membership.pk}/activate/",
                     {"confirmed": "yes", "date": datetime.date.today().isoformat()})
    membership.refresh_from_db()
    assert membership.status == "active" and membership.joined_on == datetime.date.today()
    assert AuditEntry.objects.filter(object_id=str(membership.pk), content_type__model="membership").count() == 3


def test_a_coordinator_cannot_apply_for_another_organisation_or_to_a_closed_collaboration(world, client_for):
    c = client_for(world.users["coordinator"])
    assert c.post("/samarbejder/alpha/medlemmer/ansoeg/", {"organisation": world.orgs["147"].pk}).status_code == 403
    world.alpha.open_to_newcomers = False
    world.alpha.save()
    assert not Membership.objects.filter(organisation=world.orgs["147"]).exists()


def test_fractions_may_be_written_with_a_danish_decimal_comma(world, client_for):
    response = client_for(world.users["secretariat"]).post(
        "/samarbejder/alpha/regler/ny/",
        {"body": world.board.pk, "decision_type": "budget", "voting_basis": "per_member",
         "majority": "qualified", "qualified_fraction": "0,75", "quorum_fraction": "1/2"},
    )
    assert response.status_code == 302
    rule = DecisionRule.objects.get(collaboration=world.alpha, decision_type="budget")
    assert rule.qualified_fraction == "0.75"
