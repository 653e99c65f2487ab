"""Changing course (issue 14 item 6, seed 003): bodies end with their history kept, the form and the
default participation change from a date, running mandatory initiatives become opt-in."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from digisam.collaborations.models import Body, Seat
from digisam.core import services as core_services
from digisam.formation import services


@pytest.mark.django_db
def test_a_change_of_course_ends_bodies_and_makes_participation_voluntary(world):
    directors = core_services.save(Body(collaboration=world.alpha, kind="directors_circle",
                                        name="Fælles direktionsmøde"), user=core_services.SYSTEM)
    seat = core_services.save(Seat(body=directors, person="Birgitte Holmgaard", organisation=world.orgs["165"],
                                   start=datetime.date(2015, 4, 1)), user=core_services.SYSTEM)
    change = services.change_course(
        world.alpha, user=world.users["secretariat"], decided_on=datetime.date(2019, 5, 1),
        effective_from=datetime.date(2019, 7, 1), new_form="oral_agreement", new_participation="opt_in",
        end_bodies=[directors], reason="Frivilligt samarbejde hvor det giver mening.")
    seat.refresh_from_db()
    world.alpha.refresh_from_db()
    assert seat.end == datetime.date(2019, 6, 30) and Body.objects.filter(pk=directors.pk).exists()
    assert world.alpha.organisation_form == "oral_agreement"
    assert (change.previous_form, change.new_form) == ("association", "oral_agreement")
    assert (change.previous_participation, change.new_participation) == ("binding", "opt_in")
    assert change.ended_bodies == ["Fælles direktionsmøde"]
    assert services.current_participation(world.alpha) == "opt_in"


@pytest.mark.django_db
def test_running_mandatory_initiatives_become_opt_in(world):
    from digisam.initiatives.models import Initiative, PhaseModel

    model = core_services.save(PhaseModel(collaboration=world.alpha, name="Stat", phases=["Idé", "Analyse"]),
                               user=core_services.SYSTEM)
    core_services.save(Initiative(collaboration=world.alpha, title="Fælles ESDH", kind="mandatory",
                                  owner_organisation=world.orgs["165"], owner_person="Anne", purpose="ESDH",
                                  phase_model=model, lifecycle="active"), user=core_services.SYSTEM)
    mandatory = Initiative.objects.filter(collaboration=world.alpha, kind="mandatory",
                                          lifecycle__in=["proposed", "active"])
    titles = sorted(mandatory.values_list("title", flat=True))
    change = services.change_course(world.alpha, user=world.users["secretariat"], decided_on=datetime.date(2019, 5, 1),
                                    effective_from=datetime.date(2019, 7, 1), new_form="written_agreement",
                                    new_participation="opt_in", reason="Tilvalg pr. projekt.")
    assert titles == ["Fælles ESDH"]
    assert sorted(change.changed_initiatives) == titles
    assert not mandatory.exists()


@pytest.mark.django_db
def test_only_the_secretariat_changes_course_and_a_reason_is_required(world):
    with pytest.raises(PermissionDenied):
        services.change_course(world.alpha, user=world.users["coordinator"], decided_on=datetime.date(2019, 5, 1),
                               effective_from=datetime.date(2019, 7, 1), new_form="oral_agreement",
                               new_participation="opt_in", reason="x")
    with pytest.raises(ValidationError):
        services.change_course(world.alpha, user=world.users["secretariat"], decided_on=datetime.date(2019, 5, 1),
                               effective_from=datetime.date(2019, 4, 1), new_form="oral_agreement",
                               new_participation="opt_in", reason="  ")


@pytest.fixture
def opted_in(world):
    """alpha changed course to voluntary participation on 01.07.2019; 'Fælles ESDH' became opt-in."""
    from digisam.initiatives.models import Initiative, Participation, PhaseModel

    model = core_services.save(PhaseModel(collaboration=world.alpha, name="Stat", phases=["Idé", "Analyse"]),
                               user=core_services.SYSTEM)
    initiative = core_services.save(Initiative(
        collaboration=world.alpha, title="Fælles ESDH", kind="mandatory", owner_organisation=world.orgs["165"],
        owner_person="Anne", purpose="ESDH", phase_model=model, lifecycle="active"), user=core_services.SYSTEM)
    for code in ("165", "151"):
        Participation.objects.create(initiative=initiative, organisation=world.orgs[code], choice="in")
    change = services.change_course(world.alpha, user=world.users["secretariat"], decided_on=datetime.date(2019, 5, 1),
                                    effective_from=datetime.date(2019, 7, 1), new_form="written_agreement",
                                    new_participation="opt_in", reason="Tilvalg pr. projekt.")
    initiative.refresh_from_db()
    return change, initiative


@pytest.mark.django_db
def test_each_member_keeps_or_leaves_a_running_initiative_with_history(world, opted_in):
    from digisam.core.models import AuditEntry
    from digisam.initiatives.models import Participation

    change, initiative = opted_in
    left = services.record_course_choice(change, organisation=world.orgs["151"], initiative=initiative,
                                         choice="leave", reason="Egen løsning", user=world.users["secretariat"])
    kept = services.record_course_choice(change, organisation=world.orgs["165"], initiative=initiative,
                                         choice="keep", user=world.users["coordinator"])
    assert (left.previous_choice, left.effective_from) == ("in", datetime.date(2019, 7, 1))
    out = Participation.objects.get(initiative=initiative, organisation=world.orgs["151"])
    assert out.choice == "out" and "01.07.2019" in out.reason and out.decided_on == datetime.date(2019, 7, 1)
    assert Participation.objects.get(initiative=initiative, organisation=world.orgs["165"]).choice == "in"
    assert kept.choice == "keep"
    assert AuditEntry.objects.filter(content_type__model="coursechoice").count() == 2
    # a member's coordinator chooses only for its own municipality; a leave needs a reason
    with pytest.raises(PermissionDenied):
        services.record_course_choice(change, organisation=world.orgs["151"], initiative=initiative,
                                      choice="keep", user=world.users["coordinator"])
    with pytest.raises(ValidationError):
        services.record_course_choice(change, organisation=world.orgs["165"], initiative=initiative,
                                      choice="leave", user=world.users["coordinator"])


@pytest.mark.django_db
def test_own_strategy_from_a_date_not_before_the_change(world, opted_in):
    change, _initiative = opted_in
    record = services.record_own_strategy(change, organisation=world.orgs["165"], own_from=datetime.date(2020, 1, 1),
                                          note="Digitaliseringsstrategi 2020-23", user=world.users["coordinator"])
    assert str(record).endswith("egen strategi fra 01.01.2020")
    with pytest.raises(ValidationError):
        services.record_own_strategy(change, organisation=world.orgs["151"], own_from=datetime.date(2019, 1, 1),
                                     user=world.users["secretariat"])
    with pytest.raises(ValidationError):  # 153 is not a member of alpha
        services.record_own_strategy(change, organisation=world.orgs["153"], own_from=datetime.date(2020, 1, 1),
                                     user=world.users["admin"])


@pytest.mark.django_db
def test_the_course_page_records_choices_and_shows_them(world, opted_in, client_for):
    change, initiative = opted_in
    client = client_for(world.users["coordinator"])
    page = client.get("/etablering/alpha/kursskifte/")
    assert page.status_code == 200 and f'data-testid="course-choices-{change.pk}"' in page.content.decode()
    response = client.post(f"/etablering/alpha/kursskifte/{change.pk}/valg/", {
        f"c{change.pk}-organisation": world.orgs["165"].pk, f"c{change.pk}-initiative": initiative.pk,
        f"c{change.pk}-choice": "leave", f"c{change.pk}-reason": "Egen strategi"})
    assert response.status_code == 302
    response = client.post(f"/etablering/alpha/kursskifte/{change.pk}/strategi/", {
        f"s{change.pk}-organisation": world.orgs["165"].pk, f"s{change.pk}-own_from": "2020-01-01"})
    assert response.status_code == 302
    text = client_for(world.users["secretariat"]).get("/etablering/alpha/kursskifte/").content.decode()
    assert "Forlader initiativet fra 01.07.2019" in text and "egen strategi fra 01.01.2020" in text
    # someone who is neither secretariat nor a member's coordinator cannot record
    assert client_for(world.users["member"]).post(f"/etablering/alpha/kursskifte/{change.pk}/valg/", {}
                                                  ).status_code == 403
    assert client_for(world.users["outsider"]).post(f"/etablering/alpha/kursskifte/{change.pk}/strategi/", {}
                                                    ).status_code == 403
