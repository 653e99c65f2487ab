"""The API: every endpoint in the schema refuses anonymous users and answers every role without
errors; writes follow the same permissions as the UI; bad input is 400 with field errors."""

import pytest
from django.urls import reverse

from digisam.collaborations.models import Body
from digisam.core.models import AuditEntry

pytestmark = pytest.mark.django_db

ROLES = ["admin", "secretariat", "coordinator", "member", "finance", "observer", "outsider", "plain"]


def schema_paths(api_for, user):
    response = api_for(user).get("/api/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    import json

    return json.loads(response.content)["paths"]


def list_endpoints(paths):
    return [p for p, ops in paths.items() if "get" in ops and "{" not in p]


def test_schema_lists_the_domain_endpoints(world, api_for):
    paths = schema_paths(api_for, world.users["admin"])
    for expected in ("/api/collaborations/", "/api/memberships/", "/api/bodies/", "/api/decision-rules/",
                     "/api/organisations/", "/api/audit-entries/"):
        assert expected in paths


def test_every_list_endpoint_refuses_anonymous_and_answers_every_role(world, api_for):
    paths = list_endpoints(schema_paths(api_for, world.users["admin"]))
    failures = []
    for path in paths:
        if path.startswith("/api/schema") or path.startswith("/api/docs"):
            continue
        status = api_for(None).get(path).status_code
        if status not in (401, 403):
            failures.append(f"anonymous GET {path}: {status}")
        for role in ROLES:
            status = api_for(world.users[role]).get(path).status_code
            if status != 200:
                failures.append(f"{role} GET {path}: {status}")
    assert not failures, "\n".join(failures)


def test_every_detail_endpoint_hides_what_the_role_may_not_read(world, api_for):
    member = api_for(world.users["member"])
    assert member.get("/api/collaborations/alpha/").status_code == 200
    assert member.get("/api/collaborations/beta/").status_code == 404
    assert member.get(f"/api/bodies/{world.beta_board.pk}/").status_code == 404
    assert api_for(world.users["outsider"]).get(f"/api/bodies/{world.beta_board.pk}/").status_code == 200
    names = [c["slug"] for c in member.get("/api/collaborations/").json()["results"]]
    assert names == ["alpha"]


@pytest.mark.parametrize(
    "role, status",
    [("admin", 201), ("secretariat", 201), ("coordinator", 403), ("member", 403), ("observer", 403), ("plain", 403)],
)
def test_creating_a_body_in_alpha_by_role(world, api_for, role, status):
    response = api_for(world.users[role]).post(
        "/api/bodies/", {"collaboration": world.alpha.pk, "kind": "working_group", "name": "Arbejdsgruppe X"},
        format="json",
    )
    assert response.status_code == status, response.content
    assert Body.objects.filter(name="Arbejdsgruppe X").exists() == (status == 201)
    if status == 201:
        entry = AuditEntry.objects.get(object_id=str(response.json()["id"]), content_type__model="body")
        assert entry.channel == "api" and entry.user == world.users[role]


@pytest.mark.parametrize("role, status", [("admin", 200), ("secretariat", 403), ("coordinator", 200), ("member", 403),
                                          ("outsider", 403)])
def test_updating_albertslund_by_role(world, api_for, role, status):
    slug = world.orgs["165"].slug
    response = api_for(world.users[role]).patch(f"/api/organisations/{slug}/", {"phone": "43 68 68 68"}, format="json")
    assert response.status_code == status


def test_invalid_input_is_400_with_field_errors_never_500(world, api_for):
    secretariat = api_for(world.users["secretariat"])
    response = secretariat.post("/api/decision-rules/", {
        "collaboration": world.alpha.pk, "body": world.board.pk, "decision_type": "statutes",
        "majority": "qualified", "qualified_fraction": "", "quorum_fraction": "abc"}, format="json")
    assert response.status_code == 400
    assert "quorum_fraction" in response.json()
    response = secretariat.post("/api/decision-rules/", {
        "collaboration": world.alpha.pk, "body": world.board.pk, "decision_type": "statutes",
        "majority": "qualified", "qualified_fraction": ""}, format="json")
    assert response.status_code == 400
    assert "qualified_fraction" in response.json()
    response = secretariat.post("/api/bodies/", {"collaboration": world.alpha.pk, "kind": "nonsense"}, format="json")
    assert response.status_code == 400
    assert "kind" in response.json() and "name" in response.json()
    response = secretariat.post("/api/bodies/", {"collaboration": world.alpha.pk, "kind": "strategic_forum",
                                                 "name": "Forum"}, format="json")
    assert response.status_code == 400
    assert "member_organisation" in response.json()


def test_deleting_through_the_api_is_audited(world, api_for):
    response = api_for(world.users["secretariat"]).delete(f"/api/bodies/{world.board.pk}/")
    assert response.status_code == 204
    entry = AuditEntry.objects.get(object_id=str(world.board.pk), content_type__model="body", action="delete")
    assert entry.before["name"] == "Bestyrelsen" and entry.after is None


def test_token_is_issued_for_valid_credentials(world, client):
    response = client.post(reverse("api-token"), {"username": "member", "password": "test-password-123"})
    assert response.status_code == 200 and response.json()["token"]


READ_ONLY_ROLES = ["observer", "member", "plain"]


def test_read_only_roles_are_refused_every_write_in_the_schema(world, api_for):
    """Walks the schema: every POST is 403 for read-only roles, and every PUT/PATCH/DELETE on an
    object they can read is 403 — whatever the app."""
    paths = schema_paths(api_for, world.users["admin"])
    failures = []
    for path, operations in paths.items():
        if path.startswith("/api/token"):
            continue
        for role in READ_ONLY_ROLES:
            client = api_for(world.users[role])
            if "post" in operations and "{" not in path:
                status = client.post(path, {}, format="json").status_code
                if status != 403:
                    failures.append(f"{role} POST {path}: {status}")
            if "{" in path and path.count("{") == 1 and any(m in operations for m in ("put", "patch", "delete")):
                listing = client.get(path.split("{")[0]).json()
                results = listing.get("results", listing) if isinstance(listing, dict) else listing
                if not results:
                    continue
                lookup = path.split("{")[1].split("}")[0]
                key = results[0].get(lookup if lookup in results[0] else "id")
                detail = path.replace("{" + lookup + "}", str(key))
                for method in ("put", "patch", "delete"):
                    if method in operations:
                        status = getattr(client, method)(detail, {}, format="json").status_code
                        if status not in (403, 405):
                            failures.append(f"{role} {method.upper()} {detail}: {status}")
    assert not failures, "\n".join(failures)
