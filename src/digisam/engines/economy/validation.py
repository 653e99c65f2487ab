"""Validation of a raw ``digisam.settlement-scenario/1`` document.

:func:`scenario_problems` walks the parsed JSON (numbers as ``int``/``Decimal``, never
float) and returns every problem it finds, each naming its place, e.g.
``projects[0] (monopolbrud).hours: unknown member 999``. An empty list means the
scenario can be settled.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

from .arith import kr_to_ore, round_half_up
from .model import CHARGE_KINDS, COLLABORATION, PRORATIONS, SCENARIO_FORMAT, SETTLEMENTS
from .proration import membership_fraction

__all__ = ["scenario_problems"]

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_RATE_FIELDS = {"equal_share": "total", "keyed_share": "total", "per_inhabitant": "rate",
                "per_fte": "rate", "fixed_per_member": "amount"}


def _is_number(value: Any) -> bool:
    return isinstance(value, int | Decimal) and not isinstance(value, bool)


def _show(value: Any) -> str:
    if isinstance(value, str):
        return repr(value)
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    return str(value)


def _label(section: str, index: int, item: Any, ident: str = "id") -> str:
    if isinstance(item, dict) and isinstance(item.get(ident), str) and item.get(ident):
        return f"{section}[{index}] ({item[ident]})"
    return f"{section}[{index}]"


class _Checker:
    def __init__(self) -> None:
        self.problems: list[str] = []

    def add(self, message: str) -> None:
        self.problems.append(message)

    # ---------------------------------------------------------------- scalars
    def money(self, obj: dict, name: str, where: str, required: bool = True) -> Decimal | int | None:
        """A non-negative DKK amount with at most two decimals."""
        if name not in obj or obj[name] is None:
            if required:
                self.add(f"{where}.{name}: missing")
            return None
        return self.money_value(obj[name], f"{where}.{name}", name.replace("_", " "))

    def money_value(self, value: Any, place: str, what: str) -> Decimal | int | None:
        if not _is_number(value):
            self.add(f"{place}: not a number: {_show(value)}")
            return None
        ok = True
        if value < 0:
            self.add(f"{place}: negative {what} {value}")
            ok = False
        if (Decimal(value) * 100) % 1 != 0:
            self.add(f"{place}: more than two decimals on money {value}")
            ok = False
        return value if ok else None

    def quantity(self, value: Any, place: str, what: str, two_decimals: bool = False,
                 integer: bool = False) -> Decimal | int | None:
        """A non-negative number (hours: at most two decimals; population: an integer)."""
        if not _is_number(value):
            self.add(f"{place}: not a number: {_show(value)}")
            return None
        ok = True
        if value < 0:
            self.add(f"{place}: negative {what} {value}")
            ok = False
        if integer and Decimal(value) % 1 != 0:
            self.add(f"{place}: {what} must be a whole number, got {value}")
            ok = False
        if two_decimals and (Decimal(value) * 100) % 1 != 0:
            self.add(f"{place}: more than two decimals on {what} {value}")
            ok = False
        return value if ok else None

    def date_value(self, obj: dict, name: str, where: str) -> tuple[bool, date | None]:
        value = obj.get(name)
        if value is None:
            return True, None
        if not isinstance(value, str) or not _DATE.match(value):
            self.add(f"{where}.{name}: not a date (YYYY-MM-DD): {_show(value)}")
            return False, None
        try:
            return True, date.fromisoformat(value)
        except ValueError:
            self.add(f"{where}.{name}: not a valid date: {value!r}")
            return False, None


def scenario_problems(data: Any) -> list[str]:
    """Every problem in a raw scenario document (empty when it is valid)."""
    c = _Checker()
    if not isinstance(data, dict):
        return ["scenario: expected a JSON object"]

    fmt = data.get("format")
    if fmt != SCENARIO_FORMAT:
        c.add(f"format: expected {SCENARIO_FORMAT!r}, got {_show(fmt)}")

    year = data.get("year")
    year_ok = isinstance(year, int) and not isinstance(year, bool) and 1 <= year <= 9999
    if not year_ok:
        c.add(f"year: not a year: {_show(year)}" if "year" in data else "year: missing")

    proration = data.get("proration")
    proration_ok = proration in PRORATIONS
    if not proration_ok:
        if "proration" not in data:
            c.add("proration: missing (one of " + ", ".join(PRORATIONS) + ")")
        else:
            c.add(f"proration: unknown proration {_show(proration)} (one of " + ", ".join(PRORATIONS) + ")")

    settlement = data.get("settlement")
    if settlement not in SETTLEMENTS:
        if "settlement" not in data:
            c.add("settlement: missing (one of " + ", ".join(SETTLEMENTS) + ")")
        else:
            c.add(f"settlement: unknown settlement {_show(settlement)} (one of " + ", ".join(SETTLEMENTS) + ")")

    # ---------------------------------------------------------------- members
    members: dict[str, dict] = {}
    fractions: dict[str, Fraction] = {}
    raw_members = data.get("members")
    if not isinstance(raw_members, list):
        c.add("members: missing" if raw_members is None else f"members: expected a list, got {_show(raw_members)}")
        raw_members = []
    for i, m in enumerate(raw_members):
        where = _label("members", i, m, "code")
        if not isinstance(m, dict):
            c.add(f"{where}: expected an object, got {_show(m)}")
            continue
        code = m.get("code")
        code_ok = isinstance(code, str) and code.strip() != ""
        if not code_ok:
            c.add(f"{where}.code: expected a non-empty string, got {_show(code)}")
        elif code == COLLABORATION:
            c.add(f"{where}.code: {COLLABORATION!r} is reserved for the collaboration itself")
            code_ok = False
        elif code in members:
            c.add(f"{where}.code: duplicate member code {code}")
            code_ok = False
        name = m.get("name")
        if name is not None and not isinstance(name, str):
            c.add(f"{where}.name: expected a string, got {_show(name)}")
        if m.get("population") is not None:
            c.quantity(m["population"], f"{where}.population", "population", integer=True)
        if m.get("fte") is not None:
            c.quantity(m["fte"], f"{where}.fte", "fte")
        ok_from, d_from = c.date_value(m, "member_from", where)
        ok_to, d_to = c.date_value(m, "member_to", where)
        dates_ok = ok_from and ok_to
        if d_from and d_to and d_to < d_from:
            c.add(f"{where}: member_to {d_to.isoformat()} before member_from {d_from.isoformat()}")
            dates_ok = False
        if code_ok:
            members[code] = m
            if dates_ok and year_ok and proration_ok:
                fractions[code] = membership_fraction(d_from, d_to, year, proration)
    can_compute = year_ok and proration_ok and len(fractions) == len(members)

    # ------------------------------------------------------------ line ids
    seen_ids: dict[str, str] = {}

    def check_id(item: dict, where: str) -> None:
        ident = item.get("id")
        if not isinstance(ident, str) or not ident.strip():
            c.add(f"{where}.id: expected a non-empty string, got {_show(ident)}")
            return
        if ident in seen_ids:
            c.add(f"{where}.id: duplicate line id {ident} (also {seen_ids[ident]})")
        else:
            seen_ids[ident] = where

    def check_subset(item: dict, where: str) -> tuple[list[str], bool]:
        """The members taking part (default: all); False when the list is invalid."""
        if item.get("members") is None:
            return list(members), True
        subset = item["members"]
        if not isinstance(subset, list):
            c.add(f"{where}.members: expected a list of member codes, got {_show(subset)}")
            return [], False
        ok = True
        chosen: list[str] = []
        for code in subset:
            if not isinstance(code, str):
                c.add(f"{where}.members: expected a member code string, got {_show(code)}")
                ok = False
            elif code not in members:
                c.add(f"{where}.members: unknown member {code}")
                ok = False
            elif code in chosen:
                c.add(f"{where}.members: member {code} listed twice")
                ok = False
            else:
                chosen.append(code)
        return chosen, ok

    def check_key(item: dict, where: str, participants: list[str], members_ok: bool) -> dict[str, Fraction] | None:
        """The key values k of the participants, or None when they cannot be determined."""
        if "key" not in item or item["key"] is None:
            c.add(f"{where}.key: missing (population, fte, equal or {{\"weights\": …}})")
            return None
        key = item["key"]
        values: dict[str, Fraction] = {}
        if key == "equal":
            return {code: Fraction(1) for code in participants}
        if key in ("population", "fte"):
            ok = True
            for code in participants:
                value = members[code].get(key)
                if value is None:
                    c.add(f"{where}.key: member {code} has no {key}")
                    ok = False
                elif not _is_number(value) or value < 0:
                    ok = False  # reported under members
                else:
                    values[code] = Fraction(value)
            return values if ok else None
        if isinstance(key, dict) and set(key) == {"weights"}:
            weights = key["weights"]
            if not isinstance(weights, dict):
                c.add(f"{where}.key.weights: expected an object of member code → weight, got {_show(weights)}")
                return None
            ok = True
            for code, w in weights.items():
                if code not in members:
                    c.add(f"{where}.key.weights: unknown member {code}")
                    ok = False
                elif c.quantity(w, f"{where}.key.weights.{code}", "weight") is None:
                    ok = False
                else:
                    values[code] = Fraction(w)
            for code in participants:
                if code not in weights:
                    c.add(f"{where}.key.weights: missing weight for member {code}")
                    ok = False
            return {code: values[code] for code in participants} if ok and members_ok else None
        c.add(f"{where}.key: unknown key {_show(key)} (population, fte, equal or {{\"weights\": …}})")
        return None

    def check_split(where: str, total: Any, weights: dict[str, Fraction] | None) -> None:
        if total is None or weights is None:
            return
        if total > 0 and sum(weights.values(), Fraction(0)) == 0:
            c.add(f"{where}: nothing to share {total} over (no participating member with a positive "
                  "key value and membership fraction)")

    def section(name: str) -> list:
        raw = data.get(name)
        if raw is None:
            return []
        if not isinstance(raw, list):
            c.add(f"{name}: expected a list, got {_show(raw)}")
            return []
        return raw

    # ---------------------------------------------------------------- charges
    for i, ch in enumerate(section("charges")):
        where = _label("charges", i, ch)
        if not isinstance(ch, dict):
            c.add(f"{where}: expected an object, got {_show(ch)}")
            continue
        check_id(ch, where)
        kind = ch.get("kind")
        if kind not in CHARGE_KINDS:
            c.add(f"{where}.kind: unknown kind {_show(kind)} (one of " + ", ".join(CHARGE_KINDS) + ")")
            continue
        subset, subset_ok = check_subset(ch, where)
        active = [code for code in subset if fractions.get(code, Fraction(0)) > 0] if can_compute else []
        if kind in _RATE_FIELDS:
            amount = c.money(ch, _RATE_FIELDS[kind], where)
        if kind == "equal_share":
            if can_compute and subset_ok:
                check_split(where, amount, {code: fractions[code] for code in active})
        elif kind == "keyed_share":
            keys = check_key(ch, where, active, subset_ok and can_compute)
            if keys is not None and can_compute and subset_ok:
                check_split(where, amount, {code: keys[code] * fractions[code] for code in active})
        elif kind in ("per_inhabitant", "per_fte"):
            attr = "population" if kind == "per_inhabitant" else "fte"
            for code in active:
                if members[code].get(attr) is None:
                    c.add(f"{where}: member {code} has no {attr}")
        elif kind == "orders":
            prices = ch.get("unit_prices")
            if not isinstance(prices, dict):
                c.add(f"{where}.unit_prices: " + ("missing" if prices is None else
                                                  f"expected an object of item → price, got {_show(prices)}"))
                prices = {}
            for item, price in prices.items():
                c.money_value(price, f"{where}.unit_prices.{item}", "unit price")
            quantities = ch.get("quantities")
            if not isinstance(quantities, dict):
                c.add(f"{where}.quantities: " + ("missing" if quantities is None else
                                                 f"expected an object of member → items, got {_show(quantities)}"))
                quantities = {}
            for code, items in quantities.items():
                if code not in members:
                    c.add(f"{where}.quantities: unknown member {code}")
                elif subset_ok and code not in subset:
                    c.add(f"{where}.quantities: member {code} is not among the charge's members")
                if not isinstance(items, dict):
                    c.add(f"{where}.quantities.{code}: expected an object of item → quantity, got {_show(items)}")
                    continue
                for item, qty in items.items():
                    if item not in prices:
                        c.add(f"{where}.quantities.{code}: unknown item {item!r} (no unit price)")
                    c.quantity(qty, f"{where}.quantities.{code}.{item}", "quantity")

    # ------------------------------------------------------------- host costs
    for i, hc in enumerate(section("host_costs")):
        where = _label("host_costs", i, hc)
        if not isinstance(hc, dict):
            c.add(f"{where}: expected an object, got {_show(hc)}")
            continue
        check_id(hc, where)
        host = hc.get("host")
        if host is None:
            c.add(f"{where}.host: missing")
        elif not isinstance(host, str) or host not in members:
            c.add(f"{where}.host: unknown member {host if isinstance(host, str) else _show(host)}")
        total = c.money(hc, "total", where)
        subset, subset_ok = check_subset(hc, where)
        active = [code for code in subset if fractions.get(code, Fraction(0)) > 0] if can_compute else []
        keys = check_key(hc, where, active, subset_ok and can_compute)
        if keys is not None and can_compute and subset_ok:
            check_split(where, total, {code: keys[code] * fractions[code] for code in active})

    # --------------------------------------------------------------- projects
    for i, pr in enumerate(section("projects")):
        where = _label("projects", i, pr)
        if not isinstance(pr, dict):
            c.add(f"{where}: expected an object, got {_show(pr)}")
            continue
        check_id(pr, where)
        if pr.get("members") is not None:
            c.add(f"{where}.members: not used by projects; the participants are the members listed in hours")
        rate = c.money(pr, "hourly_rate", where)
        hours = pr.get("hours")
        participants: list[str] = []
        hours_ok = True
        if not isinstance(hours, dict):
            c.add(f"{where}.hours: " + ("missing" if hours is None else
                                        f"expected an object of member → hours, got {_show(hours)}"))
            hours, hours_ok = {}, False
        value = Fraction(0)
        for code, h in hours.items():
            if code not in members:
                c.add(f"{where}.hours: unknown member {code}")
                hours_ok = False
            if c.quantity(h, f"{where}.hours.{code}", "hours", two_decimals=True) is None:
                hours_ok = False
            elif code in members:
                participants.append(code)
                if rate is not None:
                    value += round_half_up(kr_to_ore(rate) * Fraction(h))
        keys = check_key(pr, where, participants, hours_ok)
        if keys is not None and hours_ok and rate is not None and value > 0 and sum(keys.values()) == 0:
            c.add(f"{where}: nothing to share the project value over (all participants have key value 0)")
    return c.problems
