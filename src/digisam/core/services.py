"""The one audited path for writes.

Every create, update and delete of a domain object — from a view, the API, an import, a
command or a background task — goes through `save()` or `delete()` here: permission is
checked before and after the change, the model's own validation runs, and the audit entry is
written in the same transaction. Nothing in digisam writes domain data around this path.
"""

from __future__ import annotations

import contextvars
import datetime
import decimal
import hashlib
import uuid
from collections import defaultdict
from contextlib import contextmanager

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DEFAULT_DB_ALIAS, connections, models, transaction
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.translation import gettext as _

from . import archive as archiving
from . import permissions
from .models import AuditAction, AuditEntry, Channel

#: what the audit log records instead of a field listed in a model's `audit_redacted_fields`
REDACTED = "[personoplysning]"

_request_id = contextvars.ContextVar("digisam_request_id", default="")


@contextmanager
def operation(request_id: str | None = None):
    """Groups the audit entries of one request, import or command under one id. A caller's id (the
    X-Request-ID header) is kept only as printable text cut to the audit column's 64 characters, so
    an odd header can never make a write fail."""
    token = _request_id.set(clean_request_id(request_id))
    try:
        yield _request_id.get()
    finally:
        _request_id.reset(token)


REQUEST_ID_LENGTH = 64


def clean_request_id(value) -> str:
    """A usable request id: printable characters only, at most REQUEST_ID_LENGTH; a fresh one if
    nothing usable is left."""
    text = "".join(ch for ch in str(value or "") if ch.isprintable()).strip()[:REQUEST_ID_LENGTH]
    return text or uuid.uuid4().hex


def snapshot(obj: models.Model, *, m2m: dict | None = None) -> dict:
    """The object's concrete field values as JSON-safe data, for before/after in the audit log.
    Fields a policy lists in `audit_redacted` (a user's password hash) appear as a fingerprint that
    shows a change without revealing the value."""
    data = {}
    try:
        fingerprinted = permissions.policy_for(obj).audit_redacted
    except LookupError:
        fingerprinted = ()
    # Personal data a model marks as such is never copied into the audit log (it must be removable).
    redacted = set(getattr(obj, "audit_redacted_fields", ()))
    for field in obj._meta.concrete_fields:
        if field.name in redacted:
            data[field.name] = REDACTED
            continue
        value = field.value_from_object(obj)
        if field.name in fingerprinted:
            value = "sha256:" + hashlib.sha256(str(value).encode()).hexdigest()[:12] if value else value
        data[field.attname if field.is_relation else field.name] = _json_safe(value)
    for field in obj._meta.many_to_many:
        if m2m is not None:  # a new object whose links the caller has just written (create_many)
            data[field.name] = sorted(m2m.get(field.name, ()))
        elif obj.pk:
            data[field.name] = sorted(o.pk for o in getattr(obj, field.name).all())
    return data


