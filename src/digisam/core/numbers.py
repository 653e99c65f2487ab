"""Numbers typed by people: one reading of Danish and English input, used by every number field.

Browsers' ``<input type="number">`` read "3,5" as 35 in an English browser and drop "12.500,75"
altogether, and Django's own fields read neither Danish form. Every model ``DecimalField``,
``IntegerField`` (and its subclasses) and ``FloatField`` therefore gets a form field from this
module (registered in ``CoreConfig.ready``), so every form — ModelForms, admin, future apps —
reads numbers the same way:

- the active language decides the separators: Danish ``1.250,5`` / ``3,5``, English
  ``1,250.5`` / ``3.5``; thousands separators (also a space) only in groups of three. A lone
  other sign that cannot be a thousands group ("12.5" in Danish, "3,5" in English) has only
  one reading, a decimal sign; anything else that fits no reading ("1.25,5", "1,2,3") is
  refused with a message, never silently misread;
- the value is shown back in the same language, and ``static/digisam/numbers.js`` shows under
  the field what it will be read as while one types ("Forstået som 1.250,5");
- range checks come from the model's validators; ``soft_limit`` adds a "this is unusual —
  confirm" step for values that are allowed but probably a typing error.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext as _

SEPARATORS = {"da": (",", "."), "en": (".", ",")}
MINUS = "\u2212"


def separators(language: str | None = None) -> tuple[str, str]:
    """(decimal, thousands) for a language code; Danish for anything not English."""
    language = (language or get_language() or "da").split("-")[0]
    return SEPARATORS.get(language, SEPARATORS["da"])


def _pattern(decimal: str, thousands: str) -> re.Pattern:
    d, t = re.escape(decimal), re.escape(thousands)
    return re.compile(
        rf"^(?P<sign>[+-]?)(?P<int>\d{{1,3}}(?:{t}\d{{3}})+|\d{{1,3}}(?: \d{{3}})+|\d*)(?:{d}(?P<frac>\d+))?$"
    )


def parse_number(text, language: str | None = None) -> Decimal:
    """Read a typed number in the given (default: active) language; ValueError with a message
    saying how to write it otherwise."""
    raw = str(text).strip().replace("\u00a0", " ").replace("\u202f", " ").replace(MINUS, "-")
    decimal, thousands = separators(language)
    lone = re.fullmatch(rf"[+-]?\d*{re.escape(thousands)}(\d+)", raw)
    if lone and len(lone.group(1)) != 3:
        # "12.5" in Danish (or "3,5" in English) cannot be a thousands group: the only reading
        # is a decimal sign. "1.250" stays one thousand two hundred and fifty in Danish.
        raw = raw.replace(thousands, decimal)
    match = _pattern(decimal, thousands).match(raw)
    if not match or not (match.group("int") or match.group("frac")):
        raise ValueError(_number_problem(raw, decimal, thousands))
    digits = re.sub(r"\D", "", match.group("int") or "0")
    frac = match.group("frac")
    try:
        value = Decimal(f"{match.group('sign')}{digits}" + (f".{frac}" if frac else ""))
    except InvalidOperation as error:  # pragma: no cover - the pattern admits only digits
        raise ValueError(_number_problem(raw, decimal, thousands)) from error
    return value


def _number_problem(raw: str, decimal: str, thousands: str) -> str:
    example = format_number(Decimal("1250.5"), grouping=True, decimal=decimal, thousands=thousands)
    short = format_number(Decimal("3.5"), decimal=decimal, thousands=thousands)
    if re.fullmatch(r"[+-]?\d+[.,]\d+", raw) and thousands in raw:
        swapped = raw.replace(thousands, decimal)
        return _("“%(raw)s” er ikke entydigt: %(thousands)s skiller tusinder i grupper af tre cifre, og "
                 "decimaltegnet er %(decimal)s. Mener du %(swapped)s? Skriv fx %(short)s eller %(example)s.") % {
            "raw": raw, "thousands": thousands, "decimal": decimal, "swapped": swapped, "short": short,
            "example": example}
    return _("“%(raw)s” er ikke et tal. Skriv fx %(short)s eller %(example)s.") % {
        "raw": raw, "short": short, "example": example}


def format_number(value, decimals: int | None = None, *, grouping: bool = False, language: str | None = None,
                  decimal: str | None = None, thousands: str | None = None) -> str:
    """A number the way the language writes it; ``decimals=None`` keeps the value's own places
    (without trailing zeros beyond them)."""
    if decimal is None or thousands is None:
        decimal, thousands = separators(language)
    value = Decimal(str(value))
    if decimals is not None:
        value = value.quantize(Decimal(1).scaleb(-decimals))
    text = f"{value:,f}" if grouping else f"{value:f}"
    return text.replace(",", "\x00").replace(".", decimal).replace("\x00", thousands)


class NumberInput(forms.TextInput):
    """A text input (not ``type=number``, which browsers read by their own locale) that shows the
    value in the active language and tells the page script to echo what it understood."""

    def __init__(self, attrs=None, integer: bool = False):
        base = {"inputmode": "numeric" if integer else "decimal", "autocomplete": "off",
                "data-digisam-number": "integer" if integer else "decimal"}
        super().__init__({**base, **(attrs or {})})

    def format_value(self, value):
        if value is None or value == "":
            return None
        if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
            return format_number(value)
        return str(value)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        decimal, thousands = separators()
        context["widget"]["attrs"]["data-decimal"] = decimal
        context["widget"]["attrs"]["data-thousands"] = thousands
        context["widget"]["attrs"]["data-understood"] = _("Forstået som")
        return context


def _read(field, value) -> Decimal | None:
    if value in field.empty_values:
        return None
    if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(str(value))
    try:
        return parse_number(value)
    except ValueError as error:
        raise ValidationError(str(error), code="invalid") from error


class LocalizedDecimalField(forms.DecimalField):
    widget = NumberInput

    def to_python(self, value):
        return _read(self, value)

    def widget_attrs(self, widget):
        return {}


class LocalizedIntegerField(forms.IntegerField):
    def __init__(self, **kwargs):
        kwargs.setdefault("widget", NumberInput(integer=True))
        super().__init__(**kwargs)

    def to_python(self, value):
        number = _read(self, value)
        if number is None:
            return None
        if number != number.to_integral_value():
            raise ValidationError(
                _("Skriv et helt tal (uden decimaler), ikke %(value)s.") % {"value": format_number(number)},
                code="invalid")
        return int(number)

    def widget_attrs(self, widget):
        return {}


class LocalizedFloatField(forms.FloatField):
    widget = NumberInput

    def to_python(self, value):
        number = _read(self, value)
        return None if number is None else float(number)

    def widget_attrs(self, widget):
        return {}


def install() -> None:
    """Make the model number fields' default form field the localized one (called once from
    ``CoreConfig.ready``). An explicit ``form_class`` still wins."""
    from django.db import models

    for model_field, form_class in ((models.DecimalField, LocalizedDecimalField),
                                    (models.IntegerField, LocalizedIntegerField),
                                    (models.FloatField, LocalizedFloatField)):
        original = model_field.formfield
        if getattr(original, "digisam_localized", False):
            continue

        def formfield(self, _original=original, _form_class=form_class, **kwargs):
            kwargs.setdefault("form_class", _form_class)
            return _original(self, **kwargs)

        formfield.digisam_localized = True
        model_field.formfield = formfield


def soft_limit(form, name: str, *, above, message: str) -> None:
    """Values above ``above`` are allowed but unusual (a 35 % discount rate is likely 3,5 %):
    the form is refused once with ``message`` and a checkbox to confirm the value. Call in the
    form's ``__init__``; ``check_soft_limits(form)`` in its ``clean()``."""
    confirm = f"{name}_confirmed"
    form.fields[confirm] = forms.BooleanField(
        required=False, widget=forms.HiddenInput, label=_("Ja, tallet er rigtigt"))
    form._soft_limits = [*getattr(form, "_soft_limits", []), (name, confirm, Decimal(str(above)), message)]


def check_soft_limits(form) -> None:
    for name, confirm, above, message in getattr(form, "_soft_limits", []):
        value = form.cleaned_data.get(name)
        if value is None or Decimal(str(value)) <= above:
            continue
        if form.cleaned_data.get(confirm):
            continue
        form.fields[confirm].widget = forms.CheckboxInput()
        form.add_error(name, message % {"value": format_number(value)})
