"""KITOS REST API v2 sync: read a municipality's IT-system usages and IT contracts and turn them into
the two overview exports KITOS itself writes, so they go through exactly the same validate → dry
run → apply pipeline as uploaded files (kitos.py).

The API as published in os2kitos/kitos (Presentation.Web, API v2): a JWT from
`POST /api/authorize/GetToken` (`{"email", "password"}` → `{"response": {"token"}}`), reads with
`Authorization: Bearer`, `page` (0-based) and `pageSize` (≤ 250) and a bare JSON array per page — a
short page is the last. Usages carry `systemContext` (the catalogue system), `general` (local call
name, notes, expected users, validity with `lifeCycleStatus`, `mainContract`),
`organizationUsage.responsibleOrganizationUnit` and `roles`; contracts carry `general`
(`contractId`, `contractType`, `validity`), `parentContract`, `procurement`,
`supplier.organization` (`{uuid, name, cvr}`), `systemUsages` (usage references), `agreementPeriod`,
`termination`, `payments.external` and `roles`.

The endpoint is the setting KITOS_API_URL; the credentials (KITOS_API_EMAIL / KITOS_API_PASSWORD)
live in settings (environment) only and the token only in memory — never shown, never logged,
never part of an error message. Servers fail: 5xx and timeouts are retried with backoff; anything
that still fails stops the sync before anything is written.
"""

from __future__ import annotations

import datetime
import json
import time
import urllib.error
import urllib.parse
import urllib.request

from . import kitos_format as kf

PAGE_SIZE = 250
LIFECYCLES = {"Undecided": "", "NotInUse": "Ikke i drift", "PhasingIn": "Under indfasning",
              "Operational": "I drift", "PhasingOut": "Under udfasning"}
USAGE_HEADER = ["IT System", "IT-System (UUID)", "Lokal kaldenavn", "Ansv. organisationsenhed", "Rettighedshaver",
                "Livscyklus", "Antal brugere", "Noter"]
CONTRACT_HEADER = ["Kontrakt ID", "Overordnet kontrakt", "IT Kontrakt", "Gyldig fra", "Gyldig til", "Leverandør",
                   "Kontrakttype", "Genanskaffelsesstrategi", "Genanskaffelsesplan", "Genanskaffelse igangsat",
                   "IT Systemer", "IT Systemer (UUID)", "Anskaffelse", "Drift/år", "Andet", "Varighed", "Option",
                   "Opsigelse (måneder)", "Uopsigelig til", "Opsagt"]


class KitosApiError(Exception):
    """The sync cannot go on; the message (Danish, without secrets) is shown on the job."""


