"""The initiative app's operations: open a vote, cast a ballot, close and tally, escalate, apply a
gate decision, notify. Views, the API and commands call these; every write goes through
`digisam.core.services` so the audit log shows who did what and when."""

from __future__ import annotations

import datetime
import logging
from functools import partial

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from digisam.collaborations.models import MembershipRole
from digisam.core import permissions, services
from digisam.core.models import Channel, Role, RoleAssignment
from digisam.engines import decisions as engine

from .models import (
    PHASE_TEMPLATES,
    Ballot,
    Gate,
    GateOutcome,
    Initiative,
    Lifecycle,
    Notification,
    Outcome,
    PhaseModel,
    Proposal,
    ProposalStatus,
    eligible_members,
)

logger = logging.getLogger(__name__)


# --- phase models -------------------------------------------------------------------------------

def ensure_phase_models(collaboration, user, channel=Channel.UI):
    """Create the two phase model templates in a collaboration that has none (if the user may)."""
    if collaboration.phase_models.exists():
        return list(collaboration.phase_models.all())
    made = []
    for name, phases in PHASE_TEMPLATES.values():
        obj = PhaseModel(collaboration=collaboration, name=str(name), phases=list(phases))
        if not permissions.allows(user, permissions.ADD, obj):
            return made
        made.append(services.save(obj, user=user, channel=channel))
    return made


# --- notifications ------------------------------------------------------------------------------

def recipients(collaboration, *, roles=(Role.SECRETARIAT, Role.COORDINATOR)):
    """Users of the collaboration's secretariat and of its members in the given roles."""
    organisation_ids = list(collaboration.active_memberships().values_list("organisation_id", flat=True))
    users = set()
    for assignment in RoleAssignment.objects.select_related("user").filter(role__in=roles):
        if assignment.role == Role.SECRETARIAT and assignment.collaboration_id == collaboration.pk:
            users.add(assignment.user)
        elif assignment.organisation_id in organisation_ids and assignment.role != Role.SECRETARIAT:
            users.add(assignment.user)
    return sorted((u for u in users if u.is_active), key=lambda u: u.pk)


def notify(users, *, kind, message=None, template="", params=None, url="", collaboration=None,
           channel=Channel.TASK):
    """An in-app notification per user, stored with the caller's transaction; the e-mail to those
    with an address is queued only once that transaction has committed (see initiatives.tasks).

    Pass `template` (a Danish msgid marked with gettext_noop, with %(name)s placeholders) and `params`
    to have the notification shown in each reader's language; `message` alone is shown as it is."""
    from .models import render_params
    from .tasks import queue_email

    params = dict(params or {})
    if template:
        with translation.override(settings.LANGUAGE_CODE):
            message = template % render_params(params)
    made = []
    for user in users:
        note = services.save(
            Notification(user=user, kind=kind, message=message[:500], template=template, params=params, url=url,
                         collaboration=collaboration),
            user=services.SYSTEM, channel=channel,
        )
        if user.email:
            transaction.on_commit(partial(queue_email, note.pk))
        made.append(note)
    return made


# --- proposals and ballots ----------------------------------------------------------------------

def open_proposal(proposal: Proposal, *, user, channel=Channel.UI):
    if proposal.status != ProposalStatus.DRAFT:
        raise ValidationError({"status": _("Kun en kladde kan åbnes for afstemning.")})
    if proposal.deadline and proposal.deadline <= timezone.now():
        raise ValidationError({"deadline": _("Fristen skal ligge i fremtiden.")})
    with transaction.atomic():
        proposal.status = ProposalStatus.OPEN
        proposal.opened_at = timezone.now()
        services.save(proposal, user=user, channel=channel)
        if proposal.deadline:
            template = gettext_noop("Afstemning åbnet i %(body)s: %(title)s. Frist: %(deadline_time)s.")
        else:
            template = gettext_noop("Afstemning åbnet i %(body)s: %(title)s.")
        notify(recipients(proposal.collaboration), kind=Notification.Kind.VOTE_OPENED, template=template,
               params={"body": str(proposal.body), "title": proposal.title,
                       "deadline_time": proposal.deadline.isoformat() if proposal.deadline else ""},
               url=proposal.get_absolute_url(), collaboration=proposal.collaboration, channel=channel)
    return proposal


