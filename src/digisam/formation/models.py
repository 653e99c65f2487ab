"""Formation: how a collaboration comes to be (seed 002 "fra idé til etableret samarbejde", the
Silkeborg–Viborg decision proposal in seed 001) and how members join and leave it.

A `Formation` keeps the advisor's answers and the chosen purpose × form as the new collaboration's
rationale. Its establishment process is an ordinary initiative of the collaboration with the phase
model exploration → analysis → decision → establishment, so tasks and GO/no-GO gates are the
initiatives' own. Each prospective member decides in its own bodies (`MemberDecision`); the
collaboration is established when the formation's rule is met, and a member that says no is not
enrolled. `ExitTerms` are the collaboration's rules for leaving; a `Withdrawal` records a member's
notice, its exit date by those rules and what happened to its seats and participation."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from digisam.collaborations.models import OrganisationForm, Purpose
from digisam.core.formatting import short_date

#: the establishment process's phases (issue 14 item 2); the phase model is created per collaboration
ESTABLISHMENT_PHASES = ["Afsøgning", "Analyse", "Beslutning", "Etablering"]
ESTABLISHMENT_PHASE_MODEL = "Etableringsforløb"


class EstablishmentRule(models.TextChoices):
    ALL = "all", _("Alle inviterede kommuner skal sige ja")
    MINIMUM = "minimum", _("Et mindste antal kommuner skal sige ja")


class Formation(models.Model):
    """A collaboration in formation: the advisor's answers, the chosen combination, and the rule
    for when it is established."""

    collaboration = models.OneToOneField("collaborations.Collaboration", on_delete=models.CASCADE,
                                         related_name="formation", verbose_name=_("samarbejde"))
    initiator = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+",
                                  verbose_name=_("initiativtager"))
    answers = models.JSONField(_("svar i rådgiveren"), default=dict, blank=True)
    purpose = models.CharField(_("valgt formål"), max_length=32, choices=Purpose.choices)
    form = models.CharField(_("valgt samarbejdsform"), max_length=32, choices=OrganisationForm.choices)
    rationale = models.TextField(_("begrundelse for valget"), blank=True)
    process = models.OneToOneField("initiatives.Initiative", null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="formation", verbose_name=_("etableringsforløb"))
    rule = models.CharField(_("regel for etablering"), max_length=16, choices=EstablishmentRule.choices,
                            default=EstablishmentRule.ALL)
    minimum_members = models.PositiveSmallIntegerField(
        _("mindste antal kommuner"), default=2, validators=[MinValueValidator(2), MaxValueValidator(98)])
    established_on = models.DateField(_("etableret"), null=True, blank=True)
    created = models.DateTimeField(_("oprettet"), auto_now_add=True)

    class Meta:
        verbose_name = _("etablering")
        verbose_name_plural = _("etableringer")

    def __str__(self):
        return f"Etablering af {self.collaboration}"

    def get_absolute_url(self):
        return reverse("formation:detail", args=[self.collaboration.slug])

    def clean(self):
        from digisam.engines.formation import FORMS

        errors = {}
        if self.form and self.form not in FORMS:
            errors["form"] = _("Rådgiveren kender ikke denne samarbejdsform.")
        if self.collaboration_id and self.form and self.collaboration.organisation_form != self.form:
            errors["form"] = _("Samarbejdets form skal være den valgte.")
        if errors:
            raise ValidationError(errors)


class Decision(models.TextChoices):
    PENDING = "pending", _("Afventer")
    YES = "yes", _("Ja")
    NO = "no", _("Nej")


class MemberDecision(models.Model):
    """A prospective member's decision in its own bodies (økonomiudvalg, kommunalbestyrelse, direktion)."""

    formation = models.ForeignKey(Formation, on_delete=models.CASCADE, related_name="decisions")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("kommune"))
    decision = models.CharField(_("beslutning"), max_length=10, choices=Decision.choices, default=Decision.PENDING)
    decided_on = models.DateField(_("besluttet"), null=True, blank=True)
    body = models.CharField(_("besluttet af"), max_length=200, blank=True,
                            help_text=_("Fx kommunalbestyrelsen eller økonomiudvalget."))
    note = models.CharField(_("bemærkning"), max_length=300, blank=True)

    class Meta:
        ordering = ["formation", "organisation__name"]
        verbose_name = _("medlems beslutning")
        verbose_name_plural = _("medlemmers beslutninger")
        constraints = [
            models.UniqueConstraint(fields=["formation", "organisation"], name="formation_decision_unique",
                                    violation_error_message=_("Kommunen har allerede en beslutning i forløbet.")),
        ]

    def __str__(self):
        return f"{self.organisation}: {self.get_decision_display()}"

    def clean(self):
        errors = {}
        if self.decision != Decision.PENDING:
            if not self.decided_on:
                errors["decided_on"] = _("Angiv hvornår kommunen besluttede.")
            if not self.body.strip():
                errors["body"] = _("Angiv hvilket organ i kommunen der besluttede.")
        if self.decided_on and self.decided_on > datetime.date.today():
            errors["decided_on"] = _("En beslutning kan ikke ligge i fremtiden.")
        if errors:
            raise ValidationError(errors)


