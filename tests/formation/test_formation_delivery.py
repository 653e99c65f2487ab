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


@pytest.fixture
def operated(world):
    """alpha 2026: a basic service paid per FTE, its target level, two tickets (one late)."""
    from digisam.economy.models import EconomyYear, FteFigure
    from digisam.operations import services as ops_services
    from digisam.operations.models import CatalogueService, ServiceLevel

    system = core_services.SYSTEM
    year = core_services.save(EconomyYear(collaboration=world.alpha, year=2026, proration="none",
                                          population_date=datetime.date(2026, 1, 1)), user=system)
    core_services.save(FteFigure(year=year, organisation=world.orgs["165"], fte=Decimal("2100")), user=system)
    core_services.save(FteFigure(year=year, organisation=world.orgs["151"], fte=Decimal("3000")), user=system)
    basic = ops_services.save_catalogue_service(
        CatalogueService(year=year, name="Drift", kind="basic"), ops_services.Pricing(key="fte", rate=Decimal("1500")),
        user=system)
    ops_services.save_level(ServiceLevel(service=basic, opening_hours="Hverdage 8-16",
                                         availability_target=Decimal("99.5"), channels=["phone"]),
                            {"1": (30, 240, Decimal("0")), "2": (60, 480, Decimal("0"))}, user=system)
    csv = "\n".join(["Ticket ID;Kommune;Service;Priority;Created;First response;Resolved",
                     "T1;165;Drift;1;2026-03-02 08:00;2026-03-02 08:10;2026-03-02 14:00",
                     "T2;151;Drift;2;2026-03-03 08:00;2026-03-03 08:30;2026-03-03 10:00"]) + "\n"
    ops_services.import_tickets(year, "tickets.csv", csv.encode(), user=system)
    return year


@pytest.mark.django_db
def test_budget_against_the_statement_ties_out_to_the_economy(world, operated, client_for):
    from digisam.economy import services as economy_services
    from digisam.economy.models import FteFigure

    statement = economy_services.generate(operated, user=world.users["secretariat"])
    # after the statement, 151's FTE figure grows: the fee model's budget moves, the statement does not
    figure = FteFigure.objects.get(year=operated, organisation=world.orgs["151"])
    figure.fte = Decimal("3100")
    core_services.save(figure, user=core_services.SYSTEM)
    data = services.delivery(world.alpha, world.users["secretariat"], 2026)
    budget = data["budget"]
    assert budget["actual_ore"] == statement.totals["charges_ore"] == 5100 * 1500 * 100
    assert budget["budget_ore"] == 5200 * 1500 * 100
    assert budget["difference_ore"] == -100 * 1500 * 100
    assert [r["label"] for r in budget["rows"]] == ["Drift"]
    page = client_for(world.users["coordinator"]).get("/etablering/alpha/leverer/?aar=2026").content.decode()
    assert "/oekonomi/alpha/2026/" in page and statement.get_absolute_url() in page
    assert "7.650.000,00 kr." in page and "7.800.000,00 kr." in page
    lines = [t for _s, t in documents.delivery_lines(world.alpha, data)]
    assert "I alt: budget 7.800.000,00 kr., regnskab 7.650.000,00 kr., afvigelse -150.000,00 kr." in lines


@pytest.mark.django_db
def test_sla_results_per_service_from_the_tickets(world, operated, client_for):
    data = services.delivery(world.alpha, world.users["secretariat"], 2026)
    [row] = data["sla"]["rows"]
    assert row["service"] == "Drift" and row["volume"] == 2 and row["breaches"] >= 1
    assert data["sla"]["url"].endswith("/alpha/2026/sla/")
    page = client_for(world.users["secretariat"]).get("/etablering/alpha/leverer/?aar=2026").content.decode()
    assert 'data-testid="sla"' in page and data["sla"]["url"] in page
    # no economy year, no services: no SLA section, and the budget says why
    other = services.delivery(world.alpha, world.users["secretariat"], 2025)
    assert other["sla"] is None and "ingen økonomi for 2025" in other["budget"]["problem"]


@pytest.mark.django_db
def test_joint_tenders_done_and_their_savings_from_the_published_plan(world, client_for):
    from factories.planning import simple_scenario, tiny_portfolio

    from digisam.planning import services as plan_services

    tiny_portfolio(world.alpha, [world.orgs["165"], world.orgs["151"]])
    run = plan_services.run_now(simple_scenario(world.alpha), user=world.users["secretariat"])
    assert "ingen offentliggjort udbudsplan" in services.delivery(
        world.alpha, world.users["secretariat"], 2026)["tenders"]["problem"]
    run.published = True
    run.save()
    from digisam.formation import delivery

    joint = [t for t in run.plan["tenders"] if t["kind"] == "joint"]
    before = delivery.joint_tenders(world.alpha, world.users["coordinator"], today=datetime.date(2026, 1, 1))
    after = delivery.joint_tenders(world.alpha, world.users["coordinator"], today=datetime.date(2033, 1, 1))
    assert len(before["rows"]) == len(joint) and before["done_count"] == 0 and before["done_savings"] == 0
    assert after["done_count"] == len(joint)
    assert after["done_savings"] == after["total_savings"] == sum(
        Decimal(str(t["savings"])).quantize(Decimal("0.01")) for t in joint)
    page = client_for(world.users["coordinator"]).get("/etablering/alpha/leverer/?aar=2026").content.decode()
    assert run.get_absolute_url() in page
    # the figures go through the plan's own policy: a withdrawn plan is gone for the members
    run.published = False
    run.save()
    assert "ingen offentliggjort udbudsplan" in delivery.joint_tenders(world.alpha, world.users["coordinator"])["problem"]


@pytest.mark.django_db
def test_quality_benefits_are_shown_in_their_own_unit(world, delivered, client_for):
    benefit = core_services.save(Benefit(initiative=delivered, kind="organisational", description="Kortere sagsbehandling",
                                         measure="Sagsbehandlingstid", unit="dage", primary_recipient="Borgerne"),
                                 user=core_services.SYSTEM)
    core_services.save(BenefitExpectation(benefit=benefit, organisation=world.orgs["165"], expected_value=Decimal("5")),
                       user=core_services.SYSTEM)
    data = services.delivery(world.alpha, world.users["secretariat"], 2026)
    assert [(r["benefit"].measure, r["expected"], r["unit"]) for r in data["quality"]] == [
        ("Sagsbehandlingstid", Decimal("5"), "dage")]
    page = client_for(world.users["secretariat"]).get("/etablering/alpha/leverer/?aar=2026").content.decode()
    assert "Sagsbehandlingstid" in page and "5,0 dage" in page


@pytest.mark.django_db
def test_the_pages_write_nothing_on_get(world, operated, delivered, client_for):
    from digisam.core.models import AuditEntry, Job

    before = (AuditEntry.objects.count(), Job.objects.count())
    for user in ("secretariat", "coordinator", "observer"):
        client = client_for(world.users[user])
        assert client.get("/etablering/alpha/leverer/?aar=2026").status_code == 200
        assert client.get("/etablering/alpha/leverer/?aar=2026&format=pdf").content.startswith(b"%PDF")
        assert client.get("/etablering/alpha/kursskifte/").status_code == 200
    assert client_for(world.users["outsider"]).get("/etablering/alpha/medlemskab/").status_code == 200
    assert (AuditEntry.objects.count(), Job.objects.count()) == before
