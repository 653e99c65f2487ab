"""Demo data: initiatives in Storkøbenhavn and Silkeborg–Viborg with benefit mappings, a business
case, participation, one closed and one open vote, a passed gate and a fora disagreement escalated
to the municipal directors. Written through the audited service as the system user; loading twice
changes nothing (an initiative already present is left alone)."""

import datetime
from decimal import Decimal

from django.utils import timezone

from digisam.collaborations.models import Body, Collaboration
from digisam.core import services
from digisam.core.models import Channel
from digisam.organisations.models import Organisation

from . import services as initiative_services
from .models import (
    Benefit,
    BenefitExpectation,
    BenefitRealisation,
    BudgetLine,
    BusinessCase,
    BusinessCaseLine,
    ForumPosition,
    Gate,
    Initiative,
    MapElement,
    Meeting,
    Participation,
    Proposal,
)

USER, CHANNEL = services.SYSTEM, Channel.COMMAND


def _save(obj, m2m=None):
    return services.save(obj, user=USER, channel=CHANNEL, m2m=m2m)


def _org(code):
    return Organisation.objects.get(code=code)


def _vote(proposal, ballots, *, close):
    initiative_services.open_proposal(proposal, user=USER, channel=CHANNEL)
    for code, choice in ballots:
        initiative_services.cast_ballot(proposal, _org(code), user=USER, choice=choice, channel=CHANNEL)
    if close:
        initiative_services.close_proposal(proposal, user=USER, channel=CHANNEL)
    return proposal


def load(ctx):
    log = ctx.get("log", print)
    storkbh = Collaboration.objects.filter(slug="storkoebenhavn").first()
    if storkbh and not storkbh.initiatives.exists():
        load_storkoebenhavn(storkbh)
        log("Initiativer oprettet: Storkøbenhavn")
    sv = Collaboration.objects.filter(slug="silkeborg-viborg").first()
    if sv and not sv.initiatives.exists():
        load_silkeborg_viborg(sv)
        log("Initiativer oprettet: Silkeborg–Viborg")


