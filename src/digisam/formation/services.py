"""Formation services: every write of this app, each checking permission, in one transaction, through
`core.services.save` (which writes the audit entry). Views and the API only call these."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from digisam.collaborations.models import Collaboration, Membership, MembershipRole, MembershipStatus
from digisam.core import permissions, services
from digisam.core.models import Channel, Role, RoleAssignment
from digisam.engines import formation as advisor
from digisam.initiatives.models import Gate, GateOutcome, Initiative, Lifecycle, PhaseModel

from .models import (
    ESTABLISHMENT_PHASE_MODEL,
    ESTABLISHMENT_PHASES,
    Decision,
    EstablishmentRule,
    Formation,
    MemberDecision,
)

# --- 1. the model advisor ---------------------------------------------------------------------


def answers_from(data: dict) -> advisor.Answers:
    """The advisor's answers from form data (cleaned by forms.AdvisorForm)."""
    return advisor.Answers(
        needs=frozenset(data.get("needs") or ()),
        hand_over_competence=bool(data.get("hand_over_competence")),
        employ_staff=bool(data.get("employ_staff")),
        legal_person=bool(data.get("legal_person")),
        members=int(data.get("members") or 2),
    )


def answers_json(answers: advisor.Answers) -> dict:
    return {"needs": sorted(answers.needs), "hand_over_competence": answers.hand_over_competence,
            "employ_staff": answers.employ_staff, "legal_person": answers.legal_person,
            "members": answers.members}


def existing_of_kind(purpose: str, form: str):
    """Established collaborations with this purpose and form (the demo's eleven and any others)."""
    return [c for c in Collaboration.objects.filter(organisation_form=form).exclude(formation__established_on=None,
                                                                                      formation__isnull=False)
            if purpose in (c.purposes or [])]


def can_start(user, initiator) -> bool:
    access = permissions.access_for(user)
    return bool(access.is_admin or (initiator is not None and initiator.pk in access.coordinator_organisations))


@dataclass
class Start:
    name: str
    initiator: object
    invitees: list
    answers: advisor.Answers
    purpose: str
    form: str
    rationale: str = ""
    description: str = ""
    rule: str = EstablishmentRule.ALL
    minimum_members: int = 2


