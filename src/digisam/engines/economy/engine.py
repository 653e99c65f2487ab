"""The annual settlement: membership fractions, charges, host costs, projects, nets and
transfers, exactly as specified in ``economy-model.md`` (see docs/economy.md).

Everything is computed exactly (``Fraction`` of øre) and rounded to integer øre only once
per line: shared totals by the largest-remainder method (ties to the lowest code), rate
and amount lines half up on their own.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from fractions import Fraction

from .arith import kr_to_ore, largest_remainder, round_half_up
from .model import (
    COLLABORATION,
    Charge,
    EqualShare,
    Explanation,
    FixedPerMember,
    HostCost,
    Key,
    KeyedShare,
    Line,
    Member,
    MemberStatement,
    Orders,
    PerFte,
    PerInhabitant,
    Project,
    Scenario,
    ScenarioError,
    Statement,
    Transfer,
)
from .proration import membership_fraction
from .texts import fmt_approx_kr, fmt_fraction, fmt_kr, fmt_num, fmt_ore, fmt_years

__all__ = [
    "fractions_of",
    "net_transfers",
    "settle",
    "via_collaboration",
]

_UNITS = {"population": "indbyggere", "fte": "årsværk"}


def fractions_of(scenario: Scenario) -> dict[str, Fraction]:
    """Every member's membership fraction f of the scenario year."""
    return {
        m.code: membership_fraction(m.member_from, m.member_to, scenario.year, scenario.proration)
        for m in scenario.members
    }


def _exact(value: Fraction) -> str:
    return str(value)


def _key_text(key: Key, member: Member, k: Fraction) -> str:
    if key.kind in _UNITS:
        return f"{fmt_num(k)} {_UNITS[key.kind]}"
    if key.kind == "weights":
        return f"vægt {fmt_num(k)}"
    return "1 andel"


def _lr_note(exact: Fraction) -> str:
    if exact.denominator == 1:
        return ""
    return f" (præcist ≈ {fmt_approx_kr(exact)}; fordelt efter største-rest-metoden)"


def _half_up_note(exact: Fraction) -> str:
    if exact.denominator == 1:
        return ""
    return f" (præcist ≈ {fmt_approx_kr(exact)}; afrundet halvt op til hele øre)"


def _participants(scenario: Scenario, subset: tuple[str, ...] | None, f: Mapping[str, Fraction]) -> list[Member]:
    """Members taking part in a prorated line: in the subset (default all) with f > 0."""
    chosen = set(subset) if subset is not None else None
    return [m for m in scenario.members if (chosen is None or m.code in chosen) and f[m.code] > 0]


def _shared(total_kr: Decimal, weights: dict[str, Fraction]) -> tuple[dict[str, int], dict[str, Fraction]]:
    """Largest-remainder parts of a total (kr) and the exact quotas (øre) they round."""
    total = kr_to_ore(total_kr)
    assert total.denominator == 1
    parts = largest_remainder(int(total), weights)
    weight_sum = sum(weights.values(), Fraction(0))
    exact = {code: (total * w / weight_sum if weight_sum else Fraction(0)) for code, w in weights.items()}
    return parts, exact