def cast_ballot(proposal: Proposal, organisation, *, user, choice, veto=False, comment="", channel=Channel.UI):
    """Cast or change the member's ballot while the vote is open (audited).

    Ballots on one proposal are cast one at a time: the proposal's row is locked first, so two
    voters of the same member at the same moment both get an answer (the later one changes the
    earlier ballot, and the audit log shows both) instead of a unique-constraint error, and the
    policy sees the proposal's current status, not the one the caller read."""
    with transaction.atomic():
        proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
        ballot = Ballot.objects.filter(proposal=proposal, organisation=organisation).first() or Ballot(
            proposal=proposal, organisation=organisation)
        ballot.proposal = proposal
        ballot.choice = choice
        ballot.veto = bool(veto)
        ballot.comment = comment
        ballot.cast_at = timezone.now()
        ballot.cast_by = user if getattr(user, "pk", None) else None
        return services.save(ballot, user=user, channel=channel)


def _tally(proposal: Proposal) -> engine.TallyResult:
    rule = proposal.rule
    engine_rule = engine.Rule(
        voting_basis=rule.voting_basis, majority=rule.majority, qualified_fraction=rule.qualified_fraction or None,
        quorum_fraction=rule.quorum_fraction or None, quorum_minimum=rule.quorum_minimum, veto=rule.veto,
    )
    members = eligible_members(proposal)
    ballots = [engine.Ballot(member=b.organisation_id, choice=b.choice, cast_at=b.cast_at, veto=b.veto)
               for b in proposal.ballots.all()]
    return engine.tally(engine_rule, members, ballots, deadline=proposal.deadline)


def preview(proposal: Proposal):
    """The tally as it would be if the vote closed now (None without a rule)."""
    if proposal.rule is None:
        return None
    return _tally(proposal)


def close_consequences(proposal: Proposal) -> list[str]:
    """What closing the vote now decides, in sentences for the confirmation step: an early close,
    who has not voted, the outcome the rule gives with the ballots cast so far, and what a gate
    decision then does to the initiative."""
    lines = []
    if proposal.deadline and timezone.now() < proposal.deadline:
        lines.append(_("Afstemningen lukkes før fristen %(deadline)s; medlemmer, der ikke har stemt, kan ikke "
                       "stemme bagefter.") % {"deadline": date_format(timezone.localtime(proposal.deadline),
                                                                         "DATETIME_FORMAT")})
    members = eligible_members(proposal) if proposal.body_id else []
    voted = set(proposal.ballots.values_list("organisation_id", flat=True))
    missing = [m.name for m in members if m.key not in voted]
    lines.append(_("%(voted)s af %(eligible)s medlemmer har stemt.") % {
        "voted": len(members) - len(missing), "eligible": len(members)})
    if missing:
        lines.append(_("Ingen stemme fra: %(names)s.") % {"names": ", ".join(missing)})
    result = preview(proposal)
    if result is None:
        lines.append(_("Organet har ingen beslutningsregel for denne beslutningstype, så afstemningen kan ikke "
                       "optælles."))
        return lines
    lines.append(_("Reglen (%(rule)s) giver nu resultatet: %(outcome)s. %(statement)s") % {
        "rule": proposal.rule.summary(),
        "outcome": Outcome(result.outcome).label, "statement": result.statement})
    if proposal.gate_id:
        initiative = proposal.gate.initiative
        if result.adopted:
            following = proposal.gate.phase + 1
            if following < len(initiative.phases):
                lines.append(_("Det er GO: %(initiative)s går videre til fasen “%(phase)s”.") % {
                    "initiative": initiative, "phase": initiative.phases[following]})
            else:
                lines.append(_("Det er GO efter sidste fase: %(initiative)s bliver afsluttet.") % {
                    "initiative": initiative})
        else:
            lines.append(_("Det er no-GO for %(initiative)s; beslutningen registreres på beslutningspunktet.") % {
                "initiative": initiative})
    lines.append(_("Medlemmerne får besked om resultatet."))
    return lines


