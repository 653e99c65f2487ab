"""What a stored run shows: tenders, members, capacity, beyond the horizon, the timeline (inline
SVG) and one member's own view — all computed from the run's stored instance and plan JSON, so a
run looks the same forever, whatever happens to the portfolio afterwards."""

from __future__ import annotations

import datetime
from collections import defaultdict
from decimal import Decimal

from django.core.cache import cache
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from .builder import month_diff, month_start

MONTHS_DA = ["jan.", "feb.", "mar.", "apr.", "maj", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "dec."]
MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def month_label(text: str | None) -> str:
    """'2027-03' as 'mar. 2027' (Danish) or 'Mar 2027' (English)."""
    if not text:
        return ""
    year, month = text.split("-")
    names = MONTHS_EN if (translation.get_language() or "da").startswith("en") else MONTHS_DA
    return f"{names[int(month) - 1]} {year}"


def add_month(text: str, months: int) -> str:
    year, month = map(int, text.split("-"))
    index = year * 12 + month - 1 + months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _pct(savings, baseline):
    return round(savings * 100 / baseline, 2) if baseline else 0.0


def _money(value) -> Decimal:
    return Decimal(str(value or 0))


def breakdown(participants) -> dict:
    """What a finance officer can check, for one participant line or a sum of them.

    The model's ``cost`` nets the harmonisation saving (``g · (H − t) / 12``: shared support,
    configuration and operation of one common system) into the contract costs, so a member with a
    large harmonisation gain shows a negative cost and a saving above 100 %. Shown apart instead:
    ``contract_cost`` (tender share + current contract until the switch + new contract to the
    horizon), ``contract_savings`` against the baseline and its percentage of the baseline contract
    costs, ``harmonisation`` as its own gain, and ``net`` (= the model's cost) with ``savings`` (=
    the model's saving = contract saving + harmonisation gain). Plans stored before the
    breakdown existed carry no parts: their whole cost counts as contract cost."""
    contract = harmonisation = baseline = Decimal(0)
    for p in participants:
        if "tender_cost_share" in p:
            contract += _money(p["tender_cost_share"]) + _money(p["current_contract_cost"]) + _money(
                p["new_contract_cost"])
            harmonisation += _money(p.get("harmonisation_saving"))
        else:
            contract += _money(p.get("cost"))
        baseline += _money(p.get("baseline_cost"))
    net = contract - harmonisation
    return {
        "contract_cost": contract,
        "harmonisation": harmonisation,
        "net": net,
        "baseline_cost": baseline,
        "contract_savings": baseline - contract,
        "contract_savings_pct": _pct(baseline - contract, baseline),
        "savings": baseline - net,
    }


def plan_view(run) -> dict:
    """Everything the plan page, the exports and the PDF show."""
    instance, plan = run.instance or {}, run.plan or {}
    start, horizon = instance.get("start"), instance.get("horizon_months", 0)
    categories = {c["id"]: c for c in instance.get("categories", [])}
    names = {m["code"]: m["name"] for m in instance.get("municipalities", [])}
    tenders = []
    for number, tender in enumerate(plan.get("tenders", []), start=1):
        category = categories.get(tender["category"], {})
        joint = tender.get("kind") == "joint"
        window_end = add_month(tender["start"], category.get("framework_months", 1) - 1) if joint else tender["start"]
        participants = []
        for p in tender.get("participants", []):
            participants.append({
                **p,
                "name": p.get("name") or names.get(p["municipality"], p["municipality"]),
                "savings_pct": _pct(p.get("savings", 0), p.get("baseline_cost", 0)),
                "switch_label": month_label(p["contract_start"]),
                "figures": breakdown([p]),
            })
        tenders.append({
            "number": number,
            "category": tender["category"],
            "category_name": category.get("name", tender["category"]),
            "joint": joint,
            "start": tender["start"],
            "start_label": month_label(tender["start"]),
            "preparation": tender.get("preparation"),
            "preparation_label": (
                f"{month_label(tender['preparation']['from'])} – {month_label(tender['preparation']['to'])}"
                if tender.get("preparation") else ""
            ),
            "window_end": window_end,
            "window_label": f"{month_label(tender['start'])} – {month_label(window_end)}" if joint else "",
            "discount_pct": round(tender.get("discount", 0) * 100, 2),
            "population": tender.get("population"),
            "tender_cost": tender.get("tender_cost"),
            "cost": tender.get("cost"),
            "baseline_cost": tender.get("baseline_cost"),
            "savings": tender.get("savings"),
            "savings_pct": _pct(tender.get("savings", 0), tender.get("baseline_cost", 0)),
            "participants": participants,
            "figures": breakdown(participants),
            "member_names": ", ".join(p["name"] for p in participants),
        })
    by_member = defaultdict(list)
    for tender in tenders:
        for p in tender["participants"]:
            by_member[p["municipality"]].append(p)
    members = []
    for code, row in (plan.get("per_municipality") or {}).items():
        members.append({"code": code, **row, "name": row.get("name") or names.get(code, code),
                        "figures": breakdown(by_member.get(code, []))})
    members.sort(key=lambda r: r["name"])
    per_category = [
        {"id": cid, **row} for cid, row in (plan.get("per_category") or {}).items()
    ]
    capacity = capacity_rows(tenders, instance.get("max_parallel_joint_tenders", 0))
    beyond = [
        {**row, "name": names.get(row["municipality"], row["municipality"]),
         "category_name": categories.get(row["category"], {}).get("name", row["category"]),
         "expires_label": month_label(row.get("expires"))}
        for row in plan.get("beyond_horizon", [])
    ]
    end = add_month(start, horizon - 1) if start else None
    return {
        "start": start, "start_label": month_label(start), "end_label": month_label(end), "horizon": horizon,
        "capacity_k": instance.get("max_parallel_joint_tenders"),
        "tenders": tenders,
        "joint_tenders": [t for t in tenders if t["joint"]],
        "solo_tenders": [t for t in tenders if not t["joint"]],
        "members": members,
        "per_category": per_category,
        "capacity": capacity,
        "beyond": beyond,
        "summary": {
            key: plan.get(key) for key in (
                "total_cost", "baseline_cost", "savings", "savings_pct", "joint_tenders", "solo_tenders",
                "status", "lower_bound", "gap", "runtime_seconds", "peak_joint_tenders_in_preparation",
            )
        },
        "figures": breakdown([p for tender in tenders for p in tender["participants"]]),
        "timeline": timeline_svg(tenders, start, horizon) if start and tenders else "",
    }


