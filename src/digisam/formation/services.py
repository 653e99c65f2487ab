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
    danish = data.name.lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    slug = slugify(danish)[:70] or "samarbejde"
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
    (`initiatives.services.apply_gate_decision`): GO moves the process to the next phase, no-GO
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


# --- 3. what would joining mean for us? -------------------------------------------------------

PLAN_WINDOW_YEARS = 4


def joining_fee(collaboration, organisation, join_on: datetime.date) -> dict:
    """The municipality's fee from `join_on` under the collaboration's fee model: the economy year's
    scenario settled by the economy engine with the municipality added from that day (the year's
    proration rule applies, e.g. OS2's half year), and how the members' charges move."""
    from digisam.economy import adapter
    from digisam.economy.models import EconomyYear
    from digisam.engines import economy as engine
    from digisam.engines.economy import texts
    from digisam.organisations.models import population_map

    year = EconomyYear.objects.filter(collaboration=collaboration, year=join_on.year).first()
    if year is None:
        return {"problem": _("Samarbejdet har ingen økonomi for %(year)s endnu, så kontingentet kan ikke "
                             "beregnes.") % {"year": join_on.year}}
    document, _labels = adapter.build_scenario(year)
    code = adapter.member_code(organisation)
    if any(m["code"] == code for m in document["members"]):
        return {"problem": _("%(org)s er allerede medlem i %(year)s.") % {"org": organisation, "year": year.year}}
    population = population_map([organisation.pk], year.key_date).get(organisation.pk)
    joined = {**document, "members": [*document["members"], {
        "code": code, "name": organisation.name, "population": population, "fte": None,
        "member_from": join_on.isoformat(), "member_to": None}]}
    try:
        before, after = adapter.settle_document(document), adapter.settle_document(joined)
    except engine.ScenarioError as error:
        return {"problem": _("Kontingentet kan ikke beregnes: %(e)s") % {"e": error}}
    mine = after.member(code)
    moved = [{"name": other.name or other.code, "delta_ore": other.charges - before.member(other.code).charges}
             for other in after.members if other.code != code]
    return {
        "year": year.year, "proration": year.get_proration_display(), "fraction": texts.fmt_fraction(mine.fraction),
        "charges_ore": mine.charges, "charges_text": texts.fmt_ore(mine.charges),
        # the engine signs a line from the member's side (a charge is negative): shown as what it pays
        "lines": [{"id": line.id, "label": _labels["lines"].get(line.id, line.id), "amount_ore": -line.amount_ore,
                   "text": line.explanation.text} for line in mine.lines],
        "others": [m for m in moved if m["delta_ore"]],
    }


def portfolio_overlap(collaboration, organisation, join_on: datetime.date) -> dict:
    """How the municipality's portfolio overlaps the members' — only as counts of members, never
    which member or what it pays: members using the same systems, members with contracts with the
    same vendors, and members' contracts in the same categories ending in the plan's window."""
    from digisam.portfolio import selectors
    from digisam.portfolio.models import Contract, Usage

    members = selectors.sharing_members(collaboration)
    own_usages = Usage.objects.filter(organisation=organisation).select_related("category", "product")
    own_products = {u.product_id: u.product for u in own_usages if u.product_id}
    own_categories = {u.category_id: u.category for u in own_usages}
    own_contracts = Contract.objects.filter(organisation=organisation).select_related("supplier")
    own_vendors = {c.supplier_id: c.supplier for c in own_contracts if c.supplier_id}
    systems = []
    for product_id, product in own_products.items():
        count = Usage.objects.filter(organisation_id__in=members, product_id=product_id).values(
            "organisation_id").distinct().count()
        if count:
            systems.append({"name": str(product), "members": count})
    vendors = []
    for vendor_id, vendor in own_vendors.items():
        count = Contract.objects.filter(organisation_id__in=members, supplier_id=vendor_id).values(
            "organisation_id").distinct().count()
        if count:
            vendors.append({"name": vendor.name, "members": count})
    window_end = datetime.date(join_on.year + PLAN_WINDOW_YEARS, 12, 31)
    ending = []
    for category_id, category in own_categories.items():
        count = Contract.objects.filter(organisation_id__in=members, category_id=category_id,
                                        expires__gte=join_on, expires__lte=window_end).count()
        if count:
            ending.append({"name": str(category), "contracts": count})
    return {"sharing_members": len(members), "systems": sorted(systems, key=lambda r: -r["members"]),
            "vendors": sorted(vendors, key=lambda r: -r["members"]),
            "ending": sorted(ending, key=lambda r: -r["contracts"]), "window_end": window_end}


