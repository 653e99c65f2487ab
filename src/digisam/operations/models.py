"""Operations & support collaborations (drifts- og supportsamarbejder): a collaboration's service
catalogue per economy year, each service's service level (the collaboration's target and each
member's current level, for harmonisation), the operator's tickets for SLA reporting, and shared
support in the hotline model.

The money stays in the economy, one source of truth: a basic service *is* an economy `Charge` (per
FTE or shared by a key), an add-on *is* an economy catalogue `Service` whose members' `Order`s are the
economy's orders charge. Shared support's contributions by size are an economy `Charge`; its hours
and SLA credits reach the statement through the economy adapter's contributor hook
(`operations.adapter`)."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .choices import Priority, ServiceKind, SizeKey, SupportChannel

MONEY = {"max_digits": 14, "decimal_places": 2}
NON_NEGATIVE = [MinValueValidator(Decimal("0"))]
PERCENT = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))]
MONTH = RegexValidator(r"^\d{4}-(0[1-9]|1[0-2])$", _("Skriv måneden som ÅÅÅÅ-MM."))


def validate_channels(value):
    allowed = set(SupportChannel.values)
    if not isinstance(value, list) or any(v not in allowed for v in value):
        raise ValidationError(_("Vælg supportkanaler blandt: %(c)s.") % {"c": ", ".join(sorted(allowed))})


class CatalogueService(models.Model):
    """One service of the collaboration's catalogue for a year. Its price lives in the economy: a
    basic service is paid through `charge`, an add-on is the economy catalogue item `economy_service`
    that members order. `operations.services.save_catalogue_service` keeps the two together."""

    year = models.ForeignKey("economy.EconomyYear", on_delete=models.CASCADE, related_name="catalogue_services",
                             verbose_name=_("økonomiår"))
    name = models.CharField(_("ydelse"), max_length=160)
    kind = models.CharField(_("type"), max_length=8, choices=ServiceKind.choices)
    description = models.TextField(_("beskrivelse"), blank=True)
    charge = models.OneToOneField("economy.Charge", null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="catalogue_service", verbose_name=_("opkrævning"))
    economy_service = models.OneToOneField("economy.Service", null=True, blank=True, on_delete=models.PROTECT,
                                           related_name="catalogue_service", verbose_name=_("ydelse i økonomien"))

    class Meta:
        ordering = ["year", "kind", "name"]
        verbose_name = _("ydelse i servicekataloget")
        verbose_name_plural = _("servicekatalog")
        constraints = [
            models.UniqueConstraint(fields=["year", "name"], name="operations_service_unique",
                                    violation_error_message=_("Ydelsen findes allerede i årets servicekatalog.")),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("operations:service", args=[self.pk])

    @property
    def collaboration(self):
        return self.year.collaboration

    def clean(self):
        errors = {}
        if self.kind == ServiceKind.BASIC and self.economy_service_id:
            errors["economy_service"] = _("En basisydelse bestilles ikke; den betales efter nøgle.")
        if self.kind == ServiceKind.ADDON and self.charge_id:
            errors["charge"] = _("Et tilkøb betales af bestillingerne, ikke af en opkrævning.")
        if self.charge_id and self.year_id and self.charge.year_id != self.year_id:
            errors["charge"] = _("Opkrævningen skal høre til samme økonomiår.")
        if self.economy_service_id and self.year_id and self.economy_service.year_id != self.year_id:
            errors["economy_service"] = _("Ydelsen skal høre til samme økonomiår.")
        if errors:
            raise ValidationError(errors)


class ServiceLevel(models.Model):
    """A service level for one catalogue service: without organisation the collaboration's target
    (the SLA), with an organisation that member's current level (for harmonisation). A target is in
    force when the decision that set it (a proposal under the body's decision rules) was adopted."""

    service = models.ForeignKey(CatalogueService, on_delete=models.CASCADE, related_name="levels",
                                verbose_name=_("ydelse"))
    organisation = models.ForeignKey("organisations.Organisation", null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+", verbose_name=_("medlem"),
                                     help_text=_("Tom: samarbejdets målniveau (SLA)."))
    opening_hours = models.CharField(_("åbningstid"), max_length=200, blank=True,
                                     help_text=_("Fx 'Hverdage 8–16'."))
    availability_target = models.DecimalField(_("oppetid (mål, %)"), max_digits=5, decimal_places=2, null=True,
                                              blank=True, validators=PERCENT)
    channels = models.JSONField(_("supportkanaler"), default=list, blank=True, validators=[validate_channels])
    credit_cap = models.DecimalField(_("loft over kredit pr. medlem og år (kr.)"), null=True, blank=True,
                                     validators=NON_NEGATIVE, **MONEY)
    decision = models.ForeignKey("initiatives.Proposal", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="+", verbose_name=_("beslutning om målniveauet"))

    class Meta:
        ordering = ["service", "organisation__code"]
        verbose_name = _("serviceniveau")
        verbose_name_plural = _("serviceniveauer")
        constraints = [
            models.UniqueConstraint(fields=["service", "organisation"], name="operations_level_member_unique",
                                    violation_error_message=_("Medlemmet har allerede et serviceniveau for ydelsen.")),
            models.UniqueConstraint(fields=["service"], condition=Q(organisation__isnull=True),
                                    name="operations_level_target_unique",
                                    violation_error_message=_("Ydelsen har allerede et målniveau.")),
        ]

    def __str__(self):
        who = self.organisation.name if self.organisation_id else _("mål")
        return f"{self.service}: {who}"

    def get_absolute_url(self):
        return self.service.get_absolute_url()

    @property
    def is_target(self):
        return self.organisation_id is None

    @property
    def decided(self) -> bool:
        return bool(self.decision_id and self.decision.outcome == "adopted")

    def clean(self):
        errors = {}
        collaboration = self.service.year.collaboration if self.service_id else None
        if collaboration is not None and self.organisation_id and not collaboration.memberships.filter(
                organisation_id=self.organisation_id).exists():
            errors["organisation"] = _("Organisationen er ikke medlem af samarbejdet.")
        if self.decision_id:
            if self.organisation_id:
                errors["decision"] = _("Kun samarbejdets målniveau fastsættes ved en beslutning.")
            elif collaboration is not None and self.decision.collaboration_id != collaboration.pk:
                errors["decision"] = _("Beslutningen skal høre til samme samarbejde.")
        if errors:
            raise ValidationError(errors)


class PriorityTarget(models.Model):
    """Response and resolution time for one priority of a service level (minutes, calendar clock),
    and the credit a member receives per ticket resolved late (only on the target level)."""

    level = models.ForeignKey(ServiceLevel, on_delete=models.CASCADE, related_name="priorities",
                              verbose_name=_("serviceniveau"))
    priority = models.CharField(_("prioritet"), max_length=2, choices=Priority.choices)
    response_minutes = models.PositiveIntegerField(_("svartid (minutter)"), null=True, blank=True)
    resolution_minutes = models.PositiveIntegerField(_("løsningstid (minutter)"), null=True, blank=True)
    credit_per_breach = models.DecimalField(_("kredit pr. overskridelse (kr.)"), default=Decimal(0),
                                            validators=NON_NEGATIVE, **MONEY)

    class Meta:
        ordering = ["level", "priority"]
        verbose_name = _("mål for prioritet")
        verbose_name_plural = _("mål for prioriteter")
        constraints = [
            models.UniqueConstraint(fields=["level", "priority"], name="operations_priority_unique",
                                    violation_error_message=_("Prioriteten har allerede et mål.")),
        ]

    def __str__(self):
        return f"{self.level} P{self.priority}"

    def get_absolute_url(self):
        return self.level.get_absolute_url()

    def clean(self):
        errors = {}
        if (self.response_minutes is not None and self.resolution_minutes is not None
                and self.resolution_minutes < self.response_minutes):
            errors["resolution_minutes"] = _("Løsningstiden kan ikke være kortere end svartiden.")
        if self.credit_per_breach and self.level_id and self.level.organisation_id:
            errors["credit_per_breach"] = _("Kredit aftales kun i samarbejdets målniveau.")
        if errors:
            raise ValidationError(errors)


class TicketImport(models.Model):
    """One imported ticket export for a year (all rows or none)."""

    year = models.ForeignKey("economy.EconomyYear", on_delete=models.CASCADE, related_name="ticket_imports",
                             verbose_name=_("økonomiår"))
    filename = models.CharField(_("fil"), max_length=255)
    rows = models.PositiveIntegerField(_("sager"), default=0)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name=_("importeret af"))
    imported_at = models.DateTimeField(_("importeret"), auto_now_add=True)

    class Meta:
        ordering = ["year", "-imported_at"]
        verbose_name = _("import af supportsager")
        verbose_name_plural = _("importer af supportsager")

    def __str__(self):
        return f"{self.filename} ({self.rows})"

    def get_absolute_url(self):
        return reverse("operations:sla", args=[self.year.collaboration.slug, self.year.year])


