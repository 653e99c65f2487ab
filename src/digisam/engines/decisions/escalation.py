"""Escalation between the members' own fora: do their decisions agree, and the draft case
statement (sagsredegørelse) for the escalation body when they do not."""

from __future__ import annotations

from .choices import TOPICS
from .model import DisagreementPoint, EscalationResult


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