def open_initiatives(collaboration, user, join_on: datetime.date) -> list[dict]:
    """Voluntary initiatives the municipality could opt into (those the user may read), with its
    share of their budget from the join year: an equal share among the members that opted in plus it."""
    from decimal import Decimal

    from digisam.initiatives.models import InitiativeKind, ParticipationChoice

    qs = permissions.restrict(Initiative.objects.filter(
        collaboration=collaboration, lifecycle__in=[Lifecycle.PROPOSED, Lifecycle.ACTIVE]), user).exclude(
        formation__isnull=False).prefetch_related("budget_lines", "participations")
    rows = []
    for initiative in qs.order_by("title"):
        participants = sum(1 for p in initiative.participations.all() if p.choice == ParticipationChoice.IN)
        budget = sum((b.amount for b in initiative.budget_lines.all() if b.year >= join_on.year), Decimal(0))
        share = (budget / (participants + 1)).quantize(Decimal("0.01")) if budget else Decimal(0)
        rows.append({"initiative": initiative, "mandatory": initiative.kind == InitiativeKind.MANDATORY,
                     "participants": participants, "budget": budget, "share": share})
    return rows


def apply_for_membership(collaboration, organisation, *, user, channel=Channel.UI) -> Membership:
    """The municipality applies from the joining page (status applicant; the secretariat approves)."""
    if not collaboration.open_to_newcomers:
        raise ValidationError(_("Samarbejdet optager ikke nye medlemmer."))
    if Membership.objects.filter(collaboration=collaboration, organisation=organisation).exists():
        raise ValidationError(_("Kommunen har allerede et medlemskab eller en ansøgning i samarbejdet."))
    return services.save(Membership(collaboration=collaboration, organisation=organisation,
                                    status=MembershipStatus.APPLICANT, applied_on=timezone.localdate(),
                                    note=_("Ansøgt fra siden ‘Hvad betyder medlemskab for os?’")),
                         user=user, channel=channel)


# --- 4. leaving -------------------------------------------------------------------------------


def exit_terms(collaboration):
    """The collaboration's exit terms, or the common default (6 months' notice to the year's end)."""
    from .models import ExitTerms

    return ExitTerms.objects.filter(collaboration=collaboration).first() or ExitTerms(collaboration=collaboration)


def give_notice(membership: Membership, *, user, notice_given_on: datetime.date, reason: str = "",
                channel=Channel.UI):
    """A member gives notice: the exit date by the collaboration's rules, the final year prorated
    by the economy (`economy.adapter.leave_consequences`), its seats end on the exit date, and its
    participation in initiatives is listed. The membership keeps its dates: it gets its leaving date
    (and status 'left' at once if that date has passed), so the history shows it was a member."""
    from digisam.collaborations.models import Seat
    from digisam.economy import adapter
    from digisam.initiatives.models import Participation, ParticipationChoice

    from .models import Withdrawal

    if membership.status != MembershipStatus.ACTIVE:
        raise ValidationError(_("Kun et aktivt medlem kan opsige sit medlemskab."))
    if Withdrawal.objects.filter(membership=membership).exists():
        raise ValidationError(_("Medlemmet har allerede opsagt."))
    terms = exit_terms(membership.collaboration)
    exit_on = terms.exit_date(notice_given_on)
    withdrawal = Withdrawal(membership=membership, notice_given_on=notice_given_on, exit_on=exit_on, reason=reason)
    if not permissions.allows(user, permissions.ADD, withdrawal):
        raise PermissionDenied
    consequences = [_("Opsigelsesvarsel %(n)s måneder til %(point)s: udtræden %(date)s.") % {
        "n": terms.notice_months, "point": terms.get_exit_point_display().lower(), "date": exit_on.strftime("%d.%m.%Y")}]
    consequences += adapter.leave_consequences(membership, exit_on)
    with transaction.atomic():
        seats = Seat.objects.filter(body__collaboration=membership.collaboration, organisation=membership.organisation)
        for seat in seats.filter(models_q_open_after(exit_on)):
            seat.end = exit_on
            services.save(seat, user=services.SYSTEM, channel=channel)
            consequences.append(_("%(person)s forlader %(body)s %(date)s.") % {
                "person": seat.person, "body": seat.body, "date": exit_on.strftime("%d.%m.%Y")})
        for participation in Participation.objects.filter(
                initiative__collaboration=membership.collaboration, organisation=membership.organisation,
                choice=ParticipationChoice.IN, initiative__lifecycle__in=[Lifecycle.PROPOSED, Lifecycle.ACTIVE]):
            consequences.append(_("Deltagelsen i %(initiative)s ophører ved udtrædelsen.") % {
                "initiative": participation.initiative})
        membership.left_on = exit_on
        if exit_on < timezone.localdate():
            membership.status = MembershipStatus.LEFT
        services.save(membership, user=services.SYSTEM, channel=channel)
        withdrawal.consequences = [str(c) for c in consequences]
        services.save(withdrawal, user=user, channel=channel)
    return withdrawal


