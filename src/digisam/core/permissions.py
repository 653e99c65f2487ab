"""Object-level access: one policy per model, used by every list, detail, export, API query and write.

A policy knows how to reach the collaboration and the organisation an object belongs to (lookup
paths). From the user's role assignments (`Access`) it derives both a queryset filter
(`restrict`) and a per-object decision (`allows`), so lists and single objects agree.

Rules, in words:
- platform admins may do everything;
- a collaboration's secretariat reads and manages everything scoped to its collaboration;
- an organisation's coordinator manages what belongs to its organisation;
- users of a member organisation (coordinator, member user, finance officer) read what belongs to
  collaborations their organisation is an approved or active member of;
- everybody signed in, observers included, reads what a collaboration has published.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet

VIEW, ADD, CHANGE, DELETE = "view", "add", "change", "delete"
WRITE_ACTIONS = (ADD, CHANGE, DELETE)


@dataclass
class Access:
    """What one user may reach, computed once per request from their role assignments."""

    user: object
    is_admin: bool = False
    is_observer: bool = False
    secretariat_collaborations: set[int] = field(default_factory=set)
    coordinator_organisations: set[int] = field(default_factory=set)
    finance_organisations: set[int] = field(default_factory=set)
    organisations: set[int] = field(default_factory=set)
    observer_collaborations: set[int] = field(default_factory=set)

    @cached_property
    def member_collaborations(self) -> set[int]:
        """Collaborations where one of the user's organisations is an approved or active member."""
        from digisam.collaborations.models import Membership, MembershipStatus

        if not self.organisations:
            return set()
        return set(
            Membership.objects.filter(
                organisation_id__in=self.organisations,
                status__in=[MembershipStatus.APPROVED, MembershipStatus.ACTIVE],
            ).values_list("collaboration_id", flat=True)
        )

    @cached_property
    def insider_collaborations(self) -> set[int]:
        """Collaborations where one of the user's organisations is an approved or active member in a
        role that reads the municipalities' prices (`collaborations.models.PRICE_READING_ROLES`): a
        vendor partner's users are members of the collaboration but never insiders."""
        from digisam.collaborations.models import PRICE_READING_ROLES, Membership, MembershipStatus

        if not self.organisations:
            return set()
        return set(
            Membership.objects.filter(
                organisation_id__in=self.organisations,
                status__in=[MembershipStatus.APPROVED, MembershipStatus.ACTIVE],
                role__in=PRICE_READING_ROLES,
            ).values_list("collaboration_id", flat=True)
        )

    @property
    def price_collaborations(self) -> set[int]:
        """Collaborations whose members' prices and economy the user reads: as secretariat, or as a
        user of a member organisation (see `insider_collaborations`). Every app uses this one rule."""
        return self.secretariat_collaborations | self.insider_collaborations

    @property
    def readable_collaborations(self) -> set[int]:
        return self.secretariat_collaborations | self.member_collaborations | self.observer_collaborations

    @property
    def may_write_somewhere(self) -> bool:
        """False for observers, member users and users without roles: they never write anything."""
        return bool(self.is_admin or self.secretariat_collaborations or self.coordinator_organisations
                    or self.finance_organisations)

    @property
    def is_authenticated(self):
        return bool(getattr(self.user, "is_authenticated", False))


def access_for(user) -> Access:
    """The user's Access, cached on the user object for the rest of the request."""
    cached = getattr(user, "_digisam_access", None)
    if cached is not None:
        return cached
    from .models import Role

    access = Access(user=user)
    if getattr(user, "is_authenticated", False) and user.is_active:
        access.is_admin = bool(user.is_superuser)
        for role, collaboration_id, organisation_id in user.role_assignments.values_list(
            "role", "collaboration_id", "organisation_id"
        ):
            if role == Role.PLATFORM_ADMIN:
                access.is_admin = True
            elif role == Role.SECRETARIAT and collaboration_id:
                access.secretariat_collaborations.add(collaboration_id)
            elif role == Role.OBSERVER:
                access.is_observer = True
                if collaboration_id:
                    access.observer_collaborations.add(collaboration_id)
            elif organisation_id:
                access.organisations.add(organisation_id)
                if role == Role.COORDINATOR:
                    access.coordinator_organisations.add(organisation_id)
                if role == Role.FINANCE_OFFICER:
                    access.finance_organisations.add(organisation_id)
    try:
        user._digisam_access = access
    except AttributeError:
        pass
    return access


def forget_access(user) -> None:
    """Drop the cached Access, e.g. after role assignments changed within a request or test."""
    if hasattr(user, "_digisam_access"):
        del user._digisam_access


def _resolve(obj, path: str | None):
    """Follow a lookup path ('initiative__collaboration') through attributes; returns the id."""
    if not path:
        return None
    if path == "self":
        return obj.pk
    parts = path.split("__")
    current = obj
    for part in parts[:-1]:
        current = getattr(current, part, None)
        if current is None:
            return None
    return getattr(current, f"{parts[-1]}_id", None)


