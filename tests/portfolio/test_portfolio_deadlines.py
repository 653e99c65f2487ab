"""Notice deadlines near or passed (issue 12 item 10): the selector, the contract list's highlight and
filter, the API filter, the dashboard box and the plan pages."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from digisam.portfolio import contract_dates, deadlines
from digisam.portfolio.contract_dates import Terms

pytestmark = pytest.mark.django_db

# Expires 30.06.2029 with 6 months' notice to the end of a month: the last day is 31.12.2028.
TERMS = Terms(expires=datetime.date(2029, 6, 30), notice_months=6, notice_runs_to="month")
DEADLINE = datetime.date(2028, 12, 31)


def test_the_deadline_is_the_last_day_to_give_notice():
    assert contract_dates.last_notice_day(TERMS, datetime.date(2028, 1, 1)) == DEADLINE


def test_exactly_ninety_days_ahead_is_due_and_ninety_one_is_not():
    state = deadlines.classify(TERMS, DEADLINE - datetime.timedelta(days=90))
    assert (state.state, state.days, state.deadline) == (deadlines.DUE, 90, DEADLINE)
    assert state.label == "Frist om 90 dage"
    assert deadlines.classify(TERMS, DEADLINE - datetime.timedelta(days=91)).state == deadlines.NONE
    assert deadlines.NOTICE_HORIZON_DAYS == 90


def test_the_deadline_today_is_due_with_zero_days_left():
    state = deadlines.classify(TERMS, DEADLINE)
    assert (state.state, state.days, state.label) == (deadlines.DUE, 0, "Frist i dag")
    assert deadlines.classify(TERMS, DEADLINE - datetime.timedelta(days=1)).label == "Frist om 1 dag"


def test_a_passed_deadline_of_a_running_contract_is_overdue():
    state = deadlines.classify(TERMS, DEADLINE + datetime.timedelta(days=1))
    assert (state.state, state.days, state.label) == (deadlines.OVERDUE, -1, "Frist overskredet")
    # ... until the contract has expired: then there is nothing left to give notice on.
    assert deadlines.classify(TERMS, datetime.date(2029, 7, 1)).state == deadlines.NONE


def test_a_contract_not_yet_started_is_due_when_near_but_never_overdue():
    terms = Terms(valid_from=datetime.date(2029, 3, 1), expires=datetime.date(2029, 6, 30), notice_months=6)
    assert deadlines.classify(terms, DEADLINE - datetime.timedelta(days=10)).state == deadlines.DUE
    assert deadlines.classify(terms, DEADLINE + datetime.timedelta(days=10)).state == deadlines.NONE


def test_contracts_without_notice_terms_open_ended_or_given_notice_are_never_flagged():
    today = DEADLINE - datetime.timedelta(days=10)
    assert deadlines.classify(Terms(expires=TERMS.expires), today).state == deadlines.NONE
    assert deadlines.classify(Terms(notice_months=3), today).state == deadlines.NONE
    assert deadlines.classify(Terms(expires=TERMS.expires, notice_months=6, terminated=today), today).state == ""


def test_the_horizon_is_a_setting(settings):
    settings.DIGISAM_NOTICE_HORIZON_DAYS = 30
    assert deadlines.classify(TERMS, DEADLINE - datetime.timedelta(days=31)).state == deadlines.NONE
    assert deadlines.classify(TERMS, DEADLINE - datetime.timedelta(days=30)).state == deadlines.DUE


# --- with the database ------------------------------------------------------------------------

def _contract(org, category, *, expires, notice_months=3, name="", **extra):
    from digisam.portfolio.models import Contract

    return Contract.objects.create(organisation=org, category=category, name=name, expires=expires,
                                   notice_months=notice_months, notice_runs_to="day",
                                   cost_operation=Decimal("1000"), **extra)


@pytest.fixture
def near(pf, world):
    """Albertslund: one contract due in 20 days, one overdue, one far; pf's own contracts are far."""
    today = datetime.date.today()
    o = world.orgs["165"]
    due = _contract(o, pf.omsorg, expires=contract_dates.add_months(today + datetime.timedelta(days=20), 3),
                    name="Snart-frist")
    overdue = _contract(o, pf.esdh, expires=today + datetime.timedelta(days=30), name="Overskredet-frist")
    far = _contract(o, pf.esdh, expires=today + datetime.timedelta(days=800), name="Fjern-frist")
    hidden = _contract(world.orgs["153"], pf.omsorg, expires=today + datetime.timedelta(days=30),
                       name="Brøndby-frist")
    return type("Near", (), {"due": due, "overdue": overdue, "far": far, "hidden": hidden, "today": today})


def test_flagged_lists_due_and_overdue_contracts_earliest_first(near):
    from digisam.portfolio.models import Contract

    pairs = deadlines.flagged(Contract.objects.filter(organisation__code="165"), near.today)
    assert [c.name for c, _s in pairs] == ["Overskredet-frist", "Snart-frist"]
    assert [s.state for _c, s in pairs] == ["overdue", "due"]
    assert set(deadlines.flagged_ids(Contract.objects.all(), near.today)) == {near.due.pk, near.overdue.pk,
                                                                              near.hidden.pk}


