"""Loads the demo: the eleven collaborations from the source documents (demo/data.py), one user
per role, and each domain app's own demo data (an app offers `digisam.<app>.demo.load(ctx)`).

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

from . import data

DEMO_PASSWORD = "digisam-demo-2026"  # noqa: S105 - printed on purpose: demo users on a local install
PRIMARY = "storkoebenhavn"
DOMAIN_APPS = ("portfolio", "economy", "planning", "initiatives", "operations", "competences", "formation")


def _save(obj, m2m=None):
    return services.save(obj, user=services.SYSTEM, channel=Channel.COMMAND, m2m=m2m)


def organisation_for(member: dict) -> Organisation:
    if member.get("code"):
        return Organisation.objects.get(code=member["code"])
    key = member["org"]
    spec = data.NON_MUNICIPAL[key]
    existing = Organisation.objects.filter(slug=danish_slug(spec["name"])).first() or (
        Organisation.objects.filter(cvr=spec["cvr"]).first() if spec.get("cvr") else None
    )
    if existing:
        return existing
    if spec["kind"] == "region":
        region = Organisation.objects.filter(kind="region", name=spec["name"]).first()
        if region:
            return region
    return _save(Organisation(kind=spec["kind"], name=spec["name"], slug=danish_slug(spec["name"]), cvr=spec.get("cvr")))


def load_collaboration(spec: dict) -> Collaboration:
    collaboration = _save(Collaboration(
        name=spec["name"], short_name=spec.get("short_name", ""), slug=spec["slug"], purposes=spec["purposes"],
        organisation_form=spec["organisation_form"], founded=spec.get("founded"),
        description=spec.get("description", ""), fee_model=spec.get("fee_model") or "",
        open_to_newcomers=spec.get("open_to_newcomers", True), published=spec.get("published", True),
        subset_label=spec.get("subset_label") or "",
    ))
    for member in spec["members"]:
        _save(Membership(
            collaboration=collaboration, organisation=organisation_for(member), role=member.get("role", "member"),
            status=member.get("status", "active"), joined_on=member.get("joined"),
            left_on=member.get("left"), applied_on=member.get("applied"),
        ))
    bodies = {}
    pending_reports = []
    for b in spec.get("bodies", []):
        member_org = Organisation.objects.get(code=b["member_code"]) if b.get("member_code") else None
        body = _save(Body(
            collaboration=collaboration, kind=b["kind"], name=b["name"], member_organisation=member_org,
            meeting_frequency=b.get("meeting_frequency") or "", chair_rotation=b.get("chair_rotation") or "none",
            rotation_order=b.get("rotation_order") or [], rotation_start=b.get("rotation_start"),
        ))
        bodies[b["key"]] = body
        if b.get("reports_to"):
            pending_reports.append((body, b["reports_to"]))
        for seat in b.get("seats", []):
            _save(Seat(
                body=body, person=seat["person"], title=seat.get("title", ""), role=seat.get("role", "member"),
                organisation=Organisation.objects.get(code=seat["code"]) if seat.get("code") else None,
                start=seat.get("from"), end=seat.get("to"),
            ))
    for body, key in pending_reports:
        if key in bodies:
            body.reports_to = bodies[key]
            _save(body)
    for r in spec.get("rules", []):
        _save(DecisionRule(
            collaboration=collaboration, body=bodies[r["body"]], decision_type=r["decision_type"],
            voting_basis=r.get("voting_basis", "per_member"), majority=r.get("majority", "simple"),
            qualified_fraction=r.get("qualified_fraction") or "", quorum_fraction=r.get("quorum_fraction") or "",
            quorum_minimum=r.get("quorum_minimum"), veto=bool(r.get("veto")),
            escalation_body=bodies.get(r.get("escalation_body")) if r.get("escalation_body") else None,
            description=r.get("description", ""),
        ))
    return collaboration


def demo_users(primary: Collaboration):
    """One user per role around the primary demo collaboration, and what each may do."""
    members = list(primary.memberships.filter(organisation__kind="municipality").select_related("organisation")
                   .order_by("organisation__code"))
    home = members[0].organisation
    return [
        ("admin", "Platformadministrator: alt, inkl. Django-admin", [(Role.PLATFORM_ADMIN, None, None)]),
        ("sekretariat", f"Sekretariat for {primary}", [(Role.SECRETARIAT, primary, None)]),
        ("koordinator", f"Kommunekoordinator for {home}", [(Role.COORDINATOR, None, home)]),
        ("oekonomi", f"Økonomimedarbejder i {home}", [(Role.FINANCE_OFFICER, None, home)]),
        ("medlem", f"Medlemsbruger i {members[1].organisation}", [(Role.MEMBER_USER, None, members[1].organisation)]),
        ("observatoer", "Observatør: læser det offentliggjorte", [(Role.OBSERVER, None, None)]),
    ]


def load(log=print):
    created = []
    with transaction.atomic():
        for spec in data.COLLABORATIONS:
            if Collaboration.objects.filter(slug=spec["slug"]).exists():
                continue
            created.append(load_collaboration(spec))
            log(f"Samarbejde oprettet: {spec['name']}")
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
