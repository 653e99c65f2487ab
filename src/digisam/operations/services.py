"""Every write of the operations app, as actions with a check and an execute, on top of the audited
`digisam.core.services.save/delete`.

- `save_catalogue_service`: a service and its price object in the economy (a basic service's
  `Charge`, an add-on's catalogue `Service`), together or not at all;
- `delete_catalogue_service`: the service, its levels and its economy price object (refused while
  tickets or orders refer to it);
- `save_support_arrangement`: the hotline terms and their contribution charge;
- `import_tickets`: an operator's ticket export, all rows or none;
- `propose_target`: a proposal to the body whose decision rules set the target service level.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from digisam.core import permissions, services, spreadsheets
from digisam.core.models import Channel
from digisam.economy.adapter import member_code, year_memberships
from digisam.economy.models import Charge, ChargeKind, KeyKind
from digisam.economy.models import Service as EconomyService
from digisam.engines import sla
from digisam.initiatives.models import Proposal

from .choices import BasicKey, ServiceKind, SizeKey
from .models import CatalogueService, PriorityTarget, ServiceLevel, SupportArrangement, Ticket, TicketImport


@dataclass
class Pricing:
    """The price of a catalogue service: for a basic service how it is paid (`key`: per FTE with
    `rate`, or `total` shared by population/equally), for an add-on its `unit` and `unit_price`."""

    key: str = BasicKey.FTE
    rate: Decimal | None = None
    total: Decimal | None = None
    unit: str = "stk."
    unit_price: Decimal | None = None


def _charge_for(service: CatalogueService, pricing: Pricing) -> Charge:
    charge = service.charge if service.charge_id else Charge(year=service.year)
    charge.name = service.name
    charge.rate = charge.total = charge.amount = None
    charge.key = KeyKind.EQUAL
    if pricing.key == BasicKey.FTE:
        charge.kind, charge.rate = ChargeKind.PER_FTE, pricing.rate
    elif pricing.key == BasicKey.POPULATION:
        charge.kind, charge.total, charge.key = ChargeKind.KEYED_SHARE, pricing.total, KeyKind.POPULATION
    else:
        charge.kind, charge.total = ChargeKind.EQUAL_SHARE, pricing.total
    return charge


def save_catalogue_service(service: CatalogueService, pricing: Pricing, *, user, channel=Channel.UI):
    """Create or update a catalogue service and its economy price object in one transaction.
    Errors of the price object are reported on the pricing fields ('rate', 'total', 'unit_price')."""
    if not permissions.allows(user, permissions.CHANGE if service.pk else permissions.ADD, service):
        raise PermissionDenied
    with services.operation(), transaction.atomic():
        if service.kind == ServiceKind.BASIC:
            charge = _charge_for(service, pricing)
            try:
                services.save(charge, user=user, channel=channel)
            except ValidationError as error:
                raise _price_error(error) from None
            service.charge, service.economy_service = charge, None
        else:
            item = service.economy_service if service.economy_service_id else EconomyService(year=service.year)
            item.name, item.unit, item.unit_price = service.name, pricing.unit or "stk.", pricing.unit_price
            try:
                services.save(item, user=user, channel=channel)
            except ValidationError as error:
                raise _price_error(error) from None
            service.economy_service, service.charge = item, None
        return services.save(service, user=user, channel=channel)


def _price_error(error: ValidationError) -> ValidationError:
    if not hasattr(error, "error_dict"):
        return error
    mapped = {}
    for field, messages in error.message_dict.items():
        target = {"name": "name", "rate": "rate", "total": "total", "unit_price": "unit_price",
                  "unit": "unit"}.get(field, "__all__")
        mapped.setdefault(target, []).extend(messages)
    return ValidationError(mapped)


def pricing_of(service: CatalogueService) -> Pricing:
    """The current pricing of a service, read from its economy object."""
    if service.charge_id:
        c = service.charge
        key = {ChargeKind.PER_FTE: BasicKey.FTE, ChargeKind.KEYED_SHARE: BasicKey.POPULATION}.get(c.kind,
                                                                                                 BasicKey.EQUAL)
        return Pricing(key=key, rate=c.rate, total=c.total)
    if service.economy_service_id:
        e = service.economy_service
        return Pricing(unit=e.unit, unit_price=e.unit_price)
    return Pricing()


def delete_catalogue_service(service: CatalogueService, *, user, channel=Channel.UI):
    """Delete a service with its levels and its economy price object. Refused while tickets refer to
    it or members have ordered it (their orders are money: remove them in the economy first)."""
    if not permissions.allows(user, permissions.DELETE, service):
        raise PermissionDenied
    if service.tickets.exists():
        raise ValidationError(_("Ydelsen har importerede supportsager og kan ikke slettes."))
    if service.economy_service_id and service.economy_service.orders.exists():
        raise ValidationError(_("Medlemmer har bestilt ydelsen; slet bestillingerne i økonomien først."))
    with services.operation(), transaction.atomic():
        for level in service.levels.all():
            for target in level.priorities.all():
                services.delete(target, user=user, channel=channel)
            services.delete(level, user=user, channel=channel)
        charge, item = service.charge, service.economy_service
        services.delete(service, user=user, channel=channel)
        for price_object in (charge, item):
            if price_object is not None:
                services.delete(price_object, user=user, channel=channel)


def save_support_arrangement(arrangement: SupportArrangement, *, user, channel=Channel.UI):
    """Save the terms and keep their contribution charge (a keyed share by size) in step: no
    contribution total, no charge."""
    if not permissions.allows(user, permissions.CHANGE if arrangement.pk else permissions.ADD, arrangement):
        raise PermissionDenied
    with services.operation(), transaction.atomic():
        old_charge = arrangement.charge if arrangement.charge_id else None
        if arrangement.contribution_total:
            charge = old_charge or Charge(year=arrangement.year)
            charge.name = f"{arrangement.name}: grundbidrag"
            charge.rate = charge.amount = None
            charge.total = arrangement.contribution_total
            if arrangement.contribution_key == SizeKey.EQUAL:
                charge.kind, charge.key = ChargeKind.EQUAL_SHARE, KeyKind.EQUAL
            else:
                charge.kind = ChargeKind.KEYED_SHARE
                charge.key = KeyKind.POPULATION if arrangement.contribution_key == SizeKey.POPULATION else KeyKind.FTE
            try:
                services.save(charge, user=user, channel=channel)
            except ValidationError as error:
                raise ValidationError({"contribution_total": error.messages}) from None
            arrangement.charge = charge
            return services.save(arrangement, user=user, channel=channel)
        arrangement.charge = None
        saved = services.save(arrangement, user=user, channel=channel)
        if old_charge is not None:
            services.delete(old_charge, user=user, channel=channel)
        return saved


def delete_support_arrangement(arrangement: SupportArrangement, *, user, channel=Channel.UI):
    if not permissions.allows(user, permissions.DELETE, arrangement):
        raise PermissionDenied
    with services.operation(), transaction.atomic():
        charge = arrangement.charge
        for usage in arrangement.usage.all():
            services.delete(usage, user=user, channel=channel)
        services.delete(arrangement, user=user, channel=channel)
        if charge is not None:
            services.delete(charge, user=user, channel=channel)


# ----------------------------------------------------------------------------- tickets

#: a year of tickets for a large operator fits easily; the reader's other limits stay as they are
TICKET_LIMITS = spreadsheets.Limits(max_bytes=30 * 1024 * 1024, max_uncompressed=300 * 1024 * 1024,
                                    max_rows=250_000, max_columns=100)


class ImportRefused(Exception):
    """The file was rejected; `errors` lists row/column problems (nothing was written)."""

    def __init__(self, errors):
        super().__init__("; ".join(str(e) for e in errors[:5]))
        self.errors = errors


def can_import(user, year) -> bool:
    access = permissions.access_for(user)
    return access.is_admin or year.collaboration_id in access.secretariat_collaborations


def member_lookup(year):
    """A function mapping a member cell (kommunekode or name, any case) to the member code."""
    table = {}
    for membership in year_memberships(year):
        o = membership.organisation
        code = member_code(o)
        for text in filter(None, (o.code, o.name, o.short_name if hasattr(o, "short_name") else None)):
            table[str(text).strip().lower()] = code
        if o.code and o.code.isdigit():
            table[o.code.lstrip("0")] = code
    return lambda text: table.get(str(text).strip().lower()) or table.get(str(text).strip().lstrip("0"))


def parse_file(year, filename: str, data: bytes) -> list[sla.Ticket]:
    """Parse and check a ticket export (CSV or xlsx, read by the safe reader in
    `digisam.core.spreadsheets`) against the year's members and catalogue; raises ImportRefused
    with every row/column problem."""
    try:
        table = spreadsheets.open_table(data, filename, limits=TICKET_LIMITS)
        header, rows = table.header, list(table.rows)
    except spreadsheets.FileProblem as error:
        raise ImportRefused([sla.TicketError(0, "", str(error))]) from None
    formulas = [sla.TicketError(number, str(header[i]) if i < len(header) else "",
                                _("cellen indeholder en formel; eksportér værdier"))
                for number, values in rows for i, v in enumerate(values) if isinstance(v, spreadsheets.Formula)]
    if formulas:
        raise ImportRefused(formulas[:200])
    names = list(CatalogueService.objects.filter(year=year).values_list("name", flat=True))
    tickets, errors = sla.parse_tickets(header, rows, member_of=member_lookup(year), services=names)
    if errors:
        raise ImportRefused(errors)
    existing = set(Ticket.objects.filter(batch__year=year).values_list("ident", flat=True))
    clashes = [t.ident for t in tickets if t.ident in existing]
    if clashes:
        raise ImportRefused([sla.TicketError(0, "", _("Sagsnumrene %(s)s er allerede importeret for året.")
                                             % {"s": ", ".join(clashes[:10])})])
    if not tickets:
        raise ImportRefused([sla.TicketError(2, "", _("Filen indeholder ingen sager."))])
    outside = [t.ident for t in tickets if t.opened.year != year.year]
    if outside:
        raise ImportRefused([sla.TicketError(0, "", _("Sagerne %(s)s er oprettet uden for året %(y)s.")
                                             % {"s": ", ".join(outside[:10]), "y": year.year})])
    return tickets


def import_tickets(year, filename: str, data: bytes, *, user, channel=Channel.UI) -> TicketImport:
    """Import a ticket export for the year: every row is checked first; then all tickets are written
    in one transaction through the audited service (one operation in the audit log)."""
    if not can_import(user, year):
        raise PermissionDenied
    tickets = parse_file(year, filename, data)
    services_by_name = {s.name: s for s in CatalogueService.objects.filter(year=year)}
    orgs = {member_code(m.organisation): m.organisation for m in year_memberships(year)}
    tz = timezone.get_current_timezone()

    def aware(moment):
        return timezone.make_aware(moment, tz) if moment is not None else None

    with services.operation(), transaction.atomic():
        batch = services.save(TicketImport(year=year, filename=filename[:255], rows=len(tickets),
                                           imported_by=user if getattr(user, "pk", None) else None),
                              user=user, channel=channel)
        for t in tickets:
            services.save(Ticket(batch=batch, ident=t.ident, service=services_by_name[t.service],
                                 organisation=orgs[t.member], priority=t.priority, opened=aware(t.opened),
                                 first_response=aware(t.first_response), resolved=aware(t.resolved)),
                          user=user, channel=channel)
    return batch


def delete_ticket_import(batch: TicketImport, *, user, channel=Channel.UI):
    """Remove an import and its tickets (e.g. a wrong file), all in one operation."""
    if not permissions.allows(user, permissions.DELETE, batch):
        raise PermissionDenied
    with services.operation(), transaction.atomic():
        for ticket in batch.tickets.all():
            services.delete(ticket, user=user, channel=channel)
        services.delete(batch, user=user, channel=channel)


# ----------------------------------------------------------------------------- target decision

def propose_target(level: ServiceLevel, body, *, user, channel=Channel.UI):
    """Put the target service level to a body as a proposal under its decision rules and link it;
    the target is in force once the proposal is adopted."""
    if not level.is_target:
        raise ValidationError(_("Kun samarbejdets målniveau fastsættes ved en beslutning."))
    if not permissions.allows(user, permissions.CHANGE, level):
        raise PermissionDenied
    lines = [f"P{p.priority}: svar {p.response_minutes or '–'} min., løsning {p.resolution_minutes or '–'} min."
             for p in level.priorities.all()]
    text = _("Målniveau for %(s)s: åbningstid %(o)s, oppetid %(a)s %%.") % {
        "s": level.service.name, "o": level.opening_hours or "–", "a": level.availability_target or "–"}
    with services.operation(), transaction.atomic():
        proposal = services.save(Proposal(
            collaboration=level.service.year.collaboration, body=body, decision_type="general",
            title=_("Serviceniveau: %(s)s (%(y)s)") % {"s": level.service.name, "y": level.service.year.year},
            text="\n".join([text, *lines]),
        ), user=user, channel=channel)
        level.decision = proposal
        services.save(level, user=user, channel=channel)
    return proposal


def save_level(level: ServiceLevel, priorities: dict, *, user, channel=Channel.UI) -> ServiceLevel:
    """Save a service level and its targets per priority ({priority: (response, resolution, credit)});
    priorities left out are removed. All in one transaction."""
    with services.operation(), transaction.atomic():
        level = services.save(level, user=user, channel=channel)
        existing = {p.priority: p for p in level.priorities.all()}
        for priority, (response, resolution, credit) in priorities.items():
            target = existing.pop(priority, None) or PriorityTarget(level=level, priority=priority)
            target.response_minutes, target.resolution_minutes = response, resolution
            target.credit_per_breach = Decimal(credit or 0)
            try:
                services.save(target, user=user, channel=channel)
            except ValidationError as error:
                fields = {"response_minutes": "response", "resolution_minutes": "resolution",
                          "credit_per_breach": "credit"}
                raise ValidationError({f"p{priority}_{fields.get(k, 'response')}": v
                                       for k, v in error.message_dict.items()}) from None
        for target in existing.values():
            services.delete(target, user=user, channel=channel)
    return level
