"""Issue 11 hole 10, the races: two imports of the same municipality at once and two voters at once
each get a clean answer, and the data stays consistent. Real concurrency needs real transactions and
row locks, so these run on PostgreSQL only (threads, each with its own database connection)."""

import os
import threading

import pytest

ON_POSTGRES = os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))

pytestmark = [
    pytest.mark.skipif(not ON_POSTGRES, reason="concurrency needs PostgreSQL row locks: set DATABASE_URL=postgres://…"
                                               " (SQLite serialises every write, so there is no race to test)"),
    pytest.mark.django_db(transaction=True),
]

ROUNDS = 3


@pytest.fixture
def reference(transactional_db):
    """Transactional tests start from an empty database: load the migrations' reference data."""
    from django.apps import apps

    from digisam.organisations import reference as organisations_reference
    from digisam.organisations.models import Organisation
    from digisam.portfolio import catalogue
    from digisam.portfolio.models import Category

    if not Organisation.objects.filter(kind="municipality").exists():
        organisations_reference.load_reference_data(apps)
    if not Category.objects.exists():
        catalogue.seed(apps.get_model("portfolio", "Category"), apps.get_model("portfolio", "Product"))


@pytest.fixture
def world_pg(reference, world):
    return world


def run_together(*jobs):
    """Run the callables in threads released at the same instant; return their results (or raise
    the first exception one of them raised)."""
    from django.db import connection

    barrier = threading.Barrier(len(jobs))
    results, errors = [None] * len(jobs), []

    def runner(index, job):
        try:
            barrier.wait()
            results[index] = job()
        except Exception as error:  # noqa: BLE001 - reported to the test below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=runner, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    if errors:
        raise errors[0]
    return results


def _portfolio_file(tag, rows=40):
    from digisam.portfolio import exports, formats

    header = [h for h, _k, _t in formats.TEMPLATE_COLUMNS]
    body = []
    for i in range(rows):
        values = {"Kommunekode": "165", "Kategori": "omsorg", "Produkt": f"Samtidigt system {tag}-{i}",
                  "Leverandør": "Leverandør A/S", "Livscyklus": "I drift", "Kontrakt ID": f"K-{tag}-{i}",
                  "Kontraktnavn": f"Kontrakt {i}", "Gyldig fra": "2022-07-01", "Gyldig til": "2030-06-30",
                  "Drift/år": "1000", "Andet": "0", "Anskaffelse": "0"}
        body.append([values.get(h, "") for h in header])
    return exports.write_csv(header, body)


def test_two_imports_of_the_same_municipality_at_once_both_answer_and_nothing_is_doubled(world_pg):
    from digisam.portfolio.importer import import_file
    from digisam.portfolio.models import Contract, Product, Usage

    user = world_pg.users["coordinator"]
    for round_number in range(ROUNDS):
        data = _portfolio_file(round_number)

        def apply(data=data):
            return import_file(data, "samtidig.csv", user=user, municipality="165", dry_run=False)

        first, second = run_together(apply, apply)
        assert first.ok and second.ok, (first.errors, second.errors)
        created = sorted(r.counts["contracts"]["created"] for r in (first, second))
        unchanged = sorted(r.counts["contracts"]["unchanged"] for r in (first, second))
        assert created == [0, 40] and unchanged == [0, 40]  # the second waited and found the first's rows
        prefix = f"Samtidigt system {round_number}-"
        assert Product.objects.filter(name__startswith=prefix).count() == 40
        assert Usage.objects.filter(organisation__code="165", product__name__startswith=prefix).count() == 40
        assert Contract.objects.filter(organisation__code="165", contract_id__startswith=f"K-{round_number}-").count() == 40


def _voting_setup(world):
    import datetime

    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from digisam.core.models import Role, RoleAssignment
    from digisam.initiatives import services as initiative_services
    from digisam.initiatives.models import Proposal

    second = get_user_model().objects.create_user(username="coordinator2", password="test-password-123")
    RoleAssignment.objects.create(user=second, role=Role.COORDINATOR, organisation=world.orgs["165"])
    proposals = []
    for number in range(ROUNDS):
        proposal = Proposal.objects.create(collaboration=world.alpha, body=world.board, decision_type="general",
                                           title=f"Samtidig afstemning {number}",
                                           deadline=timezone.now() + datetime.timedelta(days=3))
        initiative_services.open_proposal(proposal, user=world.users["secretariat"])
        proposals.append(proposal)
    return second, proposals


def test_two_voters_of_one_member_at_once_both_get_an_answer_and_one_ballot_remains(world_pg, client_for):
    from digisam.core.models import AuditEntry
    from digisam.initiatives.models import Ballot

    second, proposals = _voting_setup(world_pg)
    organisation = world_pg.orgs["165"]
    clients = [client_for(world_pg.users["coordinator"]), client_for(second)]
    for proposal in proposals:
        url = f"/initiativer/beslutninger/{proposal.pk}/stem/{organisation.pk}/"
        responses = run_together(*(lambda c=c, choice=choice, url=url: c.post(url, {"choice": choice})
                                   for c, choice in zip(clients, ("yes", "no"), strict=True)))
        assert [r.status_code for r in responses] == [302, 302]
        ballot = Ballot.objects.get(proposal=proposal, organisation=organisation)
        assert ballot.choice in ("yes", "no")
        entries = AuditEntry.objects.filter(content_type__model="ballot", object_id=str(ballot.pk))
        assert sorted(entries.values_list("action", flat=True)) == ["create", "update"]


