"""The OpenAPI schema documents the errors the API really answers with, not only the happy path.

Every operation behind `ObjectPolicyPermission` may answer 400 (field errors, or a NUL character in
a parameter), 401 (no or a bad token) and 403 (signed in, but the policy refuses); an operation on
one object answers 404 when the user may not read it (or it does not exist); writes answer 409 when
a concurrent write took the same unique value (nothing is saved), and a DELETE 409 when other data
refers to the object. Codes an operation already documents (e.g. @extend_schema) are left alone."""

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers

from .api_base import ObjectPolicyPermission

WRITE_METHODS = ("POST", "PUT", "PATCH", "DELETE")


class ErrorDetailSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="Why the request was refused (Danish).")


class ValidationErrorSerializer(serializers.Serializer):
    """Field name (or non_field_errors) → list of messages."""

    non_field_errors = serializers.ListField(child=serializers.CharField(), required=False)


class DocumentedErrorsSchema(AutoSchema):
    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response" or not self._is_policy_protected():
            return responses
        for code, serializer, description in self._error_responses():
            if code not in responses:
                responses[code] = self._get_response_for_code(
                    OpenApiResponse(response=serializer, description=description), code, direction=direction)
        return responses

    def _is_policy_protected(self) -> bool:
        return any(isinstance(p, ObjectPolicyPermission) for p in self.view.get_permissions())

    def _error_responses(self):
        yield "400", ValidationErrorSerializer, "Invalid input: field errors, or a NUL character in the request."
        yield "401", ErrorDetailSerializer, "No token or an invalid token."
        yield "403", ErrorDetailSerializer, "The user's role or the object's policy does not allow this."
        if "{" in self.path:
            yield "404", ErrorDetailSerializer, "No such object, or not one the user may read."
        if self.method in WRITE_METHODS:
            yield "409", ErrorDetailSerializer, (
                "Conflict: other data refers to the object (delete), or a concurrent change took the same "
                "value; nothing was saved.")