def close_proposal(proposal: Proposal, *, user, channel=Channel.UI):
    """Close the vote, tally under the body's rule, record outcome and statement, apply a gate
    decision, notify. After this nothing about the vote can change."""
    if proposal.status != ProposalStatus.OPEN:
        raise ValidationError({"status": _("Kun en åben afstemning kan afsluttes.")})
    if not permissions.allows(user, permissions.CHANGE, proposal):
        raise PermissionDenied
    with transaction.atomic():
        # Ballots being cast hold the proposal's row (cast_ballot): wait for them, then count.
        if Proposal.objects.select_for_update().get(pk=proposal.pk).status != ProposalStatus.OPEN:
            raise ValidationError({"status": _("Kun en åben afstemning kan afsluttes.")})
        result = _tally(proposal)
        proposal.status = ProposalStatus.CLOSED
        proposal.closed_at = timezone.now()
        proposal.outcome = result.outcome
        statement = result.statement
        if proposal.gate_id and result.adopted:
            statement += " GO med betingelser: " + proposal.conditions if proposal.conditions.strip() else " GO."
        elif proposal.gate_id:
            statement += " no-GO."
        proposal.outcome_statement = statement
        proposal.tally = {
            "yes": result.yes, "no": result.no, "abstain": result.abstain, "quorum_met": result.quorum_met,
            "present": result.present_members, "eligible": result.eligible_members,
            "rule": result.details["rule"], "vetoed_by": [str(k) for k in result.vetoed_by],
            "missing": [str(k) for k in result.missing],
            "rejected": [{"member": str(b.member), "reason": r} for b, r in result.rejected],
            "notes": list(result.notes),
        }
        services.save(proposal, user=user, channel=channel)
        if proposal.gate_id:
            apply_gate_decision(proposal, user=user, channel=channel)
        notify(recipients(proposal.collaboration, roles=(Role.SECRETARIAT, Role.COORDINATOR, Role.MEMBER_USER)),
               kind=Notification.Kind.DECISION, message=f"{proposal.title}: {statement}"[:500],
               url=proposal.get_absolute_url(), collaboration=proposal.collaboration, channel=channel)
    return result


def apply_gate_decision(proposal: Proposal, *, user, channel=Channel.UI):
    """A closed gate proposal sets the gate's outcome; GO moves the initiative to the next phase
    (or completes it after the last phase); no-GO stops nothing by itself but is recorded."""
    gate = proposal.gate
    if proposal.outcome == Outcome.ADOPTED:
        gate.outcome = GateOutcome.GO_CONDITIONS if proposal.conditions.strip() else GateOutcome.GO
        gate.conditions = proposal.conditions
    else:
        gate.outcome = GateOutcome.NO_GO
    gate.decided_on = timezone.localdate()
    services.save(gate, user=user, channel=channel)
    initiative = gate.initiative
    if gate.outcome in (GateOutcome.GO, GateOutcome.GO_CONDITIONS) and gate.phase >= initiative.current_phase:
        if gate.phase + 1 < len(initiative.phases):
            initiative.current_phase = gate.phase + 1
            if initiative.lifecycle == Lifecycle.PROPOSED:
                initiative.lifecycle = Lifecycle.ACTIVE
        else:
            initiative.lifecycle = Lifecycle.COMPLETED
        services.save(initiative, user=user, channel=channel)
    return gate


def gate_proposal(gate: Gate, body, *, user, deadline=None, conditions="", channel=Channel.UI):
    """A draft proposal deciding the gate (GO / no-GO / GO with conditions) in `body`."""
    initiative = gate.initiative
    proposal = Proposal(
        collaboration=initiative.collaboration, body=body, decision_type="gate", initiative=initiative, gate=gate,
        title=f"GO/no-GO: {initiative} efter {gate.phase_name}", conditions=conditions, deadline=deadline,
        text=f"Indstilling: GO for at gå fra fasen {gate.phase_name} videre i {initiative}.",
    )
    return services.save(proposal, user=user, channel=channel)


# --- escalation between the members' fora ------------------------------------------------------

