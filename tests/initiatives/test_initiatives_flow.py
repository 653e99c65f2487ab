"""Decisions, gates, participation, escalation, notifications and reports, through the app's
services and the audited core service."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from factories.initiatives import build_scene

from digisam.core import services
from digisam.core.models import AuditEntry
from digisam.initiatives import reports
from digisam.initiatives import services as initiative_services
from digisam.initiatives.models import Ballot, Notification, Participation

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene(world):
    for name, user in world.users.items():
        user.email = f"{name}@example.dk"
        user.save()
    return build_scene(world)


def vote(world, scene, *choices, **kwargs):
    proposal = scene.proposal
    initiative_services.open_proposal(proposal, user=world.users["secretariat"])
    coordinator_151 = _coordinator(world, "151")
    users = {"165": world.users["coordinator"], "151": coordinator_151}
    for code, choice in choices:
        initiative_services.cast_ballot(proposal, world.orgs[code], user=users[code], choice=choice, **kwargs)
    return proposal


def _coordinator(world, code):
    from django.contrib.auth import get_user_model

    from digisam.core.models import RoleAssignment

    user, made = get_user_model().objects.get_or_create(username=f"coord{code}", defaults={"email": f"c{code}@x.dk"})
    if made:
        RoleAssignment.objects.create(user=user, role="coordinator", organisation=world.orgs[code])
    return user


def test_a_gate_vote_opens_is_cast_closes_and_passes_the_gate(world, scene, django_capture_on_commit_callbacks):
    # The e-mails are queued when the decision's transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        proposal = vote(world, scene, ("165", "yes"), ("151", "yes"))
    assert Notification.objects.filter(kind="vote_opened", user=world.users["coordinator"]).exists()
    assert any("Afstemning åbnet" in m.body for m in mail.outbox)
    result = initiative_services.close_proposal(proposal, user=world.users["secretariat"])
    proposal.refresh_from_db()
    assert result.adopted and proposal.outcome == "adopted" and proposal.status == "closed"
    assert proposal.outcome_statement.startswith("Forslaget er vedtaget med 2 stemmer for")
    assert proposal.outcome_statement.endswith("GO.")
    scene.gate.refresh_from_db()
    scene.initiative.refresh_from_db()
    assert scene.gate.outcome == "go" and scene.gate.decided_on == timezone.localdate()
    assert scene.initiative.current_phase == 1 and scene.initiative.phase_name == "Analyse"
    assert scene.initiative.lifecycle == "active"
    assert Notification.objects.filter(kind="decision", user=world.users["member"]).exists()


def test_every_decision_and_ballot_is_in_the_audit_log_with_who_and_when(world, scene):
    proposal = vote(world, scene, ("165", "no"))
    initiative_services.close_proposal(proposal, user=world.users["secretariat"])
    ballot_entry = AuditEntry.objects.get(content_type__model="ballot")
    assert ballot_entry.user == world.users["coordinator"] and ballot_entry.timestamp
    assert ballot_entry.collaboration_id == world.alpha.pk
    proposal_entries = AuditEntry.objects.filter(content_type__model="proposal", object_id=str(proposal.pk))
    assert {e.user for e in proposal_entries} == {world.users["secretariat"]}
    closing = proposal_entries.order_by("timestamp", "pk").last()
    assert closing.after["status"] == "closed" and closing.after["outcome"] == "rejected"
    assert AuditEntry.objects.filter(content_type__model="gate", after__outcome="no_go").exists()


def test_votes_cannot_change_after_closing(world, scene):
    proposal = vote(world, scene, ("165", "yes"))
    initiative_services.close_proposal(proposal, user=world.users["secretariat"])
    ballot = Ballot.objects.get()
    ballot.choice = "no"
    with pytest.raises(PermissionDenied):
        services.save(ballot, user=world.users["coordinator"])
    with pytest.raises(PermissionDenied):
        services.save(ballot, user=world.users["admin"])
    with pytest.raises(PermissionDenied):
        services.delete(ballot, user=world.users["coordinator"])
    with pytest.raises(PermissionDenied):
        initiative_services.cast_ballot(proposal, world.orgs["151"], user=_coordinator(world, "151"), choice="yes")
    proposal.refresh_from_db()
    assert proposal.outcome == "adopted"
    proposal.outcome = "rejected"
    with pytest.raises(ValidationError):
        services.save(proposal, user=world.users["secretariat"])


def test_a_ballot_can_change_while_the_vote_is_open(world, scene):
    proposal = vote(world, scene, ("165", "yes"))
    initiative_services.cast_ballot(proposal, world.orgs["165"], user=world.users["coordinator"], choice="abstain")
    assert Ballot.objects.get().choice == "abstain"


def test_a_ballot_after_the_deadline_is_refused(world, scene):
    proposal = scene.proposal
    proposal.deadline = timezone.now() + datetime.timedelta(hours=1)
    proposal.save()
    initiative_services.open_proposal(proposal, user=world.users["secretariat"])
    late = Ballot(proposal=proposal, organisation=world.orgs["165"], choice="yes",
                  cast_at=proposal.deadline + datetime.timedelta(seconds=1))
    with pytest.raises(ValidationError) as error:
        services.save(late, user=world.users["coordinator"])
    assert "Fristen" in str(error.value)


def test_veto_is_refused_when_the_rule_has_none_and_counts_when_it_has(world, scene):
    with pytest.raises(ValidationError):
        vote(world, scene, ("165", "no"), veto=True)
    rule = scene.proposal.rule
    rule.veto = True
    rule.save()
    initiative_services.cast_ballot(scene.proposal, world.orgs["165"], user=world.users["coordinator"], choice="no", veto=True)
    initiative_services.cast_ballot(scene.proposal, world.orgs["151"], user=_coordinator(world, "151"), choice="yes")
    result = initiative_services.close_proposal(scene.proposal, user=world.users["secretariat"])
    assert result.outcome == "vetoed"
    scene.gate.refresh_from_db()
    assert scene.gate.outcome == "no_go"


def test_go_with_conditions(world, scene):
    scene.proposal.conditions = "Business casen opdateres inden analysefasen."
    scene.proposal.save()
    proposal = vote(world, scene, ("165", "yes"), ("151", "abstain"))
    initiative_services.close_proposal(proposal, user=world.users["secretariat"])
    scene.gate.refresh_from_db()
    assert scene.gate.outcome == "go_conditions" and "Business casen" in scene.gate.conditions


def test_a_vote_without_quorum_is_not_decided(world, scene):
    rule = scene.proposal.rule
    rule.quorum_minimum = 2
    rule.save()
    proposal = vote(world, scene, ("165", "yes"))
    result = initiative_services.close_proposal(proposal, user=world.users["secretariat"])
    assert result.outcome == "no_quorum"
    scene.gate.refresh_from_db()
    assert scene.gate.outcome == "no_go"


def test_population_weighted_rule_uses_population_figures(world, scene):
    rule = scene.proposal.rule
    rule.voting_basis = "population"
    rule.save()
    proposal = vote(world, scene, ("165", "yes"), ("151", "no"))
    result = initiative_services.close_proposal(proposal, user=world.users["secretariat"])
    populations = {m.key: m.population for m in initiative_services.eligible_members(proposal)}
    assert result.yes == populations[world.orgs["165"].pk] and result.no == populations[world.orgs["151"].pk]
    assert "indbyggere" in result.statement


def test_participation_rules(world, scene):
    coordinator = world.users["coordinator"]
    out = Participation(initiative=scene.initiative, organisation=world.orgs["165"], choice="out")
    with pytest.raises(ValidationError) as error:
        services.save(out, user=coordinator)
    assert "reason" in error.value.message_dict
    out.reason = "Egen løsning"
    services.save(out, user=coordinator)
    # the coordinator cannot choose for another member
    with pytest.raises(PermissionDenied):
        services.save(Participation(initiative=scene.initiative, organisation=world.orgs["151"], choice="in"),
                      user=coordinator)
    # the outsider's organisation is not a member: refused by the policy
    with pytest.raises(PermissionDenied):
        services.save(Participation(initiative=scene.initiative, organisation=world.orgs["153"], choice="in"),
                      user=world.users["outsider"])
    # a mandatory initiative cannot be opted out of
    scene.initiative.kind = "mandatory"
    scene.initiative.save()
    out.reason = "Vil ikke"
    with pytest.raises(ValidationError) as error:
        services.save(out, user=coordinator)
    assert "obligatorisk" in str(error.value)


def test_participation_overview_flags_repeated_opt_outs_and_low_participation(world, scene):
    from digisam.initiatives.models import Initiative

    secretariat = world.users["secretariat"]
    more = [Initiative.objects.create(collaboration=world.alpha, title=f"Projekt {n}", owner_organisation=world.orgs["151"],
                                      owner_person="P", purpose="P", phase_model=scene.phases) for n in range(2)]
    for initiative in more:
        services.save(Participation(initiative=initiative, organisation=world.orgs["165"], choice="out", reason="Nej"),
                      user=secretariat)
    services.save(Participation(initiative=scene.initiative, organisation=world.orgs["165"], choice="in"), user=secretariat)
    services.save(Participation(initiative=scene.initiative, organisation=world.orgs["151"], choice="in"), user=secretariat)
    rows = {r["organisation"].code: r for r in reports.participation_overview(world.alpha, secretariat)["rows"]}
    assert rows["165"]["opted_out"] == 2 and rows["165"]["opted_in"] == 1
    assert rows["165"]["flags"] == ["Gentagne fravalg", "Lav deltagelse"]
    assert rows["151"]["flags"] == [] and rows["151"]["undecided"] == 3


def test_fora_disagreement_is_escalated_to_the_directors_with_a_case_statement(world, scene):
    from digisam.collaborations.models import Body, DecisionRule
    from digisam.initiatives.models import ForumPosition, Proposal

    directors = Body.objects.create(collaboration=world.alpha, kind="directors_circle", name="Kommunaldirektørerne")
    DecisionRule.objects.create(collaboration=world.alpha, body=directors, decision_type="general", majority="unanimity")
    fora = []
    for code in ("165", "151"):
        forum = Body.objects.create(collaboration=world.alpha, kind="strategic_forum", name=f"Forum {code}",
                                    member_organisation=world.orgs[code])
        DecisionRule.objects.create(collaboration=world.alpha, body=forum, decision_type="general",
                                    majority="unanimity", escalation_body=directors)
        fora.append(forum)
    recommendation = Proposal.objects.create(collaboration=world.alpha, body=world.board, title="Fælles udbud",
                                             text="Udbud i 2027, 50/50.")
    secretariat = world.users["secretariat"]
    services.save(ForumPosition(proposal=recommendation, forum=fora[0], approve=True, timing="2027"), user=secretariat)
    result, _body = initiative_services.check_fora(recommendation)
    assert not result.escalate and result.missing  # waits for the other forum
    services.save(ForumPosition(proposal=recommendation, forum=fora[1], approve=True, timing="2028",
                                staffing="1 årsværk"), user=secretariat)
    result, body = initiative_services.check_fora(recommendation)
    assert result.escalate and body == directors
    escalation = initiative_services.escalate(recommendation, user=secretariat)
    assert escalation.body == directors and escalation.parent == recommendation
    assert "Sagsredegørelse" in escalation.case_statement and "Forum 151: 2028" in escalation.case_statement
    recommendation.refresh_from_db()
    assert recommendation.outcome == "escalated" and "tidsramme, bemanding" in recommendation.outcome_statement
    assert Notification.objects.filter(kind="escalation").exists()
    # members vote on the escalated case in the directors' circle: unanimity
    initiative_services.open_proposal(escalation, user=secretariat)
    initiative_services.cast_ballot(escalation, world.orgs["165"], user=world.users["coordinator"], choice="yes")
    assert initiative_services.close_proposal(escalation, user=secretariat).outcome == "rejected"  # 151 did not vote


def test_notify_gates_due_reminds_once_and_closes_expired_votes(world, scene, django_capture_on_commit_callbacks):
    from django.core.management import call_command

    from digisam.initiatives.models import Proposal

    expired = Proposal.objects.create(collaboration=world.alpha, body=world.board, title="Udløbet", status="open",
                                      deadline=timezone.now() - datetime.timedelta(minutes=5))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("notify_gates_due", "--days", "7")
    reminders = Notification.objects.filter(kind="gate_due")
    assert reminders.filter(user=world.users["secretariat"]).exists()
    assert any("GO/no-GO for Fælles ESDH" in m.body for m in mail.outbox)
    count = reminders.count()
    call_command("notify_gates_due", "--days", "7")
    assert Notification.objects.filter(kind="gate_due").count() == count
    expired.refresh_from_db()
    assert expired.status == "closed" and expired.outcome == "rejected"  # no quorum rule: 0 yes is not > 0 no


def test_business_case_is_computed_by_the_engine(world, scene):
    from digisam.initiatives.models import BusinessCaseLine

    BusinessCaseLine.objects.create(case=scene.case, organisation=world.orgs["151"], scenario=1, kind="gain",
                                    year=2027, low=Decimal(0), likely=Decimal(207), high=Decimal(414))
    result = scene.case.compute()
    # -100 in 2026; PERT gain (0 + 828 + 414) / 6 = 207 in 2027, discounted 207 / 1.035 = 200
    assert result.npv == Decimal("100.00")
    assert result.payback_year == 2027
    line = BusinessCaseLine(case=scene.case, organisation=world.orgs["151"], kind="gain", year=2035, likely=Decimal(1))
    with pytest.raises(ValidationError):
        line.full_clean()


def test_dashboard_pdf_and_benefit_map(world, scene, client_for):
    scene.initiative.title = "Fælles ESDH – æøå <b>"
    scene.initiative.save()
    response = client_for(world.users["secretariat"]).get("/initiativer/alpha/overblik/?format=pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    svg = reports.benefit_map_svg(scene.initiative)
    assert "&lt;b&gt;" in svg and "Ens sagsbehandling" in svg and "<line" in svg
    assert reports.latin1("−½… æøå") == "-1/2... æøå"


def test_demo_loads_and_is_idempotent(db):
    from digisam.demo import loader
    from digisam.initiatives.models import Ballot as B
    from digisam.initiatives.models import Gate, Initiative, Proposal

    loader.load(log=lambda *a: None)
    counts = (Initiative.objects.count(), Proposal.objects.count(), B.objects.count())
    assert Initiative.objects.filter(collaboration__slug="storkoebenhavn").count() >= 2
    assert Initiative.objects.filter(collaboration__slug="silkeborg-viborg").exists()
    assert Proposal.objects.filter(status="closed").exists() and Proposal.objects.filter(status="open").exists()
    assert Gate.objects.filter(outcome="go").exists()
    assert Proposal.objects.filter(parent__isnull=False, case_statement__contains="Sagsredegørelse").exists()
    loader.load(log=lambda *a: None)
    assert (Initiative.objects.count(), Proposal.objects.count(), B.objects.count()) == counts
    # the directors' dashboard of the demo fits on one printed page
    import re

    from digisam.collaborations.models import Collaboration
    from digisam.core import services

    for slug in ("storkoebenhavn", "silkeborg-viborg"):
        collaboration = Collaboration.objects.get(slug=slug)
        pdf = reports.dashboard_pdf(collaboration, reports.dashboard(collaboration, services.SYSTEM)).content
        assert len(re.findall(rb"/Type /Page\b(?!s)", pdf)) == 1
