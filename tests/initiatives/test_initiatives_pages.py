"""The pages write through the forms and the audited service: proposals, meetings, actions, fora,
escalation, phase models, business cases, benefit maps and participation."""

import datetime

import pytest
from django.utils import timezone
from factories.initiatives import build_scene

from digisam.core.models import AuditEntry
from digisam.initiatives.models import (
    ActionItem,
    BusinessCase,
    ForumPosition,
    Initiative,
    MapElement,
    Meeting,
    Participation,
    PhaseModel,
    Proposal,
    ProposalDocument,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene(world):
    return build_scene(world)


def test_secretariat_creates_a_proposal_with_a_document_and_a_meeting_with_actions(world, scene, client_for):
    c = client_for(world.users["secretariat"])
    deadline = (timezone.localtime() + datetime.timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    response = c.post("/initiativer/alpha/beslutninger/ny/", {
        "body": world.board.pk, "decision_type": "general", "title": "Ny timesats", "text": "650 kr.",
        "deadline": deadline})
    assert response.status_code == 302, response.content.decode()[:2000]
    proposal = Proposal.objects.get(title="Ny timesats")
    assert c.post(f"/initiativer/beslutninger/{proposal.pk}/bilag/nyt/",
                  {"title": "Notat", "url": "https://example.dk/notat.pdf"}).status_code == 302
    assert ProposalDocument.objects.filter(proposal=proposal).exists()
    assert c.post(f"/initiativer/beslutninger/{proposal.pk}/bilag/nyt/", {"title": "Tomt"}).status_code == 400
    response = c.post("/initiativer/alpha/moeder/nyt/", {
        "body": scene.steering.pk, "title": "Møde 2", "date": "2026-05-01T10:00", "agenda": "1. ESDH",
        "attendees": [world.orgs["165"].pk, world.orgs["151"].pk], "minutes": "", "minutes_approved": "on"})
    assert response.status_code == 400  # minutes cannot be approved before they are written
    response = c.post("/initiativer/alpha/moeder/nyt/", {
        "body": scene.steering.pk, "title": "Møde 2", "date": "2026-05-01T10:00", "agenda": "1. ESDH",
        "attendees": [world.orgs["165"].pk], "minutes": "Besluttet: GO", "minutes_approved": "on"})
    assert response.status_code == 302
    meeting = Meeting.objects.get(title="Møde 2")
    assert list(meeting.attendees.all()) == [world.orgs["165"]]
    assert c.post(f"/initiativer/moeder/{meeting.pk}/handlinger/ny/", {
        "description": "Opdatér business case", "owner": "Anne", "owner_organisation": world.orgs["165"].pk,
        "deadline": "2026-06-01"}).status_code == 302
    assert ActionItem.objects.get().meeting == meeting
    page = c.get(f"/initiativer/moeder/{meeting.pk}/").content.decode()
    assert "Opdatér business case" in page and "Besluttet: GO" in page


def test_opening_a_vote_needs_a_rule_for_the_body(world, scene, client_for):
    from digisam.collaborations.models import Body

    working = Body.objects.create(collaboration=world.alpha, kind="working_group", name="Arbejdsgruppe")
    proposal = Proposal.objects.create(collaboration=world.alpha, body=working, title="Uden regel")
    response = client_for(world.users["secretariat"]).post(f"/initiativer/beslutninger/{proposal.pk}/open/",
                                                           follow=True)
    assert "ingen beslutningsregel" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == "draft"


def test_fora_positions_and_escalation_through_the_pages(world, scene, client_for):
    from digisam.collaborations.models import Body, DecisionRule

    directors = Body.objects.create(collaboration=world.alpha, kind="directors_circle", name="Direktørerne")
    DecisionRule.objects.create(collaboration=world.alpha, body=directors, decision_type="general")
    DecisionRule.objects.create(collaboration=world.alpha, body=world.board, decision_type="voluntary_project",
                                escalation_body=directors)
    fora = [Body.objects.create(collaboration=world.alpha, kind="strategic_forum", name=f"Forum {code}",
                                member_organisation=world.orgs[code]) for code in ("165", "151")]
    proposal = Proposal.objects.create(collaboration=world.alpha, body=world.board, decision_type="voluntary_project",
                                       title="Fælles udbud", text="Indstilling")
    c = client_for(world.users["secretariat"])
    for forum, timing in zip(fora, ("2027", "2028"), strict=True):
        response = c.post(f"/initiativer/beslutninger/{proposal.pk}/fora/ny/", {
            "forum": forum.pk, "approve": "on", "timing": timing, "decided_on": "2026-01-10"})
        assert response.status_code == 302
    assert ForumPosition.objects.count() == 2
    page = c.get(f"/initiativer/beslutninger/{proposal.pk}/").content.decode()
    assert "uenige om tidsramme" in page and 'data-testid="escalate"' in page
    response = c.post(f"/initiativer/beslutninger/{proposal.pk}/escalate/")
    escalation = Proposal.objects.get(parent=proposal)
    assert response.url == f"/initiativer/beslutninger/{escalation.pk}/"
    assert escalation.body == directors and "Forum 151: 2028" in escalation.case_statement
    # a member's coordinator cannot record a forum's decision or escalate
    coordinator = client_for(world.users["coordinator"])
    assert coordinator.post(f"/initiativer/beslutninger/{proposal.pk}/escalate/").status_code == 403


def test_phase_model_from_template_and_initiative_with_it(world, client_for):
    c = client_for(world.users["secretariat"])
    assert c.post("/initiativer/alpha/fasemodeller/ny/", {"template": "silkeborg_viborg", "name": ""}).status_code == 302
    model = PhaseModel.objects.get(collaboration=world.alpha, name__startswith="Silkeborg")
    assert model.phases == ["Definering", "Harmonisering", "Organisationsetablering"]
    assert c.post("/initiativer/alpha/fasemodeller/ny/", {"name": "Egen", "phases": "A; B"}).status_code == 302
    assert PhaseModel.objects.get(name="Egen").phases == ["A", "B"]
    response = c.post("/initiativer/alpha/nyt/", {
        "title": "Fælles drift", "kind": "voluntary", "owner_organisation": world.orgs["153"].pk,
        "owner_person": "X", "purpose": "P", "phase_model": model.pk, "current_phase": 0, "status": "on_track",
        "lifecycle": "proposed"})
    assert response.status_code == 400  # Brøndby is not a member of alpha
    response = c.post("/initiativer/alpha/nyt/", {
        "title": "Fælles drift", "kind": "voluntary", "owner_organisation": world.orgs["151"].pk,
        "owner_person": "X", "purpose": "P", "phase_model": model.pk, "current_phase": 0, "status": "on_track",
        "lifecycle": "proposed", "system_categories": "ESDH; Økonomi"})
    assert response.status_code == 302
    initiative = Initiative.objects.get(title="Fælles drift")
    assert initiative.system_categories == ["ESDH", "Økonomi"] and initiative.phase_name == "Definering"
    assert AuditEntry.objects.filter(object_repr="Fælles drift", user=world.users["secretariat"]).exists()


def test_business_case_and_benefit_map_through_the_pages(world, scene, client_for):
    c = client_for(world.users["secretariat"])
    initiative = scene.hidden
    assert c.post(f"/initiativer/i/{initiative.pk}/business-case/", {
        "start_year": 2026, "horizon": 5, "discount_rate": "3.5"}).status_code == 302
    case = BusinessCase.objects.get(initiative=initiative)
    assert c.post(f"/initiativer/business-case/{case.pk}/linjer/ny/", {
        "organisation": world.orgs["165"].pk, "scenario": 1, "kind": "investment", "year": 2026, "low": "200",
        "likely": "100", "high": "300"}).status_code == 400  # low above most likely
    assert c.post(f"/initiativer/i/{initiative.pk}/gevinstkort/nyt/", {
        "level": "deliverable", "label": "Ny platform"}).status_code == 302
    assert MapElement.objects.filter(initiative=initiative).count() == 1
    # another initiative's case lines are not reachable through this case
    assert c.get(f"/initiativer/business-case/{case.pk}/linjer/{scene.line.pk}/").status_code == 404


def test_a_coordinator_opts_its_member_out_with_a_reason(world, scene, client_for):
    c = client_for(world.users["coordinator"])
    url = f"/initiativer/i/{scene.initiative.pk}/deltagelse/{world.orgs['165'].pk}/"
    assert c.post(url, {"choice": "out", "reason": "", "decided_on": "2026-01-01"}).status_code == 400
    assert c.post(url, {"choice": "out", "reason": "Egen løsning", "decided_on": "2026-01-01"}).status_code == 302
    assert c.post(url, {"choice": "in", "reason": "", "decided_on": "2026-02-01"}).status_code == 302
    assert Participation.objects.get().choice == "in"
    entries = AuditEntry.objects.filter(content_type__model="participation")
    assert entries.count() == 2 and {e.user for e in entries} == {world.users["coordinator"]}


def test_a_closed_vote_refuses_ballots_through_the_page(world, scene, client_for):
    from digisam.initiatives import services as initiative_services

    initiative_services.open_proposal(scene.proposal, user=world.users["secretariat"])
    url = f"/initiativer/beslutninger/{scene.proposal.pk}/stem/{world.orgs['165'].pk}/"
    assert client_for(world.users["coordinator"]).post(url, {"choice": "no"}).status_code == 302
    initiative_services.close_proposal(scene.proposal, user=world.users["secretariat"])
    assert client_for(world.users["coordinator"]).post(url, {"choice": "yes"}).status_code == 403
    assert scene.proposal.ballots.get().choice == "no"
    page = client_for(world.users["member"]).get(f"/initiativer/beslutninger/{scene.proposal.pk}/").content.decode()
    assert "Forslaget er forkastet" in page and 'data-testid="vote"' not in page
