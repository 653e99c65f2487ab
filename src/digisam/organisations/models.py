"""Organisations: the 98 municipalities and 5 regions (reference data) and every other party —
hospitals, KOMBIT, KL, companies with a CVR number."""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from digisam.core.formatting import number, short_date


class OrganisationKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("Kommune")
    REGION = "region", _("Region")
    HOSPITAL = "hospital", _("Hospital")
    KOMBIT = "kombit", _("KOMBIT")
    KL = "kl", _("KL")
    COMPANY = "company", _("Virksomhed")
    OTHER = "other", _("Anden organisation")


class Organisation(models.Model):
    """Any party to a collaboration. Municipalities carry their 3-digit kommunekode, regions their
    4-digit regionskode; companies are identified by CVR."""

    kind = models.CharField(_("type"), max_length=20, choices=OrganisationKind.choices)
    name = models.CharField(_("navn"), max_length=200)
    slug = models.SlugField(_("kortnavn"), max_length=80, unique=True)
    code = models.CharField(
        _("kode"),
        max_length=4,
        null=True,
        blank=True,
        unique=True,
        validators=[RegexValidator(r"^\d{3,4}$", _("Koden skal være 3 cifre (kommune) eller 4 cifre (region)."))],
        help_text=_("Kommunekode (3 cifre) eller regionskode (4 cifre)."),
    )
    cvr = models.CharField(
        _("CVR-nummer"),
        max_length=8,
        null=True,
        blank=True,
        unique=True,
        validators=[RegexValidator(r"^\d{8}$", _("CVR-nummeret skal være 8 cifre."))],
    )
    website = models.URLField(_("hjemmeside"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telefon"), max_length=40, blank=True)
    address = models.CharField(_("adresse"), max_length=300, blank=True)
    contact_person = models.CharField(_("kontaktperson"), max_length=200, blank=True)
    notes = models.TextField(_("noter"), blank=True)

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisationer")
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="municipality") | Q(code__regex=r"^\d{3}$"),
                name="organisations_municipality_has_code",
                violation_error_message=_("En kommune skal have en kommunekode på 3 cifre."),
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("organisations:detail", args=[self.slug])

    def clean(self):
        if self.kind == OrganisationKind.MUNICIPALITY and not (self.code and len(self.code) == 3):
            raise ValidationError({"code": _("En kommune skal have en kommunekode på 3 cifre.")})
        if self.kind == OrganisationKind.REGION and self.code and len(self.code) != 4:
            raise ValidationError({"code": _("En region har en regionskode på 4 cifre.")})

    def population_at(self, on: datetime.date | None = None):
        """The latest registered population figure dated on or before `on` (today by default)."""
        figure = self.population_figures.filter(date__lte=on or datetime.date.today()).order_by("-date").first()
        return figure

    def region_at(self, on: datetime.date | None = None):
        on = on or datetime.date.today()
        membership = (
            self.region_memberships.filter(valid_from__lte=on)
            .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))
            .select_related("region")
            .first()
        )
        return membership.region if membership else None


class RegionMembership(models.Model):
    """Which region a municipality belongs to, for a period: regions change (Hovedstaden and
    Sjælland become Region Østdanmark on 1 January 2027)."""

    municipality = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="region_memberships", verbose_name=_("kommune")
    )
    region = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="municipality_memberships", verbose_name=_("region")
    )
    valid_from = models.DateField(_("gyldig fra"))
    valid_to = models.DateField(_("gyldig til"), null=True, blank=True)

    class Meta:
        ordering = ["municipality__code", "valid_from"]
        verbose_name = _("regionstilhør")
        verbose_name_plural = _("regionstilhør")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="organisations_region_membership_dates",
                violation_error_message=_("Slutdatoen må ikke ligge før startdatoen."),
            )
        ]

    def __str__(self):
        return f"{self.municipality} → {self.region} ({short_date(self.valid_from)}–{short_date(self.valid_to)})"

    def clean(self):
        if self.municipality_id and self.municipality.kind != OrganisationKind.MUNICIPALITY:
            raise ValidationError({"municipality": _("Kun kommuner tilhører en region.")})
        if self.region_id and self.region.kind != OrganisationKind.REGION:
            raise ValidationError({"region": _("Vælg en region.")})


class PopulationFigure(models.Model):
    """A registered population (Danmarks Statistik FOLK1A) on a date. History is kept: cost keys
    use the latest figure registered at the key's date."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="population_figures", verbose_name=_("organisation")
    )
    date = models.DateField(_("dato"))
    population = models.PositiveIntegerField(_("indbyggere"))
    source = models.CharField(_("kilde"), max_length=300, blank=True)

    class Meta:
        ordering = ["organisation__code", "-date"]
        verbose_name = _("indbyggertal")
        verbose_name_plural = _("indbyggertal")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "date"],
                name="organisations_population_unique_date",
                violation_error_message=_("Der findes allerede et indbyggertal for denne dato."),
            )
        ]

    def __str__(self):
        return f"{self.organisation}: {number(self.population)} ({short_date(self.date)})"


def population_map(organisation_ids, on: datetime.date) -> dict[int, int]:
    """Latest population at `on` for many organisations in one query."""
    result: dict[int, int] = {}
    rows = (
        PopulationFigure.objects.filter(organisation_id__in=organisation_ids, date__lte=on)
        .order_by("organisation_id", "-date")
        .values_list("organisation_id", "population")
    )
    for organisation_id, population in rows:
        result.setdefault(organisation_id, population)
    return result
