"""How fresh and complete each member's portfolio is, seen by one collaboration (issue 12 item 18):
the secretariat asks members for their portfolios and chases those whose data is old or missing.

Per active member (membership role "member", a municipality):
- last updated: the latest of its applied imports (template or KITOS files), its finished KITOS
  API syncs and every audited change to its systems, contracts and contacts (an applied import
  writes audit entries too — the import's own time is kept as the source that says "import");
- systems, systems without a contract, contracts, and contracts without cost, notice period or
  expiry date; a completeness share: the checks that hold over all checks (each system: has a
  contract; each contract: has notice and expiry, and a cost where the economy is shared);
- stale when the last update is older than `STALE_AFTER_DAYS`, missing when there is no data.

Only what the member shares: a member that does not share its portfolio with the collaboration
shows `shares=False` and no figures; one that shares its portfolio but not its economy shows no
"without cost" count (it would tell which contracts have no price). A fixed number of queries,
whatever the number of members."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Max, Q
from django.utils import timezone

from . import selectors
from .models import Contact, Contract, PortfolioImport, UpdateRequest, Usage

#: data older than this many days is flagged; setting DIGISAM_PORTFOLIO_STALE_DAYS
STALE_AFTER_DAYS = 180

KITOS_SYNC_JOB = "portfolio_kitos_sync"
SOURCE_IMPORT, SOURCE_SYNC, SOURCE_EDIT = "import", "sync", "edit"


def stale_after_days() -> int:
    return int(getattr(settings, "DIGISAM_PORTFOLIO_STALE_DAYS", STALE_AFTER_DAYS))


@dataclass
class MemberFreshness:
    organisation: object
    shares: bool
    economy: bool = False
    last_updated: datetime.datetime | None = None
    source: str = ""
    systems: int = 0
    systems_without_contract: int = 0
    contracts: int = 0
    contracts_without_cost: int | None = None
    contracts_without_notice: int = 0
    contracts_without_expiry: int = 0
    completeness: Decimal | None = None
    age_days: int | None = None
    last_request: datetime.datetime | None = None
    flags: list = field(default_factory=list)

    @property
    def missing(self) -> bool:
        return self.shares and not self.systems and not self.contracts

    @property
    def stale(self) -> bool:
        return self.shares and (self.missing or self.last_updated is None or self.age_days > stale_after_days())

    @property
    def needs_update(self) -> bool:
        """Old or missing data: the bulk request goes to these."""
        return self.stale


def _latest(pairs, into: dict, source: str):
    for organisation_id, moment in pairs:
        if moment and (organisation_id not in into or moment > into[organisation_id][0]):
            into[organisation_id] = (moment, source)


def member_freshness(collaboration, *, now: datetime.datetime | None = None) -> list[MemberFreshness]:
    """One row per active member municipality; stale and missing first, then the oldest first."""
    from digisam.collaborations.models import PRICE_READING_ROLES
    from digisam.core.models import AuditEntry, Job, JobStatus

    now = now or timezone.now()
    memberships = collaboration.active_memberships(timezone.localdate(now)).filter(
        role__in=PRICE_READING_ROLES, organisation__kind="municipality")
    organisations = {m.organisation_id: m.organisation for m in memberships}
    members = list(organisations)
    shared = set(selectors.sharing_members(collaboration, on=timezone.localdate(now))) & set(members)
    economy = selectors.economy_shared_organisation_ids(collaboration, on=timezone.localdate(now)) & shared

    latest: dict[int, tuple] = {}
    _latest(PortfolioImport.objects.filter(organisation_id__in=shared, applied__isnull=False)
            .values("organisation_id").annotate(at=Max("applied")).values_list("organisation_id", "at"),
            latest, SOURCE_IMPORT)
    _latest(Job.objects.filter(organisation_id__in=shared, kind=KITOS_SYNC_JOB, status=JobStatus.SUCCEEDED)
            .values("organisation_id").annotate(at=Max("finished")).values_list("organisation_id", "at"),
            latest, SOURCE_SYNC)
    types = ContentType.objects.get_for_models(Usage, Contract, Contact).values()
    edits = {}
    _latest(AuditEntry.objects.filter(organisation_id__in=shared, content_type__in=list(types))
            .values("organisation_id").annotate(at=Max("timestamp")).values_list("organisation_id", "at"),
            edits, SOURCE_EDIT)
    for organisation_id, (moment, source) in edits.items():
        # An import's own audit entries come a moment before its `applied` time: keep "import" then.
        if organisation_id not in latest or moment > latest[organisation_id][0] + datetime.timedelta(minutes=5):
            latest[organisation_id] = (moment, source)

    usage_counts = {row["organisation_id"]: row for row in Usage.objects.filter(organisation_id__in=shared)
                    .values("organisation_id").annotate(n=Count("id", distinct=True),
                                                       without=Count("id", filter=Q(contracts__isnull=True),
                                                                     distinct=True))}
    no_cost = Q(cost_operation=0, cost_other=0, cost_acquisition=0)
    contract_counts = {row["organisation_id"]: row for row in Contract.objects.filter(organisation_id__in=shared)
                       .values("organisation_id").annotate(
                           n=Count("id"), without_cost=Count("id", filter=no_cost),
                           without_notice=Count("id", filter=Q(notice_months__isnull=True)),
                           without_expiry=Count("id", filter=Q(expires__isnull=True)))}
    last_requests = dict(UpdateRequest.objects.filter(collaboration=collaboration, organisation_id__in=members)
                         .values("organisation_id").annotate(at=Max("created")).values_list("organisation_id", "at"))

    rows = []
    for organisation_id, organisation in organisations.items():
        row = MemberFreshness(organisation=organisation, shares=organisation_id in shared,
                              last_request=last_requests.get(organisation_id))
        if row.shares:
            row.economy = organisation_id in economy
            usages = usage_counts.get(organisation_id, {})
            contracts = contract_counts.get(organisation_id, {})
            row.systems, row.systems_without_contract = usages.get("n", 0), usages.get("without", 0)
            row.contracts = contracts.get("n", 0)
            row.contracts_without_notice = contracts.get("without_notice", 0)
            row.contracts_without_expiry = contracts.get("without_expiry", 0)
            checks = row.systems + row.contracts * 2
            failed = row.systems_without_contract + row.contracts_without_notice + row.contracts_without_expiry
            if row.economy:
                row.contracts_without_cost = contracts.get("without_cost", 0)
                checks += row.contracts
                failed += row.contracts_without_cost
            if checks:
                row.completeness = (Decimal(checks - failed) / Decimal(checks)).quantize(Decimal("0.001"))
            if organisation_id in latest:
                row.last_updated, row.source = latest[organisation_id]
                row.age_days = (now - row.last_updated).days
        rows.append(row)
    rows.sort(key=lambda r: (not r.stale, not r.shares, r.last_updated or datetime.datetime.min.replace(
        tzinfo=datetime.UTC), r.organisation.name))
    return rows
