"""Import of KITOS's overview exports — IT-systemer and IT-kontrakter, alone or both in one go — for
one municipality, through the same validate → dry run → apply pipeline as the template.

- Any column set and order: a column digisam does not use is a notice, never an error; a column
  that is absent leaves the stored field alone (a municipality may switch any column off).
- Identity: `IT-System (UUID)` is the national catalogue's system — one product for every
  municipality whatever each calls it locally (`Lokal kaldenavn`). Without a UUID the system is
  matched by name + vendor, and the dry run says so.
- Vendors are organisations keyed by CVR (`Navn (CVR)`, ` (udgået)` stripped): found by CVR or
  created once, as shared reference data (recorded as system work in the same operation).
- Categories: the remembered choice (CategoryMapping) for the UUID / system / business type,
  the product's category, the catalogue's product name, KLE, then the contract's systems; what
  remains goes to the review list (`result.unmapped`) and blocks the apply until chosen.
- Contracts know their systems through `IT Systemer (UUID)` (names are never split on commas); a
  Tillægskontrakt with an `Overordnet kontrakt` belongs to its parent.
- The dry run lists new, changed (field by field), unchanged, and what is stored but no longer in
  the export (flagged, never deleted). Re-importing the same export changes nothing.
"""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from digisam.core import permissions, services
from digisam.core.spreadsheets import Formula
from digisam.organisations.models import Organisation
from digisam.organisations.reference import danish_slug

from . import formats
from . import kitos_format as kf
from .models import Category, CategoryMapping, Contact, Contract, MappingKey, Product, Usage

USAGE_STORED = ["kitos_uuid", "local_name", "responsible_unit", "business_type", "lifecycle", "user_count", "notes"]
CONTRACT_STORED = ["contract_id", "name", "valid_from", "expires", "contract_type", "procurement_strategy",
                   "kitos_procurement_strategy", "planned_reprocurement", "procurement_initiated", "cost_acquisition",
                   "cost_operation", "cost_other", "duration_months", "extension_count", "extension_months",
                   "notice_months", "irrevocable_until", "terminated", "concluded"]
FIELD_COLUMN = {  # model field → the KITOS column it comes from (for messages)
    "kitos_procurement_strategy": "Genanskaffelsesstrategi", "duration_months": "Varighed",
    "extension_count": "Option", "extension_months": "Option", "notice_months": "Opsigelse (måneder)",
}


class KitosFile:
    """One parsed KITOS file: its kind, layout and row records."""

    def __init__(self, name, kind, header, rows):
        self.name, self.kind = name, kind
        self.layout = kf.layout(kind, header)
        self.rows = rows
        self.records = []  # (row_number, record)


def is_kitos(kind):
    return kind in (kf.USAGES, kf.CONTRACTS)


