"""The permission matrix of the initiatives app: every page and API endpoint, for every role."""

import pytest
from factories.initiatives import build_scene

pytestmark = pytest.mark.django_db

ROLES = ["admin", "secretariat", "coordinator", "member", "finance", "observer", "outsider", "plain"]


@pytest.fixture
def scene(world):
    return build_scene(world)


def only(*roles, other=403, **special):
    result = {r: other for r in ROLES}
    result.update({r: 200 for r in roles})
    result.update(special)
    return result


READERS = ("admin", "secretariat", "coordinator", "member", "finance")


def page_matrix(w, s):
    i, b = s.initiative.pk, s.benefit.pk
    everyone = only(*ROLES)
    manage = only("admin", "secretariat")  # others who read it: 403
    manage_published = manage  # published objects: everybody reads, only the secretariat writes
    hidden_manage = {**manage, "observer": 404, "outsider": 404, "plain": 404}
    beta_hidden = {**{r: 404 for r in ROLES}, "admin": 200, "outsider": 200}
    return [
        ("/initiativer/", everyone),
        ("/initiativer/notifikationer/", everyone),
        ("/initiativer/alpha/", everyone),
        ("/initiativer/beta/", beta_hidden),
        ("/initiativer/alpha/overblik/", everyone),
        ("/initiativer/alpha/overblik/?format=pdf", everyone),
        ("/initiativer/beta/overblik/", beta_hidden),
        ("/initiativer/alpha/deltagelse/", everyone),
        ("/initiativer/alpha/beslutninger/", everyone),
        ("/initiativer/alpha/moeder/", everyone),
        (f"/initiativer/i/{i}/", everyone),
        (f"/initiativer/i/{s.hidden.pk}/", {**only(*READERS), "observer": 404, "outsider": 404, "plain": 404}),
        (f"/initiativer/i/{s.beta_initiative.pk}/", beta_hidden),
        ("/initiativer/alpha/nyt/", manage),
        ("/initiativer/beta/nyt/", {**beta_hidden, "outsider": 403}),
        ("/initiativer/alpha/fasemodeller/ny/", manage),
        (f"/initiativer/i/{i}/rediger/", manage_published),
        (f"/initiativer/i/{s.hidden.pk}/rediger/", hidden_manage),
        (f"/initiativer/i/{i}/gevinster/ny/", manage_published),
        (f"/initiativer/i/{i}/gevinster/{b}/", manage_published),
        (f"/initiativer/gevinster/{b}/forventning/ny/", manage_published),
        (f"/initiativer/gevinster/{b}/realiseret/ny/", manage_published),
        (f"/initiativer/i/{i}/budget/ny/", manage_published),
        (f"/initiativer/i/{i}/gevinstkort/nyt/", manage_published),
        (f"/initiativer/i/{i}/business-case/", manage_published),
        (f"/initiativer/business-case/{s.case.pk}/linjer/ny/", manage_published),
        (f"/initiativer/i/{i}/beslutningspunkter/nyt/", manage_published),
        (f"/initiativer/beslutningspunkter/{s.gate.pk}/beslutning/", manage_published),
        # a member's coordinator chooses for its own organisation only
        (f"/initiativer/i/{i}/deltagelse/{w.orgs['165'].pk}/", only("admin", "secretariat", "coordinator")),
        (f"/initiativer/i/{i}/deltagelse/{w.orgs['151'].pk}/", manage_published),
        (f"/initiativer/beslutninger/{s.proposal.pk}/", everyone),
        (f"/initiativer/beslutninger/{s.beta_proposal.pk}/", beta_hidden),
        (f"/initiativer/beslutninger/{s.proposal.pk}/rediger/", manage_published),
        ("/initiativer/alpha/beslutninger/ny/", manage),
        (f"/initiativer/beslutninger/{s.proposal.pk}/bilag/nyt/", manage_published),
        (f"/initiativer/beslutninger/{s.proposal.pk}/fora/ny/", manage_published),
        (f"/initiativer/moeder/{s.meeting.pk}/", everyone),
        (f"/initiativer/moeder/{s.beta_meeting.pk}/", beta_hidden),
        (f"/initiativer/moeder/{s.meeting.pk}/rediger/", manage_published),
        ("/initiativer/alpha/moeder/nyt/", manage),
        (f"/initiativer/moeder/{s.meeting.pk}/handlinger/ny/", manage_published),
        (f"/initiativer/gevinster/{b}/slet/", manage_published),
    ]


