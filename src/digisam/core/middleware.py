"""Request-wide behaviour: Danish first, Django admin only for platform admins, one audit id per request."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.utils import translation

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
