from digisam.core.permissions import Policy, register

from .models import Organisation, PopulationFigure, RegionMembership


@register(Organisation)
class OrganisationPolicy(Policy):
    """Organisations are reference data every signed-in user reads; a coordinator edits its own
    organisation's details, platform admins everything else."""

    public = True
    organisation_path = "self"
    writers = ("organisation",)


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