class Ticket(models.Model):
    """One ticket from the operator's export: which member, which service, its priority and times."""

    batch = models.ForeignKey(TicketImport, on_delete=models.CASCADE, related_name="tickets",
                              verbose_name=_("import"))
    ident = models.CharField(_("sagsnummer"), max_length=80)
    service = models.ForeignKey(CatalogueService, on_delete=models.PROTECT, related_name="tickets",
                                verbose_name=_("ydelse"))
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("medlem"))
    priority = models.CharField(_("prioritet"), max_length=2, choices=Priority.choices)
    opened = models.DateTimeField(_("oprettet"))
    first_response = models.DateTimeField(_("første svar"), null=True, blank=True)
    resolved = models.DateTimeField(_("løst"), null=True, blank=True)

    class Meta:
        ordering = ["batch", "opened"]
        verbose_name = _("supportsag")
        verbose_name_plural = _("supportsager")
        constraints = [
            models.UniqueConstraint(fields=["batch", "ident"], name="operations_ticket_unique",
                                    violation_error_message=_("Sagsnummeret findes allerede i importen.")),
        ]

    def __str__(self):
        return self.ident

    def get_absolute_url(self):
        return self.batch.get_absolute_url()

    def clean(self):
        errors = {}
        if self.opened and self.first_response and self.first_response < self.opened:
            errors["first_response"] = _("Første svar ligger før oprettelsen.")
        if self.opened and self.resolved and self.resolved < self.opened:
            errors["resolved"] = _("Løst ligger før oprettelsen.")
        if self.service_id and self.batch_id and self.service.year_id != self.batch.year_id:
            errors["service"] = _("Ydelsen skal høre til importens økonomiår.")
        if errors:
            raise ValidationError(errors)


