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
    from digisam.portfolio import exporter, formats

    header = [h for h, _k, _t in formats.TEMPLATE_COLUMNS]
    body = []
    for i in range(rows):
        values = {"Kommunekode": "165", "Kategori": "omsorg", "Produkt": f"Samtidigt system {tag}-{i}",
                  "Leverandør": "Leverandør A/S", "Livscyklus": "I drift", "Kontrakt ID": f"K-{tag}-{i}",
                  "Kontraktnavn": f"Kontrakt {i}", "Gyldig fra": "2022-07-01", "Gyldig til": "2030-06-30",
                  "Drift/år": "1000", "Andet": "0", "Anskaffelse": "0"}
        body.append([values.get(h, "") for h in header])
    return exporter.write_csv(header, body)


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
    from digisam.initiatives import actions
    from digisam.initiatives.models import Proposal

    second = get_user_model().objects.create_user(username="coordinator2", password="test-password-123")
    RoleAssignment.objects.create(user=second, role=Role.COORDINATOR, organisation=world.orgs["165"])
    proposals = []
    for number in range(ROUNDS):
        proposal = Proposal.objects.create(collaboration=world.alpha, body=world.board, decision_type="general",
                                           title=f"Samtidig afstemning {number}",
                                           deadline=timezone.now() + datetime.timedelta(days=3))
        actions.open_proposal(proposal, user=world.users["secretariat"])
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