def load_storkoebenhavn(collaboration):
    models = initiative_services.ensure_phase_models(collaboration, USER, channel=CHANNEL)
    state = next(m for m in models if "Idé" in m.phases)
    assembly = Body.objects.get(collaboration=collaboration, kind="general_assembly")
    year = timezone.localdate().year
    mandatory = _save(Initiative(
        collaboration=collaboration, title="Implementering af monopolbruddet (KOMBIT)", kind="mandatory",
        owner_organisation=_org("161"), owner_person="Signe Mølgaard", phase_model=state, current_phase=2,
        status="at_risk", lifecycle="active", published=True,
        purpose="Kommunerne implementerer KOMBITs nye fagsystemer sammen og til tiden (002 §2.4).",
        scope="Ydelsesindsats, sag- og dokumentindeks, fælleskommunalt økonomisystem.",
        system_categories=["Ydelsessystemer", "Økonomisystemer"],
    ))
    _save(Benefit(initiative=mandatory, kind="economic", description="Billigere implementering gennem fælles projektledelse",
                  primary_recipient="It- og digitaliseringsorganisationen", owner="Fælles programleder",
                  measure="Interne timer pr. system", unit="timer", baseline=Decimal(4000), realisation_time=f"{year}"))
    for code in ("165", "161", "155"):
        _save(BudgetLine(initiative=mandatory, organisation=_org(code), year=year, amount=Decimal(250000), hours=Decimal(600)))

    esdh = _save(Initiative(
        collaboration=collaboration, title="Fælles anskaffelse af ESDH-system", kind="voluntary",
        owner_organisation=_org("165"), owner_person="Jonas Weis Hedegaard", phase_model=state, current_phase=0,
        status="on_track", lifecycle="proposed", published=True, start=datetime.date(year, 1, 1),
        purpose="Ét fælles ESDH-system, der sænker licens- og driftsudgifter og gør sagsbehandlingen ens på tværs.",
        scope="Udbud, implementering og fælles drift; ikke konvertering af historiske sager.",
        tenders=["ESDH-udbud"],
    ))
    economic = _save(Benefit(
        initiative=esdh, kind="economic", description="Lavere licensudgifter ved fælles indkøb",
        primary_recipient="Ejer af de enkelte projekter", owner="Økonomicheferne", measure="Licensudgift pr. år",
        unit="kr.", baseline=Decimal(1200000), realisation_time=f"{year + 1}-{year + 2}"))
    strategic = _save(Benefit(
        initiative=esdh, kind="strategic", description="Fælles arbejdsgange gør det muligt at dele specialister",
        primary_recipient="Alle", owner="Sekretariatet", realisation_time=f"{year + 2}"))
    _save(Benefit(initiative=esdh, kind="organisational", is_disbenefit=True,
                  description="Midlertidigt produktivitetstab under omlægningen", primary_recipient="Fagområder",
                  realisation_time=f"{year + 1}"))
    for code, value in (("165", 300000), ("161", 250000)):
        _save(BenefitExpectation(benefit=economic, organisation=_org(code), expected_value=Decimal(value),
                                 expected_by=datetime.date(year + 2, 12, 31)))
    _save(BenefitRealisation(benefit=economic, organisation=_org("165"), date=timezone.localdate(),
                             value=Decimal(50000), note="Første rabat ved forlængelse"))
    system = _save(MapElement(initiative=esdh, level="deliverable", label="Fælles ESDH-kontrakt"))
    capability = _save(MapElement(initiative=esdh, level="capability", label="Ens sagsbehandling på tværs"),
                       m2m={"benefits": [economic.pk, strategic.pk]})
    _save(system, m2m={"enables": [capability.pk], "benefits": []})
    case = _save(BusinessCase(initiative=esdh, start_year=year, horizon=5,
                              scenario_0="Hver kommune fornyer sin egen ESDH-kontrakt.",
                              scenario_1="Fælles udbud og fælles drift fra år 2."))
    for code in ("165", "161"):
        _save(BusinessCaseLine(case=case, organisation=_org(code), scenario=1, kind="investment", year=year,
                               low=Decimal(400000), likely=Decimal(500000), high=Decimal(800000),
                               description="Udbud og implementering"))
        for y in range(year, year + 5):
            _save(BusinessCaseLine(case=case, organisation=_org(code), scenario=0, kind="running_cost", year=y,
                                   likely=Decimal(600000), description="Egen licens og drift"))
            _save(BusinessCaseLine(case=case, organisation=_org(code), scenario=1, kind="running_cost", year=y,
                                   likely=Decimal(450000), description="Andel af fælles licens og drift"))
    for code, choice, reason in (("165", "in", ""), ("161", "in", ""), ("155", "out", "Har netop forlænget egen kontrakt til 2029."),
                                 ("167", "in", "")):
        _save(Participation(initiative=esdh, organisation=_org(code), choice=choice, reason=reason))

    deadline = timezone.now() + datetime.timedelta(days=14)
    # one closed vote: the gate after the idea phase, passed with GO
    gate = _save(Gate(initiative=esdh, phase=0, due=timezone.localdate()))
    _save(Gate(initiative=esdh, phase=1, due=timezone.localdate() + datetime.timedelta(days=10)))
    gate_proposal = initiative_services.gate_proposal(gate, assembly, user=USER, deadline=deadline, channel=CHANNEL)
    _vote(gate_proposal, [("165", "yes"), ("161", "yes"), ("155", "abstain"), ("167", "yes"), ("169", "no")], close=True)
    # one open vote
    budget = _save(Proposal(
        collaboration=collaboration, body=assembly, decision_type="budget", title="Timesats for projektafregning",
        text="Sekretariatet indstiller en timesats på 650 kr. for aftalte og erlagte timer.", deadline=deadline))
    _vote(budget, [("165", "yes"), ("161", "no")], close=False)
    meeting = _save(Meeting(body=assembly, title="Ordinær generalforsamling", date=timezone.now().replace(
        hour=14, minute=0, second=0, microsecond=0), agenda="1. Beretning\n2. ESDH: GO/no-GO\n3. Timesats",
        minutes="GO til analysefasen for fælles ESDH.", minutes_approved=True),
        m2m={"attendees": [_org(c).pk for c in ("165", "161", "155", "167", "169")]})
    gate_proposal.meeting = meeting
    _save(gate_proposal)


