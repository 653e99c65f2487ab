"""No N+1 (issue 15, target 4): for every list and detail page of the UI and the API, the number of
SQL queries of a GET is the same with 3 rows as with 30.

A generic harness: each `Case` names a page (a path, or a function of the scene giving one), the
user who opens it, and `grow(scene, i)` that adds the i-th row the page lists. The harness grows to
3 rows, counts the queries of one GET (after a first GET, so per-process caches are warm in both
measurements), grows to 30, counts again, and shows the queries that were added if the counts
differ. Every page must answer 200 and actually show the rows (`marker`), so a page that lists
nothing cannot pass by accident."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

DAY = datetime.date(2020, 1, 1)


@pytest.fixture
def scene(world):
    """The `world` plus an economy year of alpha, a phase model, and the municipalities the cases
    add as members (all but the world's own, by code)."""
    from digisam.core import services
    from digisam.economy.models import Charge, EconomyYear
    from digisam.initiatives.models import PhaseModel
    from digisam.organisations.models import Organisation
    from digisam.portfolio.models import Category, SharingSetting

    year = EconomyYear.objects.create(collaboration=world.alpha, year=2026, proration="none",
                                      population_date=datetime.date(2026, 1, 1))
    Charge.objects.create(year=year, name="Kontingent", kind="equal_share", total=Decimal("100000"))
    for code in ("165", "151"):
        SharingSetting.objects.create(organisation=world.orgs[code], collaboration=world.alpha, share_portfolio=True,
                                      share_economy=True)
    return SimpleNamespace(
        world=world, year=year, services=services,
        phases=PhaseModel.objects.create(collaboration=world.alpha, name="Faser", phases=["Idé", "Analyse"]),
        others=list(Organisation.objects.filter(kind="municipality").exclude(code__in=world.orgs).order_by("code")),
        categories=list(Category.objects.order_by("sort_order", "name")),
        made=[],
    )


# ------------------------------------------------------------------------------------------- rows

def _portfolio(organisation, category, index, product_name=None):
    from digisam.portfolio.models import Contract, Product, Usage

    product, _ = Product.objects.get_or_create(category=category, name=product_name or f"Produkt {category.slug}")
    usage = Usage.objects.create(organisation=organisation, category=category, product=product, lifecycle="operational")
    contract = Contract.objects.create(
        organisation=organisation, category=category, product=product, contract_id=f"K-{organisation.code}-{index}",
        name=f"Kontrakt {index}", expires=datetime.date(2028, 1, 31) + datetime.timedelta(days=31 * (index % 40)),
        notice_months=6, cost_operation=Decimal(1000 + index), cost_other=Decimal(10))
    contract.usages.set([usage])
    return contract


def member(scene, i):
    """A new active member of alpha sharing portfolio and economy, with a contract in two categories."""
    from digisam.collaborations.models import Membership
    from digisam.portfolio.models import SharingSetting

    organisation = scene.others[i]
    Membership.objects.create(collaboration=scene.world.alpha, organisation=organisation, status="active",
                              joined_on=DAY)
    SharingSetting.objects.create(organisation=organisation, collaboration=scene.world.alpha, share_portfolio=True,
                                  share_economy=True)
    for k, category in enumerate(scene.categories[:2]):
        _portfolio(organisation, category, 1000 * i + k, product_name=f"Produkt {i % 3}")


def contract(scene, i):
    """A usage and contract of Albertslund (165) in the i-th category (a second product after 30)."""
    category = scene.categories[i % len(scene.categories)]
    _portfolio(scene.world.orgs["165"], category, i, product_name=f"Produkt {i // len(scene.categories)}")


def collaboration(scene, i):
    from digisam.collaborations.models import Collaboration, Membership

    made = Collaboration.objects.create(name=f"Samarbejde {i:02d}", slug=f"samarbejde-{i:02d}",
                                        purposes=["procurement"], organisation_form="association", published=True)
    Membership.objects.create(collaboration=made, organisation=scene.world.orgs["165"], status="active", joined_on=DAY)


def body(scene, i):
    """A body of alpha with a seat (the collaboration page lists bodies, seats and decision rules)."""
    from digisam.collaborations.models import Body, DecisionRule, Seat

    made = Body.objects.create(collaboration=scene.world.alpha, kind="steering_group", name=f"Gruppe {i:02d}")
    Seat.objects.create(body=made, person=f"Person {i}", organisation=scene.world.orgs["165"], start=DAY)
    DecisionRule.objects.create(collaboration=scene.world.alpha, body=made, decision_type="general")


def scenario(scene, i):
    from digisam.planning.models import Scenario

    Scenario.objects.create(collaboration=scene.world.alpha, name=f"Scenarie {i:02d}", start_month="2027-01")


def plan_run(scene, i):
    from digisam.planning.models import PlanRun

    PlanRun.objects.create(collaboration=scene.world.alpha, scenario_name=f"Beregning {i:02d}", status="succeeded",
                           published=i == 0, instance={"municipalities": []},
                           plan={"per_municipality": {"165": {"savings": i}}}, total_cost=Decimal(100))


def initiative(scene, i):
    from digisam.initiatives.models import Benefit, Initiative

    made = Initiative.objects.create(
        collaboration=scene.world.alpha, title=f"Initiativ {i:02d}", kind="voluntary",
        owner_organisation=scene.world.orgs["165"], owner_person="Anne", purpose="Formål", phase_model=scene.phases,
        published=True)
    Benefit.objects.create(initiative=made, kind="economic", description=f"Gevinst {i}", primary_recipient="Alle",
                           unit="kr.")


def benefit(scene, i):
    from digisam.initiatives.models import Benefit, BenefitExpectation

    _first_initiative(scene)
    made = Benefit.objects.create(initiative=scene.made[0], kind="economic", description=f"Gevinst {i}",
                                  primary_recipient="Alle", unit="kr.")
    BenefitExpectation.objects.create(benefit=made, organisation=scene.world.orgs["165"], expected_value=Decimal(i))


def audited(scene, i):
    """An audited write (an audit entry with its object) by the system."""
    from digisam.collaborations.models import Body

    scene.services.save(Body(collaboration=scene.world.alpha, kind="working_group", name=f"Arbejdsgruppe {i:02d}"),
                        user=scene.services.SYSTEM)


def job(scene, i):
    from digisam.core.models import Job

    Job.objects.create(kind="test", title=f"Job {i:02d}", created_by=scene.world.users["admin"],
                       collaboration=scene.world.alpha, status="succeeded", progress=100)


def charge(scene, i):
    from digisam.economy.models import Charge, HoursEntry, Project

    Charge.objects.create(year=scene.year, name=f"Opkrævning {i:02d}", kind="fixed_per_member", amount=Decimal(100))
    project = Project.objects.create(year=scene.year, name=f"Projekt {i:02d}", hourly_rate=Decimal(800), key="equal")
    HoursEntry.objects.create(project=project, organisation=scene.world.orgs["165"], month="2026-03",
                              agreed_hours=10, actual_hours=12)


def ledger(scene, i):
    from digisam.economy.models import TurnLedgerEntry

    TurnLedgerEntry.objects.create(collaboration=scene.world.alpha, organisation=scene.world.orgs["165"],
                                   description=f"Opgave {i:02d}", estimated_value=Decimal(1000), date=DAY)


def statement_members(scene, i):
    """A member (for the statement: generated again before each measurement)."""
    from digisam.collaborations.models import Membership

    Membership.objects.create(collaboration=scene.world.alpha, organisation=scene.others[i], status="active",
                              joined_on=DAY)


def _statement_path(scene):
    from digisam.economy import services as economy_services

    made = economy_services.generate(scene.year, user=scene.services.SYSTEM)
    return f"/oekonomi/alpha/2026/opgoerelse/{made.version}/"


def _first_initiative(scene):
    if not scene.made:
        initiative(scene, 99)
        from digisam.initiatives.models import Initiative

        scene.made.append(Initiative.objects.get(title="Initiativ 99"))
    return f"/initiativer/i/{scene.made[0].pk}/"


# ------------------------------------------------------------------------------------------ cases

@dataclass
class Case:
    name: str
    path: str | Callable
    grow: Callable
    user: str = "admin"
    marker: Callable | None = None  # marker(i) → text the page shows for row i
    api: bool = False
    extra: dict = field(default_factory=dict)


def _text(prefix):
    return lambda i: f"{prefix} {i:02d}"


UI = [
    Case("collaboration list", "/samarbejder/", collaboration, "observer", _text("Samarbejde")),
    Case("collaboration detail: members", "/samarbejder/alpha/", member, "secretariat",
         lambda i: None),
    Case("collaboration detail: bodies and seats", "/samarbejder/alpha/", body, "member", _text("Gruppe")),
    Case("portfolio index", "/portefoelje/", member, "secretariat"),
    Case("municipality portfolio", "/portefoelje/kommune/165/", contract, "coordinator", lambda i: f"Kontrakt {i}"),
    Case("municipality portfolio (secretariat)", "/portefoelje/kommune/165/", contract, "secretariat",
         lambda i: f"Kontrakt {i}"),
    Case("harmonisation", "/portefoelje/samarbejde/alpha/", member, "secretariat"),
    Case("harmonisation (member)", "/portefoelje/samarbejde/alpha/", member, "member"),
    Case("planning index", "/udbudsplan/", scenario, "secretariat"),
    Case("collaboration planning", "/udbudsplan/alpha/", scenario, "secretariat", _text("Scenarie")),
    Case("collaboration planning: runs", "/udbudsplan/alpha/", plan_run, "secretariat", _text("Beregning")),
    Case("initiative list", "/initiativer/", initiative, "member", _text("Initiativ")),
    Case("initiative detail: benefits", _first_initiative, benefit, "member", lambda i: f"Gevinst {i}"),
    Case("economy home", "/oekonomi/", charge, "secretariat"),
    Case("collaboration economy", "/oekonomi/alpha/", charge, "secretariat"),
    Case("economy year", "/oekonomi/alpha/2026/", charge, "secretariat", _text("Opkrævning")),
    Case("turn ledger", "/oekonomi/alpha/skiftes/", ledger, "secretariat", _text("Opgave")),
    Case("annual statement", _statement_path, statement_members, "secretariat"),
    Case("audit log", "/log/", audited, "admin", _text("Arbejdsgruppe")),
    Case("collaboration audit log", "/samarbejder/alpha/log/", audited, "secretariat", _text("Arbejdsgruppe")),
    Case("job list", "/job/", job, "admin", _text("Job")),
    Case("dashboard", "/", initiative, "member"),
]

API = [
    Case("collaborations", "/api/collaborations/", collaboration, "observer", _text("Samarbejde")),
    Case("memberships", "/api/memberships/", statement_members, "secretariat"),
    Case("bodies", "/api/bodies/", body, "member", _text("Gruppe")),
    Case("seats", "/api/seats/", body, "member", lambda i: f"Person {i}"),
    Case("decision rules", "/api/decision-rules/", body, "member"),
    Case("audit entries", "/api/audit-entries/", audited, "admin"),
    Case("jobs", "/api/jobs/", job, "admin", _text("Job")),
    Case("portfolio usages", "/api/portfolio/usages/", contract, "coordinator"),
    Case("portfolio contracts", "/api/portfolio/contracts/", contract, "coordinator", lambda i: f"Kontrakt {i}"),
    Case("portfolio contracts (secretariat)", "/api/portfolio/contracts/", member, "secretariat"),
    Case("portfolio sharing", "/api/portfolio/sharing/", member, "secretariat"),
    Case("portfolio harmonisation", "/api/portfolio/harmonisation/alpha/", member, "secretariat"),
    Case("plan runs", "/api/plan-runs/", plan_run, "member", _text("Beregning")),
    Case("plan scenarios", "/api/plan-scenarios/", scenario, "secretariat", _text("Scenarie")),
    Case("economy years", "/api/economy-years/", charge, "secretariat"),
    Case("economy charges", "/api/economy-charges/", charge, "secretariat", _text("Opkrævning")),
    Case("economy hours", "/api/economy-hours/", charge, "secretariat"),
    Case("economy ledger", "/api/economy-ledger/", ledger, "secretariat", _text("Opgave")),
    Case("initiatives", "/api/initiatives/", initiative, "member", _text("Initiativ")),
    Case("benefits", "/api/benefits/", initiative, "member", lambda i: f"Gevinst {i}"),
]


def _count(client, path):
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert queries.captured_queries, f"{path}: no queries captured"
    return response, [q["sql"] for q in queries.captured_queries]


def _check(scene, case, client):
    path = case.path if isinstance(case.path, str) else None
    counts = []
    for start, stop in ((0, 3), (3, 30)):
        for i in range(start, stop):
            case.grow(scene, i)
        current = path or case.path(scene)
        response, queries = _count(client, current)
        assert response.status_code == 200, (current, response.status_code)
        text = response.content.decode()
        if case.marker:
            for i in (0, stop - 1):
                shown = case.marker(i)
                assert shown is None or shown in text, f"{current}: row {i} ({shown!r}) is not on the page"
        counts.append(queries)
    few, many = counts
    added = [q for q in many if q not in few][:5]
    assert len(few) == len(many), (
        f"{case.name}: {len(few)} queries with 3 rows, {len(many)} with 30; e.g. {added}")


@pytest.mark.parametrize("case", UI, ids=[c.name for c in UI])
def test_a_page_runs_as_many_queries_for_30_rows_as_for_3(scene, client_for, case):
    _check(scene, case, client_for(scene.world.users[case.user]))


@pytest.mark.parametrize("case", API, ids=[c.name for c in API])
def test_an_api_list_runs_as_many_queries_for_30_rows_as_for_3(scene, api_for, case):
    _check(scene, case, api_for(scene.world.users[case.user]))
