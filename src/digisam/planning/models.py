"""planning: the joint procurement plan of a collaboration (issue 4, the in-app part).

The secretariat describes *scenarios* (horizon, start month, capacity, categories, earliest starts
and "must tender together" groups); each run of a scenario keeps the exact instance it solved and
the exact plan it got (`digisam.plan-instance/1` / `digisam.plan/1`, see
docs/planning-app.md), so any run can be reproduced and compared, and one run per collaboration
can be published as the collaboration's plan. Members register their own opt-outs per category.

Categories are referred to by their code (the instance's category id), not by a foreign key, so
the stored runs stay readable even when the portfolio's categories change later.
"""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

MONTH_RE = r"^\d{4}-(0[1-9]|1[0-2])$"
month_validator = RegexValidator(MONTH_RE, _("Skriv en måned som ÅÅÅÅ-MM, fx 2027-01."))


def parse_lines(text: str):
    """Non-empty, stripped lines of a text field (comments after # are ignored)."""
    for number, raw in enumerate((text or "").splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if line:
            yield number, line


def parse_earliest_starts(text: str) -> list[dict]:
    """Lines 'kommunekode kategori ÅÅÅÅ-MM' → [{"municipality", "category", "month"}]; raises
    ValidationError naming the line."""
    rows, errors = [], []
    for number, line in parse_lines(text):
        parts = line.replace(",", " ").replace(":", " ").split()
        if len(parts) != 3 or not re.match(r"^\d{3,4}$", parts[0]) or not re.match(MONTH_RE, parts[2]):
            errors.append(_("Linje %(n)s: skriv 'kommunekode kategori ÅÅÅÅ-MM', fx '165 esdh 2028-01'.") % {"n": number})
            continue
        rows.append({"municipality": parts[0], "category": parts[1], "month": parts[2]})
    if errors:
        raise ValidationError(errors)
    return rows


def parse_groups(text: str) -> list[dict]:
    """Lines 'kategori: kode, kode, …' → [{"category", "members": [codes]}]; at least two members."""
    rows, errors = [], []
    for number, line in parse_lines(text):
        if ":" not in line:
            errors.append(_("Linje %(n)s: skriv 'kategori: kommunekode, kommunekode', fx 'esdh: 165, 151'.") % {"n": number})
            continue
        category, members = line.split(":", 1)
        codes = [c for c in re.split(r"[\s,;]+", members.strip()) if c]
        if not category.strip() or len(set(codes)) < 2 or not all(re.match(r"^\d{3,4}$", c) for c in codes):
            errors.append(_("Linje %(n)s: en gruppe skal have en kategori og mindst to kommunekoder.") % {"n": number})
            continue
        rows.append({"category": category.strip(), "members": sorted(set(codes))})
    if errors:
        raise ValidationError(errors)
    return rows


class Scenario(models.Model):
    """One set of planning assumptions for a collaboration. Kept next to the others so the
    secretariat can compare what capacity, horizon or a group requirement costs."""

    collaboration = models.ForeignKey(
        "collaborations.Collaboration", on_delete=models.CASCADE, related_name="plan_scenarios",
        verbose_name=_("samarbejde"),
    )
    name = models.CharField(_("navn"), max_length=200)
    description = models.TextField(_("beskrivelse"), blank=True)
    start_month = models.CharField(
        _("første måned"), max_length=7, validators=[month_validator], help_text=_("Planens måned 0, fx 2027-01.")
    )
    horizon_months = models.PositiveSmallIntegerField(
        _("horisont (måneder)"), default=120, validators=[MinValueValidator(12), MaxValueValidator(360)]
    )
    capacity = models.PositiveSmallIntegerField(
        _("kapacitet (samtidige fællesudbud)"), default=2, validators=[MinValueValidator(1), MaxValueValidator(50)],
        help_text=_("Hvor mange fællesudbud sekretariatet kan forberede på samme tid (K)."),
    )
    individual_rationality = models.BooleanField(
        _("ingen medlem må stilles dårligere"), default=True,
        help_text=_("Hvert medlem i et fællesudbud skal mindst spare i forhold til at gå alene."),
    )
    categories = models.JSONField(
        _("kategorier"), default=list, blank=True,
        help_text=_("Koder for de kategorier der planlægges. Tom: alle kategorier med delte kontrakter."),
    )
    earliest_starts = models.TextField(
        _("tidligste start"), blank=True,
        help_text=_("Én pr. linje: kommunekode kategori ÅÅÅÅ-MM, fx '165 esdh 2028-01'."),
    )
    tender_groups = models.TextField(
        _("skal udbyde sammen"), blank=True,
        help_text=_("Én gruppe pr. linje: kategori: kommunekode, kommunekode, fx 'esdh: 165, 151'. Et hårdt krav."),
    )
    time_limit = models.PositiveSmallIntegerField(
        _("tidsgrænse (sekunder)"), default=30, validators=[MinValueValidator(1), MaxValueValidator(600)]
    )
    created = models.DateTimeField(_("oprettet"), auto_now_add=True)

    class Meta:
        ordering = ["collaboration", "name"]
        verbose_name = _("scenarie")
        verbose_name_plural = _("scenarier")
        constraints = [
            models.UniqueConstraint(
                fields=["collaboration", "name"], name="planning_scenario_unique_name",
                violation_error_message=_("Samarbejdet har allerede et scenarie med det navn."),
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("planning:collaboration", args=[self.collaboration.slug]) + f"#scenarie-{self.pk}"

    def clean(self):
        errors = {}
        try:
            parse_earliest_starts(self.earliest_starts)
        except ValidationError as error:
            errors["earliest_starts"] = error.messages
        try:
            groups = parse_groups(self.tender_groups)
        except ValidationError as error:
            errors["tender_groups"] = error.messages
        else:
            seen = {}
            for group in groups:
                for code in group["members"]:
                    key = (group["category"], code)
                    if key in seen:
                        errors["tender_groups"] = _(
                            "Kommune %(code)s står i to grupper for kategorien %(cat)s."
                        ) % {"code": code, "cat": group["category"]}
                    seen[key] = True
        if not isinstance(self.categories, list) or not all(isinstance(c, str) for c in self.categories):
            errors["categories"] = _("Kategorier skal være en liste af koder.")
        else:
            self._check_category_codes(errors, "categories", self.categories)
        if "earliest_starts" not in errors:
            self._check_category_codes(errors, "earliest_starts",
                                       [r["category"] for r in parse_earliest_starts(self.earliest_starts)])
        if "tender_groups" not in errors:
            self._check_category_codes(errors, "tender_groups", [g["category"] for g in parse_groups(self.tender_groups)])
        if errors:
            raise ValidationError(errors)

    @staticmethod
    def _check_category_codes(errors, field, codes):
        """The API (and old stored text) refer to categories by code: an unknown code is refused by name."""
        from digisam.portfolio.models import Category

        known = set(Category.objects.values_list("slug", flat=True))
        unknown = sorted({c for c in codes if c not in known})
        if unknown:
            errors[field] = _(
                "Ukendt kategorikode: %(codes)s. Brug koderne fra kategorikataloget (GET /api/portfolio/categories/), "
                "fx “esdh” for ESDH."
            ) % {"codes": ", ".join(f"“{c}”" for c in unknown)}

    # --- what a person reads: names, not codes -------------------------------------------------

    @staticmethod
    def _names():
        from digisam.organisations.models import Organisation
        from digisam.portfolio.models import Category

        categories = dict(Category.objects.values_list("slug", "name"))
        municipalities = dict(Organisation.objects.exclude(code="").values_list("code", "name"))
        return categories, municipalities

    def category_names(self) -> list[str]:
        categories, _municipalities = self._names()
        return [categories.get(c, c) for c in self.categories or []]

    def earliest_start_labels(self) -> list[dict]:
        """[{municipality, category, month}] with the names of the municipality and the category."""
        categories, municipalities = self._names()
        return [{"municipality": municipalities.get(r["municipality"], r["municipality"]),
                 "category": categories.get(r["category"], r["category"]), "month": r["month"]}
                for r in parse_earliest_starts(self.earliest_starts)]

    def group_labels(self) -> list[dict]:
        categories, municipalities = self._names()
        return [{"category": categories.get(g["category"], g["category"]),
                 "members": sorted(municipalities.get(c, c) for c in g["members"])}
                for g in parse_groups(self.tender_groups)]

    def earliest_start_rows(self):
        return parse_earliest_starts(self.earliest_starts)

    def group_rows(self):
        return parse_groups(self.tender_groups)


class OptOut(models.Model):
    """A member's decision not to tender jointly in a category (it renews alone). Registered by
    the member's own coordinator with a reason, so the secretariat knows why."""

    collaboration = models.ForeignKey(
        "collaborations.Collaboration", on_delete=models.CASCADE, related_name="plan_opt_outs",
        verbose_name=_("samarbejde"),
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="plan_opt_outs",
        verbose_name=_("medlem"),
    )
    category = models.CharField(_("kategori (kode)"), max_length=80)
    reason = models.TextField(_("begrundelse"))
    created = models.DateTimeField(_("registreret"), auto_now_add=True)

    class Meta:
        ordering = ["collaboration", "organisation__name", "category"]
        verbose_name = _("fravalg af fællesudbud")
        verbose_name_plural = _("fravalg af fællesudbud")
        constraints = [
            models.UniqueConstraint(
                fields=["collaboration", "organisation", "category"], name="planning_optout_unique",
                violation_error_message=_("Medlemmet har allerede fravalgt fællesudbud i denne kategori."),
            )
        ]

    def __str__(self):
        return f"{self.organisation}: {self.category}"

    def get_absolute_url(self):
        return reverse("planning:collaboration", args=[self.collaboration.slug]) + "#fravalg"

    def clean(self):
        errors = {}
        if not (self.reason or "").strip():
            errors["reason"] = _("Skriv hvorfor medlemmet fravælger fællesudbud.")
        from django.apps import apps

        if apps.is_installed("digisam.portfolio") and self.category:
            Category = apps.get_model("portfolio", "Category")
            if not Category.objects.filter(slug=self.category).exists():
                errors["category"] = _("Ukendt kategori: %(c)s") % {"c": self.category}
        if self.collaboration_id and self.organisation_id:
            from digisam.collaborations.models import Membership, MembershipStatus

            if not Membership.objects.filter(
                collaboration_id=self.collaboration_id, organisation_id=self.organisation_id,
                status__in=[MembershipStatus.APPROVED, MembershipStatus.ACTIVE],
            ).exists():
                errors["organisation"] = _("Organisationen er ikke medlem af samarbejdet.")
        if errors:
            raise ValidationError(errors)


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("I kø")
    RUNNING = "running", _("Kører")
    SUCCEEDED = "succeeded", _("Færdig")
    FAILED = "failed", _("Fejlet")


class PlanRun(models.Model):
    """One solve of a scenario: the exact instance sent to the planner and the exact plan it
    returned, with the headline figures copied out for lists and comparisons. Never changed
    after it finished, except for publication; a reproduction is a new run of the same instance."""

    collaboration = models.ForeignKey(
        "collaborations.Collaboration", on_delete=models.CASCADE, related_name="plan_runs",
        verbose_name=_("samarbejde"),
    )
    scenario = models.ForeignKey(
        Scenario, null=True, blank=True, on_delete=models.SET_NULL, related_name="runs", verbose_name=_("scenarie")
    )
    scenario_name = models.CharField(_("scenarie"), max_length=200)
    reproduces = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="reproductions",
        verbose_name=_("genberegning af"),
    )
    job = models.ForeignKey("core.Job", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created = models.DateTimeField(_("oprettet"), auto_now_add=True)
    finished = models.DateTimeField(_("færdig"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=RunStatus.choices, default=RunStatus.QUEUED)
    time_limit = models.PositiveSmallIntegerField(_("tidsgrænse (sekunder)"), default=30)
    instance = models.JSONField(_("instans (digisam.plan-instance/1)"), default=dict)
    plan = models.JSONField(_("plan (digisam.plan/1)"), null=True, blank=True)
    left_out = models.JSONField(_("udeladte kontrakter"), default=list, blank=True)
    groups = models.JSONField(_("skal udbyde sammen"), default=list, blank=True)
    group_check = models.JSONField(_("kontrol af grupper"), default=list, blank=True)
    contract_info = models.JSONField(_("kontraktoplysninger"), default=dict, blank=True)
    error = models.TextField(_("fejl"), blank=True)
    total_cost = models.DecimalField(_("planens omkostning"), max_digits=16, decimal_places=2, null=True, blank=True)
    baseline_cost = models.DecimalField(_("hver for sig"), max_digits=16, decimal_places=2, null=True, blank=True)
    savings = models.DecimalField(_("besparelse"), max_digits=16, decimal_places=2, null=True, blank=True)
    savings_pct = models.DecimalField(_("besparelse (%)"), max_digits=9, decimal_places=4, null=True, blank=True)
    joint_tenders = models.PositiveIntegerField(_("fællesudbud"), null=True, blank=True)
    solo_tenders = models.PositiveIntegerField(_("udbud alene"), null=True, blank=True)
    gap = models.DecimalField(_("gap"), max_digits=12, decimal_places=8, null=True, blank=True)
    lower_bound = models.DecimalField(_("nedre grænse"), max_digits=16, decimal_places=2, null=True, blank=True)
    solver_status = models.CharField(_("løserstatus"), max_length=32, blank=True)
    runtime_seconds = models.DecimalField(_("køretid (s)"), max_digits=9, decimal_places=3, null=True, blank=True)
    published = models.BooleanField(_("offentliggjort"), default=False)
    published_at = models.DateTimeField(_("offentliggjort den"), null=True, blank=True)

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name = _("planberegning")
        verbose_name_plural = _("planberegninger")
        constraints = [
            models.UniqueConstraint(
                fields=["collaboration"], condition=Q(published=True), name="planning_one_published_run",
                violation_error_message=_("Samarbejdet har allerede en offentliggjort udbudsplan."),
            )
        ]

    SOLVER_STATUS_LABELS = {
        "optimal": _("optimal (bevist bedste plan)"),
        "time_limit": _("tidsgrænse nået (bedste fundne plan)"),
        "heuristic": _("heuristisk plan"),
        "infeasible_groups": _("ingen gyldig plan for grupperne"),
        "no_group_plan": _("ingen fælles plan fundet"),
    }

    @property
    def solver_status_label(self) -> str:
        """The solver's status in words ("tidsgrænse nået", not `time_limit`)."""
        return str(self.SOLVER_STATUS_LABELS.get(self.solver_status, self.solver_status))

    @property
    def gap_pct(self):
        """The solver's relative gap as a percentage (None without a bound)."""
        return None if self.gap is None else self.gap * 100

    def __str__(self):
        return f"{self.scenario_name} #{self.pk or 'ny'}"

    def get_absolute_url(self):
        return reverse("planning:run", args=[self.pk])

    def clean(self):
        if self.published and self.status != RunStatus.SUCCEEDED:
            raise ValidationError({"published": _("Kun en færdig beregning kan offentliggøres.")})
        if self.published and not self.groups_ok:
            raise ValidationError({"published": _("Planen overholder ikke kravet om at udbyde sammen.")})

    @property
    def done(self):
        return self.status in (RunStatus.SUCCEEDED, RunStatus.FAILED)

    @property
    def groups_ok(self):
        return all(row.get("satisfied") for row in self.group_check or [])
