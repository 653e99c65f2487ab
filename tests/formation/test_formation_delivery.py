"""Does it deliver? (issue 14 item 7, partly): benefits realised vs expected, decisions and their
lead time, participation per initiative, each linking to its source; a yearly PDF."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from digisam.core import services as core_services
from digisam.formation import documents, services
from digisam.initiatives.models import (
    Benefit,
    BenefitExpectation,
    BenefitRealisation,
    Initiative,
    Participation,
    PhaseModel,
    Proposal,
)


@pytest.fixture
def delivered(world):
    save = lambda obj: core_services.save(obj, user=core_services.SYSTEM)  # noqa: E731
    model = save(PhaseModel(collaboration=world.alpha, name="Stat", phases=["Idé", "Analyse"]))
    initiative = save(Initiative(collaboration=world.alpha, title="Fælles ESDH", kind="voluntary",
                                 owner_organisation=world.orgs["165"], owner_person="Anne", purpose="ESDH",
                                 phase_model=model, lifecycle="active"))
    benefit = save(Benefit(initiative=initiative, kind="economic", description="Lavere licens",
                           primary_recipient="Kommunerne"))
    save(BenefitExpectation(benefit=benefit, organisation=world.orgs["165"], expected_value=Decimal("100000")))
    save(BenefitRealisation(benefit=benefit, organisation=world.orgs["165"], value=Decimal("40000"),
                            date=datetime.date(2026, 6, 1)))
    save(Participation(initiative=initiative, organisation=world.orgs["165"], choice="in"))
    opened = timezone.make_aware(datetime.datetime(2026, 3, 1, 9))
    Proposal.objects.create(collaboration=world.alpha, body=world.board, title="Udbud af ESDH", status="closed",
                            outcome="adopted", opened_at=opened, closed_at=opened + datetime.timedelta(days=14))
    return initiative


@pytest.mark.django_db
def test_the_directors_figures_trace_to_their_sources(world, delivered, client_for):
    data = services.delivery(world.alpha, world.users["secretariat"], 2026)
    assert data["total_expected"] == Decimal("100000") and data["total_realised"] == Decimal("40000")
    assert [d["lead_days"] for d in data["decisions"]] == [14] and data["average_lead_days"] == 14
    assert [(r["initiative"].title, r["in"], r["out"]) for r in data["participation"]] == [("Fælles ESDH", 1, 0)]
    page = client_for(world.users["secretariat"]).get("/etablering/alpha/leverer/?aar=2026").content.decode()
    assert delivered.get_absolute_url() in page and "14" in page
    lines = [t for _s, t in documents.delivery_lines(world.alpha, data)]
    assert "Fælles ESDH: 40.000 kr. af 100.000 kr." in lines
    pdf = client_for(world.users["secretariat"]).get("/etablering/alpha/leverer/?aar=2026&format=pdf")
    assert pdf.content.startswith(b"%PDF")


@pytest.mark.django_db
def test_an_observer_sees_only_what_is_published(world, delivered):
    data = services.delivery(world.alpha, world.users["observer"], 2026)
    assert data["benefit_rows"] == [] and data["participation"] == []  # the initiative is not published
