"""Cross-cutting records: who may do what (roles), what was done (audit) and long work (jobs)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from digisam.core.formatting import short_datetime


class Role(models.TextChoices):
    PLATFORM_ADMIN = "platform_admin", _("Platformadministrator")
    SECRETARIAT = "secretariat", _("Sekretariat")
    COORDINATOR = "coordinator", _("Kommunekoordinator")
    MEMBER_USER = "member_user", _("Medlemsbruger")
    OBSERVER = "observer", _("Observatør")
    FINANCE_OFFICER = "finance_officer", _("Økonomimedarbejder")


ORGANISATION_ROLES = {Role.COORDINATOR, Role.MEMBER_USER, Role.FINANCE_OFFICER}
COLLABORATION_ROLES = {Role.SECRETARIAT}


class RoleAssignment(models.Model):
    """A user's role, scoped to a collaboration (secretariat) or an organisation (coordinator,
    member user, finance officer). Observers may be scoped to a collaboration or be global
    readers of everything published. Access everywhere is derived from these rows."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(_("rolle"), max_length=32, choices=Role.choices)
    collaboration = models.ForeignKey(
        "collaborations.Collaboration", null=True, blank=True, on_delete=models.CASCADE, related_name="role_assignments"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", null=True, blank=True, on_delete=models.CASCADE, related_name="role_assignments"
    )

    class Meta:
        verbose_name = _("rolletildeling")
        verbose_name_plural = _("rolletildelinger")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "collaboration", "organisation"], name="core_role_assignment_unique"
            )
        ]

    def __str__(self):
        scope = self.collaboration or self.organisation or _("hele platformen")
        return f"{self.user} – {self.get_role_display()} ({scope})"

    def clean(self):
        if self.role in ORGANISATION_ROLES and not self.organisation_id:
            raise ValidationError({"organisation": _("Rollen kræver en organisation.")})
        if self.role in COLLABORATION_ROLES and not self.collaboration_id:
            raise ValidationError({"collaboration": _("Rollen kræver et samarbejde.")})


class Channel(models.TextChoices):
    UI = "ui", _("Web")
    API = "api", _("API")
    IMPORT = "import", _("Import")
    COMMAND = "command", _("Kommando")
    TASK = "task", _("Baggrundsjob")
    MIGRATION = "migration", _("Migrering")


class AuditAction(models.TextChoices):
    CREATE = "create", _("Oprettet")
    UPDATE = "update", _("Ændret")
    DELETE = "delete", _("Slettet")


class AuditEntry(models.Model):
    """One change to one domain object: who, when, what (before/after) and through which channel.
    Written only by digisam.core.services, inside the same transaction as the change."""

    timestamp = models.DateTimeField(_("tidspunkt"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    user_repr = models.CharField(_("bruger"), max_length=150, blank=True)
    action = models.CharField(_("handling"), max_length=16, choices=AuditAction.choices)
    channel = models.CharField(_("kanal"), max_length=16, choices=Channel.choices)
    request_id = models.CharField(max_length=64, blank=True)
    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.PROTECT)
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(_("objekt"), max_length=300)
    collaboration = models.ForeignKey(
        "collaborations.Collaboration", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["-timestamp", "-id"]
        verbose_name = _("logpost")
        verbose_name_plural = _("revisionslog")
        indexes = [models.Index(fields=["content_type", "object_id"], name="core_audit_object_idx")]

    def __str__(self):
        return f"{short_datetime(self.timestamp)} {self.user_repr} {self.get_action_display()} {self.object_repr}"

    @property
    def object_type(self):
        model = self.content_type.model_class()
        return model._meta.verbose_name if model else self.content_type.model

    @property
    def changed_fields(self):
        """Names of the fields whose value differs between before and after."""
        before, after = self.before or {}, self.after or {}
        return sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("I kø")
    RUNNING = "running", _("Kører")
    SUCCEEDED = "succeeded", _("Færdig")
    FAILED = "failed", _("Fejlet")


class Job(models.Model):
    """Long work run by the task worker (plan runs, imports, reports), with progress the user can
    watch. The task itself is a django-tasks task; this row is what the UI shows."""

    kind = models.CharField(_("type"), max_length=64)
    title = models.CharField(_("titel"), max_length=200)
    status = models.CharField(_("status"), max_length=16, choices=JobStatus.choices, default=JobStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(_("fremdrift (%)"), default=0)
    message = models.CharField(_("besked"), max_length=500, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    collaboration = models.ForeignKey(
        "collaborations.Collaboration", null=True, blank=True, on_delete=models.CASCADE, related_name="jobs"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", null=True, blank=True, on_delete=models.CASCADE, related_name="jobs"
    )
    parameters = models.JSONField(default=dict, blank=True)
    result = models.JSONField(null=True, blank=True)
    error = models.TextField(blank=True)
    result_url = models.CharField(max_length=300, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    started = models.DateTimeField(null=True, blank=True)
    finished = models.DateTimeField(null=True, blank=True)
    # Which worker process runs the job and when it last showed a sign of life: a job whose worker
    # died (killed, machine lost) is found by its stale heartbeat and marked failed (core.jobs).
    worker = models.CharField(max_length=200, blank=True)
    heartbeat = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created"]
        verbose_name = _("baggrundsjob")
        verbose_name_plural = _("baggrundsjob")

    def __str__(self):
        return self.title

    @property
    def done(self):
        return self.status in (JobStatus.SUCCEEDED, JobStatus.FAILED)


class Archivable(models.Model):
    """A record that holds decisions or money that must survive (closed votes, approved statements),
    or a parent of such records. It is never deleted; it is archived instead (core.services.archive):
    out of default lists and pickers, readable at its address with a banner, and read-only — as is
    everything under it — until someone who may delete it un-archives it."""

    archived_at = models.DateTimeField(_("arkiveret"), null=True, blank=True, editable=False)
    archived_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, editable=False,
                                    on_delete=models.SET_NULL, related_name="+", verbose_name=_("arkiveret af"))

    class Meta:
        abstract = True

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    @property
    def archive_label(self) -> str:
        """“Arkiveret 17.12.2026 af Hanne Holm” for the banner and for refusals."""
        from django.utils import timezone

        if self.archived_at is None:
            return ""
        who = self.archived_by.get_full_name() or self.archived_by.username if self.archived_by else "system"
        return _("Arkiveret %(date)s af %(name)s") % {
            "date": timezone.localtime(self.archived_at).strftime("%d.%m.%Y"), "name": who}
