"""Reading scenarios and writing statements (JSON).

Numbers are parsed exactly: JSON decimals become :class:`decimal.Decimal` (``parse_float``)
and integers stay ``int``; floats never enter a computation. NaN/Infinity are rejected.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from .model import (
    SCENARIO_FORMAT,
    STATEMENT_FORMAT,
    Charge,
    EqualShare,
    FixedPerMember,
    HostCost,
    Key,
    KeyedShare,
    Member,
    Orders,
    PerFte,
    PerInhabitant,
    Project,
    Scenario,
    ScenarioError,
    Statement,
)
from .validation import scenario_problems

__all__ = [
    "dumps_scenario",
    "dumps_statement",
    "load_scenario",
    "loads_json",
    "loads_scenario",
    "parse_scenario",
    "scenario_to_dict",
    "statement_to_dict",
]


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number")


def loads_json(text: str) -> Any:
    """Parse JSON text with exact numbers (Decimal for decimals)."""
    return json.loads(text, parse_float=Decimal, parse_constant=_reject_constant)


def _dec(value: Any) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(value)


def _day(value: Any) -> date | None:
    return None if value is None else date.fromisoformat(value)


def _members(value: Any) -> tuple[str, ...] | None:
    return None if value is None else tuple(value)


def _key(value: Any) -> Key:
    if isinstance(value, dict):
        return Key("weights", {code: _dec(w) for code, w in value["weights"].items()})
    return Key(value)


def _charge(ch: dict) -> Charge:
    kind, ident, subset = ch["kind"], ch["id"], _members(ch.get("members"))
    if kind == "equal_share":
        return EqualShare(ident, _dec(ch["total"]), subset)
    if kind == "keyed_share":
        return KeyedShare(ident, _dec(ch["total"]), _key(ch["key"]), subset)
    if kind == "per_inhabitant":
        return PerInhabitant(ident, _dec(ch["rate"]), subset)
    if kind == "per_fte":
        return PerFte(ident, _dec(ch["rate"]), subset)
    if kind == "fixed_per_member":
        return FixedPerMember(ident, _dec(ch["amount"]), subset)
    return Orders(
        ident,
        {item: _dec(p) for item, p in ch["unit_prices"].items()},
        {code: {item: _dec(q) for item, q in items.items()} for code, items in ch["quantities"].items()},
        subset,
    )


def parse_scenario(data: Any) -> Scenario:
    """Validate a raw scenario document and build the :class:`Scenario`.

    Raises :class:`ScenarioError` listing every problem when it is invalid.
    """
    problems = scenario_problems(data)
    if problems:
        raise ScenarioError(problems)
    members = tuple(
        Member(
            code=m["code"],
            name=m.get("name") or "",
            population=None if m.get("population") is None else int(m["population"]),
            fte=None if m.get("fte") is None else _dec(m["fte"]),
            member_from=_day(m.get("member_from")),
            member_to=_day(m.get("member_to")),
        )
        for m in data["members"]
    )
    return Scenario(
        year=data["year"],
        proration=data["proration"],
        members=members,
        charges=tuple(_charge(ch) for ch in data.get("charges") or ()),
        host_costs=tuple(
            HostCost(hc["id"], hc["host"], _dec(hc["total"]), _key(hc["key"]), _members(hc.get("members")))
            for hc in data.get("host_costs") or ()
        ),
        projects=tuple(
            Project(pr["id"], _dec(pr["hourly_rate"]), _key(pr["key"]),
                    {code: _dec(h) for code, h in pr["hours"].items()})
            for pr in data.get("projects") or ()
        ),
        settlement=data["settlement"],
    )


def loads_scenario(text: str) -> Scenario:
    """Parse scenario JSON text; invalid JSON or an invalid scenario raises ScenarioError."""
    try:
        data = loads_json(text)
    except ValueError as exc:  # json.JSONDecodeError is a ValueError
        raise ScenarioError([f"invalid JSON: {exc}"]) from None
    return parse_scenario(data)


def load_scenario(path: str | Path) -> Scenario:
    """Read and parse a scenario file; every problem is raised as ScenarioError."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ScenarioError([f"{path}: cannot read: {exc}"]) from None
    try:
        return loads_scenario(text)
    except ScenarioError as exc:
        raise ScenarioError([f"{path}: {p}" for p in exc.problems]) from None


