"""Template helpers: DKFDS form widgets, Danish number formats, permission checks."""

from decimal import ROUND_HALF_UP, Decimal

from django import forms, template
from django.utils.html import format_html

from digisam.core import permissions

register = template.Library()


@register.simple_tag
def dkfds_widget(field):
    """Render a bound field's widget with DKFDS classes, aria attributes and error state."""
    widget = field.field.widget
    attrs = {}
    if isinstance(widget, forms.CheckboxInput | forms.CheckboxSelectMultiple | forms.RadioSelect):
        # DKFDS's form-checkbox hides the native input and draws it from a following label; our
        # form layout puts the label first, so native (keyboard- and click-accessible) inputs are used.
        attrs["class"] = "digisam-choice"
    elif isinstance(widget, forms.Select):
        attrs["class"] = "form-select"
    elif isinstance(widget, forms.Textarea):
        attrs["class"] = "form-input"
    elif isinstance(widget, forms.FileInput):
        attrs["class"] = "form-file-input"
    else:
        attrs["class"] = "form-input"
    if field.errors:
        attrs["aria-invalid"] = "true"
        attrs["aria-describedby"] = f"{field.auto_id}-error"
    elif field.help_text:
        attrs["aria-describedby"] = f"{field.auto_id}-hint"
    return field.as_widget(attrs=attrs)


def _group(value: Decimal | int, decimals: int) -> str:
    quantized = Decimal(value).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    sign = "-" if quantized < 0 else ""
    text = f"{abs(quantized):,.{decimals}f}"
    return sign + text.replace(",", "X").replace(".", ",").replace("X", ".")


@register.filter
def kr(value, decimals=0):
    """Danish money: 1.234.567 kr. (or with øre when decimals=2)."""
    if value in (None, ""):
        return ""
    return f"{_group(value, int(decimals))} kr."


@register.filter
def ore_kr(value):
    """Integer øre shown as kroner with øre: 123456 → 1.234,56 kr."""
    if value in (None, ""):
        return ""
    return f"{_group(Decimal(int(value)) / 100, 2)} kr."


@register.filter
def number(value, decimals=0):
    if value in (None, ""):
        return ""
    return _group(value, int(decimals))


@register.filter
def pct(value, decimals=1):
    if value in (None, ""):
        return ""
    return f"{_group(Decimal(str(value)), int(decimals))} %"


@register.simple_tag(takes_context=True)
def can(context, action, obj):
    return permissions.allows(context["request"].user, action, obj)


@register.simple_tag
def status_tag(text, tone="info"):
    return format_html('<span class="badge badge-{}">{}</span>', tone, text)


@register.filter
def get_item(mapping, key):
    if mapping is None:
        return None
    return mapping.get(key)


@register.filter
def download_url(obj, field_name="file"):
    """The policy-checked download address of an uploaded file (never /media/): see core.files."""
    from digisam.core.files import download_url as url

    return url(obj, field_name)


@register.filter
def bar_width(value, scale=1):
    """The CSS class that sets a progress bar's width to `value × scale` per cent, clamped to 0–100
    (`digisam-w-0` … `digisam-w-100` in digisam.css): the Content-Security-Policy allows no style attributes."""
    try:
        percent = float(value) * float(scale)
    except (TypeError, ValueError):
        percent = 0
    return f"digisam-w-{max(0, min(100, round(percent)))}"


#: the context names a page's main object goes by, most specific first
ARCHIVE_CONTEXT_KEYS = ("object", "proposal", "initiative", "year", "body", "collaboration")


@register.simple_tag(takes_context=True)
def archived_banner(context):
    """“Arkiveret 17.12.2026 af …” above a page whose object (or its collaboration) is archived, with
    the way back for those who may un-archive it."""
    from django.db import models
    from django.template.loader import render_to_string

    from digisam.core import archive

    for key in ARCHIVE_CONTEXT_KEYS:
        obj = context.get(key)
        if not isinstance(obj, models.Model) or not archive.is_archivable(obj) or obj.archived_at is None:
            continue
        request = context.get("request")
        user = getattr(request, "user", None)
        url = archive.unarchive_url(obj) if user and permissions.allows(user, permissions.DELETE, obj) else None
        return render_to_string("core/archived_banner.html", {"archived": obj, "unarchive_url": url}, request=request)
    return ""
