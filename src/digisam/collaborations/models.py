"""Collaborations: their members over time, bodies with seats, and the rules decisions follow."""

import datetime
from fractions import Fraction

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from digisam.core.models import Archivable


class Purpose(models.TextChoices):
    IMPLEMENTATION = "implementation", _("Implementering")
    PROCUREMENT = "procurement", _("Indkøb")
    OPERATIONS_SUPPORT = "operations_support", _("Drift og support")
    BUSINESS_DEVELOPMENT = "business_development", _("Forretningsdrevet udvikling")


class OrganisationForm(models.TextChoices):
    SECTION60_COMPANY = "section60_company", _("§60-selskab (interessentskab)")
    ASSOCIATION = "association", _("Forening")
    WRITTEN_AGREEMENT = "written_agreement", _("Skriftlig aftale")
    ORAL_AGREEMENT = "oral_agreement", _("Mundtlig aftale")
    OPI_AGREEMENT = "opi_agreement", _("OPI-aftale")


def validate_purposes(value):
    allowed = set(Purpose.values)
    if not isinstance(value, list) or not value:
        raise ValidationError(_("Vælg mindst ét formål."))
    unknown = [v for v in value if v not in allowed]
    if unknown:
        raise ValidationError(_("Ukendt formål: %(v)s"), params={"v": ", ".join(map(str, unknown))})


