"""A small scene of initiative data on top of the test `world` (tests/conftest.py), shared by the
app's tests: alpha gets a steering group with a gate rule, an initiative with a benefit, a business
case, a gate and a draft proposal; beta (unpublished) gets one initiative."""

import datetime
from decimal import Decimal
from types import SimpleNamespace

from django.utils import timezone


def build_scene(world):
    from digisam.collaborations.models import Body, DecisionRule
    from digisam.initiatives.models import (
        Benefit,
        BenefitExpectation,
        BusinessCase,
        BusinessCaseLine,
        Gate,
        Initiative,
        MapElement,
        Meeting,
        PhaseModel,
        Proposal,
    )

    alpha, beta = world.alpha, world.beta
    steering = Body.objects.create(collaboration=alpha, kind="steering_group", name="Styregruppen")
    DecisionRule.objects.create(collaboration=alpha, body=steering, decision_type="gate", majority="simple")
    phases = PhaseModel.objects.create(collaboration=alpha, name="Statens it-projektmodel",
                                       phases=["Idé", "Analyse", "Gennemførelse", "Gevinstrealisering"])
    beta_phases = PhaseModel.objects.create(collaboration=beta, name="Standard", phases=["Idé", "Analyse"])
    initiative = Initiative.objects.create(
        collaboration=alpha, title="Fælles ESDH", kind="voluntary", owner_organisation=world.orgs["165"],
        owner_person="Anne", purpose="Billigere og ens sagsbehandling", phase_model=phases, published=True)
    hidden = Initiative.objects.create(
        collaboration=alpha, title="Intern analyse", kind="voluntary", owner_organisation=world.orgs["165"],
        owner_person="Anne", purpose="Kun for medlemmer", phase_model=phases, published=False)
    beta_initiative = Initiative.objects.create(
        collaboration=beta, title="Beta-initiativ", kind="mandatory", owner_organisation=world.orgs["153"],
        owner_person="Bo", purpose="Beta", phase_model=beta_phases)
    benefit = Benefit.objects.create(initiative=initiative, kind="economic", description="Lavere licenser",
                                     primary_recipient="Alle", unit="kr.")
    expectation = BenefitExpectation.objects.create(benefit=benefit, organisation=world.orgs["165"],
                                                    expected_value=Decimal(1000))
    element = MapElement.objects.create(initiative=initiative, level="capability", label="Ens sagsbehandling")
    element.benefits.set([benefit])
    case = BusinessCase.objects.create(initiative=initiative, start_year=2026, horizon=3)
    line = BusinessCaseLine.objects.create(case=case, organisation=world.orgs["165"], scenario=1, kind="investment",
                                           year=2026, likely=Decimal(100))
    gate = Gate.objects.create(initiative=initiative, phase=0, due=timezone.localdate() + datetime.timedelta(days=3))
    proposal = Proposal.objects.create(collaboration=alpha, body=steering, decision_type="gate", initiative=initiative,
                                       gate=gate, title="GO/no-GO: Fælles ESDH efter Idé")
    beta_proposal = Proposal.objects.create(collaboration=beta, body=world.beta_board, title="Beta-sag")
    meeting = Meeting.objects.create(body=steering, title="Styregruppemøde", date=timezone.now())
    beta_meeting = Meeting.objects.create(body=world.beta_board, title="Beta-møde", date=timezone.now())
    return SimpleNamespace(
        steering=steering, phases=phases, initiative=initiative, hidden=hidden, beta_initiative=beta_initiative,
        benefit=benefit, expectation=expectation, element=element, case=case, line=line, gate=gate,
        proposal=proposal, beta_proposal=beta_proposal, meeting=meeting, beta_meeting=beta_meeting,
    )
