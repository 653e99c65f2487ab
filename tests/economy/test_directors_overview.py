"""Issue 12 item 16: the directors' overview shows each member's contribution this year from the
economy's current statement (amounts tie out to the statement) and the decisions waiting for the
directors (open proposals to the directors' circle and escalations)."""

import pytest
from django.utils import timezone

from digisam.collaborations.models import Body
from digisam.core.templatetags.digisam import ore_kr
from digisam.economy.models import MemberStatement
from digisam.initiatives.models import Proposal

pytestmark = pytest.mark.django_db


def test_contributions_this_year_tie_out_to_the_statement(world, econ, client_for):
    assert econ.year.year == timezone.localdate().year
    page = client_for(world.users["secretariat"]).get("/initiativer/alpha/overblik/").content.decode()
    rows = list(MemberStatement.objects.filter(statement=econ.statement))
    assert len(rows) == 2
    section = page.split('data-testid="contributions"')[1].split("</table>")[0]
    for row in rows:
        assert row.name in section
        assert str(ore_kr(row.charges)) in section
    assert str(ore_kr(sum(r.charges for r in rows))) in section


def test_a_member_sees_only_its_own_contribution(world, econ, client_for):
    page = client_for(world.users["member"]).get("/initiativer/alpha/overblik/").content.decode()
    section = page.split('data-testid="contributions"')[1].split("</table>")[0]
    assert world.orgs["165"].name in section
    assert world.orgs["151"].name not in section


def test_decisions_waiting_for_the_directors(world, client_for):
    directors = Body.objects.create(collaboration=world.alpha, kind="directors_circle", name="Direktørkredsen")
    waiting = Proposal.objects.create(collaboration=world.alpha, body=directors, title="Ny fælles strategi")
    Proposal.objects.create(collaboration=world.alpha, body=world.board, title="Bestyrelsessag")
    escalated = Proposal.objects.create(collaboration=world.alpha, body=world.board, title="Eskaleret sag",
                                        parent=waiting)
    page = client_for(world.users["secretariat"]).get("/initiativer/alpha/overblik/").content.decode()
    section = page.split('data-testid="director-decisions"')[1].split("</ul>")[0]
    assert waiting.title in section and escalated.title in section
    assert "Bestyrelsessag" not in section


def test_harmonisation_against_its_target_for_members_not_observers(world, client_for):
    import datetime as dt
    from decimal import Decimal

    from digisam.initiatives import reports
    from digisam.portfolio import harmonisation
    from digisam.portfolio.models import HarmonisationSnapshot, HarmonisationTarget

    HarmonisationSnapshot.objects.create(collaboration=world.alpha, date=dt.date(2026, 1, 1), index=Decimal("0.2"))
    HarmonisationTarget.objects.create(collaboration=world.alpha, target_index=Decimal("0.6"),
                                       baseline_date=dt.date(2026, 1, 1), target_date=dt.date(2031, 1, 1))
    world.alpha.refresh_from_db()
    figures = reports.harmonisation_against_target(world.alpha, world.users["secretariat"])
    picture = harmonisation.build(world.alpha)
    assert figures["overall"] == picture.overall
    page = client_for(world.users["secretariat"]).get("/initiativer/alpha/overblik/").content.decode()
    section = page.split('data-testid="director-harmonisation"')[1].split("</p>")[0]
    assert "60,0 %" in section and "31.12.2030" not in section and "01.01.2031" in section
    observer = client_for(world.users["observer"]).get("/initiativer/alpha/overblik/").content.decode()
    assert 'data-testid="director-harmonisation"' not in observer
