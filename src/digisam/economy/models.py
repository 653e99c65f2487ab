"""Economy: how a collaboration's members share its costs, year by year, and the annual statement.

Per collaboration and year (`EconomyYear`) the secretariat defines charges (membership fees, per
inhabitant, per FTE, fixed per member, keyed shares), custom cost keys, shared specialists hosted by
one member, a service catalogue with members' orders, and projects settled by hours. Members register
their FTE and their project hours. The settlement itself is computed by the pure engine
`digisam.engines.economy` through `economy.adapter`; a generated `Statement` keeps the scenario it was
computed from, the engine's result and every line's explanation. Approving a statement locks the year:
edits are refused until the secretariat reopens it, and the next generation is a new version.

The turn-taking ledger (`TurnLedgerEntry`) records tasks a member has taken on for the others in
collaborations that take turns instead of paying (Silkeborg–Viborg)."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from digisam.core.models import Archivable

MONEY = {"max_digits": 14, "decimal_places": 2}
NON_NEGATIVE = [MinValueValidator(Decimal("0"))]


class Proration(models.TextChoices):
    NONE = "none", _("Intet (helt år ved medlemskab i året)")
    HALF_YEAR = "half-year", _("Halvår")
    MONTH = "month", _("Måned")
    DAY = "day", _("Dag")


class SettlementMode(models.TextChoices):
    NET_TRANSFERS = "net_transfers", _("Nettobetalinger mellem parterne")
    VIA_COLLABORATION = "via_collaboration", _("Én betaling pr. medlem via samarbejdet")


class YearStatus(models.TextChoices):
    DRAFT = "draft", _("Kladde")
    APPROVED = "approved", _("Godkendt (låst)")


class KeyKind(models.TextChoices):
    POPULATION = "population", _("Indbyggertal")
    FTE = "fte", _("Årsværk")
    EQUAL = "equal", _("Lige andele")
    CUSTOM = "custom", _("Egen fordelingsnøgle")


class ChargeKind(models.TextChoices):
    EQUAL_SHARE = "equal_share", _("Ligelig deling af et beløb")
    KEYED_SHARE = "keyed_share", _("Deling af et beløb efter fordelingsnøgle")
    PER_INHABITANT = "per_inhabitant", _("Sats pr. indbygger")
    PER_FTE = "per_fte", _("Sats pr. årsværk")
    FIXED_PER_MEMBER = "fixed_per_member", _("Fast beløb pr. medlem pr. år")


LOCKED_MESSAGE = _(
    "Økonomiåret er godkendt og låst. Sekretariatet skal genåbne året, før der kan ændres; "
    "den næste opgørelse bliver en ny version."
)


class EconomyYear(Archivable):
    """One collaboration's economy for one calendar year: how membership is prorated, how the
    statement is settled, and the date whose population figures the keys use."""

    collaboration = models.ForeignKey(
        "collaborations.Collaboration", on_delete=models.CASCADE, related_name="economy_years",
        verbose_name=_("samarbejde"),
    )
    year = models.PositiveSmallIntegerField(_("år"), validators=[MinValueValidator(2000)])
    proration = models.CharField(_("forholdsmæssig betaling"), max_length=16, choices=Proration.choices,
                                 default=Proration.HALF_YEAR)
    settlement = models.CharField(_("afregning"), max_length=24, choices=SettlementMode.choices,
                                  default=SettlementMode.NET_TRANSFERS)
    population_date = models.DateField(
        _("indbyggertal pr."), null=True, blank=True,
        help_text=_("Nøgler efter indbyggertal bruger det seneste tal registreret på denne dato (tom: 1. januar)."),
    )
    status = models.CharField(_("status"), max_length=16, choices=YearStatus.choices, default=YearStatus.DRAFT)
    note = models.TextField(_("bemærkning"), blank=True)

    class Meta:
        ordering = ["collaboration", "-year"]
        verbose_name = _("økonomiår")
        verbose_name_plural = _("økonomiår")
        constraints = [
            models.UniqueConstraint(
                fields=["collaboration", "year"], name="economy_year_unique",
                violation_error_message=_("Samarbejdet har allerede et økonomiår for dette år."),
            )
        ]

    def __str__(self):
        return f"{self.collaboration} {self.year}"

    def get_absolute_url(self):
        return reverse("economy:year", args=[self.collaboration.slug, self.year])

    @property
    def is_locked(self):
        return self.status == YearStatus.APPROVED

    @property
    def key_date(self) -> datetime.date:
        return self.population_date or datetime.date(self.year, 1, 1)

    def clean(self):
        if self.pk:
            stored = EconomyYear.objects.filter(pk=self.pk).values("status", "year", "proration", "settlement",
                                                                   "population_date", "collaboration_id").first()
            if stored and stored["status"] == YearStatus.APPROVED and self.status == YearStatus.APPROVED:
                changed = [k for k, v in stored.items() if getattr(self, k) != v]
                if changed:
                    raise ValidationError(LOCKED_MESSAGE)


class YearPart(models.Model):
    """Anything defined inside an economy year: refused while the year is approved (locked)."""

    class Meta:
        abstract = True

    def economy_year(self) -> EconomyYear | None:
        return self.year if self.year_id else None

    def _check_lock(self):
        year = self.economy_year()
        if year is not None and EconomyYear.objects.filter(pk=year.pk, status=YearStatus.APPROVED).exists():
            raise ValidationError(LOCKED_MESSAGE)

    def clean(self):
        self._check_lock()

    def delete(self, *args, **kwargs):
        self._check_lock()
        return super().delete(*args, **kwargs)

    def get_absolute_url(self):
        return self.economy_year().get_absolute_url()


def validate_weights(value):
    if not isinstance(value, dict) or not value:
        raise ValidationError(_("Angiv vægte som {\"kode\": vægt, …}."))
    for code, weight in value.items():
        try:
            number = Decimal(str(weight))
        except Exception:  # noqa: BLE001 - any unreadable weight is a user error
            raise ValidationError(_("Vægten for %(c)s er ikke et tal."), params={"c": code}) from None
        if number < 0 or not number.is_finite():
            raise ValidationError(_("Vægten for %(c)s må ikke være negativ."), params={"c": code})


class CustomKey(YearPart):
    """A distribution key of the collaboration's own choosing: a weight per member (by code)."""

    year = models.ForeignKey(EconomyYear, on_delete=models.CASCADE, related_name="custom_keys",
                             verbose_name=_("økonomiår"))
    name = models.CharField(_("navn"), max_length=120)
    weights = models.JSONField(_("vægte"), validators=[validate_weights],
                               help_text=_("Vægt pr. medlem efter kode, fx {\"165\": 2, \"151\": 1}."))

    class Meta:
        ordering = ["year", "name"]
        verbose_name = _("fordelingsnøgle")
        verbose_name_plural = _("fordelingsnøgler")

    def __str__(self):
        return self.name