def test_the_contract_list_tags_near_and_passed_deadlines_in_words(near, world, client_for):
    html = client_for(world.users["coordinator"]).get("/portefoelje/kommune/165/").content.decode()
    days = deadlines.contract_state(near.due).days
    assert f"Frist om {days} dage" in html
    assert "Frist overskredet" in html
    assert "digisam-notice-overdue" in html and "digisam-notice-due" in html
    assert "Fjern-frist" in html
    assert "Frister de næste 90 dage" in html


def test_the_filter_shows_only_contracts_with_near_or_passed_deadlines(near, world, client_for):
    html = client_for(world.users["coordinator"]).get("/portefoelje/kommune/165/?frister=1").content.decode()
    assert "Snart-frist" in html and "Overskredet-frist" in html
    assert "Fjern-frist" not in html and "Omsorg Albertslund" not in html


def test_the_filter_in_english(near, world, client_for):
    client = client_for(world.users["coordinator"])
    client.cookies["django_language"] = "en"
    html = client.get("/portefoelje/kommune/165/?frister=1", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Deadlines in the next 90 days" in html
    assert "Deadline passed" in html


def test_the_contract_list_runs_the_same_number_of_queries_for_more_rows(near, pf, world, client_for):
    client = client_for(world.users["coordinator"])
    client.get("/portefoelje/kommune/165/")
    with CaptureQueriesContext(connection) as few:
        client.get("/portefoelje/kommune/165/")
    for n in range(10):
        _contract(world.orgs["165"], pf.omsorg, expires=near.today + datetime.timedelta(days=20 + n), name=f"X{n}")
    with CaptureQueriesContext(connection) as many:
        client.get("/portefoelje/kommune/165/")
    assert len(many) == len(few)


def test_the_api_filters_contracts_by_notice_deadline(near, world, api_for):
    api = api_for(world.users["coordinator"])
    data = api.get("/api/portfolio/contracts/?notice_due=true").json()
    rows = data["results"] if isinstance(data, dict) else data
    assert {r["name"] for r in rows} == {"Snart-frist", "Overskredet-frist"}
    assert {r["notice_state"] for r in rows} == {"due", "overdue"}
    data = api.get("/api/portfolio/contracts/?notice_due=false").json()
    rows = data["results"] if isinstance(data, dict) else data
    assert "Snart-frist" not in {r["name"] for r in rows}


def test_the_dashboard_lists_the_users_visible_contracts_with_near_deadlines(near, world, client_for):
    html = client_for(world.users["coordinator"]).get("/").content.decode()
    assert "Opsigelsesfrister de næste 90 dage" in html
    assert "2 kontrakter med frist overskredet eller nær." in html
    assert "Snart-frist" in html and "Overskredet-frist" in html
    assert "/portefoelje/kommune/165/?frister=1" in html
    assert "Brøndby-frist" not in html
    # The secretariat sees what Albertslund shares with alpha, never Brøndby's; Brøndby's coordinator only its own.
    secretariat = client_for(world.users["secretariat"]).get("/").content.decode()
    assert "Snart-frist" in secretariat and "Brøndby-frist" not in secretariat
    outsider = client_for(world.users["outsider"]).get("/").content.decode()
    assert "Brøndby-frist" in outsider and "Snart-frist" not in outsider
    assert "Opsigelsesfrister" not in client_for(world.users["plain"]).get("/").content.decode()


def test_the_dashboard_box_does_not_grow_in_queries_with_contracts(near, pf, world, client_for):
    client = client_for(world.users["coordinator"])
    client.get("/")
    with CaptureQueriesContext(connection) as few:
        client.get("/")
    for n in range(10):
        _contract(world.orgs["165"], pf.omsorg, expires=near.today + datetime.timedelta(days=20 + n), name=f"Y{n}")
    with CaptureQueriesContext(connection) as many:
        client.get("/")
    assert len(many) == len(few)


def test_the_plan_pages_mark_participants_whose_deadline_is_near(world, client_for, monkeypatch):
    from factories.planning import simple_scenario, tiny_portfolio

    from digisam.planning import services as plan_services
    from digisam.planning.presentation import member_view

    tiny_portfolio(world.alpha, [world.orgs["165"], world.orgs["151"]])
    run = plan_services.start_run(simple_scenario(world.alpha), user=world.users["secretariat"])
    run.refresh_from_db()
    rows = [r for r in member_view(run, "165")["rows"] if r["notice_deadline"]]
    assert rows, "the tiny portfolio has notice terms"
    deadline = min(r["notice_deadline"] for r in rows)
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: deadline - datetime.timedelta(days=5))
    client = client_for(world.users["secretariat"])
    member = client.get(f"/udbudsplan/beregninger/{run.pk}/medlem/165/").content.decode()
    assert "Frist om 5 dage" in member
    plan = client.get(f"/udbudsplan/beregninger/{run.pk}/").content.decode()
    assert "Frist om 5 dage" in plan


def test_the_contract_page_tags_its_deadline(near, world, client_for):
    html = client_for(world.users["coordinator"]).get(f"/portefoelje/kontrakter/{near.overdue.pk}/").content.decode()
    assert "Frist overskredet" in html
    html = client_for(world.users["coordinator"]).get(f"/portefoelje/kontrakter/{near.far.pk}/").content.decode()
    assert "Frist overskredet" not in html and "Frist om" not in html
