"""Initiatives: joint projects proposed, decided and followed the way the collaborations' own
documents describe. Every initiative starts from a benefit mapping ("al digitalisering styres efter
gevinstkortlægning"), members opt in or out of voluntary ones, decisions follow the body's rule
(counted per member organisation, not per person), each phase closes with a GO/no-GO gate, and
benefits are followed up after delivery."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from digisam.collaborations.models import DecisionType
from digisam.core.formatting import number, short_date
from digisam.core.models import Archivable

MONEY = {"max_digits": 14, "decimal_places": 2}

#: phase model templates: the Danish state's IT project model and the Silkeborg–Viborg proposal (001)
PHASE_TEMPLATES = {
    "state": (_("Statens it-projektmodel"), ["Idé", "Analyse", "Gennemførelse", "Gevinstrealisering"]),
    "silkeborg_viborg": (_("Silkeborg–Viborg (001)"), ["Definering", "Harmonisering", "Organisationsetablering"]),
}


def validate_phases(value):
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
        raise ValidationError(_("Angiv mindst én fase med et navn."))
    if len(set(value)) != len(value):
        raise ValidationError(_("Faserne skal have forskellige navne."))


def validate_text_list(value):
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValidationError(_("Skal være en liste af tekster."))


class PhaseModel(models.Model):
    """A collaboration's phase model: the ordered phases an initiative passes, each closed by a gate."""

    collaboration = models.ForeignKey(
        "collaborations.Collaboration", on_delete=models.CASCADE, related_name="phase_models",
        verbose_name=_("samarbejde"),
    )
    name = models.CharField(_("navn"), max_length=120)
    phases = models.JSONField(_("faser"), default=list, validators=[validate_phases])

    class Meta:
        ordering = ["collaboration", "name"]
        verbose_name = _("fasemodel")
        verbose_name_plural = _("fasemodeller")
        constraints = [
            models.UniqueConstraint(
                fields=["collaboration", "name"], name="initiatives_phasemodel_unique_name",
                violation_error_message=_("Samarbejdet har allerede en fasemodel med det navn."),
            )
        ]

    def __str__(self):
        return f"{self.name} ({' → '.join(self.phases)})"


class InitiativeKind(models.TextChoices):
    MANDATORY = "mandatory", _("Obligatorisk (nationalt)")
    VOLUNTARY = "voluntary", _("Frivilligt")


class InitiativeStatus(models.TextChoices):
    ON_TRACK = "on_track", _("På sporet")
    AT_RISK = "at_risk", _("I risiko")
    OFF_TRACK = "off_track", _("Ude af kurs")


class Lifecycle(models.TextChoices):
    PROPOSED = "proposed", _("Foreslået")
    ACTIVE = "active", _("I gang")
    COMPLETED = "completed", _("Afsluttet")
    STOPPED = "stopped", _("Stoppet")


