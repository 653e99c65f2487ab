"""Ticket imports: CSV and xlsx, common header names, errors by row and column, all or nothing."""

import io

import pytest
from openpyxl import Workbook

from digisam.core import services
from digisam.core.models import AuditEntry
from digisam.engines import sla
from digisam.operations import services as ops_services
from digisam.operations.models import Ticket, TicketImport


def test_the_fixture_import_wrote_every_row_with_members_by_code_or_name(ops):
    tickets = {t.ident: t for t in Ticket.objects.filter(batch=ops.batch)}
    assert set(tickets) == {"T1", "T2", "T3", "T4"}
    assert tickets["T3"].organisation.code == "151" and tickets["T3"].priority == "2"
    assert ops.batch.rows == 4


def test_a_ticket_file_with_missing_columns_writes_nothing(ops, ticket_csv):
    before = (Ticket.objects.count(), TicketImport.objects.count(), AuditEntry.objects.count())
    with pytest.raises(ops_services.ImportRefused) as refused:
        ops_services.import_tickets(ops.year, "x.csv", ticket_csv([["A", "165", "Drift"]], header="Ticket ID;Kommune;Service"),
                                    user=services.SYSTEM)
    assert {e.column for e in refused.value.errors} == {"priority", "opened", "first_response", "resolved"}
    assert (Ticket.objects.count(), TicketImport.objects.count(), AuditEntry.objects.count()) == before


def test_times_out_of_order_and_unknown_members_are_named_by_row_and_column(ops, ticket_csv):
    rows = [["N1", "165", "Drift", "2", "2026-07-01 10:00", "2026-07-01 09:00", "2026-07-01 11:00"],
            ["N2", "Roskilde", "Drift", "2", "2026-07-01 10:00", "", ""],
            ["N3", "153", "Drift", "2", "2026-07-01 10:00", "", ""]]
    with pytest.raises(ops_services.ImportRefused) as refused:
        ops_services.import_tickets(ops.year, "x.csv", ticket_csv(rows), user=services.SYSTEM)
    messages = [str(e) for e in refused.value.errors]
    assert any(m.startswith("Række 2, kolonne 'First response'") and "før oprettelsen" in m for m in messages)
    assert any(m.startswith("Række 3, kolonne 'Kommune'") and "Roskilde" in m for m in messages)
    assert any(m.startswith("Række 4, kolonne 'Kommune'") for m in messages)  # Brøndby is not a member of alpha
    assert not Ticket.objects.filter(ident__startswith="N").exists()


def test_tickets_already_imported_or_outside_the_year_are_refused(ops, ticket_csv):
    with pytest.raises(ops_services.ImportRefused, match="T1"):
        ops_services.import_tickets(ops.year, "x.csv", ticket_csv(
            [["T1", "165", "Drift", "2", "2026-07-01 10:00", "", ""]]), user=services.SYSTEM)
    with pytest.raises(ops_services.ImportRefused, match="uden for året"):
        ops_services.import_tickets(ops.year, "x.csv", ticket_csv(
            [["Z1", "165", "Drift", "2", "2025-12-31 10:00", "", ""]]), user=services.SYSTEM)


def test_an_xlsx_export_with_datetime_cells_imports(ops):
    import datetime

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Number", "Customer", "Business service", "Urgency", "Opened at", "Responded at", "Resolved at"])
    sheet.append(["X1", "Albertslund", "drift", "High", datetime.datetime(2026, 8, 3, 9, 0),
                  datetime.datetime(2026, 8, 3, 9, 15), None])
    buffer = io.BytesIO()
    workbook.save(buffer)
    batch = ops_services.import_tickets(ops.year, "export.xlsx", buffer.getvalue(), user=services.SYSTEM)
    ticket = batch.tickets.get()
    assert (ticket.ident, ticket.organisation.code, ticket.priority, ticket.resolved) == ("X1", "165", "2", None)


def test_an_unreadable_or_formula_file_is_refused_as_a_whole(ops):
    with pytest.raises(ops_services.ImportRefused, match="tom"):
        ops_services.parse_file(ops.year, "x.csv", b"")
    with pytest.raises(ops_services.ImportRefused):
        ops_services.parse_file(ops.year, "x.xlsx", b"PK\x03\x04 not a workbook")
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Number", "Customer", "Service", "Priority", "Opened", "Responded", "Resolved"])
    sheet.append(["F1", "165", "Drift", "2", "=NOW()", None, None])
    buffer = io.BytesIO()
    workbook.save(buffer)
    with pytest.raises(ops_services.ImportRefused) as refused:
        ops_services.parse_file(ops.year, "f.xlsx", buffer.getvalue())
    assert str(refused.value.errors[0]).startswith("Række 2, kolonne 'Opened'")


def test_the_import_is_one_operation_in_the_audit_log(ops):
    request_ids = set(AuditEntry.objects.filter(content_type__model="ticket").values_list("request_id", flat=True))
    assert len(request_ids) == 1


def test_the_figures_match_the_engine_for_the_imported_tickets(ops):
    from digisam.operations import adapter

    figures = adapter.figures(ops.year, Ticket.objects.filter(batch__year=ops.year))
    cells = {(c.member, c.month): c for c in figures.cells}
    assert cells[("165", "2026-03")].volume == 2
    assert cells[("165", "2026-03")].response_within == 2  # 10 ≤ 30 (P1), 30 ≤ 60 (P2)
    assert cells[("151", "2026-04")].volume == 2
    assert isinstance(figures, sla.Figures)
