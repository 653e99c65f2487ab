"""API settings hooks kept apart from the viewsets: DRF imports these while it is loading."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.db.models import ProtectedError, RestrictedError
from rest_framework import exceptions, pagination
from rest_framework import permissions as drf_permissions
from rest_framework.response import Response

from . import permissions

CONFLICT_MESSAGE = "Dataene blev ændret af en anden samtidig; intet er gemt. Hent dem igen, og prøv igen."


class Pagination(pagination.LimitOffsetPagination):
    """limit/offset paging with a ceiling: `?limit=` above MAX_LIMIT (however large) gives MAX_LIMIT
    rows, never a database overflow."""

    default_limit = 50
    max_limit = 500


class ObjectPolicyPermission(drf_permissions.BasePermission):
    """Signed-in users only; object decisions are made by the policies and the service."""

    def has_permission(self, request, view):
        return bool(request.user and request.user.is_authenticated)

    def has_object_permission(self, request, view, obj):
        if request.method in drf_permissions.SAFE_METHODS:
            return permissions.allows(request.user, permissions.VIEW, obj)
        action = permissions.DELETE if request.method == "DELETE" else permissions.CHANGE
        return permissions.allows(request.user, action, obj)


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        if hasattr(exc, "error_dict"):
            detail = {("non_field_errors" if k == "__all__" else k): v for k, v in exc.message_dict.items()}
        else:
            detail = {"non_field_errors": exc.messages}
        exc = exceptions.ValidationError(detail)
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    elif isinstance(exc, ProtectedError | RestrictedError):
        return Response({"detail": "Objektet kan ikke slettes, fordi andre data henviser til det."}, status=409)
    elif isinstance(exc, IntegrityError):
        # A concurrent write took the same unique value between our validation and our save: the
        # transaction was rolled back, nothing is half-written; the caller may simply retry.
        return Response({"detail": CONFLICT_MESSAGE}, status=409)
    from rest_framework.views import exception_handler as drf_exception_handler

    return drf_exception_handler(exc, context)
