"""Issue 11, hole 6 and issue 16 item 4: decisions are never erased. A closed vote and its ballots
cannot be deleted — not through the API, not with the collaboration it belongs to; deleting an open
proposal logs each ballot it removes."""

import pytest
from factories.initiatives import build_scene

from digisam.core import services
from digisam.core.models import AuditEntry
from digisam.initiatives import services as initiative_services
from digisam.initiatives.models import Ballot, Proposal


@pytest.fixture
def voted(world):
    scene = build_scene(world)
    proposal = scene.proposal
    initiative_services.open_proposal(proposal, user=world.users["secretariat"])
    initiative_services.cast_ballot(proposal, world.orgs["165"], user=world.users["coordinator"], choice="yes")
    proposal.refresh_from_db()
    return world, proposal


def test_a_closed_proposal_and_its_ballots_cannot_be_deleted(voted, api_for):
    world, proposal = voted
    initiative_services.close_proposal(proposal, user=world.users["secretariat"])
    for role in ("secretariat", "admin"):
        response = api_for(world.users[role]).delete(f"/api/proposals/{proposal.pk}/")
        assert response.status_code == 400, response.content
    assert Proposal.objects.filter(pk=proposal.pk).exists()
    assert Ballot.objects.filter(proposal=proposal).count() == 1


def test_a_collaboration_with_a_closed_vote_cannot_be_deleted(voted):
    from django.core.exceptions import ValidationError
    from django.db.models import ProtectedError

    world, proposal = voted
    initiative_services.close_proposal(proposal, user=world.users["secretariat"])
    with pytest.raises((ValidationError, ProtectedError)):
        services.delete(world.alpha, user=world.users["admin"])
    assert Ballot.objects.filter(proposal=proposal).count() == 1


def test_deleting_an_open_proposal_logs_every_ballot_it_removes(voted):
    world, proposal = voted
    ballot = Ballot.objects.get(proposal=proposal)
    proposal_pk = proposal.pk
    services.delete(proposal, user=world.users["secretariat"])
    entry = AuditEntry.objects.get(content_type__model="ballot", object_id=str(ballot.pk), action="delete")
    assert entry.before["choice"] == "yes"
    assert entry.user_repr == "secretariat"
    parent = AuditEntry.objects.get(content_type__model="proposal", object_id=str(proposal_pk), action="delete")
    assert parent.request_id == entry.request_id
