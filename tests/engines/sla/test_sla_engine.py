"""The SLA engine: percentiles, shares within target, breaches, availability, credits, and the
ticket reader's errors by row and column."""

import datetime
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from digisam.engines import sla

T0 = datetime.datetime(2026, 3, 2, 8, 0)


def ticket(ident, minutes_response, minutes_resolved, priority="2", member="165", service="Drift", opened=T0):
    return sla.Ticket(
        ident=ident, member=member, service=service, priority=priority, opened=opened,
        first_response=opened + datetime.timedelta(minutes=minutes_response) if minutes_response is not None else None,
        resolved=opened + datetime.timedelta(minutes=minutes_resolved) if minutes_resolved is not None else None,
    )


TARGETS = [sla.Target(service="Drift", priority="2", response_minutes=30, resolution_minutes=240,
                      credit_per_breach=Decimal("500"))]


def test_percentiles_are_nearest_rank():
    assert sla.percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50) == 5
    assert sla.percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90) == 9
    assert sla.percentile([7], 90) == 7
    assert sla.percentile([], 50) is None


def test_a_month_cell_counts_volume_shares_and_breaches():
    tickets = [ticket("a", 10, 100), ticket("b", 40, 200), ticket("c", 20, 300), ticket("d", 5, 250)]
    figures = sla.compute(tickets, TARGETS)
    [cell] = figures.cells
    assert (cell.service, cell.member, cell.month, cell.volume) == ("Drift", "165", "2026-03", 4)
    assert cell.response_within == 3 and cell.response_share == Decimal("75.0")
    assert cell.resolution_within == 2 and cell.breaches == 2
    assert cell.resolution_share == Decimal("50.0")
    assert cell.credit == Decimal("1000.00")
    assert figures.credits == {("Drift", "165"): Decimal("1000.00")}


def test_credits_are_capped_per_member_and_service_over_the_period():
    tickets = [ticket(str(i), 10, 1000, opened=T0 + datetime.timedelta(days=31 * (i % 3))) for i in range(6)]
    figures = sla.compute(tickets, TARGETS, [sla.ServiceTerms(service="Drift", credit_cap=Decimal("1200"))])
    assert sum(c.credit for c in figures.cells) == Decimal("3000.00")
    assert figures.credits[("Drift", "165")] == Decimal("1200.00")


def test_an_unresolved_ticket_past_its_target_at_period_end_is_a_breach():
    figures = sla.compute([ticket("x", 10, None)], TARGETS, period_end=T0 + datetime.timedelta(hours=5))
    assert figures.cells[0].breaches == 1
    figures = sla.compute([ticket("x", 10, None)], TARGETS, period_end=T0 + datetime.timedelta(hours=3))
    assert figures.cells[0].breaches == 0


def test_availability_merges_overlapping_outages_within_the_month():
    march_minutes = 31 * 24 * 60
    tickets = [ticket("p1", 5, 60, priority="1"), ticket("p2", 5, 90, priority="1",
                                                          opened=T0 + datetime.timedelta(minutes=30))]
    figures = sla.compute(tickets, [], [sla.ServiceTerms(service="Drift", availability_target=Decimal("99.99"))])
    cell = figures.cells[0]
    assert cell.outage_minutes == 120  # 08:00–10:00, the two overlap
    assert cell.availability == (Decimal(march_minutes - 120) * 100 / march_minutes).quantize(Decimal("0.01"))
    assert cell.availability_breached and cell.breached


def test_cells_are_per_service_member_and_month():
    tickets = [ticket("a", 1, 2), ticket("b", 1, 2, member="151"), ticket("c", 1, 2, service="Hotline"),
               ticket("d", 1, 2, opened=datetime.datetime(2026, 4, 1, 0, 0))]
    keys = [(c.service, c.member, c.month) for c in sla.compute(tickets, TARGETS).cells]
    assert keys == [("Drift", "151", "2026-03"), ("Drift", "165", "2026-03"), ("Drift", "165", "2026-04"),
                    ("Hotline", "165", "2026-03")]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 500), st.integers(0, 2000)), min_size=1, max_size=40))
def test_within_and_breaches_always_add_up_to_the_measured_tickets(times):
    tickets = [ticket(str(i), min(r, s), max(r, s)) for i, (r, s) in enumerate(times)]
    cell = sla.compute(tickets, TARGETS).cells[0]
    assert cell.resolution_within + cell.breaches == cell.resolution_measured == len(tickets)
    assert cell.credit == Decimal(500) * cell.breaches
    assert cell.response_p50 <= cell.response_p90


# --------------------------------------------------------------------------- reading exports

def members(text):
    return {"165": "165", "albertslund": "165", "151": "151"}.get(text.lower())


HEADER = ["Number", "Kommune", "Service", "Priority", "Created", "First response", "Resolved"]


def test_common_itsm_header_names_are_understood():
    rows = [["INC1", "Albertslund", "drift", "P2", "2026-03-02 08:00", "2026-03-02 08:10", "2026-03-02 09:00"],
            ["INC2", "151", "Drift", "Critical", "02-03-2026 10:00", "", ""]]
    tickets, errors = sla.parse_tickets(HEADER, list(enumerate(rows, start=2)), member_of=members, services=["Drift"])
    assert errors == []
    assert [(t.ident, t.member, t.service, t.priority) for t in tickets] == [
        ("INC1", "165", "Drift", "2"), ("INC2", "151", "Drift", "1")]
    assert tickets[1].first_response is None and tickets[1].opened == datetime.datetime(2026, 3, 2, 10, 0)


def test_missing_columns_are_reported_on_the_header_row():
    tickets, errors = sla.parse_tickets(["Number", "Kommune", "Service"], [], member_of=members, services=["Drift"])
    assert tickets == []
    assert {e.column for e in errors} == {"priority", "opened", "first_response", "resolved"}
    assert all(e.row == 1 for e in errors)


def test_bad_rows_are_reported_by_row_and_column_and_nothing_is_returned():
    rows = [["INC1", "Albertslund", "Drift", "2", "2026-03-02 08:00", "2026-03-02 07:00", "2026-03-02 09:00"],
            ["INC2", "Roskilde", "Drift", "2", "2026-03-02 08:00", "", ""],
            ["INC3", "165", "Print", "9", "i går", "", ""],
            ["INC1", "165", "Drift", "2", "2026-03-02 08:00", "", ""],
            ["INC5", "165", "Drift", "2", "2026-03-02 08:00", "2026-03-02 09:00", "2026-03-02 08:30"]]
    tickets, errors = sla.parse_tickets(HEADER, list(enumerate(rows, start=2)), member_of=members, services=["Drift"])
    assert tickets == []
    found = {(e.row, e.column) for e in errors}
    assert (2, "First response") in found
    assert (3, "Kommune") in found
    assert {(4, "Service"), (4, "Priority"), (4, "Created")} <= found
    assert (5, "Number") in found
    assert (6, "Resolved") in found
    assert "Række 3, kolonne 'Kommune'" in str(next(e for e in errors if e.row == 3))
