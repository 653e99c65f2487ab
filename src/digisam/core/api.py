"""API base: the same policies and the same audited service as the web UI.

Lists are narrowed by `permissions.restrict`; an object the user may not read is 404; a write the
user may not make is 403; a model validation error is 400 with field errors — never a 500."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from . import archive as archiving
from . import permissions, services
from .api_base import ObjectPolicyPermission, exception_handler  # noqa: F401 - re-exported
from .models import AuditEntry, Channel, Job


class AuditedModelViewSet(viewsets.ModelViewSet):
    """CRUD through services.save/delete with channel API."""

    def get_queryset(self):
        queryset = permissions.restrict(super().get_queryset(), self.request.user, permissions.VIEW)
        if getattr(self, "action", None) == "list":
            # Archived records leave the default list; ?archived=true lists them (?archived=all: both).
            queryset = archiving.filter_list(queryset, self.request)
        return queryset

    def create(self, request, *args, **kwargs):
        # Read-only roles are refused before their input is validated: 403, not field errors.
        if not permissions.access_for(request.user).may_write_somewhere:
            raise PermissionDenied
        return super().create(request, *args, **kwargs)

    def perform_create(self, serializer):
        serializer.instance = self._save(serializer, serializer.Meta.model(**self._plain(serializer)))

    def perform_update(self, serializer):
        instance = serializer.instance
        for key, value in self._plain(serializer).items():
            setattr(instance, key, value)
        self._save(serializer, instance)

    def perform_destroy(self, instance):
        services.delete(instance, user=self.request.user, channel=Channel.API)

    def _plain(self, serializer):
        m2m = {f.name for f in serializer.Meta.model._meta.many_to_many}
        return {k: v for k, v in serializer.validated_data.items() if k not in m2m}

    def _save(self, serializer, instance):
        m2m_names = {f.name for f in instance._meta.many_to_many}
        m2m = {k: v for k, v in serializer.validated_data.items() if k in m2m_names}
        return services.save(instance, user=self.request.user, channel=Channel.API, m2m=m2m)


class PolicyFileField(serializers.FileField):
    """A FileField whose reading gives the policy-checked download address (core.files), never a
    public /media/ URL; writing still takes an upload."""

    def to_representation(self, value):
        if not value:
            return None
        from .files import download_url

        url = download_url(value.instance, value.field.name)
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request is not None else url


class ReadOnlyPolicyViewSet(viewsets.ReadOnlyModelViewSet):
    """List and retrieve only, narrowed by the model's policy (VIEW): what the user may not read is absent
    from the list and 404 by id."""

    def get_queryset(self):
        return permissions.restrict(super().get_queryset(), self.request.user, permissions.VIEW)


class AuditEntrySerializer(serializers.ModelSerializer):
    """An audit entry: who, when, through which channel, and the object's fields before and after."""

    object_type = serializers.SerializerMethodField()

    class Meta:
        model = AuditEntry
        fields = [
            "id", "timestamp", "user_repr", "action", "channel", "request_id", "object_type", "object_id",
            "object_repr", "collaboration", "organisation", "before", "after",
        ]

    def get_object_type(self, obj) -> str:
        return f"{obj.content_type.app_label}.{obj.content_type.model}"


class AuditEntryViewSet(ReadOnlyPolicyViewSet):
    """The audit log, narrowed to the collaborations and organisations the user may read."""

    queryset = AuditEntry.objects.select_related("content_type")
    serializer_class = AuditEntrySerializer
    filterset_fields = ["collaboration", "organisation", "channel", "action", "object_id"]


class JobSerializer(serializers.ModelSerializer):
    """A background job: its status and progress, and the result or error once it is done."""

    class Meta:
        model = Job
        fields = ["id", "kind", "title", "status", "progress", "message", "collaboration", "organisation",
                  "result", "error", "result_url", "created", "started", "finished"]


class JobViewSet(ReadOnlyPolicyViewSet):
    """Background jobs, read only: those the user started and those of the collaborations and organisations
    they read; platform admins see all."""

    queryset = Job.objects.all()
    serializer_class = JobSerializer
    filterset_fields = ["status", "kind", "collaboration"]


ARCHIVED_PARAMETER = OpenApiParameter(
    "archived", OpenApiTypes.STR, enum=["true", "false", "all"], required=False,
    description="Arkiverede poster er ikke med i listen: `true` viser kun de arkiverede, `all` begge.")


class ArchiveStateSerializer(serializers.Serializer):
    """Whether a record is archived, since when and by whom (the answer to archive/unarchive)."""

    id = serializers.IntegerField()
    archived_at = serializers.DateTimeField(allow_null=True)
    archived_by = serializers.IntegerField(allow_null=True, source="archived_by_id")


ARCHIVE_DESCRIPTION = (
    "Poster med afsluttede afstemninger eller godkendte årsopgørelser (og deres forældre) slettes ikke; de "
    "arkiveres. Samme ret som til at slette. En arkiveret post og alt under den kan læses, men ikke ændres "
    "(400), og den er ikke med i listen uden `?archived=true`.")


def _archive_schema(summary):
    return extend_schema(
        request=None, summary=summary, description=ARCHIVE_DESCRIPTION,
        responses={200: ArchiveStateSerializer, 400: OpenApiResponse(description="Allerede (ikke) arkiveret, "
                                                                                 "eller under en arkiveret post."),
                   403: OpenApiResponse(description="Du må ikke slette (og derfor ikke arkivere) posten."),
                   404: OpenApiResponse(description="Ikke fundet.")})


class ArchiveActionsMixin:
    """`POST …/<id>/archive/` and `…/<id>/unarchive/` for records that are archived instead of deleted
    (closed votes, approved statements and their parents): the same permission as delete, audited
    through services.archive/unarchive. An archived record refuses every change with a 400."""

    # The schema takes a view's description from the first docstring in its MRO; every viewset in an
    # api.py has its own (tests/foundation/test_docstrings.py), so this one never reaches the schema.

    @extend_schema(parameters=[ARCHIVED_PARAMETER])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @_archive_schema("Arkivér (i stedet for at slette)")
    @action(detail=True, methods=["post"])
    def archive(self, request, *args, **kwargs):
        obj = self.get_object()
        obj = services.archive(obj, user=request.user, channel=Channel.API)
        return Response(ArchiveStateSerializer(obj).data, status=status.HTTP_200_OK)

    @_archive_schema("Gendan fra arkivet")
    @action(detail=True, methods=["post"])
    def unarchive(self, request, *args, **kwargs):
        obj = self.get_object()
        obj = services.unarchive(obj, user=request.user, channel=Channel.API)
        return Response(ArchiveStateSerializer(obj).data, status=status.HTTP_200_OK)
