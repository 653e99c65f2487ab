"""Economy workflows on top of the audited service: generate a statement version, approve it (which
locks the year), reopen the year, narrow a statement to what a user may see, and the turn-taking
ledger's running balances. Every write goes through `digisam.core.services.save`."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from digisam.core import permissions, services
from digisam.core.models import Channel
from digisam.engines import economy as engine

from . import adapter
from .models import EconomyYear, MemberStatement, Statement, StatementContent, TurnLedgerEntry, YearStatus
from .policies import finance_collaborations, has_full_access


def can_generate(user, year: EconomyYear) -> bool:
    access = permissions.access_for(user)
    return (access.is_admin or year.collaboration_id in access.secretariat_collaborations
            or year.collaboration_id in finance_collaborations(access))


def can_approve(user, year: EconomyYear) -> bool:
    return permissions.allows(user, permissions.CHANGE, year)


def generate(year: EconomyYear, *, user, channel=Channel.TASK) -> Statement:
    """Settle the year with the engine and store the result as the next version (the current one).
    Refused while the year is approved; an engine problem becomes a ValidationError listing them."""
    if not can_generate(user, year):
        raise PermissionDenied
    year.refresh_from_db()
    if year.is_locked:
        raise ValidationError(_("Økonomiåret er godkendt og låst. Sekretariatet skal genåbne året, "
                                "før en ny version kan dannes."))
    try:
        result = adapter.run(year)
    except engine.ScenarioError as error:
        raise ValidationError(error.problems) from None
    with transaction.atomic():
        version = (year.statements.aggregate(m=Max("version"))["m"] or 0) + 1
        for previous in year.statements.filter(is_current=True):
            previous.is_current = False
            services.save(previous, user=_writer(user, previous), channel=channel)
        statement = services.save(Statement(
            year=year, version=version, is_current=True,
            totals=compute_totals(result["statement"], result["explanations"]),
            generated_by=user if getattr(user, "pk", None) else None,
        ), user=user, channel=channel)
        services.save(StatementContent(
            statement=statement, scenario=result["scenario"], document=result["statement"],
            explanations=result["explanations"],
        ), user=user, channel=channel)
        organisations = {adapter.member_code(m.organisation): m.organisation for m in adapter.year_memberships(year)}
        members = [MemberStatement(
            statement=statement, organisation=organisations[code], code=code, name=member["name"],
            fraction=member["fraction"], lines=member["lines"], charges=member["charges"],
            balance=member["balance"], net=member["net"],
            transfers=[t for t in result["statement"]["transfers"] if code in (t["from"], t["to"])],
        ) for code, member in result["explanations"].items()]
        for member in members:
            # Validated in memory: the statement was created above, the organisations are the year's
            # members, and the codes are the keys of one dict (so unique per statement).
            member.clean_fields(exclude=["statement", "organisation"])
            member.clean()
        # One audit entry per member statement, written in bulk: 98 members need not be 98 round trips.
        services.create_many(members, user=user, channel=channel, validate=False)
    return statement


def _writer(user, statement):
    """Marking an approved statement as no longer current is part of generating a new version,
    which the user may do (checked by can_generate): the system records that flag change."""
    if permissions.allows(user, permissions.CHANGE, statement):
        return user
    return services.SYSTEM


def approve(statement: Statement, *, user, channel=Channel.UI) -> Statement:
    """Approve the current version: records who and when, and locks the year."""
    year = statement.year
    if not can_approve(user, year):
        raise PermissionDenied
    if not statement.is_current:
        raise ValidationError(_("Kun den gældende version kan godkendes."))
    if statement.is_approved:
        raise ValidationError(_("Årsopgørelsen er allerede godkendt."))
    with services.operation(), transaction.atomic():
        statement.approved_by = user if getattr(user, "pk", None) else None
        statement.approved_at = timezone.now()
        services.save(statement, user=user, channel=channel)
        year.status = YearStatus.APPROVED
        services.save(year, user=user, channel=channel)
    return statement


def reopen(year: EconomyYear, *, user, channel=Channel.UI) -> EconomyYear:
    """Reopen an approved year for changes; the approved statement stays as it is and the next
    generation becomes a new version."""
    if not can_approve(user, year):
        raise PermissionDenied
    if not year.is_locked:
        raise ValidationError(_("Økonomiåret er ikke godkendt."))
    year.status = YearStatus.DRAFT
    return services.save(year, user=user, channel=channel)


# ----------------------------------------------------------------------------- narrowing

def statement_view(user, statement: Statement) -> dict:
    """What the user may see of a statement: every member and transfer (secretariat, admin: from the
    full content), otherwise only the member statements of the user's own organisations (through
    their policy) with their transfers; the collaboration totals for everyone who reads it."""
    full = has_full_access(user, statement.year.collaboration_id)
    if full:
        content = statement.content
        names = {code: m["name"] for code, m in content.explanations.items()}
        members = [{"code": code, **content.explanations[code]} for code in sorted(content.explanations)]
        transfers = list(content.document["transfers"])
    else:
        rows = permissions.restrict(statement.member_statements.all(), user).order_by("code")
        members, transfers = [], []
        # Names only, for the counterparties of the user's own transfers: who the members of a
        # collaboration are is no secret to its readers, a person reads "Dragør → Albertslund".
        names = dict(statement.member_statements.values_list("code", "name"))
        for row in rows:
            members.append({"code": row.code, "name": row.name, "fraction": row.fraction, "lines": row.lines,
                            "charges": row.charges, "balance": row.balance, "net": row.net})
            transfers += [t for t in row.transfers if t not in transfers]
    return {
        "full": full,
        "members": members,
        "transfers": [{**t, "from_name": _party_name(t["from"], names), "to_name": _party_name(t["to"], names)}
                      for t in transfers],
        "totals": statement.totals,
    }


def _party_name(code, names):
    if code == engine.COLLABORATION:
        return _("Samarbejdet")
    return names.get(code, code)


def compute_totals(document: dict, explanations: dict) -> dict:
    """Collaboration totals every member may see: number of members, the total per line (summed
    over members, without naming anyone), total charges and the collaboration's net."""
    per_line: dict[str, dict] = {}
    for member in explanations.values():
        for line in member["lines"]:
            item = per_line.setdefault(line["id"], {"id": line["id"], "label": line["label"],
                                                    "section": line["section"], "amount_ore": 0, "members": 0})
            if line["section"] == "charge":
                item["amount_ore"] += -line["amount_ore"]
            else:
                item["amount_ore"] += max(line["amount_ore"], 0)
            item["members"] += 1
    return {
        "members": len(explanations),
        "charges_ore": sum(m["charges"] for m in explanations.values()),
        "collaboration_net_ore": document["collaboration_net"],
        "transfers": len(document["transfers"]),
        "transferred_ore": sum(t["amount_ore"] for t in document["transfers"]),
        "lines": list(per_line.values()),
    }


