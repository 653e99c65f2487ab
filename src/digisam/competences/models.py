"""The shared competence pool: specialists that member organisations offer to a collaboration, with
competences from the collaboration's catalogue, and the staffing of working groups, initiatives and
services from it.

Personal data is kept minimal: a specialist has a name, work contact details, a title, competences,
an hourly cost rate and hours available per year — nothing else. When the person leaves the pool the
record is deleted (`competences.services.remove_specialist`); the audit log keeps that it happened
but never the details (`audit_redacted_fields`, `audit_repr`).

Hours worked on an allocation are registered into the economy's hours settlement (`economy.HoursEntry`
of the request's settlement project, for the person's home organisation): one ledger, not two.
`AllocationHours` records which allocation the hours came from."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Sum
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from digisam.collaborations.models import MembershipRole, MembershipStatus

from .choices import AllocationStatus, Level, RequestStatus

MONEY = {"max_digits": 14, "decimal_places": 2}
HOURS = {"max_digits": 8, "decimal_places": 2}
NON_NEGATIVE = [MinValueValidator(Decimal("0"))]
POSITIVE = [MinValueValidator(Decimal("0.01"))]
MONTH = RegexValidator(r"^\d{4}-(0[1-9]|1[0-2])$", _("Skriv måneden som ÅÅÅÅ-MM."))
YEAR = [MinValueValidator(2000), MaxValueValidator(2100)]


def is_member(collaboration, organisation_id) -> bool:
    """Whether the organisation is an approved or active member (role member, not a vendor
    partner) of the collaboration."""
    return collaboration.memberships.filter(
        organisation_id=organisation_id, status__in=[MembershipStatus.APPROVED, MembershipStatus.ACTIVE],
        role=MembershipRole.MEMBER,
    ).exists()


class Competence(models.Model):
    """An entry of the collaboration's competence catalogue (e.g. 'Kontraktstyring')."""

    collaboration = models.ForeignKey("collaborations.Collaboration", on_delete=models.CASCADE,
                                      related_name="competences", verbose_name=_("samarbejde"))
    name = models.CharField(_("kompetence"), max_length=120)
    description = models.TextField(_("beskrivelse"), blank=True)

    class Meta:
        ordering = ["collaboration", "name"]
        verbose_name = _("kompetence")
        verbose_name_plural = _("kompetencekatalog")
        constraints = [
            models.UniqueConstraint(fields=["collaboration", "name"], name="competences_competence_unique",
                                    violation_error_message=_("Kompetencen findes allerede i kataloget.")),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("competences:pool", args=[self.collaboration.slug])


class Specialist(models.Model):
    """A person a member organisation offers to the pool. Only work contact details."""

    audit_redacted_fields = ("name", "work_email", "work_phone", "title")

    collaboration = models.ForeignKey("collaborations.Collaboration", on_delete=models.CASCADE,
                                      related_name="specialists", verbose_name=_("samarbejde"))
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("hjemorganisation"))
    name = models.CharField(_("navn"), max_length=160)
    title = models.CharField(_("stilling"), max_length=160, blank=True)
    work_email = models.EmailField(_("arbejdsmail"), blank=True)
    work_phone = models.CharField(_("arbejdstelefon"), max_length=40, blank=True)
    hourly_cost = models.DecimalField(_("timeomkostning (kr.)"), validators=NON_NEGATIVE, **MONEY)
    active = models.BooleanField(_("i puljen"), default=True,
                                 help_text=_("Falsk: personen har forladt puljen; oplysningerne er fjernet."))

    class Meta:
        ordering = ["collaboration", "-active", "name"]
        verbose_name = _("specialist i puljen")
        verbose_name_plural = _("specialister i puljen")

    def __str__(self):
        return self.name

    @property
    def audit_repr(self) -> str:
        return f"Specialist #{self.pk} ({self.organisation.code or self.organisation_id})"

    def get_absolute_url(self):
        return reverse("competences:specialist", args=[self.pk])

    def clean(self):
        if self.collaboration_id and self.organisation_id and not is_member(self.collaboration, self.organisation_id):
            raise ValidationError({"organisation": _("Hjemorganisationen er ikke medlem af samarbejdet.")})


