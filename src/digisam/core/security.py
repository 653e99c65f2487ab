"""Who is knocking: the real client address (behind trusted proxies only) and a login throttle.

django-axes locks a user name per real client address (AXES_CLIENT_IP_CALLABLE below), so nobody can
lock another user out by failing from the proxy's address. The throttle caps login attempts per client
address and for the whole site in a sliding minute, through the cache (shared by every app server when
the cache is Redis or the database): a password-guessing run across many user names is slowed down
with 429 answers, without locking out anyone who has not failed.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.translation import gettext as _

from .netaddr import client_address, parse_networks

_TRUSTED_CACHE: dict[str, list] = {}


def trusted_proxies() -> list:
    raw = getattr(settings, "DIGISAM_TRUSTED_PROXIES", "")
    if raw not in _TRUSTED_CACHE:
        _TRUSTED_CACHE[raw] = parse_networks(raw)
    return _TRUSTED_CACHE[raw]


def client_ip(request) -> str:
    """The client's address: X-Forwarded-For is read only when REMOTE_ADDR is a trusted proxy."""
    return client_address(
        request.META.get("REMOTE_ADDR", ""), request.META.get("HTTP_X_FORWARDED_FOR", ""), trusted_proxies()
    )


LOGIN_PATHS = ("/login/", "/admin/login/", "/api/token/")


def _count(key: str, window: int) -> int:
    """Attempts under `key` in the current window (fixed windows of `window` seconds)."""
    bucket = f"digisam:login:{key}:{int(time.time() // window)}"
    if cache.add(bucket, 1, timeout=window * 2):
        return 1
    try:
        return cache.incr(bucket)
    except ValueError:  # expired between add and incr
        cache.add(bucket, 1, timeout=window * 2)
        return 1


class LoginThrottleMiddleware:
    """429 once a client address, or the site as a whole, exceeds its login attempts per window."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and request.path in LOGIN_PATHS:
            window = settings.DIGISAM_LOGIN_THROTTLE_WINDOW
            per_address = _count(f"ip:{client_ip(request)}", window)
            overall = _count("all", window)
            if per_address > settings.DIGISAM_LOGIN_THROTTLE_PER_ADDRESS or (
                overall > settings.DIGISAM_LOGIN_THROTTLE_GLOBAL
            ):
                response = HttpResponse(
                    _("For mange loginforsøg. Vent et øjeblik, og prøv igen."), status=429,
                    content_type="text/plain; charset=utf-8",
                )
                response["Retry-After"] = str(window)
                return response
        return self.get_response(request)