class Initiative(Archivable):
    """A joint initiative in a collaboration, owned by one member and one person."""

    collaboration = models.ForeignKey(
        "collaborations.Collaboration", on_delete=models.CASCADE, related_name="initiatives",
        verbose_name=_("samarbejde"),
    )
    title = models.CharField(_("titel"), max_length=200)
    kind = models.CharField(_("type"), max_length=20, choices=InitiativeKind.choices, default=InitiativeKind.VOLUNTARY)
    owner_organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="owned_initiatives",
        verbose_name=_("ejer (medlem)"),
    )
    owner_person = models.CharField(_("ejer (person)"), max_length=200)
    purpose = models.TextField(_("formål"))
    scope = models.TextField(_("afgrænsning"), blank=True)
    phase_model = models.ForeignKey(PhaseModel, on_delete=models.PROTECT, related_name="initiatives",
                                    verbose_name=_("fasemodel"))
    current_phase = models.PositiveSmallIntegerField(_("aktuel fase (nr.)"), default=0)
    status = models.CharField(_("status"), max_length=20, choices=InitiativeStatus.choices,
                              default=InitiativeStatus.ON_TRACK)
    lifecycle = models.CharField(_("forløb"), max_length=20, choices=Lifecycle.choices, default=Lifecycle.PROPOSED)
    start = models.DateField(_("start"), null=True, blank=True)
    end = models.DateField(_("forventet afslutning"), null=True, blank=True)
    system_categories = models.JSONField(
        _("systemkategorier"), default=list, blank=True, validators=[validate_text_list],
        help_text=_("Navne på systemkategorier i porteføljen (fri tekst)."),
    )
    tenders = models.JSONField(
        _("udbud i udbudsplanen"), default=list, blank=True, validators=[validate_text_list],
        help_text=_("Navne på udbud i udbudsplanen (fri tekst)."),
    )
    published = models.BooleanField(
        _("offentliggjort"), default=False, help_text=_("Observatører kan se offentliggjorte initiativer.")
    )
    created = models.DateTimeField(_("oprettet"), auto_now_add=True)

    class Meta:
        ordering = ["collaboration", "title"]
        verbose_name = _("initiativ")
        verbose_name_plural = _("initiativer")
        constraints = [
            models.UniqueConstraint(
                fields=["collaboration", "title"], name="initiatives_initiative_unique_title",
                violation_error_message=_("Samarbejdet har allerede et initiativ med den titel."),
            ),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(start__isnull=True) | Q(end__gte=models.F("start")),
                name="initiatives_initiative_dates",
                violation_error_message=_("Afslutningen må ikke ligge før starten."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("initiatives:detail", args=[self.pk])

    @property
    def phases(self):
        return list(self.phase_model.phases) if self.phase_model_id else []

    @property
    def phase_name(self):
        phases = self.phases
        if self.lifecycle == Lifecycle.COMPLETED:
            return str(_("Afsluttet"))
        return phases[self.current_phase] if 0 <= self.current_phase < len(phases) else ""

    def clean(self):
        errors = {}
        from digisam.collaborations.models import Membership, MembershipStatus

        if self.collaboration_id and self.owner_organisation_id and not Membership.objects.filter(
            collaboration_id=self.collaboration_id, organisation_id=self.owner_organisation_id,
            status__in=[MembershipStatus.ACTIVE, MembershipStatus.APPROVED],
        ).exists():
            errors["owner_organisation"] = _("Ejeren skal være medlem af samarbejdet.")
        if self.phase_model_id and self.collaboration_id:
            if self.phase_model.collaboration_id != self.collaboration_id:
                errors["phase_model"] = _("Fasemodellen skal høre til samme samarbejde.")
            elif self.current_phase >= len(self.phase_model.phases):
                errors["current_phase"] = _("Fasemodellen har kun %(n)s faser.") % {"n": len(self.phase_model.phases)}
        if self.published and self.collaboration_id and not self.collaboration.published:
            errors["published"] = _("Samarbejdet er ikke offentliggjort, så initiativet kan heller ikke være det.")
        if errors:
            raise ValidationError(errors)


class BudgetLine(models.Model):
    """A member's budget for an initiative in a year: money and internal hours."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="budget_lines")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("medlem"))
    year = models.PositiveSmallIntegerField(_("år"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    amount = models.DecimalField(_("beløb (kr.)"), default=0, validators=[MinValueValidator(0)], **MONEY)
    hours = models.DecimalField(_("interne timer"), max_digits=10, decimal_places=1, default=0,
                                validators=[MinValueValidator(0)])
    note = models.CharField(_("bemærkning"), max_length=300, blank=True)

    class Meta:
        ordering = ["initiative", "year", "organisation__name"]
        verbose_name = _("budgetlinje")
        verbose_name_plural = _("budgetlinjer")
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "organisation", "year"], name="initiatives_budget_unique",
                violation_error_message=_("Medlemmet har allerede en budgetlinje for det år."),
            )
        ]

    def __str__(self):
        return f"{self.initiative}: {self.organisation} {self.year}"


class BenefitKind(models.TextChoices):
    STRATEGIC = "strategic", _("Strategisk")
    ECONOMIC = "economic", _("Økonomisk")
    ORGANISATIONAL = "organisational", _("Organisatorisk")
    TECHNOLOGICAL = "technological", _("Teknologisk")


class Benefit(models.Model):
    """A benefit (or dis-benefit) of an initiative, as in the Silkeborg–Viborg proposal's table:
    type, description, primary recipient and time of realisation, plus owner, measure and baseline."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="benefits")
    kind = models.CharField(_("gevinsttype"), max_length=20, choices=BenefitKind.choices)
    is_disbenefit = models.BooleanField(_("ulempe"), default=False,
                                        help_text=_("En negativ konsekvens (ulempe) i stedet for en gevinst."))
    description = models.TextField(_("beskrivelse"))
    primary_recipient = models.CharField(_("primær modtager"), max_length=200)
    owner = models.CharField(_("gevinstejer"), max_length=200, blank=True)
    measure = models.CharField(_("måleparameter"), max_length=200, blank=True)
    unit = models.CharField(_("enhed"), max_length=40, blank=True, help_text=_("Fx kr., timer, %."))
    baseline = models.DecimalField(_("baseline"), null=True, blank=True, **MONEY)
    realisation_time = models.CharField(_("tidspunkt for realisering"), max_length=100, blank=True,
                                        help_text=_("Fx 2016-2017."))

    class Meta:
        ordering = ["initiative", "is_disbenefit", "kind", "pk"]
        verbose_name = _("gevinst")
        verbose_name_plural = _("gevinster")

    def __str__(self):
        text = self.description if len(self.description) <= 60 else self.description[:57] + "..."
        return f"{self.get_kind_display()}: {text}"

    @property
    def expected_total(self):
        return sum((e.expected_value for e in self.expectations.all()), 0)

    @property
    def realised_total(self):
        """The latest realised value per member (or for all), summed."""
        latest = {}
        for r in sorted(self.realisations.all(), key=lambda r: r.date):
            latest[r.organisation_id] = r.value
        return sum(latest.values(), 0)


class BenefitExpectation(models.Model):
    """The value a member expects from a benefit, and when."""

    benefit = models.ForeignKey(Benefit, on_delete=models.CASCADE, related_name="expectations")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("medlem"))
    expected_value = models.DecimalField(_("forventet værdi"), **MONEY)
    expected_by = models.DateField(_("forventet realiseret"), null=True, blank=True)

    class Meta:
        ordering = ["benefit", "organisation__name"]
        verbose_name = _("forventet gevinst")
        verbose_name_plural = _("forventede gevinster")
        constraints = [
            models.UniqueConstraint(
                fields=["benefit", "organisation"], name="initiatives_expectation_unique",
                violation_error_message=_("Medlemmet har allerede en forventning til gevinsten."),
            )
        ]

    def __str__(self):
        return f"{self.benefit}: {self.organisation}"


class BenefitRealisation(models.Model):
    """A realised value measured on a date, for one member or (no member) the whole collaboration."""

    benefit = models.ForeignKey(Benefit, on_delete=models.CASCADE, related_name="realisations")
    organisation = models.ForeignKey("organisations.Organisation", null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+", verbose_name=_("medlem"))
    date = models.DateField(_("målt"), default=datetime.date.today)
    value = models.DecimalField(_("realiseret værdi"), **MONEY)
    note = models.CharField(_("bemærkning"), max_length=300, blank=True)

    class Meta:
        ordering = ["benefit", "date"]
        verbose_name = _("realiseret gevinst")
        verbose_name_plural = _("realiserede gevinster")

    def __str__(self):
        return f"{self.benefit}: {number(self.value)} ({short_date(self.date)})"


class MapLevel(models.TextChoices):
    DELIVERABLE = "deliverable", _("Leverance")
    CAPABILITY = "capability", _("Kapabilitet")


class MapElement(models.Model):
    """A deliverable or capability in the benefit map: deliverables enable capabilities, capabilities
    give benefits, benefits serve the initiative's purpose."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="map_elements")
    level = models.CharField(_("niveau"), max_length=20, choices=MapLevel.choices)
    label = models.CharField(_("tekst"), max_length=200)
    enables = models.ManyToManyField("self", symmetrical=False, blank=True, related_name="enabled_by",
                                     verbose_name=_("muliggør kapabiliteter"))
    benefits = models.ManyToManyField(Benefit, blank=True, related_name="map_elements",
                                      verbose_name=_("giver gevinster"))

    class Meta:
        ordering = ["initiative", "level", "pk"]
        verbose_name = _("element i gevinstkort")
        verbose_name_plural = _("elementer i gevinstkort")

    def __str__(self):
        return f"{self.get_level_display()}: {self.label}"


class BusinessCase(models.Model):
    """The initiative's business case: scenario 0 (as today) against scenario 1, computed by
    digisam.engines.businesscase."""

    initiative = models.OneToOneField(Initiative, on_delete=models.CASCADE, related_name="business_case")
    start_year = models.PositiveSmallIntegerField(_("første år"), validators=[MinValueValidator(2000),
                                                                              MaxValueValidator(2100)])
    horizon = models.PositiveSmallIntegerField(_("antal år"), default=5,
                                               validators=[MinValueValidator(1), MaxValueValidator(30)])
    discount_rate = models.DecimalField(
        _("diskonteringsrente (%)"), max_digits=5, decimal_places=2, default=3.5,
        validators=[MinValueValidator(0), MaxValueValidator(50)], help_text=_("Finansministeriets rente er 3,5 %."),
    )
    scenario_0 = models.TextField(_("scenarie 0 (som i dag)"), blank=True)
    scenario_1 = models.TextField(_("scenarie 1 (initiativet)"), blank=True)

    class Meta:
        verbose_name = _("business case")
        verbose_name_plural = _("business cases")

    def __str__(self):
        return f"Business case: {self.initiative}"

    def compute(self):
        from decimal import Decimal

        from digisam.engines import businesscase as engine

        lines = tuple(
            engine.CaseLine(
                member=line.organisation.name, scenario=line.scenario, kind=line.kind,
                year=line.year - self.start_year + 1,
                estimate=engine.Estimate(line.likely, line.low, line.high), label=line.description,
            )
            for line in self.lines.select_related("organisation")
            if line.year >= self.start_year
        )
        return engine.compute(engine.CaseInput(
            lines=lines, start_year=self.start_year, horizon=self.horizon,
            discount_rate=Decimal(self.discount_rate) / 100,
        ))


class CaseLineKind(models.TextChoices):
    INVESTMENT = "investment", _("Investering")
    RUNNING_COST = "running_cost", _("Driftsomkostning")
    GAIN = "gain", _("Gevinst")


class BusinessCaseLine(models.Model):
    """One yearly amount of the business case for a member, as a three-point estimate."""

    case = models.ForeignKey(BusinessCase, on_delete=models.CASCADE, related_name="lines")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("medlem"))
    scenario = models.PositiveSmallIntegerField(_("scenarie"), choices=[(0, _("Scenarie 0")), (1, _("Scenarie 1"))],
                                                default=1)
    kind = models.CharField(_("art"), max_length=20, choices=CaseLineKind.choices)
    year = models.PositiveSmallIntegerField(_("år"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    low = models.DecimalField(_("lav"), null=True, blank=True, validators=[MinValueValidator(0)], **MONEY)
    likely = models.DecimalField(_("mest sandsynlig"), validators=[MinValueValidator(0)], **MONEY)
    high = models.DecimalField(_("høj"), null=True, blank=True, validators=[MinValueValidator(0)], **MONEY)
    description = models.CharField(_("beskrivelse"), max_length=200, blank=True)

    class Meta:
        ordering = ["case", "scenario", "year", "kind", "organisation__name"]
        verbose_name = _("business case-linje")
        verbose_name_plural = _("business case-linjer")

    def __str__(self):
        return f"{self.get_kind_display()} {self.year} ({self.organisation})"

    def clean(self):
        errors = {}
        if self.low is not None and self.likely is not None and self.low > self.likely:
            errors["low"] = _("Lav må ikke være større end mest sandsynlig.")
        if self.high is not None and self.likely is not None and self.high < self.likely:
            errors["high"] = _("Høj må ikke være mindre end mest sandsynlig.")
        if self.case_id and self.year and not (self.case.start_year <= self.year < self.case.start_year + self.case.horizon):
            errors["year"] = _("Året skal ligge i business casens periode (%(a)s–%(b)s).") % {
                "a": self.case.start_year, "b": self.case.start_year + self.case.horizon - 1}
        if errors:
            raise ValidationError(errors)

    @property
    def mean(self):
        from digisam.engines.businesscase import pert_mean

        return pert_mean(self.low if self.low is not None else self.likely, self.likely,
                         self.high if self.high is not None else self.likely)


class ParticipationChoice(models.TextChoices):
    IN = "in", _("Tilvalgt")
    OUT = "out", _("Fravalgt")


class Participation(models.Model):
    """A member's choice to join (opt in) or stay out of (opt out) an initiative, with a reason.
    Mandatory initiatives bind every member: opting out is refused."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="participations")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT,
                                     related_name="initiative_participations", verbose_name=_("medlem"))
    choice = models.CharField(_("valg"), max_length=10, choices=ParticipationChoice.choices)
    reason = models.TextField(_("begrundelse"), blank=True)
    decided_on = models.DateField(_("besluttet"), default=datetime.date.today)

    class Meta:
        ordering = ["initiative", "organisation__name"]
        verbose_name = _("deltagelse")
        verbose_name_plural = _("deltagelser")
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "organisation"], name="initiatives_participation_unique",
                violation_error_message=_("Medlemmet har allerede valgt for dette initiativ."),
            )
        ]

    def __str__(self):
        return f"{self.organisation}: {self.get_choice_display()} ({self.initiative})"

    def clean(self):
        errors = {}
        if self.initiative_id:
            if self.initiative.kind == InitiativeKind.MANDATORY and self.choice == ParticipationChoice.OUT:
                errors["choice"] = _("Initiativet er obligatorisk: alle medlemmer deltager efter samarbejdets regler.")
            from digisam.collaborations.models import Membership, MembershipStatus

            if self.organisation_id and not Membership.objects.filter(
                collaboration_id=self.initiative.collaboration_id, organisation_id=self.organisation_id,
                status__in=[MembershipStatus.ACTIVE, MembershipStatus.APPROVED],
            ).exists():
                errors["organisation"] = _("Kun medlemmer af samarbejdet kan vælge initiativet til eller fra.")
        if self.choice == ParticipationChoice.OUT and not self.reason.strip():
            errors["reason"] = _("Giv en begrundelse for fravalget.")
        if errors:
            raise ValidationError(errors)