def start(data: Start, *, user, channel=Channel.UI) -> Formation:
    """Create a collaboration in formation from the advisor: the collaboration (unpublished, closed
    to newcomers), the initiator as approved member and the invitees as applicants, a pending
    decision for each, the establishment process (an initiative with the establishment phase model
    and a GO/no-GO gate per phase), and the answers and the choice as its rationale. The user — the
    initiating municipality's coordinator — becomes the formation's secretariat."""
    if not can_start(user, data.initiator):
        raise PermissionDenied
    problems = advisor.contradictions(data.answers, data.form)
    if problems:
        raise ValidationError({"form": [p.message for p in problems]})
    invitees = [o for o in data.invitees if o.pk != data.initiator.pk]
    if not invitees:
        raise ValidationError({"invitees": _("Invitér mindst én kommune mere: et samarbejde har mindst to medlemmer.")})
    total = len(invitees) + 1
    if data.rule == EstablishmentRule.MINIMUM and data.minimum_members > total:
        raise ValidationError({"minimum_members": _("Der er kun %(n)s kommuner i forløbet.") % {"n": total}})
    today = timezone.localdate()
    slug = slugify(data.name)[:70] or "samarbejde"
    base, n = slug, 2
    while Collaboration.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    if Collaboration.objects.filter(name=data.name).exists():
        raise ValidationError({"name": _("Der findes allerede et samarbejde med det navn.")})
    with transaction.atomic():
        # Only platform admins create collaborations (collaborations.policies): the service creates it
        # for the coordinator it has just checked, and records the user in the rationale.
        collaboration = services.save(Collaboration(
            name=data.name, slug=slug, purposes=[data.purpose], organisation_form=data.form,
            description=data.description, published=False, open_to_newcomers=False,
        ), user=services.SYSTEM, channel=channel)
        services.save(Membership(collaboration=collaboration, organisation=data.initiator,
                                 status=MembershipStatus.APPROVED, applied_on=today,
                                 note=_("Initiativtager")), user=services.SYSTEM, channel=channel)
        for organisation in invitees:
            services.save(Membership(collaboration=collaboration, organisation=organisation,
                                     status=MembershipStatus.APPLICANT, applied_on=today,
                                     note=_("Inviteret til etableringen")), user=services.SYSTEM, channel=channel)
        if not permissions.access_for(user).is_admin:
            services.save(RoleAssignment(user=user, role=Role.SECRETARIAT, collaboration=collaboration),
                          user=services.SYSTEM, channel=channel)
            permissions.forget_access(user)
        phase_model = services.save(PhaseModel(collaboration=collaboration, name=ESTABLISHMENT_PHASE_MODEL,
                                               phases=list(ESTABLISHMENT_PHASES)), user=user, channel=channel)
        process = services.save(Initiative(
            collaboration=collaboration, title=f"Etablering af {data.name}"[:200], kind="mandatory",
            owner_organisation=data.initiator,
            owner_person=(user.get_full_name() if hasattr(user, "get_full_name") else "") or user.username,
            purpose=data.rationale or _("Etablering af samarbejdet"), phase_model=phase_model,
            lifecycle=Lifecycle.ACTIVE, start=today,
        ), user=user, channel=channel)
        for index in range(len(ESTABLISHMENT_PHASES)):
            services.save(Gate(initiative=process, phase=index), user=user, channel=channel)
        formation = services.save(Formation(
            collaboration=collaboration, initiator=data.initiator, answers=answers_json(data.answers),
            purpose=data.purpose, form=data.form, rationale=data.rationale, process=process, rule=data.rule,
            minimum_members=data.minimum_members,
        ), user=user, channel=channel)
        for organisation in [data.initiator, *invitees]:
            services.save(MemberDecision(formation=formation, organisation=organisation), user=user, channel=channel)
    return formation


# --- 2. the establishment process -------------------------------------------------------------

DECISION_PHASE = ESTABLISHMENT_PHASES.index("Beslutning")


def rule_met(formation: Formation) -> bool:
    decisions = list(formation.decisions.all())
    yes = sum(1 for d in decisions if d.decision == Decision.YES)
    if formation.rule == EstablishmentRule.ALL:
        return yes >= 2 and yes == len(decisions)
    return yes >= max(2, formation.minimum_members)


def rule_text(formation: Formation) -> str:
    decisions = list(formation.decisions.all())
    yes = sum(1 for d in decisions if d.decision == Decision.YES)
    needed = len(decisions) if formation.rule == EstablishmentRule.ALL else max(2, formation.minimum_members)
    return _("%(yes)s af %(total)s kommuner har sagt ja; der skal %(needed)s til.") % {
        "yes": yes, "total": len(decisions), "needed": needed}


def decide_gate(gate: Gate, *, user, outcome: str, conditions: str = "", channel=Channel.UI) -> Gate:
    """Record a GO/no-GO of the establishment process, as the initiatives' gate decisions do
    (`initiatives.actions.apply_gate_decision`): GO moves the process to the next phase, no-GO
    stops it. The decision phase's gate is the members' own decisions (`record_decision`)."""
    formation = Formation.objects.filter(process_id=gate.initiative_id).first()
    if formation is None:
        raise ValidationError(_("Beslutningspunktet hører ikke til et etableringsforløb."))
    if outcome not in (GateOutcome.GO, GateOutcome.GO_CONDITIONS, GateOutcome.NO_GO):
        raise ValidationError({"outcome": _("Vælg GO, GO med betingelser eller no-GO.")})
    process = gate.initiative
    if gate.phase != process.current_phase or process.lifecycle != Lifecycle.ACTIVE:
        raise ValidationError({"outcome": _("Kun den aktuelle fases beslutningspunkt kan afgøres.")})
    if gate.phase == DECISION_PHASE:
        raise ValidationError({"outcome": _("Beslutningsfasen afgøres af kommunernes egne beslutninger.")})
    with transaction.atomic():
        gate.outcome, gate.conditions, gate.decided_on = outcome, conditions, timezone.localdate()
        services.save(gate, user=user, channel=channel)
        if outcome == GateOutcome.NO_GO:
            process.lifecycle = Lifecycle.STOPPED
        elif gate.phase + 1 < len(process.phases):
            process.current_phase = gate.phase + 1
        else:
            process.lifecycle = Lifecycle.COMPLETED
        services.save(process, user=user, channel=channel)
    return gate