class KeyedMixin(models.Model):
    """A line split by a key; a custom key must belong to the same year."""

    key = models.CharField(_("fordelingsnøgle"), max_length=16, choices=KeyKind.choices, default=KeyKind.EQUAL)
    custom_key = models.ForeignKey(CustomKey, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("egen nøgle"))

    class Meta:
        abstract = True

    def key_errors(self):
        errors = {}
        if self.key == KeyKind.CUSTOM and not self.custom_key_id:
            errors["custom_key"] = _("Vælg den egne fordelingsnøgle.")
        if self.key != KeyKind.CUSTOM and self.custom_key_id:
            errors["custom_key"] = _("En egen nøgle bruges kun med fordelingsnøglen 'Egen fordelingsnøgle'.")
        if self.custom_key_id and self.year_id and self.custom_key.year_id != self.year_id:
            errors["custom_key"] = _("Nøglen skal høre til samme økonomiår.")
        return errors


class Charge(KeyedMixin, YearPart):
    """What members owe the collaboration: a fee split equally or by a key, a rate per inhabitant or
    FTE, or a fixed amount per member and year. `members` empty means all members."""

    year = models.ForeignKey(EconomyYear, on_delete=models.CASCADE, related_name="charges",
                             verbose_name=_("økonomiår"))
    name = models.CharField(_("navn"), max_length=160)
    kind = models.CharField(_("type"), max_length=24, choices=ChargeKind.choices)
    total = models.DecimalField(_("beløb i alt (kr.)"), null=True, blank=True, validators=NON_NEGATIVE, **MONEY)
    rate = models.DecimalField(_("sats (kr.)"), null=True, blank=True, validators=NON_NEGATIVE, **MONEY)
    amount = models.DecimalField(_("beløb pr. medlem pr. år (kr.)"), null=True, blank=True,
                                 validators=NON_NEGATIVE, **MONEY)
    members = models.ManyToManyField("organisations.Organisation", blank=True, related_name="+",
                                     verbose_name=_("kun disse medlemmer"),
                                     help_text=_("Tom: alle medlemmer."))

    class Meta:
        ordering = ["year", "pk"]
        verbose_name = _("opkrævning")
        verbose_name_plural = _("opkrævninger")

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        errors = self.key_errors()
        needs = {
            ChargeKind.EQUAL_SHARE: "total", ChargeKind.KEYED_SHARE: "total", ChargeKind.PER_INHABITANT: "rate",
            ChargeKind.PER_FTE: "rate", ChargeKind.FIXED_PER_MEMBER: "amount",
        }.get(self.kind)
        messages = {"total": _("Angiv beløbet i alt."), "rate": _("Angiv satsen."),
                    "amount": _("Angiv beløbet pr. medlem.")}
        if needs and getattr(self, needs) is None:
            errors[needs] = messages[needs]
        for other in ("total", "rate", "amount"):
            if needs and other != needs and getattr(self, other) is not None:
                errors[other] = _("Feltet bruges ikke ved denne type opkrævning.")
        if self.kind != ChargeKind.KEYED_SHARE and self.key not in (KeyKind.EQUAL, "") and "key" not in errors:
            errors["key"] = _("Kun en deling efter fordelingsnøgle bruger en nøgle.")
        if errors:
            raise ValidationError(errors)