def test_every_page_answers_each_role_as_the_policy_says(world, scene, client_for):
    failures = []
    for url, expected in page_matrix(world, scene):
        anonymous = client_for(None).get(url)
        if anonymous.status_code != 302:
            failures.append((url, "anonymous", anonymous.status_code, 302))
        for role in ROLES:
            status = client_for(world.users[role]).get(url).status_code
            if status != expected[role]:
                failures.append((url, role, status, expected[role]))
    assert failures == []


def test_the_collaboration_page_links_to_initiatives_and_the_dashboard_shows_the_panel(world, scene, client_for):
    from digisam.initiatives import services as initiative_services

    page = client_for(world.users["member"]).get("/samarbejder/alpha/").content.decode()
    assert "/initiativer/alpha/" in page and "/initiativer/alpha/overblik/" in page
    initiative_services.open_proposal(scene.proposal, user=world.users["secretariat"])
    home = client_for(world.users["coordinator"]).get("/").content.decode()
    assert "initiatives-panel" in home and scene.proposal.title in home


def test_writes_by_post_are_refused_for_readers(world, scene, client_for):
    from digisam.initiatives.models import Benefit

    data = {"kind": "strategic", "description": "X", "primary_recipient": "Alle"}
    for role in ("member", "coordinator", "observer", "finance"):
        response = client_for(world.users[role]).post(f"/initiativer/i/{scene.initiative.pk}/gevinster/ny/", data)
        assert response.status_code == 403, role
    response = client_for(world.users["secretariat"]).post(f"/initiativer/i/{scene.initiative.pk}/gevinster/ny/", data)
    assert response.status_code == 302
    assert Benefit.objects.filter(description="X").exists()


def test_only_the_secretariat_opens_and_closes_votes(world, scene, client_for):
    url = f"/initiativer/beslutninger/{scene.proposal.pk}/open/"
    for role in ("member", "coordinator", "observer"):
        assert client_for(world.users[role]).post(url).status_code == 403, role
    assert client_for(world.users["outsider"]).post(url).status_code == 403  # published collaboration: reads it
    assert client_for(world.users["plain"]).post(url).status_code == 403
    assert client_for(world.users["secretariat"]).post(url).status_code == 302
    scene.proposal.refresh_from_db()
    assert scene.proposal.status == "open"


def test_ballots_are_cast_only_by_the_members_own_coordinator(world, scene, client_for):
    from digisam.initiatives import services as initiative_services

    initiative_services.open_proposal(scene.proposal, user=world.users["secretariat"])
    own = f"/initiativer/beslutninger/{scene.proposal.pk}/stem/{world.orgs['165'].pk}/"
    other = f"/initiativer/beslutninger/{scene.proposal.pk}/stem/{world.orgs['151'].pk}/"
    for role in ("secretariat", "member", "finance", "observer", "outsider", "plain"):
        assert client_for(world.users[role]).post(own, {"choice": "yes"}).status_code == 403, role
    assert client_for(world.users["coordinator"]).post(other, {"choice": "yes"}).status_code == 403
    assert client_for(world.users["coordinator"]).post(own, {"choice": "yes"}).status_code == 302
    assert scene.proposal.ballots.get().choice == "yes"


# --- API ----------------------------------------------------------------------------------------

def api_matrix(w, s):
    everyone = only(*ROLES)
    return [
        ("/api/initiatives/", everyone),
        (f"/api/initiatives/{s.initiative.pk}/", everyone),
        (f"/api/initiatives/{s.hidden.pk}/", {**only(*READERS), "observer": 404, "outsider": 404, "plain": 404}),
        (f"/api/initiatives/{s.beta_initiative.pk}/", {**{r: 404 for r in ROLES}, "admin": 200, "outsider": 200}),
        (f"/api/benefits/{s.benefit.pk}/", everyone),
        (f"/api/benefit-expectations/{s.expectation.pk}/", everyone),
        (f"/api/business-cases/{s.case.pk}/", everyone),
        (f"/api/business-case-lines/{s.line.pk}/", everyone),
        (f"/api/benefit-map-elements/{s.element.pk}/", everyone),
        (f"/api/gates/{s.gate.pk}/", everyone),
        (f"/api/proposals/{s.proposal.pk}/", everyone),
        (f"/api/proposals/{s.beta_proposal.pk}/", {**{r: 404 for r in ROLES}, "admin": 200, "outsider": 200}),
        (f"/api/meetings/{s.meeting.pk}/", everyone),
        (f"/api/phase-models/{s.phases.pk}/", everyone),
        ("/api/ballots/", everyone),
        ("/api/participations/", everyone),
        ("/api/notifications/", everyone),
        ("/api/forum-positions/", everyone),
        ("/api/action-items/", everyone),
        ("/api/benefit-realisations/", everyone),
        ("/api/initiative-budget-lines/", everyone),
    ]


