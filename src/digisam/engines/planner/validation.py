"""Validation of ``digisam.plan-instance/1`` documents.

:func:`validate_instance_data` checks a parsed JSON document against every rule of the
spec and collects *all* problems; :class:`InstanceError` carries them, each message naming
the rule and the row, e.g.
``contracts[4] (municipality 740, category omsorg): expires 2026-05 is before start 2027-01``.

Readings where the spec is silent (documented in docs/planner.md):

* numbers must be JSON numbers (booleans are not numbers); month counts (H, K, L, D, X, Y)
  must be whole numbers; ``framework_months`` must be at least 1 and ``horizon_months``
  at least 1;
* discount tiers may be listed in any order, but their ``min_population`` values must be
  distinct and the smallest must be 0;
* a contract's window is only checked for in-scope contracts (E < H); a contract beyond
  the horizon is not planned, so its window does not matter.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from .model import month_index, parse_month

INSTANCE_FORMAT = "digisam.plan-instance/1"


class InstanceError(ValueError):
    """An instance document breaks one or more rules; ``problems`` lists them all."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        super().__init__("invalid instance:\n" + "\n".join(f"  - {p}" for p in self.problems))


def _show(value: Any) -> str:
    """A number as the user wrote it (exact decimals come back from Fractions)."""
    if isinstance(value, Fraction):
        if value.denominator == 1:
            return str(value.numerator)
        return repr(float(value))
    return str(value)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float | Fraction) and not isinstance(value, bool)


def _is_whole(value: Any) -> bool:
    return _is_number(value) and Fraction(value).denominator == 1


class _Checker:
    def __init__(self) -> None:
        self.problems: list[str] = []

    def add(self, message: str) -> None:
        self.problems.append(message)

    def field(self, row: dict, name: str, where: str) -> Any:
        if name not in row:
            self.add(f"{where}: missing field '{name}'")
            return None
        return row[name]

    def string(self, row: dict, name: str, where: str) -> str | None:
        value = self.field(row, name, where)
        if value is None:
            return None
        if not isinstance(value, str) or not value:
            self.add(f"{where}: '{name}' must be a non-empty string, got {value!r}")
            return None
        return value

    def number(self, row: dict, name: str, where: str, *, whole: bool = False, minimum: int = 0) -> Any:
        value = self.field(row, name, where)
        if value is None:
            return None
        if not _is_number(value):
            self.add(f"{where}: '{name}' must be a number, got {value!r}")
            return None
        if whole and not _is_whole(value):
            self.add(f"{where}: '{name}' must be a whole number of months, got {_show(value)}")
            return None
        if value < minimum:
            if minimum == 0:
                self.add(f"{where}: '{name}' is negative ({_show(value)})")
            else:
                self.add(f"{where}: '{name}' must be at least {minimum}, got {_show(value)}")
            return None
        return value

    def month(self, row: dict, name: str, where: str, *, optional: bool = False) -> str | None:
        if optional and row.get(name) is None:
            return None
        value = self.field(row, name, where)
        if value is None:
            return None
        try:
            parse_month(value)
        except ValueError:
            self.add(f"{where}: '{name}' is not a valid 'YYYY-MM' month: {value!r}")
            return None
        return value