class SharedSpecialist(KeyedMixin, YearPart):
    """A specialist (or other cost) one member hosts and pays for all, shared by a key: the host is
    owed the others' shares (a host cost in the engine)."""

    year = models.ForeignKey(EconomyYear, on_delete=models.CASCADE, related_name="specialists",
                             verbose_name=_("økonomiår"))
    title = models.CharField(_("titel"), max_length=160)
    host = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("vært (betaler)"))
    total = models.DecimalField(_("udgift i alt (kr.)"), validators=NON_NEGATIVE, **MONEY)
    members = models.ManyToManyField("organisations.Organisation", blank=True, related_name="+",
                                     verbose_name=_("kun disse medlemmer"), help_text=_("Tom: alle medlemmer."))

    class Meta:
        ordering = ["year", "title"]
        verbose_name = _("delt specialist")
        verbose_name_plural = _("delte specialister")

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        errors = self.key_errors()
        if errors:
            raise ValidationError(errors)


class Service(YearPart):
    """An item of the collaboration's service catalogue with its unit price (e.g. a workstation)."""

    year = models.ForeignKey(EconomyYear, on_delete=models.CASCADE, related_name="services",
                             verbose_name=_("økonomiår"))
    name = models.CharField(_("ydelse"), max_length=160)
    unit = models.CharField(_("enhed"), max_length=40, default="stk.")
    unit_price = models.DecimalField(_("enhedspris (kr.)"), validators=NON_NEGATIVE, **MONEY)

    class Meta:
        ordering = ["year", "name"]
        verbose_name = _("ydelse i servicekataloget")
        verbose_name_plural = _("servicekatalog")
        constraints = [
            models.UniqueConstraint(fields=["year", "name"], name="economy_service_unique",
                                    violation_error_message=_("Ydelsen findes allerede i årets katalog."))
        ]

    def __str__(self):
        return self.name