def check_fora(proposal: Proposal):
    """(EscalationResult, escalation Body or None) for the fora's recorded positions."""
    from digisam.collaborations.models import Body, BodyKind

    fora = Body.objects.filter(collaboration=proposal.collaboration, kind=BodyKind.STRATEGIC_FORUM)
    positions = [
        engine.ForumPosition(member=str(p.forum.member_organisation_id), forum=p.forum.name, approve=p.approve,
                             timing=p.timing, financing=p.financing, staffing=p.staffing)
        for p in proposal.forum_positions.select_related("forum")
    ]
    rule = proposal.rule
    body = rule.escalation_body if rule and rule.escalation_body_id else None
    if body is None:
        # the fora's own rules name where their disagreements go (Silkeborg–Viborg: the directors)
        from digisam.collaborations.models import DecisionRule

        forum_rule = DecisionRule.objects.filter(body__in=fora, escalation_body__isnull=False).select_related(
            "escalation_body").first()
        body = forum_rule.escalation_body if forum_rule else None
    expected = [str(f.member_organisation_id) for f in fora]
    return engine.compare_fora(positions, expected_members=expected,
                               escalation_body=body.name if body else None), body


def escalate(proposal: Proposal, *, user, channel=Channel.UI):
    """When the fora disagree: create the escalation proposal to the escalation body with a draft
    case statement (sagsredegørelse), and mark the original as escalated."""
    result, body = check_fora(proposal)
    if not result.escalate:
        raise ValidationError(result.statement)
    if body is None:
        raise ValidationError(result.statement)
    with transaction.atomic():
        escalation = Proposal(
            collaboration=proposal.collaboration, body=body, decision_type=_decision_type_for(body, proposal.decision_type),
            title=f"Sagsredegørelse: {proposal.title}", text=proposal.text, initiative=proposal.initiative,
            parent=proposal, case_statement=engine.case_statement_draft(proposal.title, proposal.text, result),
        )
        services.save(escalation, user=user, channel=channel)
        if proposal.status != ProposalStatus.CLOSED:
            proposal.outcome = Outcome.ESCALATED
            proposal.outcome_statement = result.statement
            services.save(proposal, user=user, channel=channel)
        notify(recipients(proposal.collaboration), kind=Notification.Kind.ESCALATION,
               message=f"{proposal.title}: {result.statement}"[:500], url=escalation.get_absolute_url(),
               collaboration=proposal.collaboration, channel=channel)
    return escalation


def _decision_type_for(body, wanted):
    """The wanted decision type if the body has a rule for it, else 'general', else its first rule's."""
    types = list(body.decision_rules.values_list("decision_type", flat=True))
    if wanted in types or not types:
        return wanted
    return "general" if "general" in types else types[0]


# --- gates due ----------------------------------------------------------------------------------

def notify_gates_due(*, days=14, today=None, channel=Channel.COMMAND):
    """Remind the secretariat (and coordinators) of gates due within `days` that are still pending
    and not reminded yet. Returns the gates reminded."""
    today = today or timezone.localdate()
    until = today + datetime.timedelta(days=days)
    reminded = []
    gates = Gate.objects.filter(outcome=GateOutcome.PENDING, due__isnull=False, due__lte=until,
                                reminded_on__isnull=True).select_related("initiative__collaboration",
                                                                         "initiative__phase_model")
    for gate in gates:
        initiative = gate.initiative
        with transaction.atomic():
            notify(recipients(initiative.collaboration), kind=Notification.Kind.GATE_DUE,
                   template=gettext_noop("GO/no-GO for %(initiative)s efter %(phase)s forventes %(due_date)s."),
                   params={"initiative": str(initiative), "phase": gate.phase_name, "due_date": gate.due.isoformat()},
                   url=initiative.get_absolute_url(), collaboration=initiative.collaboration, channel=channel)
            gate.reminded_on = today
            services.save(gate, user=services.SYSTEM, channel=channel)
        reminded.append(gate)
    return reminded


def close_due_proposals(*, channel=Channel.COMMAND):
    """Close every open vote whose deadline has passed (system user)."""
    closed = []
    for proposal in Proposal.objects.filter(status=ProposalStatus.OPEN, deadline__lt=timezone.now()):
        close_proposal(proposal, user=services.SYSTEM, channel=channel)
        closed.append(proposal)
    return closed


def member_choices(initiative: Initiative):
    """(organisation, participation or None) for each active member."""
    chosen = {p.organisation_id: p for p in initiative.participations.all()}
    return [(m.organisation, chosen.get(m.organisation_id))
            for m in initiative.collaboration.active_memberships().order_by("organisation__name")
            if m.role == MembershipRole.MEMBER]
