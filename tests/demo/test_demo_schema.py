"""The demo data (demo/collaborations/, demo/shared.py) holds to its typed schema (demo/schema.py):
every value has its declared type, names are unique, every code is a real municipality, every key
points at something that exists and every choice is one the models know. No database needed."""

import ast
import dataclasses
import pkgutil
import types
import typing
from datetime import date
from fractions import Fraction
from importlib import import_module
from pathlib import Path

import pytest

from digisam.collaborations.models import (
    BodyKind,
    ChairRotation,
    DecisionType,
    Majority,
    MembershipRole,
    MembershipStatus,
    OrganisationForm,
    Purpose,
    SeatRole,
    VotingBasis,
)
from digisam.core.models import Role
from digisam.demo import collaborations, schema, shared
from digisam.demo.collaborations import COLLABORATIONS
from digisam.demo.schema import (
    DemoBody,
    DemoCollaboration,
    DemoMember,
    DemoOrganisation,
    DemoRule,
    DemoSeat,
    DemoUser,
)
from digisam.organisations.models import OrganisationKind
from digisam.organisations.reference import read_municipalities

MUNICIPALITY_CODES = {row["kommunekode"] for row in read_municipalities()}


def _conforms(value, hint) -> bool:
    """Whether value has the annotated type (the few forms the schema uses)."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        return any(_conforms(value, option) for option in typing.get_args(hint))
    if origin is tuple:
        item = typing.get_args(hint)[0]
        return isinstance(value, tuple) and all(_conforms(v, item) for v in value)
    if hint is type(None):
        return value is None
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, hint)


def _check_types(instance) -> list[str]:
    """Type errors in a schema instance and the schema instances it holds."""
    hints = typing.get_type_hints(type(instance))
    errors = []
    for field in dataclasses.fields(instance):
        value = getattr(instance, field.name)
        if not _conforms(value, hints[field.name]):
            errors.append(f"{type(instance).__name__}.{field.name} = {value!r}")
        for item in value if isinstance(value, tuple) else (value,):
            if dataclasses.is_dataclass(item):
                errors += _check_types(item)
    return errors


def _unique(values) -> list:
    values = list(values)
    return sorted({v for v in values if values.count(v) > 1})


def _fraction_ok(text: str) -> bool:
    if text == "":
        return True
    try:
        return 0 < Fraction(text.replace(",", ".")) <= 1
    except (ValueError, ZeroDivisionError):
        return False


def test_every_collaboration_module_is_listed_exactly_once():
    modules = [m.name for m in pkgutil.iter_modules(collaborations.__path__)]
    listed = [import_module(f"{collaborations.__name__}.{name}").COLLABORATION for name in modules]
    assert len(COLLABORATIONS) == len(modules) == 11
    assert {id(c) for c in listed} == {id(c) for c in COLLABORATIONS}


def test_the_data_modules_are_plain_data_importing_only_dates_and_the_schema():
    allowed = {"datetime", "digisam.demo.schema"}
    for path in [
        *Path(collaborations.__file__).parent.glob("*.py"),
        Path(shared.__file__),
        Path(schema.__file__),
    ]:
        tree = ast.parse(path.read_text())
        imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.level == 0}
        imported |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        assert imported <= allowed | {"__future__", "dataclasses"}, (path.name, imported - allowed)


def test_every_value_has_the_type_the_schema_declares():
    assert all(isinstance(c, DemoCollaboration) for c in COLLABORATIONS)
    errors = [e for c in COLLABORATIONS for e in _check_types(c)]
    errors += [e for o in shared.ORGANISATIONS.values() for e in _check_types(o)]
    errors += [e for u in shared.USERS for e in _check_types(u)]
    assert not errors
    for c in COLLABORATIONS:
        assert all(isinstance(m, DemoMember) for m in c.members)
        assert all(
            isinstance(b, DemoBody) and all(isinstance(s, DemoSeat) for s in b.seats) for b in c.bodies
        )
        assert all(isinstance(r, DemoRule) for r in c.rules)
    assert all(isinstance(o, DemoOrganisation) and o.key == key for key, o in shared.ORGANISATIONS.items())
    assert all(isinstance(u, DemoUser) for u in shared.USERS)


def test_slugs_names_and_short_names_are_unique():
    assert not _unique(c.slug for c in COLLABORATIONS)
    assert not _unique(c.name for c in COLLABORATIONS)
    assert not _unique(c.short_name for c in COLLABORATIONS if c.short_name)
    assert not _unique(o.name for o in shared.ORGANISATIONS.values())
    assert not _unique(u.username for u in shared.USERS)
    assert shared.PRIMARY in {c.slug for c in COLLABORATIONS}


def test_choices_are_values_the_models_know():
    errors = []
    for c in COLLABORATIONS:
        where = c.slug
        errors += [f"{where}: purpose {p}" for p in c.purposes if p not in Purpose.values]
        if not c.purposes or _unique(c.purposes):
            errors.append(f"{where}: purposes {c.purposes}")
        if c.organisation_form not in OrganisationForm.values:
            errors.append(f"{where}: form {c.organisation_form}")
        for m in c.members:
            if m.role not in MembershipRole.values or m.status not in MembershipStatus.values:
                errors.append(f"{where}: member {m}")
        for b in c.bodies:
            if b.kind not in BodyKind.values or b.chair_rotation not in ChairRotation.values:
                errors.append(f"{where}: body {b.key}")
            errors += [f"{where}: seat {s.person}" for s in b.seats if s.role not in SeatRole.values]
        for r in c.rules:
            if (
                r.decision_type not in DecisionType.values
                or r.voting_basis not in VotingBasis.values
                or r.majority not in Majority.values
            ):
                errors.append(f"{where}: rule {r.body}/{r.decision_type}")
            if not (_fraction_ok(r.qualified_fraction) and _fraction_ok(r.quorum_fraction)):
                errors.append(f"{where}: fraction in rule {r.body}/{r.decision_type}")
            if r.quorum_minimum is not None and not 1 <= r.quorum_minimum <= 100:
                errors.append(f"{where}: quorum minimum in rule {r.body}/{r.decision_type}")
    errors += [
        f"organisation {o.key}: {o.kind}"
        for o in shared.ORGANISATIONS.values()
        if o.kind not in OrganisationKind.values or o.kind == OrganisationKind.MUNICIPALITY
    ]
    errors += [f"user {u.username}: {u.role}" for u in shared.USERS if u.role not in Role.values]
    errors += [
        f"user {u.username}: scope {u.scope}"
        for u in shared.USERS
        if u.scope not in (None, "collaboration", "home", "second")
    ]
    assert not errors


@pytest.mark.parametrize("collaboration", COLLABORATIONS, ids=lambda c: c.slug)
def test_members_are_real_municipalities_or_known_parties_each_once(collaboration):
    for member in collaboration.members:
        assert (member.code is None) != (member.organisation is None), member
        assert member.code is None or member.code in MUNICIPALITY_CODES, member
        assert member.organisation is None or member.organisation in shared.ORGANISATIONS, member
    assert not _unique(m.code or m.organisation for m in collaboration.members)


@pytest.mark.parametrize("collaboration", COLLABORATIONS, ids=lambda c: c.slug)
def test_every_body_rule_and_code_refers_to_something_that_exists(collaboration):
    member_codes = {m.code for m in collaboration.members if m.code}
    keys = [b.key for b in collaboration.bodies]
    assert not _unique(keys)
    assert not _unique(b.name for b in collaboration.bodies)
    bodies = {b.key: b for b in collaboration.bodies}
    for body in collaboration.bodies:
        assert body.reports_to is None or (body.reports_to in bodies and body.reports_to != body.key), (
            body.key
        )
        assert body.member_code is None or body.member_code in member_codes, body.key
        assert set(body.rotation_order) <= member_codes and not _unique(body.rotation_order), body.key
        assert (body.chair_rotation == "none") == (not body.rotation_order), body.key
        for seat in body.seats:
            assert seat.code is None or seat.code in MUNICIPALITY_CODES, seat
    for body in collaboration.bodies:  # reporting lines end at a top body: no cycles
        seen, key = set(), body.key
        while key is not None:
            assert key not in seen, f"reporting cycle through {key}"
            seen.add(key)
            key = bodies[key].reports_to
    for rule in collaboration.rules:
        assert rule.body in bodies, rule
        assert rule.escalation_body is None or (
            rule.escalation_body in bodies and rule.escalation_body != rule.body
        ), rule
    assert not _unique(
        (r.body, r.decision_type) for r in collaboration.rules
    )  # the model's unique constraint


@pytest.mark.parametrize("collaboration", COLLABORATIONS, ids=lambda c: c.slug)
def test_dates_are_dates_in_order_and_not_in_the_future(collaboration):
    latest = date(2026, 12, 31)
    dates = [collaboration.founded]
    for member in collaboration.members:
        dates += [member.applied, member.joined, member.left]
        assert member.joined is None or member.left is None or member.joined <= member.left, member
    for body in collaboration.bodies:
        dates.append(body.rotation_start)
        for seat in body.seats:
            dates += [seat.start, seat.end]
            assert seat.start is None or seat.end is None or seat.start <= seat.end, seat
    assert all(d is None or (type(d) is date and date(1970, 1, 1) <= d <= latest) for d in dates)
    assert all(m.joined is not None for m in collaboration.members if m.status == "active")


def test_the_primary_collaboration_has_the_two_municipalities_the_demo_users_need():
    primary = collaborations.by_slug(shared.PRIMARY)
    assert len([m for m in primary.members if m.code]) >= 2
    with pytest.raises(KeyError):
        collaborations.by_slug("findes-ikke")


def test_the_data_cannot_be_changed_by_whoever_reads_it():
    collaboration = COLLABORATIONS[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        collaboration.slug = "andet"  # type: ignore[misc]
    assert isinstance(collaboration.members, tuple) and isinstance(collaboration.bodies[0].seats, tuple)
