"""Portfolio exports in the import formats (template, KITOS usages, KITOS contracts).

The caller passes querysets already narrowed by policy/sharing and an `economy(organisation_id)`
predicate: economy columns are left empty where it is false, so a hidden economy never leaves the
server."""

from __future__ import annotations

from collections import defaultdict

from digisam.core import exports as core_exports

from . import formats
from .models import Contract, Usage


def template_rows(usages, contracts, *, economy):
    """One row per contract (with the usage fields of its matching usage) and one per usage without
    a contract — exactly what the template import reads back."""
    usages = list(usages.select_related("organisation", "category", "product"))
    contracts = list(contracts.select_related("organisation", "category", "product", "supplier"))
    by_key = {(u.organisation_id, u.category_id, u.product_id): u for u in usages}
    covered = set()
    rows = []
    for contract in contracts:
        usage = by_key.get((contract.organisation_id, contract.category_id, contract.product_id))
        if usage is not None:
            covered.add(usage.pk)
        rows.append(_template_row(contract.organisation, contract.category, contract.product or
                                  (usage.product if usage else None), usage, contract,
                                  economy(contract.organisation_id)))
    for usage in usages:
        if usage.pk not in covered:
            rows.append(_template_row(usage.organisation, usage.category, usage.product, usage, None, False))
    return [h for h, _k, _t in formats.TEMPLATE_COLUMNS], rows


def _template_row(org, category, product, usage, contract, show_economy):
    row = []
    for _header, key, kind in formats.TEMPLATE_COLUMNS:
        if key == "municipality":
            value = org.code
        elif key == "category":
            value = category.slug
        elif key == "product":
            value = product.name if product else ""
        elif key == "supplier":
            value = (contract.supplier.name if contract and contract.supplier_id else
                     (contract.supplier_name if contract else (product.vendor_display if product else "")))
        elif key == "supplier_cvr":
            value = contract.supplier.cvr if contract and contract.supplier_id else ""
        elif key in ("lifecycle", "criticality", "responsible_unit", "user_count", "notes"):
            value = getattr(usage, key) if usage else ""
        elif contract is None:
            value = ""
        elif key in formats.ECONOMY_KEYS and not show_economy:
            value = ""
        else:
            value = getattr(contract, key)
        row.append(formats.format_cell(kind, value))
    return row


def example_rows():
    return [[formats.format_cell(kind, formats.TEMPLATE_EXAMPLE.get(key)) for _h, key, kind in formats.TEMPLATE_COLUMNS]]


def _role_columns(contacts_by_owner):
    roles = sorted({c.role for contacts in contacts_by_owner.values() for c in contacts})
    return roles, [h for role in roles for h in (role, f"{role} Email#")]


def _role_cells(roles, contacts):
    cells = []
    for role in roles:
        people = [c for c in contacts if c.role == role]
        cells += [", ".join(c.name for c in people), ", ".join(c.email for c in people)]
    return cells


def kitos_usage_rows(usages):
    """KITOS's "IT Systemer Overblik" columns and value forms (plus digisam's optional 'Kategori', so
    the category comes back without a review)."""
    from . import kitos_format as kf
    from .models import Contact

    usages = list(usages.select_related("category", "product", "product__vendor").order_by(
        "category__sort_order", "product__name", "pk"))
    contacts = defaultdict(list)
    for contact in Contact.objects.filter(usage__in=[u.pk for u in usages]).order_by("pk"):
        contacts[contact.usage_id].append(contact)
    roles, role_headers = _role_columns(contacts)
    header = ["IT System", "IT-System (UUID)", "Lokal kaldenavn", "Ansv. organisationsenhed", "Forretningstype",
              "Rettighedshaver", "Livscyklus", "Antal brugere", "Noter", "Kategori", *role_headers]
    rows = []
    for usage in usages:
        product = usage.product
        vendor = ""
        if product is not None:
            vendor = kf.format_supplier(product.vendor.name, product.vendor.cvr) if product.vendor_id else \
                product.vendor_name
        rows.append([
            product.name if product else usage.category.name, usage.kitos_uuid or (product.kitos_uuid if product
                                                                                  else "") or "",
            usage.local_name, usage.responsible_unit, usage.business_type, vendor,
            kf.LIFECYCLE_EXPORT.get(usage.lifecycle, ""), kf.USER_COUNT_EXPORT.get(usage.user_count, ""),
            usage.notes, usage.category.slug, *_role_cells(roles, contacts.get(usage.pk, [])),
        ])
    return header, rows


