"""The decision engine, rule by rule and edge by edge (hand-counted)."""

import datetime
from fractions import Fraction

import pytest

from digisam.engines.decisions import (
    ABSTAIN,
    ADOPTED,
    NO,
    NO_QUORUM,
    REJECTED,
    VETOED,
    YES,
    Ballot,
    ForumPosition,
    Member,
    Rule,
    case_statement_draft,
    compare_fora,
    tally,
)

A, B, C, D = (Member(k, name=n) for k, n in (("a", "Albertslund"), ("b", "Ballerup"), ("c", "Brøndby"), ("d", "Dragør")))
MEMBERS = [A, B, C, D]
DEADLINE = datetime.datetime(2026, 5, 1, 12, 0)


def votes(*choices):
    return [Ballot(m.key, c) for m, c in zip(MEMBERS, choices, strict=False) if c]


def test_simple_majority_adopts_when_yes_exceeds_no():
    result = tally(Rule(), MEMBERS, votes(YES, YES, NO, ABSTAIN))
    assert result.outcome == ADOPTED
    assert (result.yes, result.no, result.abstain) == (2, 1, 1)
    assert "vedtaget med 2 stemmer for, 1 imod og 1 hverken for eller imod" in result.statement


def test_a_tie_under_simple_majority_is_rejected():
    result = tally(Rule(), MEMBERS, votes(YES, YES, NO, NO))
    assert result.outcome == REJECTED
    assert "Stemmelighed" in result.statement


def test_abstentions_are_not_votes_cast_but_count_for_quorum():
    rule = Rule(quorum_fraction="3/4")
    result = tally(rule, MEMBERS, votes(YES, ABSTAIN, ABSTAIN))
    assert result.quorum_met and result.present_members == 3
    assert result.outcome == ADOPTED  # 1 yes > 0 no


def test_quorum_not_met_by_fraction():
    result = tally(Rule(quorum_fraction="1/2"), MEMBERS, votes(YES))
    assert result.outcome == NO_QUORUM
    assert not result.quorum_met
    assert "ikke var beslutningsdygtig" in result.statement


def test_quorum_exactly_met_by_fraction():
    result = tally(Rule(quorum_fraction="1/2"), MEMBERS, votes(YES, YES))
    assert result.quorum_met and result.outcome == ADOPTED


def test_quorum_minimum_and_fraction_must_both_hold():
    rule = Rule(quorum_fraction="1/4", quorum_minimum=3)
    assert tally(rule, MEMBERS, votes(YES, YES)).outcome == NO_QUORUM
    assert tally(rule, MEMBERS, votes(YES, YES, NO)).outcome == ADOPTED


def test_qualified_majority_counts_fraction_of_votes_cast():
    rule = Rule(majority="qualified", qualified_fraction="2/3")
    # 2 yes, 1 no: 2 >= 2/3 * 3 → adopted; the abstention is ignored
    assert tally(rule, MEMBERS, votes(YES, YES, NO, ABSTAIN)).outcome == ADOPTED
    # 2 yes, 2 no: 2 < 2/3 * 4 → rejected
    assert tally(rule, MEMBERS, votes(YES, YES, NO, NO)).outcome == REJECTED
    # only abstentions: no yes → rejected
    assert tally(rule, MEMBERS, votes(ABSTAIN, ABSTAIN)).outcome == REJECTED


def test_unanimity_with_one_no_is_rejected():
    rule = Rule(majority="unanimity")
    assert tally(rule, MEMBERS, votes(YES, YES, YES, YES)).outcome == ADOPTED
    result = tally(rule, MEMBERS, votes(YES, YES, YES, NO))
    assert result.outcome == REJECTED
    assert "Enstemmighed kræver ja" in result.statement


def test_unanimity_is_broken_by_an_abstention_or_a_missing_ballot():
    rule = Rule(majority="unanimity")
    assert tally(rule, MEMBERS, votes(YES, YES, YES, ABSTAIN)).outcome == REJECTED
    result = tally(rule, MEMBERS, votes(YES, YES, YES))
    assert result.outcome == REJECTED
    assert result.missing == ("d",)
    assert "Ingen stemme fra: Dragør" in result.statement


def test_population_weighted_votes():
    members = [Member("big", "Stor", 100_000), Member("s1", "Lille 1", 30_000), Member("s2", "Lille 2", 30_000)]
    rule = Rule(voting_basis="population")
    ballots = [Ballot("big", YES), Ballot("s1", NO), Ballot("s2", NO)]
    result = tally(rule, members, ballots)
    assert (result.yes, result.no) == (100_000, 60_000)
    assert result.outcome == ADOPTED  # one large member outweighs two small ones
    assert "100.000 indbyggere for, 60.000 imod" in result.statement
    assert "62,50 %" in result.statement
    # per member, the same ballots reject
    assert tally(Rule(), members, ballots).outcome == REJECTED