class SpecialistCompetence(models.Model):
    """A competence a specialist holds, with a level."""

    specialist = models.ForeignKey(Specialist, on_delete=models.CASCADE, related_name="competences",
                                   verbose_name=_("specialist"))
    competence = models.ForeignKey(Competence, on_delete=models.PROTECT, related_name="holders",
                                   verbose_name=_("kompetence"))
    level = models.PositiveSmallIntegerField(_("niveau"), choices=Level.choices, default=Level.PRACTISED)

    class Meta:
        ordering = ["specialist", "competence__name"]
        verbose_name = _("specialistens kompetence")
        verbose_name_plural = _("specialisters kompetencer")
        constraints = [
            models.UniqueConstraint(fields=["specialist", "competence"], name="competences_held_unique",
                                    violation_error_message=_("Specialisten har allerede kompetencen.")),
        ]

    def __str__(self):
        return f"{self.competence} ({self.level})"

    def get_absolute_url(self):
        return self.specialist.get_absolute_url()

    def clean(self):
        if self.specialist_id and self.competence_id and \
                self.competence.collaboration_id != self.specialist.collaboration_id:
            raise ValidationError({"competence": _("Kompetencen skal høre til samarbejdets katalog.")})


class Availability(models.Model):
    """Hours a specialist is available to the pool in one calendar year."""

    specialist = models.ForeignKey(Specialist, on_delete=models.CASCADE, related_name="availability",
                                   verbose_name=_("specialist"))
    year = models.PositiveSmallIntegerField(_("år"), validators=YEAR)
    hours = models.DecimalField(_("timer til rådighed"), validators=NON_NEGATIVE, **HOURS)

    class Meta:
        ordering = ["specialist", "year"]
        verbose_name = _("rådighed")
        verbose_name_plural = _("rådighed")
        constraints = [
            models.UniqueConstraint(fields=["specialist", "year"], name="competences_availability_unique",
                                    violation_error_message=_("Specialisten har allerede rådighed for året.")),
        ]

    def __str__(self):
        return f"{self.year}: {self.hours} t"

    def get_absolute_url(self):
        return self.specialist.get_absolute_url()

    def clean(self):
        if self.specialist_id and self.year and self.hours is not None:
            booked = allocated_hours(self.specialist_id, self.year)
            if booked > self.hours:
                raise ValidationError({"hours": _("Specialisten er allerede tildelt %(b)s timer i %(y)s; "
                                                  "rådigheden kan ikke sættes lavere.") % {"b": booked, "y": self.year}})