def kitos_contract_rows(contracts, *, economy):
    """KITOS's "IT Kontrakter Overblik" columns and value forms: dd-MM-yyyy dates, `Navn (CVR)`,
    `2 x 1 år`, `Q3 | 2027`, `Ja`/`Nej`, systems with their catalogue UUIDs. Economy columns are
    empty where `economy(organisation_id)` is false."""
    from . import kitos_format as kf
    from .models import Contact

    contracts = list(contracts.select_related("category", "product", "supplier", "parent").order_by(
        "organisation__name", "category__sort_order", "pk"))
    systems = defaultdict(list)
    for contract_id, name, usage_uuid, product_uuid in Contract.usages.through.objects.filter(
        contract_id__in=[c.pk for c in contracts]
    ).order_by("usage__product__name", "usage_id").values_list(
        "contract_id", "usage__product__name", "usage__kitos_uuid", "usage__product__kitos_uuid"
    ):
        systems[contract_id].append((name or "", usage_uuid or product_uuid or ""))
    contacts = defaultdict(list)
    for contact in Contact.objects.filter(contract__in=[c.pk for c in contracts]).order_by("pk"):
        contacts[contact.contract_id].append(contact)
    roles, role_headers = _role_columns(contacts)
    header = ["Kontrakt ID", "Overordnet kontrakt", "IT Kontrakt", "Gyldig fra", "Gyldig til", "Leverandør",
              "Kontrakttype", "Genanskaffelsesstrategi", "Genanskaffelsesplan", "Genanskaffelse igangsat",
              "IT Systemer", "IT Systemer (UUID)", "Anskaffelse", "Drift/år", "Andet", "Varighed", "Option",
              "Opsigelse (måneder)", "Uopsigelig til", "Opsagt", "Kategori", *role_headers]
    rows = []
    for contract in contracts:
        linked = systems.get(contract.pk, [])
        uuids = [u for _n, u in linked]
        show = economy(contract.organisation_id)
        supplier = kf.format_supplier(contract.supplier.name, contract.supplier.cvr) if contract.supplier_id else \
            contract.supplier_name
        strategy = contract.kitos_procurement_strategy or kf.STRATEGY_EXPORT.get(
            contract.procurement_strategy, formats.CHOICE_LABELS["strategy"].get(contract.procurement_strategy, ""))
        rows.append([
            contract.contract_id, (contract.parent.contract_id or contract.parent.name) if contract.parent_id else "",
            contract.name or contract.contract_id, kf.format_date(contract.valid_from),
            kf.format_date(contract.expires), supplier, contract.contract_type, str(strategy or ""),
            kf.format_quarter(contract.planned_reprocurement), "Ja" if contract.procurement_initiated else "Nej",
            ", ".join(n for n, _u in linked), ", ".join(uuids) if linked and all(uuids) else "",
            kf.format_money(contract.cost_acquisition) if show else "",
            kf.format_money(contract.cost_operation) if show else "",
            kf.format_money(contract.cost_other) if show else "",
            kf.format_duration(contract.duration_months),
            kf.format_option(contract.extension_count, contract.extension_months),
            contract.notice_months if contract.notice_months is not None else "",
            kf.format_date(contract.irrevocable_until), kf.format_date(contract.terminated), contract.category.slug,
            *_role_cells(roles, contacts.get(contract.pk, [])),
        ])
    return header, rows


def rows_for(fmt_kind, usages, contracts, *, economy):
    if fmt_kind == "kitos_usages":
        return kitos_usage_rows(usages)
    if fmt_kind == "kitos_contracts":
        return kitos_contract_rows(contracts, economy=economy)
    return template_rows(usages, contracts, economy=economy)


SHEETS = {"template": formats.TEMPLATE_SHEET, "kitos_usages": "IT Systemer Overblik",
          "kitos_contracts": "IT Kontrakter Overblik"}


def write_xlsx(header, rows, sheet=formats.TEMPLATE_SHEET) -> bytes:
    """The import format as XLSX; through core.exports, so user text never becomes a formula."""
    return core_exports.xlsx_bytes([(sheet, header, rows)], max_width=40)


def write_csv(header, rows) -> bytes:
    """The import format as CSV; through core.exports, so user text never becomes a formula."""
    return core_exports.csv_bytes(header, rows)


__all__ = ["template_rows", "kitos_usage_rows", "kitos_contract_rows", "rows_for", "example_rows", "Usage"]
