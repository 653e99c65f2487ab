"""The one list of test roles (the users of the `world` fixture in conftest.py).

`ROLES` are the users every `world` has; `MATRIX_ROLES` adds the two that the `everyone` fixture
creates on top: `vendor` (a user of a vendor partner that is an active member of alpha with
membership role vendor partner) and `scoped_observer` (an observer scoped to alpha)."""

ROLES = ["admin", "secretariat", "coordinator", "member", "finance", "observer", "outsider", "plain"]
EXTRA_ROLES = ["vendor", "scoped_observer"]
MATRIX_ROLES = ["anonymous", *ROLES, *EXTRA_ROLES]
#: users of alpha's member municipality 165 (Albertslund) and the secretariat of alpha
INSIDERS = ["admin", "secretariat", "coordinator", "member", "finance"]
#: signed in but no way into alpha's internal material
READ_ONLY_OUTSIDERS = ["observer", "outsider", "plain", "vendor", "scoped_observer"]