class KitosClient:
    def __init__(self, base_url: str, email: str, password: str, *, timeout: float = 30, retries: int = 4,
                 backoff: float = 1.0):
        if not base_url or not email or not password:
            raise KitosApiError("KITOS-synkronisering er ikke sat op: KITOS_API_URL, KITOS_API_EMAIL og "
                                "KITOS_API_PASSWORD skal være angivet i indstillingerne.")
        if not base_url.startswith(("https://", "http://")):
            raise KitosApiError("KITOS_API_URL skal begynde med https:// (eller http:// til en lokal testserver).")
        self.base_url = base_url.rstrip("/")
        self._email, self._password = email, password
        self.timeout, self.retries, self.backoff = timeout, retries, backoff
        self._token: str | None = None

    def __repr__(self):  # never the credentials or the token
        return f"KitosClient({self.base_url!r})"

    def _request(self, method, path, *, params=None, body=None, auth=True):
        url = self.base_url + path + (("?" + urllib.parse.urlencode(params)) if params else "")
        data = json.dumps(body).encode() if body is not None else None
        last = ""
        for attempt in range(self.retries + 1):
            request = urllib.request.Request(url, data=data, method=method)  # noqa: S310 - scheme checked above
            request.add_header("Accept", "application/json")
            if data is not None:
                request.add_header("Content-Type", "application/json")
            if auth:
                request.add_header("Authorization", f"Bearer {self.token()}")
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                    return json.loads(response.read().decode("utf-8") or "null")
            except urllib.error.HTTPError as error:
                if error.code in (401, 403):
                    raise KitosApiError(f"KITOS afviste adgangen (HTTP {error.code}): kontrollér brugeren, "
                                        "adgangskoden og brugerens rettigheder i KITOS.") from None
                if error.code < 500 and error.code != 429:
                    raise KitosApiError(f"KITOS svarede med fejl {error.code} på {path}.") from None
                last = f"HTTP {error.code}"
            except (urllib.error.URLError, TimeoutError, OSError) as error:
                last = type(error).__name__
            except ValueError:
                raise KitosApiError(f"KITOS svarede ikke med gyldig JSON på {path}.") from None
            if attempt < self.retries:
                time.sleep(self.backoff * (2 ** attempt))
        raise KitosApiError(f"KITOS-serveren svarer ikke ({last}) efter {self.retries + 1} forsøg; intet er "
                            "gemt. Prøv igen senere.")

    def token(self) -> str:
        if self._token is None:
            answer = self._request("POST", "/api/authorize/GetToken", auth=False,
                                   body={"email": self._email, "password": self._password})
            token = ((answer or {}).get("response") or {}).get("token")
            if not token:
                raise KitosApiError("KITOS gav ingen adgangsnøgle: kontrollér brugeren og adgangskoden.")
            self._token = token
        return self._token

    def pages(self, path, params, progress=None, label=""):
        """Every item of a paginated list (0-based `page`; a short page is the last)."""
        items, page = [], 0
        while True:
            batch = self._request("GET", path, params={**params, "page": page, "pageSize": PAGE_SIZE})
            if not isinstance(batch, list):
                raise KitosApiError(f"KITOS svarede uventet på {path} (ikke en liste).")
            items.extend(batch)
            if progress:
                progress(min(90, 10 + page * 5), f"{label}: {len(items)} hentet")
            if len(batch) < PAGE_SIZE:
                return items
            page += 1
            if page > 400:
                raise KitosApiError(f"KITOS blev ved med at sende sider på {path}; synkroniseringen er stoppet.")

    def organisation_uuid(self, organisation) -> str:
        """The municipality's organisation in KITOS: by CVR when digisam knows it, else by exact name."""
        params = {"cvrContent": organisation.cvr} if organisation.cvr else {"nameContent": organisation.name}
        found = self.pages("/api/v2/organizations", params)
        matches = [o for o in found if (organisation.cvr and o.get("cvr") == organisation.cvr)
                   or (not organisation.cvr and (o.get("name") or "").lower() == organisation.name.lower())]
        if len(matches) != 1:
            raise KitosApiError(f"{organisation.name} blev ikke fundet entydigt i KITOS ({len(matches)} træf).")
        return matches[0]["uuid"]


def _date(value):
    if not value:
        return ""
    try:
        return kf.format_date(datetime.datetime.fromisoformat(str(value).replace("Z", "+00:00")).date())
    except ValueError:
        return str(value)


def _name(ref):
    return (ref or {}).get("name") or ""


def _users(interval):
    if not interval:
        return ""
    lower, upper = interval.get("lowerBound"), interval.get("upperBound")
    if upper is None:
        return f">{lower}" if lower else ""
    if not lower:
        return f"<{upper + 1}"
    return f"{lower}-{upper}"


def _roles(assignments):
    roles = {}
    for assignment in assignments or []:
        role = _name(assignment.get("role"))
        user = assignment.get("user") or {}
        if role:
            roles.setdefault(role, []).append((user.get("name") or "", user.get("email") or ""))
    return roles


def _with_roles(header, rows, role_lists):
    roles = sorted({r for item in role_lists for r in item})
    header = header + [h for r in roles for h in (r, f"{r} Email#")]
    for row, item in zip(rows, role_lists, strict=True):
        for role in roles:
            people = item.get(role, [])
            row += [", ".join(n for n, _e in people), ", ".join(e for _n, e in people if e)]
    return header, rows


