"""The catalogue's prices, orders, support hours and SLA credits are the economy's, and reach the
annual statement through the economy engine (one source of truth)."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from digisam.core import services
from digisam.economy import services as economy_services
from digisam.economy.adapter import build_scenario
from digisam.operations import services as ops_services
from digisam.operations.models import CatalogueService


def test_a_basic_service_is_an_economy_charge_and_an_add_on_an_economy_catalogue_item(ops):
    charge = ops.basic.charge
    assert (charge.kind, charge.rate, charge.name, charge.year_id) == ("per_fte", Decimal("1500"), "Drift", ops.year.pk)
    item = ops.addon.economy_service
    assert (item.name, item.unit_price, item.year_id) == ("Ekstra arbejdsplads", Decimal("5200"), ops.year.pk)


def test_changing_a_price_changes_the_economy_object_not_a_copy(ops):
    ops_services.save_catalogue_service(ops.basic, ops_services.Pricing(key="population", total=Decimal("90000")),
                                        user=services.SYSTEM)
    ops.basic.charge.refresh_from_db()
    assert (ops.basic.charge.kind, ops.basic.charge.total, ops.basic.charge.key) == (
        "keyed_share", Decimal("90000"), "population")
    assert ops.basic.charge.rate is None


def test_a_bad_price_is_reported_on_the_price_field_and_nothing_is_written(ops):
    before = CatalogueService.objects.count()
    with pytest.raises(ValidationError) as error:
        ops_services.save_catalogue_service(CatalogueService(year=ops.year, name="Print", kind="addon"),
                                            ops_services.Pricing(unit_price=None), user=services.SYSTEM)
    assert "unit_price" in error.value.message_dict
    assert CatalogueService.objects.count() == before


def test_an_ordered_add_on_cannot_be_deleted_before_its_orders(ops):
    with pytest.raises(ValidationError, match="bestillingerne"):
        ops_services.delete_catalogue_service(ops.addon, user=services.SYSTEM)


def test_the_statement_carries_fte_charge_orders_support_hours_contribution_and_credit(ops):
    statement = economy_services.generate(ops.year, user=services.SYSTEM)
    lines = {m.code: {line["label"]: line["amount_ore"] for line in m.lines} for m in statement.member_statements.all()}
    assert lines["165"]["Drift"] == -2100 * 1500 * 100
    assert lines["151"]["Drift"] == -3000 * 1500 * 100
    assert lines["165"]["Bestillinger fra servicekataloget"] == -3 * 5200 * 100
    assert lines["165"]["Hotline: timer"] == -int(Decimal("12.5") * 650 * 100)
    assert lines["151"]["Hotline: timer"] == -6 * 650 * 100
    contribution = lines["165"]["Hotline: grundbidrag"] + lines["151"]["Hotline: grundbidrag"]
    assert contribution == -100000 * 100
    # T1 was resolved after 180 min against a P1 target of 240 ... within; T4 took 60 min: within too.
    assert "SLA-kredit: Drift" not in lines["165"]


def test_a_late_ticket_credits_the_member_and_the_other_members_bear_it(ops, ticket_csv):
    csv = ticket_csv([["T9", "165", "Drift", "1", "2026-05-04 08:00", "2026-05-04 08:10", "2026-05-04 14:00"],
                      ["T10", "165", "Drift", "1", "2026-05-05 08:00", "2026-05-05 08:10", "2026-05-05 14:00"]])
    ops_services.import_tickets(ops.year, "maj.csv", csv, user=services.SYSTEM)
    document, labels = build_scenario(ops.year)
    credits = [h for h in document["host_costs"] if h["id"].startswith("sla-credit-")]
    assert credits == [{"id": f"sla-credit-{ops.basic.pk}-165", "host": "165", "total": Decimal("2000"),
                        "key": "equal", "members": ["151"]}]
    statement = economy_services.generate(ops.year, user=services.SYSTEM)
    lines = {m.code: {line["label"]: line["amount_ore"] for line in m.lines} for m in statement.member_statements.all()}
    assert lines["165"]["SLA-kredit: Drift"] == 200000
    assert lines["151"]["SLA-kredit: Drift"] == -200000


def test_credits_are_capped_by_the_target_level(ops, ticket_csv):
    rows = [[f"L{i}", "165", "Drift", "1", f"2026-06-{i + 1:02d} 08:00", "2026-06-01 08:00" if False else
             f"2026-06-{i + 1:02d} 08:05", f"2026-06-{i + 1:02d} 18:00"] for i in range(7)]
    ops_services.import_tickets(ops.year, "juni.csv", ticket_csv(rows), user=services.SYSTEM)
    document, _labels = build_scenario(ops.year)
    [credit] = [h for h in document["host_costs"] if h["id"].startswith("sla-credit-")]
    assert credit["total"] == Decimal("5000")  # 7 × 1000 capped at 5000