class GateOutcome(models.TextChoices):
    PENDING = "pending", _("Afventer")
    GO = "go", _("GO")
    GO_CONDITIONS = "go_conditions", _("GO med betingelser")
    NO_GO = "no_go", _("no-GO")


class Gate(models.Model):
    """The GO/no-GO decision point that closes a phase. The decision itself is a Proposal."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="gates")
    phase = models.PositiveSmallIntegerField(_("fase (nr.)"))
    due = models.DateField(_("forventet beslutning"), null=True, blank=True)
    outcome = models.CharField(_("udfald"), max_length=20, choices=GateOutcome.choices, default=GateOutcome.PENDING)
    conditions = models.TextField(_("betingelser"), blank=True)
    decided_on = models.DateField(_("besluttet"), null=True, blank=True)
    reminded_on = models.DateField(_("påmindelse sendt"), null=True, blank=True)

    class Meta:
        ordering = ["initiative", "phase"]
        verbose_name = _("beslutningspunkt")
        verbose_name_plural = _("beslutningspunkter")
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "phase"], name="initiatives_gate_unique_phase",
                violation_error_message=_("Fasen har allerede et beslutningspunkt."),
            )
        ]

    def __str__(self):
        return f"{self.initiative}: GO/no-GO efter {self.phase_name}"

    @property
    def phase_name(self):
        phases = self.initiative.phases if self.initiative_id else []
        return phases[self.phase] if 0 <= self.phase < len(phases) else str(self.phase)

    def clean(self):
        errors = {}
        if self.initiative_id and self.phase is not None and self.phase >= len(self.initiative.phases):
            errors["phase"] = _("Fasemodellen har kun %(n)s faser.") % {"n": len(self.initiative.phases)}
        if self.outcome == GateOutcome.GO_CONDITIONS and not self.conditions.strip():
            errors["conditions"] = _("Angiv betingelserne.")
        if errors:
            raise ValidationError(errors)


class ProposalStatus(models.TextChoices):
    DRAFT = "draft", _("Kladde")
    OPEN = "open", _("Afstemning åben")
    CLOSED = "closed", _("Afsluttet")


class Outcome(models.TextChoices):
    PENDING = "pending", _("Afventer")
    ADOPTED = "adopted", _("Vedtaget")
    REJECTED = "rejected", _("Forkastet")
    VETOED = "vetoed", _("Forkastet ved veto")
    NO_QUORUM = "no_quorum", _("Ikke beslutningsdygtig")
    ESCALATED = "escalated", _("Eskaleret")


class Proposal(Archivable):
    """A matter put to a body for decision. Member organisations vote (one ballot each, cast by the
    member's coordinator); the engine tallies under the body's DecisionRule at closing. Gate
    decisions (GO / no-GO / GO with conditions) are proposals tied to a gate."""

    collaboration = models.ForeignKey("collaborations.Collaboration", on_delete=models.CASCADE,
                                      related_name="proposals", verbose_name=_("samarbejde"))
    body = models.ForeignKey("collaborations.Body", on_delete=models.PROTECT, related_name="proposals",
                             verbose_name=_("organ"))
    decision_type = models.CharField(_("beslutningstype"), max_length=32, choices=DecisionType.choices,
                                     default=DecisionType.GENERAL)
    title = models.CharField(_("titel"), max_length=200)
    text = models.TextField(_("indstilling"), blank=True)
    initiative = models.ForeignKey(Initiative, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="proposals", verbose_name=_("initiativ"))
    gate = models.ForeignKey(Gate, null=True, blank=True, on_delete=models.SET_NULL, related_name="proposals",
                             verbose_name=_("beslutningspunkt"))
    conditions = models.TextField(_("betingelser ved GO"), blank=True,
                                  help_text=_("Udfyldes ved GO med betingelser."))
    meeting = models.ForeignKey("Meeting", null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="proposals", verbose_name=_("møde"))
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="escalations",
                               verbose_name=_("eskaleret fra"))
    case_statement = models.TextField(_("sagsredegørelse"), blank=True)
    deadline = models.DateTimeField(_("frist for afstemning"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=ProposalStatus.choices,
                              default=ProposalStatus.DRAFT)
    opened_at = models.DateTimeField(_("åbnet"), null=True, blank=True)
    closed_at = models.DateTimeField(_("afsluttet"), null=True, blank=True)
    outcome = models.CharField(_("udfald"), max_length=20, choices=Outcome.choices, default=Outcome.PENDING)
    outcome_statement = models.TextField(_("beslutning"), blank=True)
    tally = models.JSONField(_("optælling"), default=dict, blank=True)
    created = models.DateTimeField(_("oprettet"), auto_now_add=True)

    class Meta:
        ordering = ["-created"]
        verbose_name = _("beslutningssag")
        verbose_name_plural = _("beslutningssager")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("initiatives:proposal", args=[self.pk])

    @property
    def rule(self):
        from digisam.collaborations.models import DecisionRule

        if not self.body_id:
            return None
        rules = {r.decision_type: r for r in DecisionRule.objects.filter(body_id=self.body_id)}
        return rules.get(self.decision_type) or rules.get("general")

    @property
    def voting_open(self):
        return self.status == ProposalStatus.OPEN and (self.deadline is None or timezone.now() <= self.deadline)

    def clean(self):
        errors = {}
        if self.body_id and self.collaboration_id and self.body.collaboration_id != self.collaboration_id:
            errors["body"] = _("Organet skal høre til samme samarbejde.")
        if self.initiative_id and self.initiative.collaboration_id != self.collaboration_id:
            errors["initiative"] = _("Initiativet skal høre til samme samarbejde.")
        if self.gate_id and self.gate.initiative_id != self.initiative_id:
            errors["gate"] = _("Beslutningspunktet skal høre til initiativet.")
        if self.meeting_id and self.meeting.body.collaboration_id != self.collaboration_id:
            errors["meeting"] = _("Mødet skal høre til samme samarbejde.")
        if self.pk:
            stored = Proposal.objects.filter(pk=self.pk).values("status", "outcome", "tally").first()
            if stored and stored["status"] == ProposalStatus.CLOSED and (
                self.status != ProposalStatus.CLOSED or self.outcome != stored["outcome"]
                or self.tally != stored["tally"]
            ):
                errors["status"] = _("Sagen er afsluttet: afstemningen og udfaldet kan ikke ændres.")
            if stored and stored["status"] == ProposalStatus.OPEN and self.status == ProposalStatus.DRAFT:
                errors["status"] = _("En åben afstemning kan ikke gøres til kladde igen.")
        if self.status != ProposalStatus.DRAFT and self.rule is None and self.body_id:
            errors["body"] = _("Organet har ingen beslutningsregel for denne type beslutning.")
        if errors:
            raise ValidationError(errors)

    def deletion_blocked(self):
        """A closed vote is a decision: it survives every delete, also one cascading from its
        collaboration (core.services.delete asks)."""
        if self.status == ProposalStatus.CLOSED:
            return _("En afsluttet afstemning og dens stemmer kan ikke slettes.")
        return None


class ProposalDocument(models.Model):
    """A document attached to a proposal (recommendation, appendix, case statement)."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("titel"), max_length=200)
    file = models.FileField(_("fil"), upload_to="proposals/%Y/", blank=True)
    url = models.URLField(_("link"), blank=True)

    class Meta:
        ordering = ["proposal", "title"]
        verbose_name = _("bilag")
        verbose_name_plural = _("bilag")

    def __str__(self):
        return self.title

    def clean(self):
        if not self.file and not self.url:
            raise ValidationError({"url": _("Vedhæft en fil eller angiv et link.")})


class BallotChoice(models.TextChoices):
    YES = "yes", _("For")
    NO = "no", _("Imod")
    ABSTAIN = "abstain", _("Hverken for eller imod")


class Ballot(models.Model):
    """One member organisation's vote on a proposal, cast by that member's coordinator. It can be
    changed while the vote is open and before the deadline — never after."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="ballots")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="ballots",
                                     verbose_name=_("medlem"))
    choice = models.CharField(_("stemme"), max_length=10, choices=BallotChoice.choices)
    veto = models.BooleanField(_("nedlæg veto"), default=False)
    comment = models.TextField(_("bemærkning"), blank=True)
    cast_at = models.DateTimeField(_("afgivet"), default=timezone.now)
    cast_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="+", verbose_name=_("afgivet af"))

    class Meta:
        ordering = ["proposal", "organisation__name"]
        verbose_name = _("stemme")
        verbose_name_plural = _("stemmer")
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "organisation"], name="initiatives_ballot_one_per_member",
                violation_error_message=_("Medlemmet har allerede stemt: ret den afgivne stemme."),
            ),
            models.CheckConstraint(
                condition=Q(veto=False) | Q(choice="no"), name="initiatives_ballot_veto_is_no",
                violation_error_message=_("Et veto er en stemme imod."),
            ),
        ]

    def __str__(self):
        return f"{self.organisation}: {self.get_choice_display()} ({self.proposal})"

    def deletion_blocked(self):
        """A ballot of a closed vote survives every delete (core.services.delete asks)."""
        if Proposal.objects.filter(pk=self.proposal_id, status=ProposalStatus.CLOSED).exists():
            return _("En afsluttet afstemning og dens stemmer kan ikke slettes.")
        return None

    def clean(self):
        errors = {}
        if self.proposal_id:
            proposal = self.proposal
            if proposal.status != ProposalStatus.OPEN:
                errors["choice"] = _("Afstemningen er ikke åben.")
            elif proposal.deadline and self.cast_at and self.cast_at > proposal.deadline:
                errors["choice"] = _("Fristen for afstemningen er udløbet.")
            if self.veto and (proposal.rule is None or not proposal.rule.veto):
                errors["veto"] = _("Reglen giver ikke vetoret.")
            if self.organisation_id and self.organisation_id not in {m.key for m in eligible_members(proposal)}:
                errors["organisation"] = _("Medlemmet er ikke stemmeberettiget i denne sag.")
        if errors:
            raise ValidationError(errors)


def eligible_members(proposal):
    """Members entitled to vote: a member's own strategic forum votes only for that member;
    other bodies vote with every active member of the collaboration."""
    from digisam.collaborations.models import BodyKind, MembershipRole
    from digisam.engines.decisions import Member
    from digisam.organisations.models import population_map

    body = proposal.body
    if body.kind == BodyKind.STRATEGIC_FORUM and body.member_organisation_id:
        organisations = [body.member_organisation]
    else:
        organisations = [m.organisation for m in proposal.collaboration.active_memberships()
                         if m.role == MembershipRole.MEMBER]
    on = (proposal.deadline or timezone.now()).date()
    populations = population_map([o.pk for o in organisations], on)
    return [Member(key=o.pk, name=o.name, population=populations.get(o.pk)) for o in organisations]


class ForumPosition(models.Model):
    """A member's own strategic forum's decision on a recommendation from the joint unit (001):
    approve or not, and on which terms (timing, financing, staffing)."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="forum_positions")
    forum = models.ForeignKey("collaborations.Body", on_delete=models.PROTECT, related_name="+",
                              verbose_name=_("forum"))
    approve = models.BooleanField(_("godkendt"), default=True)
    timing = models.CharField(_("tidsramme"), max_length=200, blank=True)
    financing = models.CharField(_("finansiering"), max_length=200, blank=True)
    staffing = models.CharField(_("bemanding"), max_length=200, blank=True)
    decided_on = models.DateField(_("besluttet"), default=datetime.date.today)

    class Meta:
        ordering = ["proposal", "forum__name"]
        verbose_name = _("forums beslutning")
        verbose_name_plural = _("fora's beslutninger")
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "forum"], name="initiatives_forum_position_unique",
                violation_error_message=_("Forummet har allerede besluttet i sagen."),
            )
        ]

    def __str__(self):
        return f"{self.forum}: {'godkendt' if self.approve else 'ikke godkendt'}"

    def clean(self):
        from digisam.collaborations.models import BodyKind

        if self.forum_id and self.proposal_id:
            if self.forum.kind != BodyKind.STRATEGIC_FORUM or self.forum.collaboration_id != self.proposal.collaboration_id:
                raise ValidationError({"forum": _("Vælg et af medlemmernes strategiske fora i samarbejdet.")})


