"""Access policies of the operations & support app (registered with digisam.core.permissions).

Like the economy, operations are never published: observers, vendor partners and outsiders see
none of it (`economy_readers`, the one rule of `Access.price_collaborations`).
- The catalogue, service levels and support arrangements are read by the collaboration's
  secretariat and its members and written by the secretariat — except a member's *current* service
  level, which its own coordinator also writes (the harmonisation picture shows every member's level
  side by side, so all members read them).
- Tickets and a member's support usage are that member's figures: read by the member and the
  secretariat only, written by the secretariat (who imports the operator's data). Their audit
  entries carry the organisation only, so the collaboration's audit log does not show one member
  another's tickets.
"""

from django.db.models import Q

from digisam.core.permissions import VIEW, Policy, access_for, register
from digisam.economy.policies import economy_readers

from .models import (
    CatalogueService,
    PriorityTarget,
    ServiceLevel,
    SupportArrangement,
    SupportUsage,
    Ticket,
    TicketImport,
)


class OperationsPolicy(Policy):
    """Read by the secretariat and members; written by the secretariat (and, with `organisation`
    in `writers`, by the coordinator of the object's organisation)."""

    #: True: a member's own figures — readable only by that member (and the secretariat)
    own_figures = False
    audit_in_collaboration = True

    def _key(self, path):
        return "pk" if path == "self" else path

    def collaboration_of(self, obj):
        return Policy.collaboration_id(self, obj)

    def collaboration_id(self, obj):
        return self.collaboration_of(obj) if self.audit_in_collaboration else None

    def read_q(self, access):
        coll = self._key(self.collaboration_path)
        if self.own_figures:
            return (Q(**{f"{coll}__in": access.secretariat_collaborations})
                    | Q(**{f"{self._key(self.organisation_path)}__in": access.organisations}))
        return Q(**{f"{coll}__in": economy_readers(access)})

    def write_q(self, access):
        q = Q(**{f"{self._key(self.collaboration_path)}__in": access.secretariat_collaborations})
        if "organisation" in self.writers and self.organisation_path:
            q |= Q(**{f"{self._key(self.organisation_path)}__in": access.coordinator_organisations})
        return q

    def allows(self, user, action, obj):
        access = access_for(user)
        if not access.is_authenticated:
            return False
        if access.is_admin:
            return True
        collaboration_id = self.collaboration_of(obj)
        organisation_id = self.organisation_id(obj)
        if collaboration_id is not None and collaboration_id in access.secretariat_collaborations:
            return True
        if action == VIEW:
            if self.own_figures:
                return organisation_id is not None and organisation_id in access.organisations
            return collaboration_id in economy_readers(access)
        if "organisation" in self.writers and organisation_id is not None:
            return (organisation_id in access.coordinator_organisations
                    and collaboration_id in economy_readers(access))
        return False

    def can_add_in(self, user, *, collaboration=None, organisation=None):
        access = access_for(user)
        if access.is_admin or (collaboration is not None and collaboration.pk in access.secretariat_collaborations):
            return True
        return ("organisation" in self.writers and organisation is not None
                and organisation.pk in access.coordinator_organisations)


@register(CatalogueService)
class CatalogueServicePolicy(OperationsPolicy):
    """The year's service catalogue: the secretariat maintains it."""

    collaboration_path = "year__collaboration"


@register(ServiceLevel)
class ServiceLevelPolicy(OperationsPolicy):
    """The target level is the secretariat's; a member's current level is also its coordinator's."""

    collaboration_path = "service__year__collaboration"
    organisation_path = "organisation"
    writers = ("collaboration", "organisation")


@register(PriorityTarget)
class PriorityTargetPolicy(ServiceLevelPolicy):
    """Follows its service level."""

    collaboration_path = "level__service__year__collaboration"
    organisation_path = "level__organisation"


@register(TicketImport)
class TicketImportPolicy(OperationsPolicy):
    """An import's metadata (file name, number of rows) is read by the members; the rows are not."""

    collaboration_path = "year__collaboration"


@register(Ticket)
class TicketPolicy(OperationsPolicy):
    """A member's tickets: read by that member and the secretariat; imported by the secretariat."""

    collaboration_path = "batch__year__collaboration"
    organisation_path = "organisation"
    own_figures = True
    audit_in_collaboration = False


@register(SupportArrangement)
class SupportArrangementPolicy(OperationsPolicy):
    """Shared support's terms: the secretariat sets them; members read them."""

    collaboration_path = "year__collaboration"


@register(SupportUsage)
class SupportUsagePolicy(OperationsPolicy):
    """A member's handled contacts and hours: the member and the secretariat read them; the
    secretariat registers them from the operator's figures."""

    collaboration_path = "arrangement__year__collaboration"
    organisation_path = "organisation"
    own_figures = True
    audit_in_collaboration = False
