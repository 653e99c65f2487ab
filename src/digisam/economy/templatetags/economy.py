"""Template filters of the economy app."""

from django import template

from digisam.economy.explanations import translated

register = template.Library()


@register.filter
def explanation(text):
    """An engine explanation in the reader's language (see economy.explanations)."""
    return translated(text)
