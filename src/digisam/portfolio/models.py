"""Portfolio: which IT systems each member municipality runs, under which contracts, and with whom
it shares that picture.

Why: members of a collaboration buy the same kinds of systems at different times. The catalogue
(categories with the tender parameters the procurement planner needs, products, vendors), each
municipality's usages and contracts, and its per-collaboration sharing choices are the input of
the harmonisation view and of the joint procurement plan (docs/portfolio.md,
../shared/spec/procurement-plan-model.md).

Dates: `expires` is the last day the contract covers ("Gyldig til"); the planner's E (first month
NOT covered) is the month of `expires + 1 day`. Money in DKK as Decimal. `annual_cost` (the planner's
A) is operation per year plus other yearly costs; acquisition is a one-off amount.
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from digisam.core.formatting import short_date

from . import contract_dates

MONEY = {"max_digits": 14, "decimal_places": 2}
ZERO = Decimal("0")


def default_discount_tiers():
    return [{"min_population": 0, "discount": 0.0}]


def validate_discount_tiers(value):
    if not isinstance(value, list) or not value:
        raise ValidationError(_("Angiv mindst ét rabattrin (fra 0 indbyggere)."))
    previous = -1
    for tier in value:
        if not isinstance(tier, dict) or "min_population" not in tier or "discount" not in tier:
            raise ValidationError(_("Hvert rabattrin skal have min_population og discount."))
        try:
            population = int(tier["min_population"])
            discount = float(tier["discount"])
        except (TypeError, ValueError):
            raise ValidationError(_("Rabattrin skal være tal.")) from None
        if population <= previous:
            raise ValidationError(_("Rabattrinene skal stå i stigende orden efter indbyggertal."))
        if not (0 <= discount < 1):
            raise ValidationError(_("En rabat skal ligge fra 0 til under 1 (skrevet med punktum, fx 0.03 for 3 %)."))
        previous = population
    if int(value[0]["min_population"]) != 0:
        raise ValidationError(_("Det første rabattrin skal starte ved 0 indbyggere."))


class Category(models.Model):
    """A kind of system (omsorgssystem, ESDH, løn, …) with the tender parameters the planner uses as
    editable defaults (q, F, f, L, D, g and the volume discount tiers)."""

    slug = models.SlugField(_("id"), max_length=60, unique=True)
    name = models.CharField(_("navn"), max_length=200, unique=True)
    description = models.TextField(_("eksempler og beskrivelse"), blank=True)
    source = models.TextField(_("kilder"), blank=True)
    kle_reference = models.CharField(_("KLE-reference"), max_length=60, blank=True,
                                     help_text=_("Fx 27.36 (valgfri)."))
    kombit_monopoly_break = models.BooleanField(_("KOMBIT-monopolbrud"), default=False)
    price_per_inhabitant_year = models.DecimalField(
        _("listepris pr. indbygger pr. år (q)"), max_digits=10, decimal_places=2, default=ZERO,
        validators=[MinValueValidator(ZERO)],
    )
    tender_fixed_cost = models.DecimalField(_("fast udbudsomkostning (F)"), **MONEY, default=ZERO,
                                            validators=[MinValueValidator(ZERO)])
    tender_cost_per_participant = models.DecimalField(_("udbudsomkostning pr. deltager (f)"), **MONEY,
                                                      default=ZERO, validators=[MinValueValidator(ZERO)])
    preparation_months = models.PositiveSmallIntegerField(_("forberedelse i måneder (L)"), default=12)
    framework_months = models.PositiveSmallIntegerField(
        _("rammeaftalens løbetid i måneder (D)"), default=48, validators=[MinValueValidator(1)]
    )
    harmonisation_saving_per_participant_year = models.DecimalField(
        _("harmoniseringsgevinst pr. deltager pr. år (g)"), **MONEY, default=ZERO,
        validators=[MinValueValidator(ZERO)],
    )
    discount_tiers = models.JSONField(_("rabattrin"), default=default_discount_tiers,
                                      validators=[validate_discount_tiers])
    sort_order = models.PositiveSmallIntegerField(_("rækkefølge"), default=100)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("systemkategori")
        verbose_name_plural = _("systemkategorier")

    def __str__(self):
        return self.name


class Product(models.Model):
    """A concrete system (KMD Nexus, SBSYS, …) in a category, optionally linked to its vendor
    (an organisation of kind company, identified by CVR)."""

    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="products",
                                 verbose_name=_("kategori"))
    name = models.CharField(_("navn"), max_length=200)
    vendor = models.ForeignKey(
        "organisations.Organisation", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="products", verbose_name=_("leverandør"), limit_choices_to={"kind": "company"},
    )
    vendor_name = models.CharField(_("leverandørnavn"), max_length=200, blank=True,
                                   help_text=_("Bruges når leverandøren ikke er oprettet som organisation."))
    kitos_uuid = models.CharField(
        _("KITOS-UUID"), max_length=36, null=True, blank=True, unique=True,
        help_text=_("Systemets UUID i KITOS' nationale katalog: samme UUID er samme system i alle kommuner."),
    )

    class Meta:
        ordering = ["category__sort_order", "name"]
        verbose_name = _("produkt")
        verbose_name_plural = _("produkter")
        constraints = [
            models.UniqueConstraint(
                fields=["category", "name"], name="portfolio_product_unique_name",
                violation_error_message=_("Kategorien har allerede et produkt med dette navn."),
            )
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if self.vendor_id and self.vendor.kind != "company":
            raise ValidationError({"vendor": _("Leverandøren skal være en virksomhed (med CVR).")})

    @property
    def vendor_display(self):
        return self.vendor.name if self.vendor_id else self.vendor_name


class Lifecycle(models.TextChoices):
    """As KITOS: Livscyklus."""

    UNDECIDED = "undecided", _("Ikke angivet")
    NOT_IN_USE = "not_in_use", _("Ikke i drift")
    PHASING_IN = "phasing_in", _("Under indfasning")
    OPERATIONAL = "operational", _("I drift")
    PHASING_OUT = "phasing_out", _("Under udfasning")


class Criticality(models.TextChoices):
    UNDECIDED = "", _("Ikke angivet")
    LOW = "low", _("Lav")
    MEDIUM = "medium", _("Middel")
    HIGH = "high", _("Høj")
    CRITICAL = "critical", _("Kritisk")


class UserCountBand(models.TextChoices):
    """As KITOS: Antal brugere (`<10`, `10-49`, `50-99`, `100-499`, `>500`). `over_100` is the
    band of digisam's first template (">100"), kept so stored values stay valid."""

    UNDECIDED = "", _("Ikke angivet")
    UNDER_10 = "under_10", _("<10")
    B10_50 = "10_50", _("10-49")
    B50_100 = "50_100", _("50-99")
    B100_500 = "100_499", _("100-499")
    OVER_500 = "over_500", _(">500")
    OVER_100 = "over_100", _(">100")


