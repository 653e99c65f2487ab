"""Tallying a vote of member organisations under a rule, and the Danish outcome statement."""

from __future__ import annotations

import datetime
from fractions import Fraction

from .choices import (
    ABSTAIN,
    ADOPTED,
    NO,
    NO_QUORUM,
    PER_MEMBER,
    POPULATION,
    QUALIFIED,
    REJECTED,
    SIMPLE,
    UNANIMITY,
    VETOED,
    YES,
)
from .model import Ballot, Rule, TallyResult


def _fmt(n) -> str:
    """Danish thousands separator for integers, comma for decimals."""
    if isinstance(n, Fraction) and n.denominator != 1:
        n = round(float(n), 2)
        return f"{n:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")
    return f"{int(n):,}".replace(",", ".")


def tally(rule: Rule, members, ballots, *, deadline: datetime.datetime | None = None) -> TallyResult:
    """Count the ballots of eligible `members` under `rule`."""
    members = list(members)
    by_key = {m.key: m for m in members}
    notes: list[str] = []
    rejected: list[tuple[Ballot, str]] = []
    latest: dict[str, Ballot] = {}
    for ballot in ballots:
        if ballot.member not in by_key:
            rejected.append((ballot, "ikke stemmeberettiget"))
            continue
        if deadline is not None and ballot.cast_at is not None and ballot.cast_at > deadline:
            rejected.append((ballot, "afgivet efter fristen"))
            continue
        previous = latest.get(ballot.member)
        if previous is not None:
            older, newer = sorted((previous, ballot), key=lambda b: (b.cast_at is not None, b.cast_at or 0))
            rejected.append((older, "erstattet af en senere stemme"))
            latest[ballot.member] = newer
        else:
            latest[ballot.member] = ballot

    def weight(key: str) -> int:
        if rule.voting_basis == PER_MEMBER:
            return 1
        population = by_key[key].population
        if population is None:
            notes.append(f"Indbyggertal mangler for {by_key[key].label}: vægt 0.")
            return 0
        return int(population)

    weights = {m.key: weight(m.key) for m in members}
    counted = tuple(latest[m.key] for m in members if m.key in latest)
    yes = sum(weights[b.member] for b in counted if b.choice == YES)
    no = sum(weights[b.member] for b in counted if b.choice == NO)
    abstain = sum(weights[b.member] for b in counted if b.choice == ABSTAIN)
    present = len(counted)
    eligible = len(members)
    missing = tuple(m.key for m in members if m.key not in latest)
    total_weight = sum(weights.values())

    quorum_met = True
    quorum_reasons = []
    if rule.quorum_fraction is not None and Fraction(present) < rule.quorum_fraction * eligible:
        quorum_met = False
        quorum_reasons.append(f"kun {present} af {eligible} medlemmer deltog (kræver {rule.quorum_fraction})")
    if rule.quorum_minimum is not None and present < rule.quorum_minimum:
        quorum_met = False
        quorum_reasons.append(f"kun {present} medlemmer deltog (kræver mindst {rule.quorum_minimum})")
    if eligible == 0:
        quorum_met = False
        quorum_reasons.append("ingen stemmeberettigede medlemmer")

    vetoes = [b for b in counted if b.veto]
    vetoed_by: tuple[str, ...] = ()
    if vetoes and not rule.veto:
        notes.append("Reglen giver ikke vetoret: veto tælles som en almindelig nej-stemme.")
    elif vetoes:
        vetoed_by = tuple(b.member for b in vetoes)

    if not quorum_met:
        outcome = NO_QUORUM
    elif vetoed_by:
        outcome = VETOED
    elif rule.majority == SIMPLE:
        outcome = ADOPTED if yes > no else REJECTED
    elif rule.majority == QUALIFIED:
        cast = yes + no
        outcome = ADOPTED if yes > 0 and Fraction(yes) >= rule.qualified_fraction * cast else REJECTED
    else:
        unanimous = present == eligible and all(b.choice == YES for b in counted)
        outcome = ADOPTED if unanimous else REJECTED

    statement = _statement(rule, outcome, yes, no, abstain, total_weight, present, eligible, quorum_reasons,
                           [by_key[k].label for k in vetoed_by], [by_key[k].label for k in missing], rejected)
    return TallyResult(
        outcome=outcome, quorum_met=quorum_met, yes=yes, no=no, abstain=abstain, eligible_members=eligible,
        present_members=present, total_weight=total_weight, counted=counted, rejected=tuple(rejected),
        vetoed_by=vetoed_by, missing=missing, notes=tuple(dict.fromkeys(notes)), statement=statement,
        details={"weights": weights, "rule": rule.describe()},
    )


def _statement(rule, outcome, yes, no, abstain, total_weight, present, eligible, quorum_reasons, vetoers,
               missing, rejected) -> str:
    """The outcome statement in Danish, as it would appear in the minutes."""
    if rule.voting_basis == PER_MEMBER:
        unit = "stemme" if yes == 1 else "stemmer"
    else:
        unit = "indbygger" if yes == 1 else "indbyggere"
    counts = f"{_fmt(yes)} {unit} for, {_fmt(no)} imod og {_fmt(abstain)} hverken for eller imod"
    if rule.voting_basis == POPULATION and total_weight:
        share = Fraction(yes * 100, total_weight)
        counts += f" (ja svarer til {_fmt(share)} % af de stemmeberettigedes indbyggertal)"
    parts = []
    if outcome == NO_QUORUM:
        parts.append("Forslaget er ikke afgjort, fordi forsamlingen ikke var beslutningsdygtig: "
                     + "; ".join(quorum_reasons) + ".")
    elif outcome == VETOED:
        parts.append(f"Forslaget er forkastet, fordi {', '.join(vetoers)} nedlagde veto. Afstemning: {counts}.")
    else:
        verb = "vedtaget" if outcome == ADOPTED else "forkastet"
        parts.append(f"Forslaget er {verb} med {counts} ({rule.describe()}).")
        if outcome == REJECTED and rule.majority == SIMPLE and yes == no:
            parts.append("Stemmelighed: forslaget er ikke vedtaget.")
        if rule.majority == UNANIMITY and outcome == REJECTED:
            parts.append("Enstemmighed kræver ja fra alle stemmeberettigede medlemmer.")
    parts.append(f"{present} af {eligible} medlemmer deltog.")
    if missing:
        parts.append("Ingen stemme fra: " + ", ".join(missing) + ".")
    late = [b for b, reason in rejected if reason == "afgivet efter fristen"]
    if late:
        parts.append(f"{len(late)} {'stemme' if len(late) == 1 else 'stemmer'} afgivet efter fristen er ikke talt med.")
    return " ".join(parts)
