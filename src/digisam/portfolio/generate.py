"""Deterministic synthetic portfolios (seeded random): used by the demo, tests and the benchmark.

Costs are the category's list price per inhabitant (the planning instances' q) times population with
±30 % spread; contract ends are spread over ten years from `start`."""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from . import formats
from .catalogue import catalogue
from .contract_dates import add_months


def portfolio_records(municipalities, *, seed=2027, start=datetime.date(2027, 1, 1), categories=None):
    """municipalities: iterable of (code, population). Returns template records (dicts keyed like
    formats.TEMPLATE_COLUMNS) — one usage + contract per municipality and planning category."""
    rng = random.Random(seed)
    cats = [c for c in catalogue() if not c["kombit_monopoly_break"]]
    if categories:
        cats = [c for c in cats if c["id"] in categories]
    records = []
    for code, population in municipalities:
        for cat in cats:
            weights = [5, 3, 2, 1][: len(cat["products"])]
            product = rng.choices(cat["products"], weights=weights)[0]
            annual = Decimal(int(cat["price_per_inhabitant_year"] * population * rng.uniform(0.7, 1.3) / 1000) * 1000)
            months_left = rng.randint(1, 119)
            expires = add_months(start, months_left) - datetime.timedelta(days=1)
            years = rng.choice([4, 5, 6, 8])
            valid_from = add_months(expires + datetime.timedelta(days=1), -12 * years)
            ext_count = rng.choice([0, 0, 1, 2])
            records.append({
                "municipality": code, "category": cat["id"], "product": product,
                "supplier": product.split(" ")[0], "supplier_cvr": None,
                "lifecycle": rng.choice(["operational"] * 8 + ["phasing_in", "phasing_out"]),
                "criticality": rng.choice(["low", "medium", "high", "critical"]),
                "responsible_unit": rng.choice(["Digitalisering", "Økonomi", "Social og Sundhed", "Børn og Unge",
                                                "Teknik og Miljø", "Borgerservice"]),
                "user_count": rng.choice(["10_50", "50_100", "over_100"]), "notes": "",
                "contract_id": f"{code}-{cat['id']}-{valid_from.year}", "name": f"{cat['name']} ({product})",
                "concluded": valid_from - datetime.timedelta(days=rng.randint(30, 120)), "valid_from": valid_from,
                "irrevocable_until": add_months(valid_from, 24) - datetime.timedelta(days=1) if rng.random() < 0.5 else None,
                "expires": expires, "terminated": None, "notice_months": rng.choice([3, 6, 6, 12]),
                "notice_runs_to": rng.choice(["month", "quarter", "year"]),
                "extension_count": ext_count, "extension_months": 12 if ext_count else 0, "extensions_used": 0,
                "extension_uplift": Decimal(rng.choice(["0", "0.03", "0.05", "0.08"])),
                "early_exit_months": rng.choice([0, 6, 12]), "early_exit_fee": Decimal(0),
                "cost_acquisition": (annual * Decimal("0.8")).quantize(Decimal(1)),
                "cost_operation": annual, "cost_other": (annual * Decimal("0.05")).quantize(Decimal(1)),
                "price_regulation": rng.choice(["Nettoprisindeks", "PL-regulering", "Fast pris"]),
                "procurement_strategy": rng.choice(["", "own_tender", "joint_tender", "framework"]),
                "planned_reprocurement": "", "procurement_initiated": False, "opt_out": rng.random() < 0.05,
                "earliest_start": None,
            })
            if records[-1]["early_exit_months"]:
                records[-1]["early_exit_fee"] = (annual * Decimal("0.5")).quantize(Decimal(1))
    return records


def template_table(records):
    header = [h for h, _k, _t in formats.TEMPLATE_COLUMNS]
    rows = [[formats.format_cell(kind, r.get(key)) for _h, key, kind in formats.TEMPLATE_COLUMNS] for r in records]
    return header, rows