class StaffingRequest(models.Model):
    """A need for a competence at a minimum level and a number of hours in a year, from a working
    group (a body), an initiative or a catalogue service. `project` is the economy project whose hours
    settlement the worked hours flow into."""

    collaboration = models.ForeignKey("collaborations.Collaboration", on_delete=models.CASCADE,
                                      related_name="staffing_requests", verbose_name=_("samarbejde"))
    title = models.CharField(_("titel"), max_length=200)
    competence = models.ForeignKey(Competence, on_delete=models.PROTECT, related_name="requests",
                                   verbose_name=_("kompetence"))
    min_level = models.PositiveSmallIntegerField(_("mindste niveau"), choices=Level.choices, default=Level.PRACTISED)
    hours = models.DecimalField(_("timer"), validators=POSITIVE, **HOURS)
    year = models.PositiveSmallIntegerField(_("år"), validators=YEAR)
    body = models.ForeignKey("collaborations.Body", null=True, blank=True, on_delete=models.PROTECT,
                             related_name="+", verbose_name=_("arbejdsgruppe/organ"))
    initiative = models.ForeignKey("initiatives.Initiative", null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+", verbose_name=_("initiativ"))
    service = models.ForeignKey("operations.CatalogueService", null=True, blank=True, on_delete=models.PROTECT,
                                related_name="+", verbose_name=_("ydelse"))
    project = models.ForeignKey("economy.Project", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                verbose_name=_("timeafregning (projekt)"),
                                help_text=_("Det projekt i økonomien, som de erlagte timer afregnes i."))
    status = models.CharField(_("status"), max_length=10, choices=RequestStatus.choices, default=RequestStatus.OPEN)
    created = models.DateTimeField(_("oprettet"), auto_now_add=True)

    class Meta:
        ordering = ["collaboration", "year", "title"]
        verbose_name = _("bemandingsbehov")
        verbose_name_plural = _("bemandingsbehov")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("competences:request", args=[self.pk])

    @property
    def requester(self):
        return self.body or self.initiative or self.service

    def clean(self):
        errors = {}
        chosen = [f for f in ("body", "initiative", "service") if getattr(self, f"{f}_id")]
        if len(chosen) != 1:
            errors["body"] = _("Angiv præcis én af: arbejdsgruppe/organ, initiativ eller ydelse.")
        cid = self.collaboration_id
        if cid:
            if self.body_id and self.body.collaboration_id != cid:
                errors["body"] = _("Organet skal høre til samme samarbejde.")
            if self.initiative_id and self.initiative.collaboration_id != cid:
                errors["initiative"] = _("Initiativet skal høre til samme samarbejde.")
            if self.service_id and self.service.year.collaboration_id != cid:
                errors["service"] = _("Ydelsen skal høre til samme samarbejde.")
            if self.competence_id and self.competence.collaboration_id != cid:
                errors["competence"] = _("Kompetencen skal høre til samarbejdets katalog.")
            if self.project_id and (self.project.year.collaboration_id != cid or self.project.year.year != self.year):
                errors["project"] = _("Projektet skal høre til samarbejdets økonomiår %(y)s.") % {"y": self.year}
        if errors:
            raise ValidationError(errors)


def allocated_hours(specialist_id, year, exclude_pk=None) -> Decimal:
    """Hours booked on a specialist in a year: proposed and approved allocations."""
    qs = Allocation.objects.filter(specialist_id=specialist_id, request__year=year,
                                   status__in=[AllocationStatus.PROPOSED, AllocationStatus.APPROVED])
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    return qs.aggregate(s=Sum("hours"))["s"] or Decimal(0)


class Allocation(models.Model):
    """A specialist booked on a request for a number of hours. Proposed by the secretariat, approved
    (or rejected) by the person's home organisation. Never beyond the person's availability."""

    request = models.ForeignKey(StaffingRequest, on_delete=models.PROTECT, related_name="allocations",
                                verbose_name=_("bemandingsbehov"))
    specialist = models.ForeignKey(Specialist, on_delete=models.PROTECT, related_name="allocations",
                                   verbose_name=_("specialist"))
    hours = models.DecimalField(_("timer"), validators=POSITIVE, **HOURS)
    status = models.CharField(_("status"), max_length=10, choices=AllocationStatus.choices,
                              default=AllocationStatus.PROPOSED)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("afgjort af"))
    decided_at = models.DateTimeField(_("afgjort"), null=True, blank=True)

    class Meta:
        ordering = ["request", "specialist__name"]
        verbose_name = _("tildeling")
        verbose_name_plural = _("tildelinger")
        constraints = [
            models.UniqueConstraint(fields=["request", "specialist"], name="competences_allocation_unique",
                                    violation_error_message=_("Specialisten er allerede tildelt behovet.")),
        ]

    def __str__(self):
        return f"{self.request}: {self.hours} t"

    def get_absolute_url(self):
        return self.request.get_absolute_url()

    def clean(self):
        errors = {}
        if self.request_id and self.specialist_id:
            request, person = self.request, self.specialist
            if person.collaboration_id != request.collaboration_id or not is_member(request.collaboration,
                                                                                    person.organisation_id):
                errors["specialist"] = _("%(o)s er ikke medlem af samarbejdet; dets specialister kan ikke "
                                         "tildeles.") % {"o": person.organisation.name}
            held = person.competences.filter(competence_id=request.competence_id).first()
            if "specialist" not in errors and (held is None or held.level < request.min_level):
                errors["specialist"] = _("Specialisten har ikke kompetencen %(c)s på mindst niveau %(l)s.") % {
                    "c": request.competence.name, "l": request.min_level}
            if self.hours is not None and self.status != AllocationStatus.REJECTED and "specialist" not in errors:
                available = person.availability.filter(year=request.year).values_list("hours", flat=True).first() \
                    or Decimal(0)
                booked = allocated_hours(person.pk, request.year, exclude_pk=self.pk)
                if booked + self.hours > available:
                    errors["hours"] = _("Overbooking: specialisten har %(a)s timer til rådighed i %(y)s, og "
                                        "%(b)s er allerede tildelt; %(h)s timer mere er for mange.") % {
                        "a": available, "y": request.year, "b": booked, "h": self.hours}
        if errors:
            raise ValidationError(errors)