class ExitPoint(models.TextChoices):
    MONTH_END = "month_end", _("Udgangen af en måned")
    HALF_YEAR_END = "half_year_end", _("Udgangen af et halvår")
    YEAR_END = "year_end", _("Udgangen af et kalenderår")


class ExitTerms(models.Model):
    """The collaboration's rules for leaving: notice in months, and the point the exit falls on."""

    collaboration = models.OneToOneField("collaborations.Collaboration", on_delete=models.CASCADE,
                                         related_name="exit_terms", verbose_name=_("samarbejde"))
    notice_months = models.PositiveSmallIntegerField(_("opsigelsesvarsel (måneder)"), default=6,
                                                     validators=[MaxValueValidator(60)])
    exit_point = models.CharField(_("udtræden ved"), max_length=16, choices=ExitPoint.choices,
                                  default=ExitPoint.YEAR_END)
    note = models.TextField(_("øvrige vilkår"), blank=True)

    class Meta:
        verbose_name = _("udtrædelsesvilkår")
        verbose_name_plural = _("udtrædelsesvilkår")

    def __str__(self):
        return f"{self.collaboration}: {self.notice_months} mdr. til {self.get_exit_point_display().lower()}"

    def exit_date(self, notice_given: datetime.date) -> datetime.date:
        """The first exit point at least `notice_months` after the notice is given."""
        from digisam.engines.formation.exit import exit_date

        return exit_date(notice_given, self.notice_months, self.exit_point)


class Withdrawal(models.Model):
    """A member's notice to leave and what it led to. The membership itself stays (status left, with
    its dates): nothing about the past is lost."""

    membership = models.OneToOneField("collaborations.Membership", on_delete=models.PROTECT,
                                      related_name="withdrawal", verbose_name=_("medlemskab"))
    notice_given_on = models.DateField(_("opsagt"))
    exit_on = models.DateField(_("udtræden"))
    reason = models.TextField(_("begrundelse"), blank=True)
    consequences = models.JSONField(_("følger"), default=list, blank=True)
    created = models.DateTimeField(_("registreret"), auto_now_add=True)

    class Meta:
        ordering = ["-exit_on"]
        verbose_name = _("udtræden")
        verbose_name_plural = _("udtrædener")
        constraints = [
            models.CheckConstraint(condition=models.Q(exit_on__gte=models.F("notice_given_on")),
                                   name="formation_withdrawal_dates",
                                   violation_error_message=_("Udtrædelsen kan ikke ligge før opsigelsen.")),
        ]

    def __str__(self):
        return f"{self.membership.organisation} træder ud af {self.membership.collaboration} {short_date(self.exit_on)}"


class ParticipationRule(models.TextChoices):
    BINDING = "binding", _("Forpligtende: alle medlemmer deltager")
    OPT_IN = "opt_in", _("Frivilligt: tilvalg pr. projekt, hvor det giver mening")


