from digisam.core.permissions import DELETE, Policy, access_for, register

from .models import Organisation, PopulationFigure, RegionMembership


@register(Organisation)
class OrganisationPolicy(Policy):
    """Organisations are reference data every signed-in user reads; a coordinator edits its own
    organisation's contact details (as in the UI, in the API too), platform admins everything else:
    the identifying fields (`admin_fields`), creating and deleting."""

    public = True
    organisation_path = "self"
    writers = ("organisation",)
    admin_fields = ("kind", "name", "slug", "code", "cvr")

    def allows(self, user, action, obj):
        if action == DELETE:
            return access_for(user).is_admin
        return super().allows(user, action, obj)

    def restrict(self, user, action, queryset):
        if action == DELETE and not access_for(user).is_admin:
            return queryset.none()
        return super().restrict(user, action, queryset)


@register(RegionMembership)
class RegionMembershipPolicy(Policy):
    """Reference data: read by all, written by platform admins only."""

    public = True
    writers = ()


@register(PopulationFigure)
class PopulationFigurePolicy(Policy):
    """Official figures: read by all, written by platform admins (and the update command)."""

    public = True
    writers = ()