def load_silkeborg_viborg(collaboration):
    models = initiative_services.ensure_phase_models(collaboration, USER, channel=CHANNEL)
    template = next(m for m in models if "Definering" in m.phases)
    directors = Body.objects.get(collaboration=collaboration, kind="directors_circle")
    unit = Body.objects.get(collaboration=collaboration, kind="secretariat")
    fora = {b.member_organisation.code: b for b in Body.objects.filter(collaboration=collaboration,
                                                                        kind="strategic_forum")}
    joint = _save(Initiative(
        collaboration=collaboration, title="Etablering af fælles it- og digitaliseringsorganisation", kind="voluntary",
        owner_organisation=_org("740"), owner_person="Kasper Vinther", phase_model=template, current_phase=0,
        status="on_track", lifecycle="active", published=True, start=datetime.date(2015, 4, 1),
        end=datetime.date(2017, 12, 31),
        purpose="Øget modenhed og kapacitet i digitaliseringsarbejdet gennem fælles styring, organisation og finansiering (001).",
        scope="Definering (2015), harmonisering (2016-2017) og etablering af en fælles organisation (2. halvår 2017).",
    ))
    table = [  # 001, figur 2: gevinster ved samarbejde
        ("strategic", "Øget modenhed i digitaliseringsarbejdet giver større output af digitaliseringsindsatsen", "Alle", "2016-2017"),
        ("strategic", "Fælles repræsentation over for nationale aktører, fx KOMBIT", "Alle", "2015"),
        ("economic", "Billigere udbudsprocesser, da kommunerne deler omkostningerne", "Ejer af de enkelte projekter", "Første udbud"),
        ("economic", "Billigere projektgennemførelse gennem fælles projektledelse", "Ejer af de enkelte projekter", "Første projekt"),
        ("organisational", "Intern opbygning og vedligehold af specialistkompetencer, fx it-arkitekter", "It-/digitaliseringsorganisationen", "2015"),
        ("organisational", "Effektiviseret it-drift og support på en mere homogen platform", "It-/digitaliseringsorganisationen", "2018"),
        ("technological", "Bedre muligheder for integrationer på en sammenhængende digital platform", "Alle", "2017"),
    ]
    benefits = [_save(Benefit(initiative=joint, kind=k, description=d, primary_recipient=r, realisation_time=t))
                for k, d, r, t in table]
    for code, value in (("740", 400000), ("791", 400000)):
        _save(BenefitExpectation(benefit=benefits[2], organisation=_org(code), expected_value=Decimal(value),
                                 expected_by=datetime.date(2017, 12, 31)))
    capability = _save(MapElement(initiative=joint, level="capability", label="Fælles udbudsplan og projektledelse"),
                       m2m={"benefits": [benefits[2].pk, benefits[3].pk]})
    _save(MapElement(initiative=joint, level="deliverable", label="Fælles digitaliseringsenhed"),
          m2m={"enables": [capability.pk]})
    for code in ("740", "791"):
        _save(Participation(initiative=joint, organisation=_org(code), choice="in"))
        _save(BudgetLine(initiative=joint, organisation=_org(code), year=2016, amount=Decimal(500000), hours=Decimal(1500)))
    gate = _save(Gate(initiative=joint, phase=0, due=datetime.date(2016, 2, 1)))
    _save(Gate(initiative=joint, phase=1, due=datetime.date(2017, 2, 1)))
    _save(Gate(initiative=joint, phase=2, due=datetime.date(2017, 6, 30)))
    proposal = initiative_services.gate_proposal(gate, directors, user=USER, deadline=timezone.now() + datetime.timedelta(days=7),
                                     channel=CHANNEL)
    _vote(proposal, [("740", "yes"), ("791", "yes")], close=True)
    # the joint unit's recommendation: the two fora disagree on timing and financing → escalation
    recommendation = _save(Proposal(
        collaboration=collaboration, body=unit, decision_type="voluntary_project", initiative=joint,
        title="Fælles udbud af omsorgssystem", text="Den fælles digitaliseringsenhed indstiller et fælles udbud i 2027, finansieret 50/50."))
    _save(ForumPosition(proposal=recommendation, forum=fora["740"], approve=True, timing="2027", financing="50/50"))
    _save(ForumPosition(proposal=recommendation, forum=fora["791"], approve=True, timing="2028",
                        financing="Efter indbyggertal"))
    initiative_services.escalate(recommendation, user=USER, channel=CHANNEL)
