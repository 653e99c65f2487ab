"""Template filters of the portfolio app."""

from decimal import Decimal

from django import template

from digisam.core.templatetags.digisam import pct

register = template.Library()


@register.filter
def share(value, decimals=1):
    """A fraction (0.5) as a Danish percentage ("50,0 %")."""
    if value in (None, ""):
        return ""
    return pct(Decimal(str(value)) * 100, decimals)
