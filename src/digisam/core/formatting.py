"""Dates and numbers in text a person reads, outside templates (messages, names, CLI output): the active
language's formats (`digisam.formats`): 17.12.2026 and 1.250,5 in Danish. Templates get the same through
Django's localisation and the `digisam` template filters."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import formats, timezone


def short_date(value) -> str:
    """17.12.2026 (Danish) / 17 Dec 2026 (English); '' for None."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        value = value.date()
    return formats.date_format(value, "SHORT_DATE_FORMAT")


def short_datetime(value) -> str:
    """17.12.2026 14:30 in the local time zone; '' for None."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    if not isinstance(value, datetime.datetime):
        return short_date(value)
    return formats.date_format(value, "SHORT_DATETIME_FORMAT")


def number(value, decimals: int | None = None) -> str:
    """85,5 / 1.800.000,00 in Danish, 85.5 / 1,800,000.00 in English; '' for None."""
    if value is None:
        return ""
    if decimals is not None:
        value = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals))
    return formats.number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)