class AllocationHours(models.Model):
    """Hours worked on an allocation in one month. Saved together with the economy's `HoursEntry`
    (the request's project, the home organisation, the month) it adds to — the settlement reads only
    the HoursEntry."""

    allocation = models.ForeignKey(Allocation, on_delete=models.PROTECT, related_name="worked",
                                   verbose_name=_("tildeling"))
    month = models.CharField(_("måned"), max_length=7, validators=[MONTH], help_text=_("ÅÅÅÅ-MM, fx 2026-03."))
    hours = models.DecimalField(_("timer"), validators=POSITIVE, **HOURS)
    hours_entry = models.ForeignKey("economy.HoursEntry", on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("timeregistrering i økonomien"))

    class Meta:
        ordering = ["allocation", "month"]
        verbose_name = _("timer på tildeling")
        verbose_name_plural = _("timer på tildelinger")
        constraints = [
            models.UniqueConstraint(fields=["allocation", "month"], name="competences_worked_unique",
                                    violation_error_message=_("Der er allerede registreret timer for måneden.")),
        ]

    def __str__(self):
        return f"{self.allocation} {self.month}: {self.hours} t"

    def get_absolute_url(self):
        return self.allocation.get_absolute_url()

    def clean(self):
        errors = {}
        if self.allocation_id:
            allocation = self.allocation
            if allocation.status != AllocationStatus.APPROVED:
                errors["allocation"] = _("Timer registreres kun på en godkendt tildeling.")
            if self.month and not self.month.startswith(f"{allocation.request.year}-"):
                errors["month"] = _("Måneden skal ligge i året %(y)s.") % {"y": allocation.request.year}
            if self.hours is not None:
                worked = allocation.worked.exclude(pk=self.pk).aggregate(s=Sum("hours"))["s"] or Decimal(0)
                if worked + self.hours > allocation.hours:
                    errors["hours"] = _("Tildelingen er på %(a)s timer; %(w)s er registreret, så %(h)s mere er "
                                        "for mange.") % {"a": allocation.hours, "w": worked, "h": self.hours}
        if errors:
            raise ValidationError(errors)


class DevelopmentAction(models.Model):
    """An action of the collaboration's competence development plan, tracked like an action item."""

    collaboration = models.ForeignKey("collaborations.Collaboration", on_delete=models.CASCADE,
                                      related_name="development_actions", verbose_name=_("samarbejde"))
    competence = models.ForeignKey(Competence, null=True, blank=True, on_delete=models.PROTECT, related_name="actions",
                                   verbose_name=_("kompetence"))
    action = models.CharField(_("handling"), max_length=300)
    owner = models.CharField(_("ansvarlig"), max_length=200)
    owner_organisation = models.ForeignKey("organisations.Organisation", null=True, blank=True,
                                           on_delete=models.PROTECT, related_name="+",
                                           verbose_name=_("ansvarligt medlem"))
    due = models.DateField(_("frist"), null=True, blank=True)
    done = models.BooleanField(_("udført"), default=False)

    class Meta:
        ordering = ["collaboration", "done", "due"]
        verbose_name = _("handling i udviklingsplanen")
        verbose_name_plural = _("kompetenceudviklingsplan")

    def __str__(self):
        return self.action

    def get_absolute_url(self):
        return reverse("competences:analysis", args=[self.collaboration.slug])

    def clean(self):
        errors = {}
        if self.competence_id and self.collaboration_id and self.competence.collaboration_id != self.collaboration_id:
            errors["competence"] = _("Kompetencen skal høre til samarbejdets katalog.")
        if self.owner_organisation_id and self.collaboration_id and not is_member(self.collaboration,
                                                                                  self.owner_organisation_id):
            errors["owner_organisation"] = _("Organisationen er ikke medlem af samarbejdet.")
        if errors:
            raise ValidationError(errors)