class Order(YearPart):
    """A member's order of a catalogue item for the year (paid in full, not prorated)."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="orders", verbose_name=_("ydelse"))
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("medlem"))
    quantity = models.DecimalField(_("antal"), max_digits=10, decimal_places=2, validators=NON_NEGATIVE)

    class Meta:
        ordering = ["service", "organisation__code"]
        verbose_name = _("bestilling")
        verbose_name_plural = _("bestillinger")
        constraints = [
            models.UniqueConstraint(fields=["service", "organisation"], name="economy_order_unique",
                                    violation_error_message=_("Medlemmet har allerede en bestilling af ydelsen."))
        ]

    def __str__(self):
        return f"{self.organisation}: {self.quantity} × {self.service}"

    def economy_year(self):
        return self.service.year if self.service_id else None


class Project(KeyedMixin, YearPart):
    """A joint project settled by hours: members' hours are valued at the hourly rate set by the
    general assembly, and only the differences from the key's shares are paid."""

    year = models.ForeignKey(EconomyYear, on_delete=models.CASCADE, related_name="projects",
                             verbose_name=_("økonomiår"))
    name = models.CharField(_("projekt"), max_length=160)
    hourly_rate = models.DecimalField(_("timesats (kr.)"), validators=NON_NEGATIVE, **MONEY)
    rate_decision_reference = models.CharField(
        _("beslutning om timesatsen"), max_length=300, blank=True,
        help_text=_("Fx 'Generalforsamlingen 12. marts 2026, pkt. 4'."),
    )

    class Meta:
        ordering = ["year", "name"]
        verbose_name = _("projekt med timeafregning")
        verbose_name_plural = _("projekter med timeafregning")

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        errors = self.key_errors()
        if errors:
            raise ValidationError(errors)


class MemberFigure(YearPart):
    """Base for a member's own registrations: the organisation must be a member of the collaboration."""

    class Meta:
        abstract = True

    def member_errors(self):
        year = self.economy_year()
        if year is None or not self.organisation_id:
            return {}
        if not year.collaboration.memberships.filter(organisation_id=self.organisation_id).exists():
            return {"organisation": _("Organisationen er ikke medlem af samarbejdet.")}
        return {}


class FteFigure(MemberFigure):
    """A member's number of FTE (årsværk) for the year, for per-FTE charges and FTE keys."""

    year = models.ForeignKey(EconomyYear, on_delete=models.CASCADE, related_name="fte_figures",
                             verbose_name=_("økonomiår"))
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("medlem"))
    fte = models.DecimalField(_("årsværk"), max_digits=10, decimal_places=2, validators=NON_NEGATIVE)

    class Meta:
        ordering = ["year", "organisation__code"]
        verbose_name = _("årsværk")
        verbose_name_plural = _("årsværk")
        constraints = [
            models.UniqueConstraint(fields=["year", "organisation"], name="economy_fte_unique",
                                    violation_error_message=_("Medlemmet har allerede årsværk for året."))
        ]

    def __str__(self):
        return f"{self.organisation}: {self.fte} årsværk"

    def clean(self):
        super().clean()
        errors = self.member_errors()
        if errors:
            raise ValidationError(errors)