class Usage(models.Model):
    """A municipality's use of a system in a category (KITOS: IT-systemanvendelse)."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE,
                                     related_name="system_usages", verbose_name=_("kommune"))
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="usages",
                                 verbose_name=_("kategori"))
    product = models.ForeignKey(Product, null=True, blank=True, on_delete=models.PROTECT,
                                related_name="usages", verbose_name=_("produkt"))
    lifecycle = models.CharField(_("livscyklus"), max_length=20, choices=Lifecycle.choices,
                                 default=Lifecycle.OPERATIONAL)
    criticality = models.CharField(_("kritikalitet"), max_length=20, choices=Criticality.choices, blank=True,
                                   default="")
    responsible_unit = models.CharField(_("ansvarlig organisationsenhed"), max_length=200, blank=True)
    user_count = models.CharField(_("antal brugere"), max_length=20, choices=UserCountBand.choices, blank=True,
                                  default="")
    notes = models.TextField(_("noter"), blank=True)
    kitos_uuid = models.CharField(_("KITOS-UUID"), max_length=64, blank=True,
                                  help_text=_("Systemets UUID i KITOS' nationale katalog (IT-System (UUID))."))
    local_name = models.CharField(_("lokalt kaldenavn"), max_length=200, blank=True)
    business_type = models.CharField(_("forretningstype"), max_length=200, blank=True)

    class Meta:
        # No default ordering: the audit snapshot reads a contract's usages for every import row, and
        # any ORDER BY makes SQLite scan the usage table instead of the link table's index (3 ms a
        # row at 6,000 usages). Lists order explicitly.
        ordering = []
        verbose_name = _("systemanvendelse")
        verbose_name_plural = _("systemanvendelser")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "category", "product"], name="portfolio_usage_unique",
                violation_error_message=_("Kommunen har allerede dette system i kategorien."),
            )
        ]

    def __str__(self):
        return f"{self.organisation}: {self.product or self.category}"

    def get_absolute_url(self):
        return reverse("portfolio:municipality", args=[self.organisation.code])

    def clean(self):
        errors = {}
        if self.organisation_id and self.organisation.kind != "municipality":
            errors["organisation"] = _("Systemanvendelser registreres for kommuner.")
        if self.product_id and self.category_id and self.product.category_id != self.category_id:
            errors["product"] = _("Produktet hører til en anden kategori.")
        if errors:
            raise ValidationError(errors)


class NoticeRunsTo(models.TextChoices):
    ANY_DAY = "day", _("Løbende (fra dag til dag)")
    MONTH = "month", _("Til udgangen af en måned")
    QUARTER = "quarter", _("Til udgangen af et kvartal")
    YEAR = "year", _("Til udgangen af et år")


class ProcurementStrategy(models.TextChoices):
    UNDECIDED = "", _("Ikke angivet")
    DIRECT = "direct", _("Direkte tildeling")
    OWN_TENDER = "own_tender", _("Eget udbud")
    JOINT_TENDER = "joint_tender", _("Fælles udbud")
    FRAMEWORK = "framework", _("Rammeaftale (fx SKI)")
    KOMBIT = "kombit", _("KOMBIT")
    OTHER = "other", _("Andet")


QUARTER_RE = re.compile(r"^(\d{4})-Q([1-4])$")


class Contract(models.Model):
    """A municipality's contract for one or more of its system usages, with the dates and prices that
    decide when it can end (the planner's A, E, X, u, Y, T, opt_out, earliest_start)."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE,
                                     related_name="system_contracts", verbose_name=_("kommune"))
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="contracts",
                                 verbose_name=_("kategori"))
    product = models.ForeignKey(Product, null=True, blank=True, on_delete=models.PROTECT,
                                related_name="contracts", verbose_name=_("produkt"))
    usages = models.ManyToManyField(Usage, blank=True, related_name="contracts",
                                    verbose_name=_("systemanvendelser"))
    contract_id = models.CharField(_("kontrakt-ID"), max_length=100, blank=True)
    name = models.CharField(_("kontraktnavn"), max_length=200, blank=True)
    supplier = models.ForeignKey(
        "organisations.Organisation", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="supplied_contracts", verbose_name=_("leverandør"), limit_choices_to={"kind": "company"},
    )
    supplier_name = models.CharField(_("leverandørnavn"), max_length=200, blank=True)
    concluded = models.DateField(_("indgået"), null=True, blank=True)
    valid_from = models.DateField(_("gyldig fra"), null=True, blank=True)
    irrevocable_until = models.DateField(_("uopsigelig til"), null=True, blank=True)
    expires = models.DateField(_("gyldig til"), null=True, blank=True,
                               help_text=_("Sidste dag kontrakten dækker. Tom: løbende kontrakt."))
    terminated = models.DateField(_("opsagt"), null=True, blank=True)
    notice_months = models.PositiveSmallIntegerField(_("opsigelsesfrist (måneder)"), null=True, blank=True,
                                                     validators=[MaxValueValidator(120)])
    notice_runs_to = models.CharField(_("opsigelse løber til"), max_length=10, choices=NoticeRunsTo.choices,
                                      default=NoticeRunsTo.MONTH)
    extension_count = models.PositiveSmallIntegerField(_("antal forlængelsesoptioner"), default=0)
    extension_months = models.PositiveSmallIntegerField(_("måneder pr. option"), default=0)
    extensions_used = models.PositiveSmallIntegerField(_("optioner brugt"), default=0)
    extension_uplift = models.DecimalField(
        _("pristillæg ved forlængelse (u)"), max_digits=6, decimal_places=4, default=ZERO,
        validators=[MinValueValidator(ZERO), MaxValueValidator(Decimal("5"))],
        help_text=_("Andel, fx 0,05 for 5 %."),
    )
    early_exit_months = models.PositiveSmallIntegerField(_("tidlig udtræden, måneder før udløb (Y)"), default=0)
    early_exit_fee = models.DecimalField(_("gebyr ved tidlig udtræden (T)"), **MONEY, default=ZERO,
                                         validators=[MinValueValidator(ZERO)])
    cost_acquisition = models.DecimalField(_("anskaffelse"), **MONEY, default=ZERO,
                                           validators=[MinValueValidator(ZERO)])
    cost_operation = models.DecimalField(_("drift pr. år"), **MONEY, default=ZERO,
                                         validators=[MinValueValidator(ZERO)])
    cost_other = models.DecimalField(_("andet pr. år"), **MONEY, default=ZERO,
                                     validators=[MinValueValidator(ZERO)])
    price_regulation = models.CharField(_("prisregulering"), max_length=200, blank=True)
    procurement_strategy = models.CharField(_("genanskaffelsesstrategi"), max_length=20,
                                            choices=ProcurementStrategy.choices, blank=True, default="")
    planned_reprocurement = models.CharField(
        _("genanskaffelsesplan (kvartal)"), max_length=7, blank=True,
        validators=[RegexValidator(QUARTER_RE.pattern, _("Skriv kvartalet som ÅÅÅÅ-QN, fx 2028-Q3."))],
    )
    procurement_initiated = models.BooleanField(_("genanskaffelse igangsat"), default=False)
    opt_out = models.BooleanField(_("kun eget udbud"), default=False,
                                  help_text=_("Kommunen deltager ikke i fælles udbud for denne kontrakt."))
    earliest_start = models.DateField(_("tidligste start på ny kontrakt"), null=True, blank=True)
    notes = models.TextField(_("noter"), blank=True)
    contract_type = models.CharField(_("kontrakttype"), max_length=100, blank=True,
                                     help_text=_("Som i KITOS, fx Hovedkontrakt eller Tillægskontrakt."))
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="supplements",
        verbose_name=_("overordnet kontrakt"),
        help_text=_("En tillægskontrakt hører til sin overordnede kontrakt; dens omkostninger tælles én gang."),
    )
    duration_months = models.PositiveSmallIntegerField(
        _("varighed (måneder)"), null=True, blank=True, help_text=_("KITOS' Varighed; 0 betyder løbende."))
    kitos_procurement_strategy = models.CharField(
        _("genanskaffelsesstrategi i KITOS"), max_length=100, blank=True,
        help_text=_("KITOS' egen betegnelse, fx 'SKI - mini-udbud'."))

    class Meta:
        ordering = ["organisation__name", "category__sort_order", "expires"]
        verbose_name = _("kontrakt")
        verbose_name_plural = _("kontrakter")
        constraints = [
            models.CheckConstraint(
                condition=Q(extensions_used__lte=models.F("extension_count")),
                name="portfolio_contract_extensions_used",
                violation_error_message=_("Der kan ikke være brugt flere optioner end kontrakten har."),
            ),
            models.CheckConstraint(
                condition=Q(expires__isnull=True) | Q(valid_from__isnull=True) | Q(expires__gte=models.F("valid_from")),
                name="portfolio_contract_dates",
                violation_error_message=_("'Gyldig til' må ikke ligge før 'Gyldig fra'."),
            ),
        ]
        indexes = [models.Index(fields=["organisation", "category"], name="portfolio_contract_org_cat")]

    def __str__(self):
        label = self.name or self.contract_id or str(self.product or self.category)
        return f"{self.organisation}: {label}"

    def get_absolute_url(self):
        return reverse("portfolio:contract-detail", args=[self.pk])

    def clean(self):
        errors = {}
        if self.organisation_id and self.organisation.kind != "municipality":
            errors["organisation"] = _("Kontrakter registreres for kommuner.")
        if self.product_id and self.category_id and self.product.category_id != self.category_id:
            errors["product"] = _("Produktet hører til en anden kategori.")
        if self.irrevocable_until and self.expires and self.irrevocable_until > self.expires:
            errors["irrevocable_until"] = _("'Uopsigelig til' må ikke ligge efter 'Gyldig til'.")
        if self.extension_count and not self.extension_months:
            errors["extension_months"] = _("Angiv hvor mange måneder hver option forlænger.")
        if self.extensions_used > self.extension_count:
            errors["extensions_used"] = _("Der kan ikke være brugt flere optioner end kontrakten har.")
        if self.early_exit_fee and not self.early_exit_months:
            errors["early_exit_months"] = _("Et gebyr for tidlig udtræden kræver antal måneder.")
        if self.parent_id:
            if self.parent_id == self.pk:
                errors["parent"] = _("En kontrakt kan ikke være sin egen overordnede kontrakt.")
            elif self.parent.organisation_id != self.organisation_id:
                errors["parent"] = _("Den overordnede kontrakt skal tilhøre samme kommune.")
            elif self.parent.parent_id:
                errors["parent"] = _("Den overordnede kontrakt er selv en tillægskontrakt.")
        if errors:
            raise ValidationError(errors)

    def clean_m2m(self, values: dict):
        """Called by core.services.save with the many-to-many values it is about to set: a contract
        covers only its own organisation's usages."""
        usages = values.get("usages")
        if not usages:
            return
        ids = {u.pk if isinstance(u, models.Model) else u for u in usages}
        if Usage.objects.filter(pk__in=ids).exclude(organisation_id=self.organisation_id).exists():
            raise ValidationError({"usages": _("En kontrakt kan kun omfatte organisationens egne anvendelser.")})

    # --- derived -----------------------------------------------------------------------------
    @property
    def annual_cost(self) -> Decimal:
        return (self.cost_operation or ZERO) + (self.cost_other or ZERO)

    @property
    def remaining_extension_months(self) -> int:
        return max(0, self.extension_count - self.extensions_used) * self.extension_months

    def terms(self) -> contract_dates.Terms:
        return contract_dates.Terms(
            valid_from=self.valid_from, expires=self.expires, irrevocable_until=self.irrevocable_until,
            terminated=self.terminated, notice_months=self.notice_months, notice_runs_to=self.notice_runs_to,
            remaining_extension_months=self.remaining_extension_months, early_exit_months=self.early_exit_months,
        )

    def status(self, today: datetime.date | None = None) -> str:
        return contract_dates.status(self.terms(), today or datetime.date.today())

    def status_label(self, today=None):
        return gettext(contract_dates.STATUS_LABELS[self.status(today)])

    def last_notice_day(self, today=None):
        return contract_dates.last_notice_day(self.terms(), today or datetime.date.today())

    def earliest_end(self, today=None):
        return contract_dates.earliest_end(self.terms(), today or datetime.date.today())

    def latest_end(self):
        return contract_dates.latest_end(self.terms())


