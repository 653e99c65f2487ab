from django import forms

from .models import Organisation


class OrganisationForm(forms.ModelForm):
    """What a coordinator maintains about its own organisation. Code, kind and name are reference
    data (platform admins change them in the admin or with the update command)."""

    class Meta:
        model = Organisation
        fields = ["website", "email", "phone", "address", "contact_person", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 4})}


class NewOrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["kind", "name", "slug", "code", "cvr", "website", "email", "phone", "address", "contact_person", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 4})}
