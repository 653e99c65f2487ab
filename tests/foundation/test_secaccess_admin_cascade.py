"""Issue 11, hole 12 and issue 16 item 4: making a user superuser in the Django admin leaves an
audit entry (without the password hash), and a cascaded delete logs every row it removes."""

from digisam.core import services
from digisam.core.models import AuditEntry


def _user_form(user, **changes):
    data = {"username": user.username, "first_name": "", "last_name": "", "email": "", "is_active": "on",
            "last_login_0": "", "last_login_1": "", "date_joined_0": "2026-01-01", "date_joined_1": "12:00:00",
            "initial-date_joined_0": "2026-01-01", "initial-date_joined_1": "12:00:00"}
    data.update(changes)
    return data


def test_making_a_user_superuser_in_the_admin_is_audited_without_the_password(world, client_for):
    target = world.users["plain"]
    client = client_for(world.users["admin"])
    url = f"/admin/auth/user/{target.pk}/change/"
    assert client.get(url).status_code == 200
    response = client.post(url, _user_form(target, is_superuser="on", is_staff="on"))
    assert response.status_code == 302, response.content.decode()[:2000]
    target.refresh_from_db()
    assert target.is_superuser
    entry = AuditEntry.objects.get(content_type__model="user", object_id=str(target.pk), action="update")
    assert entry.user == world.users["admin"]
    assert entry.before["is_superuser"] is False and entry.after["is_superuser"] is True
    assert target.password not in str(entry.before) + str(entry.after)
    assert entry.after["password"].startswith("sha256:")


def test_a_password_change_in_the_admin_is_audited_as_a_fingerprint(world, client_for):
    target = world.users["plain"]
    client = client_for(world.users["admin"])
    response = client.post(f"/admin/auth/user/{target.pk}/password/",
                           {"password1": "Et-nyt-kodeord-2026", "password2": "Et-nyt-kodeord-2026"})
    assert response.status_code == 302
    entry = AuditEntry.objects.get(content_type__model="user", object_id=str(target.pk), action="update")
    assert entry.changed_fields == ["password"]
    target.refresh_from_db()
    assert target.password not in str(entry.after)


def test_user_entries_are_for_platform_admins_only(world, client_for, api_for):
    target = world.users["plain"]
    target.is_staff = True
    services.save(target, user=world.users["admin"])
    for role in ("secretariat", "coordinator", "member", "observer", "plain"):
        rows = api_for(world.users[role]).get("/api/audit-entries/").json()["results"]
        assert not [r for r in rows if r["object_type"] == "auth.user"], role
    rows = api_for(world.users["admin"]).get("/api/audit-entries/").json()["results"]
    assert [r for r in rows if r["object_type"] == "auth.user"]


def test_deleting_a_collaboration_logs_every_row_it_removes(world):
    from digisam.collaborations.models import Body, Collaboration, DecisionRule, Membership, Seat

    gamma = Collaboration.objects.create(name="Gamma", slug="gamma", purposes=["procurement"],
                                         organisation_form="association")
    membership = Membership.objects.create(collaboration=gamma, organisation=world.orgs["147"], status="applicant")
    body = Body.objects.create(collaboration=gamma, kind="board", name="Gamma-bestyrelse")
    rule = DecisionRule.objects.create(collaboration=gamma, body=body, decision_type="general")
    seat = Seat.objects.create(body=body, person="Bo")
    removed = {("membership", membership.pk), ("body", body.pk), ("decisionrule", rule.pk), ("seat", seat.pk),
               ("collaboration", gamma.pk)}
    services.delete(gamma, user=world.users["admin"])
    entries = AuditEntry.objects.filter(action="delete")
    logged = {(e.content_type.model, int(e.object_id)) for e in entries}
    assert removed <= logged
    assert len({e.request_id for e in entries}) == 1
