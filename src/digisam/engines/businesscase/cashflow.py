"""The computation: yearly incremental cash flows of scenario 1 against scenario 0, their
present values, the net present value (in total and per member) and the payback year."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, localcontext

from .choices import GAIN, INVESTMENT, RUNNING_COST
from .model import CaseInput, CaseLine, CaseResult, YearRow

CENT = Decimal("0.01")


def _round(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def _signed(line: CaseLine) -> Decimal:
    """The line's contribution to its scenario's net cash flow."""
    value = line.estimate.mean
    return value if line.kind == GAIN else -value


def compute(case: CaseInput) -> CaseResult:
    """Compute the incremental business case of scenario 1 against scenario 0."""
    with localcontext() as ctx:
        ctx.prec = 28
        last = max((line.year for line in case.lines), default=1)
        horizon = case.horizon or last
        one_plus = 1 + case.discount_rate
        factors = {t: 1 / (one_plus ** (t - 1)) for t in range(1, horizon + 1)}
        per_year = {t: {INVESTMENT: Decimal(0), RUNNING_COST: Decimal(0), GAIN: Decimal(0)} for t in factors}
        npv_member: dict[str, Decimal] = {}
        net_member: dict[str, Decimal] = {}
        scenario_net = {0: Decimal(0), 1: Decimal(0)}
        total_investment = Decimal(0)
        for line in case.lines:
            if line.year > horizon:
                continue
            sign = 1 if line.scenario == 1 else -1
            mean = line.estimate.mean
            per_year[line.year][line.kind] += sign * mean
            flow = _signed(line)
            scenario_net[line.scenario] += flow
            net_member[line.member] = net_member.get(line.member, Decimal(0)) + sign * flow
            npv_member[line.member] = npv_member.get(line.member, Decimal(0)) + sign * flow * factors[line.year]
            if line.kind == INVESTMENT and line.scenario == 1:
                total_investment += mean
        rows = []
        npv = Decimal(0)
        cumulative = Decimal(0)
        payback = None
        was_negative = False
        for t in sorted(per_year):
            amounts = per_year[t]
            net = amounts[GAIN] - amounts[INVESTMENT] - amounts[RUNNING_COST]
            pv = net * factors[t]
            npv += pv
            cumulative += net
            if cumulative < 0:
                was_negative = True
                payback = None
            elif payback is None and (was_negative or t == 1):
                payback = case.start_year + t - 1
            rows.append(YearRow(
                year=case.start_year + t - 1, case_year=t, investments=_round(amounts[INVESTMENT]),
                running_costs=_round(amounts[RUNNING_COST]), gains=_round(amounts[GAIN]), net=_round(net),
                discount_factor=factors[t].quantize(Decimal("0.000001"), rounding=ROUND_HALF_UP),
                present_value=_round(pv), cumulative=_round(cumulative),
            ))
        if payback is not None and not was_negative and all(r.net == 0 for r in rows):
            payback = None  # nothing happens: no payback to speak of
        return CaseResult(
            rows=tuple(rows), npv=_round(npv),
            npv_by_member={m: _round(v) for m, v in sorted(npv_member.items())},
            net_by_member={m: _round(v) for m, v in sorted(net_member.items())},
            scenario_net={k: _round(v) for k, v in scenario_net.items()},
            total_investment=_round(total_investment), payback_year=payback, discount_rate=case.discount_rate,
        )