def _json_safe(value):
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, FieldFile):
        return value.name or None
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, list | tuple):
        return [_json_safe(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _json_safe(v) for k, v in value.items()}
    return str(value)


def _write_audit(obj, *, user, action, channel, before, after):
    AuditEntry.objects.create(**_audit_values(obj, user=user, action=action, channel=channel, before=before,
                                              after=after))


def _audit_values(obj, *, user, action, channel, before, after) -> dict:
    """The audit entry of one change, as {attname: value}."""
    policy = permissions.policy_for(obj)
    return {
        "timestamp": timezone.now(),
        "user_id": user.pk if getattr(user, "pk", None) is not None else None,
        "user_repr": getattr(user, "username", "") or "system",
        "action": action,
        "channel": channel,
        "request_id": _request_id.get(),
        "content_type_id": ContentType.objects.get_for_model(obj, for_concrete_model=True).pk,
        "object_id": str(obj.pk),
        "object_repr": str(getattr(obj, "audit_repr", None) or obj)[:300],
        "collaboration_id": policy.collaboration_id(obj),
        "organisation_id": policy.organisation_id(obj),
        "before": before,
        "after": after,
    }


def save(obj: models.Model, *, user, channel: str = Channel.UI, m2m: dict | None = None, validate=True):
    """Create or update `obj` for `user`: check permission on the stored and the new state, run
    full_clean, save (with many-to-many values from `m2m`), and write the audit entry — all in one
    transaction, so a refusal or error leaves nothing behind."""
    with transaction.atomic():
        creating = obj._state.adding or obj.pk is None
        before = None
        if not creating:
            # No ordering and FOR UPDATE OF the row itself: a model ordered across a nullable foreign key
            # would otherwise put the lock on the outer join, which PostgreSQL refuses.
            stored = (
                type(obj)._default_manager.order_by().select_for_update(of=("self",)).filter(pk=obj.pk).first()
            )
            if stored is None:
                creating = True
            else:
                if not permissions.allows(user, permissions.CHANGE, stored):
                    raise PermissionDenied
                before = snapshot(stored)
        action = permissions.ADD if creating else permissions.CHANGE
        if not permissions.allows(user, action, obj):
            raise PermissionDenied
        _check_archived(obj, None if creating else stored)
        if not creating:
            _check_locked_fields(obj, stored, user)
        _check_relations(obj, None if creating else stored, user, m2m or {})
        if validate:
            obj.full_clean()
            clean_m2m = getattr(obj, "clean_m2m", None)
            if m2m and clean_m2m is not None:
                clean_m2m(m2m)
        obj.save()
        for name, values in (m2m or {}).items():
            getattr(obj, name).set(values)
        # Checked again after saving: the new state must also be within the user's reach.
        if not permissions.allows(user, action, obj):
            raise PermissionDenied
        after = snapshot(obj)
        if before == after:
            return obj
        _write_audit(
            obj,
            user=user,
            action=AuditAction.CREATE if creating else AuditAction.UPDATE,
            channel=channel,
            before=before,
            after=after,
        )
    return obj


def create_many(objects, *, user, channel: str = Channel.UI, m2m: list[dict | None] | None = None,
                validate=True):
    """Create many new objects of one model with `save()`'s guarantees, in bulk: permission is checked
    for every object before and after, nothing is created under an archived parent, every relation
    must be readable by the user, the model's validation runs (unless the caller validated already),
    and every object gets its own audit entry — written with one INSERT per batch instead of one per
    object. `m2m[i]` holds object i's many-to-many values. All or nothing, in one transaction.

    Used where thousands of rows arrive at once (portfolio imports); a single write goes through
    `save()`. Databases that cannot return the new primary keys of a bulk insert fall back to it."""
    objects = list(objects)
    if not objects:
        return objects
    model = type(objects[0])
    values = list(m2m) if m2m is not None else [None] * len(objects)
    if len(values) != len(objects):
        raise ValueError("create_many: one m2m entry per object")
    if any(type(obj) is not model or obj.pk is not None or not obj._state.adding for obj in objects):
        raise ValueError("create_many takes new objects of one model")
    if not connections[DEFAULT_DB_ALIAS].features.can_return_rows_from_bulk_insert:  # pragma: no cover - PostgreSQL, SQLite ≥ 3.35 have it
        with transaction.atomic():
            return [save(obj, user=user, channel=channel, m2m=extra, validate=validate)
                    for obj, extra in zip(objects, values, strict=True)]
    with transaction.atomic():
        for obj in objects:
            if not permissions.allows(user, permissions.ADD, obj):
                raise PermissionDenied
        _check_archived_many(objects)
        _check_relations_many(objects, user, values)
        if validate:
            for obj, extra in zip(objects, values, strict=True):
                obj.full_clean()
                clean_m2m = getattr(obj, "clean_m2m", None)
                if extra and clean_m2m is not None:
                    clean_m2m(extra)
        for obj in objects:
            obj._prepare_related_fields_for_save(operation_name="create_many")
        _insert(model, objects, returning=True)
        links = defaultdict(list)
        for obj, extra in zip(objects, values, strict=True):
            for name, related in (extra or {}).items():
                field = model._meta.get_field(name)
                source, target = field.m2m_field_name() + "_id", field.m2m_reverse_field_name() + "_id"
                links[field.remote_field.through].extend(
                    {source: obj.pk, target: pk} for pk in sorted(_related_ids(related)))
        for through, rows in links.items():
            _insert_values(through, rows)
        for obj in objects:
            if not permissions.allows(user, permissions.ADD, obj):
                raise PermissionDenied
        _insert_values(AuditEntry, [
            _audit_values(obj, user=user, action=AuditAction.CREATE, channel=channel, before=None,
                          after=snapshot(obj, m2m={name: sorted(_related_ids(v)) for name, v in (extra or {}).items()}))
            for obj, extra in zip(objects, values, strict=True)
        ])
    return objects


def _insert(model, objects: list, *, returning: bool):
    """INSERT new, validated `objects` with multi-row statements and set their primary keys. What
    `QuerySet.bulk_create` does, without its per-value expression handling, which costs more than
    the database work itself for thousands of plain rows. Values are prepared by each field exactly
    as Django prepares them for a save."""
    if not objects:
        return
    fields = _insert_fields(model)
    keys = _execute_insert(model, fields, [[f.pre_save(obj, True) for f in fields] for obj in objects],
                           returning=returning)
    for index, obj in enumerate(objects):
        if keys:
            setattr(obj, model._meta.pk.attname, keys[index])
        obj._state.adding, obj._state.db = False, DEFAULT_DB_ALIAS


def _insert_values(model, rows: list[dict]):
    """INSERT bookkeeping rows (audit entries, many-to-many links) given as {attname: value}; a field
    left out takes its default. No model instance per row: for these it costs more than the insert."""
    if not rows:
        return
    fields = _insert_fields(model)
    defaults = {f.attname: f.get_default() for f in fields}
    _execute_insert(model, fields, [[row.get(f.attname, defaults[f.attname]) for f in fields] for row in rows],
                    returning=False)


def _insert_fields(model) -> list:
    pk = model._meta.pk
    return [f for f in model._meta.concrete_fields if not (f is pk and f.db_returning)]


def _execute_insert(model, fields, rows: list[list], *, returning: bool) -> list:
    connection = connections[DEFAULT_DB_ALIAS]  # the wrapper itself, not the per-attribute proxy
    pk = model._meta.pk
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    placeholders = "(" + ", ".join(["%s"] * len(fields)) + ")"
    size = max(1, connection.ops.bulk_batch_size(fields, rows))
    keys = []
    with connection.cursor() as cursor:
        for start in range(0, len(rows), size):
            chunk = rows[start:start + size]
            params = [f.get_db_prep_save(value, connection) for row in chunk
                      for f, value in zip(fields, row, strict=True)]
            # Only identifiers from the model's own metadata (quoted) and placeholders; values are parameters.
            values = ", ".join([placeholders] * len(chunk))
            sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES {values}"  # noqa: S608
            if returning and pk.db_returning:
                cursor.execute(sql + f" RETURNING {quote(pk.column)}", params)
                keys.extend(value for (value,) in cursor.fetchall())
            else:
                cursor.execute(sql, params)
    return keys


def _check_archived_many(objects):
    """`_check_archived` for new objects, one lookup per distinct set of parents."""
    if not objects:
        return
    parents = [field.attname for field in archiving.parent_fields(type(objects[0]))]
    checked = set()
    for obj in objects:
        key = tuple(getattr(obj, name) for name in parents)
        if key in checked:
            continue
        checked.add(key)
        _check_archived(obj, None)


def _check_relations_many(objects, user, m2m: list):
    """`_check_relations` for new objects: one readability query per relation, not per object."""
    if not objects or permissions.access_for(user).is_admin:
        return
    model = type(objects[0])
    errors = {}
    for field in model._meta.concrete_fields:
        if not field.is_relation or field.related_model is None:
            continue
        ids = {getattr(obj, field.attname) for obj in objects} - {None}
        if ids and not _all_readable(field.related_model, ids, user):
            errors[field.name] = _("Du har ikke adgang til det valgte.")
    names = {name for extra in m2m for name in (extra or {})}
    for name in names:
        ids = set().union(*(_related_ids((extra or {}).get(name, ())) for extra in m2m))
        if ids and not _all_readable(model._meta.get_field(name).related_model, ids, user):
            errors[name] = _("Du har ikke adgang til det valgte.")
    if errors:
        raise ValidationError(errors)


def record_update(obj: models.Model, *, user, channel: str, before: dict):
    """Audit a change that a third-party form saved by itself (Django admin's password form):
    only for platform admins, and only if something changed."""
    if not permissions.access_for(user).is_admin:
        raise PermissionDenied
    after = snapshot(obj)
    if after != before:
        _write_audit(obj, user=user, action=AuditAction.UPDATE, channel=channel, before=before, after=after)


def _check_locked_fields(obj, stored, user):
    """Fields the policy reserves for platform admins (e.g. an organisation's name and code) stay
    as they are for everyone else: a 400 naming each field, whatever channel the change came by."""
    errors = {}
    for name in permissions.policy_for(obj).locked_fields(user, stored):
        field = obj._meta.get_field(name)
        if field.value_from_object(obj) != field.value_from_object(stored):
            errors[name] = _("Kun en platformadministrator kan ændre feltet “%(field)s”.") % {
                "field": field.verbose_name}
    if errors:
        raise ValidationError(errors)


def _related_ids(values) -> set:
    return {v.pk if isinstance(v, models.Model) else v for v in values}


def _check_relations(obj, stored, user, m2m: dict):
    """Every relation the write sets — each foreign key and each many-to-many value that is new — must
    point at an object the user may read; otherwise a write could pull another municipality's
    unshared record into view. Reference data (public policies) and models without a policy (users)
    are not narrowed."""
    if permissions.access_for(user).is_admin:
        return
    errors = {}
    for field in obj._meta.concrete_fields:
        if not field.is_relation or field.related_model is None:
            continue
        value = getattr(obj, field.attname)
        if value is None or (stored is not None and getattr(stored, field.attname) == value):
            continue
        if not _all_readable(field.related_model, {value}, user):
            errors[field.name] = _("Du har ikke adgang til det valgte.")
    for name, values in m2m.items():
        field = obj._meta.get_field(name)
        ids = _related_ids(values)
        if stored is not None:
            ids -= set(getattr(stored, name).values_list("pk", flat=True))
        if ids and not _all_readable(field.related_model, ids, user):
            errors[name] = _("Du har ikke adgang til det valgte.")
    if errors:
        raise ValidationError(errors)


def _all_readable(model, ids: set, user) -> bool:
    from django.contrib.auth import get_user_model

    if model is get_user_model():
        return True  # who-did-it stamps (cast_by, generated_by) and recipients are not narrowed
    try:
        policy = permissions.policy_for(model)
    except LookupError:
        return True
    if policy.public:
        return True
    return policy.restrict(user, permissions.VIEW, model._default_manager.filter(pk__in=ids)).count() == len(ids)


def delete(obj: models.Model, *, user, channel: str = Channel.UI):
    """Delete `obj` for `user` in one transaction, with an audit entry for it and for every row the
    delete cascades to (same request id). Records that must survive — a closed vote, an approved
    statement (a model's `deletion_blocked()` says why) — stop the whole delete with a
    ValidationError, also when they would only vanish with a parent; archive those instead."""
    with transaction.atomic():
        if not permissions.allows(user, permissions.DELETE, obj):
            raise PermissionDenied
        holder = archiving.blocking_archive(obj)
        if holder is not None:
            raise ValidationError(archiving.refusal(holder))
        removed = cascade(obj)
        reasons = []
        for instance in removed:
            blocked = getattr(instance, "deletion_blocked", None)
            reason = blocked() if blocked is not None else None
            if reason:
                reasons.append(str(reason))
        if reasons:
            message = _("%(name)s kan ikke slettes: %(reasons)s") % {
                "name": obj, "reasons": " ".join(sorted(set(reasons)))}
            if archiving.is_archivable(obj):
                message += " " + _("Arkivér den i stedet.")
            raise ValidationError(message, code="archive_instead")
        with operation(_request_id.get() or None):
            for instance in removed:
                if instance is not obj and not _audited(instance):
                    continue
                _write_audit(instance, user=user, action=AuditAction.DELETE, channel=channel,
                             before=snapshot(instance), after=None)
            obj.delete()


def _check_archived(obj, stored):
    """Nothing archived changes: not the archived record, not anything under it (also not by moving a
    child from an archived parent to another, or a new child under an archived parent)."""
    for state in (stored, obj):
        if state is None:
            continue
        holder = archiving.blocking_archive(state)
        if holder is not None:
            raise ValidationError(archiving.refusal(holder))


def archive(obj: models.Model, *, user, channel: str = Channel.UI):
    """Archive `obj` instead of deleting it: whoever may delete it may archive it. In one transaction
    with the row locked, it sets `archived_at`/`archived_by` and writes the audit entry; from then on
    it and everything under it are read-only and out of default lists."""
    return _set_archived(obj, user=user, channel=channel, archived=True)


def unarchive(obj: models.Model, *, user, channel: str = Channel.UI):
    """Bring an archived record back (same permission as archiving it; its parents must not be
    archived themselves), audited like every change."""
    return _set_archived(obj, user=user, channel=channel, archived=False)


def _set_archived(obj, *, user, channel, archived: bool):
    if not archiving.is_archivable(obj):
        raise ValidationError(_("%(name)s kan ikke arkiveres.") % {"name": obj})
    with transaction.atomic():
        stored = type(obj)._default_manager.order_by().select_for_update(of=("self",)).get(pk=obj.pk)
        if not permissions.allows(user, permissions.DELETE, stored):
            raise PermissionDenied
        if stored.is_archived == archived:
            raise ValidationError(
                _("%(name)s er allerede arkiveret.") % {"name": stored} if archived
                else _("%(name)s er ikke arkiveret.") % {"name": stored})
        holder = archiving.blocking_archive(stored, include_self=False)  # an archived parent: restore it first
        if holder is not None:
            raise ValidationError(archiving.refusal(holder))
        before = snapshot(stored)
        stored.archived_at = timezone.now() if archived else None
        stored.archived_by = (user if getattr(user, "pk", None) is not None else None) if archived else None
        stored.save(update_fields=["archived_at", "archived_by"])
        _write_audit(stored, user=user, action=AuditAction.UPDATE, channel=channel, before=before,
                     after=snapshot(stored))
    obj.archived_at, obj.archived_by_id = stored.archived_at, stored.archived_by_id
    return stored


def cascade(obj: models.Model) -> list[models.Model]:
    """`obj` and every row deleting it would remove (Django's cascade), parents first. A PROTECT or
    RESTRICT relation raises ProtectedError/RestrictedError here, before anything is written."""
    from django.db.models.deletion import Collector

    collector = Collector(using=obj._state.db or "default", origin=obj)
    collector.collect([obj])
    removed = [obj]
    seen = {(type(obj)._meta.concrete_model, obj.pk)}
    batches = [instances for _model, instances in collector.data.items()]
    batches += [list(qs) for qs in collector.fast_deletes if hasattr(qs, "model")]
    for instances in batches:
        for instance in instances:
            key = (type(instance)._meta.concrete_model, instance.pk)
            if key not in seen:
                seen.add(key)
                removed.append(instance)
    return removed


def _audited(instance) -> bool:
    """Rows of domain models (those with an access policy) get their own audit entry; Django's
    bookkeeping rows (many-to-many links, sessions, tokens) are part of their parent's snapshot."""
    if type(instance)._meta.auto_created:
        return False
    try:
        permissions.policy_for(instance)
    except LookupError:
        return False
    return True


class SystemUser:
    """The actor for migrations and system commands that run without a person: may do everything
    and is recorded as 'system' in the audit log."""

    is_authenticated = True
    is_active = True
    is_superuser = True
    username = "system"
    pk = None

    def __init__(self):
        self._digisam_access = permissions.Access(user=self, is_admin=True)


SYSTEM = SystemUser()