def validate_instance_data(data: Any) -> None:
    """Raise :class:`InstanceError` listing every rule ``data`` breaks; return None when valid."""
    check = _Checker()
    if not isinstance(data, dict):
        raise InstanceError(["document: must be a JSON object"])
    fmt = data.get("format")
    if fmt != INSTANCE_FORMAT:
        check.add(f"document: 'format' must be '{INSTANCE_FORMAT}', got {fmt!r}")
    start = check.month(data, "start", "document")
    horizon = check.number(data, "horizon_months", "document", whole=True, minimum=1)
    check.number(data, "max_parallel_joint_tenders", "document", whole=True)
    if "individual_rationality" in data and not isinstance(data["individual_rationality"], bool):
        check.add(
            f"document: 'individual_rationality' must be true or false, got {data['individual_rationality']!r}"
        )

    municipalities: dict[str, Any] = {}
    rows = check.field(data, "municipalities", "document")
    if rows is not None and not isinstance(rows, list):
        check.add("document: 'municipalities' must be a list")
        rows = None
    for i, row in enumerate(rows or []):
        where = f"municipalities[{i}]"
        if not isinstance(row, dict):
            check.add(f"{where}: must be an object")
            continue
        code = check.string(row, "code", where)
        if code is not None:
            where = f"municipalities[{i}] (code {code})"
        check.string(row, "name", where)
        population = check.number(row, "population", where)
        if code is not None:
            if code in municipalities:
                check.add(f"{where}: duplicate municipality code {code}")
            else:
                municipalities[code] = population

    categories: set[str] = set()
    timing: dict[str, tuple[int, int]] = {}  # category id -> (L, D), when both are valid
    rows = check.field(data, "categories", "document")
    if rows is not None and not isinstance(rows, list):
        check.add("document: 'categories' must be a list")
        rows = None
    for i, row in enumerate(rows or []):
        where = f"categories[{i}]"
        if not isinstance(row, dict):
            check.add(f"{where}: must be an object")
            continue
        cid = check.string(row, "id", where)
        if cid is not None:
            where = f"categories[{i}] (id {cid})"
            if cid in categories:
                check.add(f"{where}: duplicate category id {cid}")
            categories.add(cid)
        check.string(row, "name", where)
        for name in (
            "price_per_inhabitant_year",
            "tender_fixed_cost",
            "tender_cost_per_participant",
            "harmonisation_saving_per_participant_year",
        ):
            check.number(row, name, where)
        preparation = check.number(row, "preparation_months", where, whole=True)
        framework = check.number(row, "framework_months", where, whole=True, minimum=1)
        if cid is not None and preparation is not None and framework is not None:
            timing[cid] = (int(preparation), int(framework))
        tiers = check.field(row, "discount_tiers", where)
        if tiers is None:
            continue
        if not isinstance(tiers, list) or not tiers:
            check.add(f"{where}: 'discount_tiers' must be a non-empty list starting at min_population 0")
            continue
        seen: set[Fraction] = set()
        for j, tier in enumerate(tiers):
            tier_where = f"{where} discount_tiers[{j}]"
            if not isinstance(tier, dict):
                check.add(f"{tier_where}: must be an object")
                continue
            minimum = check.number(tier, "min_population", tier_where)
            discount = check.number(tier, "discount", tier_where)
            if discount is not None and not (0 <= discount < 1):
                check.add(f"{tier_where}: discount {_show(discount)} is outside [0, 1)")
            if minimum is not None:
                if Fraction(minimum) in seen:
                    check.add(f"{tier_where}: duplicate min_population {_show(minimum)}")
                seen.add(Fraction(minimum))
        if seen and min(seen) != 0:
            check.add(f"{where}: discount tiers do not start at population 0 (lowest is {_show(min(seen))})")

    keys: dict[tuple[str, str], int] = {}
    # (municipality, category) -> (in scope, opt_out, lo, hi); lo/hi None when unknown
    planned: dict[tuple[str, str], tuple[bool, bool, int | None, int | None]] = {}
    rows = check.field(data, "contracts", "document")
    if rows is not None and not isinstance(rows, list):
        check.add("document: 'contracts' must be a list")
        rows = None
    for i, row in enumerate(rows or []):
        where = f"contracts[{i}]"
        if not isinstance(row, dict):
            check.add(f"{where}: must be an object")
            continue
        mun = row.get("municipality")
        cat = row.get("category")
        where = f"contracts[{i}] (municipality {mun}, category {cat})"
        mun = check.string(row, "municipality", where)
        cat = check.string(row, "category", where)
        if mun is not None and mun not in municipalities:
            check.add(f"{where}: unknown municipality {mun}")
        if cat is not None and cat not in categories:
            check.add(f"{where}: unknown category {cat}")
        if mun is not None and cat is not None:
            if (mun, cat) in keys:
                check.add(
                    f"{where}: duplicate (municipality {mun}, category {cat}), already contracts[{keys[(mun, cat)]}]"
                )
            else:
                keys[(mun, cat)] = i
        if "product" in row and not isinstance(row["product"], str):
            check.add(f"{where}: 'product' must be a string, got {row['product']!r}")
        check.number(row, "annual_cost", where)
        check.number(row, "extension_uplift", where)
        check.number(row, "early_exit_fee", where)
        extension = check.number(row, "max_extension_months", where, whole=True)
        early = check.number(row, "early_exit_months", where, whole=True)
        if "opt_out" in row and not isinstance(row["opt_out"], bool):
            check.add(f"{where}: 'opt_out' must be true or false, got {row['opt_out']!r}")
        expires = check.month(row, "expires", where)
        earliest = check.month(row, "earliest_start", where, optional=True)
        opt_out = row.get("opt_out") is True
        key = (mun, cat) if mun is not None and cat is not None else None
        if start is None or expires is None:
            continue
        e = month_index(expires, start)
        if e < 0:
            check.add(f"{where}: expires {expires} is before start {start}")
            continue
        if key is not None and horizon is not None and key not in planned:
            planned[key] = (e < horizon, opt_out, None, None)
        if horizon is None or extension is None or early is None or e >= horizon:
            continue
        lo = max(e - int(early), 0)
        if earliest is not None:
            lo = max(lo, month_index(earliest, start))
        hi = min(e + int(extension), int(horizon) - 1)
        if lo > hi:
            check.add(
                f"{where}: empty window of new-contract starts (lo month {lo} > hi month {hi}; "
                f"expires {expires}, earliest_start {earliest})"
            )
        elif key is not None and keys.get(key) == i:
            planned[key] = (True, opt_out, lo, hi)
    if "must_tender_together" in data:
        _check_groups(check, data["must_tender_together"], municipalities, categories, timing, planned)
    if check.problems:
        raise InstanceError(check.problems)


