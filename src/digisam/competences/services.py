"""Every write of the competence pool, as actions with a check and an execute on top of the audited
`digisam.core.services.save/delete`:

- `remove_specialist`: the person leaves the pool — their record is deleted, or, when allocations
  refer to it (hours that were settled), stripped of every personal detail and marked as left;
- `allocate`: book a person on a request (refused beyond their availability or for a non-member);
- `decide_allocation`: the home organisation approves or rejects;
- `register_hours` / `remove_hours`: hours worked on an approved allocation, written into the
  economy's hours settlement (`HoursEntry`) in the same transaction.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from digisam.core import permissions, services
from digisam.core.models import Channel
from digisam.economy.models import HoursEntry

from .choices import AllocationStatus
from .models import Allocation, AllocationHours, Specialist, StaffingRequest


def remove_specialist(specialist: Specialist, *, user, channel=Channel.UI) -> Specialist | None:
    """The person leaves the pool. Their competences and availability are deleted; the record too,
    unless allocations refer to it, in which case name, title and contact details are removed and
    the record is kept only as 'left' (the allocations' hours were settled). The audit log never
    held the personal fields (`audit_redacted_fields`)."""
    if not permissions.allows(user, permissions.DELETE, specialist):
        raise PermissionDenied
    with services.operation(), transaction.atomic():
        for held in specialist.competences.all():
            services.delete(held, user=user, channel=channel)
        for open_allocation in specialist.allocations.filter(status=AllocationStatus.PROPOSED):
            open_allocation.status = AllocationStatus.REJECTED
            services.save(open_allocation, user=user, channel=channel)
        if specialist.allocations.exists():
            for availability in specialist.availability.all():
                services.delete(availability, user=user, channel=channel)
            specialist.name = _("Tidligere specialist")
            specialist.title = specialist.work_email = specialist.work_phone = ""
            specialist.active = False
            return services.save(specialist, user=user, channel=channel)
        for availability in specialist.availability.all():
            services.delete(availability, user=user, channel=channel)
        services.delete(specialist, user=user, channel=channel)
    return None


def allocate(request: StaffingRequest, specialist: Specialist, hours: Decimal, *, user,
             channel=Channel.UI) -> Allocation:
    """Book `hours` of a person on a request, proposed to the home organisation."""
    allocation = Allocation(request=request, specialist=specialist, hours=hours)
    if not permissions.allows(user, permissions.ADD, allocation) or not can_propose(user, request):
        raise PermissionDenied
    with transaction.atomic():
        # Lock the person's row so two concurrent bookings cannot both pass the availability check.
        Specialist.objects.order_by().select_for_update(of=("self",)).filter(pk=specialist.pk).first()
        return services.save(allocation, user=user, channel=channel)


def can_propose(user, request: StaffingRequest) -> bool:
    access = permissions.access_for(user)
    return access.is_admin or request.collaboration_id in access.secretariat_collaborations


def can_decide(user, allocation: Allocation) -> bool:
    """Only the home organisation (its coordinator) decides on its person's allocation."""
    access = permissions.access_for(user)
    return access.is_admin or allocation.specialist.organisation_id in access.coordinator_organisations


def decide_allocation(allocation: Allocation, approve: bool, *, user, channel=Channel.UI) -> Allocation:
    if not can_decide(user, allocation):
        raise PermissionDenied
    if allocation.status != AllocationStatus.PROPOSED:
        raise ValidationError(_("Tildelingen er allerede afgjort."))
    allocation.status = AllocationStatus.APPROVED if approve else AllocationStatus.REJECTED
    allocation.decided_by = user if getattr(user, "pk", None) else None
    allocation.decided_at = timezone.now()
    return services.save(allocation, user=user, channel=channel)


def _hours_entry(allocation: Allocation, month: str) -> HoursEntry:
    project = allocation.request.project
    if project is None:
        raise ValidationError(_("Behovet har intet projekt med timeafregning; sekretariatet skal vælge det, "
                                "før timer kan registreres."))
    entry = HoursEntry.objects.filter(project=project, organisation=allocation.specialist.organisation,
                                      month=month).first()
    return entry or HoursEntry(project=project, organisation=allocation.specialist.organisation, month=month)


def register_hours(allocation: Allocation, month: str, hours: Decimal, *, user, channel=Channel.UI) -> AllocationHours:
    """Register (or change) the hours worked on an approved allocation in a month; the difference
    is added to the economy's HoursEntry for the request's project and the home organisation."""
    worked = allocation.worked.filter(month=month).first() or AllocationHours(allocation=allocation, month=month)
    if not permissions.allows(user, permissions.CHANGE if worked.pk else permissions.ADD, worked):
        raise PermissionDenied
    delta = Decimal(hours) - (worked.hours if worked.pk else Decimal(0))
    with services.operation(), transaction.atomic():
        entry = _hours_entry(allocation, month)
        entry.actual_hours = Decimal(entry.actual_hours or 0) + delta
        try:
            entry = services.save(entry, user=user, channel=channel)
        except ValidationError as error:
            raise ValidationError({"hours": error.messages}) from None
        worked.hours, worked.hours_entry = Decimal(hours), entry
        return services.save(worked, user=user, channel=channel)


def remove_hours(worked: AllocationHours, *, user, channel=Channel.UI) -> None:
    """Remove a registration and take its hours out of the economy's HoursEntry again."""
    if not permissions.allows(user, permissions.DELETE, worked):
        raise PermissionDenied
    with services.operation(), transaction.atomic():
        entry = worked.hours_entry
        services.delete(worked, user=user, channel=channel)
        entry.actual_hours = max(Decimal(entry.actual_hours) - worked.hours, Decimal(0))
        if entry.actual_hours == 0 and not entry.agreed_hours and not AllocationHours.objects.filter(
                hours_entry=entry).exists():
            services.delete(entry, user=user, channel=channel)
        else:
            services.save(entry, user=user, channel=channel)
