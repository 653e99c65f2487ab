"""The harmonisation picture of one collaboration: who runs which product in each category, when
each contract can end, how harmonised the members are, and where several can switch together.

Index (per category): the share of pairs of members (with a known product in the category) that run
the same product — 1.0 when all run the same, 0.0 when all differ; no index with fewer than two.
Overall: the same share pooled over all categories (pairs on the same product / all pairs).
A member's product in a category is that of its usage in operation (else phasing out, phasing in,
undecided), else its contract's product.
Switching window (as the planner sees it): from expiry less the early-exit months (not before today)
to the latest end with all options; open-ended contracts from the earliest end by notice.
Clusters: months in which at least a third of the sharing members (at least 3; 2 in collaborations
of fewer than 4) are inside their switching window — candidate joint tenders.
Only what the members share with *this* collaboration is used (selectors); contract economy only
where it is shared too.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from digisam.core.formatting import short_date

from . import contract_dates, selectors
from .models import Category, HarmonisationSnapshot, Lifecycle

PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
           "#bcbd22", "#17becf", "#393b79", "#637939"]
LIFECYCLE_RANK = {Lifecycle.OPERATIONAL: 0, Lifecycle.PHASING_OUT: 1, Lifecycle.PHASING_IN: 2,
                  Lifecycle.UNDECIDED: 3, Lifecycle.NOT_IN_USE: 9}
HORIZON_MONTHS = 120


def pair_index(products: list) -> tuple[Decimal | None, int, int]:
    """(index, same_pairs, all_pairs) for a list of product keys (one per member)."""
    n = len(products)
    if n < 2:
        return None, 0, 0
    same = sum(c * (c - 1) // 2 for c in Counter(products).values())
    pairs = n * (n - 1) // 2
    return (Decimal(same) / Decimal(pairs)).quantize(Decimal("0.0001")), same, pairs


@dataclass
class Cell:
    product: str = ""
    product_id: int | None = None
    colour: str = ""
    window: tuple | None = None  # (earliest_end, latest_end)
    expires: datetime.date | None = None
    status: str = ""
    annual_cost: Decimal | None = None  # only when economy is shared


@dataclass
class CategoryRow:
    category: Category
    cells: list = field(default_factory=list)
    index: Decimal | None = None
    distinct: int = 0
    members_with_data: int = 0
    same_pairs: int = 0
    pairs: int = 0
    clusters: list = field(default_factory=list)  # (start_month_date, end_month_date, max_members)
    legend: list = field(default_factory=list)  # (product name, colour, count)


@dataclass
class Picture:
    collaboration: object
    members: list  # organisations (active members), sharing first
    sharing_ids: set
    economy_ids: set
    rows: list
    overall: Decimal | None
    distinct_total: int
    today: datetime.date
    cluster_min: int

    @property
    def hidden_members(self):
        return [m for m in self.members if m.pk not in self.sharing_ids]


CONTRACT_VALUES = ("pk", "organisation_id", "category_id", "product_id", "valid_from", "expires", "irrevocable_until",
                   "terminated", "notice_months", "notice_runs_to", "extension_count", "extension_months",
                   "extensions_used", "early_exit_months", "cost_operation", "cost_other")


def build(collaboration, *, today: datetime.date | None = None) -> Picture:
    """Reads plain values (no model instances) so a 98-member collaboration renders quickly."""
    from .models import Product

    today = today or datetime.date.today()
    members = [m.organisation for m in collaboration.active_memberships(today).order_by("organisation__name")]
    sharing = selectors.sharing_members(collaboration, on=today)
    sharing_ids = set(sharing)
    economy_ids = selectors.economy_shared_organisation_ids(collaboration, on=today)
    shown = [m for m in members if m.pk in sharing_ids]
    usages = defaultdict(list)
    for category_id, organisation_id, product_id, lifecycle in selectors.visible_usages(
            collaboration, on=today, members=sharing).order_by().values_list(
            "category_id", "organisation_id", "product_id", "lifecycle"):
        if lifecycle != Lifecycle.NOT_IN_USE:
            usages[(category_id, organisation_id)].append((LIFECYCLE_RANK.get(lifecycle, 5), product_id))
    contracts = defaultdict(list)
    for row in selectors.visible_contracts(collaboration, include_economy=False, on=today, members=sharing,
                                           economy_ids=economy_ids).order_by().values(*CONTRACT_VALUES):
        contracts[(row["category_id"], row["organisation_id"])].append(row)
    product_ids = {p for values in usages.values() for _r, p in values if p} | {
        c["product_id"] for values in contracts.values() for c in values if c["product_id"]}
    product_names = dict(Product.objects.filter(pk__in=product_ids).values_list("pk", "name"))
    category_ids = {k[0] for k in usages} | {k[0] for k in contracts}
    categories = list(Category.objects.filter(pk__in=category_ids).order_by("sort_order", "name"))
    cluster_min = cluster_threshold(len(shown))
    rows = []
    total_same = total_pairs = 0
    all_products = set()
    for category in categories:
        row = CategoryRow(category=category)
        keys = []
        for member in shown:
            cell = Cell()
            member_usages = sorted(usages.get((category.pk, member.pk), []), key=lambda u: u[0])
            product_id = member_usages[0][1] if member_usages else None
            member_contracts = sorted(contracts.get((category.pk, member.pk), []),
                                      key=lambda c: (c["expires"] or datetime.date.max))
            contract = member_contracts[0] if member_contracts else None
            if product_id is None and contract is not None:
                product_id = contract["product_id"]
            if product_id is not None:
                cell.product, cell.product_id = product_names.get(product_id, ""), product_id
                keys.append(product_id)
                all_products.add(product_id)
            if contract is not None:
                terms = contract_dates.Terms(
                    valid_from=contract["valid_from"], expires=contract["expires"],
                    irrevocable_until=contract["irrevocable_until"], terminated=contract["terminated"],
                    notice_months=contract["notice_months"], notice_runs_to=contract["notice_runs_to"],
                    remaining_extension_months=max(0, contract["extension_count"] - contract["extensions_used"])
                    * contract["extension_months"], early_exit_months=contract["early_exit_months"],
                )
                cell.expires = contract["expires"]
                cell.window = switch_window(terms, today)
                cell.status = gettext(contract_dates.STATUS_LABELS[contract_dates.status(terms, today)])
                if member.pk in economy_ids:
                    cell.annual_cost = (contract["cost_operation"] or Decimal(0)) + (contract["cost_other"] or Decimal(0))
            row.cells.append(cell)
        counts = Counter(keys)
        colours = {}
        for rank, (product_id, _count) in enumerate(counts.most_common()):
            colours[product_id] = PALETTE[rank % len(PALETTE)]
        row.legend = [(product_names.get(pid, ""), colours[pid], count) for pid, count in counts.most_common()]
        for cell in row.cells:
            cell.colour = colours.get(cell.product_id, "")
        row.index, row.same_pairs, row.pairs = pair_index(keys)
        row.distinct = len(counts)
        row.members_with_data = len(keys)
        row.clusters = clusters([c.window for c in row.cells if c.window and c.window[0]], today, cluster_min)
        total_same += row.same_pairs
        total_pairs += row.pairs
        rows.append(row)
    overall = (Decimal(total_same) / Decimal(total_pairs)).quantize(Decimal("0.0001")) if total_pairs else None
    return Picture(collaboration=collaboration, members=sorted(members, key=lambda m: (m.pk not in sharing_ids, m.name)),
                   sharing_ids=sharing_ids, economy_ids=economy_ids, rows=rows, overall=overall,
                   distinct_total=len(all_products), today=today, cluster_min=cluster_min)


def matrix_html(picture: Picture) -> str:
    """The matrix body rows as HTML, built here rather than in the template: ~3,000 cells for a
    98-member collaboration render in milliseconds this way."""
    from digisam.core.templatetags.digisam import kr

    from .templatetags.portfolio_tags import share

    out = []
    for row in picture.rows:
        index = share(row.index) if row.index is not None else "–"
        cells = []
        for c in row.cells:
            # A class per palette colour (digisam.css): the Content-Security-Policy allows no style attributes.
            style = f' class="digisam-mark-{c.colour.lstrip("#")}"' if c.colour else ""
            text = escape(c.product) if c.product else "–"
            if c.window:
                lo = c.window[0].strftime("%m/%Y") if c.window[0] else "?"
                hi = c.window[1].strftime("%m/%Y") if c.window[1] else "?"
                text += f"<br><small>{lo}–{hi}</small>"
            if c.annual_cost is not None:
                text += f"<br><small>{kr(c.annual_cost)}/år</small>"
            cells.append(f"<td{style}>{text}</td>")
        out.append(f'<tr><th scope="row">{escape(row.category.name)}</th>'
                   f'<td data-testid="index-{escape(row.category.slug)}">{index}</td><td>{row.distinct}</td>'
                   + "".join(cells) + "</tr>")
    return mark_safe("".join(out))  # noqa: S308 - product and category names are escaped above


def cluster_threshold(members: int) -> int:
    """How many members must be able to switch at once to call it a cluster: a third of the sharing
    members, at least 3 (2 in collaborations of fewer than 4)."""
    if members < 4:
        return 2
    return max(3, -(-members // 3))


def switch_window(terms: contract_dates.Terms, today: datetime.date):
    """When the member can move to a new contract, as the planner sees it: from expiry less the early
    exit months (not before today) to the latest end with all options. Open-ended contracts: from the
    earliest end by notice to the end of the ten-year horizon."""
    latest = contract_dates.latest_end(terms)
    if terms.expires is None or terms.terminated:
        first = contract_dates.earliest_end(terms, today)
        if first is None:
            return None
        return first, latest or contract_dates.add_months(_month0(today), HORIZON_MONTHS) - datetime.timedelta(days=1)
    first = contract_dates.add_months(terms.expires, -terms.early_exit_months) if terms.early_exit_months \
        else terms.expires
    if latest < today:
        return None
    return max(first, today), latest


def _month0(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def clusters(windows, today, minimum) -> list[tuple[datetime.date, datetime.date, int]]:
    """Maximal runs of months (from this month, ten years ahead) in which at least `minimum` windows
    are open; each as (first month, last month, most members open at once)."""
    start = _month0(today)
    counts = [0] * HORIZON_MONTHS
    for lo, hi in windows:
        hi = hi or lo
        a = max(0, contract_dates.month_index(lo, start))
        b = min(HORIZON_MONTHS - 1, contract_dates.month_index(hi, start))
        for m in range(a, b + 1):
            counts[m] += 1
    result = []
    m = 0
    while m < HORIZON_MONTHS:
        if counts[m] >= minimum:
            first = m
            peak = 0
            while m < HORIZON_MONTHS and counts[m] >= minimum:
                peak = max(peak, counts[m])
                m += 1
            result.append((contract_dates.add_months(start, first), contract_dates.add_months(start, m - 1), peak))
        else:
            m += 1
    return result


def timeline_svg(picture: Picture) -> str:
    """Inline SVG: one band per category, one thin bar per member's switching window, clusters shaded."""
    rows = [r for r in picture.rows if any(c.window and c.window[0] for c in r.cells)]
    label_w, month_w, bar_h = 190, 6, 3
    start = _month0(picture.today)
    heights = []
    for row in rows:
        n = sum(1 for c in row.cells if c.window and c.window[0])
        heights.append(max(18, n * (bar_h + 1) + 6))
    width = label_w + HORIZON_MONTHS * month_w + 10
    height = sum(heights) + 40
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="digisam-timeline" role="img" '
             f'aria-label="Tidslinje over kontrakternes skiftevinduer" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" font-size="11" font-family="sans-serif">']
    for year in range(11):
        x = label_w + (contract_dates.month_index(datetime.date(start.year + year, 1, 1), start)) * month_w
        if x < label_w:
            continue
        parts.append(f'<line x1="{x}" y1="14" x2="{x}" y2="{height - 20}" stroke="#ccc"/>')
        parts.append(f'<text x="{x + 2}" y="11">{start.year + year}</text>')
    y = 18
    for row, h in zip(rows, heights, strict=True):
        parts.append(f'<text x="2" y="{y + 12}">{escape(row.category.name[:30])}</text>')
        for first, last, peak in row.clusters:
            x1 = label_w + contract_dates.month_index(first, start) * month_w
            x2 = label_w + (contract_dates.month_index(last, start) + 1) * month_w
            parts.append(f'<rect class="cluster" x="{x1}" y="{y}" width="{x2 - x1}" height="{h - 2}" '
                         f'fill="#fde68a" opacity="0.7"><title>{peak} medlemmer kan skifte '
                         f'{first:%m/%Y}–{last:%m/%Y}</title></rect>')
        by = y + 3
        for member, cell in zip([m for m in picture.members if m.pk in picture.sharing_ids], row.cells, strict=False):
            if not (cell.window and cell.window[0]):
                continue
            lo, hi = cell.window
            hi = hi or lo
            a = max(0, contract_dates.month_index(lo, start))
            b = min(HORIZON_MONTHS - 1, contract_dates.month_index(hi, start))
            if b >= a:
                x = label_w + a * month_w
                parts.append(f'<rect x="{x}" y="{by}" width="{(b - a + 1) * month_w}" height="{bar_h}" '
                             f'fill="{cell.colour or "#555"}"><title>{escape(member.name)}: {escape(cell.product)} '
                             f'{short_date(lo)}–{short_date(hi)}</title></rect>')
            by += bar_h + 1
        parts.append(f'<line x1="0" y1="{y + h - 1}" x2="{width}" y2="{y + h - 1}" stroke="#eee"/>')
        y += h
    parts.append(f'<rect x="{label_w}" y="{height - 14}" width="10" height="10" fill="#fde68a"/>'
                 f'<text x="{label_w + 14}" y="{height - 5}">Klynge: mindst {picture.cluster_min} medlemmer kan '
                 f'skifte i samme periode</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text part above is escaped


def record_snapshots(picture: Picture, *, user, channel) -> int:
    """Store today's indices (overall and per category): one row per day, updated when the picture
    changed during the day. Returns how many rows were written."""
    from digisam.core import services

    existing = {s.category_id: s for s in HarmonisationSnapshot.objects.filter(
        collaboration=picture.collaboration, date=picture.today)}
    wanted = []
    if picture.overall is not None:
        wanted.append((None, picture.overall, picture.distinct_total, len(picture.sharing_ids)))
    for row in picture.rows:
        if row.index is not None:
            wanted.append((row.category, row.index, row.distinct, row.members_with_data))
    saved = 0
    for category, index, distinct, members in wanted:
        snapshot = existing.get(category.pk if category else None)
        if snapshot is None:
            snapshot = HarmonisationSnapshot(collaboration=picture.collaboration, category=category,
                                             date=picture.today, index=index)
        elif (snapshot.index, snapshot.distinct_products, snapshot.members) == (index, distinct, members):
            continue
        snapshot.index, snapshot.distinct_products, snapshot.members = index, distinct, members
        services.save(snapshot, user=user, channel=channel)
        saved += 1
    return saved


def record_all(*, today: datetime.date | None = None, user=None, channel=None) -> dict:
    """The daily job: today's snapshots of every collaboration with sharing members (written only
    where a figure changed). Returns {collaboration slug: rows written}. The harmonisation page only
    reads; it never writes during a GET."""
    from digisam.collaborations.models import Collaboration
    from digisam.core import services
    from digisam.core.models import Channel

    from .models import SharingSetting

    today = today or datetime.date.today()
    written = {}
    ids = SharingSetting.objects.filter(share_portfolio=True).values_list("collaboration_id", flat=True)
    with services.operation():
        for collaboration in Collaboration.objects.filter(pk__in=ids).order_by("slug"):
            written[collaboration.slug] = record_snapshots(
                build(collaboration, today=today), user=user or services.SYSTEM, channel=channel or Channel.TASK)
    return written


def history(collaboration, picture: Picture, *, last: int = 24) -> list:
    """The overall index over time as (date, index): the stored daily snapshots, with today's live
    figure in place of (or after) today's snapshot, so the page is current without writing."""
    rows = [(d, i) for d, i in HarmonisationSnapshot.objects.filter(collaboration=collaboration, category=None)
            .order_by("date").values_list("date", "index") if d < picture.today]
    if picture.overall is not None:
        rows.append((picture.today, picture.overall))
    return rows[-last:]


def target_progress(collaboration, overall: Decimal | None, today: datetime.date):
    """The target with its progress: share of the way from the baseline index to the target."""
    target = getattr(collaboration, "harmonisation_target", None)
    if target is None:
        return None
    baseline = (HarmonisationSnapshot.objects.filter(collaboration=collaboration, category=None,
                                                     date__gte=target.baseline_date).order_by("date").first()
                or HarmonisationSnapshot.objects.filter(collaboration=collaboration, category=None)
                .order_by("date").first())
    base = baseline.index if baseline else (overall or Decimal(0))
    current = overall if overall is not None else base
    span = target.target_index - base
    progress = Decimal(1) if span <= 0 else max(Decimal(0), min(Decimal(1), (current - base) / span))
    total_days = (target.target_date - target.baseline_date).days or 1
    elapsed = max(0, min(total_days, (today - target.baseline_date).days)) / total_days
    return {"target": target, "baseline": base, "current": current, "progress": progress,
            "time_elapsed": Decimal(str(round(elapsed, 4))), "on_track": progress >= Decimal(str(round(elapsed, 4)))}