class Collaboration(Archivable):
    """An IT and digitalisation collaboration between organisations (2 to 55 members)."""

    name = models.CharField(_("navn"), max_length=200, unique=True)
    short_name = models.CharField(_("kort navn"), max_length=60, blank=True)
    slug = models.SlugField(_("kortnavn i adresser"), max_length=80, unique=True)
    purposes = models.JSONField(_("formål"), default=list, validators=[validate_purposes])
    organisation_form = models.CharField(_("samarbejdsform"), max_length=32, choices=OrganisationForm.choices)
    founded = models.DateField(_("stiftet"), null=True, blank=True)
    description = models.TextField(_("beskrivelse"), blank=True)
    fee_model = models.TextField(_("finansiering"), blank=True)
    open_to_newcomers = models.BooleanField(_("åben for nye medlemmer"), default=True)
    published = models.BooleanField(
        _("offentliggjort"), default=True, help_text=_("Observatører kan se offentliggjorte samarbejder.")
    )
    subset_label = models.CharField(
        _("bemærkning om medlemslisten"), max_length=300, blank=True,
        help_text=_("Fx at demo-data kun viser et udsnit af medlemmerne."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("samarbejde")
        verbose_name_plural = _("samarbejder")

    def __str__(self):
        return self.short_name or self.name

    def get_absolute_url(self):
        return reverse("collaborations:detail", args=[self.slug])

    def get_purposes_display(self):
        labels = dict(Purpose.choices)
        return ", ".join(str(labels.get(p, p)) for p in self.purposes)

    def active_memberships(self, on: datetime.date | None = None):
        on = on or datetime.date.today()
        return (
            self.memberships.filter(status=MembershipStatus.ACTIVE, joined_on__lte=on)
            .filter(Q(left_on__isnull=True) | Q(left_on__gte=on))
            .select_related("organisation")
        )


class CollaborationDocument(models.Model):
    """Statutes, agreements and other founding documents."""

    class Kind(models.TextChoices):
        STATUTES = "statutes", _("Vedtægter")
        AGREEMENT = "agreement", _("Aftale")
        DECISION = "decision", _("Beslutningsoplæg")
        MINUTES = "minutes", _("Referat")
        OTHER = "other", _("Andet")

    collaboration = models.ForeignKey(Collaboration, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("titel"), max_length=200)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    date = models.DateField(_("dato"), null=True, blank=True)
    file = models.FileField(_("fil"), upload_to="documents/%Y/", blank=True)
    url = models.URLField(_("link"), blank=True)

    class Meta:
        ordering = ["collaboration", "-date", "title"]
        verbose_name = _("dokument")
        verbose_name_plural = _("dokumenter")

    def __str__(self):
        return self.title


class MembershipRole(models.TextChoices):
    MEMBER = "member", _("Medlem")
    OBSERVER = "observer", _("Observatør")
    PARTNER = "partner", _("Partner")
    VENDOR_PARTNER = "vendor_partner", _("Leverandørpartner")


#: The membership roles whose organisations read the municipalities' prices and contract economy
#: (planning instances, the economy, shared portfolios). One rule for every app: vendor partners —
#: and partners and observing organisations — never do. Used by `core.permissions.Access`.
PRICE_READING_ROLES = (MembershipRole.MEMBER,)


class MembershipStatus(models.TextChoices):
    APPLICANT = "applicant", _("Ansøger")
    APPROVED = "approved", _("Godkendt")
    ACTIVE = "active", _("Aktiv")
    LEFT = "left", _("Udtrådt")


#: allowed status changes; anything else is refused with a message
MEMBERSHIP_TRANSITIONS = {
    MembershipStatus.APPLICANT: {MembershipStatus.APPLICANT, MembershipStatus.APPROVED, MembershipStatus.LEFT},
    MembershipStatus.APPROVED: {MembershipStatus.APPROVED, MembershipStatus.ACTIVE, MembershipStatus.LEFT},
    MembershipStatus.ACTIVE: {MembershipStatus.ACTIVE, MembershipStatus.LEFT},
    MembershipStatus.LEFT: {MembershipStatus.LEFT},
}


class Membership(models.Model):
    """An organisation's participation in a collaboration over time: applicant → approved →
    active → left."""

    collaboration = models.ForeignKey(Collaboration, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="memberships",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("rolle"), max_length=20, choices=MembershipRole.choices, default=MembershipRole.MEMBER)
    status = models.CharField(
        _("status"), max_length=20, choices=MembershipStatus.choices, default=MembershipStatus.APPLICANT
    )
    applied_on = models.DateField(_("ansøgt"), null=True, blank=True)
    joined_on = models.DateField(_("indtrådt"), null=True, blank=True)
    left_on = models.DateField(_("udtrådt"), null=True, blank=True)
    note = models.CharField(_("bemærkning"), max_length=300, blank=True)

    class Meta:
        ordering = ["collaboration", "organisation__name"]
        verbose_name = _("medlemskab")
        verbose_name_plural = _("medlemskaber")
        constraints = [
            models.UniqueConstraint(
                fields=["collaboration", "organisation"],
                name="collaborations_membership_unique",
                violation_error_message=_("Organisationen har allerede et medlemskab i samarbejdet."),
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(joined_on__isnull=True) | Q(left_on__gte=models.F("joined_on")),
                name="collaborations_membership_dates",
                violation_error_message=_("Udtrædelsesdatoen må ikke ligge før indtrædelsesdatoen."),
            ),
        ]

    def __str__(self):
        return f"{self.organisation} i {self.collaboration}"

    def clean(self):
        errors = {}
        if self.status in (MembershipStatus.ACTIVE, MembershipStatus.LEFT) and not self.joined_on:
            errors["joined_on"] = _("Et aktivt medlemskab skal have en indtrædelsesdato.")
        if self.status == MembershipStatus.LEFT and not self.left_on:
            errors["left_on"] = _("Angiv hvornår organisationen trådte ud.")
        if self.status != MembershipStatus.LEFT and self.left_on and self.left_on < datetime.date.today():
            errors["status"] = _("Et medlemskab med udtrædelsesdato i fortiden skal have status 'Udtrådt'.")
        if self.pk:
            stored = Membership.objects.filter(pk=self.pk).values_list("status", flat=True).first()
            if stored and self.status not in MEMBERSHIP_TRANSITIONS[MembershipStatus(stored)]:
                errors["status"] = _("Status kan ikke skifte fra %(old)s til %(new)s.") % {
                    "old": MembershipStatus(stored).label,
                    "new": MembershipStatus(self.status).label,
                }
        if errors:
            raise ValidationError(errors)


class BodyKind(models.TextChoices):
    GENERAL_ASSEMBLY = "general_assembly", _("Generalforsamling")
    REPRESENTATIVES_COUNCIL = "representatives_council", _("Repræsentantskab")
    BOARD = "board", _("Bestyrelse")
    DIRECTORS_CIRCLE = "directors_circle", _("Kommunaldirektørkreds")
    STEERING_GROUP = "steering_group", _("Styregruppe")
    SECRETARIAT = "secretariat", _("Sekretariat / fælles digitaliseringsenhed")
    WORKING_GROUP = "working_group", _("Arbejdsgruppe")
    STRATEGIC_FORUM = "strategic_forum", _("Strategisk digitaliseringsforum")


#: the kinds of body that take the collaboration's decisions; a secretariat prepares them, a working
#: group does the work, a member's own forum decides for that member only
DECIDING_BODY_KINDS = frozenset({BodyKind.GENERAL_ASSEMBLY, BodyKind.REPRESENTATIVES_COUNCIL, BodyKind.BOARD,
                                 BodyKind.DIRECTORS_CIRCLE, BodyKind.STEERING_GROUP})


class ChairRotation(models.TextChoices):
    NONE = "none", _("Ingen rotation")
    YEARLY = "yearly", _("Skifter hvert år")
    HALF_YEARLY = "half_yearly", _("Skifter hvert halve år")


class Body(Archivable):
    """A body of the collaboration (general assembly, board, steering group, …) or a member's own
    strategic forum, which takes that member's decisions."""

    collaboration = models.ForeignKey(Collaboration, on_delete=models.CASCADE, related_name="bodies")
    kind = models.CharField(_("type"), max_length=32, choices=BodyKind.choices)
    name = models.CharField(_("navn"), max_length=200)
    member_organisation = models.ForeignKey(
        "organisations.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("medlemmets forum"), help_text=_("Kun for et medlems strategiske forum."),
    )
    reports_to = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="subordinates",
        verbose_name=_("refererer til"),
    )
    meeting_frequency = models.CharField(_("mødefrekvens"), max_length=100, blank=True)
    chair_rotation = models.CharField(
        _("formandskab"), max_length=20, choices=ChairRotation.choices, default=ChairRotation.NONE
    )
    rotation_start = models.DateField(_("rotation fra"), null=True, blank=True)
    rotation_order = models.JSONField(
        _("rækkefølge for formandskab"), default=list, blank=True,
        help_text=_("Kommunekoder i den rækkefølge formandskabet går på skift."),
    )

    class Meta:
        ordering = ["collaboration", "kind", "name"]
        verbose_name = _("organ")
        verbose_name_plural = _("organer")

    def __str__(self):
        return self.name

    def clean(self):
        errors = {}
        if self.kind == BodyKind.STRATEGIC_FORUM and not self.member_organisation_id:
            errors["member_organisation"] = _("Et strategisk forum tilhører et medlem: vælg hvilket.")
        if self.kind != BodyKind.STRATEGIC_FORUM and self.member_organisation_id:
            errors["member_organisation"] = _("Kun et strategisk forum tilhører et enkelt medlem.")
        if self.chair_rotation != ChairRotation.NONE:
            if not self.rotation_start:
                errors["rotation_start"] = _("Angiv hvornår rotationen begyndte.")
            if not self.rotation_order:
                errors["rotation_order"] = _("Angiv rækkefølgen for formandskabet.")
        if self.reports_to_id and self.collaboration_id and self.reports_to.collaboration_id != self.collaboration_id:
            errors["reports_to"] = _("Organet skal høre til samme samarbejde.")
        if errors:
            raise ValidationError(errors)

    def _rotation_index(self, on: datetime.date) -> int | None:
        if self.chair_rotation == ChairRotation.NONE or not self.rotation_order or not self.rotation_start:
            return None
        months = (on.year - self.rotation_start.year) * 12 + (on.month - self.rotation_start.month)
        if on.day < self.rotation_start.day:
            months -= 1
        period = 12 if self.chair_rotation == ChairRotation.YEARLY else 6
        return max(0, months) // period

    def chair_organisation_code(self, on: datetime.date | None = None, offset: int = 0):
        """Code of the member holding the rotating chair on `on` (offset 1: the next one)."""
        index = self._rotation_index(on or datetime.date.today())
        if index is None:
            return None
        return self.rotation_order[(index + offset) % len(self.rotation_order)]

    def next_rotation_date(self, on: datetime.date | None = None):
        on = on or datetime.date.today()
        index = self._rotation_index(on)
        if index is None:
            return None
        period = 12 if self.chair_rotation == ChairRotation.YEARLY else 6
        months = (index + 1) * period
        year = self.rotation_start.year + (self.rotation_start.month - 1 + months) // 12
        month = (self.rotation_start.month - 1 + months) % 12 + 1
        return datetime.date(year, month, min(self.rotation_start.day, 28))


class SeatRole(models.TextChoices):
    CHAIR = "chair", _("Formand")
    VICE_CHAIR = "vice_chair", _("Næstformand")
    MEMBER = "member", _("Medlem")
    SECRETARY = "secretary", _("Sekretær")


class Seat(models.Model):
    """A named person's seat in a body for a period, on behalf of an organisation."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="seats", verbose_name=_("organ"))
    person = models.CharField(_("navn"), max_length=200)
    title = models.CharField(_("stilling"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    organisation = models.ForeignKey(
        "organisations.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="seats",
        verbose_name=_("for organisation"),
    )
    role = models.CharField(_("rolle"), max_length=20, choices=SeatRole.choices, default=SeatRole.MEMBER)
    start = models.DateField(_("fra"), null=True, blank=True)
    end = models.DateField(_("til"), null=True, blank=True)

    class Meta:
        ordering = ["body", "role", "person"]
        verbose_name = _("plads")
        verbose_name_plural = _("pladser")
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(start__isnull=True) | Q(end__gte=models.F("start")),
                name="collaborations_seat_dates",
                violation_error_message=_("Slutdatoen må ikke ligge før startdatoen."),
            )
        ]

    def __str__(self):
        return f"{self.person} ({self.get_role_display()}, {self.body})"


class DecisionType(models.TextChoices):
    GENERAL = "general", _("Almindelige beslutninger")
    MANDATORY_PROJECT = "mandatory_project", _("Obligatoriske projekter")
    VOLUNTARY_PROJECT = "voluntary_project", _("Frivillige projekter")
    BUDGET = "budget", _("Budget og kontingent")
    STATUTES = "statutes", _("Vedtægtsændringer")
    MEMBERSHIP = "membership", _("Optagelse af medlemmer")
    GATE = "gate", _("GO/no-GO-beslutninger")


class VotingBasis(models.TextChoices):
    PER_MEMBER = "per_member", _("Én stemme pr. medlem")
    POPULATION = "population", _("Vægtet efter indbyggertal")


class Majority(models.TextChoices):
    SIMPLE = "simple", _("Simpelt flertal")
    QUALIFIED = "qualified", _("Kvalificeret flertal")
    UNANIMITY = "unanimity", _("Enstemmighed")


def fraction_validator(value):
    if value in (None, ""):
        return
    try:
        f = Fraction(str(value).strip().replace(",", "."))
    except (ValueError, ZeroDivisionError):
        raise ValidationError(_("Skriv en brøk som 2/3 eller et decimaltal som 0,5.")) from None
    if not (0 < f <= 1):
        raise ValidationError(_("Brøken skal ligge over 0 og højst være 1."))


class DecisionRule(models.Model):
    """How a body decides a kind of matter: quorum, majority, voting basis, veto and where the
    matter goes if the members' fora disagree."""

    collaboration = models.ForeignKey(Collaboration, on_delete=models.CASCADE, related_name="decision_rules")
    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="decision_rules", verbose_name=_("organ"))
    decision_type = models.CharField(_("beslutningstype"), max_length=32, choices=DecisionType.choices)
    voting_basis = models.CharField(
        _("stemmegrundlag"), max_length=20, choices=VotingBasis.choices, default=VotingBasis.PER_MEMBER
    )
    majority = models.CharField(_("flertal"), max_length=20, choices=Majority.choices, default=Majority.SIMPLE)
    qualified_fraction = models.CharField(
        _("kvalificeret flertal (brøk)"), max_length=10, blank=True, validators=[fraction_validator],
        help_text=_("Fx 2/3. Kun ved kvalificeret flertal."),
    )
    quorum_fraction = models.CharField(
        _("beslutningsdygtighed (brøk)"), max_length=10, blank=True, validators=[fraction_validator],
        help_text=_("Andel af medlemmerne der skal være repræsenteret, fx 1/2."),
    )
    quorum_minimum = models.PositiveSmallIntegerField(
        _("mindst antal fremmødte"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    veto = models.BooleanField(_("vetoret"), default=False, help_text=_("Hvert medlem kan nedlægge veto."))
    escalation_body = models.ForeignKey(
        Body, null=True, blank=True, on_delete=models.SET_NULL, related_name="escalations_received",
        verbose_name=_("eskaleres til"),
    )
    description = models.TextField(_("beskrivelse"), blank=True)

    class Meta:
        ordering = ["collaboration", "body", "decision_type"]
        verbose_name = _("beslutningsregel")
        verbose_name_plural = _("beslutningsregler")
        constraints = [
            models.UniqueConstraint(
                fields=["body", "decision_type"],
                name="collaborations_rule_unique_per_body_type",
                violation_error_message=_("Organet har allerede en regel for denne beslutningstype."),
            )
        ]

    def __str__(self):
        return f"{self.body}: {self.get_decision_type_display()}"

    def clean(self):
        # Danish users write decimal commas (0,5): store the fraction with a point.
        self.qualified_fraction = (self.qualified_fraction or "").strip().replace(",", ".")
        self.quorum_fraction = (self.quorum_fraction or "").strip().replace(",", ".")
        errors = {}
        if self.majority == Majority.QUALIFIED and not self.qualified_fraction:
            errors["qualified_fraction"] = _("Angiv brøken for kvalificeret flertal, fx 2/3.")
        if self.majority != Majority.QUALIFIED and self.qualified_fraction:
            errors["qualified_fraction"] = _("Brøken bruges kun ved kvalificeret flertal.")
        if self.body_id and self.collaboration_id and self.body.collaboration_id != self.collaboration_id:
            errors["body"] = _("Organet skal høre til samme samarbejde.")
        if self.escalation_body_id and self.collaboration_id and (
            self.escalation_body.collaboration_id != self.collaboration_id
        ):
            errors["escalation_body"] = _("Organet skal høre til samme samarbejde.")
        if self.escalation_body_id and self.escalation_body_id == self.body_id:
            errors["escalation_body"] = _("En sag kan ikke eskaleres til samme organ.")
        if errors:
            raise ValidationError(errors)

    def summary(self):
        parts = [str(self.get_majority_display())]
        if self.majority == Majority.QUALIFIED:
            parts[0] += f" ({self.qualified_fraction})"
        parts.append(str(self.get_voting_basis_display()))
        if self.quorum_fraction or self.quorum_minimum:
            q = []
            if self.quorum_fraction:
                q.append(f"{self.quorum_fraction}")
            if self.quorum_minimum:
                q.append(f"min. {self.quorum_minimum}")
            parts.append(str(_("beslutningsdygtig ved")) + " " + ", ".join(q))
        if self.veto:
            parts.append(str(_("vetoret")))
        if self.escalation_body_id:
            parts.append(str(_("eskaleres til")) + f" {self.escalation_body}")
        return "; ".join(parts)