def tables(usages: list[dict], contracts: list[dict]):
    """(usage header, rows), (contract header, rows) in KITOS's overview format."""
    by_usage = {u.get("uuid"): u for u in usages}
    supplier_of_contract = {c.get("uuid"): (c.get("supplier") or {}).get("organization") for c in contracts}
    usage_rows, usage_roles = [], []
    for usage in usages:
        general = usage.get("general") or {}
        validity = general.get("validity") or {}
        supplier = supplier_of_contract.get((general.get("mainContract") or {}).get("uuid")) or {}
        usage_rows.append([
            _name(usage.get("systemContext")), (usage.get("systemContext") or {}).get("uuid") or "",
            general.get("localCallName") or "",
            _name((usage.get("organizationUsage") or {}).get("responsibleOrganizationUnit")),
            kf.format_supplier(supplier.get("name") or "", supplier.get("cvr")) if supplier else "",
            LIFECYCLES.get(validity.get("lifeCycleStatus") or "Undecided", validity.get("lifeCycleStatus") or ""),
            _users(general.get("numberOfExpectedUsers")), general.get("notes") or "",
        ])
        usage_roles.append(_roles(usage.get("roles")))
    contract_rows, contract_roles = [], []
    names = {c.get("uuid"): c.get("name") for c in contracts}
    for contract in contracts:
        general = contract.get("general") or {}
        validity = general.get("validity") or {}
        procurement = contract.get("procurement") or {}
        plan = procurement.get("procurementPlan") or {}
        period = contract.get("agreementPeriod") or {}
        termination = contract.get("termination") or {}
        organisation = (contract.get("supplier") or {}).get("organization") or {}
        systems = [by_usage.get(ref.get("uuid")) for ref in contract.get("systemUsages") or []]
        systems = [s for s in systems if s]
        payments = (contract.get("payments") or {}).get("external") or []
        duration = ""
        if period.get("isContinuous"):
            duration = "Løbende"
        elif period.get("durationYears") or period.get("durationMonths"):
            duration = kf.format_duration((period.get("durationYears") or 0) * 12 + (period.get("durationMonths") or 0))
        initiated = procurement.get("procurementInitiated")
        parent = contract.get("parentContract") or {}
        contract_rows.append([
            general.get("contractId") or "", names.get(parent.get("uuid")) or _name(parent), contract.get("name") or "",
            _date(validity.get("validFrom")), _date(validity.get("validTo")),
            kf.format_supplier(organisation.get("name") or "", organisation.get("cvr")) if organisation else "",
            _name(general.get("contractType")), _name(procurement.get("procurementStrategy")),
            f"Q{plan['quarterOfYear']} | {plan['year']}" if plan.get("quarterOfYear") and plan.get("year") else "",
            {"Yes": "Ja", "No": "Nej"}.get(initiated, ""),
            ", ".join(_name(s.get("systemContext")) for s in systems),
            ", ".join((s.get("systemContext") or {}).get("uuid") or "" for s in systems),
            sum(int(p.get("acquisition") or 0) for p in payments), sum(int(p.get("operation") or 0) for p in payments),
            sum(int(p.get("other") or 0) for p in payments), duration, _name(period.get("extensionOptions")),
            _name((termination.get("terms") or {}).get("noticePeriodMonths")), _date(period.get("irrevocableUntil")),
            _date(termination.get("terminatedAt")),
        ])
        contract_roles.append(_roles(contract.get("roles")))
    return (_with_roles(list(USAGE_HEADER), usage_rows, usage_roles),
            _with_roles(list(CONTRACT_HEADER), contract_rows, contract_roles))


def fetch(organisation, *, client: KitosClient | None = None, progress=None):
    """The municipality's usages and contracts from KITOS as two xlsx files in KITOS's export format:
    [(bytes, name), (bytes, name)]."""
    from django.conf import settings

    from .exports import write_xlsx

    client = client or KitosClient(settings.KITOS_API_URL, settings.KITOS_API_EMAIL, settings.KITOS_API_PASSWORD,
                                   timeout=settings.KITOS_API_TIMEOUT, backoff=settings.KITOS_API_BACKOFF)
    org_uuid = client.organisation_uuid(organisation)
    usages = client.pages("/api/v2/it-system-usages", {"organizationUuid": org_uuid}, progress, "IT-systemer")
    contracts = client.pages("/api/v2/it-contracts", {"organizationUuid": org_uuid}, progress, "IT-kontrakter")
    (usage_header, usage_rows), (contract_header, contract_rows) = tables(usages, contracts)
    stamp = datetime.date.today().isoformat()
    return [(write_xlsx(usage_header, usage_rows, kf.USAGE_SHEET), f"kitos-api-it-systemer-{stamp}.xlsx"),
            (write_xlsx(contract_header, contract_rows, kf.CONTRACT_SHEET), f"kitos-api-it-kontrakter-{stamp}.xlsx")]
