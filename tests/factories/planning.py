"""A tiny portfolio for tests of the planning app (unit, API and browser tests): one category
with tender parameters and one contract per member, shared with the collaboration.

Test setup writes directly with the ORM, as tests/conftest.py does; nothing here runs in
production."""

from __future__ import annotations

import datetime
from decimal import Decimal


def tiny_portfolio(collaboration, organisations, *, share_economy=True, category_slug="testsystem", expires=None):
    """Category `testsystem` and for each organisation a contract expiring in the plan's second or third
    year; every organisation shares portfolio (and economy) with the collaboration."""
    from digisam.portfolio.models import Category, Contract, SharingSetting

    category, _ = Category.objects.get_or_create(
        slug=category_slug,
        defaults={
            "name": "Testsystem til planlægning",
            "price_per_inhabitant_year": Decimal("12.00"),
            "tender_fixed_cost": Decimal("400000"),
            "tender_cost_per_participant": Decimal("100000"),
            "preparation_months": 6,
            "framework_months": 24,
            "harmonisation_saving_per_participant_year": Decimal("150000"),
            "discount_tiers": [{"min_population": 0, "discount": 0.0}, {"min_population": 100000, "discount": 0.05}],
        },
    )
    contracts = []
    for index, organisation in enumerate(organisations):
        SharingSetting.objects.update_or_create(
            organisation=organisation, collaboration=collaboration,
            defaults={"share_portfolio": True, "share_economy": share_economy},
        )
        contracts.append(Contract.objects.create(
            organisation=organisation, category=category, name=f"ESDH {organisation.name}",
            expires=expires or datetime.date(2028 + index % 2, 6 + index % 6, 30),
            notice_months=6, extension_count=1, extension_months=12, extension_uplift=Decimal("0.05"),
            early_exit_months=6, early_exit_fee=Decimal("200000"), cost_operation=Decimal("1500000"),
            cost_other=Decimal("100000"),
        ))
    return category, contracts


def simple_scenario(collaboration, **overrides):
    from digisam.planning.models import Scenario

    values = {"name": "Basis", "start_month": "2027-01", "horizon_months": 60, "capacity": 2, "time_limit": 3}
    values.update(overrides)
    return Scenario.objects.create(collaboration=collaboration, **values)
