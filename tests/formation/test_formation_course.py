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