class SupportArrangement(models.Model):
    """Shared support in the hotline model: an hourly price for handled hours, and a contribution
    by size (the economy `charge`, a keyed share), both settled in the annual statement."""

    year = models.ForeignKey("economy.EconomyYear", on_delete=models.CASCADE, related_name="support_arrangements",
                             verbose_name=_("økonomiår"))
    name = models.CharField(_("navn"), max_length=160)
    hourly_price = models.DecimalField(_("timepris (kr.)"), validators=NON_NEGATIVE, **MONEY)
    contribution_total = models.DecimalField(_("grundbidrag i alt (kr.)"), null=True, blank=True,
                                             validators=NON_NEGATIVE, **MONEY)
    contribution_key = models.CharField(_("grundbidrag fordeles"), max_length=16, choices=SizeKey.choices,
                                        default=SizeKey.POPULATION)
    charge = models.OneToOneField("economy.Charge", null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="support_arrangement", verbose_name=_("opkrævning"))

    class Meta:
        ordering = ["year", "name"]
        verbose_name = _("fælles support")
        verbose_name_plural = _("fælles support")
        constraints = [
            models.UniqueConstraint(fields=["year", "name"], name="operations_support_unique",
                                    violation_error_message=_("Ordningen findes allerede i året.")),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("operations:support", args=[self.pk])


class SupportUsage(models.Model):
    """Handled contacts and hours for one member in one month under a support arrangement."""

    arrangement = models.ForeignKey(SupportArrangement, on_delete=models.CASCADE, related_name="usage",
                                    verbose_name=_("ordning"))
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("medlem"))
    month = models.CharField(_("måned"), max_length=7, validators=[MONTH], help_text=_("ÅÅÅÅ-MM, fx 2026-03."))
    contacts = models.PositiveIntegerField(_("henvendelser"), default=0)
    hours = models.DecimalField(_("timer"), max_digits=8, decimal_places=2, default=0, validators=NON_NEGATIVE)

    class Meta:
        ordering = ["arrangement", "organisation__code", "month"]
        verbose_name = _("forbrug af support")
        verbose_name_plural = _("forbrug af support")
        constraints = [
            models.UniqueConstraint(fields=["arrangement", "organisation", "month"], name="operations_usage_unique",
                                    violation_error_message=_("Medlemmet har allerede forbrug for måneden.")),
        ]

    def __str__(self):
        return f"{self.organisation} {self.month}: {self.hours} t"

    def get_absolute_url(self):
        return self.arrangement.get_absolute_url()

    def clean(self):
        errors = {}
        if self.arrangement_id:
            year = self.arrangement.year
            if self.month and not self.month.startswith(f"{year.year}-"):
                errors["month"] = _("Måneden skal ligge i økonomiåret %(y)s.") % {"y": year.year}
            if self.organisation_id and not year.collaboration.memberships.filter(
                    organisation_id=self.organisation_id).exists():
                errors["organisation"] = _("Organisationen er ikke medlem af samarbejdet.")
        if errors:
            raise ValidationError(errors)
