"""Every number field reads Danish and English input unambiguously (issue 12 item 2)."""

from decimal import Decimal

import pytest
from django import forms
from django.utils import translation

from digisam.core import numbers


@pytest.mark.parametrize(("text", "language", "value"), [
    ("3,5", "da", "3.5"), ("1250,5", "da", "1250.5"), ("1.250,5", "da", "1250.5"), ("12.500,75", "da", "12500.75"),
    ("1.800.000", "da", "1800000"), ("-4,25", "da", "-4.25"), ("\u22124,25", "da", "-4.25"), ("1 250,5", "da", "1250.5"),
    ("3.5", "en", "3.5"), ("1,250.5", "en", "1250.5"), ("12,500.75", "en", "12500.75"), (",5", "da", "0.5"),
    ("1.250", "da", "1250"), ("1,250", "en", "1250"),
    # a lone other sign that cannot be a thousands group has one reading only: a decimal sign
    ("12.5", "da", "12.5"), ("1200000.00", "da", "1200000.00"), ("3,5", "en", "3.5"), ("12.50075", "da", "12.50075"),
])
def test_typed_numbers_are_read_by_the_language(text, language, value):
    assert numbers.parse_number(text, language) == Decimal(value)


@pytest.mark.parametrize(("text", "language"), [
    ("1,25,0", "en"), ("abc", "da"), ("1,2,3", "da"), ("", "da"), ("1.25,5", "da"), ("1.250.5", "da"),
    ("12,500.75", "da"),
])
def test_ambiguous_or_wrong_numbers_are_refused_with_an_example(text, language):
    with pytest.raises(ValueError, match="Skriv fx"):
        numbers.parse_number(text, language)


def test_every_model_number_field_gets_the_localized_form_field():
    from django.apps import apps
    from django.db import models

    checked = 0
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, (models.DecimalField, models.IntegerField, models.FloatField)) and not (
                    field.auto_created or isinstance(field, models.AutoField) or field.choices):
                form_field = field.formfield()
                assert isinstance(form_field, (numbers.LocalizedDecimalField, numbers.LocalizedIntegerField,
                                               numbers.LocalizedFloatField)), f"{model.__name__}.{field.name}"
                assert isinstance(form_field.widget, numbers.NumberInput), f"{model.__name__}.{field.name}"
                checked += 1
    assert checked > 20


class _Form(forms.Form):
    amount = numbers.LocalizedDecimalField(max_digits=14, decimal_places=2, min_value=0)
    count = numbers.LocalizedIntegerField(required=False)


def test_a_form_reads_danish_input_and_checks_range_and_places():
    with translation.override("da"):
        form = _Form({"amount": "12.500,75", "count": "1.250"})
        assert form.is_valid(), form.errors
        assert form.cleaned_data == {"amount": Decimal("12500.75"), "count": 1250}
        form = _Form({"amount": "12.500.75"})
        assert not form.is_valid() and "12.500.75" in form.errors["amount"][0]
        assert not _Form({"amount": "12.50075"}).is_valid()  # read as 12,50075: too many decimal places
        assert not _Form({"amount": "-1"}).is_valid()
        assert not _Form({"amount": "1,005"}).is_valid()  # three decimal places on a two-place field
        assert "helt tal" in _Form({"amount": "1", "count": "2,5"}).errors["count"][0]


def test_the_input_shows_the_value_in_the_active_language_as_text_not_type_number():
    for language, shown in (("da", 'value="1250,50"'), ("en", 'value="1250.50"')):
        with translation.override(language):
            html = str(_Form(initial={"amount": Decimal("1250.50")})["amount"])
            assert shown in html and 'type="text"' in html and 'inputmode="decimal"' in html


def test_a_discount_rate_above_ten_percent_must_be_confirmed(world):
    from digisam.initiatives.forms import BusinessCaseForm

    data = {"start_year": "2027", "horizon": "5", "discount_rate": "35"}
    with translation.override("da"):
        form = BusinessCaseForm(data, collaboration=world.alpha)
        assert not form.is_valid() and "usædvanligt høj" in form.errors["discount_rate"][0]
        assert 'type="checkbox"' in str(form["discount_rate_confirmed"])
        form = BusinessCaseForm({**data, "discount_rate_confirmed": "on"}, collaboration=world.alpha)
        assert form.is_valid(), form.errors
        form = BusinessCaseForm({**data, "discount_rate": "3,5"}, collaboration=world.alpha)
        assert form.is_valid() and form.cleaned_data["discount_rate"] == Decimal("3.5")