def test_every_api_endpoint_reads_as_the_policy_says(world, scene, api_for):
    failures = []
    for url, expected in api_matrix(world, scene):
        if api_for(None).get(url).status_code not in (401, 403):
            failures.append((url, "anonymous"))
        for role in ROLES:
            status = api_for(world.users[role]).get(url).status_code
            if status != expected[role]:
                failures.append((url, role, status, expected[role]))
    assert failures == []


def test_api_writes_go_through_the_policy_and_the_service(world, scene, api_for):
    from digisam.core.models import AuditEntry

    payload = {"initiative": scene.initiative.pk, "kind": "technological", "description": "API-gevinst",
               "primary_recipient": "Alle"}
    for role in ("coordinator", "member", "observer", "outsider", "plain"):
        assert api_for(world.users[role]).post("/api/benefits/", payload, format="json").status_code in (403, 400), role
    response = api_for(world.users["secretariat"]).post("/api/benefits/", payload, format="json")
    assert response.status_code == 201
    assert AuditEntry.objects.filter(object_repr__contains="API-gevinst", channel="api").exists()
    bad = api_for(world.users["secretariat"]).post("/api/benefits/", {**payload, "kind": "nonsense"}, format="json")
    assert bad.status_code == 400


def test_api_votes_open_cast_and_close_with_audit(world, scene, api_for):
    from digisam.core.models import AuditEntry

    proposal = scene.proposal
    assert api_for(world.users["coordinator"]).post(f"/api/proposals/{proposal.pk}/open/").status_code == 403
    assert api_for(world.users["secretariat"]).post(f"/api/proposals/{proposal.pk}/open/").status_code == 200
    ballot = {"proposal": proposal.pk, "organisation": world.orgs["165"].pk, "choice": "yes"}
    assert api_for(world.users["secretariat"]).post("/api/ballots/", ballot, format="json").status_code == 403
    assert api_for(world.users["outsider"]).post("/api/ballots/", ballot, format="json").status_code == 403
    created = api_for(world.users["coordinator"]).post("/api/ballots/", ballot, format="json")
    assert created.status_code == 201
    assert created.json()["cast_by"] == world.users["coordinator"].pk
    closed = api_for(world.users["secretariat"]).post(f"/api/proposals/{proposal.pk}/close/")
    assert closed.status_code == 200 and closed.json()["outcome"] == "adopted"
    # after closing nothing changes: not even the member's own coordinator
    change = api_for(world.users["coordinator"]).patch(f"/api/ballots/{created.json()['id']}/", {"choice": "no"},
                                                       format="json")
    assert change.status_code in (403, 404)
    entry = AuditEntry.objects.filter(content_type__model="ballot").get()
    assert entry.user == world.users["coordinator"] and entry.channel == "api"
    assert api_for(world.users["secretariat"]).post(f"/api/proposals/{proposal.pk}/close/").status_code == 400


def test_notifications_are_private_to_their_recipient(world, scene, api_for, client_for):
    from digisam.core import services
    from digisam.initiatives.models import Notification

    note = services.save(Notification(user=world.users["member"], kind="decision", message="Til medlem"),
                         user=services.SYSTEM)
    assert api_for(world.users["member"]).get(f"/api/notifications/{note.pk}/").status_code == 200
    for role in ("secretariat", "coordinator", "observer"):
        assert api_for(world.users[role]).get(f"/api/notifications/{note.pk}/").status_code == 404
    assert client_for(world.users["coordinator"]).post(f"/initiativer/notifikationer/{note.pk}/laest/").status_code == 404
    assert client_for(world.users["member"]).post(f"/initiativer/notifikationer/{note.pk}/laest/").status_code == 302
    note.refresh_from_db()
    assert note.read
