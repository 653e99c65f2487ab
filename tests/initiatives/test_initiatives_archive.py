"""Issue 11 hole 6, the archive: what cannot be deleted (a closed vote, the collaboration and body
holding it) is archived instead — by whoever may delete it, audited, out of default lists and
pickers, readable with a banner, and read-only with everything under it until it is restored."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from factories.initiatives import build_scene

from digisam.collaborations.models import Body, Membership
from digisam.core import services
from digisam.core.models import AuditEntry
from digisam.initiatives import services as initiative_services
from digisam.initiatives.models import Ballot, Initiative, Proposal

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed(world):
    scene = build_scene(world)
    proposal = scene.proposal
    initiative_services.open_proposal(proposal, user=world.users["secretariat"])
    initiative_services.cast_ballot(proposal, world.orgs["165"], user=world.users["coordinator"], choice="yes")
    proposal.refresh_from_db()
    initiative_services.close_proposal(proposal, user=world.users["secretariat"])
    proposal.refresh_from_db()
    return world, proposal


def _archive_entries(obj):
    """The audit entries that archived `obj` (archived_at went from empty to a time)."""
    entries = AuditEntry.objects.filter(content_type__model=obj._meta.model_name, object_id=str(obj.pk),
                                        action="update")
    return [e for e in entries if not (e.before or {}).get("archived_at") and (e.after or {}).get("archived_at")]


def test_the_secretariat_archives_a_closed_proposal_through_the_confirmation_and_it_is_audited(closed, client_for):
    world, proposal = closed
    client = client_for(world.users["secretariat"])
    url = f"/arkiv/initiatives/proposal/{proposal.pk}/arkiver/"
    page = client.get(url)
    assert page.status_code == 200 and "Arkivér" in page.content.decode()
    proposal.refresh_from_db()
    assert proposal.archived_at is None  # a GET never writes
    assert client.post(url, {}).status_code == 400  # not confirmed: nothing happens
    response = client.post(url, {"confirmed": "yes"})
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.archived_at is not None and proposal.archived_by == world.users["secretariat"]
    entry = AuditEntry.objects.filter(content_type__model="proposal", object_id=str(proposal.pk)).latest("pk")
    assert entry.action == "update" and entry.user == world.users["secretariat"] and entry.channel == "ui"
    assert entry.before["archived_at"] is None and entry.after["archived_at"]
    assert entry.after["archived_by_id"] == world.users["secretariat"].pk


def test_an_archived_proposal_is_readable_with_a_banner_and_leaves_the_default_list(closed, client_for):
    world, proposal = closed
    services.archive(proposal, user=world.users["secretariat"])
    client = client_for(world.users["member"])
    detail = client.get(proposal.get_absolute_url())
    assert detail.status_code == 200
    text = detail.content.decode()
    today = timezone.localtime().strftime("%d.%m.%Y")
    assert f"Arkiveret {today} af secretariat" in text
    assert "Gendan fra arkivet" not in text  # a member user may not restore it
    from django.urls import reverse

    list_url = reverse("initiatives:proposals", args=["alpha"])
    assert proposal.title not in client.get(list_url).content.decode()
    shown = client.get(list_url + "?archived=true").content.decode()
    assert proposal.title in shown and "Skjul arkiverede" in shown


def test_an_archived_proposal_refuses_changes_and_new_ballots(closed, api_for):
    world, proposal = closed
    services.archive(proposal, user=world.users["secretariat"])
    proposal = Proposal.objects.get(pk=proposal.pk)
    proposal.title = "Omskrevet historie"
    with pytest.raises(ValidationError) as error:
        services.save(proposal, user=world.users["secretariat"])
    assert "arkiveret" in " ".join(error.value.messages)
    ballot = Ballot.objects.get(proposal=proposal)
    ballot.choice = "no"
    with pytest.raises((ValidationError, PermissionDenied)):
        services.save(ballot, user=world.users["admin"])
    with pytest.raises((ValidationError, PermissionDenied)):
        services.save(Ballot(proposal=proposal, organisation=world.orgs["151"], choice="no"), user=world.users["admin"])
    response = api_for(world.users["secretariat"]).patch(f"/api/proposals/{proposal.pk}/", {"title": "Nyt"},
                                                          format="json")
    assert response.status_code == 400 and "arkiveret" in str(response.json())
    assert Proposal.objects.get(pk=proposal.pk).title != "Nyt"
    assert Ballot.objects.get(pk=ballot.pk).choice == "yes"


def test_only_those_who_may_delete_archive_and_restore(closed, client_for, api_for):
    world, proposal = closed
    for role in ("member", "coordinator", "observer", "outsider"):
        with pytest.raises(PermissionDenied):
            services.archive(proposal, user=world.users[role])
        response = api_for(world.users[role]).post(f"/api/proposals/{proposal.pk}/archive/")
        assert response.status_code in (403, 404), (role, response.status_code)
        page = client_for(world.users[role]).post(f"/arkiv/initiatives/proposal/{proposal.pk}/arkiver/",
                                                 {"confirmed": "yes"})
        assert page.status_code in (403, 404), (role, page.status_code)
    assert Proposal.objects.get(pk=proposal.pk).archived_at is None
    assert not _archive_entries(proposal)
    services.archive(proposal, user=world.users["secretariat"])
    with pytest.raises(PermissionDenied):
        services.unarchive(proposal, user=world.users["coordinator"])
    assert Proposal.objects.get(pk=proposal.pk).archived_at is not None


def test_restoring_makes_it_writable_again_and_is_audited(closed, client_for):
    world, proposal = closed
    services.archive(proposal, user=world.users["secretariat"])
    client = client_for(world.users["secretariat"])
    assert "Gendan fra arkivet" in client.get(proposal.get_absolute_url()).content.decode()
    response = client.post(f"/arkiv/initiatives/proposal/{proposal.pk}/gendan/", {"confirmed": "yes"})
    assert response.status_code == 302
    proposal = Proposal.objects.get(pk=proposal.pk)
    assert proposal.archived_at is None and proposal.archived_by is None
    entry = AuditEntry.objects.filter(content_type__model="proposal", object_id=str(proposal.pk)).latest("pk")
    assert entry.before["archived_at"] and entry.after["archived_at"] is None
    proposal.title = "Nu må den ændres"
    services.save(proposal, user=world.users["secretariat"])
    with pytest.raises(ValidationError):
        services.unarchive(proposal, user=world.users["secretariat"])  # not archived


def test_a_refused_delete_offers_archive_in_ui_and_api(closed, client_for, api_for):
    world, proposal = closed
    body = proposal.body  # holds the closed vote (PROTECT): its delete is refused
    response = client_for(world.users["secretariat"]).post(f"/samarbejder/alpha/organer/{body.pk}/slet/")
    assert response.status_code == 302
    assert response["Location"] == f"/arkiv/collaborations/body/{body.pk}/arkiver/"
    assert Body.objects.filter(pk=body.pk).exists()
    api = api_for(world.users["secretariat"]).delete(f"/api/proposals/{proposal.pk}/")
    assert api.status_code == 400 and "Arkivér" in str(api.json())
    archived = api_for(world.users["secretariat"]).post(f"/api/proposals/{proposal.pk}/archive/")
    assert archived.status_code == 200 and archived.json()["archived_at"]
    again = api_for(world.users["secretariat"]).post(f"/api/proposals/{proposal.pk}/archive/")
    assert again.status_code == 400
    listed = api_for(world.users["secretariat"]).get("/api/proposals/").json()
    ids = [row["id"] for row in listed["results"]]
    assert proposal.pk not in ids
    archived_ids = [row["id"] for row in api_for(world.users["secretariat"]).get(
        "/api/proposals/?archived=true").json()["results"]]
    assert archived_ids == [proposal.pk]
    [entry] = _archive_entries(proposal)
    assert entry.channel == "api"
    restored = api_for(world.users["secretariat"]).post(f"/api/proposals/{proposal.pk}/unarchive/")
    assert restored.status_code == 200 and restored.json()["archived_at"] is None


def test_an_archived_collaboration_is_read_only_throughout_and_leaves_pickers(closed, client_for, api_for):
    world, proposal = closed
    admin = world.users["admin"]
    response = api_for(admin).post("/api/collaborations/alpha/archive/")
    assert response.status_code == 200, response.content
    with pytest.raises(ValidationError):
        services.save(Membership(collaboration=world.alpha, organisation=world.orgs["147"], status="active",
                                 joined_on=timezone.localdate()),
                      user=admin)
    body = Body.objects.get(pk=world.board.pk)
    body.name = "Ny bestyrelse"
    with pytest.raises(ValidationError):
        services.save(body, user=admin)
    with pytest.raises(ValidationError):
        services.unarchive(proposal, user=admin)  # not archived itself
    with pytest.raises(ValidationError):
        services.archive(proposal, user=admin)  # under an archived collaboration: restore that first
    assert "Alfa-samarbejdet" not in client_for(admin).get("/samarbejder/").content.decode()
    assert "Alfa-samarbejdet" in client_for(admin).get("/samarbejder/?archived=true").content.decode()
    page = client_for(admin).get(world.alpha.get_absolute_url())
    assert page.status_code == 200 and "Arkiveret" in page.content.decode()
    assert "alpha" not in [c["slug"] for c in api_for(admin).get("/api/collaborations/").json()["results"]]
    assert api_for(admin).post("/api/collaborations/alpha/unarchive/").status_code == 200
    Membership.objects.get(collaboration=world.alpha, organisation=world.orgs["165"])
    services.save(Membership(collaboration=world.alpha, organisation=world.orgs["147"], status="active",
                                 joined_on=timezone.localdate()), user=admin)


def test_an_archived_initiative_leaves_the_list_and_refuses_changes(world, client_for):
    scene = build_scene(world)
    initiative = Initiative.objects.filter(collaboration=world.alpha).first() or scene.proposal.initiative
    assert initiative is not None
    services.archive(initiative, user=world.users["admin"])
    initiative = Initiative.objects.get(pk=initiative.pk)
    initiative.title = "Ændret"
    with pytest.raises(ValidationError):
        services.save(initiative, user=world.users["admin"])
    stored = Initiative.objects.get(pk=initiative.pk)
    assert f'>{stored.title}<' not in client_for(world.users["admin"]).get("/initiativer/").content.decode()
    assert stored.title in client_for(world.users["admin"]).get("/initiativer/?archived=true").content.decode()
    page = client_for(world.users["admin"]).get(Initiative.objects.get(pk=initiative.pk).get_absolute_url())
    assert page.status_code == 200 and "Arkiveret" in page.content.decode()


def test_an_archived_body_is_not_offered_in_the_pickers_but_an_objects_own_value_stays(world, client_for):
    from digisam.collaborations.models import Body

    retired = Body.objects.create(collaboration=world.alpha, kind="steering_group", name="Nedlagt styregruppe")
    services.archive(retired, user=world.users["secretariat"])
    client = client_for(world.users["secretariat"])
    form = client.get("/initiativer/alpha/beslutninger/ny/").context["form"]
    offered = set(form.fields["body"].queryset.values_list("pk", flat=True))
    assert world.board.pk in offered and retired.pk not in offered
    response = client.post("/initiativer/alpha/beslutninger/ny/", {
        "body": retired.pk, "decision_type": "general", "title": "Under et arkiveret organ"})
    assert response.status_code == 400
    assert "body" in response.context["form"].errors
    assert not Proposal.objects.filter(title="Under et arkiveret organ").exists()