def _check_groups(
    check: _Checker,
    rows: Any,
    municipalities: dict[str, Any],
    categories: set[str],
    timing: dict[str, tuple[int, int]],
    planned: dict[tuple[str, str], tuple[bool, bool, int | None, int | None]],
) -> None:
    """``must_tender_together`` (a digisam extension, see docs/planner.md).

    Each row ``{"category": id, "municipalities": [code, …]}`` names at least two members whose
    in-scope, not opted-out contracts in that category must be in one joint tender; a
    municipality is in at most one group per category; the members' windows must allow one
    joint tender: some ``s ≥ L`` with every member's ``[lo, hi] ∩ [s, s + D − 1]`` non-empty.
    """
    if rows is None:
        return
    if not isinstance(rows, list):
        check.add("document: 'must_tender_together' must be a list of groups")
        return
    member_of: dict[tuple[str, str], int] = {}
    for g, row in enumerate(rows):
        where = f"must_tender_together[{g}]"
        if not isinstance(row, dict):
            check.add(f"{where}: must be an object with 'category' and 'municipalities'")
            continue
        cat = row.get("category")
        codes = row.get("municipalities")
        if not isinstance(codes, list) or not all(isinstance(c, str) and c for c in codes):
            check.add(f"{where} (category {cat}): 'municipalities' must be a list of municipality codes")
            codes = None
        if codes is not None:
            where = f"must_tender_together[{g}] (category {cat}: {', '.join(codes)})"
        if not isinstance(cat, str) or not cat:
            check.add(f"{where}: missing string 'category'")
            continue
        if codes is None:
            continue
        if cat not in categories:
            check.add(f"{where}: unknown category {cat}")
        distinct = list(dict.fromkeys(codes))
        if len(distinct) < len(codes):
            repeated = sorted({c for c in codes if codes.count(c) > 1})
            check.add(f"{where}: municipality listed more than once ({', '.join(repeated)})")
        if len(distinct) < 2:
            check.add(f"{where}: a group needs at least 2 municipalities, got {len(distinct)}")
        usable = True
        windows: list[tuple[int, int]] = []
        for code in distinct:
            if code not in municipalities:
                check.add(f"{where}: unknown municipality {code}")
                usable = False
                continue
            if (code, cat) in member_of:
                check.add(
                    f"{where}: municipality {code} is already in must_tender_together[{member_of[(code, cat)]}] "
                    f"for category {cat}; a municipality may be in one group per category"
                )
            else:
                member_of[(code, cat)] = g
            if cat not in categories:
                usable = False
                continue
            info = planned.get((code, cat))
            if info is None:
                check.add(f"{where}: municipality {code} has no contract in category {cat}")
                usable = False
                continue
            in_scope, opt_out, lo, hi = info
            if not in_scope:
                check.add(
                    f"{where}: the contract of municipality {code} in category {cat} expires beyond the horizon; "
                    "it is not planned"
                )
                usable = False
                continue
            if opt_out:
                check.add(f"{where}: municipality {code} has opted out of joint tenders in category {cat} (opt_out)")
                usable = False
            if lo is None or hi is None:
                usable = False
            else:
                windows.append((lo, hi))
        if not usable or len(distinct) < 2 or cat not in timing:
            continue
        L, D = timing[cat]
        first = max([L] + [lo - D + 1 for lo, _ in windows])
        last = min(hi for _, hi in windows)
        if first > last:
            check.add(
                f"{where}: infeasible group: the members' windows cannot share one joint tender "
                f"(no start s >= L={L} gives every member a contract start in its window and in s..s+D-1, D={D})"
            )