def models_q_open_after(day):
    from django.db.models import Q

    return Q(end__isnull=True) | Q(end__gt=day)


# --- 6. changing course -----------------------------------------------------------------------


def current_participation(collaboration) -> str:
    from .models import ParticipationRule

    last = collaboration.course_changes.order_by("-effective_from").first()
    return last.new_participation if last else ParticipationRule.BINDING


def change_course(collaboration, *, user, decided_on: datetime.date, effective_from: datetime.date, new_form: str,
                  new_participation: str, end_bodies=(), reason: str, channel=Channel.UI):
    """Record a change of course as a decision (see `CourseChange`): seats of the ending bodies end
    the day before `effective_from`, the form changes, and with voluntary participation the running
    mandatory initiatives become voluntary (members then opt in or out per initiative)."""
    from digisam.collaborations.models import Seat
    from digisam.initiatives.models import InitiativeKind

    from .models import CourseChange, ParticipationRule

    change = CourseChange(collaboration=collaboration, decided_on=decided_on, effective_from=effective_from,
                          previous_form=collaboration.organisation_form, new_form=new_form,
                          previous_participation=current_participation(collaboration),
                          new_participation=new_participation, reason=reason)
    if not permissions.allows(user, permissions.ADD, change):
        raise PermissionDenied
    bodies = [b for b in end_bodies if b.collaboration_id == collaboration.pk]
    last_day = effective_from - datetime.timedelta(days=1)
    with transaction.atomic():
        for body in bodies:
            for seat in Seat.objects.filter(body=body).filter(models_q_open_after(last_day)):
                seat.end = max(last_day, seat.start) if seat.start else last_day
                services.save(seat, user=user, channel=channel)
        changed = []
        if new_participation == ParticipationRule.OPT_IN:
            for initiative in collaboration.initiatives.filter(kind=InitiativeKind.MANDATORY,
                                                               lifecycle__in=[Lifecycle.PROPOSED, Lifecycle.ACTIVE]):
                if Formation.objects.filter(process=initiative).exists():
                    continue
                initiative.kind = InitiativeKind.VOLUNTARY
                services.save(initiative, user=user, channel=channel)
                changed.append(initiative.title)
        collaboration.organisation_form = new_form
        services.save(collaboration, user=user, channel=channel)
        change.ended_bodies = [b.name for b in bodies]
        change.changed_initiatives = changed
        services.save(change, user=user, channel=channel)
    return change


def running_initiatives(collaboration):
    """The collaboration's running initiatives a member can keep or leave (not a formation process)."""
    return collaboration.initiatives.filter(lifecycle__in=[Lifecycle.PROPOSED, Lifecycle.ACTIVE]).exclude(
        formation__isnull=False).order_by("title")


def _active_member(change, organisation):
    if not Membership.objects.filter(collaboration=change.collaboration, organisation=organisation,
                                     status=MembershipStatus.ACTIVE).exists():
        raise ValidationError({"organisation": _("Kun et aktivt medlem vælger ved et kursskifte.")})