def capacity_rows(tenders, k):
    """Months with at least one joint tender in preparation: how many, and which."""
    months = defaultdict(list)
    for tender in tenders:
        prep = tender["preparation"]
        if not tender["joint"] or not prep:
            continue
        month = prep["from"]
        while month_diff(month, prep["to"]) <= 0:
            months[month].append(tender)
            month = add_month(month, 1)
    rows = []
    for month in sorted(months):
        rows.append({
            "month": month, "label": month_label(month), "count": len(months[month]), "k": k,
            "full": len(months[month]) >= (k or 0),
            "tenders": ", ".join(f"#{t['number']} {t['category_name']}" for t in months[month]),
        })
    return rows


COLORS = {"prep": "#f2c57c", "window": "#8cb4e2", "solo": "#6c757d", "switch": "#0b4f8a", "grid": "#dddddd"}


def timeline_svg(tenders, start: str, horizon: int) -> str:
    """Gantt-like timeline: one row per joint tender (preparation, call-off window, every member's
    switch month), then one row per category for the tenders members run alone."""
    label_w, px, row_h, top = 230, max(3, min(10, 840 // max(1, horizon))), 26, 24
    rows = [("joint", t) for t in tenders if t["joint"]]
    solo_by_cat = defaultdict(list)
    for t in tenders:
        if not t["joint"]:
            solo_by_cat[t["category_name"]].append(t)
    rows += [("solo", (name, items)) for name, items in sorted(solo_by_cat.items())]
    width = label_w + horizon * px + 10
    height = top + row_h * len(rows) + 24
    parts = [
        # Text style by inherited presentation attributes: the Content-Security-Policy allows no style element.
        f'<svg xmlns="http://www.w3.org/2000/svg" class="digisam-timeline" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-labelledby="timeline-title" font-size="11" '
        'font-family="sans-serif" fill="#222">',
        f'<title id="timeline-title">{escape(_("Tidslinje for udbud: forberedelse, tildelingsvindue og skiftemåneder"))}</title>',
    ]

    def x(month: str) -> float:
        return label_w + month_diff(month, start) * px

    first_year = int(start[:4])
    for index in range(horizon + 1):
        month = add_month(start, index)
        if month.endswith("-01") or index == 0:
            gx = label_w + index * px
            parts.append(f'<line x1="{gx}" y1="{top - 6}" x2="{gx}" y2="{height - 20}" stroke="{COLORS["grid"]}"/>')
            if int(month[:4]) >= first_year and (px * 12 >= 30 or int(month[:4]) % 2 == 0):
                parts.append(f'<text x="{gx + 2}" y="{top - 10}">{month[:4]}</text>')
    for n, (kind, item) in enumerate(rows):
        y = top + n * row_h
        if kind == "joint":
            t = item
            label = f"#{t['number']} {t['category_name']} ({len(t['participants'])})"
            parts.append(f'<text x="4" y="{y + 16}">{escape(label[:38])}</text>')
            if t["preparation"]:
                px0, px1 = x(t["preparation"]["from"]), x(t["start"])
                parts.append(
                    f'<rect x="{px0}" y="{y + 5}" width="{max(1, px1 - px0)}" height="14" fill="{COLORS["prep"]}">'
                    f'<title>{escape(_("Forberedelse"))} {escape(t["preparation_label"])}</title></rect>'
                )
            wx0 = x(t["start"])
            wx1 = min(x(add_month(t["window_end"], 1)), label_w + horizon * px)
            parts.append(
                f'<rect x="{wx0}" y="{y + 5}" width="{max(1, wx1 - wx0)}" height="14" fill="{COLORS["window"]}">'
                f'<title>{escape(_("Tildelingsvindue"))} {escape(t["window_label"])}</title></rect>'
            )
            for p in t["participants"]:
                cx = x(p["contract_start"]) + px / 2
                parts.append(
                    f'<circle cx="{cx}" cy="{y + 12}" r="4" fill="{COLORS["switch"]}">'
                    f'<title>{escape(p["name"])}: {escape(_("skifter"))} {escape(p["switch_label"])}</title></circle>'
                )
        else:
            name, items = item
            parts.append(f'<text x="4" y="{y + 16}">{escape((_("Alene: ") + name)[:38])}</text>')
            for t in items:
                p = t["participants"][0]
                cx = x(p["contract_start"]) + px / 2
                parts.append(
                    f'<rect x="{cx - 3}" y="{y + 7}" width="6" height="10" fill="{COLORS["solo"]}">'
                    f'<title>{escape(p["name"])}: {escape(_("eget udbud, skifter"))} {escape(p["switch_label"])}</title></rect>'
                )
    ly = height - 8
    legend = [(COLORS["prep"], _("Forberedelse")), (COLORS["window"], _("Tildelingsvindue")),
              (COLORS["switch"], _("Medlem skifter")), (COLORS["solo"], _("Eget udbud"))]
    lx = 4
    for color, text in legend:
        parts.append(f'<rect x="{lx}" y="{ly - 9}" width="10" height="10" fill="{color}"/>')
        parts.append(f'<text x="{lx + 14}" y="{ly}">{escape(text)}</text>')
        lx += 20 + len(text) * 7
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text part above is escaped


def notice_deadline(info: dict | None, switch_month: str, expires_month: str | None = None) -> datetime.date | None:
    """Last day to give notice so the current contract ends the day before the switch month."""
    if not info or info.get("notice_months") is None:
        return None
    from digisam.portfolio.contract_dates import Terms, last_notice_day

    end = month_start(switch_month) - datetime.timedelta(days=1)
    terms = Terms(expires=end, notice_months=info["notice_months"], notice_runs_to=info.get("notice_runs_to") or "month")
    return last_notice_day(terms, datetime.date.today())


CACHE_SECONDS = 24 * 3600


def _cache_key(run, *parts) -> str:
    finished = run.finished.isoformat() if run.finished else "-"
    return ":".join(["digisam", "plan-view", str(run.pk), finished, run.status, translation.get_language() or "-",
                     *parts])


def cached_plan_view(run) -> dict | None:
    """plan_view(run), kept in the cache once the run has finished: a finished run's instance and
    plan never change (a new calculation is a new run), so the key — run, finish time, status,
    language — needs no invalidation, and every server may keep its own copy. None without a plan.
    Unfinished runs are computed every time."""
    if not run.done:
        return plan_view(run) if run.plan else None
    key = _cache_key(run)
    value = cache.get(key)
    if value is None:
        value = plan_view(run) if run.plan else False
        cache.set(key, value, CACHE_SECONDS)
    return value or None


def cached_member_view(run, code: str) -> dict | None:
    """member_view(run, code) through the cache, on the same terms as `cached_plan_view`."""
    if not run.done:
        return member_view(run, code) if run.plan else None
    key = _cache_key(run, "member", code)
    value = cache.get(key)
    if value is None:
        value = member_view(run, code) if run.plan else False
        cache.set(key, value, CACHE_SECONDS)
    return value or None


def member_view(run, code: str) -> dict:
    """One member's part of the plan: its tenders, switch months, last day to give notice, savings."""
    view = cached_plan_view(run) if run.done else plan_view(run)
    rows = []
    for tender in view["tenders"]:
        for p in tender["participants"]:
            if p["municipality"] != code:
                continue
            info = (run.contract_info or {}).get(f"{code}/{tender['category']}")
            expires = p.get("expires")
            if expires and month_diff(p["contract_start"], expires) > 0:
                action = "extend"
            elif expires and month_diff(p["contract_start"], expires) < 0:
                action = "early_exit"
            else:
                action = "expiry"
            rows.append({
                "tender": tender, "participant": p, "info": info,
                "notice_deadline": notice_deadline(info, p["contract_start"]),
                "action": action,
                "partners": [q["name"] for q in tender["participants"] if q["municipality"] != code],
            })
    rows.sort(key=lambda r: (r["participant"]["contract_start"], r["tender"]["category_name"]))
    total = next((m for m in view["members"] if m["code"] == code), None)
    beyond = [b for b in view["beyond"] if b["municipality"] == code]
    left_out = [row for row in (run.left_out or []) if row.get("municipality") == code]
    figures = total["figures"] if total else None
    return {"rows": rows, "total": total, "figures": figures, "beyond": beyond, "left_out": left_out, "view": view}