class HoursEntry(MemberFigure):
    """Hours a member put into a project in one month, agreed and actual. The settlement uses the
    actual hours summed over the year."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="hours",
                                verbose_name=_("projekt"))
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("medlem"))
    month = models.CharField(_("måned"), max_length=7,
                             validators=[RegexValidator(r"^\d{4}-(0[1-9]|1[0-2])$", _("Skriv måneden som ÅÅÅÅ-MM."))],
                             help_text=_("ÅÅÅÅ-MM, fx 2026-03."))
    agreed_hours = models.DecimalField(_("aftalte timer"), max_digits=8, decimal_places=2, default=0,
                                       validators=NON_NEGATIVE)
    actual_hours = models.DecimalField(_("erlagte timer"), max_digits=8, decimal_places=2, default=0,
                                       validators=NON_NEGATIVE)

    class Meta:
        ordering = ["project", "organisation__code", "month"]
        verbose_name = _("timeregistrering")
        verbose_name_plural = _("timeregistreringer")
        constraints = [
            models.UniqueConstraint(fields=["project", "organisation", "month"], name="economy_hours_unique",
                                    violation_error_message=_("Medlemmet har allerede registreret timer for "
                                                              "projektet i denne måned."))
        ]

    def __str__(self):
        return f"{self.organisation} {self.month}: {self.actual_hours} t ({self.project})"

    def economy_year(self):
        return self.project.year if self.project_id else None

    def clean(self):
        super().clean()
        errors = self.member_errors()
        year = self.economy_year()
        if year is not None and self.month and not self.month.startswith(f"{year.year}-"):
            errors["month"] = _("Måneden skal ligge i økonomiåret %(y)s.") % {"y": year.year}
        if errors:
            raise ValidationError(errors)


class Statement(models.Model):
    """One generated version of a year's annual statement: who made it, whether it is approved and
    current, and the collaboration totals every member may see. The full result is kept apart in
    `StatementContent` (secretariat only) and each member's own statement in `MemberStatement`, so
    that neither a page, an export, the API nor the audit log shows a member another's lines.
    Approving the current version locks the year; an approved statement never changes again (only
    whether it is the current version)."""

    year = models.ForeignKey(EconomyYear, on_delete=models.CASCADE, related_name="statements",
                             verbose_name=_("økonomiår"))
    version = models.PositiveIntegerField(_("version"))
    totals = models.JSONField(_("samarbejdets totaler"), default=dict, blank=True)
    is_current = models.BooleanField(_("gældende version"), default=True)
    generated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+", verbose_name=_("dannet af"))
    generated_at = models.DateTimeField(_("dannet"), auto_now_add=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name=_("godkendt af"))
    approved_at = models.DateTimeField(_("godkendt"), null=True, blank=True)

    class Meta:
        ordering = ["year", "-version"]
        verbose_name = _("årsopgørelse")
        verbose_name_plural = _("årsopgørelser")
        constraints = [
            models.UniqueConstraint(fields=["year", "version"], name="economy_statement_version_unique",
                                    violation_error_message=_("Versionen findes allerede."))
        ]

    def __str__(self):
        return f"Årsopgørelse {self.year} v{self.version}"

    def get_absolute_url(self):
        return reverse("economy:statement", args=[self.year.collaboration.slug, self.year.year, self.version])

    @property
    def is_approved(self):
        return self.approved_at is not None

    def clean(self):
        if self.pk:
            stored = Statement.objects.filter(pk=self.pk).first()
            if stored and stored.is_approved:
                fields = ("version", "totals", "approved_at", "approved_by_id", "year_id")
                if any(getattr(stored, f) != getattr(self, f) for f in fields):
                    raise ValidationError(_("En godkendt årsopgørelse kan ikke ændres; dan en ny version."))

    def deletion_blocked(self):
        """Why this row must survive a delete (also one cascading from its year), or None."""
        return _("En godkendt årsopgørelse kan ikke slettes.") if self.is_approved else None

    def delete(self, *args, **kwargs):
        if self.is_approved:
            raise ValidationError(_("En godkendt årsopgørelse kan ikke slettes."))
        return super().delete(*args, **kwargs)


class StatementRecord(models.Model):
    """Written once when a statement is generated, never changed afterwards."""

    class Meta:
        abstract = True

    def clean(self):
        if self.pk and type(self).objects.filter(pk=self.pk).exists():
            raise ValidationError(_("En dannet årsopgørelse ændres ikke; dan en ny version."))

    def deletion_blocked(self):
        """Why this row must survive a delete (also one cascading from its statement), or None."""
        return _("En godkendt årsopgørelse kan ikke slettes.") if self.statement.is_approved else None

    def delete(self, *args, **kwargs):
        if self.statement.is_approved:
            raise ValidationError(_("En godkendt årsopgørelse kan ikke slettes."))
        return super().delete(*args, **kwargs)


class StatementContent(StatementRecord):
    """The whole statement as the engine made it: the scenario file it was given (exact numbers,
    re-computable with `digisam economy settle`), the statement document and every member's
    explained lines. For the secretariat only."""

    statement = models.OneToOneField(Statement, on_delete=models.CASCADE, related_name="content",
                                     verbose_name=_("årsopgørelse"))
    scenario = models.TextField(_("scenarie (JSON)"), help_text=_("Motorens scenariefil med nøjagtige tal."))
    document = models.JSONField(_("opgørelse"))
    explanations = models.JSONField(_("forklaringer"), default=dict, blank=True)

    class Meta:
        verbose_name = _("årsopgørelsens indhold")
        verbose_name_plural = _("årsopgørelsers indhold")

    def __str__(self):
        return f"{self.statement}: indhold"


class MemberStatement(StatementRecord):
    """One member's part of a statement: its lines with the engine's explanations, its charges,
    balance and net (øre), and the transfers it takes part in. Read by that member and the secretariat."""

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="member_statements",
                                  verbose_name=_("årsopgørelse"))
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("medlem"))
    code = models.CharField(_("kode"), max_length=20)
    name = models.CharField(_("navn"), max_length=200)
    fraction = models.CharField(_("andel af året"), max_length=20)
    lines = models.JSONField(_("linjer"), default=list, blank=True)
    charges = models.BigIntegerField(_("opkrævninger (øre)"))
    balance = models.BigIntegerField(_("saldo (øre)"))
    net = models.BigIntegerField(_("netto (øre)"))
    transfers = models.JSONField(_("betalinger"), default=list, blank=True)

    class Meta:
        ordering = ["statement", "code"]
        verbose_name = _("medlemmets årsopgørelse")
        verbose_name_plural = _("medlemmernes årsopgørelser")
        constraints = [
            models.UniqueConstraint(fields=["statement", "code"], name="economy_member_statement_unique",
                                    violation_error_message=_("Medlemmet har allerede en opgørelse i versionen."))
        ]

    def __str__(self):
        return f"{self.statement}: {self.code} {self.name}"


class TurnLedgerEntry(models.Model):
    """A task one member has taken on for the others instead of payment (taking turns), with its
    estimated value. The value is shared equally by the benefiting members (default all members,
    the doer included), so the doer's running balance grows by the others' shares."""

    collaboration = models.ForeignKey("collaborations.Collaboration", on_delete=models.CASCADE,
                                      related_name="turn_ledger", verbose_name=_("samarbejde"))
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("udført af"))
    description = models.CharField(_("opgave"), max_length=300)
    estimated_value = models.DecimalField(_("anslået værdi (kr.)"), validators=NON_NEGATIVE, **MONEY)
    date = models.DateField(_("dato"))
    beneficiaries = models.ManyToManyField("organisations.Organisation", blank=True, related_name="+",
                                           verbose_name=_("til gavn for"),
                                           help_text=_("Tom: alle medlemmer, også den der løser opgaven."))

    class Meta:
        ordering = ["collaboration", "date", "pk"]
        verbose_name = _("opgave på skift")
        verbose_name_plural = _("opgaver på skift")

    def __str__(self):
        return self.description

    def get_absolute_url(self):
        return reverse("economy:ledger", args=[self.collaboration.slug])

    def clean(self):
        if self.collaboration_id and self.organisation_id and not self.collaboration.memberships.filter(
            organisation_id=self.organisation_id
        ).exists():
            raise ValidationError({"organisation": _("Organisationen er ikke medlem af samarbejdet.")})
