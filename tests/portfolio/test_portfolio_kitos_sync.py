"""KITOS API sync against a local stand-in server that answers in the published API v2 shapes
(token, organisations, paginated usages and contracts, 401 without a token, 503s): CLI, UI button
and job; a wrong password or a server that is down fails the job clearly and writes nothing; the
token never shows."""

import io
import json
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import CommandError, call_command

from digisam.core.models import Job
from digisam.portfolio.models import Contract, PortfolioImport, Usage

TOKEN = "eyJhbGciOiJIUzI1NiJ9.hemmelig-nøgle.sig"
ORG_UUID = "6b9a0f33-1111-4aaa-8bbb-000000000165"
NEXUS = "0f6e2b0c-5d3a-4c7e-9a51-6e1f1c3b9a01"
SBSYS = "1a2b3c4d-0000-4000-8000-00000000beef"


def usage(index, system_uuid, name, contract_uuid=None):
    return {
        "uuid": f"aaaaaaaa-0000-4000-8000-{index:012d}", "systemContext": {"uuid": system_uuid, "name": name},
        "organizationContext": {"uuid": ORG_UUID, "name": "Albertslund Kommune", "cvr": "29188564"},
        "general": {"localSystemId": f"S-{index}", "localCallName": f"Lokal {name}", "notes": "",
                    "numberOfExpectedUsers": {"lowerBound": 100, "upperBound": 499},
                    "validity": {"lifeCycleStatus": "Operational", "validAccordingToLifeCycle": True},
                    "mainContract": {"uuid": contract_uuid, "name": "Omsorgssystem"} if contract_uuid else None},
        "organizationUsage": {"responsibleOrganizationUnit": {"uuid": "u1", "name": "Sundhed"}},
        "roles": [{"role": {"uuid": "r1", "name": "Systemejer"},
                   "user": {"uuid": "p1", "name": "Hanne Holm", "email": "hanne@albertslund.dk"}}],
    }


CONTRACT_UUID = "cccccccc-0000-4000-8000-000000000001"
USAGES = [usage(1, NEXUS, "KMD Nexus", CONTRACT_UUID), usage(2, SBSYS, "SBSYS")]
CONTRACTS = [{
    "uuid": CONTRACT_UUID, "name": "Omsorgssystem", "parentContract": None,
    "organizationContext": {"uuid": ORG_UUID, "name": "Albertslund Kommune", "cvr": "29188564"},
    "general": {"contractId": "K-2021-17", "contractType": {"uuid": "t1", "name": "Hovedkontrakt"},
                "validity": {"validFrom": "2021-07-01T00:00:00Z", "validTo": "2029-06-30T00:00:00Z", "valid": True}},
    "procurement": {"procurementStrategy": {"uuid": "p1", "name": "SKI - mini-udbud"},
                    "procurementPlan": {"quarterOfYear": 3, "year": 2027}, "procurementInitiated": "No"},
    "supplier": {"organization": {"uuid": "s1", "name": "KMD A/S", "cvr": "26911745"}, "signed": True},
    "systemUsages": [{"uuid": USAGES[0]["uuid"], "name": "KMD Nexus"}],
    "agreementPeriod": {"durationYears": 8, "durationMonths": 0, "isContinuous": False,
                        "extensionOptions": {"uuid": "e1", "name": "2 x 1 år"}, "extensionOptionsUsed": 0,
                        "irrevocableUntil": "2025-06-30T00:00:00Z"},
    "termination": {"terminatedAt": None, "terms": {"noticePeriodMonths": {"uuid": "n6", "name": "6"},
                                                    "noticeByEndOf": "Month"}},
    "payments": {"external": [{"id": 1, "acquisition": 1200000, "operation": 2000000, "other": 100000},
                              {"id": 2, "acquisition": 0, "operation": 600000, "other": 50000}], "internal": []},
    "roles": [{"role": {"uuid": "r2", "name": "Kontraktejer"},
               "user": {"uuid": "p2", "name": "Ole Olsen", "email": "ole@albertslund.dk"}}],
}]


class StandIn(BaseHTTPRequestHandler):
    """Answers like KITOS API v2 (only what the sync reads)."""

    state = {"fail_next": 0, "down": False, "requests": []}

    def log_message(self, *args):  # keep test output quiet
        pass

    def _send(self, code, body):
        data = json.dumps(body).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = json.loads(self.rfile.read(length) or b"{}")
        if self.path == "/api/authorize/GetToken":
            if body == {"email": "api@albertslund.dk", "password": "rigtigt"}:
                return self._send(200, {"msg": "", "response": {"token": TOKEN, "email": body["email"],
                                                                "loginSuccessful": True,
                                                                "expires": "2026-12-04T12:00:00Z"}})
            return self._send(401, {"msg": "Unauthorized"})
        return self._send(404, {})

    def do_GET(self):
        url = urllib.parse.urlparse(self.path)
        query = dict(urllib.parse.parse_qsl(url.query))
        self.state["requests"].append((url.path, query))
        if self.state["down"]:
            return self._send(503, {"msg": "Service Unavailable"})
        if self.state["fail_next"]:
            self.state["fail_next"] -= 1
            return self._send(503, {"msg": "Service Unavailable"})
        if self.headers.get("Authorization") != f"Bearer {TOKEN}":
            return self._send(401, {"msg": "Unauthorized"})
        page, size = int(query.get("page", 0)), int(query.get("pageSize", 250))
        if url.path == "/api/v2/organizations":
            items = [{"uuid": ORG_UUID, "name": "Albertslund Kommune", "cvr": "29188564",
                      "organizationType": "Municipality"},
                     {"uuid": "other", "name": "Albertslund Forsyning", "cvr": "11111111", "organizationType": "Company"}]
            items = [o for o in items if query.get("cvrContent", "") in o["cvr"]
                     and query.get("nameContent", "").lower() in o["name"].lower()]
        elif url.path == "/api/v2/it-system-usages" and query.get("organizationUuid") == ORG_UUID:
            items = USAGES
        elif url.path == "/api/v2/it-contracts" and query.get("organizationUuid") == ORG_UUID:
            items = CONTRACTS
        else:
            return self._send(404, {})
        return self._send(200, items[page * size:(page + 1) * size])


