"""The permission matrix: every page, for every role."""

import pytest

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "admin", "secretariat", "coordinator", "member", "finance", "observer", "outsider", "plain"]


def page_matrix(w):
    """(url, {role: expected status}) — 302 for anonymous is the login redirect."""
    albertslund, brondby = w.orgs["165"], w.orgs["153"]
    ok_all = {r: 200 for r in ROLES if r != "anonymous"}
    return [
        ("/", ok_all),
        ("/samarbejder/", ok_all),
        ("/organisationer/", ok_all),
        (f"/organisationer/{albertslund.slug}/", ok_all),
        ("/samarbejder/alpha/", ok_all),  # published
        ("/samarbejder/beta/", {**{r: 404 for r in ok_all}, "admin": 200, "outsider": 200}),
        ("/samarbejder/alpha/log/", ok_all),
        ("/samarbejder/alpha/rediger/", {**{r: 403 for r in ok_all}, "admin": 200, "secretariat": 200}),
        ("/samarbejder/beta/rediger/", {**{r: 404 for r in ok_all}, "admin": 200, "outsider": 403}),
        ("/samarbejder/nyt/", {**{r: 403 for r in ok_all}, "admin": 200}),
        ("/samarbejder/alpha/medlemmer/nyt/", {**{r: 403 for r in ok_all}, "admin": 200, "secretariat": 200}),
        ("/samarbejder/alpha/organer/nyt/", {**{r: 403 for r in ok_all}, "admin": 200, "secretariat": 200}),
        ("/samarbejder/alpha/regler/ny/", {**{r: 403 for r in ok_all}, "admin": 200, "secretariat": 200}),
        (f"/samarbejder/alpha/organer/{w.board.pk}/", {**{r: 403 for r in ok_all}, "admin": 200, "secretariat": 200}),
        (f"/samarbejder/alpha/organer/{w.beta_board.pk}/", {**{r: 404 for r in ok_all}, "outsider": 403}),
        (f"/organisationer/{albertslund.slug}/rediger/", {**{r: 403 for r in ok_all}, "admin": 200, "coordinator": 200}),
        (f"/organisationer/{brondby.slug}/rediger/", {**{r: 403 for r in ok_all}, "admin": 200, "outsider": 200}),
        ("/organisationer/ny/", {**{r: 403 for r in ok_all}, "admin": 200}),
        ("/log/", ok_all),
        ("/job/", ok_all),
        ("/admin/", {**{r: 403 for r in ok_all}, "admin": 200}),
    ]


def test_every_page_answers_each_role_as_the_matrix_says(world, client_for):
    failures = []
    for url, expected in page_matrix(world):
        for role in ROLES:
            user = None if role == "anonymous" else world.users[role]
            response = client_for(user).get(url)
            want = 302 if role == "anonymous" else expected[role]
            if url == "/admin/" and role == "anonymous":
                want = 302
            if response.status_code != want:
                failures.append(f"{role} GET {url}: {response.status_code}, expected {want}")
    assert not failures, "\n".join(failures)


def test_exports_contain_only_what_the_user_may_read(world, client_for):
    response = client_for(world.users["member"]).get("/samarbejder/?format=csv")
    text = response.content.decode()
    assert "Alfa-samarbejdet" in text
    assert "Beta-samarbejdet" not in text
    response = client_for(world.users["outsider"]).get("/samarbejder/?format=xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_audit_log_of_a_hidden_collaboration_is_hidden(world, client_for):
    from digisam.core import services

    world.beta.description = "Hemmelig ændring"
    services.save(world.beta, user=world.users["admin"])
    text = client_for(world.users["member"]).get("/log/").content.decode()
    assert "Beta-samarbejdet" not in text
    text = client_for(world.users["outsider"]).get("/log/").content.decode()
    assert "Beta-samarbejdet" in text


def test_a_member_that_left_loses_access_to_an_unpublished_collaboration(world, client_for):
    import datetime

    from digisam.collaborations.models import Membership

    membership = Membership.objects.get(collaboration=world.beta, organisation=world.orgs["153"])
    membership.status = "left"
    membership.left_on = datetime.date(2021, 1, 1)
    membership.save()
    assert client_for(world.users["outsider"]).get("/samarbejder/beta/").status_code == 404
