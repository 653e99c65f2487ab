"""Request-wide behaviour: Danish first, Django admin only for platform admins, one audit id per request,
no NUL characters in what a request asks or sends."""

import re

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _

from . import permissions, services

LANGUAGE_COOKIE = settings.LANGUAGE_COOKIE_NAME


class DanishFirstLocaleMiddleware:
    """Danish unless the user chose English with the switch (cookie). The browser's
    Accept-Language is ignored on purpose: the municipalities' working language is Danish."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request):
        language = request.COOKIES.get(LANGUAGE_COOKIE)
        if language not in self.supported:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        translation.deactivate()
        return response


class AdminOnlyForPlatformAdminsMiddleware:
    """Django's admin is for platform admins only, whatever staff flags say."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith("/admin/") and request.user.is_authenticated:
            if not permissions.access_for(request.user).is_admin:
                raise PermissionDenied
        return self.get_response(request)


class RequestContextMiddleware:
    """Gives every request one id, used to group its audit entries."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with services.operation(request.headers.get("X-Request-ID")) as request_id:
            request.request_id = request_id
            return self.get_response(request)


_JSON_NUL = re.compile(rb"(?<!\\)(?:\\\\)*\\u0000", re.IGNORECASE)


class RejectNulCharactersMiddleware:
    """A NUL character can be stored by no database text column (PostgreSQL refuses it outright), so
    a request carrying one — in the path, a query parameter, a form field or a JSON body — gets a
    400 that names the field, instead of failing deep inside a query or a save. Uploaded files'
    contents are not inspected (binary files contain NULs); their names are."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        field = self.offending_field(request)
        if field is None:
            return self.get_response(request)
        message = _("Forespørgslen indeholder et ugyldigt tegn (NUL) i %(field)s.") % {"field": field}
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": message}, status=400)
        return render(request, "400.html", {"message": message}, status=400)

    @staticmethod
    def offending_field(request):
        if "\x00" in request.path:
            return _("adressen")
        for key, values in request.GET.lists():
            if "\x00" in key or any("\x00" in v for v in values):
                return f"'{key.replace(chr(0), '')}'"
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return None
        content_type = request.content_type or ""
        if content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
            for key, values in request.POST.lists():
                if "\x00" in key or any("\x00" in v for v in values):
                    return f"'{key.replace(chr(0), '')}'"
            for key, upload in request.FILES.items():
                if "\x00" in (upload.name or ""):
                    return f"'{key}'"
        elif content_type.endswith("json") and (b"\x00" in request.body or _JSON_NUL.search(request.body)):
            return _("forespørgslens indhold")
        return None