class Policy:
    """Access rules for one model. Subclass and set the lookup paths; override a method where a
    model's rules differ (the docstring of the subclass says why)."""

    #: lookup path from the model to its Collaboration (or "self" for Collaboration itself)
    collaboration_path: str | None = None
    #: lookup path from the model to the Organisation that owns it (or "self")
    organisation_path: str | None = None
    #: lookup path to a boolean saying the object is published (observers and all readers see it)
    published_path: str | None = None
    #: objects visible to every signed-in user (reference data)
    public = False
    #: who may write: "collaboration" (its secretariat), "organisation" (its coordinator), or both
    writers: tuple[str, ...] = ("collaboration",)
    #: fields that only platform admins change, whoever else may write the object (reference data)
    admin_fields: tuple[str, ...] = ()
    #: fields the audit log records only as a fingerprint (secrets such as a password hash)
    audit_redacted: tuple[str, ...] = ()

    def __init__(self, model):
        self.model = model

    # --- querysets -------------------------------------------------------------------------
    def read_q(self, access: Access) -> Q:
        q = Q(pk__in=[])
        if self.collaboration_path:
            key = "pk" if self.collaboration_path == "self" else self.collaboration_path
            q |= Q(**{f"{key}__in": access.readable_collaborations})
        if self.organisation_path:
            key = "pk" if self.organisation_path == "self" else self.organisation_path
            q |= Q(**{f"{key}__in": access.organisations})
        if self.published_path:
            q |= Q(**{self.published_path: True})
        return q

    def write_q(self, access: Access) -> Q:
        q = Q(pk__in=[])
        if "collaboration" in self.writers and self.collaboration_path:
            key = "pk" if self.collaboration_path == "self" else self.collaboration_path
            q |= Q(**{f"{key}__in": access.secretariat_collaborations})
        if "organisation" in self.writers and self.organisation_path:
            key = "pk" if self.organisation_path == "self" else self.organisation_path
            q |= Q(**{f"{key}__in": access.coordinator_organisations})
        return q

    def restrict(self, user, action: str, queryset: QuerySet) -> QuerySet:
        access = access_for(user)
        if not access.is_authenticated:
            return queryset.none()
        if access.is_admin:
            return queryset
        if action == VIEW:
            if self.public:
                return queryset
            return queryset.filter(self.read_q(access)).distinct()
        return queryset.filter(self.write_q(access)).distinct()

    # --- single objects --------------------------------------------------------------------
    def collaboration_id(self, obj):
        return _resolve(obj, self.collaboration_path)

    def organisation_id(self, obj):
        return _resolve(obj, self.organisation_path)

    def allows(self, user, action: str, obj: Model) -> bool:
        access = access_for(user)
        if not access.is_authenticated:
            return False
        if access.is_admin:
            return True
        collaboration_id = self.collaboration_id(obj)
        organisation_id = self.organisation_id(obj)
        if action == VIEW:
            if self.public:
                return True
            if collaboration_id is not None and collaboration_id in access.readable_collaborations:
                return True
            if organisation_id is not None and organisation_id in access.organisations:
                return True
            if self.published_path:
                return bool(_published(obj, self.published_path))
            return False
        if "collaboration" in self.writers and collaboration_id in access.secretariat_collaborations:
            return True
        if "organisation" in self.writers and organisation_id in access.coordinator_organisations:
            return True
        return False

    def history_restrict(self, user, queryset: QuerySet) -> QuerySet:
        """The objects whose whole change history (every field's before/after values) the user may
        read. The object history and every audit list (core.policies.AuditEntryPolicy) use this one
        rule. By default those who read the object; override where readers see less than the whole
        object (a contract whose economy is not shared, a plan run's instance with contract prices)."""
        return self.restrict(user, VIEW, queryset)

    def history_visible(self, user, obj) -> bool:
        """Whether the user may read the whole change history of `obj` (see `history_restrict`)."""
        return self.history_restrict(user, self.model._default_manager.filter(pk=obj.pk)).exists()

    def locked_fields(self, user, obj) -> tuple[str, ...]:
        """Fields of `obj` the user may not change even where the object is writable for them."""
        return () if access_for(user).is_admin else self.admin_fields

    def can_add_in(self, user, *, collaboration=None, organisation=None) -> bool:
        """Whether the user may create objects of this model in the given scope (for buttons)."""
        access = access_for(user)
        if access.is_admin:
            return True
        if "collaboration" in self.writers and collaboration is not None:
            if collaboration.pk in access.secretariat_collaborations:
                return True
        if "organisation" in self.writers and organisation is not None:
            if organisation.pk in access.coordinator_organisations:
                return True
        return False


def _published(obj, path):
    current = obj
    for part in path.split("__"):
        current = getattr(current, part, None)
        if current is None:
            return False
    return current


class AdminOnlyPolicy(Policy):
    """Only platform admins read or write (e.g. role assignments of other users)."""

    def restrict(self, user, action, queryset):
        return queryset if access_for(user).is_admin else queryset.none()

    def allows(self, user, action, obj):
        return access_for(user).is_admin


_registry: dict[type, Policy] = {}


def register(model, policy_class: type[Policy] | None = None):
    """Register a policy for a model; usable as `register(Model, Policy)` or as a class decorator."""
    if policy_class is None:
        def decorator(cls):
            _registry[model] = cls(model)
            return cls

        return decorator
    _registry[model] = policy_class(model)
    return policy_class


def policy_for(model_or_obj) -> Policy:
    model = model_or_obj if isinstance(model_or_obj, type) else type(model_or_obj)
    model = model._meta.concrete_model
    try:
        return _registry[model]
    except KeyError:
        raise LookupError(f"No access policy registered for {model.__name__}") from None


def restrict(queryset: QuerySet, user, action: str = VIEW) -> QuerySet:
    """Narrow any queryset to what the user may do; every list, export and API query uses it."""
    return policy_for(queryset.model).restrict(user, action, queryset)


def allows(user, action: str, obj) -> bool:
    return policy_for(obj).allows(user, action, obj)


def require(user, action: str, obj) -> None:
    if not allows(user, action, obj):
        raise PermissionDenied(f"{action} not allowed on {obj._meta.verbose_name}")


def registered_models():
    return list(_registry)
