"""Builders of small planner instances and plans for the planner tests (no Django)."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "data"


def small_data() -> dict[str, Any]:
    return json.loads((DATA / "small.json").read_text(encoding="utf-8"))


def small_optimum_data() -> dict[str, Any]:
    return json.loads((DATA / "small.optimum.json").read_text(encoding="utf-8"))


def category(**overrides: Any) -> dict[str, Any]:
    row = {
        "id": "esdh",
        "name": "ESDH",
        "price_per_inhabitant_year": 12,
        "tender_fixed_cost": 1200,
        "tender_cost_per_participant": 100,
        "preparation_months": 2,
        "framework_months": 6,
        "harmonisation_saving_per_participant_year": 120,
        "discount_tiers": [{"min_population": 0, "discount": 0.0}, {"min_population": 300, "discount": 0.25}],
    }
    row.update(overrides)
    return row


def contract(municipality: str, **overrides: Any) -> dict[str, Any]:
    row = {
        "municipality": municipality,
        "category": "esdh",
        "product": "P",
        "annual_cost": 1200,
        "expires": "2027-05",
        "max_extension_months": 3,
        "extension_uplift": 0.5,
        "early_exit_months": 2,
        "early_exit_fee": 100,
        "opt_out": False,
        "earliest_start": None,
    }
    row.update(overrides)
    return row


def tiny_data(**overrides: Any) -> dict[str, Any]:
    """Two municipalities (100 and 200 inhabitants), one category, 12 months from 2027-01."""
    data = {
        "format": "digisam.plan-instance/1",
        "start": "2027-01",
        "horizon_months": 12,
        "max_parallel_joint_tenders": 1,
        "individual_rationality": True,
        "municipalities": [
            {"code": "101", "name": "A-by", "population": 100},
            {"code": "202", "name": "B-by", "population": 200},
        ],
        "categories": [category()],
        "contracts": [contract("101"), contract("202", expires="2027-06")],
    }
    data.update(overrides)
    return copy.deepcopy(data)


def plan_data(*tenders: tuple[str, str, list[tuple[str, str]]]) -> dict[str, Any]:
    return {
        "format": "digisam.plan/1",
        "tenders": [
            {
                "category": cat,
                "start": start,
                "participants": [{"municipality": m, "contract_start": t} for m, t in people],
            }
            for cat, start, people in tenders
        ],
    }