# ----------------------------------------------------------------------------- turn-taking

def ledger_balances(collaboration, entries=None) -> tuple[list[dict], dict]:
    """Running balances of the turn-taking ledger. Each task's value is split equally over its
    beneficiaries (default every member, the doer included; the engine's largest-remainder split,
    in øre); the doer is credited the others' shares. Returns the entries with the running balance
    per member after each, and the final balance per organisation id (in øre)."""
    from digisam.organisations.models import Organisation

    member_orgs = list(Organisation.objects.filter(memberships__collaboration=collaboration).distinct()
                       .order_by("code", "name"))
    balances = {o.pk: 0 for o in member_orgs}
    rows = []
    entries = entries if entries is not None else (
        TurnLedgerEntry.objects.filter(collaboration=collaboration).select_related("organisation")
        .prefetch_related("beneficiaries").order_by("date", "pk")
    )
    for entry in entries:
        beneficiaries = [o.pk for o in entry.beneficiaries.all()] or [o.pk for o in member_orgs]
        value_ore = int((Decimal(entry.estimated_value) * 100).to_integral_value())
        shares = engine.largest_remainder(value_ore, {str(pk).zfill(12): Fraction(1) for pk in beneficiaries}) \
            if beneficiaries else {}
        for key, share in shares.items():
            pk = int(key)
            balances[pk] = balances.get(pk, 0) - share
        balances[entry.organisation_id] = balances.get(entry.organisation_id, 0) + value_ore
        rows.append({"entry": entry, "value_ore": value_ore, "balances": dict(balances)})
    return rows, balances
