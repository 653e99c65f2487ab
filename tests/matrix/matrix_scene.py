"""The data the permission matrix walks: `world` with every role of `role_list.MATRIX_ROLES`, and
in alpha (published; members 165 and 151, vendor partner "Leverandør A/S") one object of every
kind a route shows — portfolio, a published plan run, an economy year with a statement, an
initiative with a proposal in an open vote, meetings, documents with files, a job — plus
beta's counterparts where a route should stay closed to alpha's users.

Built once per test module and rolled back at its end (see test_matrix_permissions.py)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone


def build_scene(user_model):
    from conftest import add_everyone, build_world
    from factories.initiatives import build_scene as build_initiatives
    from factories.planning import simple_scenario, tiny_portfolio
    from rest_framework.authtoken.models import Token

    from digisam.collaborations.models import CollaborationDocument, Seat
    from digisam.core import services
    from digisam.core.jobs import create_job
    from digisam.core.models import AuditEntry
    from digisam.economy import services as economy_services
    from digisam.economy.models import (
        Charge,
        EconomyYear,
        FteFigure,
        HoursEntry,
        Order,
        Project,
        Service,
        TurnLedgerEntry,
    )
    from digisam.initiatives import services as initiative_services
    from digisam.initiatives.models import (
        ActionItem,
        BenefitRealisation,
        BudgetLine,
        ForumPosition,
        Notification,
        Participation,
        ProposalDocument,
    )
    from digisam.planning import services as plan_services
    from digisam.planning.models import OptOut
    from digisam.portfolio.models import PortfolioImport, SharingSetting, Usage

    world = add_everyone(build_world(user_model), user_model)
    s = world
    o = world.orgs
    system = services.SYSTEM
    s.tokens = {name: Token.objects.create(user=user).key for name, user in world.users.items()}

    # collaborations
    s.document = CollaborationDocument.objects.create(collaboration=world.alpha, title="Vedtægter", kind="statutes")
    s.document.file.save("vedtaegter.txt", ContentFile(b"Vedtaegter for alfa"), save=True)
    s.beta_document = CollaborationDocument.objects.create(collaboration=world.beta, title="Beta-aftale")
    s.beta_document.file.save("beta.txt", ContentFile(b"Beta"), save=True)
    s.seat = Seat.objects.create(body=world.board, organisation=o["165"], person="Anne")
    s.membership = world.alpha.memberships.get(organisation=o["165"])
    s.rule = world.alpha.decision_rules.first()
    from digisam.organisations.models import PopulationFigure, RegionMembership

    s.population_figure = PopulationFigure.objects.filter(organisation=o["165"]).first()
    s.region_membership = RegionMembership.objects.filter(municipality=o["165"]).first()

    # portfolio (165 and 151 share portfolio and economy with alpha; 153 shares nothing)
    category, contracts = tiny_portfolio(world.alpha, [o["165"], o["151"]])
    s.category = category
    s.contract165, s.contract151 = contracts
    s.usage165 = Usage.objects.create(organisation=o["165"], category=category, lifecycle="operational")
    s.usage153 = Usage.objects.create(organisation=o["153"], category=category, lifecycle="operational")
    s.contract165.usages.set([s.usage165])
    s.sharing165 = SharingSetting.objects.get(organisation=o["165"], collaboration=world.alpha)
    s.product = category.products.create(name="Matrix-system")
    s.portfolio_import = PortfolioImport(organisation=o["165"], original_name="portefoelje.csv",
                                         uploaded_by=world.users["coordinator"])
    s.portfolio_import.file.save("portefoelje.csv", ContentFile(b"a;b\n"), save=True)

    # planning: a published run of alpha, an opt-out of 165
    s.scenario = simple_scenario(world.alpha)
    s.run = plan_services.start_run(s.scenario, user=world.users["secretariat"])
    s.run.refresh_from_db()
    assert s.run.status == "succeeded", f"the matrix scene's plan run failed: {s.run.error}"
    plan_services.publish(s.run, user=world.users["secretariat"])
    s.optout = OptOut.objects.create(collaboration=world.alpha, organisation=o["165"], category=category.slug,
                                     reason="Skiftet for nylig")

    # economy (as tests/economy/conftest.py)
    s.year = services.save(EconomyYear(collaboration=world.alpha, year=2026, proration="half-year",
                                       settlement="net_transfers", population_date=datetime.date(2026, 1, 1)),
                           user=system)
    s.charge = services.save(Charge(year=s.year, name="Kontingent", kind="equal_share", total=Decimal("100000")),
                             user=system)
    s.service = services.save(Service(year=s.year, name="Standardarbejdsplads", unit_price=Decimal("5200")), user=system)
    s.order = services.save(Order(service=s.service, organisation=o["165"], quantity=Decimal("2")), user=system)
    s.fte = services.save(FteFigure(year=s.year, organisation=o["165"], fte=Decimal("2100")), user=system)
    s.project = services.save(Project(year=s.year, name="Monopolbrud", hourly_rate=Decimal("850"), key="equal"),
                              user=system)
    s.hours = services.save(HoursEntry(project=s.project, organisation=o["165"], month="2026-01", agreed_hours=10,
                                       actual_hours=10), user=system)
    s.statement = economy_services.generate(s.year, user=system)
    s.ledger = services.save(TurnLedgerEntry(collaboration=world.alpha, organisation=o["165"], description="Arkitekt",
                                             estimated_value=Decimal("500"), date=datetime.date(2026, 4, 1)),
                             user=system)
    s.beta_year = services.save(EconomyYear(collaboration=world.beta, year=2026, proration="none"), user=system)

    # initiatives: the shared scene, an open vote with 165's ballot, documents, forum, actions
    scene = build_initiatives(world)
    for key, value in vars(scene).items():
        setattr(s, key, value)
    initiative_services.open_proposal(s.proposal, user=world.users["secretariat"])
    s.ballot = initiative_services.cast_ballot(s.proposal, o["165"], user=world.users["coordinator"], choice="yes")
    s.proposal.refresh_from_db()
    s.proposal_document = ProposalDocument(proposal=s.proposal, title="Indstilling")
    s.proposal_document.file.save("indstilling.txt", ContentFile(b"Indstilling"), save=True)
    s.forum = ForumPosition.objects.create(proposal=s.proposal, forum=world.board)
    s.action = ActionItem.objects.create(meeting=s.meeting, description="Følg op", owner="Anne",
                                         owner_organisation=o["165"], deadline=timezone.localdate())
    s.participation = Participation.objects.create(initiative=s.initiative, organisation=o["165"], choice="in")
    s.budget = BudgetLine.objects.create(initiative=s.initiative, organisation=o["165"], year=2026,
                                         amount=Decimal("1000"))
    s.realisation = BenefitRealisation.objects.create(benefit=s.benefit, organisation=o["165"],
                                                      date=timezone.localdate(), value=Decimal("10"))
    s.notification = Notification.objects.create(user=world.users["coordinator"], kind="vote_opened",
                                                 message="Afstemning åben", collaboration=world.alpha)

    # core: a job of alpha started by the secretariat
    s.job = create_job(kind="test", title="Matrix-job", user=world.users["secretariat"], collaboration=world.alpha)
    s.audit_charge = AuditEntry.objects.get(content_type__model="charge", object_id=str(s.charge.pk))

    # operations & support, competence pool
    from matrix_scene_ops import add_operations

    add_operations(s)
    return s
