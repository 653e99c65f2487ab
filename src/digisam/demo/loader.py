"""Loads the demo: the eleven collaborations from the source documents (one module each in
demo/collaborations/, typed by demo/schema.py), one user per role (demo/shared.py), and each domain
app's own demo data (an app offers `digisam.<app>.demo.load(ctx)`).

Every object is written through the audited service as the system user on the command channel.
Loading twice changes nothing: collaborations already present are left alone."""

from importlib import import_module

from django.contrib.auth import get_user_model
from django.db import transaction

from digisam.collaborations.models import Body, Collaboration, DecisionRule, Membership, Seat
from digisam.core import services
from digisam.core.models import Channel, Role, RoleAssignment
from digisam.organisations.models import Organisation
from digisam.organisations.reference import danish_slug

from .collaborations import COLLABORATIONS
from .schema import DemoCollaboration, DemoMember
from .shared import DEMO_PASSWORD, ORGANISATIONS, PRIMARY, USERS

__all__ = ["DEMO_PASSWORD", "PRIMARY", "demo_users", "load", "load_collaboration", "organisation_for"]

DOMAIN_APPS = ("portfolio", "economy", "planning", "initiatives", "operations", "competences", "formation")


def _save(obj, m2m=None):
    return services.save(obj, user=services.SYSTEM, channel=Channel.COMMAND, m2m=m2m)


def _municipality(code: str | None) -> Organisation | None:
    return Organisation.objects.get(code=code) if code else None


def organisation_for(member: DemoMember) -> Organisation:
    """The member's organisation: a municipality by kommunekode, another party found by name (or
    CVR, or as the region of that name) and created only when missing."""
    if member.code:
        return Organisation.objects.get(code=member.code)
    spec = ORGANISATIONS[member.organisation]
    existing = Organisation.objects.filter(slug=danish_slug(spec.name)).first() or (
        Organisation.objects.filter(cvr=spec.cvr).first() if spec.cvr else None
    )
    if existing:
        return existing
    if spec.kind == "region":
        region = Organisation.objects.filter(kind="region", name=spec.name).first()
        if region:
            return region
    return _save(Organisation(kind=spec.kind, name=spec.name, slug=danish_slug(spec.name), cvr=spec.cvr))


def load_collaboration(spec: DemoCollaboration) -> Collaboration:
    """Writes one demo collaboration: the collaboration, its memberships, bodies with seats (then
    who reports to whom) and decision rules."""
    collaboration = _save(Collaboration(
        name=spec.name, short_name=spec.short_name, slug=spec.slug, purposes=list(spec.purposes),
        organisation_form=spec.organisation_form, founded=spec.founded, description=spec.description,
        fee_model=spec.fee_model, open_to_newcomers=spec.open_to_newcomers, published=spec.published,
        subset_label=spec.subset_label,
    ))
    for member in spec.members:
        _save(Membership(
            collaboration=collaboration, organisation=organisation_for(member), role=member.role,
            status=member.status, joined_on=member.joined, left_on=member.left, applied_on=member.applied,
        ))
    bodies = {}
    pending_reports = []
    for b in spec.bodies:
        body = _save(Body(
            collaboration=collaboration, kind=b.kind, name=b.name, member_organisation=_municipality(b.member_code),
            meeting_frequency=b.meeting_frequency, chair_rotation=b.chair_rotation,
            rotation_order=list(b.rotation_order), rotation_start=b.rotation_start,
        ))
        bodies[b.key] = body
        if b.reports_to:
            pending_reports.append((body, b.reports_to))
        for seat in b.seats:
            _save(Seat(
                body=body, person=seat.person, title=seat.title, role=seat.role,
                organisation=_municipality(seat.code), start=seat.start, end=seat.end,
            ))
    for body, key in pending_reports:
        if key in bodies:
            body.reports_to = bodies[key]
            _save(body)
    for r in spec.rules:
        _save(DecisionRule(
            collaboration=collaboration, body=bodies[r.body], decision_type=r.decision_type,
            voting_basis=r.voting_basis, majority=r.majority, qualified_fraction=r.qualified_fraction,
            quorum_fraction=r.quorum_fraction, quorum_minimum=r.quorum_minimum, veto=r.veto,
            escalation_body=bodies[r.escalation_body] if r.escalation_body else None,
            description=r.description,
        ))
    return collaboration


def demo_users(primary: Collaboration):
    """One user per role around the primary demo collaboration (demo.shared.USERS), and what each may
    do: (username, description, [(role, collaboration, organisation)])."""
    members = list(primary.memberships.filter(organisation__kind="municipality").select_related("organisation")
                   .order_by("organisation__code"))
    organisations = {"home": members[0].organisation, "second": members[1].organisation}
    users = []
    for user in USERS:
        collaboration = primary if user.scope == "collaboration" else None
        organisation = organisations.get(user.scope)
        description = user.description.format(collaboration=primary, organisation=organisation)
        users.append((user.username, description, [(Role(user.role), collaboration, organisation)]))
    return users


def load(log=print):
    """Loads what is missing of the demo; returns (username, description) of the demo users."""
    created = []
    with transaction.atomic():
        for spec in COLLABORATIONS:
            if Collaboration.objects.filter(slug=spec.slug).exists():
                continue
            created.append(load_collaboration(spec))
            log(f"Samarbejde oprettet: {spec.name}")
        primary = Collaboration.objects.get(slug=PRIMARY)
        users = demo_users(primary)
        User = get_user_model()
        for username, _description, roles in users:
            user, made = User.objects.get_or_create(username=username)
            if made:
                user.set_password(DEMO_PASSWORD)
                user.is_staff = username == "admin"
                user.is_superuser = username == "admin"
                user.save()
            for role, collaboration, organisation in roles:
                if not RoleAssignment.objects.filter(user=user, role=role, collaboration=collaboration,
                                                     organisation=organisation).exists():
                    _save(RoleAssignment(user=user, role=role, collaboration=collaboration, organisation=organisation))
        context = {"created": created, "primary": primary, "log": log}
        for app in DOMAIN_APPS:
            try:
                module = import_module(f"digisam.{app}.demo")
            except ModuleNotFoundError as error:
                if error.name != f"digisam.{app}.demo":
                    raise
                continue
            module.load(context)
    return [(u, d) for u, d, _ in users]
