"""Building blocks of the permission matrix: a `Row` names one URL pattern (its URL name, or
`admin:*` for Django's admin), builds a concrete URL from the scene, and declares the expected
status class for every role of `role_list.MATRIX_ROLES`.

Expected values: an HTTP status (200 means any 2xx, 302 any redirect that is not to the login
page, 4xx exact) or `LOGIN` (a redirect to the login page). Build them with `E(default, ...)`:
the default holds for every signed-in role, `anonymous` defaults to LOGIN for pages and 401 for the
API, and `(roles, status)` pairs override groups of roles."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import role_list
from role_list import MATRIX_ROLES

LOGIN = "login"

#: role groups used by the tables (names from role_list)
ADMIN = ("admin",)
MANAGERS = ("admin", "secretariat")  # alpha's secretariat and platform admins
INSIDERS = tuple(role_list.INSIDERS)  # alpha + its member 165
MEMBERS_165 = ("coordinator", "member", "finance")
OUTSIDERS = ("observer", "outsider", "plain", "vendor", "scoped_observer")
SIGNED_IN = tuple(r for r in MATRIX_ROLES if r != "anonymous")


@dataclass(frozen=True)
class Expect:
    statuses: dict

    def __getitem__(self, role):
        return self.statuses[role]


def E(default, *groups: tuple[Iterable[str], object], anonymous=None, api=False) -> Expect:
    """Expected outcome per role: `default` for every signed-in role, then each `(roles, status)`."""
    statuses = {role: default for role in SIGNED_IN}
    statuses["anonymous"] = anonymous if anonymous is not None else (401 if api else LOGIN)
    for roles, status in groups:
        for role in ((roles,) if isinstance(roles, str) else roles):
            assert role in statuses, f"unknown role {role}"
            statuses[role] = status
    return Expect(statuses)


@dataclass
class Row:
    """One route and what every role gets from it."""

    name: str
    url: Callable  # scene -> str
    expect: Expect
    method: str = "get"
    data: dict | Callable | None = None
    note: str = ""


def status_class(response) -> object:
    """What the matrix compares: 200 for any 2xx, LOGIN for a redirect to the login page, 302 for
    any other redirect, otherwise the status itself."""
    code = response.status_code
    if 200 <= code < 300:
        return 200
    if code in (301, 302, 303, 307, 308):
        return LOGIN if "/login/" in response.get("Location", "") else 302
    return code


def declared(value) -> object:
    if isinstance(value, int) and 200 <= value < 300:
        return 200
    if value in (301, 303, 307, 308):
        return 302
    return value
