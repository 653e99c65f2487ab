"""Access policies of the competence pool (registered with digisam.core.permissions).

The pool is personal data, so it is never published: observers and outsiders see none of it. The
collaboration's secretariat and the users of its member organisations read the pool (that is its
point: members draw on each other's people). Who writes:
- the competence catalogue and staffing requests: the secretariat;
- a specialist, their competences and availability: the secretariat and the coordinator of the
  home organisation (who offers the person);
- an allocation: proposed by the secretariat; approved or rejected by the home organisation's
  coordinator (`competences.services.decide_allocation` checks that only the home organisation decides);
- hours on an allocation: the home organisation's coordinator and the secretariat;
- development plan actions: the secretariat and the coordinator of the owning member.
"""

from django.db.models import Q

from digisam.core.permissions import VIEW, Policy, access_for, register

from .models import (
    Allocation,
    AllocationHours,
    Availability,
    Competence,
    DevelopmentAction,
    Specialist,
    SpecialistCompetence,
    StaffingRequest,
)


def pool_readers(access) -> set[int]:
    """The secretariat and users of member municipalities (`Access.price_collaborations`): never
    observers or a vendor partner's users — the pool is personal data and internal."""
    return access.price_collaborations


class PoolPolicy(Policy):
    """Read by the secretariat and members' users, never by observers; written by the secretariat
    and (with `organisation` in `writers`) the coordinator of the object's organisation."""

    def _key(self, path):
        return "pk" if path == "self" else path

    def read_q(self, access):
        return Q(**{f"{self._key(self.collaboration_path)}__in": pool_readers(access)})

    def allows(self, user, action, obj):
        access = access_for(user)
        if not access.is_authenticated:
            return False
        if access.is_admin:
            return True
        collaboration_id = self.collaboration_id(obj)
        if action == VIEW:
            return collaboration_id in pool_readers(access)
        if collaboration_id in access.secretariat_collaborations:
            return True
        organisation_id = self.organisation_id(obj)
        return ("organisation" in self.writers and organisation_id is not None
                and organisation_id in access.coordinator_organisations
                and collaboration_id in pool_readers(access))


@register(Competence)
class CompetencePolicy(PoolPolicy):
    """The competence catalogue: the secretariat keeps it."""

    collaboration_path = "collaboration"


@register(Specialist)
class SpecialistPolicy(PoolPolicy):
    """A person in the pool: the home organisation offers them (and removes them)."""

    collaboration_path = "collaboration"
    organisation_path = "organisation"
    writers = ("collaboration", "organisation")


@register(SpecialistCompetence)
class SpecialistCompetencePolicy(SpecialistPolicy):
    collaboration_path = "specialist__collaboration"
    organisation_path = "specialist__organisation"


@register(Availability)
class AvailabilityPolicy(SpecialistCompetencePolicy):
    """Hours a person is available: the home organisation decides."""


@register(StaffingRequest)
class StaffingRequestPolicy(PoolPolicy):
    """A staffing request: raised by the secretariat for a working group, initiative or service."""

    collaboration_path = "collaboration"


@register(Allocation)
class AllocationPolicy(PoolPolicy):
    """An allocation: proposed by the secretariat, decided by the home organisation."""

    collaboration_path = "request__collaboration"
    organisation_path = "specialist__organisation"
    writers = ("collaboration", "organisation")


@register(AllocationHours)
class AllocationHoursPolicy(AllocationPolicy):
    """Worked hours: registered by the home organisation (or the secretariat)."""

    collaboration_path = "allocation__request__collaboration"
    organisation_path = "allocation__specialist__organisation"


@register(DevelopmentAction)
class DevelopmentActionPolicy(PoolPolicy):
    """The development plan: the secretariat and the owning member's coordinator."""

    collaboration_path = "collaboration"
    organisation_path = "owner_organisation"
    writers = ("collaboration", "organisation")
