"""Which contracts need attention because of their notice deadline (issue 12, item 10): per
contract, whether the last day to give notice has passed while the contract still runs
(*overdue*), falls within the next `NOTICE_HORIZON_DAYS` days (*due*), or neither — relative to
today. The plan, the contract list, the API filter and the dashboard all ask this one module.

Rules (the same as the daily reminder in `notices.py`):
- Only fixed-term contracts have a notice deadline that can pass: one with an expiry date
  ("Gyldig til"), a notice period and no notice given yet. An open-ended contract can be given
  notice any day (its "last day" is always the coming period end), so it is neither.
- An expired contract is neither; so is a contract that has not started when its deadline has
  already passed (it does not run yet). A contract that has not started but whose deadline is
  within the horizon is *due*: the day is real.
- The deadline is `contract_dates.last_notice_day`: the last day notice can be given so the
  contract ends at its expiry. Today counts as due (0 days left); exactly `NOTICE_HORIZON_DAYS`
  days ahead is due, one more day is not.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from . import contract_dates

#: how far ahead a notice deadline counts as near (days); setting DIGISAM_NOTICE_HORIZON_DAYS
NOTICE_HORIZON_DAYS = 90

OVERDUE, DUE, NONE = "overdue", "due", ""


def horizon_days() -> int:
    return int(getattr(settings, "DIGISAM_NOTICE_HORIZON_DAYS", NOTICE_HORIZON_DAYS))


@dataclass(frozen=True)
class NoticeState:
    """A contract's notice deadline relative to today: `state` is OVERDUE, DUE or NONE; `days` the
    days from today to the deadline (negative when passed)."""

    state: str = NONE
    deadline: datetime.date | None = None
    days: int | None = None

    @property
    def flagged(self) -> bool:
        return self.state in (OVERDUE, DUE)

    @property
    def label(self) -> str:
        """The tag text: "Frist overskredet", "Frist i dag", "Frist om 23 dage"."""
        if self.state == OVERDUE:
            return gettext("Frist overskredet")
        if self.state == DUE:
            if self.days == 0:
                return gettext("Frist i dag")
            return ngettext("Frist om %(days)s dag", "Frist om %(days)s dage", self.days) % {"days": self.days}
        return ""


def classify(terms: contract_dates.Terms, today: datetime.date, *, horizon: int | None = None) -> NoticeState:
    """The notice state of contract terms on `today` (pure: no database)."""
    horizon = horizon_days() if horizon is None else horizon
    if terms.expires is None or terms.terminated or terms.notice_months is None or terms.expires < today:
        return NoticeState()
    deadline = contract_dates.last_notice_day(terms, today)
    if deadline is None:
        return NoticeState()
    if deadline < today and terms.valid_from and terms.valid_from > today:
        return NoticeState(NONE, deadline, (deadline - today).days)
    return date_state(deadline, today, horizon=horizon)


def date_state(deadline: datetime.date | None, today: datetime.date, *, horizon: int | None = None) -> NoticeState:
    """The state of a notice deadline of a running contract (the plan's own deadlines: the last day
    to give notice for the plan's switch month)."""
    if deadline is None:
        return NoticeState()
    horizon = horizon_days() if horizon is None else horizon
    days = (deadline - today).days
    if days < 0:
        return NoticeState(OVERDUE, deadline, days)
    if days <= horizon:
        return NoticeState(DUE, deadline, days)
    return NoticeState(NONE, deadline, days)


def contract_state(contract, today: datetime.date | None = None, *, horizon: int | None = None) -> NoticeState:
    return classify(contract.terms(), today or timezone.localdate(), horizon=horizon)


def candidates(queryset: QuerySet, today: datetime.date) -> QuerySet:
    """Narrow a contract queryset in the database to those that can be flagged at all."""
    return queryset.filter(expires__isnull=False, expires__gte=today, terminated__isnull=True,
                           notice_months__isnull=False)


def flagged(queryset: QuerySet, today: datetime.date | None = None, *, horizon: int | None = None) -> list:
    """(contract, NoticeState) for every contract of `queryset` that is overdue or due, the
    earliest deadline first. One query (the caller adds select_related for what it shows)."""
    today = today or timezone.localdate()
    result = []
    for contract in candidates(queryset, today):
        state = contract_state(contract, today, horizon=horizon)
        if state.flagged:
            result.append((contract, state))
    result.sort(key=lambda pair: (pair[1].deadline, pair[0].pk))
    return result


def flagged_ids(queryset: QuerySet, today: datetime.date | None = None, *, horizon: int | None = None) -> list[int]:
    """The primary keys of `flagged(queryset)` (for a filter that stays a queryset: the API)."""
    today = today or timezone.localdate()
    fields = ("pk", "valid_from", "expires", "irrevocable_until", "terminated", "notice_months", "notice_runs_to",
              "extension_count", "extensions_used", "extension_months", "early_exit_months")
    ids = []
    for row in candidates(queryset, today).values(*fields):
        terms = contract_dates.Terms(
            valid_from=row["valid_from"], expires=row["expires"], irrevocable_until=row["irrevocable_until"],
            terminated=row["terminated"], notice_months=row["notice_months"], notice_runs_to=row["notice_runs_to"],
            remaining_extension_months=max(0, row["extension_count"] - row["extensions_used"])
            * row["extension_months"], early_exit_months=row["early_exit_months"])
        if classify(terms, today, horizon=horizon).flagged:
            ids.append(row["pk"])
    return ids