def _charge_lines(
    scenario: Scenario, charge: Charge, f: Mapping[str, Fraction]
) -> dict[str, tuple[int, Explanation]]:
    """The amount (positive øre: owed to the collaboration) per taking-part member."""
    out: dict[str, tuple[int, Explanation]] = {}
    if isinstance(charge, EqualShare | KeyedShare):
        members = _participants(scenario, charge.members, f)
        if isinstance(charge, EqualShare):
            ks = {m.code: Fraction(1) for m in members}
        else:
            ks = {m.code: charge.key.value(m) for m in members}
        weights = {m.code: ks[m.code] * f[m.code] for m in members}
        weight_sum = sum(weights.values(), Fraction(0))
        parts, exact = _shared(charge.total, weights)
        for m in members:
            share = weights[m.code] / weight_sum if weight_sum else Fraction(0)
            if isinstance(charge, EqualShare):
                detail = (f"{fmt_kr(charge.total)} × {fmt_years(f[m.code])} / {fmt_years(weight_sum)} i alt"
                          if any(f[x.code] != 1 for x in members) else "")
            else:
                detail = (f"{fmt_kr(charge.total)} × ({_key_text(charge.key, m, ks[m.code])} × "
                          f"{fmt_years(f[m.code])}) / {fmt_num(weight_sum)} i alt")
            text = f"{fmt_kr(charge.total)} × {fmt_fraction(share)}"
            if detail:
                text = f"{detail} = {text}"
            text += f" = {fmt_ore(parts[m.code])}{_lr_note(exact[m.code])}"
            numbers = {"total_kr": str(charge.total), "f": _exact(f[m.code]), "weight": _exact(weights[m.code]),
                       "weight_sum": _exact(weight_sum), "share": _exact(share),
                       "exact_ore": _exact(exact[m.code]), "amount_ore": str(parts[m.code])}
            if isinstance(charge, KeyedShare):
                numbers["key"] = charge.key.kind
                numbers["k"] = _exact(ks[m.code])
            out[m.code] = (parts[m.code], Explanation(charge.kind, text, numbers))
        return out
    if isinstance(charge, PerInhabitant | PerFte):
        for m in _participants(scenario, charge.members, f):
            if isinstance(charge, PerInhabitant):
                if m.population is None:
                    raise ScenarioError([f"{charge.id}: member {m.code} has no population"])
                qty, unit = Fraction(m.population), "indbyggere"
            else:
                if m.fte is None:
                    raise ScenarioError([f"{charge.id}: member {m.code} has no fte"])
                qty, unit = Fraction(m.fte), "årsværk"
            exact = kr_to_ore(charge.rate) * qty * f[m.code]
            amount = round_half_up(exact)
            text = (f"{fmt_kr(charge.rate)} × {fmt_num(qty)} {unit} × {fmt_years(f[m.code])} = "
                    f"{fmt_ore(amount)}{_half_up_note(exact)}")
            numbers = {"rate_kr": str(charge.rate), "quantity": _exact(qty), "unit": unit,
                       "f": _exact(f[m.code]), "exact_ore": _exact(exact), "amount_ore": str(amount)}
            out[m.code] = (amount, Explanation(charge.kind, text, numbers))
        return out
    if isinstance(charge, FixedPerMember):
        for m in _participants(scenario, charge.members, f):
            exact = kr_to_ore(charge.amount) * f[m.code]
            amount = round_half_up(exact)
            text = f"{fmt_kr(charge.amount)} × {fmt_years(f[m.code])} = {fmt_ore(amount)}{_half_up_note(exact)}"
            numbers = {"amount_kr": str(charge.amount), "f": _exact(f[m.code]), "exact_ore": _exact(exact),
                       "amount_ore": str(amount)}
            out[m.code] = (amount, Explanation(charge.kind, text, numbers))
        return out
    if isinstance(charge, Orders):
        # Orders are not prorated: every member with quantities pays for what it ordered.
        for m in scenario.members:
            if m.code not in charge.quantities:
                continue
            items = charge.quantities[m.code]
            exact = sum((kr_to_ore(charge.unit_prices[item]) * Fraction(q) for item, q in items.items()),
                        Fraction(0))
            amount = round_half_up(exact)
            parts = [f"{fmt_num(Fraction(q))} × {item} à {fmt_kr(charge.unit_prices[item])}"
                     for item, q in items.items()]
            text = (" + ".join(parts) or "ingen bestillinger") + f" = {fmt_ore(amount)}{_half_up_note(exact)}"
            numbers = {f"quantity.{item}": str(q) for item, q in items.items()}
            numbers.update({f"unit_price_kr.{item}": str(charge.unit_prices[item]) for item in items})
            numbers.update({"exact_ore": _exact(exact), "amount_ore": str(amount)})
            out[m.code] = (amount, Explanation(charge.kind, text, numbers))
        return out
    raise ScenarioError([f"{getattr(charge, 'id', '?')}: unknown kind {getattr(charge, 'kind', '?')!r}"])


