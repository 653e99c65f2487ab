from django import forms
from django.utils.translation import gettext_lazy as _

from digisam.organisations.models import Organisation

from .models import Body, Collaboration, CollaborationDocument, DecisionRule, Membership, Purpose, Seat

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class TransitionDateForm(forms.Form):
    """The day a membership change takes effect (joining or leaving)."""

    date = forms.DateField(label=_("Dato"), widget=DATE, error_messages={
        "invalid": _("Datoen kan ikke læses: skriv den som ÅÅÅÅ-MM-DD (f.eks. 2026-12-31) eller DD.MM.ÅÅÅÅ.")})


class CollaborationForm(forms.ModelForm):
    purposes = forms.MultipleChoiceField(
        label=_("Formål"), choices=Purpose.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Collaboration
        fields = ["name", "short_name", "slug", "purposes", "organisation_form", "founded", "description",
                  "fee_model", "open_to_newcomers", "published", "subset_label"]
        widgets = {"founded": DATE, "description": forms.Textarea(attrs={"rows": 4}),
                   "fee_model": forms.Textarea(attrs={"rows": 3})}


class MembershipForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["organisation", "role", "status", "applied_on", "joined_on", "left_on", "note"]
        widgets = {"applied_on": DATE, "joined_on": DATE, "left_on": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.order_by("kind", "name")
        if self.instance.pk:
            self.fields["organisation"].disabled = True


class CollaborationPartForm(forms.ModelForm):
    """Limits choices of bodies and organisations to the collaboration the object belongs to."""

    def __init__(self, *args, collaboration=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.collaboration = collaboration
        bodies = Body.objects.filter(collaboration=collaboration)
        for name in ("body", "reports_to", "escalation_body"):
            if name in self.fields:
                self.fields[name].queryset = bodies.exclude(pk=self.instance.pk) if name == "reports_to" else bodies
        member_orgs = Organisation.objects.filter(memberships__collaboration=collaboration).distinct()
        for name in ("member_organisation", "organisation"):
            if name in self.fields:
                self.fields[name].queryset = member_orgs


class BodyForm(CollaborationPartForm):
    rotation_order_text = forms.CharField(
        label=_("Rækkefølge for formandskab"), required=False,
        help_text=_("Kommunekoder adskilt af komma, fx 219, 223, 270."),
    )

    class Meta:
        model = Body
        fields = ["kind", "name", "member_organisation", "reports_to", "meeting_frequency", "chair_rotation",
                  "rotation_start"]
        widgets = {"rotation_start": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rotation_order_text"].initial = ", ".join(self.instance.rotation_order or [])

    def clean_rotation_order_text(self):
        codes = [c.strip() for c in self.cleaned_data["rotation_order_text"].split(",") if c.strip()]
        members = set(
            Membership.objects.filter(collaboration=self.collaboration).values_list("organisation__code", flat=True)
        )
        unknown = [c for c in codes if c not in members]
        if unknown:
            raise forms.ValidationError(_("Ikke medlemmer af samarbejdet: %(codes)s") % {"codes": ", ".join(unknown)})
        return codes

    def save(self, commit=True):
        self.instance.rotation_order = self.cleaned_data.get("rotation_order_text", [])
        return super().save(commit)


class SeatForm(CollaborationPartForm):
    class Meta:
        model = Seat
        fields = ["person", "title", "email", "organisation", "role", "start", "end"]
        widgets = {"start": DATE, "end": DATE}


class DecisionRuleForm(CollaborationPartForm):
    class Meta:
        model = DecisionRule
        fields = ["body", "decision_type", "voting_basis", "majority", "qualified_fraction", "quorum_fraction",
                  "quorum_minimum", "veto", "escalation_body", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class DocumentForm(forms.ModelForm):
    class Meta:
        model = CollaborationDocument
        fields = ["title", "kind", "date", "file", "url"]
        widgets = {"date": DATE}
