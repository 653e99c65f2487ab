"""Demo portfolios: ~30 categories for every municipality in a few demo collaborations, costs per
inhabitant in the magnitudes of the planning instances, contract ends spread over ten years.

Deterministic (seeded per municipality), idempotent (loaded through the importer: a second run finds
everything unchanged) and quick. All members share portfolio and economy with these collaborations."""

from __future__ import annotations

import datetime
from decimal import Decimal

from digisam.collaborations.models import Collaboration
from digisam.core import services
from digisam.core.models import Channel
from digisam.organisations.models import population_map

from . import exports, generate, harmonisation
from .importer import import_file
from .models import HarmonisationTarget, SharingSetting

DEMO_COLLABORATIONS = ("storkoebenhavn", "nordsjaelland", "silkeborg-viborg", "4k")


def load(ctx):
    log = ctx.get("log", print)
    collaborations = list(Collaboration.objects.filter(slug__in=DEMO_COLLABORATIONS))
    members = {}
    for collaboration in collaborations:
        for membership in collaboration.active_memberships():
            if membership.organisation.kind == "municipality":
                members[membership.organisation.pk] = membership.organisation
    if not members:
        return
    today = datetime.date.today()
    populations = population_map(list(members), today)
    records = []
    for organisation in sorted(members.values(), key=lambda o: o.code):
        records += generate.portfolio_records(
            [(organisation.code, populations.get(organisation.pk, 50000))], seed=int(organisation.code),
            start=today.replace(day=1),
        )
    header, rows = generate.template_table(records)
    result = import_file(exports.write_csv(header, rows), "demo.csv", user=services.SYSTEM, dry_run=False,
                         channel=Channel.IMPORT)
    if not result.ok:
        log("Porteføljer: demo-data blev afvist: " + "; ".join(result.errors[:5]))
        return
    with services.operation():
        for collaboration in collaborations:
            for membership in collaboration.active_memberships():
                if membership.organisation_id not in members:
                    continue
                setting = SharingSetting.objects.filter(organisation_id=membership.organisation_id,
                                                        collaboration=collaboration).first()
                if setting is None:
                    services.save(SharingSetting(organisation_id=membership.organisation_id,
                                                 collaboration=collaboration, share_portfolio=True, share_economy=True),
                                  user=services.SYSTEM, channel=Channel.COMMAND)
        primary = ctx.get("primary")
        if primary is not None and primary.slug in DEMO_COLLABORATIONS and not HarmonisationTarget.objects.filter(
                collaboration=primary).exists():
            services.save(HarmonisationTarget(
                collaboration=primary, target_index=Decimal("0.5"), baseline_date=today,
                target_date=today.replace(year=today.year + 5),
                description="50 % af medlemsparrene på samme system inden for fem år."),
                user=services.SYSTEM, channel=Channel.COMMAND)
        for collaboration in collaborations:
            harmonisation.record_snapshots(harmonisation.build(collaboration, today=today), user=services.SYSTEM,
                                           channel=Channel.COMMAND)
    log(f"Porteføljer: {len(members)} kommuner – {result.summary()}")