def _host_lines(
    scenario: Scenario, cost: HostCost, f: Mapping[str, Fraction]
) -> dict[str, tuple[int, Explanation]]:
    """Signed balance lines: the host is owed total − its share, every other member −share."""
    members = _participants(scenario, cost.members, f)
    ks = {m.code: cost.key.value(m) for m in members}
    weights = {m.code: ks[m.code] * f[m.code] for m in members}
    weight_sum = sum(weights.values(), Fraction(0))
    parts, exact = _shared(cost.total, weights)
    total_ore = int(kr_to_ore(cost.total))
    out: dict[str, tuple[int, Explanation]] = {}
    for m in scenario.members:
        if m.code not in parts and m.code != cost.host:
            continue
        share = parts.get(m.code, 0)
        fraction = weights[m.code] / weight_sum if m.code in weights and weight_sum else Fraction(0)
        share_text = (f"{fmt_kr(cost.total)} × ({_key_text(cost.key, m, ks[m.code])} × {fmt_years(f[m.code])})"
                      f" / {fmt_num(weight_sum)} i alt = {fmt_kr(cost.total)} × {fmt_fraction(fraction)} = "
                      f"{fmt_ore(share)}{_lr_note(exact[m.code])}") if m.code in parts else "ingen andel"
        numbers = {"total_kr": str(cost.total), "host": cost.host, "key": cost.key.kind,
                   "f": _exact(f[m.code]), "share": _exact(fraction), "share_ore": str(share)}
        if m.code in parts:
            numbers.update({"k": _exact(ks[m.code]), "weight": _exact(weights[m.code]),
                            "weight_sum": _exact(weight_sum), "exact_share_ore": _exact(exact[m.code])})
        if m.code == cost.host:
            amount = total_ore - share
            text = (f"Afholdt {fmt_kr(cost.total)} som vært − egen andel ({share_text}) "
                    f"= {fmt_ore(amount)} til gode")
        else:
            amount = -share
            text = f"Andel af {fmt_kr(cost.total)} afholdt af {cost.host}: {share_text}, skyldes værten"
        numbers["amount_ore"] = str(amount)
        out[m.code] = (amount, Explanation("host_cost", text, numbers))
    return out


def _project_lines(scenario: Scenario, project: Project) -> dict[str, tuple[int, Explanation]]:
    """Signed balance lines: contribution − obligation per participant (no proration)."""
    members = [m for m in scenario.members if m.code in project.hours]
    rate = kr_to_ore(project.hourly_rate)
    exact_contrib = {m.code: rate * Fraction(project.hours[m.code]) for m in members}
    contrib = {code: round_half_up(x) for code, x in exact_contrib.items()}
    value = sum(contrib.values())
    ks = {m.code: project.key.value(m) for m in members}
    key_sum = sum(ks.values(), Fraction(0))
    obligations = largest_remainder(value, ks)
    out: dict[str, tuple[int, Explanation]] = {}
    for m in members:
        share = ks[m.code] / key_sum if key_sum else Fraction(0)
        amount = contrib[m.code] - obligations[m.code]
        exact_obl = Fraction(value) * share
        text = (f"Bidrag {fmt_num(Fraction(project.hours[m.code]))} timer × {fmt_kr(project.hourly_rate)} = "
                f"{fmt_ore(contrib[m.code])}{_half_up_note(exact_contrib[m.code])} − forpligtelse "
                f"{fmt_ore(value)} × {_key_text(project.key, m, ks[m.code])} / {fmt_num(key_sum)} i alt = "
                f"{fmt_ore(obligations[m.code])}{_lr_note(exact_obl)} ⇒ {fmt_ore(amount)}")
        numbers = {"hours": str(project.hours[m.code]), "hourly_rate_kr": str(project.hourly_rate),
                   "contribution_ore": str(contrib[m.code]), "value_ore": str(value), "key": project.key.kind,
                   "k": _exact(ks[m.code]), "key_sum": _exact(key_sum), "share": _exact(share),
                   "exact_obligation_ore": _exact(exact_obl), "obligation_ore": str(obligations[m.code]),
                   "amount_ore": str(amount)}
        out[m.code] = (amount, Explanation("project", text, numbers))
    return out


def _party_order(code: str) -> tuple[bool, str]:
    """Ties by code (plain string order), the collaboration last."""
    return (code == COLLABORATION, code)


def net_transfers(nets: Mapping[str, int]) -> list[Transfer]:
    """Repeatedly the party that owes most pays the party that is owed most the smaller of
    the two amounts (ties by code, the collaboration last). The nets must sum to zero.

    Each transfer clears at least one party, so there are at most parties − 1 of them.
    """
    if sum(nets.values()) != 0:
        raise ValueError("nets do not sum to zero")
    left = dict(nets)
    transfers: list[Transfer] = []
    while True:
        debtors = [p for p, n in left.items() if n < 0]
        creditors = [p for p, n in left.items() if n > 0]
        if not debtors:
            break
        payer = min(debtors, key=lambda p: (left[p], _party_order(p)))
        payee = min(creditors, key=lambda p: (-left[p], _party_order(p)))
        amount = min(-left[payer], left[payee])
        transfers.append(Transfer(payer, payee, amount))
        left[payer] += amount
        left[payee] -= amount
    return transfers


