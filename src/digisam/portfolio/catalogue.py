"""The seeded catalogue: 30 planning categories with tender parameters (from the national planning
instance), the categories of systemkategorier.csv folded into them, and the KOMBIT monopoly-break
systems — shipped in `data/categories.json` so nothing reads ../shared at run time."""

import json
from decimal import Decimal
from pathlib import Path

DATA = Path(__file__).parent / "data" / "categories.json"


def catalogue() -> list[dict]:
    return json.loads(DATA.read_text(encoding="utf-8"))["categories"]


def seed(Category, Product) -> int:
    """Create missing categories and products (never overwrites edited values); returns the number
    created. Works with historical models in a migration."""
    created = 0
    for entry in catalogue():
        category = Category.objects.filter(slug=entry["id"]).first()
        if category is None:
            category = Category.objects.create(
                slug=entry["id"], name=entry["name"], description=entry["description"], source=entry["source"],
                kle_reference=entry["kle_reference"], kombit_monopoly_break=entry["kombit_monopoly_break"],
                price_per_inhabitant_year=Decimal(str(entry["price_per_inhabitant_year"])),
                tender_fixed_cost=Decimal(str(entry["tender_fixed_cost"])),
                tender_cost_per_participant=Decimal(str(entry["tender_cost_per_participant"])),
                preparation_months=entry["preparation_months"], framework_months=entry["framework_months"],
                harmonisation_saving_per_participant_year=Decimal(
                    str(entry["harmonisation_saving_per_participant_year"])
                ),
                discount_tiers=entry["discount_tiers"], sort_order=entry["sort_order"],
            )
            created += 1
        for name in entry["products"]:
            if not Product.objects.filter(category=category, name=name).exists():
                Product.objects.create(category=category, name=name)
    return created
