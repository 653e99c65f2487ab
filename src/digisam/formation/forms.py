from django import forms
from django.utils.translation import gettext_lazy as _

from digisam.collaborations.models import Body, OrganisationForm, Purpose
from digisam.engines.formation import FORMS
from digisam.initiatives.models import Initiative
from digisam.organisations.models import Organisation

from .models import CourseChoiceKind, Decision, EstablishmentRule, ParticipationRule

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_ERRORS = {"invalid": _("Datoen kan ikke læses: skriv den som ÅÅÅÅ-MM-DD eller DD.MM.ÅÅÅÅ.")}

NEEDS = [
    ("specialists", _("Specialister vi ikke kan rekruttere alene (it-arkitekter, sikkerhed, programledelse)")),
    ("buying_power", _("Indkøbsmagt over for leverandørerne")),
    ("scale", _("Stordriftsfordele i drift og support")),
    ("innovation", _("Innovation og forretningsudvikling")),
]
ADVISED_FORMS = [(value, label) for value, label in OrganisationForm.choices if value in FORMS]


class AdvisorForm(forms.Form):
    """The advisor's questions (GET: answering never writes)."""

    needs = forms.MultipleChoiceField(label=_("Hvad har I brug for?"), choices=NEEDS,
                                      widget=forms.CheckboxSelectMultiple, required=False)
    hand_over_competence = forms.BooleanField(label=_("Skal kommunerne overdrage formel kompetence?"), required=False)
    employ_staff = forms.BooleanField(label=_("Skal samarbejdet selv ansætte personale?"), required=False)
    legal_person = forms.BooleanField(label=_("Skal samarbejdet være en juridisk person (indgå egne kontrakter)?"),
                                      required=False)
    members = forms.IntegerField(label=_("Hvor mange kommuner?"), min_value=2, max_value=98, initial=2)
    form = forms.ChoiceField(label=_("Overvejer I en bestemt samarbejdsform?"), required=False,
                             choices=[("", _("Ingen bestemt"))] + ADVISED_FORMS)


class StartForm(AdvisorForm):
    """Start the formation with the chosen combination."""

    name = forms.CharField(label=_("Samarbejdets navn"), max_length=200)
    purpose = forms.ChoiceField(label=_("Valgt formål"), choices=Purpose.choices)
    form = forms.ChoiceField(label=_("Valgt samarbejdsform"), choices=ADVISED_FORMS)
    initiator = forms.ModelChoiceField(label=_("Initiativtager"), queryset=Organisation.objects.none())
    invitees = forms.ModelMultipleChoiceField(
        label=_("Inviterede kommuner"), queryset=Organisation.objects.filter(kind="municipality").order_by("name"))
    rationale = forms.CharField(label=_("Begrundelse for valget"), widget=forms.Textarea(attrs={"rows": 3}),
                                required=False)
    description = forms.CharField(label=_("Vision og mål"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    rule = forms.ChoiceField(label=_("Regel for etablering"), choices=EstablishmentRule.choices)
    minimum_members = forms.IntegerField(label=_("Mindste antal kommuner (ved mindste antal)"), min_value=2,
                                         max_value=98, initial=2)

    def __init__(self, *args, initiators=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["initiator"].queryset = initiators if initiators is not None else Organisation.objects.none()


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Beslutning"), choices=[c for c in Decision.choices if c[0] != "pending"])
    decided_on = forms.DateField(label=_("Besluttet"), widget=DATE, error_messages=DATE_ERRORS)
    body = forms.CharField(label=_("Besluttet af"), max_length=200,
                           help_text=_("Fx kommunalbestyrelsen eller økonomiudvalget."))
    note = forms.CharField(label=_("Bemærkning"), max_length=300, required=False)


class GateForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Udfald"), choices=[("go", _("GO")), ("go_conditions", _("GO med betingelser")),
                                                            ("no_go", _("no-GO"))])
    conditions = forms.CharField(label=_("Betingelser"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class JoinDateForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Kommune"), queryset=Organisation.objects.none())
    join_on = forms.DateField(label=_("Indtræden fra"), widget=DATE, error_messages=DATE_ERRORS)

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations if organisations is not None else \
            Organisation.objects.none()


class NoticeForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Medlem"), queryset=Organisation.objects.none())
    notice_given_on = forms.DateField(label=_("Opsagt den"), widget=DATE, error_messages=DATE_ERRORS)
    reason = forms.CharField(label=_("Begrundelse"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations if organisations is not None else \
            Organisation.objects.none()


class CourseChangeForm(forms.Form):
    decided_on = forms.DateField(label=_("Besluttet"), widget=DATE, error_messages=DATE_ERRORS)
    effective_from = forms.DateField(label=_("Gælder fra"), widget=DATE, error_messages=DATE_ERRORS)
    new_form = forms.ChoiceField(label=_("Ny samarbejdsform"), choices=OrganisationForm.choices)
    new_participation = forms.ChoiceField(label=_("Deltagelse fremover"), choices=ParticipationRule.choices)
    end_bodies = forms.ModelMultipleChoiceField(label=_("Organer der ophører"), required=False,
                                                queryset=Body.objects.none())
    reason = forms.CharField(label=_("Begrundelse"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, collaboration=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["end_bodies"].queryset = Body.objects.filter(collaboration=collaboration)


class CourseChoiceForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Medlem"), queryset=Organisation.objects.none())
    initiative = forms.ModelChoiceField(label=_("Initiativ"), queryset=Initiative.objects.none())
    choice = forms.ChoiceField(label=_("Valg"), choices=CourseChoiceKind.choices)
    reason = forms.CharField(label=_("Begrundelse"), required=False, max_length=300)

    def __init__(self, *args, organisations=None, initiatives=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisations is not None:
            self.fields["organisation"].queryset = organisations
        if initiatives is not None:
            self.fields["initiative"].queryset = initiatives


class OwnStrategyForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Medlem"), queryset=Organisation.objects.none())
    own_from = forms.DateField(label=_("Egen strategi fra"), widget=DATE, error_messages=DATE_ERRORS)
    note = forms.CharField(label=_("Bemærkning"), required=False, max_length=300)

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisations is not None:
            self.fields["organisation"].queryset = organisations


class RescopeForm(forms.Form):
    remove = forms.ModelMultipleChoiceField(label=_("Kommuner der ikke længere er med"), required=False,
                                            queryset=Organisation.objects.none())
    scope = forms.CharField(label=_("Ny afgrænsning"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    start_on = forms.DateField(label=_("Ny start"), required=False, widget=DATE, error_messages=DATE_ERRORS)
    reason = forms.CharField(label=_("Begrundelse"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, formation=None, **kwargs):
        super().__init__(*args, **kwargs)
        if formation is not None:
            self.fields["remove"].queryset = Organisation.objects.filter(
                pk__in=formation.decisions.values("organisation_id")).exclude(pk=formation.initiator_id)
