"""Reading the audit log as a person does: field labels instead of column names, old → new per
changed field, related objects by name, choices by their label.

`describe(entries)` works on one page of entries at a time and resolves every foreign key of that
page with one query per related model (never one per row), so a page of 50 entries costs a fixed
handful of queries however many fields changed."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext as _

from .numbers import format_number

#: how many entries one page of an audit log shows
PAGE_SIZE = 50


@dataclass
class FieldChange:
    """One changed field of one entry: its label and the old and new values as text."""

    name: str
    label: str
    old: str
    new: str


@dataclass
class EntryView:
    entry: object
    object_type: str
    changes: list[FieldChange] = field(default_factory=list)


def _field_map(model) -> dict[str, models.Field]:
    """Audit snapshot keys (attname for relations, name otherwise, m2m by name) → model field."""
    mapping = {}
    for f in model._meta.concrete_fields:
        mapping[f.attname if f.is_relation else f.name] = f
        mapping.setdefault(f.name, f)
    for f in model._meta.many_to_many:
        mapping[f.name] = f
    return mapping


def _is_reference(f) -> bool:
    return bool(f is not None and f.is_relation and f.related_model is not None)


def _as_list(value):
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _plain(f, value) -> str:
    """A non-relation value as a Danish reader reads it."""
    if value is None or value == "":
        return "–"
    if f is not None and f.choices:
        labels = {str(k): str(v) for k, v in f.flatchoices}
        if str(value) in labels:
            return labels[str(value)]
    if isinstance(value, bool):
        return _("Ja") if value else _("Nej")
    if isinstance(f, models.DateTimeField) and isinstance(value, str):
        try:
            return datetime.datetime.fromisoformat(value).strftime("%d.%m.%Y %H:%M")
        except ValueError:
            return value
    if isinstance(f, models.DateField) and isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value[:10]).strftime("%d.%m.%Y")
        except ValueError:
            return value
    if isinstance(f, models.DecimalField | models.FloatField | models.IntegerField) and not isinstance(value, list | dict):
        try:
            return format_number(value, grouping=True)
        except (ArithmeticError, ValueError, TypeError):
            return str(value)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "–"
    return str(value)


def describe(entries) -> list[EntryView]:
    """The entries (one page) with their changed fields labelled and their values readable."""
    entries = list(entries)
    # 1. which model each entry is about, and which related ids the page mentions
    wanted: dict[type, set] = defaultdict(set)
    plans = []
    for e in entries:
        model = e.content_type.model_class()
        fields = _field_map(model) if model else {}
        names = e.changed_fields
        before, after = e.before or {}, e.after or {}
        for name in names:
            f = fields.get(name)
            if _is_reference(f):
                for value in _as_list(before.get(name)) + _as_list(after.get(name)):
                    if value is not None:
                        wanted[f.related_model].add(value)
        plans.append((e, model, fields, names, before, after))
    # 2. one query per related model for the whole page
    names_by_model: dict[type, dict[str, str]] = {}
    for related, ids in wanted.items():
        target = related._meta.pk
        try:
            clean = {target.to_python(i) for i in ids}
        except Exception:  # noqa: BLE001 - a value from an old schema: shown as it was stored
            clean = set()
        names_by_model[related] = {str(o.pk): str(o) for o in related._default_manager.filter(pk__in=clean)} if clean else {}

    def reference(f, value) -> str:
        if value is None or value == []:
            return "–"
        known = names_by_model.get(f.related_model, {})
        # an object deleted since keeps its id, marked as such
        return ", ".join(known.get(str(v), _("#%(id)s (slettet)") % {"id": v}) for v in _as_list(value))

    # 3. the readable rows
    result = []
    for e, model, fields, names, before, after in plans:
        view = EntryView(entry=e, object_type=str(model._meta.verbose_name) if model else e.content_type.model)
        for name in names:
            f = fields.get(name)
            label = str(f.verbose_name) if f is not None else name
            if _is_reference(f):
                old, new = reference(f, before.get(name)), reference(f, after.get(name))
            else:
                old, new = _plain(f, before.get(name)), _plain(f, after.get(name))
            view.changes.append(FieldChange(name=name, label=label[:1].upper() + label[1:], old=old, new=new))
        result.append(view)
    return result
