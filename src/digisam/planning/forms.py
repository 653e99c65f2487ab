from django import forms
from django.utils.translation import gettext_lazy as _

from digisam.organisations.models import Organisation

from .models import OptOut, Scenario


def category_choices():
    from digisam.portfolio.models import Category

    return [(c.slug, c.name) for c in Category.objects.order_by("sort_order", "name")]


class ScenarioForm(forms.ModelForm):
    categories = forms.MultipleChoiceField(
        label=_("Kategorier"), required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("Ingen valgt: alle kategorier med delte kontrakter."),
    )

    class Meta:
        model = Scenario
        fields = ["name", "description", "start_month", "horizon_months", "capacity", "individual_rationality",
                  "categories", "earliest_starts", "tender_groups", "time_limit"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "earliest_starts": forms.Textarea(attrs={"rows": 3}),
            "tender_groups": forms.Textarea(attrs={"rows": 3}),
            "start_month": forms.TextInput(attrs={"placeholder": "2027-01", "inputmode": "numeric"}),
        }

    def __init__(self, *args, collaboration=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["categories"].choices = category_choices()


class OptOutForm(forms.ModelForm):
    class Meta:
        model = OptOut
        fields = ["organisation", "category", "reason"]
        widgets = {"reason": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, collaboration=None, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        from digisam.core import permissions

        access = permissions.access_for(user) if user is not None else None
        members = Organisation.objects.filter(
            memberships__collaboration=collaboration, memberships__status__in=["approved", "active"]
        )
        if access is not None and not access.is_admin:
            members = members.filter(pk__in=access.coordinator_organisations)
        self.fields["organisation"].queryset = members.distinct().order_by("name")
        self.fields["category"] = forms.ChoiceField(label=_("Kategori"), choices=category_choices())
        if self.instance.pk:
            self.fields["organisation"].disabled = True
            self.fields["category"].disabled = True