def test_population_weighted_member_without_population_weighs_nothing():
    members = [Member("a", population=10), Member("b")]
    result = tally(Rule(voting_basis="population"), members, [Ballot("a", NO), Ballot("b", YES)])
    assert result.outcome == REJECTED
    assert any("Indbyggertal mangler" in n for n in result.notes)


def test_quorum_is_counted_in_members_even_when_weighted():
    members = [Member("big", population=1_000_000), Member("s1", population=1), Member("s2", population=1)]
    result = tally(Rule(voting_basis="population", quorum_fraction="2/3"), members, [Ballot("big", YES)])
    assert result.outcome == NO_QUORUM


def test_veto_rejects_whatever_the_count():
    rule = Rule(veto=True)
    result = tally(rule, MEMBERS, [Ballot("a", YES), Ballot("b", YES), Ballot("c", YES), Ballot("d", NO, veto=True)])
    assert result.outcome == VETOED
    assert result.vetoed_by == ("d",)
    assert "Dragør nedlagde veto" in result.statement


def test_veto_without_the_right_counts_as_a_no():
    result = tally(Rule(), MEMBERS, [Ballot("a", YES), Ballot("b", YES), Ballot("d", NO, veto=True)])
    assert result.outcome == ADOPTED
    assert any("vetoret" in n for n in result.notes)


def test_a_veto_must_be_a_no():
    with pytest.raises(ValueError):
        Ballot("a", YES, veto=True)


def test_a_vote_after_the_deadline_is_rejected():
    on_time = DEADLINE - datetime.timedelta(minutes=1)
    late = DEADLINE + datetime.timedelta(seconds=1)
    ballots = [Ballot("a", YES, on_time), Ballot("b", NO, late), Ballot("c", YES, DEADLINE)]
    result = tally(Rule(), MEMBERS, ballots, deadline=DEADLINE)
    assert (result.yes, result.no) == (2, 0)
    assert [(b.member, reason) for b, reason in result.rejected] == [("b", "afgivet efter fristen")]
    assert "efter fristen er ikke talt med" in result.statement


def test_ballots_from_non_members_are_rejected_and_the_latest_ballot_counts():
    t1, t2 = DEADLINE - datetime.timedelta(hours=2), DEADLINE - datetime.timedelta(hours=1)
    ballots = [Ballot("x", YES, t1), Ballot("a", NO, t2), Ballot("a", YES, t1)]
    result = tally(Rule(), MEMBERS, ballots, deadline=DEADLINE)
    assert result.counted == (Ballot("a", NO, t2),)
    assert ("ikke stemmeberettiget" in [r for _, r in result.rejected])
    assert ("erstattet af en senere stemme" in [r for _, r in result.rejected])


def test_no_eligible_members_is_no_quorum():
    assert tally(Rule(), [], []).outcome == NO_QUORUM


def test_rule_requires_fraction_for_qualified_majority():
    with pytest.raises(ValueError):
        Rule(majority="qualified")
    assert Rule(majority="qualified", qualified_fraction="0,5").qualified_fraction == Fraction(1, 2)


# --- escalation ---------------------------------------------------------------------------------

def test_fora_that_agree_are_not_escalated():
    result = compare_fora([
        ForumPosition("740", "Koncernledelsen", True, timing="2026", financing="50/50"),
        ForumPosition("791", "Strategisk Lederforum", True, timing=" 2026 ", financing="50/50"),
    ], expected_members=["740", "791"], escalation_body="Kommunaldirektørerne")
    assert not result.escalate and result.agreed and result.decision is True


def test_fora_that_disagree_on_timing_financing_and_staffing_are_escalated():
    result = compare_fora([
        ForumPosition("740", "Koncernledelsen", True, timing="2026", financing="50/50", staffing="2 årsværk"),
        ForumPosition("791", "Strategisk Lederforum", True, timing="2027", financing="efter indbyggertal",
                      staffing="2 årsværk"),
    ], expected_members=["740", "791"], escalation_body="Kommunaldirektørerne")
    assert result.escalate and result.body == "Kommunaldirektørerne"
    assert [p.topic for p in result.points] == ["timing", "financing"]
    assert "uenige om tidsramme, finansiering" in result.statement
    draft = case_statement_draft("Fælles ESDH", "Indstilling", result)
    assert "Sagsredegørelse: Fælles ESDH" in draft and "Strategisk Lederforum: 2027" in draft


def test_fora_that_disagree_on_the_decision_itself_are_escalated():
    result = compare_fora([ForumPosition("740", "S", True), ForumPosition("791", "V", False, staffing="ingen")],
                          escalation_body="Direktørerne")
    assert [p.topic for p in result.points] == ["decision", "staffing"]


def test_escalation_waits_for_every_forum():
    result = compare_fora([ForumPosition("740", "S", True)], expected_members=["740", "791"])
    assert not result.escalate and not result.agreed and result.missing == ("791",)


def test_disagreement_without_an_escalation_body_is_reported():
    result = compare_fora([ForumPosition("a", "A", True), ForumPosition("b", "B", False)])
    assert result.escalate and result.body is None
    assert "intet organ" in result.statement
