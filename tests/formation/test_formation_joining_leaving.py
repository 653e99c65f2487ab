"""Joining (issue 14 item 4) and leaving (item 5): the fee from a join date by the economy's
proration, overlap as counts only, the application; notice, exit date, prorated final year, seats
end, history kept."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from digisam.collaborations.models import Membership, Seat
from digisam.core import services as core_services
from digisam.economy.models import Charge, EconomyYear
from digisam.formation import documents, services
from digisam.formation.models import ExitTerms


@pytest.fixture
def economy(world):
    year = core_services.save(EconomyYear(collaboration=world.alpha, year=2026, proration="half-year"),
                              user=core_services.SYSTEM)
    core_services.save(Charge(year=year, name="Kontingent", kind="fixed_per_member", amount=Decimal("60000")),
                       user=core_services.SYSTEM)
    core_services.save(Charge(year=year, name="Fælles sekretariat", kind="equal_share", total=Decimal("100000")),
                       user=core_services.SYSTEM)
    return year


@pytest.mark.django_db
def test_the_fee_from_a_join_date_follows_the_half_year_rule(world, economy):
    fee = services.joining_fee(world.alpha, world.orgs["153"], datetime.date(2026, 7, 1))
    assert fee["fraction"] == "½"
    by_label = {line["label"]: line["amount_ore"] for line in fee["lines"]}
    assert by_label["Kontingent"] == 3_000_000  # 60.000 kr. for half a year
    assert fee["charges_ore"] == sum(by_label.values())
    # the shared total is split with the newcomer: the members pay less, and it all sums to the total
    assert fee["others"] and all(o["delta_ore"] < 0 for o in fee["others"])
    assert by_label["Fælles sekretariat"] + sum(o["delta_ore"] for o in fee["others"]) == 0


@pytest.mark.django_db
def test_no_economy_year_says_so(world):
    fee = services.joining_fee(world.alpha, world.orgs["153"], datetime.date(2031, 1, 1))
    assert "ingen økonomi for 2031" in fee["problem"]


@pytest.mark.django_db
def test_the_joining_page_and_pdf_for_an_outside_coordinator(world, economy, client_for):
    client = client_for(world.users["outsider"])  # coordinator of 153, outside alpha
    response = client.get("/etablering/alpha/medlemskab/", {"organisation": world.orgs["153"].pk,
                                                            "join_on": "2026-07-01"})
    text = response.content.decode()
    assert response.status_code == 200
    assert "30.000" in text and "½" in text
    pdf = client.get("/etablering/alpha/medlemskab/", {"organisation": world.orgs["153"].pk,
                                                       "join_on": "2026-07-01", "format": "pdf"})
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    response = client.post("/etablering/alpha/medlemskab/ansoeg/", {"organisation": world.orgs["153"].pk})
    assert response.status_code == 302
    assert Membership.objects.get(collaboration=world.alpha, organisation=world.orgs["153"]).status == "applicant"
    # a member's coordinator has nothing to join
    assert client_for(world.users["coordinator"]).get("/etablering/alpha/medlemskab/").status_code == 403


@pytest.mark.django_db
def test_the_director_page_lines_tie_out_to_the_economy(world, economy, rf):
    request = rf.get("/")
    request.user = world.users["outsider"]
    from digisam.formation.views import joining_context

    join_on = datetime.date(2026, 7, 1)
    context = {"collaboration": world.alpha, "organisation": world.orgs["153"], "join_on": join_on,
               **joining_context(request, world.alpha, world.orgs["153"], join_on)}
    lines = [text for _style, text in documents.joining_lines(context)]
    fee = context["fee"]
    assert any(fee["charges_text"] in line and "Frederiksberg" not in line for line in lines)
    assert "Kontingent: 30.000,00 kr." in lines


@pytest.mark.django_db
def test_notice_sets_the_exit_by_the_rules_ends_seats_and_keeps_history(world, economy):
    core_services.save(ExitTerms(collaboration=world.alpha, notice_months=6, exit_point="year_end"),
                       user=core_services.SYSTEM)
    seat = core_services.save(Seat(body=world.board, person="Bo Hansen", organisation=world.orgs["151"]),
                              user=core_services.SYSTEM)
    membership = Membership.objects.get(collaboration=world.alpha, organisation=world.orgs["151"])
    withdrawal = services.give_notice(membership, user=world.users["secretariat"],
                                      notice_given_on=datetime.date(2026, 3, 15), reason="Egen strategi")
    assert withdrawal.exit_on == datetime.date(2026, 12, 31)
    seat.refresh_from_db()
    membership.refresh_from_db()
    assert seat.end == datetime.date(2026, 12, 31)
    assert membership.left_on == datetime.date(2026, 12, 31) and membership.joined_on == datetime.date(2020, 1, 1)
    text = " ".join(withdrawal.consequences)
    assert "31.12.2026" in text and "Økonomiåret 2026" in text and "Bo Hansen" in text
    with pytest.raises(ValidationError):
        services.give_notice(membership, user=world.users["secretariat"], notice_given_on=datetime.date(2026, 4, 1))


@pytest.mark.django_db
def test_a_past_exit_makes_the_member_left_and_only_its_own_coordinator_gives_notice(world):
    membership = Membership.objects.get(collaboration=world.alpha, organisation=world.orgs["151"])
    with pytest.raises(PermissionDenied):
        services.give_notice(membership, user=world.users["coordinator"], notice_given_on=datetime.date(2025, 1, 10))
    own = Membership.objects.get(collaboration=world.alpha, organisation=world.orgs["165"])
    withdrawal = services.give_notice(own, user=world.users["coordinator"], notice_given_on=datetime.date(2025, 1, 10))
    own.refresh_from_db()
    assert withdrawal.exit_on == datetime.date(2025, 12, 31)  # default terms: 6 months to the year end
    assert own.status == "left" and own.left_on == datetime.date(2025, 12, 31)


@pytest.mark.django_db
def test_the_collaboration_page_links_joining_for_outsiders_and_leaving_for_members(world, client_for):
    outside = client_for(world.users["outsider"]).get("/samarbejder/alpha/").content.decode()
    assert "/etablering/alpha/medlemskab/" in outside and "/etablering/alpha/udtraeden/" not in outside
    member = client_for(world.users["coordinator"]).get("/samarbejder/alpha/").content.decode()
    assert "/etablering/alpha/udtraeden/" in member and "/etablering/alpha/medlemskab/" not in member


@pytest.mark.django_db
def test_the_leave_page_shows_a_former_member_with_its_dates(world, client_for):
    own = Membership.objects.get(collaboration=world.alpha, organisation=world.orgs["165"])
    services.give_notice(own, user=world.users["coordinator"], notice_given_on=datetime.date(2025, 1, 10))
    page = client_for(world.users["secretariat"]).get("/etablering/alpha/udtraeden/").content.decode()
    assert "Albertslund" in page and "01.01.2020" in page and "31.12.2025" in page and "Udtrådt" in page
