"""Forms of the operations app. The catalogue form carries the price fields that the service layer
writes to the economy object (one source of truth)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from digisam.organisations.models import Organisation

from .choices import BasicKey, Priority, ServiceKind, SupportChannel
from .models import CatalogueService, ServiceLevel, SupportArrangement, SupportUsage

MONEY_FIELD = {"max_digits": 14, "decimal_places": 2, "min_value": 0, "required": False}


class CatalogueServiceForm(forms.ModelForm):
    key = forms.ChoiceField(label=_("Betaling (basisydelse)"), choices=BasicKey.choices, required=False)
    rate = forms.DecimalField(label=_("Sats pr. årsværk (kr.)"), **MONEY_FIELD)
    total = forms.DecimalField(label=_("Beløb i alt til deling (kr.)"), **MONEY_FIELD)
    unit = forms.CharField(label=_("Enhed (tilkøb)"), max_length=40, required=False, initial="stk.")
    unit_price = forms.DecimalField(label=_("Enhedspris (tilkøb, kr.)"), **MONEY_FIELD)

    class Meta:
        model = CatalogueService
        fields = ["name", "kind", "description"]

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == ServiceKind.BASIC:
            key = data.get("key") or BasicKey.FTE
            data["key"] = key
            if key == BasicKey.FTE and data.get("rate") is None:
                self.add_error("rate", _("Angiv satsen pr. årsværk."))
            if key != BasicKey.FTE and data.get("total") is None:
                self.add_error("total", _("Angiv beløbet, der skal deles."))
        elif kind == ServiceKind.ADDON and data.get("unit_price") is None:
            self.add_error("unit_price", _("Angiv enhedsprisen for tilkøbet."))
        return data


class ServiceLevelForm(forms.ModelForm):
    """A service level with its targets per priority (response/resolution minutes, credit)."""

    channels = forms.MultipleChoiceField(label=_("Supportkanaler"), choices=SupportChannel.choices,
                                         required=False, widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = ServiceLevel
        fields = ["organisation", "opening_hours", "availability_target", "channels", "credit_cap"]

    def __init__(self, *args, organisations=None, priority_values=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisations is None:
            self.fields.pop("organisation")
        else:
            self.fields["organisation"].queryset = Organisation.objects.filter(pk__in=[o.pk for o in organisations])
            self.fields["organisation"].required = True
            self.fields.pop("credit_cap")
        values = priority_values or {}
        for priority, label in Priority.choices:
            current = values.get(priority)
            self.fields[f"p{priority}_response"] = forms.IntegerField(
                label=_("%(p)s: svartid (min.)") % {"p": label}, min_value=0, required=False,
                initial=current.response_minutes if current else None)
            self.fields[f"p{priority}_resolution"] = forms.IntegerField(
                label=_("%(p)s: løsningstid (min.)") % {"p": label}, min_value=0, required=False,
                initial=current.resolution_minutes if current else None)
            if organisations is None:
                self.fields[f"p{priority}_credit"] = forms.DecimalField(
                    label=_("%(p)s: kredit pr. overskridelse (kr.)") % {"p": label}, **MONEY_FIELD,
                    initial=current.credit_per_breach if current else None)

    def priorities(self) -> dict:
        """priority → (response, resolution, credit) from the cleaned data; all empty → left out."""
        result = {}
        for priority in Priority.values:
            response = self.cleaned_data.get(f"p{priority}_response")
            resolution = self.cleaned_data.get(f"p{priority}_resolution")
            credit = self.cleaned_data.get(f"p{priority}_credit")
            if response is None and resolution is None and not credit:
                continue
            result[priority] = (response, resolution, credit or 0)
        return result


class TicketImportForm(forms.Form):
    file = forms.FileField(label=_("Eksport fra driftsleverandøren (CSV eller xlsx)"))


class SupportArrangementForm(forms.ModelForm):
    class Meta:
        model = SupportArrangement
        fields = ["name", "hourly_price", "contribution_total", "contribution_key"]


class SupportUsageForm(forms.ModelForm):
    class Meta:
        model = SupportUsage
        fields = ["organisation", "month", "contacts", "hours"]

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(pk__in=[o.pk for o in organisations])


class ProposeTargetForm(forms.Form):
    body = forms.ModelChoiceField(label=_("Organ, der beslutter"), queryset=None)

    def __init__(self, *args, bodies=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies
