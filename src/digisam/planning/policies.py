"""Access policies of this app (registered with digisam.core.permissions).

Planning material is internal to a collaboration until it is published: unlike most
collaboration parts, observers (even one scoped to the collaboration) do not read scenarios,
opt-outs or unpublished runs — only the published run of a published collaboration. Insiders are
the secretariat and the users of members whose membership role reads prices
(`Access.price_collaborations`): a vendor partner never sees its customers' contract economy."""

from django.db.models import Q

from digisam.core.permissions import VIEW, Policy, access_for, register

from .models import OptOut, PlanRun, Scenario


class MembersPolicy(Policy):
    """Read by the collaboration's secretariat and by users of its approved or active members
    (not by observers, not by vendor partners); written by the secretariat."""

    collaboration_path = "collaboration"

    @staticmethod
    def insiders(access):
        return access.price_collaborations

    def read_q(self, access):
        return Q(collaboration_id__in=self.insiders(access))

    def allows(self, user, action, obj):
        access = access_for(user)
        if action == VIEW and access.is_authenticated and not access.is_admin:
            return obj.collaboration_id in self.insiders(access) or self.published_view(obj)
        return super().allows(user, action, obj)

    def published_view(self, obj):
        return False


@register(Scenario)
class ScenarioPolicy(MembersPolicy):
    """Scenarios are the secretariat's working material: it writes them, members read them."""


@register(OptOut)
class OptOutPolicy(MembersPolicy):
    """An opt-out is the member's own decision: only the coordinator of that organisation
    registers, changes or withdraws it (platform admins too); the secretariat and the other
    members read it."""

    organisation_path = "organisation"
    writers = ("organisation",)

    def write_q(self, access):
        # A coordinator writes opt-outs of its own organisation in collaborations it is a member of.
        return Q(organisation_id__in=access.coordinator_organisations) & Q(
            collaboration_id__in=access.insider_collaborations
        )

    def allows(self, user, action, obj):
        access = access_for(user)
        if action != VIEW and access.is_authenticated and not access.is_admin:
            return (
                obj.organisation_id in access.coordinator_organisations
                and obj.collaboration_id in access.insider_collaborations
            )
        return super().allows(user, action, obj)


@register(PlanRun)
class PlanRunPolicy(MembersPolicy):
    """Runs are read by the secretariat and the members; the published run of a published
    collaboration is read by everyone signed in (observers included). The secretariat starts,
    reproduces and publishes runs."""

    published_path = "published"

    def read_q(self, access):
        return super().read_q(access) | Q(published=True, collaboration__published=True)

    def published_view(self, obj):
        return bool(obj.published and obj.collaboration.published)

    def history_restrict(self, user, queryset):
        """A run's history holds its instance (every member's contract economy): insiders only, even
        for the published run that everyone else reads."""
        queryset = super().history_restrict(user, queryset)
        access = access_for(user)
        if access.is_admin:
            return queryset
        return queryset.filter(collaboration_id__in=self.insiders(access))