def record_course_choice(change, *, organisation, initiative, choice: str, user, reason: str = "",
                         channel=Channel.UI):
    """A member keeps or leaves a running initiative after a change of course, from the change's
    date. Leaving opts it out of the initiative (its participation ends); keeping opts it in. The
    `CourseChoice` keeps the participation before, so the history shows it took part until then."""
    from digisam.initiatives.models import InitiativeKind, Participation, ParticipationChoice

    from .models import CourseChoice, CourseChoiceKind, ParticipationRule

    record = CourseChoice.objects.filter(change=change, initiative=initiative, organisation=organisation).first() \
        or CourseChoice(change=change, initiative=initiative, organisation=organisation)
    if not permissions.allows(user, permissions.CHANGE if record.pk else permissions.ADD, record):
        raise PermissionDenied
    if change.new_participation != ParticipationRule.OPT_IN:
        raise ValidationError(_("Kun efter et kursskifte til frivillig deltagelse vælger medlemmerne selv."))
    if initiative.collaboration_id != change.collaboration_id or not running_initiatives(
            change.collaboration).filter(pk=initiative.pk).exists():
        raise ValidationError({"initiative": _("Vælg et igangværende initiativ i samarbejdet.")})
    if initiative.kind != InitiativeKind.VOLUNTARY:
        raise ValidationError({"initiative": _("Initiativet er stadig obligatorisk.")})
    if choice not in CourseChoiceKind.values:
        raise ValidationError({"choice": _("Vælg om medlemmet bliver i eller forlader initiativet.")})
    _active_member(change, organisation)
    if choice == CourseChoiceKind.LEAVE and not reason.strip():
        raise ValidationError({"reason": _("Giv en begrundelse for at forlade initiativet.")})
    participation = Participation.objects.filter(initiative=initiative, organisation=organisation).first()
    with transaction.atomic():
        if not record.pk:
            record.previous_choice = participation.choice if participation else ""
        record.choice, record.effective_from, record.reason = choice, change.effective_from, reason
        services.save(record, user=user, channel=channel)
        participation = participation or Participation(initiative=initiative, organisation=organisation)
        if choice == CourseChoiceKind.LEAVE:
            participation.choice = ParticipationChoice.OUT
            participation.reason = _("Forlader initiativet ved kursskiftet fra %(date)s: %(reason)s") % {
                "date": change.effective_from.strftime("%d.%m.%Y"), "reason": reason}
        else:
            participation.choice = ParticipationChoice.IN
            participation.reason = reason or _("Bliver i initiativet efter kursskiftet %(date)s.") % {
                "date": change.effective_from.strftime("%d.%m.%Y")}
        participation.decided_on = change.effective_from
        # the permission was checked for the choice above (the secretariat records any member's)
        services.save(participation, user=services.SYSTEM, channel=channel)
    return record


def record_own_strategy(change, *, organisation, own_from: datetime.date, user, note: str = "",
                        channel=Channel.UI):
    """The joint strategy lives on for a member until it has its own: the dated note."""
    from .models import OwnStrategy

    record = OwnStrategy.objects.filter(change=change, organisation=organisation).first() \
        or OwnStrategy(change=change, organisation=organisation)
    if not permissions.allows(user, permissions.CHANGE if record.pk else permissions.ADD, record):
        raise PermissionDenied
    _active_member(change, organisation)
    record.own_from, record.note = own_from, note
    return services.save(record, user=user, channel=channel)


def course_members(collaboration, user):
    """The active members the user records course choices for: all for the secretariat, its own
    municipality for a member's coordinator."""
    from digisam.organisations.models import Organisation

    access = permissions.access_for(user)
    qs = collaboration.memberships.filter(status=MembershipStatus.ACTIVE, role=MembershipRole.MEMBER)
    if not (access.is_admin or collaboration.pk in access.secretariat_collaborations):
        qs = qs.filter(organisation_id__in=access.coordinator_organisations)
    return Organisation.objects.filter(pk__in=qs.values("organisation_id")).order_by("name")


# --- 7. does it deliver? ----------------------------------------------------------------------


