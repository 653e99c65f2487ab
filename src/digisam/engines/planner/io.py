"""Reading and writing ``digisam.plan-instance/1`` and ``digisam.plan/1`` JSON documents.

Numbers are parsed exactly: every JSON number with a fraction or exponent becomes a
:class:`fractions.Fraction` of its decimal text (``2.15`` is exactly 215/100).
"""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path
from typing import Any

from .model import (
    Category,
    Contract,
    DiscountTier,
    Instance,
    Municipality,
    Participant,
    Plan,
    Tender,
    TenderGroup,
    month_index,
    parse_month,
)
from .validation import InstanceError, validate_instance_data

PLAN_FORMAT = "digisam.plan/1"


class PlanFormatError(ValueError):
    """A plan document is malformed (wrong format string, missing fields, bad months)."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        super().__init__("invalid plan:\n" + "\n".join(f"  - {p}" for p in self.problems))


def load_json(path: str | Path) -> Any:
    """Parse a JSON file with exact decimal numbers; raise OSError or ValueError."""
    text = Path(path).read_text(encoding="utf-8")
    return json.loads(text, parse_float=Fraction)


def _fraction(value: Any) -> Fraction:
    return Fraction(value)


def instance_from_data(data: Any) -> Instance:
    """Validate a parsed instance document and build an :class:`Instance`."""
    validate_instance_data(data)
    start = data["start"]
    municipalities = tuple(
        Municipality(code=row["code"], name=row["name"], population=_fraction(row["population"]))
        for row in data["municipalities"]
    )
    categories = tuple(
        Category(
            id=row["id"],
            name=row["name"],
            price_per_inhabitant_year=_fraction(row["price_per_inhabitant_year"]),
            tender_fixed_cost=_fraction(row["tender_fixed_cost"]),
            tender_cost_per_participant=_fraction(row["tender_cost_per_participant"]),
            preparation_months=int(row["preparation_months"]),
            framework_months=int(row["framework_months"]),
            harmonisation_saving_per_participant_year=_fraction(row["harmonisation_saving_per_participant_year"]),
            discount_tiers=tuple(
                sorted(
                    (
                        DiscountTier(
                            min_population=_fraction(t["min_population"]), discount=_fraction(t["discount"])
                        )
                        for t in row["discount_tiers"]
                    ),
                    key=lambda tier: tier.min_population,
                )
            ),
        )
        for row in data["categories"]
    )
    contracts = tuple(
        Contract(
            municipality=row["municipality"],
            category=row["category"],
            product=row.get("product", ""),
            annual_cost=_fraction(row["annual_cost"]),
            expires=month_index(row["expires"], start),
            max_extension_months=int(row["max_extension_months"]),
            extension_uplift=_fraction(row["extension_uplift"]),
            early_exit_months=int(row["early_exit_months"]),
            early_exit_fee=_fraction(row["early_exit_fee"]),
            opt_out=bool(row.get("opt_out", False)),
            earliest_start=(
                month_index(row["earliest_start"], start) if row.get("earliest_start") is not None else None
            ),
        )
        for row in data["contracts"]
    )
    groups = tuple(
        TenderGroup(category=row["category"], municipalities=tuple(row["municipalities"]))
        for row in data.get("must_tender_together") or []
    )
    return Instance(
        start=start,
        horizon_months=int(data["horizon_months"]),
        max_parallel_joint_tenders=int(data["max_parallel_joint_tenders"]),
        individual_rationality=bool(data.get("individual_rationality", True)),
        municipalities=municipalities,
        categories=categories,
        contracts=contracts,
        must_tender_together=groups,
    )


def read_instance(path: str | Path) -> Instance:
    """Read and validate an instance file; raise OSError, ValueError or InstanceError."""
    try:
        data = load_json(path)
    except json.JSONDecodeError as exc:
        raise InstanceError([f"document: not valid JSON ({exc})"])
    return instance_from_data(data)


def plan_from_data(data: Any, instance: Instance) -> Plan:
    """Build a :class:`Plan` from a parsed plan document (structure only; rules are the evaluator's)."""
    problems: list[str] = []
    if not isinstance(data, dict):
        raise PlanFormatError(["document: must be a JSON object"])
    if data.get("format") != PLAN_FORMAT:
        problems.append(f"document: 'format' must be '{PLAN_FORMAT}', got {data.get('format')!r}")
    rows = data.get("tenders")
    if not isinstance(rows, list):
        problems.append("document: missing list 'tenders'")
        rows = []
    tenders: list[Tender] = []
    for i, row in enumerate(rows):
        where = f"tenders[{i}]"
        if not isinstance(row, dict):
            problems.append(f"{where}: must be an object")
            continue
        category = row.get("category")
        if not isinstance(category, str):
            problems.append(f"{where}: missing string 'category'")
        start = _plan_month(row, "start", where, instance, problems)
        people = row.get("participants")
        if not isinstance(people, list) or not people:
            problems.append(f"{where}: 'participants' must be a non-empty list")
            people = []
        participants: list[Participant] = []
        for j, person in enumerate(people):
            person_where = f"{where} participants[{j}]"
            if not isinstance(person, dict):
                problems.append(f"{person_where}: must be an object")
                continue
            code = person.get("municipality")
            if not isinstance(code, str):
                problems.append(f"{person_where}: missing string 'municipality'")
            t = _plan_month(person, "contract_start", person_where, instance, problems)
            if isinstance(code, str) and t is not None:
                participants.append(Participant(municipality=code, contract_start=t))
        if isinstance(category, str) and start is not None:
            tenders.append(Tender(category=category, start=start, participants=tuple(participants)))
    if problems:
        raise PlanFormatError(problems)
    return Plan(tenders=tuple(tenders))


def _plan_month(row: dict, name: str, where: str, instance: Instance, problems: list[str]) -> int | None:
    value = row.get(name)
    try:
        parse_month(value)
    except ValueError:
        problems.append(f"{where}: '{name}' is not a valid 'YYYY-MM' month: {value!r}")
        return None
    return month_index(value, instance.start)


def read_plan(path: str | Path, instance: Instance) -> Plan:
    """Read a plan file; raise OSError or PlanFormatError."""
    try:
        data = load_json(path)
    except json.JSONDecodeError as exc:
        raise PlanFormatError([f"document: not valid JSON ({exc})"])
    return plan_from_data(data, instance)


def plan_to_data(plan: Plan, instance: Instance) -> dict[str, Any]:
    """The ``tenders`` part of a plan document."""
    return {
        "format": PLAN_FORMAT,
        "tenders": [
            {
                "category": tender.category,
                "start": instance.month(tender.start),
                "participants": [
                    {"municipality": p.municipality, "contract_start": instance.month(p.contract_start)}
                    for p in tender.participants
                ],
            }
            for tender in plan.tenders
        ],
    }


def write_json(data: Any, path: str | Path) -> None:
    Path(path).write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


__all__ = [
    "PLAN_FORMAT",
    "InstanceError",
    "PlanFormatError",
    "instance_from_data",
    "load_json",
    "plan_from_data",
    "plan_to_data",
    "read_instance",
    "read_plan",
    "write_json",
]