class CourseChange(models.Model):
    """A decision to change the collaboration's course (seed 003: Silkeborg–Viborg went from a binding
    collaboration with joint directors' meetings to voluntary cooperation "hvor det giver mening"):
    from `effective_from` the form and the default participation rule change, the listed bodies end
    (their seats end the day before; the bodies and their history stay), and running mandatory
    initiatives become voluntary, so each member keeps or leaves them by its own choice. The record
    keeps what it was before, so the history shows both states and what changed between them."""

    collaboration = models.ForeignKey("collaborations.Collaboration", on_delete=models.CASCADE,
                                      related_name="course_changes", verbose_name=_("samarbejde"))
    decided_on = models.DateField(_("besluttet"))
    effective_from = models.DateField(_("gælder fra"))
    previous_form = models.CharField(_("tidligere samarbejdsform"), max_length=32, choices=OrganisationForm.choices)
    new_form = models.CharField(_("ny samarbejdsform"), max_length=32, choices=OrganisationForm.choices)
    previous_participation = models.CharField(_("tidligere deltagelse"), max_length=16, choices=ParticipationRule.choices,
                                              default=ParticipationRule.BINDING)
    new_participation = models.CharField(_("ny deltagelse"), max_length=16, choices=ParticipationRule.choices)
    ended_bodies = models.JSONField(_("organer der ophører"), default=list, blank=True)
    changed_initiatives = models.JSONField(_("initiativer der bliver frivillige"), default=list, blank=True)
    reason = models.TextField(_("begrundelse"))

    class Meta:
        ordering = ["collaboration", "-effective_from"]
        verbose_name = _("kursskifte")
        verbose_name_plural = _("kursskifter")
        constraints = [
            models.CheckConstraint(condition=models.Q(effective_from__gte=models.F("decided_on")),
                                   name="formation_course_change_dates",
                                   violation_error_message=_("Ændringen kan ikke gælde fra før beslutningen.")),
        ]

    def __str__(self):
        return f"{self.collaboration}: kursskifte {short_date(self.effective_from)}"

    def clean(self):
        if self.reason is not None and not self.reason.strip():
            raise ValidationError({"reason": _("Giv en begrundelse for kursskiftet.")})


class Rescoping(models.Model):
    """A no-GO put to a new decision with a rescoped proposal (fewer members, smaller scope, later
    start). It keeps the first decision (the gate's outcome and date) and what changed, so the
    history shows both decisions and the difference between them."""

    formation = models.ForeignKey(Formation, on_delete=models.CASCADE, related_name="rescopings")
    phase = models.PositiveSmallIntegerField(_("fase (nr.)"))
    previous_outcome = models.CharField(_("første udfald"), max_length=20)
    previous_decided_on = models.DateField(_("først besluttet"), null=True, blank=True)
    removed_members = models.JSONField(_("kommuner der ikke længere er med"), default=list, blank=True)
    previous_scope = models.TextField(_("tidligere afgrænsning"), blank=True)
    scope = models.TextField(_("ny afgrænsning"), blank=True)
    previous_start = models.DateField(_("tidligere start"), null=True, blank=True)
    start = models.DateField(_("ny start"), null=True, blank=True)
    reason = models.TextField(_("begrundelse"))
    decided_on = models.DateField(_("lagt op til ny beslutning"))

    class Meta:
        ordering = ["formation", "decided_on", "pk"]
        verbose_name = _("ny beslutning efter no-GO")
        verbose_name_plural = _("nye beslutninger efter no-GO")

    def __str__(self):
        return f"{self.formation}: nyt forslag efter no-GO {short_date(self.decided_on)}"


class EstimateStatus(models.TextChoices):
    QUEUED = "queued", _("I kø")
    RUNNING = "running", _("Kører")
    SUCCEEDED = "succeeded", _("Færdig")
    FAILED = "failed", _("Fejlet")