def delivery(collaboration, user, year: int) -> dict:
    """The directors' figures for a year, each with the source it traces to: benefits realised vs
    expected (the initiatives' dashboard figures), decisions closed in the year with their lead time
    from opening to decision, and members' participation per voluntary initiative. Everything goes
    through the user's access (`permissions.restrict`)."""
    from decimal import Decimal

    from digisam.initiatives import reports
    from digisam.initiatives.models import ParticipationChoice, Proposal, ProposalStatus

    board = reports.dashboard(collaboration, user)
    decisions = []
    for proposal in permissions.restrict(Proposal.objects.filter(
            collaboration=collaboration, status=ProposalStatus.CLOSED, closed_at__year=year), user).order_by(
            "closed_at"):
        lead = (proposal.closed_at - proposal.opened_at).days if proposal.opened_at and proposal.closed_at else None
        decisions.append({"proposal": proposal, "lead_days": lead})
    leads = [d["lead_days"] for d in decisions if d["lead_days"] is not None]
    participation = []
    for initiative in board["initiatives"]:
        if initiative.kind != "voluntary" or Formation.objects.filter(process=initiative).exists():
            continue
        choices = [p.choice for p in initiative.participations.all()]
        participation.append({"initiative": initiative, "in": choices.count(ParticipationChoice.IN),
                              "out": choices.count(ParticipationChoice.OUT)})
    from . import delivery as sources

    money_units = ("", "kr", "kr.", "dkk")
    quality = []
    for initiative in board["initiatives"]:
        for benefit in initiative.benefits.filter(is_disbenefit=False).prefetch_related("expectations",
                                                                                        "realisations"):
            if benefit.unit.strip().lower() in money_units and benefit.kind == "economic":
                continue
            quality.append({"initiative": initiative, "benefit": benefit, "expected": Decimal(benefit.expected_total),
                            "realised": Decimal(benefit.realised_total), "unit": benefit.unit})
    return {
        "year": year, "benefit_rows": board["benefit_rows"], "total_expected": board["total_expected"],
        "total_realised": board["total_realised"], "decisions": decisions,
        "average_lead_days": round(sum(leads) / len(leads), 1) if leads else None,
        "participation": participation, "quality": quality,
        "budget": sources.budget_vs_actual(collaboration, user, year),
        "tenders": sources.joint_tenders(collaboration, user),
        "sla": sources.sla_results(collaboration, user, year),
    }


def rescope(formation: Formation, *, user, remove=(), scope: str = "", start_on: datetime.date | None = None,
            reason: str, channel=Channel.UI):
    """Put a no-GO to a new decision with a rescoped proposal: the municipalities in `remove` leave
    the process (their applications are withdrawn), the scope and start change, and the stopped
    gate is pending again. The `Rescoping` record keeps the first decision and what changed."""
    from .models import Rescoping

    process = formation.process
    gate = process.gates.filter(outcome=GateOutcome.NO_GO).order_by("-phase").first() if process else None
    refused = process is not None and process.lifecycle == Lifecycle.ACTIVE and not formation.established_on and (
        process.current_phase == DECISION_PHASE and formation.decisions.filter(decision=Decision.NO).exists())
    if refused:  # a municipality said no in the decision phase: the proposal goes on without it
        gate = process.gates.get(phase=DECISION_PHASE)
        gate.outcome = GateOutcome.NO_GO
        gate.decided_on = max(d.decided_on for d in formation.decisions.filter(decision=Decision.NO))
    elif gate is None or process.lifecycle != Lifecycle.STOPPED:
        raise ValidationError(_("Kun et forløb der er stoppet ved et no-GO kan lægges op til ny beslutning."))
    removed = [o for o in remove if o.pk != formation.initiator_id]
    record = Rescoping(formation=formation, phase=gate.phase, previous_outcome=gate.outcome,
                       previous_decided_on=gate.decided_on, removed_members=[o.name for o in removed],
                       previous_scope=process.scope, scope=scope or process.scope, previous_start=process.start,
                       start=start_on or process.start, reason=reason, decided_on=timezone.localdate())
    if not permissions.allows(user, permissions.ADD, record):
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError({"reason": _("Giv en begrundelse for det nye forslag.")})
    with transaction.atomic():
        for organisation in removed:
            for decision in formation.decisions.filter(organisation=organisation):
                services.delete(decision, user=user, channel=channel)
            membership = Membership.objects.filter(collaboration=formation.collaboration,
                                                   organisation=organisation).first()
            if membership is not None and membership.status == MembershipStatus.APPLICANT:
                services.delete(membership, user=services.SYSTEM, channel=channel)
        if formation.decisions.count() < 2:
            raise ValidationError({"remove": _("Der skal være mindst to kommuner tilbage i forløbet.")})
        gate.outcome, gate.decided_on, gate.conditions = GateOutcome.PENDING, None, ""
        services.save(gate, user=user, channel=channel)
        process.lifecycle, process.current_phase = Lifecycle.ACTIVE, gate.phase
        process.scope, process.start = record.scope, record.start
        services.save(process, user=user, channel=channel)
        services.save(record, user=user, channel=channel)
        if process.current_phase == DECISION_PHASE and rule_met(formation):
            establish(formation, user=user, on=timezone.localdate(), channel=channel)
    return record