class Contact(models.Model):
    """A person in a role on a municipality's system usage or contract (KITOS's role columns, e.g.
    Systemejer, Kontraktmanager): who a collaboration calls. Personal data kept minimal (name,
    e-mail, role) and removable: deleting the usage, the contract or the contact removes it."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE,
                                     related_name="portfolio_contacts", verbose_name=_("kommune"))
    usage = models.ForeignKey(Usage, null=True, blank=True, on_delete=models.CASCADE, related_name="contacts",
                              verbose_name=_("systemanvendelse"))
    contract = models.ForeignKey(Contract, null=True, blank=True, on_delete=models.CASCADE,
                                 related_name="contacts", verbose_name=_("kontrakt"))
    role = models.CharField(_("rolle"), max_length=100)
    name = models.CharField(_("navn"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    class Meta:
        ordering = ["role", "name"]
        verbose_name = _("kontaktperson")
        verbose_name_plural = _("kontaktpersoner")
        constraints = [
            models.CheckConstraint(
                condition=(Q(usage__isnull=False) & Q(contract__isnull=True))
                | (Q(usage__isnull=True) & Q(contract__isnull=False)),
                name="portfolio_contact_one_owner",
                violation_error_message=_("En kontaktperson hører til enten et system eller en kontrakt."),
            ),
        ]

    def __str__(self):
        return f"{self.role}: {self.name or self.email}"

    def clean(self):
        if not (self.name or self.email):
            raise ValidationError(_("Angiv navn eller e-mail."))
        owner = self.usage if self.usage_id else (self.contract if self.contract_id else None)
        if owner is not None and owner.organisation_id != self.organisation_id:
            raise ValidationError(_("Kontaktpersonen skal høre til samme kommune som systemet eller kontrakten."))


class MappingKey(models.TextChoices):
    UUID = "uuid", _("KITOS-UUID")
    SYSTEM = "system", _("systemnavn og leverandør")
    BUSINESS_TYPE = "business_type", _("forretningstype")
    CONTRACT = "contract", _("kontrakt")


class CategoryMapping(models.Model):
    """A coordinator's choice of digisam category for something KITOS describes without one: a
    catalogue UUID (then it holds for every municipality with that system), a system name +
    vendor (exports without UUIDs), a KITOS business type, or a municipality's contract without
    systems. Remembered so that every later import maps it the same way."""

    key_kind = models.CharField(_("nøgle"), max_length=20, choices=MappingKey.choices)
    key = models.CharField(_("værdi"), max_length=400)
    label = models.CharField(_("betegnelse"), max_length=400, blank=True)
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="mappings",
                                 verbose_name=_("kategori"))

    class Meta:
        ordering = ["key_kind", "label"]
        verbose_name = _("kategoritilknytning")
        verbose_name_plural = _("kategoritilknytninger")
        constraints = [
            models.UniqueConstraint(fields=["key_kind", "key"], name="portfolio_mapping_unique",
                                    violation_error_message=_("Der er allerede valgt en kategori for denne nøgle.")),
        ]

    def __str__(self):
        return f"{self.get_key_kind_display()} {self.label or self.key} → {self.category}"


class SharingSetting(models.Model):
    """What a member shows a collaboration: its portfolio (systems, contracts, dates) and, separately,
    its contract economy (costs, fees, uplifts). Nothing is shared until the member says so."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE,
                                     related_name="portfolio_sharing", verbose_name=_("kommune"))
    collaboration = models.ForeignKey("collaborations.Collaboration", on_delete=models.CASCADE,
                                      related_name="portfolio_sharing", verbose_name=_("samarbejde"))
    share_portfolio = models.BooleanField(_("portefølje synlig"), default=False)
    share_economy = models.BooleanField(_("kontraktøkonomi synlig"), default=False)

    class Meta:
        ordering = ["collaboration", "organisation__name"]
        verbose_name = _("deling af portefølje")
        verbose_name_plural = _("deling af porteføljer")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "collaboration"], name="portfolio_sharing_unique",
                violation_error_message=_("Der findes allerede en delingsindstilling for samarbejdet."),
            ),
            models.CheckConstraint(
                condition=Q(share_economy=False) | Q(share_portfolio=True),
                name="portfolio_sharing_economy_needs_portfolio",
                violation_error_message=_("Økonomien kan kun deles, når porteføljen også deles."),
            ),
        ]

    def __str__(self):
        return f"{self.organisation} → {self.collaboration}"