# ------------------------------------------------------------------------- writing


def _key_to_json(key: Key) -> Any:
    if key.kind == "weights":
        return {"weights": dict(key.weights or {})}
    return key.kind


def _with_members(out: dict, subset: tuple[str, ...] | None) -> dict:
    if subset is not None:
        out["members"] = list(subset)
    return out


def scenario_to_dict(scenario: Scenario) -> dict[str, Any]:
    """The scenario as a raw document (numbers as int/Decimal), the inverse of parse_scenario."""
    charges: list[dict[str, Any]] = []
    for ch in scenario.charges:
        out: dict[str, Any] = {"id": ch.id, "kind": ch.kind}
        if isinstance(ch, EqualShare):
            out["total"] = ch.total
        elif isinstance(ch, KeyedShare):
            out["total"], out["key"] = ch.total, _key_to_json(ch.key)
        elif isinstance(ch, PerInhabitant | PerFte):
            out["rate"] = ch.rate
        elif isinstance(ch, FixedPerMember):
            out["amount"] = ch.amount
        elif isinstance(ch, Orders):
            out["unit_prices"] = dict(ch.unit_prices)
            out["quantities"] = {code: dict(items) for code, items in ch.quantities.items()}
        charges.append(_with_members(out, ch.members))
    return {
        "format": SCENARIO_FORMAT,
        "year": scenario.year,
        "proration": scenario.proration,
        "members": [
            {"code": m.code, "name": m.name, "population": m.population, "fte": m.fte,
             "member_from": m.member_from.isoformat() if m.member_from else None,
             "member_to": m.member_to.isoformat() if m.member_to else None}
            for m in scenario.members
        ],
        "charges": charges,
        "host_costs": [
            _with_members({"id": hc.id, "host": hc.host, "total": hc.total, "key": _key_to_json(hc.key)},
                          hc.members)
            for hc in scenario.host_costs
        ],
        "projects": [
            {"id": pr.id, "hourly_rate": pr.hourly_rate, "key": _key_to_json(pr.key), "hours": dict(pr.hours)}
            for pr in scenario.projects
        ],
        "settlement": scenario.settlement,
    }


def statement_to_dict(statement: Statement) -> dict[str, Any]:
    """The ``digisam.settlement-statement/1`` document: amounts in integer øre, members
    sorted by code, lines in scenario order (charges, host costs, projects)."""
    members: dict[str, Any] = {}
    for ms in sorted(statement.members, key=lambda m: m.code):
        members[ms.code] = {
            "fraction": str(ms.fraction),
            "lines": {line.id: line.amount_ore for line in ms.lines},
            "charges": ms.charges,
            "balance": ms.balance,
            "net": ms.net,
        }
    return {
        "format": STATEMENT_FORMAT,
        "year": statement.year,
        "members": members,
        "collaboration_net": statement.collaboration_net,
        "transfers": [
            {"from": t.from_party, "to": t.to_party, "amount_ore": t.amount_ore} for t in statement.transfers
        ],
    }


def dumps_statement(statement: Statement, indent: int | None = 2) -> str:
    """The statement file's JSON text."""
    return json.dumps(statement_to_dict(statement), indent=indent, ensure_ascii=False)


def dumps_scenario(scenario: Scenario | Mapping[str, Any]) -> str:
    """A scenario as JSON text (Decimals written as JSON numbers, exactly)."""
    data = scenario_to_dict(scenario) if isinstance(scenario, Scenario) else dict(scenario)
    return _dump_exact(data)


def _dump_exact(value: Any) -> str:
    """JSON encoding that writes Decimals with their exact digits (no float round trip)."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(str(k))}: {_dump_exact(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_dump_exact(v) for v in value) + "]"
    if isinstance(value, Decimal):
        return format(value, "f")
    return json.dumps(value, ensure_ascii=False)
