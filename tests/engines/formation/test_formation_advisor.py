"""The model advisor engine (issue 14 item 1): fitting combinations, contradictions, exit dates.

The advisor page's tests are in tests/formation/test_formation_advisor_page.py."""

import pytest

from digisam.engines.formation import Answers, advise, contradictions
from digisam.engines.formation.exit import exit_date


def test_formal_competence_in_an_oral_agreement_is_refused_with_the_reason():
    found = contradictions(Answers(hand_over_competence=True), "oral_agreement")
    assert [c.requirement for c in found] == ["hand_over_competence"]
    assert "§60-selskab" in found[0].message and "mundtlig aftale" in found[0].message


def test_staff_and_legal_person_rule_out_agreements():
    answers = Answers(employ_staff=True, legal_person=True, members=4)
    assert {c.requirement for c in contradictions(answers, "written_agreement")} == {"employ_staff", "legal_person"}
    assert contradictions(answers, "association") == []


def test_competence_leaves_only_the_section60_company():
    result = advise(Answers(needs=frozenset({"scale"}), hand_over_competence=True, members=5))
    assert {c.form for c in result.combinations} == {"section60_company"}
    assert result.combinations[0].purpose == "operations_support" and result.combinations[0].recommended
    assert any(c.form == "oral_agreement" for c in result.excluded)


def test_buying_power_of_three_recommends_a_procurement_association_first():
    result = advise(Answers(needs=frozenset({"buying_power"}), employ_staff=True, members=3))
    best = result.combinations[0]
    assert (best.purpose, best.form) == ("procurement", "association")
    assert "indkøbsmagt" in best.strengths[0]


def test_unknown_need_and_single_member_are_refused():
    with pytest.raises(ValueError):
        Answers(needs=frozenset({"coffee"}))
    with pytest.raises(ValueError):
        Answers(members=1)


@pytest.mark.parametrize(("given", "months", "point", "expected"), [
    ("2026-03-15", 6, "year_end", "2026-12-31"),
    ("2026-08-15", 6, "year_end", "2027-12-31"),
    ("2026-08-15", 3, "half_year_end", "2026-12-31"),
    ("2026-01-31", 1, "month_end", "2026-02-28"),
])
def test_exit_dates_follow_the_notice_rule(given, months, point, expected):
    import datetime

    assert exit_date(datetime.date.fromisoformat(given), months, point).isoformat() == expected
