"""Issue 12 item 13: the audit log is paged, shows field labels, old → new, and names for references."""

import datetime

import pytest

from digisam.core import services

pytestmark = pytest.mark.django_db


def _rename_board(world, times):
    for i in range(times):
        world.board.name = f"Bestyrelsen {i}"
        services.save(world.board, user=world.users["secretariat"])


def _steering_group(world):
    from digisam.collaborations.models import Body

    return Body.objects.create(collaboration=world.alpha, kind="steering_group", name="Styregruppen")


def test_a_change_shows_the_field_label_and_old_and_new_value(world, client_for):
    world.board.reports_to = _steering_group(world)
    services.save(world.board, user=world.users["secretariat"])
    world.board.reports_to = None
    world.board.chair_rotation = "yearly"
    world.board.rotation_start = datetime.date(2026, 12, 17)
    world.board.rotation_order = ["165", "151"]
    services.save(world.board, user=world.users["secretariat"])
    page = client_for(world.users["secretariat"]).get("/samarbejder/alpha/log/")
    text = page.content.decode()
    assert page.status_code == 200
    # verbose names, never the column names
    assert "Refererer til" in text and "reports_to_id" not in text
    # a foreign key by its name, a choice by its label, old → new
    assert "Styregruppen</span> → <span class=\"digisam-audit-new\">–" in text
    assert "Rotation fra" in text and "17.12.2026" in text
    assert "Ingen rotation</span> → <span class=\"digisam-audit-new\">Skifter hvert år" in text


def test_the_log_shows_fifty_entries_a_page_with_design_system_paging(world, client_for):
    _rename_board(world, 60)
    client = client_for(world.users["secretariat"])
    first = client.get("/samarbejder/alpha/log/")
    assert first.status_code == 200
    assert len(first.context["entries"]) == 50
    assert 'class="pagination"' in first.content.decode() and "side=2" in first.content.decode()
    second = client.get("/samarbejder/alpha/log/?side=2")
    assert len(second.context["entries"]) == second.context["page"].paginator.count - 50
    assert second.context["page"].number == 2
    # a page number out of range shows the last page, not an error
    assert client.get("/samarbejder/alpha/log/?side=999").status_code == 200


def test_the_log_page_needs_a_fixed_number_of_queries(world, client_for, django_assert_max_num_queries):
    _rename_board(world, 5)
    client = client_for(world.users["secretariat"])
    with django_assert_max_num_queries(40) as few:
        client.get("/samarbejder/alpha/log/")
    baseline = len(few.captured_queries)
    steering = _steering_group(world)
    for i in range(40):
        world.board.reports_to = steering if i % 2 else None
        world.board.meeting_frequency = f"{i} gange om året"
        services.save(world.board, user=world.users["secretariat"])
    with django_assert_max_num_queries(baseline + 3):
        client.get("/samarbejder/alpha/log/")


def test_the_object_history_and_the_platform_log_read_the_same_way(world, client_for):
    world.alpha.description = "Ny beskrivelse"
    services.save(world.alpha, user=world.users["secretariat"])
    for url, user in ((f"/log/collaborations/collaboration/{world.alpha.pk}/", "member"), ("/log/", "admin")):
        text = client_for(world.users[user]).get(url).content.decode()
        assert "Ny beskrivelse" in text and "→" in text


def test_the_csv_export_still_holds_every_entry(world, client_for):
    _rename_board(world, 60)
    response = client_for(world.users["secretariat"]).get("/samarbejder/alpha/log/?format=csv")
    text = response.content.decode("utf-8-sig")
    assert response.status_code == 200
    assert "Bestyrelsen 0" in text and "Bestyrelsen 59" in text


def test_a_non_member_does_not_see_an_unpublished_collaborations_log(world, client_for):
    world.beta_board.name = "Hemmelig styregruppe"
    services.save(world.beta_board, user=world.users["admin"])
    response = client_for(world.users["member"]).get("/samarbejder/beta/log/")
    assert "Hemmelig styregruppe" not in response.content.decode()
    assert response.status_code in (403, 404)