def via_collaboration(nets: Mapping[str, int]) -> list[Transfer]:
    """One payment of |N| per member to or from the collaboration (members with N = 0 make
    none), in member-code order."""
    transfers: list[Transfer] = []
    for code in sorted(nets):
        if code == COLLABORATION:
            continue
        n = nets[code]
        if n < 0:
            transfers.append(Transfer(code, COLLABORATION, -n))
        elif n > 0:
            transfers.append(Transfer(COLLABORATION, code, n))
    return transfers


def _check(scenario: Scenario) -> None:
    # Imported here: validation works on raw documents; scenario_to_dict makes one.
    from .io import scenario_to_dict
    from .validation import scenario_problems

    problems = scenario_problems(scenario_to_dict(scenario))
    if problems:
        raise ScenarioError(problems)


def settle(scenario: Scenario, *, validate: bool = True) -> Statement:
    """Compute the annual statement of a scenario.

    Raises :class:`ScenarioError` (with every problem) when the scenario is invalid.
    """
    if validate:
        _check(scenario)
    f = fractions_of(scenario)
    lines: dict[str, list[Line]] = {m.code: [] for m in scenario.members}

    def add(section: str, kind: str, ident: str, amounts: Mapping[str, tuple[int, Explanation]],
            sign: int) -> None:
        for code, (amount, explanation) in amounts.items():
            lines[code].append(Line(ident, section, kind, sign * amount, explanation))

    for charge in scenario.charges:
        add("charge", charge.kind, charge.id, _charge_lines(scenario, charge, f), -1)
    for cost in scenario.host_costs:
        add("host_cost", "host_cost", cost.id, _host_lines(scenario, cost, f), 1)
    for project in scenario.projects:
        add("project", "project", project.id, _project_lines(scenario, project), 1)

    statements: list[MemberStatement] = []
    for m in sorted(scenario.members, key=lambda x: x.code):
        own = lines[m.code]
        charges = -sum(line.amount_ore for line in own if line.section == "charge")
        balance = sum(line.amount_ore for line in own if line.section != "charge")
        statements.append(MemberStatement(m.code, m.name, f[m.code], tuple(own), charges, balance,
                                          balance - charges))
    collaboration_net = sum(s.charges for s in statements)
    nets = {s.code: s.net for s in statements}
    nets[COLLABORATION] = collaboration_net
    if scenario.settlement == "via_collaboration":
        transfers = via_collaboration(nets)
    else:
        transfers = net_transfers(nets)
    return Statement(scenario.year, scenario.settlement, tuple(statements), collaboration_net, tuple(transfers))


def _party(code: str, names: Mapping[str, str] | None = None) -> str:
    """A party as a person reads it: the member's name with its code, or "samarbejdet"."""
    if code == COLLABORATION:
        return "samarbejdet"
    name = (names or {}).get(code)
    return f"{name} ({code})" if name else code


def explain_text(statement: Statement, member: str | None = None) -> str:
    """A Danish, human-readable account of the statement (one member or all), each line
    with its explanation in words and numbers."""
    out: list[str] = [f"Årsopgørelse {statement.year} (afregning: {statement.settlement})", ""]
    chosen: Iterable[MemberStatement] = (
        [statement.member(member)] if member is not None else statement.members
    )
    for ms in chosen:
        title = f"{ms.code} {ms.name}".strip()
        shown = fmt_fraction(ms.fraction)
        if shown != str(ms.fraction):
            shown += f" ({ms.fraction})"
        out.append(f"{title} — andel af året: {shown}")
        if not ms.lines:
            out.append("  ingen linjer")
        for line in ms.lines:
            out.append(f"  {line.id} ({line.kind}): {fmt_ore(line.amount_ore)}")
            out.append(f"      {line.explanation.text}")
        out.append(f"  Opkrævninger i alt (C): {fmt_ore(ms.charges)}")
        out.append(f"  Saldo for værtsudgifter og projekter (B): {fmt_ore(ms.balance)}")
        verdict = "betaler" if ms.net < 0 else ("modtager" if ms.net > 0 else "går lige op")
        out.append(f"  Netto (N = B − C): {fmt_ore(ms.net)} ({verdict})")
        out.append("")
    if member is None:
        out.append(f"Samarbejdets netto (ΣC): {fmt_ore(statement.collaboration_net)}")
    transfers = [t for t in statement.transfers if member is None or member in (t.from_party, t.to_party)]
    out.append("Betalinger:" if transfers else "Betalinger: ingen")
    names = {ms.code: ms.name for ms in statement.members}
    for t in transfers:
        out.append(f"  {_party(t.from_party, names)} → {_party(t.to_party, names)}: {fmt_ore(t.amount_ore)}")
    return "\n".join(out) + "\n"