class Meeting(models.Model):
    """A meeting of a body: agenda, attendance, minutes (approved or not), decisions and actions."""

    body = models.ForeignKey("collaborations.Body", on_delete=models.CASCADE, related_name="meetings",
                             verbose_name=_("organ"))
    title = models.CharField(_("titel"), max_length=200)
    date = models.DateTimeField(_("tidspunkt"))
    location = models.CharField(_("sted"), max_length=200, blank=True)
    agenda = models.TextField(_("dagsorden"), blank=True)
    attendees = models.ManyToManyField("organisations.Organisation", blank=True, related_name="+",
                                       verbose_name=_("fremmødte medlemmer"))
    attendance_note = models.TextField(_("deltagere"), blank=True, help_text=_("Navne på de fremmødte."))
    minutes = models.TextField(_("referat"), blank=True)
    minutes_approved = models.BooleanField(_("referat godkendt"), default=False)

    class Meta:
        ordering = ["-date"]
        verbose_name = _("møde")
        verbose_name_plural = _("møder")

    def __str__(self):
        return f"{self.title} ({short_date(self.date)})" if self.date else self.title

    def get_absolute_url(self):
        return reverse("initiatives:meeting", args=[self.pk])

    def clean(self):
        if self.minutes_approved and not self.minutes.strip():
            raise ValidationError({"minutes_approved": _("Et referat kan først godkendes, når det er skrevet.")})


