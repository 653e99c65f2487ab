"""The staffing engine: fit, availability, never over-allocating anyone, and the analysis."""

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from digisam.engines import staffing

ORGS = frozenset({"A", "B"})


def person(ident, org, level, hours, competence="kontrakt"):
    return staffing.Person(ident=ident, organisation=org, competences={competence: level}, free_hours=Decimal(hours))


def request(ident, hours, level=2, competence="kontrakt", organisations=ORGS):
    return staffing.Request(ident=ident, competence=competence, min_level=level, hours=Decimal(hours),
                            organisations=organisations)


def test_the_closest_level_is_proposed_first_and_the_expert_is_kept():
    [proposal] = staffing.propose([person("expert", "A", 4, 500), person("good", "B", 2, 500)], [request("r", 100)])
    assert [c.person for c in proposal.candidates] == ["good", "expert"]
    assert proposal.candidates[0].proposed == Decimal(100) and proposal.candidates[1].proposed == 0
    assert proposal.missing == 0


def test_people_below_the_level_or_from_non_members_are_not_proposed():
    people = [person("low", "A", 1, 500), person("outsider", "X", 4, 500)]
    [proposal] = staffing.propose(people, [request("r", 10)])
    assert proposal.candidates == () and proposal.missing == Decimal(10)


def test_a_request_larger_than_one_person_is_split_and_the_rest_reported_missing():
    [proposal] = staffing.propose([person("p", "A", 2, 60), person("q", "B", 3, 30)], [request("r", 120)])
    assert {c.person: c.proposed for c in proposal.candidates} == {"p": Decimal(60), "q": Decimal(30)}
    assert proposal.covered == Decimal(90) and proposal.missing == Decimal(30)


def test_scarce_requests_are_served_first():
    # Only 'p' can do architecture; contract work can also go to 'q'.
    p = staffing.Person(ident="p", organisation="A", competences={"arkitektur": 3, "kontrakt": 3},
                        free_hours=Decimal(100))
    q = person("q", "B", 3, 100)
    contract, architecture = request("k", 100, competence="kontrakt"), request("a", 100, competence="arkitektur")
    result = {r.request: r for r in staffing.propose([p, q], [contract, architecture])}
    assert result["a"].covered == 100 and result["k"].covered == 100
    assert {c.person for c in result["a"].candidates if c.proposed} == {"p"}
    assert {c.person for c in result["k"].candidates if c.proposed} == {"q"}


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 4), st.integers(0, 300)), min_size=1, max_size=12),
       st.lists(st.tuples(st.integers(1, 4), st.integers(1, 400)), min_size=1, max_size=12))
def test_nobody_is_ever_proposed_beyond_their_free_hours(people_spec, request_spec):
    people = [person(f"p{i}", "AB"[i % 2], level, hours) for i, (level, hours) in enumerate(people_spec)]
    requests = [request(f"r{i}", hours, level=level) for i, (level, hours) in enumerate(request_spec)]
    proposals = staffing.propose(people, requests)
    used = {}
    for proposal, req in zip(proposals, requests, strict=True):
        assert proposal.covered + proposal.missing == req.hours
        for c in proposal.candidates:
            used[c.person] = used.get(c.person, 0) + c.proposed
    free = {p.ident: p.free_hours for p in people}
    assert all(hours <= free[ident] for ident, hours in used.items())


def test_over_allocated_names_the_people_and_the_excess():
    assert staffing.over_allocated({"p": Decimal(10)}, [("p", Decimal(6)), ("p", Decimal(6)), ("q", Decimal(1))]) \
        == {"p": Decimal(2), "q": Decimal(1)}


def test_the_analysis_flags_competences_held_by_one_person_or_one_member():
    people = [person("p", "A", 2, 100), person("q", "A", 2, 50, competence="sikkerhed"),
              person("r", "A", 2, 50, competence="sikkerhed"), person("s", "B", 2, 10, competence="data")]
    rows = {r.competence: r for r in staffing.balance(["kontrakt", "sikkerhed", "data", "ai"], people,
                                                      [request("x", 300)])}
    assert rows["kontrakt"].single_person and rows["kontrakt"].gap == Decimal(200)
    assert rows["kontrakt"].coverage == Decimal(33)
    assert rows["sikkerhed"].single_organisation and not rows["sikkerhed"].single_person
    assert rows["ai"].people == 0 and rows["ai"].coverage is None
