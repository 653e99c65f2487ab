"""Ending a membership asks for the date and names the consequence, the prorated fee shares
(issue 12 items 6 and 7)."""

import datetime

from digisam.collaborations.models import Membership


def _membership(econ):
    return Membership.objects.get(collaboration=econ.world.alpha, organisation=econ.world.orgs["165"])


def test_leaving_asks_for_the_date_and_shows_the_prorated_fee_before_anything_changes(econ, client_for):
    membership = _membership(econ)
    client = client_for(econ.world.users["secretariat"])
    url = f"/samarbejder/alpha/medlemmer/{membership.pk}/leave/"
    page = client.get(url, {"date": "2026-05-31"}).content.decode()
    assert 'name="date"' in page and 'data-testid="consequences"' in page
    assert "Økonomiåret 2026" in page and "½" in page and "De øvrige medlemmers opkrævninger ændres" in page
    assert "skal genberegnes" in page
    membership.refresh_from_db()
    assert membership.status == "active" and membership.left_on is None
    client.post(url, {"date": "2026-05-31"})  # no confirmation: nothing happens
    membership.refresh_from_db()
    assert membership.status == "active"
    assert client.post(url, {"date": "2026-05-31", "confirmed": "yes"}).status_code == 302
    membership.refresh_from_db()
    assert membership.status == "left" and membership.left_on == datetime.date(2026, 5, 31)


def test_a_wrong_date_is_refused_with_a_message_not_a_500(econ, client_for):
    membership = _membership(econ)
    client = client_for(econ.world.users["secretariat"])
    url = f"/samarbejder/alpha/medlemmer/{membership.pk}/leave/"
    response = client.post(url, {"date": "31-31-2026", "confirmed": "yes"})
    assert response.status_code == 400 and "form-error" in response.content.decode()
    membership.refresh_from_db()
    assert membership.status == "active"


def test_only_those_who_may_change_the_membership_see_the_confirmation(econ, client_for):
    url = f"/samarbejder/alpha/medlemmer/{_membership(econ).pk}/leave/"
    assert client_for(econ.world.users["member"]).get(url).status_code in (403, 404)
    assert client_for(econ.world.users["coordinator"]).post(url, {"date": "2026-05-31", "confirmed": "yes"}
                                                            ).status_code in (403, 404)
