import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from digisam.organisations.models import Organisation

from .models import MONTH_RE, OptOut, Scenario, parse_earliest_starts, parse_groups


def category_choices():
    from digisam.portfolio.models import Category

    return [(c.slug, c.name) for c in Category.objects.order_by("sort_order", "name")]


def member_choices(collaboration):
    """The collaboration's approved and active members with a kommunekode, by name (value: the code)."""
    if collaboration is None:
        return []
    members = Organisation.objects.filter(
        memberships__collaboration=collaboration, memberships__status__in=["approved", "active"]
    ).exclude(code="").distinct().order_by("name")
    return [(o.code, o.name) for o in members]


class DkfdsCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes in the design system's markup (form-group-checkbox), in columns: a long list of
    names stays readable and a checked box shows as checked."""

    def render(self, name, value, attrs=None, renderer=None):
        from django.utils.html import format_html, format_html_join

        chosen = {str(v) for v in (value or [])}
        base = (attrs or {}).get("id", f"id_{name}")
        items = format_html_join("", (
            '<div class="form-group-checkbox"><input class="form-checkbox" type="checkbox" name="{}" value="{}" '
            'id="{}_{}"{}><label class="form-label" for="{}_{}">{}</label></div>'
        ), ((name, v, base, i, " checked" if str(v) in chosen else "", base, i, text)
            for i, (v, text) in enumerate(self.choices)))
        return format_html('<div class="digisam-choices-columns" id="{}">{}</div>', base, items)


class RowsWidget(forms.Widget):
    """A small table of rows, each a few selects (and text inputs): the stored text lines of a scenario
    ("165 esdh 2028-01") chosen by name. `columns`: [(key, label, kind, choices)], kind "select",
    "checkboxes" or "month"; `extra` blank rows are added for new entries."""

    template_name = "planning/widgets/rows.html"

    def __init__(self, columns=(), extra=2, attrs=None):
        super().__init__(attrs)
        self.columns = list(columns)
        self.extra = extra

    def value_from_datadict(self, data, files, name):
        try:
            count = min(int(data.get(f"{name}-count", 0)), 200)
        except (TypeError, ValueError):
            count = 0
        rows = []
        for index in range(count):
            row = {}
            for key, _label, kind, _choices in self.columns:
                field = f"{name}-{index}-{key}"
                if kind == "checkboxes":
                    row[key] = [v for v in (data.getlist(field) if hasattr(data, "getlist") else data.get(field, []))]
                else:
                    row[key] = (data.get(field) or "").strip()
            rows.append(row)
        return rows

    def render(self, name, value, attrs=None, renderer=None):
        from django.template.loader import render_to_string

        rows = list(value or [])
        rows += [{} for _ in range(self.extra)]
        table = []
        for index, row in enumerate(rows):
            cells = []
            for key, label, kind, choices in self.columns:
                current = row.get(key, [] if kind == "checkboxes" else "")
                cells.append({"name": f"{name}-{index}-{key}", "id": f"id_{name}-{index}-{key}", "label": label,
                              "kind": kind, "value": current,
                              "choices": [(v, text, v in current if kind == "checkboxes" else v == current)
                                          for v, text in choices]})
            table.append({"number": index + 1, "cells": cells})
        return render_to_string(self.template_name, {
            "name": name, "rows": table, "count": len(rows), "columns": self.columns,
            "describedby": (attrs or {}).get("aria-describedby", ""), "widget_id": (attrs or {}).get("id", f"id_{name}"),
        })


class RowsField(forms.Field):
    """Rows chosen in a RowsWidget → the scenario's text lines; `format_row(row)` gives one line or
    raises ValidationError; `parse(text)` gives the rows back for editing."""

    def __init__(self, *, columns, parse, format_row, extra=2, **kwargs):
        self.parse, self.format_row = parse, format_row
        kwargs.setdefault("required", False)
        super().__init__(widget=RowsWidget(columns, extra=extra), **kwargs)

    def prepare_value(self, value):
        if isinstance(value, str):
            try:
                return self.parse(value)
            except ValidationError:
                return []
        return value

    def to_python(self, value):
        if isinstance(value, str):
            return value
        lines, errors = [], []
        for number, row in enumerate(value or [], start=1):
            if not any(row.values()):
                continue
            try:
                lines.append(self.format_row(row))
            except ValidationError as error:
                errors.extend(_("Række %(n)s: %(message)s") % {"n": number, "message": m} for m in error.messages)
        if errors:
            raise ValidationError(errors)
        return "\n".join(lines)


def _start_line(row):
    if not (row.get("municipality") and row.get("category") and row.get("month")):
        raise ValidationError(_("vælg kommune og kategori, og skriv måneden (ÅÅÅÅ-MM)."))
    if not re.match(MONTH_RE, row["month"]):
        raise ValidationError(_("skriv måneden som ÅÅÅÅ-MM, fx 2028-01."))
    return f"{row['municipality']} {row['category']} {row['month']}"


def _group_line(row):
    members = sorted(set(row.get("members") or []))
    if not row.get("category") or len(members) < 2:
        raise ValidationError(_("vælg en kategori og mindst to kommuner."))
    return f"{row['category']}: {', '.join(members)}"


class ScenarioForm(forms.ModelForm):
    categories = forms.MultipleChoiceField(
        label=_("Kategorier"), required=False, widget=DkfdsCheckboxes,
        help_text=_("Ingen valgt: alle kategorier med delte kontrakter."),
    )

    class Meta:
        model = Scenario
        fields = ["name", "description", "start_month", "horizon_months", "capacity", "individual_rationality",
                  "categories", "earliest_starts", "tender_groups", "time_limit"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "start_month": forms.TextInput(attrs={"placeholder": "2027-01", "inputmode": "numeric"}),
        }

    def __init__(self, *args, collaboration=None, **kwargs):
        super().__init__(*args, **kwargs)
        categories = category_choices()
        self.fields["categories"].choices = categories
        # the earliest starts and the groups are stored as text lines of codes ("165 esdh 2028-01",
        # "esdh: 165, 151"), the API's format; here they are chosen by name
        collaboration = collaboration or (self.instance.collaboration if self.instance.collaboration_id else None)
        members = member_choices(collaboration)
        known = {code for code, _name in members}
        for text, key in ((self.instance.earliest_starts, "municipality"), ):
            for row in _safe(parse_earliest_starts, text):
                if row[key] not in known:  # a former member still named in the scenario stays choosable
                    members.append((row[key], row[key]))
                    known.add(row[key])
        for group in _safe(parse_groups, self.instance.tender_groups):
            for code in group["members"]:
                if code not in known:
                    members.append((code, code))
                    known.add(code)
        blank = [("", "–")]
        self.fields["earliest_starts"] = RowsField(
            label=self.fields["earliest_starts"].label, extra=3,
            help_text=_("Et medlem kan tidligst begynde et fællesudbud i kategorien fra måneden (ÅÅÅÅ-MM). "
                        "Flere rækker: gem, så kommer der nye tomme rækker."),
            columns=[("municipality", _("Kommune"), "select", blank + members),
                     ("category", _("Kategori"), "select", blank + categories),
                     ("month", _("Måned (ÅÅÅÅ-MM)"), "month", [])],
            parse=parse_earliest_starts, format_row=_start_line)
        self.fields["tender_groups"] = RowsField(
            label=self.fields["tender_groups"].label, extra=2,
            help_text=_("Kommunerne i en gruppe skal udbyde kategorien sammen (et hårdt krav). "
                        "Flere rækker: gem, så kommer der nye tomme rækker."),
            columns=[("category", _("Kategori"), "select", blank + categories),
                     ("members", _("Kommuner"), "checkboxes", members)],
            parse=parse_groups, format_row=_group_line)
        for name in ("earliest_starts", "tender_groups"):
            if name in self.initial:
                self.initial[name] = self.fields[name].prepare_value(self.initial[name])


def _safe(parse, text):
    try:
        return parse(text or "")
    except ValidationError:
        return []


class OptOutForm(forms.ModelForm):
    class Meta:
        model = OptOut
        fields = ["organisation", "category", "reason"]
        widgets = {"reason": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, collaboration=None, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        from digisam.core import permissions

        access = permissions.access_for(user) if user is not None else None
        members = Organisation.objects.filter(
            memberships__collaboration=collaboration, memberships__status__in=["approved", "active"]
        )
        if access is not None and not access.is_admin:
            members = members.filter(pk__in=access.coordinator_organisations)
        self.fields["organisation"].queryset = members.distinct().order_by("name")
        self.fields["category"] = forms.ChoiceField(label=_("Kategori"), choices=category_choices())
        if self.instance.pk:
            self.fields["organisation"].disabled = True
            self.fields["category"].disabled = True