class JoiningEstimate(models.Model):
    """A prospective member's tender savings (issue 14 item 4): the planner run again on the
    collaboration's published plan's instance with the municipality's own contracts added. It
    stores the instance it solved and, per joint tender the municipality would join, only its own
    figures and the number of other participants — never which members or what they pay."""

    collaboration = models.ForeignKey("collaborations.Collaboration", on_delete=models.CASCADE,
                                      related_name="joining_estimates", verbose_name=_("samarbejde"))
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+",
                                     verbose_name=_("kommune"))
    plan_run = models.ForeignKey("planning.PlanRun", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+", verbose_name=_("offentliggjort plan"))
    job = models.ForeignKey("core.Job", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    status = models.CharField(_("status"), max_length=16, choices=EstimateStatus.choices,
                              default=EstimateStatus.QUEUED)
    time_limit = models.PositiveSmallIntegerField(_("tidsgrænse (sekunder)"), default=30)
    instance = models.JSONField(_("instans"), default=dict)
    groups = models.JSONField(_("skal udbyde sammen"), default=list, blank=True)
    tenders = models.JSONField(_("fællesudbud kommunen kan deltage i"), default=list, blank=True)
    total_saving = models.DecimalField(_("anslået besparelse i alt"), max_digits=16, decimal_places=2,
                                       null=True, blank=True)
    error = models.TextField(_("fejl"), blank=True)
    created = models.DateTimeField(_("oprettet"), auto_now_add=True)
    finished = models.DateTimeField(_("færdig"), null=True, blank=True)

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("anslået udbudsbesparelse")
        verbose_name_plural = _("anslåede udbudsbesparelser")

    def __str__(self):
        return f"{self.organisation} i {self.collaboration}: udbudsscenarie"

    @property
    def done(self):
        return self.status in (EstimateStatus.SUCCEEDED, EstimateStatus.FAILED)


class CourseChoiceKind(models.TextChoices):
    KEEP = "keep", _("Bliver i initiativet")
    LEAVE = "leave", _("Forlader initiativet")


class CourseChoice(models.Model):
    """A member's own choice, after a change of course, for a running initiative: keep it or leave
    it from the change's date (seed 003: "running initiatives keep or lose members by each member's
    choice"). Leaving opts the member out of the initiative; this record keeps what its
    participation was before and from when it ended, so the history shows it took part until then."""

    change = models.ForeignKey(CourseChange, on_delete=models.CASCADE, related_name="choices",
                               verbose_name=_("kursskifte"))
    initiative = models.ForeignKey("initiatives.Initiative", on_delete=models.CASCADE, related_name="+",
                                   verbose_name=_("initiativ"))
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("medlem"))
    choice = models.CharField(_("valg"), max_length=8, choices=CourseChoiceKind.choices)
    previous_choice = models.CharField(_("deltagelse før"), max_length=10, blank=True)
    effective_from = models.DateField(_("gælder fra"))
    reason = models.CharField(_("begrundelse"), max_length=300, blank=True)
    recorded = models.DateTimeField(_("registreret"), auto_now=True)

    class Meta:
        ordering = ["change", "initiative__title", "organisation__name"]
        verbose_name = _("medlems valg ved kursskifte")
        verbose_name_plural = _("medlemmers valg ved kursskifte")
        constraints = [
            models.UniqueConstraint(fields=["change", "initiative", "organisation"], name="formation_course_choice_unique",
                                    violation_error_message=_("Medlemmet har allerede valgt for initiativet.")),
        ]

    def __str__(self):
        return f"{self.organisation}: {self.get_choice_display().lower()} {self.initiative} fra {short_date(self.effective_from)}"


class OwnStrategy(models.Model):
    """The joint strategy lived on until each member had its own (seed 003): the dated note
    "egen strategi fra" per member, recorded against the change of course."""

    change = models.ForeignKey(CourseChange, on_delete=models.CASCADE, related_name="strategies",
                               verbose_name=_("kursskifte"))
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("medlem"))
    own_from = models.DateField(_("egen strategi fra"))
    note = models.CharField(_("bemærkning"), max_length=300, blank=True)

    class Meta:
        ordering = ["change", "own_from", "organisation__name"]
        verbose_name = _("egen strategi")
        verbose_name_plural = _("egne strategier")
        constraints = [
            models.UniqueConstraint(fields=["change", "organisation"], name="formation_own_strategy_unique",
                                    violation_error_message=_("Medlemmet har allerede en dato for egen strategi.")),
        ]

    def __str__(self):
        return f"{self.organisation}: egen strategi fra {short_date(self.own_from)}"

    def clean(self):
        if self.change_id and self.own_from and self.own_from < self.change.effective_from:
            raise ValidationError({"own_from": _("Den fælles strategi gælder til kursskiftet: egen strategi kan "
                                                 "tidligst gælde fra kursskiftets dato.")})
