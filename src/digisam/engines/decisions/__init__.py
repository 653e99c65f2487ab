"""Decision engine: tally a vote of member organisations under a collaboration's decision rule,
and detect when the members' own fora disagree so the matter must be escalated.

Pure Python, no Django; frozen dataclasses in and out. Collaborations vote per member
organisation (one vote each) or weighted by population — never per person.

Conventions (documented in docs/initiatives.md, each tested):

- **Valid ballots.** One ballot per eligible member counts. A ballot from a member that is not
  eligible is rejected. A ballot cast after the deadline is rejected (cast exactly at the deadline
  counts). If a member has several valid ballots, the latest one before the deadline counts and
  the earlier ones are superseded.
- **Quorum** is counted in members (not weight): a member is present when it cast a valid ballot,
  abstentions included. ``quorum_fraction`` requires present ≥ fraction × eligible members;
  ``quorum_minimum`` requires present ≥ minimum. When both are set, both must hold. Without
  quorum the proposal is not decided (outcome ``no_quorum``).
- **Abstentions** count for quorum but are not votes cast: they are neither yes nor no.
- **Simple majority:** yes > no (weights). A tie is rejected.
- **Qualified majority:** yes ≥ fraction × (yes + no), i.e. of the votes *cast* (abstentions
  excluded), and yes > 0.
- **Unanimity:** every eligible member voted yes. A missing ballot or an abstention breaks
  unanimity: a decision that binds all members needs each member's active yes.
- **Veto:** when the rule grants veto, a valid ballot with ``veto=True`` rejects the proposal
  whatever the count (outcome ``vetoed``). A veto under a rule without veto counts as a plain no
  (and is reported). A veto is always also a no.
- **Population weighting:** each member's weight is its population (an integer). Members with
  unknown population weigh 0 and are reported; per-member voting gives every member weight 1.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from fractions import Fraction

__all__ = [
    "YES", "NO", "ABSTAIN", "ADOPTED", "REJECTED", "NO_QUORUM", "VETOED", "Rule", "Member", "Ballot",
    "TallyResult", "tally", "ForumPosition", "EscalationResult", "DisagreementPoint", "compare_fora",
    "case_statement_draft", "parse_fraction",
]

YES, NO, ABSTAIN = "yes", "no", "abstain"
CHOICES = (YES, NO, ABSTAIN)
ADOPTED, REJECTED, NO_QUORUM, VETOED = "adopted", "rejected", "no_quorum", "vetoed"
PER_MEMBER, POPULATION = "per_member", "population"
SIMPLE, QUALIFIED, UNANIMITY = "simple", "qualified", "unanimity"

OUTCOME_LABELS = {ADOPTED: "vedtaget", REJECTED: "forkastet", NO_QUORUM: "ikke afgjort", VETOED: "forkastet ved veto"}
MAJORITY_LABELS = {SIMPLE: "simpelt flertal", QUALIFIED: "kvalificeret flertal", UNANIMITY: "enstemmighed"}
BASIS_LABELS = {PER_MEMBER: "én stemme pr. medlem", POPULATION: "stemmer vægtet efter indbyggertal"}


def parse_fraction(text) -> Fraction | None:
    """'2/3', '0,5', '0.5' or a Fraction → Fraction; empty → None."""
    if text in (None, ""):
        return None
    if isinstance(text, Fraction):
        return text
    return Fraction(str(text).strip().replace(",", "."))


def _fmt(n) -> str:
    """Danish thousands separator for integers, comma for decimals."""
    if isinstance(n, Fraction) and n.denominator != 1:
        n = round(float(n), 2)
        return f"{n:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")
    return f"{int(n):,}".replace(",", ".")


@dataclass(frozen=True)
class Rule:
    voting_basis: str = PER_MEMBER
    majority: str = SIMPLE
    qualified_fraction: Fraction | None = None
    quorum_fraction: Fraction | None = None
    quorum_minimum: int | None = None
    veto: bool = False

    def __post_init__(self):
        object.__setattr__(self, "qualified_fraction", parse_fraction(self.qualified_fraction))
        object.__setattr__(self, "quorum_fraction", parse_fraction(self.quorum_fraction))
        if self.voting_basis not in (PER_MEMBER, POPULATION):
            raise ValueError("voting_basis must be per_member or population")
        if self.majority not in (SIMPLE, QUALIFIED, UNANIMITY):
            raise ValueError("majority must be simple, qualified or unanimity")
        if self.majority == QUALIFIED and not self.qualified_fraction:
            raise ValueError("a qualified majority needs a fraction")

    def describe(self) -> str:
        text = MAJORITY_LABELS[self.majority]
        if self.majority == QUALIFIED:
            text += f" ({self.qualified_fraction})"
        return f"{text}, {BASIS_LABELS[self.voting_basis]}"


@dataclass(frozen=True)
class Member:
    """An eligible member organisation; `population` is used only by population-weighted rules."""

    key: str
    name: str = ""
    population: int | None = None

    @property
    def label(self) -> str:
        return self.name or self.key


@dataclass(frozen=True)
class Ballot:
    member: str
    choice: str
    cast_at: datetime.datetime | None = None
    veto: bool = False

    def __post_init__(self):
        if self.choice not in CHOICES:
            raise ValueError("choice must be yes, no or abstain")
        if self.veto and self.choice != NO:
            raise ValueError("a veto is a no vote")


@dataclass(frozen=True)
class TallyResult:
    outcome: str
    quorum_met: bool
    yes: int
    no: int
    abstain: int
    eligible_members: int
    present_members: int
    total_weight: int
    counted: tuple[Ballot, ...]
    rejected: tuple[tuple[Ballot, str], ...]  # (ballot, reason)
    vetoed_by: tuple[str, ...]
    missing: tuple[str, ...]
    notes: tuple[str, ...]
    statement: str
    details: dict = field(default_factory=dict)

    @property
    def adopted(self) -> bool:
        return self.outcome == ADOPTED


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


# --- escalation between the members' own fora ---------------------------------------------------

TOPICS = (("decision", "beslutning"), ("timing", "tidsramme"), ("financing", "finansiering"), ("staffing", "bemanding"))


@dataclass(frozen=True)
class ForumPosition:
    """One member forum's decision on a recommendation: approve or not, and its terms."""

    member: str
    forum: str
    approve: bool
    timing: str = ""
    financing: str = ""
    staffing: str = ""


