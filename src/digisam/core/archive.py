"""Which records are archived, and which records sit under an archived one.

An archived record (core.models.Archivable) and everything reachable from it by foreign keys — a
proposal's ballots, an economy year's charges, every part of an archived collaboration — is
read-only: `blocking_archive()` names the archived record a write would change, and
core.services.save/delete refuse the write with a ValidationError."""

from __future__ import annotations

from functools import cache

from django.conf import settings
from django.db import models
from django.utils.translation import gettext as _

from .models import Archivable

#: how many foreign keys up the check follows (hours entry → project → year → collaboration)
DEPTH = 4


def is_archivable(model_or_obj) -> bool:
    model = model_or_obj if isinstance(model_or_obj, type) else type(model_or_obj)
    return issubclass(model, Archivable)


@cache
def archive_paths(model, depth: int = DEPTH) -> tuple[str, ...]:
    """The lookups from `model` to the `archived_at` of every archivable record above it (itself
    first), e.g. ("archived_at", "proposal__archived_at", "proposal__collaboration__archived_at")."""
    paths = ["archived_at"] if is_archivable(model) else []
    if depth <= 0:
        return tuple(paths)
    for field in model._meta.concrete_fields:
        if not field.is_relation or field.related_model is None:
            continue
        related = field.related_model
        if related._meta.label == settings.AUTH_USER_MODEL or related is model:
            continue
        paths += [f"{field.name}__{path}" for path in archive_paths(related, depth - 1)]
    return tuple(paths)


def _parent_paths(model) -> dict:
    """For each foreign key of `model`: the lookups from the related model up to archived records."""
    result = {}
    for field in model._meta.concrete_fields:
        if not field.is_relation or field.related_model is None:
            continue
        related = field.related_model
        if related._meta.label == settings.AUTH_USER_MODEL or related is model:
            continue
        paths = archive_paths(related, DEPTH - 1)
        if paths:
            result[field] = (related, paths)
    return result


def parent_fields(model) -> list:
    """The foreign keys of `model` through which an archived record above can make it read-only."""
    return list(_parent_paths(model))


def blocking_archive(obj: models.Model, *, include_self: bool = True):
    """The archived record (obj itself, or one above it through its current foreign key values) that
    makes `obj` read-only, or None. Works for unsaved objects too (a new ballot under an archived
    proposal)."""
    if include_self and is_archivable(obj) and obj.pk is not None:
        stored = type(obj)._default_manager.filter(pk=obj.pk).values_list("archived_at", flat=True).first()
        if stored is not None:
            return type(obj)._default_manager.get(pk=obj.pk)
    for field, (related, paths) in _parent_paths(type(obj)).items():
        value = getattr(obj, field.attname)
        if value is None:
            continue
        row = related._default_manager.filter(**{field.target_field.attname: value}).values_list(*paths).first()
        if not row:
            continue
        for path, archived_at in zip(paths, row, strict=True):
            if archived_at is None:
                continue
            holder = related._default_manager.get(**{field.target_field.attname: value})
            for step in path.split("__")[:-1]:
                holder = getattr(holder, step)
            return holder
    return None


def refusal(holder) -> str:
    """The message for a write under an archived record."""
    return _("%(name)s er arkiveret (%(label)s) og kan ikke ændres; gendan den først.") % {
        "name": holder, "label": holder.archive_label}


def hide_archived_choices(form):
    """Pickers offer no archived records — except the value the object already has."""
    for name, field in form.fields.items():
        queryset = getattr(field, "queryset", None)
        if queryset is None or not is_archivable(queryset.model):
            continue
        current = form.initial.get(name)
        keep = models.Q(archived_at__isnull=True)
        if current not in (None, ""):
            current = current if isinstance(current, list | tuple) else [current]
            keep |= models.Q(pk__in=[getattr(v, "pk", v) for v in current])
        field.queryset = queryset.filter(keep)


def wants_archived(request) -> bool:
    """The list filter “vis arkiverede”: `?archived=true` (also `1`/`yes`/`on`)."""
    params = getattr(request, "query_params", None) or request.GET
    return str(params.get("archived", "")).lower() in ("1", "true", "yes", "on", "ja")


def filter_list(queryset, request):
    """Default lists leave archived records out; `?archived=true` shows only the archived ones,
    `?archived=all` both."""
    if not is_archivable(queryset.model):
        return queryset
    if str((getattr(request, "query_params", None) or request.GET).get("archived", "")).lower() == "all":
        return queryset
    return queryset.filter(archived_at__isnull=not wants_archived(request))


def archive_url(obj) -> str:
    from django.urls import reverse

    return reverse("archive", args=[obj._meta.app_label, obj._meta.model_name, obj.pk])


def unarchive_url(obj) -> str:
    from django.urls import reverse

    return reverse("unarchive", args=[obj._meta.app_label, obj._meta.model_name, obj.pk])