class KitosImport:
    def __init__(self, files: list[KitosFile], *, user, municipality, result):
        self.lock = False  # True while applying: resolve() holds the municipality and the categories
        self.files, self.user, self.result = files, user, result
        self.code = municipality
        self.errors = result.errors

    def error(self, file, row, column, message):
        prefix = f"{file.name}: " if len(self.files) > 1 else ""
        if len(self.errors) < 500:
            self.errors.append(f"{prefix}række {row}, kolonne {column}: {message}")
        elif len(self.errors) == 500:
            self.errors.append("… flere fejl er udeladt.")

    def notice(self, text):
        if len(self.result.notices) < 200:
            self.result.notices.append(text)

    # --- reading -----------------------------------------------------------------------------------
    def read(self):
        kinds = [f.kind for f in self.files]
        for kind in set(kinds):
            if kinds.count(kind) > 1:
                label = "IT-systemer" if kind == kf.USAGES else "IT-kontrakter"
                self.errors.append(f"Der er uploadet to {label}-eksporter; upload én af hver slags.")
        for file in self.files:
            for message in file.layout.errors:
                self.errors.append((f"{file.name}: " if len(self.files) > 1 else "") + message)
            if file.layout.unused:
                self.notice(f"{file.name}: kolonner, digisam ikke bruger (springes over): "
                            + ", ".join(file.layout.unused))
        if self.errors:
            return
        for file in self.files:
            self._read_rows(file)

    def _read_rows(self, file):
        layout = file.layout
        count = 0
        for number, row in file.rows:
            if all(v is None or (isinstance(v, str) and not v.strip()) for v in row):
                continue
            count += 1
            record = {}
            for key, (index, column) in layout.used.items():
                value = row[index] if index < len(row) else None
                if isinstance(value, Formula):
                    self.error(file, number, column.header, f"formler er ikke tilladt ({value.text}) – indsæt værdien")
                    continue
                try:
                    parsed = kf.parse(column.kind, value)
                except formats.CellError as problem:
                    self.error(file, number, _header(file, index), str(problem))
                    continue
                if column.stored:
                    record[key] = parsed
            contacts = []
            for role, (names_index, email_index) in layout.roles.items():
                names = _cell_text(row, names_index)
                emails = _cell_text(row, email_index)
                name_list = [n.strip() for n in names.split(",")] if names else []
                email_list = [e.strip() for e in emails.replace(";", ",").split(",") if e.strip()] if emails else []
                for position in range(max(len(name_list), len(email_list))):
                    name = name_list[position] if position < len(name_list) else ""
                    email = email_list[position] if position < len(email_list) else ""
                    if email:
                        try:
                            validate_email(email)
                        except ValidationError:
                            self.error(file, number, f"{role} Email#", f"'{email}' er ikke en e-mailadresse")
                            continue
                    if name or email:
                        contacts.append((role, name[:200], email[:254]))
            record["contacts"] = contacts
            file.records.append((number, record))
        self.result.rows += count
        if not count:
            self.errors.append((f"{file.name}: " if len(self.files) > 1 else "")
                               + "Filen har ingen datarækker under overskrifterne.")

    # --- resolving ---------------------------------------------------------------------------------
    def resolve(self):
        organisations = Organisation.objects.filter(code=self.code, kind="municipality")
        if self.lock:
            # Exactly the template import's locks, in its order (importer._Planner._resolve): the
            # municipality row, then the catalogue's categories, where new products are made — so two
            # KITOS applies of one municipality (upload, API sync, `portfolio sync-kitos`), or a KITOS
            # and a template apply, take turns until the first commits.
            organisations = organisations.select_for_update().order_by("pk")
            list(Category.objects.select_for_update().order_by("pk").values_list("pk", flat=True))
        org = organisations.first()
        if org is None:
            self.errors.append(f"Ukendt kommunekode '{self.code}'.")
            return
        access = permissions.access_for(self.user)
        if not (access.is_admin or org.pk in access.coordinator_organisations):
            self.errors.append(f"Du kan ikke ændre porteføljen for {org.name}.")
            return
        self.org = org
        self.categories = {}
        for category in Category.objects.all():
            self.categories[category.slug.lower()] = category
            self.categories[category.name.lower()] = category
        self.category_by_pk = {c.pk: c for c in self.categories.values()}
        self.mappings = {(m.key_kind, m.key): m.category for m in CategoryMapping.objects.all()}
        self.products_by_uuid, self.products_by_name = {}, defaultdict(list)
        for product in Product.objects.select_related("vendor"):
            if product.kitos_uuid:
                self.products_by_uuid[product.kitos_uuid] = product
            self.products_by_name[product.name.lower()].append(product)
        self.companies = {o.cvr: o for o in Organisation.objects.filter(kind="company", cvr__isnull=False)}
        self.usages = list(Usage.objects.filter(organisation=org))
        self.contracts = list(Contract.objects.filter(organisation=org))
        self.contract_usages = defaultdict(set)
        for contract_id, usage_id in Contract.usages.through.objects.filter(
                contract__organisation=org).values_list("contract_id", "usage_id"):
            self.contract_usages[contract_id].add(usage_id)
        self.contacts = defaultdict(list)
        for contact in Contact.objects.filter(organisation=org):
            self.contacts[("usage", contact.usage_id) if contact.usage_id else ("contract", contact.contract_id)] \
                .append(contact)
        self.new_vendors, self.new_products = {}, {}
        self.usage_plans, self.contract_plans = [], []
        self.unmapped = {}
        by_kind = {f.kind: f for f in self.files}
        if kf.USAGES in by_kind:
            self._plan_usages(by_kind[kf.USAGES])
        if kf.CONTRACTS in by_kind:
            self._plan_contracts(by_kind[kf.CONTRACTS])
        self.result.unmapped = list(self.unmapped.values())
        if self.unmapped:
            self.errors.append(
                f"{len(self.unmapped)} system(er) eller kontrakt(er) kan ikke placeres i en digisam-kategori. "
                "Vælg kategorien én gang på listen (den huskes ved senere importer og for alle kommuner med samme "
                "UUID), eller tilføj kolonnen 'Kategori'.")

    def _vendor(self, supplier):
        """The company organisation for `Navn (CVR)`: existing by CVR or a new one (saved in apply)."""
        if not supplier or not supplier.get("cvr"):
            return None
        cvr = supplier["cvr"]
        company = self.companies.get(cvr) or self.new_vendors.get(cvr)
        if company is None:
            company = Organisation(kind="company", name=supplier["name"][:200], cvr=cvr,
                                   slug=_vendor_slug(supplier["name"], cvr))
            self.new_vendors[cvr] = company
        return company

    def _remember_unmapped(self, key_kind, key, label, file, row):
        entry = self.unmapped.setdefault((key_kind, key), {"key_kind": key_kind, "key": key, "label": label,
                                                           "rows": []})
        if len(entry["rows"]) < 10:
            entry["rows"].append(f"{file.name} række {row}")

    def _category_for_system(self, file, row, record, product):
        if record.get("category"):
            category = self.categories.get(record["category"].lower())
            if category is None:
                self.error(file, row, "Kategori", f"ukendt kategori '{record['category']}'")
                return False
            return category
        if product is not None and product.pk:
            return self.category_by_pk[product.category_id]
        if product is not None and getattr(product, "_category", None) is not None:
            return product._category
        uuid = record.get("kitos_uuid")
        name = record["product"]["name"]
        vendor_key = _system_key(name, record.get("rights_holder"), record.get("supplier_plain"))
        for key in ((MappingKey.UUID, uuid), (MappingKey.SYSTEM, vendor_key)):
            if key[1] and key in self.mappings:
                return self.mappings[key]
        candidates = {p.category_id for p in self.products_by_name.get(name.lower(), [])}
        if len(candidates) == 1:
            return self.category_by_pk[next(iter(candidates))]
        if record.get("kle"):
            by_kle = {c.pk for c in self.category_by_pk.values()
                      if c.kle_reference and record["kle"].startswith(c.kle_reference)}
            if len(by_kle) == 1:
                return self.category_by_pk[next(iter(by_kle))]
        if record.get("business_type") and (MappingKey.BUSINESS_TYPE, record["business_type"].lower()) in \
                self.mappings:
            return self.mappings[(MappingKey.BUSINESS_TYPE, record["business_type"].lower())]
        if uuid:
            self._remember_unmapped(MappingKey.UUID, uuid, name, file, row)
        else:
            self._remember_unmapped(MappingKey.SYSTEM, vendor_key, name, file, row)
        return None

    def _plan_usages(self, file):
        stored = {(u.category_id, u.product_id): u for u in self.usages}
        by_uuid = defaultdict(list)
        for usage in self.usages:
            if usage.kitos_uuid:
                by_uuid[usage.kitos_uuid].append(usage)
        present = set(file.layout.used)
        seen = {}
        no_uuid = 0
        for row, record in file.records:
            system = record.get("product")
            if not system or not system["name"]:
                self.error(file, row, "IT System", "systemets navn mangler")
                continue
            if system["unavailable"]:
                self.notice(f"række {row}: {system['name']} er ikke længere tilgængeligt i KITOS' katalog")
            rights_holder = record.get("rights_holder")
            if rights_holder and rights_holder.get("retired"):
                self.notice(f"række {row}: rettighedshaveren {rights_holder['name']} er udgået i KITOS")
            uuid = record.get("kitos_uuid")
            identity = uuid or _system_key(system["name"], rights_holder, record.get("supplier_plain"))
            if identity in seen:
                self.error(file, row, "IT-System (UUID)" if uuid else "IT System",
                           f"dubleret række – samme system som række {seen[identity]}")
                continue
            seen[identity] = row
            vendor = self._vendor(rights_holder)
            product = self._product(uuid, system["name"], vendor, rights_holder, record)
            if not uuid:
                no_uuid += 1
            category = self._category_for_system(file, row, record, product)
            if category is False or category is None:
                continue
            if product is None:
                product = self._new_product(category, system["name"], uuid, vendor, rights_holder, record)
            elif product.pk and product.category_id != category.pk:
                if uuid and product.kitos_uuid == uuid:
                    self.error(file, row, "Kategori", f"systemet (UUID {uuid}) står i kategorien "
                                                      f"'{self.category_by_pk[product.category_id].name}' i digisam")
                    continue
                product = self._new_product(category, system["name"], uuid, vendor, rights_holder, record)
            if product.pk and uuid and not product.kitos_uuid:
                product._set_uuid = uuid  # the catalogue product gets its national identity
            if product.pk and vendor is not None and not product.vendor_id:
                product._set_vendor = vendor  # … and its rights holder
            usage = None
            if uuid and by_uuid.get(uuid):
                usage = by_uuid[uuid][0]
            if usage is None and product.pk:
                usage = stored.get((category.pk, product.pk))
            values = {}
            for key in USAGE_STORED:
                if key not in present:
                    continue
                value = record.get(key)
                if key == "kitos_uuid":
                    value = value or ""
                elif key == "lifecycle" and value is None:
                    value = "undecided"  # KITOS leaves Livscyklus empty when it is not set
                elif value is None:
                    value = Usage._meta.get_field(key).get_default()
                    value = "" if value is None else value
                values[key] = value if not isinstance(value, str) else value[:200] if key != "notes" else value
            self.usage_plans.append({"file": file, "row": row, "usage": usage, "category": category,
                                     "product": product, "values": values, "contacts": record["contacts"],
                                     "roles_present": bool(file.layout.roles), "uuid": uuid})
        if no_uuid:
            self.notice(f"{no_uuid} system(er) uden 'IT-System (UUID)' er matchet på systemnavn og leverandør "
                        "(tag kolonnen 'IT-System (UUID)' med i eksporten for en sikker identitet).")

    def _product(self, uuid, name, vendor, rights_holder, record):
        if uuid:
            product = self.products_by_uuid.get(uuid) or self.new_products.get(("uuid", uuid))
            if product is not None:
                return product
        vendor_name = (rights_holder or {}).get("name") or record.get("supplier_plain") or ""
        for product in self.products_by_name.get(name.lower(), []):
            if uuid and product.kitos_uuid and product.kitos_uuid != uuid:
                continue
            same_vendor = (vendor is not None and product.vendor_id and product.vendor_id == vendor.pk) or (
                (product.vendor_display or "").lower() == vendor_name.lower()) or not (
                product.vendor_id or product.vendor_name)
            if same_vendor:
                return product
        return None

    def _new_product(self, category, name, uuid, vendor, rights_holder, record):
        key = ("uuid", uuid) if uuid else ("name", category.pk, name.lower())
        product = self.new_products.get(key)
        if product is None:
            product = Product(category=category, name=name[:200], kitos_uuid=uuid or None,
                              vendor_name="" if vendor else ((rights_holder or {}).get("name")
                                                             or record.get("supplier_plain") or "")[:200])
            product._vendor = vendor
            product._category = category
            self.new_products[key] = product
        return product

    def _plan_contracts(self, file):
        present = set(file.layout.used)
        by_id = {c.contract_id: c for c in self.contracts if c.contract_id}
        by_name = {c.name.lower(): c for c in self.contracts if c.name and not c.contract_id}
        usages_by_uuid = defaultdict(list)
        usage_names = {}
        for plan in self.usage_plans:
            if plan["uuid"]:
                usages_by_uuid[plan["uuid"]].append(plan)
            usage_names[plan["product"].name.lower()] = plan
        product_names = {p.pk: p.name for plist in self.products_by_name.values() for p in plist}
        for usage in self.usages:
            if usage.kitos_uuid and usage.kitos_uuid not in usages_by_uuid:
                usages_by_uuid[usage.kitos_uuid].append({"usage": usage, "category": self.category_by_pk[
                    usage.category_id], "product": None})
            name = product_names.get(usage.product_id)
            if name and name.lower() not in usage_names:
                usage_names[name.lower()] = {"usage": usage, "category": self.category_by_pk[usage.category_id],
                                             "product": None}
        seen = {}
        for row, record in file.records:
            name = record.get("name")
            if not name:
                self.error(file, row, "IT Kontrakt", "kontraktens navn mangler")
                continue
            key = record.get("contract_id") or name.lower()
            if key in seen:
                self.error(file, row, "Kontrakt ID" if record.get("contract_id") else "IT Kontrakt",
                           f"dubleret række – samme kontrakt som række {seen[key]}")
                continue
            seen[key] = row
            linked = []
            for uuid in record.get("system_uuids") or []:
                found = usages_by_uuid.get(uuid)
                if found:
                    linked.extend(found)
                else:
                    self.notice(f"række {row}: systemet {uuid} findes ikke blandt kommunens systemer; "
                                "kontrakten knyttes ikke til det")
            if not record.get("system_uuids") and record.get("systems"):
                linked.extend(_match_names(record["systems"], usage_names))
            category = None
            if record.get("category"):
                category = self.categories.get(record["category"].lower())
                if category is None:
                    self.error(file, row, "Kategori", f"ukendt kategori '{record['category']}'")
                    continue
            if category is None:
                categories = {p["category"].pk: p["category"] for p in linked}
                if len(categories) == 1:
                    category = next(iter(categories.values()))
                else:
                    contract_key = f"{self.code}:{record.get('contract_id') or name}".lower()
                    category = self.mappings.get((MappingKey.CONTRACT, contract_key))
                    if category is None:
                        self._remember_unmapped(MappingKey.CONTRACT, contract_key, name, file, row)
                        continue
            product = next((p["product"] if p["product"] is not None else _usage_product(p["usage"])
                            for p in linked if p["category"].pk == category.pk), None)
            contract = by_id.get(record["contract_id"]) if record.get("contract_id") else by_name.get(name.lower())
            values = {}
            for field in CONTRACT_STORED:
                source = {"kitos_procurement_strategy": "procurement_strategy", "duration_months": "duration",
                          "extension_count": "option", "extension_months": "option",
                          "notice_months": "notice"}.get(field, field)
                if source not in present:
                    continue
                value = record.get(source)
                if field == "procurement_strategy":
                    value = value["strategy"] if value else ""
                elif field == "kitos_procurement_strategy":
                    value = value["kitos"] if value else ""
                elif field == "extension_count":
                    value = value[0] if value else 0
                elif field == "extension_months":
                    value = value[1] if value else 0
                elif value is None:
                    default = Contract._meta.get_field(field).get_default()
                    value = "" if default is None and field in ("contract_id", "name", "contract_type",
                                                                "planned_reprocurement") else default
                values[field] = value[:200] if isinstance(value, str) else value
            if "name" in values:
                values["name"] = values["name"][:200]
            if "expires" in present and record.get("expires") is None and record.get("duration") and \
                    record.get("valid_from"):
                values["expires"] = _add_months(record["valid_from"], record["duration"])
            supplier = record.get("supplier")
            if "supplier" in present:
                vendor = self._vendor(supplier)
                values["supplier"] = vendor
                values["supplier_name"] = "" if vendor else ((supplier or {}).get("name") or "")[:200]
                if supplier and supplier.get("retired"):
                    self.notice(f"række {row}: leverandøren {supplier['name']} er udgået i KITOS")
            self.contract_plans.append({"file": file, "row": row, "contract": contract, "category": category,
                                        "product": product, "values": values, "linked": linked,
                                        "link_present": "system_uuids" in present or "systems" in present,
                                        "parent_ref": record.get("parent_ref") if "parent_ref" in present else False,
                                        "contacts": record["contacts"], "roles_present": bool(file.layout.roles)})
        # parents: by contract ID or name, among the file's contracts and the stored ones
        names = {}
        for plan in self.contract_plans:
            for ref in (plan["values"].get("contract_id") or (plan["contract"].contract_id if plan["contract"]
                                                              else ""), plan["values"].get("name")):
                if ref:
                    names.setdefault(ref.lower(), plan)
        for plan in self.contract_plans:
            ref = plan["parent_ref"]
            if ref is False:
                continue
            if not ref:
                plan["parent"] = None
                continue
            parent = names.get(ref.lower())
            if parent is None:
                stored = next((c for c in self.contracts if ref.lower() in (c.contract_id.lower(), c.name.lower())),
                              None)
                parent = {"contract": stored, "stored_only": True} if stored else None
            if parent is None or parent is plan:
                self.error(plan["file"], plan["row"], "Overordnet kontrakt",
                           f"den overordnede kontrakt '{ref}' findes hverken i filen eller i digisam")
                continue
            plan["parent"] = parent

    # --- building and comparing -------------------------------------------------------------------
    def build(self):
        """The target objects, validated in memory, with the field-by-field difference."""
        diff = self.result.diff
        taken = {(p.category_id, p.name.lower()) for plist in self.products_by_name.values() for p in plist}
        for product in self.new_products.values():
            if (product.category_id, product.name.lower()) in taken:
                # same name, another vendor or another catalogue UUID: keep both, told apart by vendor
                vendor = getattr(product, "_vendor", None)
                product.name = f"{product.name} ({vendor.name if vendor else product.vendor_name or product.kitos_uuid})"[
                    :200]
            taken.add((product.category_id, product.name.lower()))
        self.result.counts["products"]["created"] = len(self.new_products)
        for plan in self.usage_plans:
            usage = plan["usage"]
            state, changes = "unchanged", {}
            if usage is None:
                usage = Usage(organisation=self.org, category=plan["category"])
                state = "created"
            else:
                usage.organisation = self.org
                if usage.category_id != plan["category"].pk:
                    changes["category"] = [self.category_by_pk[usage.category_id].name, plan["category"].name]
                usage.category = plan["category"]
            if plan["product"].pk is None or usage.product_id != plan["product"].pk:
                if state != "created":
                    changes["product"] = [_usage_product_name(usage, self), plan["product"].name]
            usage.product = plan["product"]
            for key, value in plan["values"].items():
                old = getattr(usage, key)
                if old != value:
                    changes[key] = [_show(old), _show(value)]
                    setattr(usage, key, value)
            if plan["roles_present"]:
                if self._contacts_differ(("usage", usage.pk), plan["contacts"]) and usage.pk:
                    changes["contacts"] = ["…", ", ".join(f"{r}: {n or e}" for r, n, e in plan["contacts"])]
            if state == "unchanged" and changes:
                state = "updated"
            plan["obj"], plan["state"] = usage, state
            self._validate(usage, plan, exclude=["organisation", "category", "product"])
            self._record(diff, "usage", state, usage, plan["row"], changes)
        for plan in self.contract_plans:
            plan["obj"] = plan["contract"] or Contract(organisation=self.org, category=plan["category"])
        for plan in self.contract_plans:
            contract = plan["obj"]
            state, changes = "unchanged", {}
            if plan["contract"] is None:
                state = "created"
            else:
                contract.organisation = self.org
                if contract.category_id != plan["category"].pk:
                    changes["category"] = [self.category_by_pk[contract.category_id].name, plan["category"].name]
                contract.category = plan["category"]
            if plan["product"] is not None and (plan["product"].pk is None or
                                                contract.product_id != plan["product"].pk):
                if state != "created":
                    changes["product"] = ["", plan["product"].name]
                contract.product = plan["product"]
            for key, value in plan["values"].items():
                if key == "supplier":
                    old_id = contract.supplier_id
                    if (value is None and old_id) or (value is not None and (value.pk is None or value.pk != old_id)):
                        changes["supplier"] = [str(contract.supplier) if old_id else "", str(value or "")]
                        contract.supplier = value
                    continue
                old = getattr(contract, key)
                if old != value:
                    changes[key] = [_show(old), _show(value)]
                    setattr(contract, key, value)
            if "parent" in plan:
                parent = plan["parent"]
                new_parent = None if parent is None else parent.get("contract") if parent.get("stored_only") else \
                    parent.get("obj")
                plan["parent_obj"] = new_parent
                old_parent = contract.parent_id
                if (new_parent is None and old_parent) or (new_parent is not None and (
                        new_parent.pk is None or new_parent.pk != old_parent)):
                    changes["parent"] = [str(old_parent or ""), new_parent.name if new_parent is not None else ""]
            wanted = {p["usage"].pk if p.get("usage") is not None else None for p in plan["linked"]}
            plan["wanted_usages"] = plan["linked"]
            if plan["link_present"]:
                existing = self.contract_usages.get(contract.pk, set()) if contract.pk else set()
                if None in wanted or wanted - {None} != existing:
                    if state != "created":
                        changes["usages"] = [len(existing), len(plan["linked"])]
            if plan["roles_present"] and contract.pk and self._contacts_differ(("contract", contract.pk),
                                                                               plan["contacts"]):
                changes["contacts"] = ["…", ", ".join(f"{r}: {n or e}" for r, n, e in plan["contacts"])]
            if state == "unchanged" and changes:
                state = "updated"
            plan["obj"], plan["state"] = contract, state
            self._validate(contract, plan, exclude=["organisation", "category", "product", "supplier", "usages",
                                                    "parent"])
            self._record(diff, "contract", state, contract, plan["row"], changes)
        # stored, but no longer in the export: flagged, never deleted
        kinds = {f.kind for f in self.files}
        if kf.USAGES in kinds:
            matched = {p["obj"].pk for p in self.usage_plans if p["obj"].pk}
            for usage in self.usages:
                if usage.pk not in matched:
                    self.result.missing.append(f"systemanvendelse: {_usage_product_name(usage, self) or '–'} "
                                               f"({self.category_by_pk[usage.category_id].name})")
        if kf.CONTRACTS in kinds:
            matched = {p["obj"].pk for p in self.contract_plans if p["obj"].pk}
            for contract in self.contracts:
                if contract.pk not in matched:
                    self.result.missing.append(f"kontrakt: {contract.name or contract.contract_id}")

    def _contacts_differ(self, owner, wanted):
        stored = sorted((c.role, c.name, c.email) for c in self.contacts.get(owner, []))
        return stored != sorted(wanted)

    def _record(self, diff, kind, state, obj, row, changes):
        counts = self.result.counts["usages" if kind == "usage" else "contracts"]
        counts[state] += 1
        if state == "unchanged" or len(diff) >= 500:
            return
        label = (obj.product.name if kind == "usage" and obj.product else obj.name or obj.contract_id
                 if kind == "contract" else "")
        diff.append({"kind": kind, "state": state, "row": row, "label": label,
                     "fields": changes if state == "updated" else {}})
        if len(self.result.changes) < 200:
            what = "systemanvendelse" if kind == "usage" else "kontrakt"
            verb = "oprettes" if state == "created" else "ændres: " + ", ".join(
                f"{k} {v[0]!s} → {v[1]!s}" for k, v in changes.items())
            self.result.changes.append(f"række {row}: {what} {label} {verb}")

    def _validate(self, obj, plan, exclude):
        try:
            obj.clean_fields(exclude=exclude)
            obj.clean()
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                column = FIELD_COLUMN.get(field) or next(
                    (c.header for c in kf.columns_for(plan["file"].kind) if c.key == field), field)
                for message in messages:
                    self.error(plan["file"], plan["row"], column, message)
            return
        if isinstance(obj, Contract) and obj.expires and obj.valid_from and obj.expires < obj.valid_from:
            self.error(plan["file"], plan["row"], "Gyldig til", "'Gyldig til' må ikke ligge før 'Gyldig fra'")

    # --- applying ----------------------------------------------------------------------------------
    def apply(self, *, channel, progress=None):
        for vendor in self.new_vendors.values():
            # Vendors are shared reference data: created by the system on the coordinator's import.
            services.save(vendor, user=services.SYSTEM, channel=channel)
        for plan in self.usage_plans:
            product = plan["product"]
            uuid, vendor = getattr(product, "_set_uuid", None), getattr(product, "_set_vendor", None)
            if product.pk and ((uuid and not product.kitos_uuid) or (vendor is not None and not product.vendor_id)):
                # Catalogue products are reference data: completed by the system on the import.
                if uuid and not product.kitos_uuid:
                    product.kitos_uuid = uuid
                if vendor is not None and not product.vendor_id:
                    product.vendor = vendor
                    product.vendor_name = ""
                services.save(product, user=services.SYSTEM, channel=channel)
        for product in self.new_products.values():
            vendor = getattr(product, "_vendor", None)
            if vendor is not None:
                product.vendor = vendor
            product.category = product.category
            services.save(product, user=self.user, channel=channel, validate=False)
        total = max(1, len(self.usage_plans) + len(self.contract_plans))
        done = 0
        for plan in self.usage_plans:
            usage = plan["obj"]
            usage.product = usage.product
            if plan["state"] != "unchanged":
                services.save(usage, user=self.user, channel=channel, validate=False)
            if plan["roles_present"]:
                self._save_contacts(("usage", usage), plan["contacts"], channel)
            done += 1
            if progress and done % 200 == 0:
                progress(int(100 * done / total), f"{done} af {total} rækker")
        ordered = sorted(self.contract_plans, key=lambda p: 1 if p.get("parent") else 0)
        for plan in ordered:
            contract = plan["obj"]
            if contract.product is not None:
                contract.product = contract.product
            if contract.supplier is not None:
                contract.supplier = contract.supplier
            if "parent_obj" in plan:
                contract.parent = plan["parent_obj"]
            if plan["state"] != "unchanged":
                m2m = None
                if plan["link_present"] or not contract.pk:
                    m2m = {"usages": sorted({(p.get("obj") or p["usage"]).pk for p in plan["wanted_usages"]})}
                services.save(contract, user=self.user, channel=channel, m2m=m2m)
            if plan["roles_present"]:
                self._save_contacts(("contract", contract), plan["contacts"], channel)
            done += 1
            if progress and done % 200 == 0:
                progress(int(100 * done / total), f"{done} af {total} rækker")

    def _save_contacts(self, owner, wanted, channel):
        kind, obj = owner
        stored = {(c.role, c.name, c.email): c for c in self.contacts.get((kind, obj.pk), [])}
        for key, contact in stored.items():
            if key not in wanted:
                services.delete(contact, user=self.user, channel=channel)
        for role, name, email in wanted:
            if (role, name, email) not in stored:
                contact = Contact(organisation=self.org, role=role[:100], name=name, email=email,
                                  **{kind: obj})
                services.save(contact, user=self.user, channel=channel)


