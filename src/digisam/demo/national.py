"""The load benchmark's data set (issue 15): on top of the demo, one collaboration of (up to) all 98
municipalities with full portfolios shared with it, a published procurement plan, a year's economy
(fees, 100 hours-settled projects with a year of hours, a generated annual statement) and 50
signed-in users of mixed roles.

Deterministic and idempotent: a second run finds everything in place and changes nothing. Every
object is written through the audited service as the system user on the command channel (the
portfolios through the importer, as a municipality's file would be). Sizes are parameters so a test
can build a small one quickly.

    digisam benchmark_data [--members 98] [--projects 100] [--plan-time-limit 30]
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.contrib.auth import get_user_model

from digisam.collaborations.models import Collaboration, Membership
from digisam.core import services
from digisam.core.models import Channel, Role, RoleAssignment
from digisam.organisations.models import Organisation, population_map

SLUG = "alle-kommuner"
NAME = "Alle kommuner (belastningstest)"
PASSWORD = "digisam-bench-2026"  # noqa: S105 - printed on purpose: benchmark users on a local test install
SCENARIO_NAME = "Nationalt udbud: 10 år, fire fællesudbud ad gangen"
# 50 users: how many of each role (the organisation roles are spread over the members).
USERS = (("sekretariat", Role.SECRETARIAT, 6), ("koordinator", Role.COORDINATOR, 14),
         ("oekonomi", Role.FINANCE_OFFICER, 10), ("medlem", Role.MEMBER_USER, 14), ("observatoer", Role.OBSERVER, 6))


def _save(obj, m2m=None):
    return services.save(obj, user=services.SYSTEM, channel=Channel.COMMAND, m2m=m2m)


def build(*, members: int = 98, projects: int = 100, plan_time_limit: int = 30, hours_members: int = 25,
          year: int | None = None, log=print) -> dict:
    """Builds what is missing; returns a description of the data set (slug, year, run, users)."""
    today = datetime.date.today()
    year = year or today.year
    with services.operation():
        collaboration = _collaboration(members, log)
        municipalities = [m.organisation for m in collaboration.memberships.select_related("organisation")
                          .order_by("organisation__code")]
        _portfolios(collaboration, municipalities, today, log)
        run = _plan(collaboration, plan_time_limit, today, log)
        statement = _economy(collaboration, municipalities, year, projects, hours_members, log)
        users = _users(collaboration, municipalities)
        from digisam.portfolio import harmonisation

        harmonisation.record_snapshots(harmonisation.build(collaboration, today=today), user=services.SYSTEM,
                                       channel=Channel.COMMAND)
    return {"slug": SLUG, "year": year, "run": run.pk if run else None, "statement": statement.version,
            "users": users, "members": [m.code for m in municipalities], "password": PASSWORD}


def _collaboration(members: int, log) -> Collaboration:
    collaboration = Collaboration.objects.filter(slug=SLUG).first()
    if collaboration is None:
        collaboration = _save(Collaboration(
            name=NAME, slug=SLUG, purposes=["procurement"], organisation_form="association",
            description="Alle landets kommuner: data til belastningstest af digisam.",
            subset_label="Syntetiske porteføljer og økonomi til belastningstest."))
        log(f"Samarbejde oprettet: {NAME}")
    present = set(collaboration.memberships.values_list("organisation_id", flat=True))
    for organisation in Organisation.objects.filter(kind="municipality").order_by("code")[:members]:
        if organisation.pk not in present:
            _save(Membership(collaboration=collaboration, organisation=organisation, status="active",
                             joined_on=datetime.date(2020, 1, 1)))
    return collaboration


def _portfolios(collaboration, municipalities, today, log):
    """The same synthetic portfolio per municipality as the demo's (seeded by its code), imported
    once; every member shares portfolio and economy with the collaboration."""
    from digisam.portfolio import exports as exporter
    from digisam.portfolio import generate
    from digisam.portfolio.importer import import_file
    from digisam.portfolio.models import Contract, SharingSetting

    with_contracts = set(Contract.objects.filter(organisation__in=municipalities)
                         .values_list("organisation_id", flat=True).distinct())
    missing = [m for m in municipalities if m.pk not in with_contracts]
    if missing:
        populations = population_map([m.pk for m in missing], today)
        records = []
        for organisation in missing:
            records += generate.portfolio_records([(organisation.code, populations.get(organisation.pk, 50000))],
                                                  seed=int(organisation.code), start=today.replace(day=1))
        header, rows = generate.template_table(records)
        result = import_file(exporter.write_csv(header, rows), "belastningstest.csv", user=services.SYSTEM,
                             dry_run=False, channel=Channel.IMPORT)
        if not result.ok:
            raise RuntimeError("Porteføljerne blev afvist: " + "; ".join(result.errors[:5]))
        log(f"Porteføljer: {len(missing)} kommuner – {result.summary()}")
    shared = set(SharingSetting.objects.filter(collaboration=collaboration).values_list("organisation_id", flat=True))
    for organisation in municipalities:
        if organisation.pk not in shared:
            _save(SharingSetting(organisation=organisation, collaboration=collaboration, share_portfolio=True,
                                 share_economy=True))


def _plan(collaboration, time_limit, today, log):
    from digisam.planning import services as runs
    from digisam.planning.models import PlanRun, RunStatus, Scenario

    published = PlanRun.objects.filter(collaboration=collaboration, published=True).first()
    if published is not None:
        return published
    scenario = Scenario.objects.filter(collaboration=collaboration, name=SCENARIO_NAME).first() or _save(Scenario(
        collaboration=collaboration, name=SCENARIO_NAME, start_month=f"{today.year + 1}-01", horizon_months=120,
        capacity=4, time_limit=time_limit, description="Alle kategorier med delte kontrakter."))
    run = runs.run_now(scenario, user=services.SYSTEM, channel=Channel.COMMAND, time_limit=time_limit)
    if run.status != RunStatus.SUCCEEDED:
        raise RuntimeError(f"Udbudsplanen kunne ikke beregnes: {run.error}")
    runs.publish(run, user=services.SYSTEM, channel=Channel.COMMAND)
    log(f"Udbudsplan offentliggjort: besparelse {run.savings} kr.")
    return run


def _economy(collaboration, municipalities, year, projects, hours_members, log):
    """A fee split equally, a rate per inhabitant, and `projects` projects settled by hours: each
    with `hours_members` participating members registering hours once a quarter."""
    from digisam.economy import services as economy_services
    from digisam.economy.models import Charge, EconomyYear, HoursEntry, Project

    economy_year = EconomyYear.objects.filter(collaboration=collaboration, year=year).first()
    if economy_year is None:
        economy_year = _save(EconomyYear(collaboration=collaboration, year=year, population_date=datetime.date(year, 1, 1),
                                         proration="half-year", settlement="net_transfers",
                                         note="Syntetisk økonomi til belastningstest."))
        _save(Charge(year=economy_year, name="Kontingent: sekretariat", kind="equal_share", total=Decimal("9800000")))
        _save(Charge(year=economy_year, name="Fælles platforme", kind="per_inhabitant", rate=Decimal("4.50")))
    present = set(Project.objects.filter(year=economy_year).values_list("name", flat=True))
    for number in range(1, projects + 1):
        name = f"Projekt {number:03d}"
        if name in present:
            continue
        rng = random.Random(number)
        project = _save(Project(year=economy_year, name=name, hourly_rate=Decimal(rng.choice([750, 800, 850, 900])),
                                key=rng.choice(["population", "equal"]),
                                rate_decision_reference=f"Bestyrelsen {year}: timesats for projekt {number}"))
        for organisation in rng.sample(municipalities, min(hours_members, len(municipalities))):
            agreed = Decimal(rng.randint(10, 60))
            for month in (3, 6, 9, 12):
                _save(HoursEntry(project=project, organisation=organisation, month=f"{year}-{month:02d}",
                                 agreed_hours=agreed, actual_hours=agreed + rng.randint(-8, 12)))
    current = economy_year.statements.filter(is_current=True).first()
    if current is None or projects > len(present):
        current = economy_services.generate(economy_year, user=services.SYSTEM, channel=Channel.COMMAND)
        log(f"Økonomi: {economy_year} med årsopgørelse v{current.version}")
    return current


def _users(collaboration, municipalities) -> list[tuple[str, str, str | None]]:
    """(username, role, organisation code) for the 50 benchmark users; organisation roles spread over the members."""
    User = get_user_model()
    made = []
    spread = 0
    for prefix, role, count in USERS:
        for number in range(1, count + 1):
            username = f"bench-{prefix}-{number:02d}"
            user, created = User.objects.get_or_create(username=username)
            if created:
                user.set_password(PASSWORD)
                user.save()
            organisation = None
            target = None
            if role == Role.SECRETARIAT:
                target = collaboration
            elif role != Role.OBSERVER:
                organisation = municipalities[spread % len(municipalities)]
                spread += 7  # spread over the members rather than the first few
            if not RoleAssignment.objects.filter(user=user, role=role).exists():
                _save(RoleAssignment(user=user, role=role, collaboration=target, organisation=organisation))
            made.append((username, role.value, organisation.code if organisation else None))
    return made