@pytest.fixture
def kitos_server(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), StandIn)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    StandIn.state.update(fail_next=0, down=False, requests=[])
    settings.KITOS_API_URL = f"http://127.0.0.1:{server.server_address[1]}"
    settings.KITOS_API_EMAIL = "api@albertslund.dk"
    settings.KITOS_API_PASSWORD = "rigtigt"
    settings.KITOS_API_BACKOFF = 0.01
    settings.KITOS_API_TIMEOUT = 5
    yield StandIn.state
    server.shutdown()
    server.server_close()


@pytest.fixture
def albertslund_cvr(world):
    from digisam.organisations.models import Organisation

    Organisation.objects.filter(code="165").update(cvr="29188564")


def test_the_cli_syncs_usages_and_contracts_through_the_import_pipeline(world, kitos_server, albertslund_cvr,
                                                                        counts):
    before = counts()
    out = io.StringIO()
    call_command("portfolio", "sync-kitos", "--municipality", "165", "--dry-run", stdout=out)
    assert "Prøvekørsel (intet gemt)" in out.getvalue() and counts() == before
    call_command("portfolio", "sync-kitos", "--municipality", "165", stdout=out)
    contract = Contract.objects.get(contract_id="K-2021-17")
    assert contract.cost_operation == 2600000 and contract.cost_other == 150000  # payments summed
    assert contract.supplier.cvr == "26911745" and contract.planned_reprocurement == "2027-Q3"
    assert (contract.extension_count, contract.extension_months, contract.notice_months) == (2, 12, 6)
    assert set(contract.usages.values_list("kitos_uuid", flat=True)) == {NEXUS}
    assert Usage.objects.get(kitos_uuid=NEXUS).user_count == "100_499"
    assert Usage.objects.get(kitos_uuid=NEXUS).product.vendor.cvr == "26911745"  # rights holder via main contract
    again = io.StringIO()
    call_command("portfolio", "sync-kitos", "--municipality", "165", stdout=again)
    assert "0 nye, 0 ændrede, 2 uændrede" in again.getvalue()
    assert ("/api/v2/it-system-usages", {"organizationUuid": ORG_UUID, "page": "0", "pageSize": "250"}) in \
        kitos_server["requests"]


def test_pages_are_read_until_a_short_page(world, kitos_server, albertslund_cvr, monkeypatch):
    from digisam.portfolio import kitos_api

    monkeypatch.setattr(kitos_api, "PAGE_SIZE", 1)
    call_command("portfolio", "sync-kitos", "--municipality", "165", stdout=io.StringIO())
    pages = [q["page"] for p, q in kitos_server["requests"] if p == "/api/v2/it-system-usages"]
    assert pages == ["0", "1", "2"] and Usage.objects.count() == 2


def test_503s_are_retried_with_backoff(world, kitos_server, albertslund_cvr):
    kitos_server["fail_next"] = 2
    call_command("portfolio", "sync-kitos", "--municipality", "165", stdout=io.StringIO())
    assert Contract.objects.count() == 1


def test_a_wrong_password_or_a_server_that_is_down_is_a_clear_error_and_nothing_is_written(
        world, kitos_server, albertslund_cvr, settings, counts, client_for):
    before = counts()
    settings.KITOS_API_PASSWORD = "forkert"
    with pytest.raises(CommandError) as error:
        call_command("portfolio", "sync-kitos", "--municipality", "165")
    assert error.value.returncode == 2 and "KITOS afviste adgangen (HTTP 401)" in str(error.value)
    assert "forkert" not in str(error.value)
    settings.KITOS_API_PASSWORD = "rigtigt"
    kitos_server["down"] = True
    client = client_for(world.users["coordinator"])
    response = client.post("/portefoelje/kommune/165/kitos/")
    assert response.status_code == 302
    job = Job.objects.get(kind="portfolio_kitos_sync")
    assert job.status == "failed" and "KITOS-serveren svarer ikke (HTTP 503)" in job.message
    assert TOKEN not in job.message + job.error and "rigtigt" not in job.message + job.error
    assert counts() == before and not PortfolioImport.objects.exists()


def test_the_button_runs_a_job_to_the_review_and_the_apply_writes(world, kitos_server, albertslund_cvr,
                                                                  client_for, counts):
    client = client_for(world.users["coordinator"])
    page = client.get("/portefoelje/kommune/165/").content.decode()
    assert 'data-testid="kitos-sync"' in page and TOKEN not in page and "rigtigt" not in page
    before = counts()
    response = client.post("/portefoelje/kommune/165/kitos/")
    job = Job.objects.get(kind="portfolio_kitos_sync")
    assert response.url.endswith(f"/{job.pk}/") and job.status == "succeeded", job.error
    record = PortfolioImport.objects.get()
    assert record.dry_run["ok"] and counts()[:3] == before[:3]
    assert client.post(f"/portefoelje/import/{record.pk}/").status_code == 302
    assert Contract.objects.get().usages.count() == 1


@pytest.mark.parametrize("role", ["member", "observer", "outsider"])
def test_only_the_municipalitys_coordinator_may_sync(world, kitos_server, client_for, role):
    response = client_for(world.users[role]).post("/portefoelje/kommune/165/kitos/")
    assert response.status_code in (403, 404)
    assert not Job.objects.exists()