def record_decision(decision: MemberDecision, *, user, choice: str, decided_on: datetime.date, body: str,
                    note: str = "", channel=Channel.UI) -> MemberDecision:
    """A municipality's decision in its own bodies. A no means it is not enrolled (its application
    is withdrawn; the decision stays on record). When the formation's rule is met in the decision
    phase, the collaboration is established."""
    formation = decision.formation
    if formation.established_on:
        raise ValidationError({"decision": _("Samarbejdet er allerede etableret.")})
    with transaction.atomic():
        decision.decision, decision.decided_on, decision.body, decision.note = choice, decided_on, body, note
        services.save(decision, user=user, channel=channel)
        if choice == Decision.NO:
            membership = Membership.objects.filter(collaboration=formation.collaboration,
                                                   organisation=decision.organisation).first()
            if membership is not None and membership.status in (MembershipStatus.APPLICANT, MembershipStatus.APPROVED):
                services.delete(membership, user=services.SYSTEM, channel=channel)
        process = formation.process
        if process is not None and process.current_phase == DECISION_PHASE and rule_met(formation):
            establish(formation, user=user, on=decided_on, channel=channel)
    return decision


def establish(formation: Formation, *, user, on: datetime.date, channel=Channel.UI) -> Formation:
    """The rule is met: the municipalities that said yes become active members from `on`, the
    decision gate is GO, the process moves to its establishment phase, and the collaboration is
    founded and open to newcomers."""
    if not permissions.allows(user, permissions.CHANGE, formation):
        raise PermissionDenied
    if not rule_met(formation):
        raise ValidationError(rule_text(formation))
    collaboration = formation.collaboration
    with transaction.atomic():
        yes = {d.organisation_id for d in formation.decisions.filter(decision=Decision.YES)}
        for membership in Membership.objects.filter(collaboration=collaboration, organisation_id__in=yes):
            if membership.status == MembershipStatus.APPLICANT:
                membership.status = MembershipStatus.APPROVED
                services.save(membership, user=services.SYSTEM, channel=channel)
            membership.status, membership.joined_on, membership.role = (
                MembershipStatus.ACTIVE, on, MembershipRole.MEMBER)
            services.save(membership, user=services.SYSTEM, channel=channel)
        for membership in Membership.objects.filter(collaboration=collaboration).exclude(organisation_id__in=yes):
            if membership.status == MembershipStatus.APPLICANT:
                services.delete(membership, user=services.SYSTEM, channel=channel)
        process = formation.process
        if process is not None:
            gate = process.gates.filter(phase=DECISION_PHASE).first()
            if gate is not None:
                gate.outcome, gate.decided_on = GateOutcome.GO, on
                gate.conditions = ""
                services.save(gate, user=user, channel=channel)
            process.current_phase = DECISION_PHASE + 1
            services.save(process, user=user, channel=channel)
        collaboration.founded = on
        collaboration.open_to_newcomers = True
        services.save(collaboration, user=services.SYSTEM, channel=channel)
        formation.established_on = on
        services.save(formation, user=user, channel=channel)
    return formation
