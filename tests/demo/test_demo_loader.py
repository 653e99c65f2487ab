"""The loader writes each typed demo collaboration as it is written: every member, body, seat and
rule becomes one row with the values the module gives (or the schema's defaults)."""

import pytest

from digisam.collaborations.models import Body, DecisionRule, Membership, Seat
from digisam.demo import loader, shared
from digisam.demo.collaborations import COLLABORATIONS, by_slug
from digisam.organisations.models import Organisation


@pytest.mark.django_db
@pytest.mark.parametrize("spec", COLLABORATIONS, ids=lambda c: c.slug)
def test_a_collaboration_is_loaded_with_exactly_its_members_bodies_seats_and_rules(spec):
    collaboration = loader.load_collaboration(spec)
    assert (collaboration.slug, collaboration.name, collaboration.purposes) == (
        spec.slug,
        spec.name,
        list(spec.purposes),
    )
    assert (
        collaboration.organisation_form,
        collaboration.founded,
        collaboration.fee_model,
        collaboration.published,
    ) == (spec.organisation_form, spec.founded, spec.fee_model, spec.published)
    members = Membership.objects.filter(collaboration=collaboration).select_related("organisation")
    expected = {
        (m.code or shared.ORGANISATIONS[m.organisation].name, m.role, m.status, m.joined)
        for m in spec.members
    }
    assert {
        (
            m.organisation.code if m.organisation.kind == "municipality" else m.organisation.name,
            m.role,
            m.status,
            m.joined_on,
        )
        for m in members
    } == expected
    assert members.count() == len(spec.members)
    bodies = {
        b.name: b for b in Body.objects.filter(collaboration=collaboration).select_related("reports_to")
    }
    names = {b.key: b.name for b in spec.bodies}
    assert set(bodies) == set(names.values())
    for body in spec.bodies:
        row = bodies[body.name]
        assert (row.kind, row.chair_rotation, row.rotation_order, row.meeting_frequency) == (
            body.kind,
            body.chair_rotation,
            list(body.rotation_order),
            body.meeting_frequency,
        )
        assert (row.reports_to.name if row.reports_to else None) == (
            names[body.reports_to] if body.reports_to else None
        )
        assert sorted(Seat.objects.filter(body=row).values_list("person", "role", "start")) == sorted(
            (s.person, s.role, s.start) for s in body.seats
        )
    rules = DecisionRule.objects.filter(collaboration=collaboration).select_related("body", "escalation_body")
    assert sorted(
        (
            r.body.name,
            r.decision_type,
            r.majority,
            r.veto,
            r.escalation_body.name if r.escalation_body else None,
        )
        for r in rules
    ) == sorted(
        (
            names[r.body],
            r.decision_type,
            r.majority,
            r.veto,
            names[r.escalation_body] if r.escalation_body else None,
        )
        for r in spec.rules
    )


@pytest.mark.django_db
def test_a_party_named_by_two_collaborations_is_one_organisation():
    loader.load_collaboration(by_slug("sbsys"))
    loader.load_collaboration(by_slug("digitale-hotline"))
    assert Organisation.objects.filter(name="Region Midtjylland").count() == 1