def _header(file, index):
    return next((column.header for i, column in file.layout.used.values() if i == index), str(index))


def _cell_text(row, index):
    if index is None or index >= len(row) or row[index] is None:
        return ""
    return str(row[index]).strip()


def _system_key(name, rights_holder, plain_vendor):
    vendor = (rights_holder or {}).get("cvr") or (rights_holder or {}).get("name") or plain_vendor or ""
    return f"{name.strip().lower()}|{vendor.strip().lower()}"


def _vendor_slug(name, cvr):
    base = danish_slug(name)[:60] or "leverandoer"
    return f"{base}-{cvr}"[:80]


def _usage_product(usage):
    return usage.product if usage is not None and usage.product_id else None


def _usage_product_name(usage, importer):
    if not usage.product_id:
        return ""
    for products in importer.products_by_name.values():
        for product in products:
            if product.pk == usage.product_id:
                return product.name
    return ""


def _match_names(text, names):
    """The usages named in a KITOS list cell without UUIDs: names joined with ', ' where a name may
    itself contain ', ' — matched against the known names (longest first), never split blindly."""
    remaining = text.strip()
    found = []
    for name in sorted(names, key=len, reverse=True):
        lowered = remaining.lower()
        position = lowered.find(name)
        while position >= 0:
            before_ok = position == 0 or lowered[max(0, position - 2):position] == ", "
            end = position + len(name)
            after_ok = end == len(lowered) or lowered[end:end + 2] == ", "
            if before_ok and after_ok:
                found.append(names[name])
                remaining = remaining[:position] + "\x00" * len(name) + remaining[end:]
                break
            position = lowered.find(name, position + 1)
    return found


def _add_months(day, months):
    from . import contract_dates

    if months == 0:
        return None
    return contract_dates.add_months(day, months) - datetime.timedelta(days=1)


def _show(value):
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)
