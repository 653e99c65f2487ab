"""The baseline plan: every in-scope contract renewed alone, at expiry.

Each contract gets a solo tender with ``s = t = min(max(E, lo), hi)``: at expiry when
the window allows it, otherwise the nearest month inside the window.
"""

from __future__ import annotations

from .model import Contract, Instance, Participant, Plan, Tender


def baseline_switch_month(instance: Instance, contract: Contract) -> int:
    """Baseline contract start: ``min(max(E, lo), hi)``."""
    lo, hi = instance.window(contract)
    return min(max(contract.expires, lo), hi)


def baseline_plan(instance: Instance) -> Plan:
    """A solo tender at the baseline month for every in-scope contract, in instance order."""
    tenders = []
    for contract in instance.in_scope_contracts():
        t = baseline_switch_month(instance, contract)
        tenders.append(
            Tender(
                category=contract.category,
                start=t,
                participants=(Participant(municipality=contract.municipality, contract_start=t),),
            )
        )
    return Plan(tenders=tuple(tenders))