def test_two_api_voters_at_once_get_201_and_a_clear_400(world_pg, api_for):
    from digisam.initiatives.models import Ballot

    second, proposals = _voting_setup(world_pg)
    organisation = world_pg.orgs["165"]
    clients = [api_for(world_pg.users["coordinator"]), api_for(second)]
    for proposal in proposals:
        body = {"proposal": proposal.pk, "organisation": organisation.pk, "choice": "yes"}
        responses = run_together(*(lambda c=c, body=body: c.post("/api/ballots/", body, format="json") for c in clients))
        assert sorted(r.status_code for r in responses) == [201, 400], [r.content for r in responses]
        refused = next(r for r in responses if r.status_code == 400)
        assert "allerede stemt" in str(refused.json())
        assert Ballot.objects.filter(proposal=proposal, organisation=organisation).count() == 1


KITOS_USAGE_HEADER = ["IT-System (UUID)", "IT System", "Leverandør", "Rettighedshaver", "Livscyklus", "Kategori",
                      "Systemejer", "Systemejer Email#"]
KITOS_CONTRACT_HEADER = ["Kontrakt ID", "IT Kontrakt", "Gyldig fra", "Gyldig til", "Leverandør", "IT Systemer",
                         "IT Systemer (UUID)", "Drift/år", "Andet", "Anskaffelse", "Kategori"]


def _kitos_files(tag, rows=25):
    """KITOS's two overview exports for Albertslund: `rows` systems from the catalogue (new UUIDs, so
    new products) of new vendors (by CVR), and one contract per system."""
    import io
    import uuid

    from openpyxl import Workbook

    def book(header, body, title):
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = title
        sheet.append(header)
        for row in body:
            sheet.append(row)
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()

    usages, contracts = [], []
    for i in range(rows):
        system_uuid = str(uuid.uuid5(uuid.NAMESPACE_URL, f"digisam-test/{tag}/{i}"))
        name = f"KITOS-system {tag}-{i}"
        vendor = f"Samtidig Leverandør {tag}-{i} ApS ({40000000 + 1000 * tag + i})"
        usages.append([system_uuid, name, "", vendor, "I drift", "omsorg", f"Ejer {i}", f"ejer{i}@albertslund.dk"])
        contracts.append([f"KK-{tag}-{i}", f"Kontrakt {i}", "01-07-2022", "30-06-2030", vendor, name, system_uuid,
                          1000, 0, 0, "omsorg"])
    return [(book(KITOS_USAGE_HEADER, usages, "IT Systemer Overblik"), "it-systemer.xlsx"),
            (book(KITOS_CONTRACT_HEADER, contracts, "IT Kontrakter Overblik"), "it-kontrakter.xlsx")]


def test_two_kitos_imports_of_the_same_municipality_at_once_take_turns_and_nothing_is_doubled(world_pg):
    """The KITOS apply (file upload, API sync and `digisam portfolio sync-kitos` all end in it) locks the
    municipality and the categories like the template import: the second waits, then finds the first's
    products, vendors, usages and contracts instead of failing on a unique constraint."""
    from digisam.organisations.models import Organisation
    from digisam.portfolio.importer import import_files
    from digisam.portfolio.models import Contract, Product, Usage

    user = world_pg.users["coordinator"]
    for round_number in range(ROUNDS):
        files = _kitos_files(round_number)

        def apply(files=files):
            return import_files(files, user=user, municipality="165", dry_run=False)

        first, second = run_together(apply, apply)
        assert first.ok and second.ok, (first.errors, second.errors)
        assert first.applied and second.applied
        created = sorted(r.counts["contracts"]["created"] for r in (first, second))
        unchanged = sorted(r.counts["contracts"]["unchanged"] for r in (first, second))
        assert created == [0, 25] and unchanged == [0, 25]  # the second waited and found the first's rows
        assert sorted(r.counts["usages"]["created"] for r in (first, second)) == [0, 25]
        prefix = f"KITOS-system {round_number}-"
        assert Product.objects.filter(name__startswith=prefix).count() == 25
        assert Organisation.objects.filter(kind="company", name__startswith=f"Samtidig Leverandør {round_number}-").count() == 25
        assert Usage.objects.filter(organisation__code="165", product__name__startswith=prefix).count() == 25
        assert Contract.objects.filter(organisation__code="165", contract_id__startswith=f"KK-{round_number}-").count() == 25


def test_a_kitos_import_and_a_template_import_of_one_municipality_at_once_take_turns(world_pg):
    """Both import paths take the same locks in the same order (municipality, then categories), so a
    KITOS apply and a template apply of one municipality wait for each other — no deadlock, no 500."""
    from digisam.portfolio.importer import import_file, import_files
    from digisam.portfolio.models import Contract

    user = world_pg.users["coordinator"]
    kitos_files = _kitos_files(10, rows=15)
    template = _portfolio_file(10, rows=15)
    first, second = run_together(
        lambda: import_files(kitos_files, user=user, municipality="165", dry_run=False),
        lambda: import_file(template, "samtidig.csv", user=user, municipality="165", dry_run=False),
    )
    assert first.ok and second.ok, (first.errors, second.errors)
    assert Contract.objects.filter(organisation__code="165", contract_id__startswith="KK-10-").count() == 15
    assert Contract.objects.filter(organisation__code="165", contract_id__startswith="K-10-").count() == 15
