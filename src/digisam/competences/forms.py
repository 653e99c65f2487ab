"""Forms of the competence pool."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from digisam.collaborations.models import Body
from digisam.economy.models import Project
from digisam.initiatives.models import Initiative
from digisam.operations.models import CatalogueService
from digisam.organisations.models import Organisation

from .models import (
    Availability,
    Competence,
    DevelopmentAction,
    Specialist,
    SpecialistCompetence,
    StaffingRequest,
)


def _limit(field, queryset):
    field.queryset = queryset


class CompetenceForm(forms.ModelForm):
    class Meta:
        model = Competence
        fields = ["name", "description"]


class SpecialistForm(forms.ModelForm):
    class Meta:
        model = Specialist
        fields = ["organisation", "name", "title", "work_email", "work_phone", "hourly_cost"]
        help_texts = {"work_email": _("Kun arbejdsmail og -telefon: puljen rummer ingen private oplysninger.")}

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        _limit(self.fields["organisation"], Organisation.objects.filter(pk__in=[o.pk for o in organisations]))


class HeldCompetenceForm(forms.ModelForm):
    class Meta:
        model = SpecialistCompetence
        fields = ["competence", "level"]

    def __init__(self, *args, collaboration=None, **kwargs):
        super().__init__(*args, **kwargs)
        _limit(self.fields["competence"], Competence.objects.filter(collaboration=collaboration))


class AvailabilityForm(forms.ModelForm):
    class Meta:
        model = Availability
        fields = ["year", "hours"]


class StaffingRequestForm(forms.ModelForm):
    class Meta:
        model = StaffingRequest
        fields = ["title", "competence", "min_level", "hours", "year", "body", "initiative", "service", "project",
                  "status"]

    def __init__(self, *args, collaboration=None, **kwargs):
        super().__init__(*args, **kwargs)
        _limit(self.fields["competence"], Competence.objects.filter(collaboration=collaboration))
        _limit(self.fields["body"], Body.objects.filter(collaboration=collaboration))
        _limit(self.fields["initiative"], Initiative.objects.filter(collaboration=collaboration))
        _limit(self.fields["service"], CatalogueService.objects.filter(year__collaboration=collaboration))
        _limit(self.fields["project"], Project.objects.filter(year__collaboration=collaboration))


class AllocateForm(forms.Form):
    specialist = forms.ModelChoiceField(label=_("Specialist"), queryset=Specialist.objects.none())
    hours = forms.DecimalField(label=_("Timer"), max_digits=8, decimal_places=2, min_value=0.01)

    def __init__(self, *args, collaboration=None, **kwargs):
        super().__init__(*args, **kwargs)
        _limit(self.fields["specialist"], Specialist.objects.filter(collaboration=collaboration, active=True))


class HoursForm(forms.Form):
    month = forms.RegexField(label=_("Måned"), regex=r"^\d{4}-(0[1-9]|1[0-2])$", help_text=_("ÅÅÅÅ-MM, fx 2026-03."),
                             error_messages={"invalid": _("Skriv måneden som ÅÅÅÅ-MM.")})
    hours = forms.DecimalField(label=_("Timer"), max_digits=8, decimal_places=2, min_value=0.01)


class DevelopmentActionForm(forms.ModelForm):
    class Meta:
        model = DevelopmentAction
        fields = ["competence", "action", "owner", "owner_organisation", "due", "done"]
        widgets = {"due": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, collaboration=None, **kwargs):
        super().__init__(*args, **kwargs)
        _limit(self.fields["competence"], Competence.objects.filter(collaboration=collaboration))
        _limit(self.fields["owner_organisation"],
               Organisation.objects.filter(memberships__collaboration=collaboration).distinct())