class HarmonisationSnapshot(models.Model):
    """The harmonisation index of a collaboration on a day (per category, or overall when category
    is empty), kept so its history can be shown."""

    collaboration = models.ForeignKey("collaborations.Collaboration", on_delete=models.CASCADE,
                                      related_name="harmonisation_snapshots", verbose_name=_("samarbejde"))
    category = models.ForeignKey(Category, null=True, blank=True, on_delete=models.CASCADE,
                                 related_name="+", verbose_name=_("kategori"))
    date = models.DateField(_("dato"))
    index = models.DecimalField(_("harmoniseringsindeks"), max_digits=6, decimal_places=4)
    distinct_products = models.PositiveIntegerField(_("antal forskellige produkter"), default=0)
    members = models.PositiveIntegerField(_("medlemmer med data"), default=0)

    class Meta:
        ordering = ["collaboration", "date"]
        verbose_name = _("harmoniseringsmåling")
        verbose_name_plural = _("harmoniseringsmålinger")
        constraints = [
            models.UniqueConstraint(fields=["collaboration", "category", "date"],
                                    name="portfolio_snapshot_unique",
                                    violation_error_message=_("Der findes allerede en måling for dagen.")),
        ]

    def __str__(self):
        return f"{self.collaboration} {self.category or 'samlet'} {short_date(self.date)}: {self.index}"


