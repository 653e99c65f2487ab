"""Property tests of the settlement engine (hypothesis)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from digisam.engines.economy import (
    COLLABORATION,
    ScenarioError,
    dumps_scenario,
    largest_remainder,
    loads_scenario,
    net_transfers,
    parse_scenario,
    scenario_problems,
    settle,
)

CODES = ["101", "147", "151", "157", "165", "173", "185", "1081"]
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

money = st.decimals(min_value=0, max_value=2_000_000, places=2, allow_nan=False, allow_infinity=False)
hours = st.decimals(min_value=0, max_value=5_000, places=2, allow_nan=False, allow_infinity=False)
days_2027 = st.integers(min_value=0, max_value=364).map(lambda n: date(2027, 1, 1) + timedelta(days=n))


@st.composite
def members_strategy(draw):
    codes = draw(st.lists(st.sampled_from(CODES), min_size=1, max_size=6, unique=True))
    out = []
    for i, code in enumerate(codes):
        if i == 0:  # one full member with positive keys, so every split has someone to go to
            start, end = "2000-01-01", None
            population = draw(st.integers(1, 1_000_000))
            fte = draw(st.decimals(min_value=1, max_value=50_000, places=2))
        else:
            start_d = draw(st.one_of(st.none(), days_2027, st.sampled_from([date(2026, 6, 1), date(2028, 1, 1)])))
            end_d = draw(st.one_of(st.none(), days_2027))
            if start_d and end_d and end_d < start_d:
                start_d, end_d = end_d, start_d
            start = start_d.isoformat() if start_d else None
            end = end_d.isoformat() if end_d else None
            population = draw(st.integers(0, 1_000_000))
            fte = draw(st.decimals(min_value=0, max_value=50_000, places=2))
        out.append({"code": code, "name": f"K{code}", "population": population, "fte": fte,
                    "member_from": start, "member_to": end})
    return out


@st.composite
def key_strategy(draw, codes):
    kind = draw(st.sampled_from(["population", "fte", "equal", "weights"]))
    if kind != "weights":
        return kind
    weights = {c: draw(st.integers(0, 50)) for c in codes}
    weights[codes[0]] = draw(st.integers(1, 50))
    return {"weights": weights}


@st.composite
def subset_strategy(draw, codes):
    if draw(st.booleans()):
        return None
    rest = draw(st.lists(st.sampled_from(codes[1:]), unique=True)) if len(codes) > 1 else []
    return [codes[0], *rest]


@st.composite
def scenario_strategy(draw):
    members = draw(members_strategy())
    codes = [m["code"] for m in members]
    charges = []
    for i in range(draw(st.integers(0, 5))):
        kind = draw(st.sampled_from(["equal_share", "keyed_share", "per_inhabitant", "per_fte",
                                     "fixed_per_member", "orders"]))
        ch = {"id": f"c{i}", "kind": kind}
        subset = draw(subset_strategy(codes))
        if subset is not None:
            ch["members"] = subset
        if kind in ("equal_share", "keyed_share"):
            ch["total"] = draw(money)
        if kind == "keyed_share":
            ch["key"] = draw(key_strategy(codes))
        if kind in ("per_inhabitant", "per_fte"):
            ch["rate"] = draw(st.decimals(min_value=0, max_value=2000, places=2))
        if kind == "fixed_per_member":
            ch["amount"] = draw(money)
        if kind == "orders":
            ch["unit_prices"] = {"a": draw(money), "b": draw(money)}
            buyers = subset if subset is not None else codes
            ch["quantities"] = {c: {"a": draw(st.integers(0, 500)),
                                    "b": draw(st.decimals(min_value=0, max_value=50, places=3))}
                                for c in draw(st.lists(st.sampled_from(buyers), unique=True))}
        charges.append(ch)
    host_costs = []
    for i in range(draw(st.integers(0, 2))):
        hc = {"id": f"h{i}", "host": draw(st.sampled_from(codes)), "total": draw(money),
              "key": draw(key_strategy(codes))}
        subset = draw(subset_strategy(codes))
        if subset is not None:
            hc["members"] = subset
        host_costs.append(hc)
    projects = []
    for i in range(draw(st.integers(0, 2))):
        who = draw(subset_strategy(codes)) or codes
        projects.append({"id": f"p{i}", "hourly_rate": draw(st.decimals(min_value=0, max_value=2000, places=2)),
                         "key": draw(key_strategy(codes)), "hours": {c: draw(hours) for c in who}})
    return {"format": "digisam.settlement-scenario/1", "year": 2027,
            "proration": draw(st.sampled_from(["none", "half-year", "month", "day"])),
            "members": members, "charges": charges, "host_costs": host_costs, "projects": projects,
            "settlement": draw(st.sampled_from(["net_transfers", "via_collaboration"]))}


def ore(value) -> int:
    return int(Decimal(value) * 100)


@FAST
@given(scenario_strategy())
def test_every_shared_total_is_split_exactly_and_every_balance_line_sums_to_zero(doc):
    assert scenario_problems(doc) == []
    statement = settle(parse_scenario(doc))
    by_id: dict[str, list[tuple[str, int]]] = {}
    for ms in statement.members:
        for line in ms.lines:
            by_id.setdefault(line.id, []).append((ms.code, line.amount_ore))
    for ch in doc["charges"]:
        if ch["kind"] in ("equal_share", "keyed_share"):
            assert sum(a for _, a in by_id[ch["id"]]) == -ore(ch["total"])
        assert all(a <= 0 for _, a in by_id.get(ch["id"], []))
    for hc in doc["host_costs"]:
        lines = dict(by_id[hc["id"]])
        assert sum(lines.values()) == 0
        # the host is owed total − its own share; every other member owes its share
        assert 0 <= lines[hc["host"]] <= ore(hc["total"])
        assert all(a <= 0 for c, a in lines.items() if c != hc["host"])
    for pr in doc["projects"]:
        assert sum(a for _, a in by_id[pr["id"]]) == 0
        assert {c for c, _ in by_id[pr["id"]]} == set(pr["hours"])


@FAST
@given(scenario_strategy())
def test_nets_including_the_collaboration_sum_to_zero_and_transfers_clear_them(doc):
    statement = settle(parse_scenario(doc))
    for ms in statement.members:
        assert ms.net == ms.balance - ms.charges
        assert ms.charges == -sum(line.amount_ore for line in ms.lines if line.section == "charge")
    assert statement.collaboration_net == sum(ms.charges for ms in statement.members)
    nets = statement.nets()
    assert sum(nets.values()) == 0
    parties = len(statement.members) + 1
    assert len(statement.transfers) <= parties - 1
    left = dict(nets)
    for t in statement.transfers:
        assert isinstance(t.amount_ore, int) and t.amount_ore > 0
        assert t.from_party != t.to_party
        left[t.from_party] += t.amount_ore
        left[t.to_party] -= t.amount_ore
    assert set(left.values()) <= {0}


@FAST
@given(scenario_strategy())
def test_a_scenario_survives_a_json_round_trip_with_the_same_statement(doc):
    scenario = parse_scenario(doc)
    again = loads_scenario(dumps_scenario(scenario))
    assert settle(again) == settle(scenario)


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 10**9), st.lists(st.integers(0, 10**6), min_size=1, max_size=8))
def test_largest_remainder_parts_sum_to_the_total_and_stay_within_one_ore(total, weights):
    named = {f"{i:03d}": Fraction(w) for i, w in enumerate(weights)}
    if sum(weights) == 0:
        named["999"] = Fraction(1)
    parts = largest_remainder(total, named)
    assert sum(parts.values()) == total
    weight_sum = sum(named.values())
    for code, w in named.items():
        assert abs(parts[code] - Fraction(total) * w / weight_sum) < 1


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(-10**7, 10**7), min_size=1, max_size=9))
def test_net_transfers_need_at_most_parties_minus_one_and_clear_every_net(values):
    nets = {f"{100 + i}": v for i, v in enumerate(values)}
    nets[COLLABORATION] = -sum(values)
    transfers = net_transfers(nets)
    assert len(transfers) <= len(nets) - 1
    left = dict(nets)
    for t in transfers:
        left[t.from_party] += t.amount_ore
        left[t.to_party] -= t.amount_ore
    assert all(v == 0 for v in left.values())


@settings(max_examples=150, deadline=None)
@given(st.integers(0, 183), money, st.booleans())
def test_half_year_proration_charges_a_member_joining_from_1_july_exactly_half_a_year(offset, amount, before):
    # offset 0 is 1 July itself: membership from 1 July overlaps only the second half-year.
    joined = date(2027, 7, 1) + timedelta(days=offset)
    early = date(2027, 6, 30) - timedelta(days=offset)  # on or before 30 June: both halves
    doc = {"format": "digisam.settlement-scenario/1", "year": 2027, "proration": "half-year",
           "members": [{"code": "165", "member_from": (early if before else joined).isoformat()}],
           "charges": [{"id": "os2", "kind": "fixed_per_member", "amount": amount}],
           "settlement": "via_collaboration"}
    statement = settle(parse_scenario(doc))
    ms = statement.member("165")
    if before:
        assert ms.fraction == 1 and ms.charges == ore(amount)
    else:
        assert ms.fraction == Fraction(1, 2)
        assert ms.charges == (ore(amount) + 1) // 2  # half up


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-10, 10**6) | st.text(max_size=5)
    | st.decimals(min_value=-1000, max_value=1000, places=3),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(CODES + ["x", "weights"]),
                                                                  inner, max_size=3),
    max_leaves=6,
)


def _paths(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _paths(v, (*prefix, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _paths(v, (*prefix, i))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenario_strategy(), st.data())
def test_a_damaged_scenario_is_either_reported_or_settled_but_never_crashes(doc, data):
    path = data.draw(st.sampled_from(list(_paths(doc))[1:]))
    target = doc
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = data.draw(json_values)
    problems = scenario_problems(doc)
    assert all(isinstance(p, str) and p for p in problems)
    if problems:
        try:
            parse_scenario(doc)
        except ScenarioError as exc:
            assert exc.problems == problems
        else:
            raise AssertionError("an invalid scenario was parsed")
    else:
        statement = settle(parse_scenario(doc))
        assert sum(statement.nets().values()) == 0