class ActionItem(models.Model):
    """An action from a meeting with an owner and a deadline."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="actions")
    description = models.CharField(_("handling"), max_length=300)
    owner = models.CharField(_("ansvarlig"), max_length=200)
    owner_organisation = models.ForeignKey("organisations.Organisation", null=True, blank=True,
                                           on_delete=models.PROTECT, related_name="+",
                                           verbose_name=_("ansvarligt medlem"))
    deadline = models.DateField(_("frist"), null=True, blank=True)
    done = models.BooleanField(_("udført"), default=False)

    class Meta:
        ordering = ["meeting", "done", "deadline"]
        verbose_name = _("handlingspunkt")
        verbose_name_plural = _("handlingspunkter")

    def __str__(self):
        return self.description


class Notification(models.Model):
    """An in-app message to one user (votes opening and closing, decisions, gates due, contract
    notice deadlines); also sent by e-mail when the user has an address."""

    class Kind(models.TextChoices):
        VOTE_OPENED = "vote_opened", _("Afstemning åbnet")
        VOTE_CLOSED = "vote_closed", _("Afstemning afsluttet")
        DECISION = "decision", _("Beslutning")
        GATE_DUE = "gate_due", _("Beslutningspunkt nærmer sig")
        ESCALATION = "escalation", _("Eskalering")
        NOTICE_DEADLINE = "notice_deadline", _("Sidste frist for opsigelse nærmer sig")
        PORTFOLIO_UPDATE = "portfolio_update", _("Anmodning om opdatering af portefølje")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    collaboration = models.ForeignKey("collaborations.Collaboration", null=True, blank=True,
                                      on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    message = models.CharField(_("besked"), max_length=500)
    # The message as a catalogue msgid and its values, so it is shown in the reader's language; `message`
    # keeps the Danish text (e-mails, the audit log, notifications written before these fields).
    template = models.CharField(_("beskedskabelon"), max_length=300, blank=True)
    params = models.JSONField(_("beskedens værdier"), default=dict, blank=True)
    url = models.CharField(_("link"), max_length=300, blank=True)
    created = models.DateTimeField(_("oprettet"), auto_now_add=True)
    read = models.BooleanField(_("læst"), default=False)
    emailed = models.BooleanField(_("sendt som e-mail"), default=False)

    class Meta:
        ordering = ["-created"]
        verbose_name = _("notifikation")
        verbose_name_plural = _("notifikationer")

    def __str__(self):
        return self.message

    @property
    def text(self) -> str:
        """The message in the active language: the template translated and filled with its values
        (dates and times, stored as ISO text under keys ending in `_date`/`_time`, shown the language's way)."""
        if not self.template:
            return self.message
        from django.utils.translation import gettext

        try:
            return gettext(self.template) % render_params(self.params)
        except (KeyError, TypeError, ValueError):
            return self.message


def render_params(params: dict) -> dict:
    """Notification values ready for a message: `*_date` / `*_time` ISO text as the active language writes it."""
    import datetime

    from digisam.core.formatting import short_date, short_datetime

    shown = {}
    for key, value in (params or {}).items():
        if key.endswith("_date") and isinstance(value, str) and value:
            value = short_date(datetime.date.fromisoformat(value))
        elif key.endswith("_time") and isinstance(value, str) and value:
            value = short_datetime(datetime.datetime.fromisoformat(value))
        shown[key] = value
    return shown
