"""Harmonisation picture: pair index, distinct products, clusters of switching windows, snapshots
and target progress."""

import datetime as dt
import io
from decimal import Decimal

from digisam.portfolio import harmonisation
from digisam.portfolio.models import HarmonisationSnapshot, HarmonisationTarget


def test_pair_index_counts_member_pairs_on_the_same_product():
    assert harmonisation.pair_index(["a", "a", "a"])[0] == Decimal("1")
    assert harmonisation.pair_index(["a", "b", "c"])[0] == Decimal("0")
    # 4 members, products a,a,b,b: 2 of 6 pairs the same
    assert harmonisation.pair_index(["a", "a", "b", "b"]) == (Decimal("0.3333"), 2, 6)
    assert harmonisation.pair_index(["a"])[0] is None


def test_clusters_mark_months_where_enough_windows_overlap():
    today = dt.date(2027, 1, 10)
    windows = [(dt.date(2028, 1, 31), dt.date(2028, 12, 31)), (dt.date(2028, 6, 30), dt.date(2029, 6, 30)),
               (dt.date(2028, 9, 30), dt.date(2028, 10, 31)), (dt.date(2033, 1, 31), dt.date(2033, 3, 31))]
    assert harmonisation.clusters(windows, today, 3) == [(dt.date(2028, 9, 1), dt.date(2028, 10, 1), 3)]
    assert harmonisation.clusters(windows, today, 2)[0] == (dt.date(2028, 6, 1), dt.date(2028, 12, 1), 3)


def test_picture_of_alpha(pf, world):
    picture = harmonisation.build(world.alpha, today=dt.date(2026, 11, 29))
    omsorg = next(r for r in picture.rows if r.category.slug == "omsorg")
    assert [c.product for c in omsorg.cells] == ["KMD Nexus", "Systematic Cura"]  # Albertslund, Ballerup
    assert omsorg.index == Decimal("0") and omsorg.distinct == 2
    assert omsorg.cells[0].annual_cost == Decimal("2501000.00")
    assert omsorg.cells[1].annual_cost is None  # Ballerup does not share its economy
    assert picture.overall == Decimal("0")
    assert "Skjult" not in harmonisation.timeline_svg(picture)


def test_the_harmonisation_page_never_writes_and_shows_the_live_figure(pf, world, client_for):
    from digisam.core.models import AuditEntry

    client = client_for(world.users["secretariat"])
    entries = AuditEntry.objects.count()
    page = client.get("/portefoelje/samarbejde/alpha/").content.decode()
    assert not HarmonisationSnapshot.objects.exists()
    assert AuditEntry.objects.count() == entries
    assert f"{dt.date.today():%d.%m.%Y}: 0,0" in page  # today's figure, computed, not stored


def test_the_daily_command_keeps_history_and_the_page_shows_it(pf, world, client_for):
    from django.core.management import call_command

    call_command("record_harmonisation", stdout=io.StringIO())
    first = HarmonisationSnapshot.objects.get(collaboration=world.alpha, category=None)
    assert first.index == Decimal("0")
    call_command("record_harmonisation", stdout=io.StringIO())  # nothing changed: nothing written
    assert HarmonisationSnapshot.objects.filter(collaboration=world.alpha).count() == \
        HarmonisationSnapshot.objects.filter(collaboration=world.alpha, date=dt.date.today()).count()
    HarmonisationSnapshot.objects.filter(pk=first.pk).update(date=dt.date.today() - dt.timedelta(days=30))
    pf.u151.product = pf.nexus
    pf.u151.save()
    client = client_for(world.users["secretariat"])
    page = client.get("/portefoelje/samarbejde/alpha/").content.decode()
    assert 'data-testid="index-omsorg">100,0' in page
    past = dt.date.today() - dt.timedelta(days=30)
    assert f"{past:%d.%m.%Y}: 0,0" in page and f"{dt.date.today():%d.%m.%Y}: 100,0" in page
    call_command("record_harmonisation", stdout=io.StringIO())
    history = list(HarmonisationSnapshot.objects.filter(collaboration=world.alpha, category=None).order_by("date")
                   .values_list("index", flat=True))
    assert history == [Decimal("0"), Decimal("1")]


def test_target_progress(pf, world, client_for):
    HarmonisationSnapshot.objects.create(collaboration=world.alpha, date=dt.date(2026, 1, 1), index=Decimal("0.2"))
    target = HarmonisationTarget.objects.create(collaboration=world.alpha, target_index=Decimal("0.6"),
                                                baseline_date=dt.date(2026, 1, 1), target_date=dt.date(2031, 1, 1))
    world.alpha.refresh_from_db()
    progress = harmonisation.target_progress(world.alpha, Decimal("0.4"), dt.date(2028, 7, 2))
    assert progress["target"] == target
    assert progress["progress"] == Decimal("0.5")
    assert Decimal("0.49") < progress["time_elapsed"] < Decimal("0.51")
    response = client_for(world.users["secretariat"]).post("/portefoelje/samarbejde/alpha/maal/", {
        "target_index": "0.7", "baseline_date": "2026-01-01", "target_date": "2031-01-01", "description": "Mål"})
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.target_index == Decimal("0.7")


def test_collaboration_page_links_to_the_harmonisation_view(pf, world, client_for):
    page = client_for(world.users["member"]).get(f"/samarbejder/{world.alpha.slug}/")
    if page.status_code == 404:  # mounted elsewhere: find it through the model
        page = client_for(world.users["member"]).get(world.alpha.get_absolute_url())
    assert "/portefoelje/samarbejde/alpha/" in page.content.decode()
    observer_page = client_for(world.users["observer"]).get(world.alpha.get_absolute_url()).content.decode()
    assert "/portefoelje/samarbejde/alpha/" not in observer_page


def test_switch_window_follows_the_planner():
    from digisam.portfolio.contract_dates import Terms

    today = dt.date(2026, 11, 29)
    terms = Terms(expires=dt.date(2029, 6, 30), notice_months=6, early_exit_months=6, remaining_extension_months=24)
    assert harmonisation.switch_window(terms, today) == (dt.date(2028, 12, 31), dt.date(2031, 6, 30))
    assert harmonisation.switch_window(Terms(expires=dt.date(2026, 1, 31)), today) is None
    open_ended = Terms(notice_months=3)
    assert harmonisation.switch_window(open_ended, today) == (dt.date(2027, 2, 28), dt.date(2036, 10, 31))
    assert [harmonisation.cluster_threshold(n) for n in (2, 3, 4, 9, 10, 98)] == [2, 2, 3, 3, 4, 33]
