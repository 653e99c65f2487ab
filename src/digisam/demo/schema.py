"""The typed shape of the demo data: what a collaboration module in `demo/collaborations/` defines.

Plain frozen dataclasses with no Django in them, so a data module reads as the facts it records and a
test (tests/demo/test_demo_schema.py) can check every module without a database. Codes and choice
values are the model's stored values (`"member"`, `"steering_group"`, …); the loader (`demo/loader.py`)
turns them into rows. A default here is what the loader writes when a module leaves the field out.

Lists given by a module are stored as tuples, so the data cannot be changed by whoever reads it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


def _freeze(instance, *names: str) -> None:
    for name in names:
        object.__setattr__(instance, name, tuple(getattr(instance, name)))


@dataclass(frozen=True)
class DemoOrganisation:
    """A party that is not a municipality (region, hospital, company, KOMBIT, KL), named by `key` in
    a member's `organisation`. Looked up by name (or CVR) first, created only when missing."""

    key: str
    kind: str  # organisations.Organisation.kind
    name: str
    cvr: str | None = None


@dataclass(frozen=True)
class DemoMember:
    """A membership: a municipality by its kommunekode (`code`) or another party by its key in
    `demo.shared.ORGANISATIONS` (`organisation`) — exactly one of the two."""

    code: str | None = None
    organisation: str | None = None
    role: str = "member"  # collaborations.MembershipRole
    status: str = "active"  # collaborations.MembershipStatus (the demo's members are active unless said)
    joined: date | None = None
    left: date | None = None
    applied: date | None = None


@dataclass(frozen=True)
class DemoSeat:
    """A person's seat in a body; `code` is the municipality the person comes from, if any."""

    person: str
    title: str = ""
    code: str | None = None
    role: str = "member"  # collaborations.SeatRole
    start: date | None = None
    end: date | None = None


@dataclass(frozen=True)
class DemoBody:
    """A body of the collaboration, named within it by `key` (used by `reports_to`, rules and
    escalations). `member_code`: the municipality whose own body it is (a member's forum or council)."""

    key: str
    kind: str  # collaborations.BodyKind
    name: str
    member_code: str | None = None
    reports_to: str | None = None  # key of another body of the same collaboration
    meeting_frequency: str = ""
    chair_rotation: str = "none"  # collaborations.ChairRotation
    rotation_order: tuple[str, ...] = ()  # kommunekoder in the order the chair passes
    rotation_start: date | None = None
    seats: tuple[DemoSeat, ...] = ()

    def __post_init__(self):
        _freeze(self, "rotation_order", "seats")


@dataclass(frozen=True)
class DemoRule:
    """A decision rule of one body (`body`, a body key) for one decision type; `escalation_body` is
    the body key a disagreement goes to. Fractions are written as the model stores them ("2/3")."""

    body: str
    decision_type: str  # collaborations.DecisionType
    majority: str  # collaborations.Majority
    voting_basis: str = "per_member"  # collaborations.VotingBasis
    qualified_fraction: str = ""
    quorum_fraction: str = ""
    quorum_minimum: int | None = None
    veto: bool = False
    escalation_body: str | None = None
    description: str = ""


@dataclass(frozen=True)
class DemoCollaboration:
    """One collaboration of the source documents with its members, bodies (and their seats) and
    decision rules; `slug` is its natural key (a collaboration already present is left alone)."""

    slug: str
    name: str
    purposes: tuple[str, ...]  # collaborations.Purpose
    organisation_form: str  # collaborations.OrganisationForm
    short_name: str = ""
    founded: date | None = None
    description: str = ""
    fee_model: str = ""
    open_to_newcomers: bool = True
    published: bool = True
    subset_label: str = ""
    members: tuple[DemoMember, ...] = ()
    bodies: tuple[DemoBody, ...] = ()
    rules: tuple[DemoRule, ...] = ()

    def __post_init__(self):
        _freeze(self, "purposes", "members", "bodies", "rules")


@dataclass(frozen=True)
class DemoUser:
    """A demo user with one role. `scope` says where the role applies, relative to the primary demo
    collaboration: None (platform-wide), "collaboration" (the collaboration itself), "home" (its
    first municipal member by kommunekode) or "second" (the second one). `description` may name
    `{collaboration}` or `{organisation}`."""

    username: str
    role: str  # core.Role
    description: str
    scope: str | None = None