@dataclass(frozen=True)
class DisagreementPoint:
    topic: str  # decision / timing / financing / staffing
    label: str  # Danish
    positions: tuple[tuple[str, str], ...]  # (forum, position)


@dataclass(frozen=True)
class EscalationResult:
    escalate: bool
    agreed: bool
    decision: bool | None  # the joint decision when the fora agree
    body: str | None
    points: tuple[DisagreementPoint, ...]
    missing: tuple[str, ...]
    statement: str


def _norm(text: str) -> str:
    return " ".join((text or "").split()).casefold()


def compare_fora(positions, *, expected_members=(), escalation_body: str | None = None) -> EscalationResult:
    """Compare the fora's decisions. They agree when all approve (or all reject) on the same terms;
    otherwise the matter is escalated to `escalation_body` with the points of disagreement.

    Terms are compared after trimming whitespace and ignoring case; an empty term means the forum
    accepted the recommendation's term as proposed, so it only disagrees with a different non-empty
    term when another forum stated one — in the comparison empty counts as "as recommended".
    Until every expected member's forum has decided, nothing is concluded."""
    positions = list(positions)
    have = {p.member for p in positions}
    missing = tuple(m for m in expected_members if m not in have)
    if missing:
        return EscalationResult(False, False, None, None, (), missing,
                                "Afventer beslutning fra: " + ", ".join(missing) + ".")
    points = []
    if len({p.approve for p in positions}) > 1:
        points.append(DisagreementPoint("decision", "beslutning", tuple(
            (p.forum, "godkendt" if p.approve else "ikke godkendt") for p in positions)))
    for topic, label in TOPICS[1:]:
        values = {_norm(getattr(p, topic)) or "som indstillet" for p in positions}
        if len(values) > 1:
            points.append(DisagreementPoint(topic, label, tuple(
                (p.forum, getattr(p, topic).strip() or "som indstillet") for p in positions)))
    if not points:
        decision = positions[0].approve if positions else None
        word = "godkendt" if decision else "ikke godkendt"
        return EscalationResult(False, True, decision, None, (), (),
                                f"Fora er enige: indstillingen er {word} i alle medlemmers fora.")
    topics = ", ".join(p.label for p in points)
    if escalation_body:
        statement = (f"Fora er uenige om {topics}. Den fælles enhed udarbejder en sagsredegørelse, "
                     f"og sagen eskaleres til {escalation_body}, der træffer den endelige beslutning.")
    else:
        statement = f"Fora er uenige om {topics}, men reglen angiver intet organ at eskalere til."
    return EscalationResult(True, False, None, escalation_body, tuple(points), (), statement)


def case_statement_draft(title: str, recommendation: str, result: EscalationResult) -> str:
    """A draft case statement (sagsredegørelse) for the escalation body."""
    lines = [f"Sagsredegørelse: {title}", "", "Indstilling fra den fælles enhed:", recommendation or "–", "",
             "Uenighed mellem medlemmernes fora:"]
    for point in result.points:
        lines.append(f"- {point.label.capitalize()}:")
        for forum, position in point.positions:
            lines.append(f"  - {forum}: {position}")
    lines += ["", f"Sagen forelægges {result.body or 'det besluttende organ'} til endelig beslutning.",
              "", "Mulige løsninger og konsekvenser:", "- "]
    return "\n".join(lines)
