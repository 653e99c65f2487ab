"""Shared test setup: a small world of two collaborations and one user per role.

`world` gives: collaboration `alpha` (published) with members Albertslund (165) and Ballerup (151),
`beta` (not published) with member Brøndby (153); users admin, secretariat (alpha), coordinator
(165), member (165), finance (165), observer, outsider_coordinator (153), plain (no role).
`everyone` adds a vendor partner's user and a collaboration-scoped observer; the role names are
listed once, in `role_list.py`."""

import os
from types import SimpleNamespace

import pytest

os.environ.setdefault("DIGISAM_TESTING", "1")


def build_world(user_model):
    """The `world` data as a plain function (for fixtures of other scopes, e.g. the permission matrix)."""
    import datetime

    from digisam.collaborations.models import Body, Collaboration, DecisionRule, Membership
    from digisam.core.models import Role, RoleAssignment
    from digisam.organisations.models import Organisation

    orgs = {code: Organisation.objects.get(code=code) for code in ("165", "151", "153", "147")}
    alpha = Collaboration.objects.create(
        name="Alfa-samarbejdet", slug="alpha", purposes=["procurement"], organisation_form="association", published=True
    )
    beta = Collaboration.objects.create(
        name="Beta-samarbejdet", slug="beta", purposes=["implementation"], organisation_form="written_agreement",
        published=False,
    )
    day = datetime.date(2020, 1, 1)
    Membership.objects.create(collaboration=alpha, organisation=orgs["165"], status="active", joined_on=day)
    Membership.objects.create(collaboration=alpha, organisation=orgs["151"], status="active", joined_on=day)
    Membership.objects.create(collaboration=beta, organisation=orgs["153"], status="active", joined_on=day)
    board = Body.objects.create(collaboration=alpha, kind="board", name="Bestyrelsen")
    beta_board = Body.objects.create(collaboration=beta, kind="board", name="Beta-styregruppe")
    DecisionRule.objects.create(collaboration=alpha, body=board, decision_type="general")

    def user(name, *roles):
        u = user_model.objects.create_user(username=name, password="test-password-123")
        for role, collaboration, organisation in roles:
            RoleAssignment.objects.create(user=u, role=role, collaboration=collaboration, organisation=organisation)
        return u

    users = {
        "admin": user("admin", (Role.PLATFORM_ADMIN, None, None)),
        "secretariat": user("secretariat", (Role.SECRETARIAT, alpha, None)),
        "coordinator": user("coordinator", (Role.COORDINATOR, None, orgs["165"])),
        "member": user("member", (Role.MEMBER_USER, None, orgs["165"])),
        "finance": user("finance", (Role.FINANCE_OFFICER, None, orgs["165"])),
        "observer": user("observer", (Role.OBSERVER, None, None)),
        "outsider": user("outsider", (Role.COORDINATOR, None, orgs["153"])),
        "plain": user("plain"),
    }
    return SimpleNamespace(alpha=alpha, beta=beta, board=board, beta_board=beta_board, orgs=orgs, users=users)


def add_everyone(world, user_model):
    """Adds the users of `role_list.EXTRA_ROLES` to a world (see the `everyone` fixture)."""
    import datetime

    from digisam.collaborations.models import Membership, MembershipRole
    from digisam.core.models import Role, RoleAssignment
    from digisam.organisations.models import Organisation

    vendor = Organisation.objects.create(kind="company", name="Leverandør A/S", slug="leverandoer", cvr="12345678")
    Membership.objects.create(collaboration=world.alpha, organisation=vendor, role=MembershipRole.VENDOR_PARTNER,
                              status="active", joined_on=datetime.date(2020, 1, 1))
    for name, role, collaboration, organisation in (
        ("vendor", Role.MEMBER_USER, None, vendor), ("scoped_observer", Role.OBSERVER, world.alpha, None),
    ):
        user = user_model.objects.create_user(username=name, password="test-password-123")
        RoleAssignment.objects.create(user=user, role=role, collaboration=collaboration, organisation=organisation)
        world.users[name] = user
    world.vendor = vendor
    return world


@pytest.fixture
def world(db, django_user_model):
    return build_world(django_user_model)


@pytest.fixture
def everyone(world, django_user_model):
    """`world` plus the two roles of `role_list.EXTRA_ROLES`: `vendor` (member user of the vendor
    partner "Leverandør A/S", an active member of alpha with membership role vendor partner) and
    `scoped_observer` (an observer scoped to alpha). world.vendor is the vendor organisation."""
    return add_everyone(world, django_user_model)


@pytest.fixture
def client_for(client):
    """client_for(user) → a Django test client logged in as that user (None: anonymous)."""
    from django.test import Client

    def make(user):
        c = Client()
        if user is not None:
            c.force_login(user)
        return c

    return make


@pytest.fixture
def api_for():
    """api_for(user) → a DRF APIClient authenticated with the user's token (None: anonymous)."""
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    def make(user):
        c = APIClient()
        if user is not None:
            token, _ = Token.objects.get_or_create(user=user)
            c.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return c

    return make
