"""The establishment process (issue 14 item 2): the initiatives' phases and gates, each member's own
decision, established when the rule is met, a no is not enrolled."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from digisam.collaborations.models import Membership, MembershipStatus
from digisam.core.models import AuditEntry
from digisam.formation import services
from digisam.formation.models import EstablishmentRule, Formation
from digisam.initiatives.models import GateOutcome, Lifecycle

DAY = datetime.date(2026, 3, 2)


def start(world, rule=EstablishmentRule.ALL, minimum=2, form="association"):
    o = world.orgs
    return services.start(services.Start(
        name="Indkøbsforeningen Vest", initiator=o["165"], invitees=[o["151"], o["153"]],
        answers=services.answers_from({"needs": ["buying_power"], "employ_staff": True, "members": 3}),
        purpose="procurement", form=form, rationale="Fælles udbud giver indkøbsmagt.", rule=rule,
        minimum_members=minimum,
    ), user=world.users["coordinator"])


def through_analysis(formation, user):
    for phase in (0, 1):
        gate = formation.process.gates.get(phase=phase)
        services.decide_gate(gate, user=user, outcome=GateOutcome.GO)
    formation.process.refresh_from_db()


@pytest.mark.django_db
def test_starting_saves_the_rationale_and_the_process_on_the_initiatives_machinery(world):
    formation = start(world)
    collaboration = formation.collaboration
    assert collaboration.organisation_form == "association" and not collaboration.published
    assert formation.answers == {"needs": ["buying_power"], "employ_staff": True, "hand_over_competence": False,
                                 "legal_person": False, "members": 3}
    assert formation.process.phases == ["Afsøgning", "Analyse", "Beslutning", "Etablering"]
    assert formation.process.gates.count() == 4
    assert formation.decisions.filter(decision="pending").count() == 3
    statuses = dict(Membership.objects.filter(collaboration=collaboration).values_list("organisation__code", "status"))
    assert statuses == {"165": "approved", "151": "applicant", "153": "applicant"}
    assert AuditEntry.objects.filter(collaboration_id=collaboration.pk, user=world.users["coordinator"]).exists()


@pytest.mark.django_db
def test_a_contradicting_form_is_refused_with_the_reason_and_nothing_is_written(world):
    o = world.orgs
    with pytest.raises(ValidationError) as error:
        services.start(services.Start(
            name="Mundtligt", initiator=o["165"], invitees=[o["151"]],
            answers=services.answers_from({"hand_over_competence": True, "members": 2}),
            purpose="operations_support", form="oral_agreement",
        ), user=world.users["coordinator"])
    assert "§60-selskab" in str(error.value)
    assert not Formation.objects.exists()


@pytest.mark.django_db
def test_only_the_initiators_coordinator_starts(world):
    with pytest.raises(PermissionDenied):
        services.start(services.Start(
            name="X", initiator=world.orgs["151"], invitees=[world.orgs["165"]], answers=services.answers_from({}),
            purpose="procurement", form="association"), user=world.users["coordinator"])


@pytest.mark.django_db
def test_all_yes_establishes_and_a_no_is_not_enrolled(world):
    formation = start(world, rule=EstablishmentRule.MINIMUM, minimum=2)
    secretariat = world.users["coordinator"]
    with pytest.raises(ValidationError):
        services.decide_gate(formation.process.gates.get(phase=2), user=secretariat, outcome="go")
    through_analysis(formation, secretariat)
    assert formation.process.current_phase == 2
    decisions = {d.organisation.code: d for d in formation.decisions.select_related("organisation")}
    services.record_decision(decisions["153"], user=secretariat, choice="no", decided_on=DAY, body="Byrådet")
    assert not Membership.objects.filter(collaboration=formation.collaboration, organisation__code="153").exists()
    services.record_decision(decisions["165"], user=secretariat, choice="yes", decided_on=DAY, body="Økonomiudvalget")
    formation.refresh_from_db()
    assert formation.established_on is None
    services.record_decision(decisions["151"], user=secretariat, choice="yes", decided_on=DAY,
                             body="Kommunalbestyrelsen")
    formation.refresh_from_db()
    assert formation.established_on == DAY
    active = set(formation.collaboration.memberships.filter(status=MembershipStatus.ACTIVE)
                 .values_list("organisation__code", flat=True))
    assert active == {"165", "151"}
    assert formation.collaboration.founded == DAY
    assert formation.process.gates.get(phase=2).outcome == GateOutcome.GO
    formation.process.refresh_from_db()
    assert formation.process.current_phase == 3
    assert formation.decisions.get(organisation__code="153").decision == "no"


@pytest.mark.django_db
def test_under_the_all_rule_a_no_keeps_the_collaboration_from_being_established(world):
    formation = start(world)
    user = world.users["coordinator"]
    through_analysis(formation, user)
    for d in formation.decisions.select_related("organisation"):
        services.record_decision(d, user=user, choice="no" if d.organisation.code == "153" else "yes",
                                 decided_on=DAY, body="Byrådet")
    formation.refresh_from_db()
    assert formation.established_on is None
    assert "2 af 3" in services.rule_text(formation)


@pytest.mark.django_db
def test_a_decision_needs_its_date_and_body(world):
    formation = start(world)
    decision = formation.decisions.first()
    with pytest.raises(ValidationError) as error:
        services.record_decision(decision, user=world.users["coordinator"], choice="yes", decided_on=None, body="")
    assert set(error.value.message_dict) == {"decided_on", "body"}


@pytest.mark.django_db
def test_no_go_stops_the_process(world):
    formation = start(world)
    services.decide_gate(formation.process.gates.get(phase=0), user=world.users["coordinator"], outcome="no_go")
    formation.process.refresh_from_db()
    assert formation.process.lifecycle == Lifecycle.STOPPED


@pytest.mark.django_db
def test_an_invited_municipality_records_its_own_decision_but_not_anothers(world, client_for):
    formation = start(world)
    through_analysis(formation, world.users["coordinator"])
    own = formation.decisions.get(organisation__code="153")
    other = formation.decisions.get(organisation__code="151")
    client = client_for(world.users["outsider"])  # coordinator of 153
    assert client.get(f"/etablering/{formation.collaboration.slug}/").status_code == 200
    data = {f"d{own.pk}-decision": "yes", f"d{own.pk}-decided_on": "2026-03-02", f"d{own.pk}-body": "Byrådet"}
    assert client.post(f"/etablering/beslutning/{own.pk}/", data).status_code == 302
    own.refresh_from_db()
    assert own.decision == "yes" and own.body == "Byrådet"
    assert client.post(f"/etablering/beslutning/{other.pk}/", {}).status_code in (403, 404)
    assert client_for(world.users["plain"]).get(f"/etablering/{formation.collaboration.slug}/").status_code == 404


@pytest.mark.django_db
def test_the_start_page_creates_the_formation(world, client_for):
    o = world.orgs
    client = client_for(world.users["coordinator"])
    response = client.post("/etablering/start/", {
        "needs": ["buying_power"], "employ_staff": "on", "members": "3", "name": "Udbudsfællesskabet",
        "purpose": "procurement", "form": "association", "initiator": o["165"].pk,
        "invitees": [o["151"].pk, o["147"].pk], "rule": "all", "minimum_members": "2"})
    assert response.status_code == 302
    formation = Formation.objects.get(collaboration__name="Udbudsfællesskabet")
    page = client.get(response["Location"]).content.decode()
    assert "Afsøgning" in page and "Frederiksberg" in page or formation.decisions.count() == 3
    response = client.post("/etablering/start/", {
        "hand_over_competence": "on", "members": "2", "name": "Mundtlig", "purpose": "procurement",
        "form": "oral_agreement", "initiator": o["165"].pk, "invitees": [o["151"].pk], "rule": "all",
        "minimum_members": "2"})
    assert response.status_code == 400
    assert "kan ikke rumme formel kompetence" in response.content.decode()


@pytest.mark.django_db
def test_a_no_go_is_put_to_a_new_decision_with_a_rescoped_proposal(world):
    formation = start(world)
    user = world.users["coordinator"]
    services.decide_gate(formation.process.gates.get(phase=0), user=user, outcome="no_go")
    record = services.rescope(formation, user=user, remove=[world.orgs["153"]], scope="Kun fagsystemer",
                              start_on=datetime.date(2027, 1, 1), reason="Mindre forslag")
    formation.process.refresh_from_db()
    assert formation.process.lifecycle == Lifecycle.ACTIVE and formation.process.scope == "Kun fagsystemer"
    assert record.previous_outcome == "no_go" and record.removed_members == [world.orgs["153"].name]
    assert record.previous_scope == "" and record.start == datetime.date(2027, 1, 1)
    assert formation.decisions.count() == 2
    assert formation.process.gates.get(phase=0).outcome == GateOutcome.PENDING


@pytest.mark.django_db
def test_a_no_in_the_decision_phase_is_rescoped_without_that_member_and_then_established(world):
    formation = start(world)
    user = world.users["coordinator"]
    through_analysis(formation, user)
    for d in formation.decisions.select_related("organisation"):
        services.record_decision(d, user=user, choice="no" if d.organisation.code == "153" else "yes",
                                 decided_on=DAY, body="Byrådet")
    record = services.rescope(formation, user=user, remove=[world.orgs["153"]], reason="Videre uden 153")
    formation.refresh_from_db()
    assert record.previous_outcome == "no_go" and record.previous_decided_on == DAY
    assert formation.established_on is not None
    with pytest.raises(ValidationError):
        services.rescope(formation, user=user, reason="igen")


@pytest.mark.django_db
def test_the_rescope_page_shows_both_decisions(world, client_for):
    formation = start(world)
    services.decide_gate(formation.process.gates.get(phase=0), user=world.users["coordinator"], outcome="no_go")
    client = client_for(world.users["coordinator"])
    slug = formation.collaboration.slug
    assert "Læg et nyt forslag op til beslutning" in client.get(f"/etablering/{slug}/").content.decode()
    response = client.post(f"/etablering/{slug}/nyt-forslag/", {"remove": [world.orgs["153"].pk],
                                                                "reason": "Færre kommuner"})
    assert response.status_code == 302
    page = client.get(f"/etablering/{slug}/").content.decode()
    assert "Færre kommuner" in page and world.orgs["153"].name in page and "no-GO" in page
