from django import forms
from django.utils.translation import gettext_lazy as _

from digisam.organisations.models import Organisation

from .models import Contract, HarmonisationTarget, Product, Usage

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class UsageForm(forms.ModelForm):
    class Meta:
        model = Usage
        fields = ["category", "product", "lifecycle", "criticality", "responsible_unit", "user_count", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = Product.objects.select_related("category").order_by("category__name", "name")
        self.fields["product"].label_from_instance = lambda p: f"{p.category.name}: {p.name}"


class ContractForm(forms.ModelForm):
    class Meta:
        model = Contract
        fields = [
            "category", "product", "usages", "contract_id", "name", "supplier", "supplier_name", "concluded",
            "valid_from", "irrevocable_until", "expires", "terminated", "notice_months", "notice_runs_to",
            "extension_count", "extension_months", "extensions_used", "extension_uplift", "early_exit_months",
            "early_exit_fee", "cost_acquisition", "cost_operation", "cost_other", "price_regulation",
            "procurement_strategy", "planned_reprocurement", "procurement_initiated", "opt_out", "earliest_start",
            "notes",
        ]
        widgets = {name: DATE for name in ("concluded", "valid_from", "irrevocable_until", "expires", "terminated",
                                           "earliest_start")} | {"notes": forms.Textarea(attrs={"rows": 3}),
                                                                 "usages": forms.CheckboxSelectMultiple}

    def __init__(self, *args, organisation=None, **kwargs):
        super().__init__(*args, **kwargs)
        organisation = organisation or self.instance.organisation
        self.fields["usages"].queryset = Usage.objects.filter(organisation=organisation).select_related(
            "category", "product")
        self.fields["product"].queryset = Product.objects.select_related("category").order_by("category__name", "name")
        self.fields["product"].label_from_instance = lambda p: f"{p.category.name}: {p.name}"
        self.fields["supplier"].queryset = Organisation.objects.filter(kind="company").order_by("name")


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Fil (xlsx eller csv)"),
                           help_text=_("digisam-skabelonen eller en KITOS-eksport af IT-systemer eller IT-kontrakter."))
    second_file = forms.FileField(
        label=_("Anden KITOS-fil (valgfri)"), required=False,
        help_text=_("Upload KITOS' IT-systemer og IT-kontrakter sammen: én prøvekørsel, én indlæsning."))

    def clean(self):
        from django.conf import settings

        data = super().clean()
        limit = settings.DIGISAM_MAX_IMPORT_BYTES
        for name in ("file", "second_file"):
            upload = data.get(name)
            if upload is not None and upload.size > limit:
                self.add_error(name, _("Filen er for stor (højst %(mb)s MB).") % {"mb": limit // (1024 * 1024)})
        return data


class TargetForm(forms.ModelForm):
    class Meta:
        model = HarmonisationTarget
        fields = ["target_index", "baseline_date", "target_date", "description"]
        widgets = {"baseline_date": DATE, "target_date": DATE}
