"""Closing a vote is decided only after a confirmation that names who has not voted and what the
rule then decides; the ballot form preselects nothing (issue 12 item 5)."""

import datetime

import pytest
from django.utils import timezone
from factories.initiatives import build_scene

from digisam.engines.decisions import Ballot as EngineBallot
from digisam.engines.decisions import Member, Rule, tally
from digisam.initiatives import services as initiative_services

pytestmark = pytest.mark.django_db


@pytest.fixture
def opened(world):
    scene = build_scene(world)
    proposal = scene.proposal
    proposal.deadline = timezone.now() + datetime.timedelta(days=7)
    proposal.save()
    initiative_services.open_proposal(proposal, user=world.users["secretariat"])
    initiative_services.cast_ballot(proposal, world.orgs["165"], user=world.users["coordinator"], choice="yes",
                        comment="Vi støtter det")
    return scene


def test_closing_early_asks_first_and_names_the_members_without_a_vote_and_the_outcome(world, opened, client_for):
    proposal = opened.proposal
    client = client_for(world.users["secretariat"])
    url = f"/initiativer/beslutninger/{proposal.pk}/close/"
    page = client.get(url).content.decode()
    assert "før fristen" in page and "1 af 2 medlemmer har stemt" in page and "Ballerup" in page
    assert "Vedtaget" in page and "går videre til fasen" in page
    response = client.post(url)  # without the confirmation: only the page again
    assert response.status_code == 200 and 'name="confirmed"' in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == "open"
    assert client.post(url, {"confirmed": "yes"}).status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == "closed"


def test_the_confirmation_is_for_those_who_may_close(world, opened, client_for):
    url = f"/initiativer/beslutninger/{opened.proposal.pk}/close/"
    assert client_for(world.users["coordinator"]).get(url).status_code == 403
    assert client_for(world.users["coordinator"]).post(url, {"confirmed": "yes"}).status_code == 403


def test_the_ballot_form_preselects_nothing_and_does_not_carry_the_old_comment(world, opened, client_for):
    html = client_for(world.users["coordinator"]).get(opened.proposal.get_absolute_url()).content.decode()
    form = html.split('data-testid="vote-form-')[1].split("</form>")[0]
    assert '<textarea class="form-input" name="comment" id="comment-' in form
    assert "Vi støtter det</textarea>" not in form
    opened.proposal.ballots.all().delete()
    html = client_for(world.users["coordinator"]).get(opened.proposal.get_absolute_url()).content.decode()
    form = html.split('data-testid="vote-form-')[1].split("</form>")[0]
    assert '<option value="" selected>' in form and '"yes" selected' not in form


def test_an_admin_sees_no_ballot_forms_for_members_it_does_not_represent(world, opened, client_for):
    html = client_for(world.users["admin"]).get(opened.proposal.get_absolute_url()).content.decode()
    assert 'data-testid="vote-form-' not in html


def test_one_vote_is_one_stemme():
    members = [Member(key="a", name="A"), Member(key="b", name="B")]
    result = tally(Rule(), members, [EngineBallot(member="a", choice="yes")])
    assert "med 1 stemme for," in result.statement
