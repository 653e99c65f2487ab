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
import uuid
from contextlib import contextmanager

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.db.models.fields.files import FieldFile

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


def snapshot(obj: models.Model) -> dict:
    """The object's concrete field values as JSON-safe data, for before/after in the audit log."""
    data = {}
    # Personal data a model marks as such is never copied into the audit log (it must be removable).
    redacted = set(getattr(obj, "audit_redacted_fields", ()))
    for field in obj._meta.concrete_fields:
        if field.name in redacted:
            data[field.name] = REDACTED
            continue
        value = field.value_from_object(obj)
        data[field.attname if field.is_relation else field.name] = _json_safe(value)
    for field in obj._meta.many_to_many:
        if obj.pk:
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
    policy = permissions.policy_for(obj)
    collaboration_id = policy.collaboration_id(obj)
    organisation_id = policy.organisation_id(obj)
    AuditEntry.objects.create(
        user=user if getattr(user, "pk", None) is not None else None,
        user_repr=getattr(user, "username", "") or "system",
        action=action,
        channel=channel,
        request_id=_request_id.get(),
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=True),
        object_id=str(obj.pk),
        object_repr=str(getattr(obj, "audit_repr", None) or obj)[:300],
        collaboration_id=collaboration_id,
        organisation_id=organisation_id,
        before=before,
        after=after,
    )


def save(obj: models.Model, *, user, channel: str = Channel.UI, m2m: dict | None = None, validate=True):
    """Create or update `obj` for `user`: check permission on the stored and the new state, run
    full_clean, save (with many-to-many values from `m2m`), and write the audit entry — all in one
    transaction, so a refusal or error leaves nothing behind."""
    with transaction.atomic():
        creating = obj._state.adding or obj.pk is None
        before = None
        if not creating:
            stored = type(obj)._default_manager.select_for_update().filter(pk=obj.pk).first()
            if stored is None:
                creating = True
            else:
                if not permissions.allows(user, permissions.CHANGE, stored):
                    raise PermissionDenied
                before = snapshot(stored)
        action = permissions.ADD if creating else permissions.CHANGE
        if not permissions.allows(user, action, obj):
            raise PermissionDenied
        if validate:
            obj.full_clean()
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


def delete(obj: models.Model, *, user, channel: str = Channel.UI):
    """Delete `obj` for `user` with the audit entry, in one transaction."""
    with transaction.atomic():
        if not permissions.allows(user, permissions.DELETE, obj):
            raise PermissionDenied
        before = snapshot(obj)
        _write_audit(obj, user=user, action=AuditAction.DELETE, channel=channel, before=before, after=None)
        obj.delete()


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
