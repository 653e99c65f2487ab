"""Uploaded files are never public media: every file in a FileField is served by `FileDownloadView`,
which reads the object through its policy (not readable → 404, exactly like its detail page) and
sends the file as an attachment that the browser must not sniff or render inline.

Templates link with `{{ obj|download_url }}` (or `download_url(obj, "field")` in Python, e.g. API
serializers); nothing links to MEDIA_URL and no URL pattern serves it."""

from __future__ import annotations

import mimetypes
import posixpath

from django.apps import apps
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views import View

from . import permissions


def download_url(obj: models.Model, field_name: str = "file") -> str:
    """The policy-checked address of the file in `obj.<field_name>` ('' when there is none)."""
    if obj is None or obj.pk is None or not getattr(obj, field_name, None):
        return ""
    return reverse("file-download", args=[obj._meta.app_label, obj._meta.model_name, obj.pk, field_name])


def download_name(obj: models.Model, field_name: str = "file") -> str:
    """The name the user gets: the name it was uploaded with where the model keeps it."""
    original = getattr(obj, "original_name", "") if field_name == "file" else ""
    return original or posixpath.basename(getattr(obj, field_name).name)


def file_field(app_label: str, model_name: str, field_name: str):
    """The model and FileField named in a download URL, or 404 for anything else (only digisam's
    own models with a registered policy can be addressed)."""
    try:
        model = apps.get_model(app_label, model_name)
        field = model._meta.get_field(field_name)
    except (LookupError, FieldDoesNotExist):
        raise Http404 from None
    if not model.__module__.startswith("digisam.") or not isinstance(field, models.FileField):
        raise Http404
    try:
        permissions.policy_for(model)
    except LookupError:
        raise Http404 from None
    return model, field


class FileDownloadView(LoginRequiredMixin, View):
    """GET /filer/<app>/<model>/<pk>/<field>/: the file, for those who may read the object."""

    def get(self, request, app_label, model_name, pk, field_name):
        model, _field = file_field(app_label, model_name, field_name)
        obj = get_object_or_404(permissions.restrict(model._default_manager.all(), request.user, permissions.VIEW),
                                pk=pk)
        stored = getattr(obj, field_name)
        if not stored:
            raise Http404
        try:
            handle = stored.open("rb")
        except (FileNotFoundError, OSError):
            raise Http404 from None
        name = download_name(obj, field_name)
        content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
        response = FileResponse(handle, as_attachment=True, filename=name, content_type=content_type)
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
        return response
