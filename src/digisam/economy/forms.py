"""Forms of the economy app: choices are limited to the year's own objects and the collaboration's
members (for a member's own figures: the organisations the user registers for)."""

from django import forms

from digisam.organisations.models import Organisation

from .models import (
    Charge,
    CustomKey,
    EconomyYear,
    FteFigure,
    HoursEntry,
    Order,
    Project,
    Service,
    SharedSpecialist,
    TurnLedgerEntry,
)
from .policies import writable_member_organisations

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class EconomyYearForm(forms.ModelForm):
    class Meta:
        model = EconomyYear
        fields = ["year", "proration", "settlement", "population_date", "note"]
        widgets = {"population_date": DATE, "note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, year=None, user=None, collaboration=None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["year"].disabled = True


class YearPartForm(forms.ModelForm):
    """Limits organisations to the collaboration's members and keys/projects/services to the year."""

    own_figures = False

    def __init__(self, *args, year=None, user=None, collaboration=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.year = year
        members = Organisation.objects.filter(memberships__collaboration=collaboration).distinct().order_by("code", "name")
        for name in ("members", "host", "beneficiaries"):
            if name in self.fields:
                self.fields[name].queryset = members
        if "organisation" in self.fields:
            allowed = writable_member_organisations(user, collaboration)
            self.fields["organisation"].queryset = members.filter(pk__in=[o.pk for o in allowed])
            if len(allowed) == 1 and not self.instance.pk:
                self.initial["organisation"] = allowed[0].pk
        if "custom_key" in self.fields:
            self.fields["custom_key"].queryset = CustomKey.objects.filter(year=year)
        if "project" in self.fields:
            self.fields["project"].queryset = Project.objects.filter(year=year)
        if "service" in self.fields:
            self.fields["service"].queryset = Service.objects.filter(year=year)


class ChargeForm(YearPartForm):
    class Meta:
        model = Charge
        fields = ["name", "kind", "total", "rate", "amount", "key", "custom_key", "members"]
        widgets = {"members": forms.CheckboxSelectMultiple}


class CustomKeyForm(YearPartForm):
    class Meta:
        model = CustomKey
        fields = ["name", "weights"]


class SpecialistForm(YearPartForm):
    class Meta:
        model = SharedSpecialist
        fields = ["title", "host", "total", "key", "custom_key", "members"]
        widgets = {"members": forms.CheckboxSelectMultiple}


class ServiceForm(YearPartForm):
    class Meta:
        model = Service
        fields = ["name", "unit", "unit_price"]


class OrderForm(YearPartForm):
    class Meta:
        model = Order
        fields = ["service", "organisation", "quantity"]


class ProjectForm(YearPartForm):
    class Meta:
        model = Project
        fields = ["name", "hourly_rate", "rate_decision_reference", "key", "custom_key"]


class FteForm(YearPartForm):
    class Meta:
        model = FteFigure
        fields = ["organisation", "fte"]


class HoursForm(YearPartForm):
    class Meta:
        model = HoursEntry
        fields = ["project", "organisation", "month", "agreed_hours", "actual_hours"]


class LedgerEntryForm(YearPartForm):
    class Meta:
        model = TurnLedgerEntry
        fields = ["organisation", "description", "estimated_value", "date", "beneficiaries"]
        widgets = {"date": DATE, "beneficiaries": forms.CheckboxSelectMultiple}
