"""Portfolio import: read a template or KITOS file, validate every row in memory, then (unless it is a
dry run) save all-or-nothing through the audited service with channel IMPORT.

Fast path for ~3,000 rows: the catalogue, the municipalities and every existing usage and contract
of the municipalities in the file are read with a handful of queries; each object is validated in
memory (field validators, `clean()`, constraints and duplicates in the file) and then saved with
`services.save(..., validate=False)` — permission checks and the audit entry still happen per
object. Unchanged objects are not saved at all, so re-importing the same file changes nothing.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from digisam.core import permissions, services
from digisam.core.models import Channel
from digisam.core.spreadsheets import FileProblem, Formula, open_table
from digisam.organisations.models import Organisation

from . import formats, kitos
from .models import Category, Contract, Product, Usage

USAGE_FIELDS = ["lifecycle", "criticality", "responsible_unit", "user_count", "notes", "kitos_uuid"]
CONTRACT_FIELDS = [
    "product", "contract_id", "name", "supplier", "supplier_name", "concluded", "valid_from", "irrevocable_until",
    "expires", "terminated", "notice_months", "notice_runs_to", "extension_count", "extension_months",
    "extensions_used", "extension_uplift", "early_exit_months", "early_exit_fee", "cost_acquisition",
    "cost_operation", "cost_other", "price_regulation", "procurement_strategy", "planned_reprocurement",
    "procurement_initiated", "opt_out", "earliest_start",
]
CONTRACT_DEFAULTS = {f.name: f.get_default() for f in Contract._meta.concrete_fields}
USAGE_DEFAULTS = {f.name: f.get_default() for f in Usage._meta.concrete_fields}


@dataclasses.dataclass
class ImportResult:
    format: str = ""
    sheet: str = ""
    rows: int = 0
    errors: list[str] = dataclasses.field(default_factory=list)
    counts: dict = dataclasses.field(default_factory=lambda: {
        "usages": {"created": 0, "updated": 0, "unchanged": 0},
        "contracts": {"created": 0, "updated": 0, "unchanged": 0},
        "products": {"created": 0},
    })
    changes: list[str] = dataclasses.field(default_factory=list)
    applied: bool = False
    files: list[dict] = dataclasses.field(default_factory=list)
    notices: list[str] = dataclasses.field(default_factory=list)
    diff: list[dict] = dataclasses.field(default_factory=list)
    missing: list[str] = dataclasses.field(default_factory=list)
    unmapped: list[dict] = dataclasses.field(default_factory=list)

    @property
    def ok(self):
        return not self.errors

    def as_dict(self):
        return dataclasses.asdict(self) | {"ok": self.ok}

    def summary(self):
        u, c = self.counts["usages"], self.counts["contracts"]
        return (
            f"Systemanvendelser: {u['created']} nye, {u['updated']} ændrede, {u['unchanged']} uændrede. "
            f"Kontrakter: {c['created']} nye, {c['updated']} ændrede, {c['unchanged']} uændrede. "
            f"Nye produkter: {self.counts['products']['created']}."
        )


KIND_LABELS = {"template": "digisam-skabelonen", kitos.kf.USAGES: "en KITOS-eksport af IT-systemer",
               kitos.kf.CONTRACTS: "en KITOS-eksport af IT-kontrakter"}


def import_file(data: bytes, filename: str, *, user, municipality: str | None = None, dry_run: bool = True,
                channel=Channel.IMPORT, progress=None) -> ImportResult:
    """Import a portfolio file for `user`. `municipality` (kommunekode): the file's rows must belong to
    it (and blank codes default to it); without it every row names its municipality."""
    return import_files([(data, filename)], user=user, municipality=municipality, dry_run=dry_run,
                        channel=channel, progress=progress)


def import_files(files, *, user, municipality: str | None = None, dry_run: bool = True, channel=Channel.IMPORT,
                 progress=None, expected: list[str | None] | None = None) -> ImportResult:
    """Import one or more files in one go: (data, filename) pairs — the template alone, or KITOS's
    IT-systemer and IT-kontrakter exports together — with one dry run and one all-or-nothing apply.
    `expected[i]` (a kind or None) is what the user said file i is; a different kind is an error."""
    result = ImportResult()
    tables = []
    for index, (data, filename) in enumerate(files):
        label = f"{filename}: " if len(files) > 1 else ""
        try:
            table = open_table(data, filename, sheet_matcher=lambda h: formats.detect(h) is not None)
        except FileProblem as problem:
            result.errors.append(label + str(problem))
            continue
        kind = formats.detect(table.header)
        if kind is None:
            result.errors.append(label + _unrecognised(table.header))
            continue
        wanted = (expected or [None] * len(files))[index]
        if wanted and wanted != kind:
            result.errors.append(f"{label}filen er {KIND_LABELS[kind]}, men den er uploadet som "
                                 f"{KIND_LABELS[wanted]}.")
            continue
        tables.append((filename, kind, table))
        result.files.append({"name": filename, "kind": kind, "sheet": table.sheet})
    if result.errors:
        return result
    kinds = [kind for _n, kind, _t in tables]
    result.format = "+".join(kinds)
    result.sheet = ", ".join(t.sheet for _n, _k, t in tables)
    if "template" in kinds and len(tables) > 1:
        result.errors.append("Skabelonen indlæses for sig; upload den alene.")
        return result
    if kitos.is_kitos(kinds[0]):
        return _import_kitos(tables, result, user=user, municipality=municipality, dry_run=dry_run,
                             channel=channel, progress=progress)
    _name, kind, table = tables[0]
    header, rows = table.header, table.rows
    plan = _Planner(kind, header, rows, user=user, municipality=municipality, result=result)
    if dry_run:
        _validate(plan, result)
        if result.errors:
            return result
        # Everything was validated in memory: the counts are known without writing anything.
        plan.count()
        return result
    _sqlite_memory_temp_store()
    try:
        with transaction.atomic(), services.operation():
            # Applies wait their turn: the plan is made inside the transaction, after locking the
            # file's municipalities (see _resolve), so a second import of the same municipality
            # started at the same time plans against what the first one left — never a 500.
            plan.lock = True
            _validate(plan, result)
            if result.errors:
                return result
            plan.apply(channel=channel, progress=progress)
    except IntegrityError:
        # A write outside imports (a page, the API) took the same row at the same moment.
        result.errors.append("Porteføljen blev ændret samtidig af en anden; intet er gemt. Prøv igen.")
        return result
    except PermissionDenied:
        result.errors.append("Du har ikke ret til at ændre porteføljen for alle kommuner i filen.")
        return result
    except ValidationError as error:  # pragma: no cover - validated above; kept as a safety net
        result.errors.append("Filen kunne ikke gemmes: " + "; ".join(error.messages))
        return result
    result.applied = not dry_run
    return result


def _validate(plan, result):
    """Validate the plan; a limit reached while streaming the rows is one more error, not a crash."""
    try:
        plan.validate()
    except FileProblem as problem:
        result.errors.append(str(problem))


def _unrecognised(header):
    shown = ", ".join(f"'{h}'" for h in header[:6] if h)
    return (
        f"Kolonneoverskrifterne blev ikke genkendt (fundet: {shown}). Brug skabelonen (kolonnerne "
        + ", ".join(f"'{h}'" for h, _k, _t in formats.TEMPLATE_COLUMNS[:4])
        + " …) eller en KITOS-eksport af IT-systemer eller IT-kontrakter."
    )


def _import_kitos(tables, result, *, user, municipality, dry_run, channel, progress):
    if not municipality:
        result.errors.append("En KITOS-eksport har ingen kommunekode: angiv kommunen (--municipality KODE).")
        return result
    files = [kitos.KitosFile(name, kind, table.header, table.rows) for name, kind, table in tables]
    work = kitos.KitosImport(files, user=user, municipality=municipality, result=result)

    def plan():
        try:
            work.read()
            if not result.errors:
                work.resolve()
            if not result.errors:
                work.build()
        except FileProblem as problem:  # a limit reached while streaming the rows
            result.errors.append(str(problem))

    if dry_run:
        plan()
        return result
    _sqlite_memory_temp_store()
    try:
        with transaction.atomic(), services.operation():
            # As for the template: the plan is made inside the transaction after locking the
            # municipality, so two imports of the same municipality take turns — never a 500.
            work.lock = True
            plan()
            if result.errors:
                return result
            work.apply(channel=channel, progress=progress)
    except IntegrityError:
        result.errors.append("Porteføljen blev ændret samtidig af en anden; intet er gemt. Prøv igen.")
        return result
    except PermissionDenied:
        result.errors.append("Du har ikke ret til at ændre porteføljen for kommunen.")
        return result
    except ValidationError as error:
        result.errors.append("Filen kunne ikke gemmes: " + "; ".join(error.messages))
        return result
    result.applied = True
    return result


def _sqlite_memory_temp_store():
    """SQLite keeps the journal of every savepoint (one per audited save) in a temporary file by
    default; in memory, a 3,000-row import spends its time computing instead of waiting for disk."""
    from django.db import connection

    if connection.vendor == "sqlite" and not connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA temp_store = MEMORY")


class _Planner:
    def __init__(self, kind, header, rows, *, user, municipality, result):
        self.kind, self.user, self.result = kind, user, result
        self.municipality_code = municipality
        columns, required = formats.FORMATS[kind]
        self.columns = {h: (key, typ) for h, key, typ in columns}
        self.header = [formats.canonical(h) for h in header]
        self.rows = rows
        self.required = set(required)
        if kind == "template" and not municipality:
            self.required.add("Kommunekode")
        self.records = []  # (row_number, dict)
        self.lock = False  # True while applying: _resolve locks what the plan depends on

    def error(self, row, column, message):
        if len(self.result.errors) < 500:
            self.result.errors.append(f"række {row}, kolonne {column}: {message}")
        elif len(self.result.errors) == 500:
            self.result.errors.append("… flere fejl er udeladt.")

    # --- validation ---------------------------------------------------------------------------
    def validate(self):
        errors = self.result.errors
        seen = set()
        for name in self.header:
            if not name:
                continue
            if name not in self.columns:
                errors.append(f"række 1, kolonne {name}: ukendt kolonneoverskrift")
            elif name in seen:
                errors.append(f"række 1, kolonne {name}: kolonnen findes to gange")
            seen.add(name)
        for name in sorted(self.required - seen):
            errors.append(f"række 1, kolonne {name}: kolonnen mangler")
        if errors:
            return
        data_rows = 0
        for offset, row in self.rows:
            if all(v is None or (isinstance(v, str) and not v.strip()) for v in row):
                continue
            data_rows += 1
            record = {}
            for index, name in enumerate(self.header):
                if not name:
                    continue
                value = row[index] if index < len(row) else None
                if isinstance(value, Formula):
                    self.error(offset, name, f"formler er ikke tilladt ({value.text}) – indsæt værdien")
                    continue
                key, typ = self.columns[name]
                try:
                    record[key] = formats.parse(typ, value)
                except formats.CellError as problem:
                    self.error(offset, name, str(problem))
            self.records.append((offset, record))
        self.result.rows = data_rows
        if not data_rows:
            errors.append("Filen har ingen datarækker under overskrifterne.")
            return
        if errors:
            return
        self._resolve()

    def _resolve(self):
        """Look up municipalities, categories, products and existing objects; build the target state."""
        codes = {r.get("municipality") for _n, r in self.records} - {None}
        if self.municipality_code:
            codes.add(self.municipality_code)
        organisations = Organisation.objects.filter(code__in=codes, kind="municipality")
        if self.lock:
            # Applying: hold the municipalities (in a fixed order) and the catalogue's categories,
            # where new products are made, until this import commits.
            organisations = organisations.select_for_update().order_by("pk")
            list(Category.objects.select_for_update().order_by("pk").values_list("pk", flat=True))
        orgs = {o.code: o for o in organisations}
        if self.municipality_code and self.municipality_code not in orgs:
            self.result.errors.append(f"Ukendt kommunekode '{self.municipality_code}'.")
            return
        categories = {}
        for category in Category.objects.all():
            categories[category.slug.lower()] = category
            categories[category.name.lower()] = category
        self.categories = categories
        products = {}
        products_by_name = defaultdict(list)
        for product in Product.objects.select_related("category"):
            products[(product.category_id, product.name.lower())] = product
            products_by_name[product.name.lower()].append(product)
        companies = {}
        for org in Organisation.objects.filter(kind="company"):
            companies[org.name.lower()] = org
            if org.cvr:
                companies[org.cvr] = org
        self.products, self.companies = products, companies
        org_ids = [o.pk for o in orgs.values()]
        usages = {}
        for usage in Usage.objects.filter(organisation_id__in=org_ids):
            usages[(usage.organisation_id, usage.category_id, usage.product_id)] = usage
        contracts = {}
        contract_usages = defaultdict(set)
        for contract in Contract.objects.filter(organisation_id__in=org_ids):
            contracts[self._contract_key(contract.organisation_id, contract.category_id, contract.product_id,
                                         contract.contract_id)] = contract
        for contract_id, usage_id in Contract.usages.through.objects.filter(
            contract__organisation_id__in=org_ids
        ).values_list("contract_id", "usage_id"):
            contract_usages[contract_id].add(usage_id)
        self.usages, self.contracts, self.contract_usages = usages, contracts, contract_usages
        products_by_id = self.products_by_id = {p.pk: p for p in products.values()}
        usages_by_product_name = defaultdict(list)
        for usage in usages.values():
            if usage.product_id in products_by_id:
                name = products_by_id[usage.product_id].name.lower()
                usages_by_product_name[(usage.organisation_id, name)].append(usage)

        access = permissions.access_for(self.user)
        self.plans = []  # list of dicts describing the work per row
        new_products = {}
        seen_usage, seen_contract = {}, {}
        for row, record in self.records:
            code = record.get("municipality") or self.municipality_code
            column = "Kommunekode"
            if code is None:
                self.error(row, column, "kommunekoden mangler")
                continue
            if self.municipality_code and code != self.municipality_code:
                self.error(row, column, f"rækken hører til kommune {code}, men importen er for kommune "
                                        f"{self.municipality_code}")
                continue
            org = orgs.get(code)
            if org is None:
                self.error(row, column, f"ukendt kommunekode '{code}'")
                continue
            if not (access.is_admin or org.pk in access.coordinator_organisations):
                self.error(row, column, f"du kan ikke ændre porteføljen for {org.name}")
                continue
            category = self._category(row, record, usages_by_product_name, org, products_by_name)
            if category is None:
                continue
            product_name = record.get("product")
            if self.kind == "kitos_contracts":
                product_name = self._kitos_contract_product(record, category, usages_by_product_name, org)
            product = None
            if product_name:
                product = products.get((category.pk, product_name.lower()))
                if product is None:
                    key = (category.pk, product_name.lower())
                    product = new_products.get(key)
                    if product is None:
                        product = Product(category=category, name=product_name[:200],
                                          vendor_name=(record.get("supplier") or "")[:200])
                        new_products[key] = product
            elif self.kind == "template":
                self.error(row, "Produkt", "produktet mangler")
                continue
            plan = {"row": row, "org": org, "category": category, "product": product}
            if self.kind in ("template", "kitos_usages"):
                key = (org.pk, category.pk, product_name.lower() if product_name else None)
                if key in seen_usage:
                    self.error(row, "Produkt", f"dubleret række – samme kommune, kategori og produkt som række "
                                               f"{seen_usage[key]}")
                    continue
                seen_usage[key] = row
                plan["usage"] = {k: record[k] for k in USAGE_FIELDS if k in record}
            has_contract = self.kind == "kitos_contracts" or any(
                record.get(k) not in (None, "") for k in formats.CONTRACT_KEYS
            )
            if self.kind == "kitos_usages":
                has_contract = False
            if has_contract:
                values = self._contract_values(row, record)
                if values is None:
                    continue
                ckey = (org.pk, values.get("contract_id") or "", category.pk,
                        (product_name or "").lower() if not values.get("contract_id") else "")
                if ckey in seen_contract:
                    self.error(row, "Kontrakt ID", f"dubleret række – samme kontrakt som række {seen_contract[ckey]}")
                    continue
                seen_contract[ckey] = row
                plan["contract"] = values
                if self.kind == "kitos_contracts":
                    plan["system_usage_ids"] = {
                        u.pk for system in _split(record.get("systems"))
                        for u in usages_by_product_name.get((org.pk, system.lower()), [])
                    }
            self.plans.append(plan)
        self.new_products = new_products
        if self.result.errors:
            return
        self._check_objects()

    def _category(self, row, record, usages_by_product_name, org, products_by_name):
        name = record.get("category")
        if name:
            category = self.categories.get(name.lower())
            if category is None:
                self.error(row, "Kategori", f"ukendt kategori '{name}'")
            return category
        # KITOS files: from the product (or the contract's systems) when it names a known product.
        candidates = []
        if self.kind == "kitos_usages" and record.get("product"):
            candidates = [p.category for p in products_by_name.get(record["product"].lower(), [])]
            if not candidates and record.get("kle"):
                candidates = [c for c in set(self.categories.values())
                              if c.kle_reference and c.kle_reference == record["kle"]]
        if self.kind == "kitos_contracts":
            for system in _split(record.get("systems")):
                for usage in usages_by_product_name.get((org.pk, system.lower()), []):
                    candidates.append(usage.category)
                candidates += [p.category for p in products_by_name.get(system.lower(), [])]
        unique = {c.pk: c for c in candidates}
        if len(unique) == 1:
            return next(iter(unique.values()))
        column = "IT System" if self.kind == "kitos_usages" else "IT Systemer"
        if not unique:
            self.error(row, column, "kategorien kan ikke bestemmes – tilføj kolonnen 'Kategori'")
        else:
            self.error(row, column, "systemet hører til flere kategorier – tilføj kolonnen 'Kategori'")
        return None

    def _kitos_contract_product(self, record, category, usages_by_product_name, org):
        for system in _split(record.get("systems")):
            if (category.pk, system.lower()) in self.products:
                return system
        systems = _split(record.get("systems"))
        return systems[0] if systems else None

    def _contract_values(self, row, record):
        values = {}
        for key in CONTRACT_FIELDS:
            if key in ("product", "supplier", "supplier_name"):
                continue
            if key in record:
                value = record[key]
                values[key] = CONTRACT_DEFAULTS[key] if value is None and CONTRACT_DEFAULTS[key] is not None \
                    else value
        if self.kind == "kitos_contracts":
            if record.get("notice") is not None:
                values["notice_months"] = record["notice"]
            if record.get("option"):
                values["extension_count"], values["extension_months"] = record["option"]
            if not values.get("contract_id") and record.get("name"):
                values["contract_id"] = record["name"][:100]
        for text_key in ("contract_id", "name", "price_regulation", "procurement_strategy", "planned_reprocurement"):
            if text_key in values and values[text_key] is None:
                values[text_key] = ""
        supplier = record.get("supplier")
        cvr = record.get("supplier_cvr")
        company = (self.companies.get(cvr) if cvr else None) or (
            self.companies.get(supplier.lower()) if supplier else None
        )
        values["supplier"] = company
        values["supplier_name"] = "" if company else (supplier or "")[:200]
        return values

    def _contract_key(self, org_id, category_id, product_id, contract_id):
        if contract_id:
            return (org_id, "id", contract_id)
        return (org_id, "cp", category_id, product_id)

    def _check_objects(self):
        """Build the target objects and validate them in memory (no queries)."""
        for product in self.new_products.values():
            self._validate(product, None, "Produkt", exclude=["category", "vendor"])
        for plan in self.plans:
            org, category, product = plan["org"], plan["category"], plan["product"]
            usage = None
            if "usage" in plan:
                usage = None if (product is not None and product.pk is None) else self.usages.get(
                    (org.pk, category.pk, product.pk if product else None)
                )
                state = "unchanged"
                if usage is None:
                    usage = Usage(organisation=org, category=category, product=product)
                    state = "created"
                else:  # same ids: fills the relation caches so clean() needs no queries
                    usage.organisation, usage.category, usage.product = org, category, product
                for key, value in plan["usage"].items():
                    if value is None:
                        value = USAGE_DEFAULTS[key] if USAGE_DEFAULTS[key] is not None else ""
                    if getattr(usage, key) != value:
                        setattr(usage, key, value)
                        state = "updated" if state == "unchanged" else state
                plan["usage_obj"], plan["usage_state"] = usage, state
                self._validate(usage, plan["row"], None, exclude=["organisation", "category", "product"])
            if "contract" in plan:
                values = plan["contract"]
                key = self._contract_key(org.pk, category.pk, product.pk if product and product.pk else None,
                                         values.get("contract_id"))
                contract = self.contracts.get(key) if (product is None or product.pk or values.get("contract_id")) \
                    else None
                state = "unchanged"
                if contract is None:
                    contract = Contract(organisation=org, category=category)
                    state = "created"
                else:
                    contract.organisation = org
                    if contract.product_id and contract.product_id in self.products_by_id:
                        contract.product = self.products_by_id[contract.product_id]
                    if contract.category_id != category.pk:
                        state = "updated"
                    contract.category = category
                if contract.product_id != (product.pk if product else None) or (product and not product.pk):
                    contract.product = product
                    state = "updated" if state == "unchanged" else state
                for key, value in values.items():
                    if getattr(contract, key) != value:
                        setattr(contract, key, value)
                        state = "updated" if state == "unchanged" else state
                plan["contract_obj"], plan["contract_state"] = contract, state
                self._validate(contract, plan["row"], None,
                               exclude=["organisation", "category", "product", "supplier", "usages"])
                linked = self.contract_usages.get(contract.pk, set()) if contract.pk else set()
                missing = set(plan.get("system_usage_ids", ())) - linked
                if missing or (usage is not None and (usage.pk is None or usage.pk not in linked)):
                    if state == "unchanged":
                        plan["contract_state"] = "updated"

    def _validate(self, obj, row, column, exclude):
        try:
            obj.clean_fields(exclude=exclude)
            obj.clean()
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                label = _column_for(field, self.kind)
                for message in messages:
                    if row is None:
                        self.result.errors.append(f"{column}: {message}")
                    else:
                        self.error(row, label, message)
            return
        # check constraints, in memory
        if isinstance(obj, Contract):
            if obj.extensions_used > obj.extension_count:
                self.error(row, _column_for("extensions_used", self.kind),
                           "der kan ikke være brugt flere optioner end kontrakten har")
            if obj.expires and obj.valid_from and obj.expires < obj.valid_from:
                self.error(row, _column_for("expires", self.kind), "'Gyldig til' må ikke ligge før 'Gyldig fra'")

    # --- saving --------------------------------------------------------------------------------
    def count(self):
        """The dry run's report: what apply() would create, update or leave unchanged."""
        result = self.result
        result.counts["products"]["created"] = len(self.new_products)
        for plan in self.plans:
            for kind, obj_key, state_key, label in (("usages", "usage_obj", "usage_state", "systemanvendelse"),
                                                    ("contracts", "contract_obj", "contract_state", "kontrakt")):
                obj = plan.get(obj_key)
                if obj is None:
                    continue
                state = plan[state_key]
                result.counts[kind][state] += 1
                if state != "unchanged" and len(result.changes) < 200:
                    result.changes.append(f"række {plan['row']}: {label} {_describe(obj)} {_verb(state)}")

    def apply(self, *, channel, progress=None):
        """Write the plan: new products, usages and contracts in bulk through `services.create_many`
        (permission, relation checks and one audit entry per object, as `save()` would), changed ones
        one by one through `services.save`; unchanged ones not at all."""
        user = self.user
        services.create_many(list(self.new_products.values()), user=user, channel=channel, validate=False)
        self.count()  # the counts and the change list in row order, as the dry run shows them
        total = max(1, len(self.plans))
        new_usages = []
        for number, plan in enumerate(self.plans, start=1):
            usage = plan.get("usage_obj")
            if usage is None or plan["usage_state"] == "unchanged":
                continue
            if usage.product is not None and usage.product_id is None:
                usage.product = usage.product  # the id of a product created above
            if plan["usage_state"] == "created":
                new_usages.append(usage)
            else:
                services.save(usage, user=user, channel=channel, validate=False)
            if progress and number % 500 == 0:
                progress(int(40 * number / total), f"{number} af {total} rækker: systemanvendelser")
        services.create_many(new_usages, user=user, channel=channel, validate=False)
        if progress:
            progress(50, f"{len(new_usages)} nye systemanvendelser gemt")
        new_contracts, new_links = [], []
        for number, plan in enumerate(self.plans, start=1):
            contract = plan.get("contract_obj")
            if contract is None or plan["contract_state"] == "unchanged":
                continue
            usage = plan.get("usage_obj")
            if contract.product is not None and contract.product_id is None:
                contract.product = contract.product
            existing = set(self.contract_usages.get(contract.pk, ())) if contract.pk else set()
            wanted = existing | set(plan.get("system_usage_ids", ()))
            if usage is not None:
                wanted.add(usage.pk)
            if plan["contract_state"] == "created":
                new_contracts.append(contract)
                new_links.append({"usages": sorted(wanted)})
            else:
                m2m = {"usages": sorted(wanted)} if wanted != existing else None
                services.save(contract, user=user, channel=channel, m2m=m2m, validate=False)
            if progress and number % 500 == 0:
                progress(50 + int(40 * number / total), f"{number} af {total} rækker: kontrakter")
        services.create_many(new_contracts, user=user, channel=channel, m2m=new_links, validate=False)
        if progress:
            progress(100, f"{total} af {total} rækker")


def _describe(obj):
    org = obj.organisation.name
    name = getattr(obj, "name", "") or getattr(obj, "contract_id", "") or (obj.product.name if obj.product else "")
    return f"{org}: {name or obj.category.name}"


def _verb(state):
    return {"created": "oprettes", "updated": "ændres"}.get(state, "uændret")


def _split(text):
    if not text:
        return []
    return [part.strip() for part in str(text).replace(";", ",").split(",") if part.strip()]


def _column_for(field, kind):
    columns, _required = formats.FORMATS[kind]
    for header, key, _typ in columns:
        if key == field:
            return header
    if field in ("notice_months",) and kind == "kitos_contracts":
        return "Opsigelse"
    if field in ("extension_count", "extension_months", "extensions_used") and kind == "kitos_contracts":
        return "Option"
    return field