class HarmonisationTarget(models.Model):
    """A collaboration's goal for its overall harmonisation index, e.g. 50 % overlap within five years."""

    collaboration = models.OneToOneField("collaborations.Collaboration", on_delete=models.CASCADE,
                                         related_name="harmonisation_target", verbose_name=_("samarbejde"))
    target_index = models.DecimalField(
        _("mål for harmoniseringsindeks"), max_digits=5, decimal_places=4,
        validators=[MinValueValidator(ZERO), MaxValueValidator(Decimal("1"))], help_text=_("Fx 0,5 for 50 %."),
    )
    baseline_date = models.DateField(_("fra"))
    target_date = models.DateField(_("nås senest"))
    description = models.CharField(_("beskrivelse"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("harmoniseringsmål")
        verbose_name_plural = _("harmoniseringsmål")
        constraints = [
            models.CheckConstraint(condition=Q(target_date__gt=models.F("baseline_date")),
                                   name="portfolio_target_dates",
                                   violation_error_message=_("Måldatoen skal ligge efter startdatoen.")),
        ]

    def __str__(self):
        return f"{self.collaboration}: {self.target_index} {short_date(self.target_date)}"


class ImportKind(models.TextChoices):
    TEMPLATE = "template", _("digisam-skabelon")
    KITOS_USAGES = "kitos_usages", _("KITOS: IT-systemanvendelser")
    KITOS_CONTRACTS = "kitos_contracts", _("KITOS: IT-kontrakter")


class PortfolioImport(models.Model):
    """An uploaded portfolio file: kept so the dry run can be reviewed before the same file is applied."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE,
                                     related_name="portfolio_imports", verbose_name=_("kommune"))
    file = models.FileField(_("fil"), upload_to="portfolio-imports/%Y/")
    original_name = models.CharField(_("filnavn"), max_length=255, blank=True)
    second_file = models.FileField(_("anden fil"), upload_to="portfolio-imports/%Y/", blank=True,
                                   help_text=_("KITOS: IT-systemer og IT-kontrakter indlæses sammen."))
    second_name = models.CharField(_("anden fils navn"), max_length=255, blank=True)
    kind = models.CharField(_("format"), max_length=20, choices=ImportKind.choices, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    created = models.DateTimeField(_("uploadet"), auto_now_add=True)
    dry_run = models.JSONField(_("prøvekørsel"), null=True, blank=True)
    applied = models.DateTimeField(_("indlæst"), null=True, blank=True)

    class Meta:
        ordering = ["-created"]
        verbose_name = _("porteføljeimport")
        verbose_name_plural = _("porteføljeimporter")

    def __str__(self):
        return f"{self.organisation}: {self.original_name}"


class UpdateRequest(models.Model):
    """The secretariat's "Bed om opdatering": a collaboration asks one member to bring its portfolio
    up to date. Kept (and audited) so the freshness page shows when the member was last asked; the
    request itself reaches the member's coordinators as a notification."""

    collaboration = models.ForeignKey("collaborations.Collaboration", on_delete=models.CASCADE,
                                      related_name="portfolio_update_requests", verbose_name=_("samarbejde"))
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE,
                                     related_name="portfolio_update_requests", verbose_name=_("kommune"))
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+", verbose_name=_("bedt af"))
    created = models.DateTimeField(_("sendt"), auto_now_add=True)
    message = models.TextField(_("besked"), blank=True, max_length=1000)
    recipients = models.PositiveSmallIntegerField(_("modtagere"), default=0)

    class Meta:
        ordering = ["-created"]
        verbose_name = _("anmodning om opdatering af portefølje")
        verbose_name_plural = _("anmodninger om opdatering af portefølje")
        indexes = [models.Index(fields=["collaboration", "organisation"], name="portfolio_updreq_collab_org")]

    def __str__(self):
        return f"{self.collaboration} → {self.organisation}"
