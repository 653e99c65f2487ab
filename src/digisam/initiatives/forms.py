from django import forms
from django.utils.translation import gettext_lazy as _

from digisam.collaborations.models import Body, BodyKind, DecisionType, MembershipRole, MembershipStatus
from digisam.core import numbers
from digisam.organisations.models import Organisation

from .models import (
    PHASE_TEMPLATES,
    ActionItem,
    BallotChoice,
    Benefit,
    BenefitExpectation,
    BenefitRealisation,
    BudgetLine,
    BusinessCase,
    BusinessCaseLine,
    ForumPosition,
    Gate,
    Initiative,
    MapElement,
    MapLevel,
    Meeting,
    Participation,
    ParticipationChoice,
    PhaseModel,
    Proposal,
    ProposalDocument,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def member_organisations(collaboration):
    return Organisation.objects.filter(
        memberships__collaboration=collaboration, memberships__role=MembershipRole.MEMBER,
        memberships__status__in=[MembershipStatus.ACTIVE, MembershipStatus.APPROVED],
    ).distinct().order_by("name")


class TextListField(forms.CharField):
    """A list of texts edited as one line, separated by semicolons."""

    def prepare_value(self, value):
        if isinstance(value, list):
            return "; ".join(value)
        return value

    def to_python(self, value):
        if isinstance(value, list):
            return value
        return [v.strip() for v in (value or "").split(";") if v.strip()]


class PhaseModelForm(forms.ModelForm):
    template = forms.ChoiceField(label=_("Skabelon"), required=False,
                                 choices=[("", _("Ingen – skriv faserne"))] + [(k, v[0]) for k, v in PHASE_TEMPLATES.items()])
    phases = TextListField(label=_("Faser"), required=False, help_text=_("Adskil faserne med semikolon."))

    class Meta:
        model = PhaseModel
        fields = ["name", "phases"]

    def __init__(self, *args, collaboration=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].required = False

    def clean(self):
        data = super().clean()
        key = data.get("template")
        if key:
            name, phases = PHASE_TEMPLATES[key]
            data["phases"] = list(phases)
            data["name"] = data.get("name") or str(name)
            self.instance.phases = list(phases)
            self.instance.name = data["name"]
        if not data.get("name"):
            self.add_error("name", _("Angiv et navn."))
        return data


class InitiativeForm(forms.ModelForm):
    system_categories = TextListField(label=_("Systemkategorier"), required=False,
                                      help_text=_("Adskil med semikolon."))
    tenders = TextListField(label=_("Udbud i udbudsplanen"), required=False, help_text=_("Adskil med semikolon."))

    class Meta:
        model = Initiative
        fields = ["title", "kind", "owner_organisation", "owner_person", "purpose", "scope", "phase_model",
                  "current_phase", "status", "lifecycle", "start", "end", "system_categories", "tenders", "published"]
        widgets = {"purpose": forms.Textarea(attrs={"rows": 3}), "scope": forms.Textarea(attrs={"rows": 3}),
                   "start": DATE, "end": DATE}

    def __init__(self, *args, collaboration=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_organisation"].queryset = member_organisations(collaboration)
        self.fields["phase_model"].queryset = PhaseModel.objects.filter(collaboration=collaboration)
        if not self.instance.pk:
            models = list(self.fields["phase_model"].queryset)
            state = list(PHASE_TEMPLATES["state"][1])
            default = next((m for m in models if m.phases == state), models[0] if models else None)
            if default:
                self.initial["phase_model"] = default.pk
        self._phase_choices()

    def _phase_choices(self):
        """'Aktuel fase' as a select of the phase names (stored as before: the phase's number from 0),
        from the phase model posted, else the initiative's, else the one preselected."""
        models = {m.pk: m for m in self.fields["phase_model"].queryset}
        chosen = None
        if self.is_bound:
            value = self.data.get(self.add_prefix("phase_model"), "")
            chosen = models.get(int(value)) if str(value).isdigit() else None
        if chosen is None and self.instance.phase_model_id:
            chosen = models.get(self.instance.phase_model_id) or self.instance.phase_model
        if chosen is None and self.initial.get("phase_model"):
            chosen = models.get(self.initial["phase_model"])
        phases = list(chosen.phases) if chosen else []
        old = self.fields["current_phase"]
        self.fields["current_phase"] = forms.TypedChoiceField(
            label=_("Aktuel fase"), coerce=int, required=True, initial=old.initial,
            choices=[(i, f"{i + 1}. {name}") for i, name in enumerate(phases)] or [(0, "–")],
            help_text=_("Fasen i den valgte fasemodel. Skifter du fasemodel, så gem først, og vælg derefter "
                        "fasen igen."),
        )


class OrganisationScopedForm(forms.ModelForm):
    """Limits member choices to the collaboration's members."""

    def __init__(self, *args, collaboration=None, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("organisation", "owner_organisation"):
            if name in self.fields:
                self.fields[name].queryset = member_organisations(collaboration)


class BudgetLineForm(OrganisationScopedForm):
    class Meta:
        model = BudgetLine
        fields = ["organisation", "year", "amount", "hours", "note"]


class BenefitForm(OrganisationScopedForm):
    class Meta:
        model = Benefit
        fields = ["kind", "is_disbenefit", "description", "primary_recipient", "owner", "measure", "unit",
                  "baseline", "realisation_time"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class BenefitExpectationForm(OrganisationScopedForm):
    class Meta:
        model = BenefitExpectation
        fields = ["organisation", "expected_value", "expected_by"]
        widgets = {"expected_by": DATE}


class BenefitRealisationForm(OrganisationScopedForm):
    class Meta:
        model = BenefitRealisation
        fields = ["organisation", "date", "value", "note"]
        widgets = {"date": DATE}


class MapElementForm(forms.ModelForm):
    class Meta:
        model = MapElement
        fields = ["level", "label", "enables", "benefits"]
        widgets = {"enables": forms.CheckboxSelectMultiple, "benefits": forms.CheckboxSelectMultiple}

    def __init__(self, *args, collaboration=None, initiative=None, **kwargs):
        super().__init__(*args, **kwargs)
        initiative = initiative or self.instance.initiative
        self.fields["enables"].queryset = MapElement.objects.filter(initiative=initiative, level=MapLevel.CAPABILITY)
        self.fields["benefits"].queryset = Benefit.objects.filter(initiative=initiative)
        self.fields["enables"].help_text = _("For leverancer: hvilke kapabiliteter de muliggør.")
        self.fields["benefits"].help_text = _("For kapabiliteter: hvilke gevinster de giver.")


class BusinessCaseForm(OrganisationScopedForm):
    class Meta:
        model = BusinessCase
        fields = ["start_year", "horizon", "discount_rate", "scenario_0", "scenario_1"]
        widgets = {"scenario_0": forms.Textarea(attrs={"rows": 2}), "scenario_1": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The model allows up to 50 %; above 10 % it is far more likely "3,5" typed as 35.
        numbers.soft_limit(self, "discount_rate", above=10, message=_(
            "En diskonteringsrente på %(value)s %% er usædvanligt høj (Finansministeriets rente er 3,5 %%). "
            "Ret tallet, eller sæt kryds nedenfor, hvis det er rigtigt."))

    def clean(self):
        cleaned = super().clean()
        numbers.check_soft_limits(self)
        return cleaned


class BusinessCaseLineForm(OrganisationScopedForm):
    class Meta:
        model = BusinessCaseLine
        fields = ["organisation", "scenario", "kind", "year", "low", "likely", "high", "description"]


class ParticipationForm(forms.ModelForm):
    # a select, not radio buttons: core's DKFDS widget styling hides radio inputs behind their labels
    choice = forms.ChoiceField(label=_("Valg"), choices=ParticipationChoice.choices)

    class Meta:
        model = Participation
        fields = ["choice", "reason", "decided_on"]
        widgets = {"reason": forms.Textarea(attrs={"rows": 2}), "decided_on": DATE}

    def __init__(self, *args, collaboration=None, **kwargs):
        super().__init__(*args, **kwargs)


class GateForm(forms.ModelForm):
    phase = forms.TypedChoiceField(label=_("Fase"), coerce=int)

    class Meta:
        model = Gate
        fields = ["phase", "due"]
        widgets = {"due": DATE}

    def __init__(self, *args, collaboration=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phase"].choices = [(i, name) for i, name in enumerate(self.instance.initiative.phases)]


class GateProposalForm(forms.Form):
    body = forms.ModelChoiceField(label=_("Organ"), queryset=Body.objects.none())
    deadline = forms.DateTimeField(label=_("Frist for afstemning"), required=False, widget=DATETIME)
    conditions = forms.CharField(label=_("Betingelser ved GO"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
                                 help_text=_("Udfyld for GO med betingelser."))

    def __init__(self, *args, collaboration=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = Body.objects.filter(collaboration=collaboration).exclude(
            kind=BodyKind.STRATEGIC_FORUM)


class ProposalForm(forms.ModelForm):
    decision_type = forms.ChoiceField(label=_("Beslutningstype"), choices=DecisionType.choices)

    class Meta:
        model = Proposal
        fields = ["body", "decision_type", "title", "text", "initiative", "meeting", "deadline", "conditions",
                  "case_statement"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4}), "deadline": DATETIME,
                   "case_statement": forms.Textarea(attrs={"rows": 6}), "conditions": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, collaboration=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = Body.objects.filter(collaboration=collaboration)
        self.fields["initiative"].queryset = Initiative.objects.filter(collaboration=collaboration)
        self.fields["meeting"].queryset = Meeting.objects.filter(body__collaboration=collaboration)
        self.fields["deadline"].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d"]
        if self.instance.pk and self.instance.status != "draft":
            for name in ("body", "decision_type", "deadline"):
                self.fields[name].disabled = True


class ProposalDocumentForm(OrganisationScopedForm):
    class Meta:
        model = ProposalDocument
        fields = ["title", "file", "url"]


class ForumPositionForm(forms.ModelForm):
    class Meta:
        model = ForumPosition
        fields = ["forum", "approve", "timing", "financing", "staffing", "decided_on"]
        widgets = {"decided_on": DATE}

    def __init__(self, *args, collaboration=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["forum"].queryset = Body.objects.filter(collaboration=collaboration,
                                                            kind=BodyKind.STRATEGIC_FORUM)


class BallotForm(forms.Form):
    choice = forms.ChoiceField(label=_("Stemme"), choices=BallotChoice.choices)
    veto = forms.BooleanField(label=_("Nedlæg veto"), required=False)
    comment = forms.CharField(label=_("Bemærkning"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, allow_veto=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not allow_veto:
            del self.fields["veto"]


class MeetingForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["body", "title", "date", "location", "agenda", "attendees", "attendance_note", "minutes",
                  "minutes_approved"]
        widgets = {"date": DATETIME, "agenda": forms.Textarea(attrs={"rows": 4}),
                   "minutes": forms.Textarea(attrs={"rows": 6}), "attendees": forms.CheckboxSelectMultiple,
                   "attendance_note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, collaboration=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = Body.objects.filter(collaboration=collaboration)
        self.fields["attendees"].queryset = member_organisations(collaboration)
        self.fields["date"].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]


class ActionItemForm(OrganisationScopedForm):
    class Meta:
        model = ActionItem
        fields = ["description", "owner", "owner_organisation", "deadline", "done"]
        widgets = {"deadline": DATE}


