"""Portfolio exports in the import formats (template, KITOS usages, KITOS contracts).

The caller passes querysets already narrowed by policy/sharing and an `economy(organisation_id)`
predicate: economy columns are left empty where it is false, so a hidden economy never leaves the
server."""

from __future__ import annotations

from collections import defaultdict

from digisam.core import exports

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


def kitos_usage_rows(usages):
    header = [h for h, _k, _t in formats.KITOS_USAGE_COLUMNS]
    rows = []
    for usage in usages.select_related("category", "product"):
        row = []
        for _h, key, kind in formats.KITOS_USAGE_COLUMNS:
            if key == "product":
                value = usage.product.name if usage.product_id else ""
            elif key == "supplier":
                value = usage.product.vendor_display if usage.product_id else ""
            elif key == "category":
                value = usage.category.slug
            elif key == "kle":
                value = usage.category.kle_reference
            elif key == "local_id":
                value = ""
            else:
                value = getattr(usage, key)
            row.append(formats.format_cell(kind, value))
        rows.append(row)
    return header, rows


def kitos_contract_rows(contracts, *, economy):
    header = [h for h, _k, _t in formats.KITOS_CONTRACT_COLUMNS]
    contracts = list(contracts.select_related("category", "product", "supplier"))
    systems = defaultdict(list)
    for contract_id, name in Contract.usages.through.objects.filter(
        contract_id__in=[c.pk for c in contracts]
    ).values_list("contract_id", "usage__product__name"):
        if name:
            systems[contract_id].append(name)
    rows = []
    for contract in contracts:
        row = []
        for _h, key, kind in formats.KITOS_CONTRACT_COLUMNS:
            if key == "systems":
                names = sorted(set(systems.get(contract.pk, [])) | ({contract.product.name} if contract.product_id else set()))
                value = ", ".join(names)
            elif key == "supplier":
                value = contract.supplier.name if contract.supplier_id else contract.supplier_name
            elif key == "responsible_unit":
                value = ""
            elif key == "notice":
                value = f"{contract.notice_months} md" if contract.notice_months is not None else ""
            elif key == "option":
                value = (f"{contract.extension_count} x {contract.extension_months} md"
                         if contract.extension_count else "")
            elif key == "category":
                value = contract.category.slug
            elif key in formats.ECONOMY_KEYS and not economy(contract.organisation_id):
                value = ""
            else:
                value = getattr(contract, key)
            row.append(formats.format_cell(kind, value) if kind not in ("notice", "option") else value)
        rows.append(row)
    return header, rows


def rows_for(fmt_kind, usages, contracts, *, economy):
    if fmt_kind == "kitos_usages":
        return kitos_usage_rows(usages)
    if fmt_kind == "kitos_contracts":
        return kitos_contract_rows(contracts, economy=economy)
    return template_rows(usages, contracts, economy=economy)


def write_xlsx(header, rows, sheet=formats.TEMPLATE_SHEET) -> bytes:
    """The import format as XLSX; through core.exports, so user text never becomes a formula."""
    return exports.xlsx_bytes([(sheet, header, rows)], max_width=40)


def write_csv(header, rows) -> bytes:
    """The import format as CSV; through core.exports, so user text never becomes a formula."""
    return exports.csv_bytes(header, rows)


__all__ = ["template_rows", "kitos_usage_rows", "kitos_contract_rows", "rows_for", "example_rows", "Usage"]
