"""The prospective member's tender savings (issue 14 item 4): a planner scenario on the published
plan's instance with the municipality's own contracts added, run as a background job; only its
own figures and counts of others are stored and shown."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from factories.planning import simple_scenario, tiny_portfolio

from digisam.core.models import AuditEntry, Job
from digisam.formation import estimates
from digisam.formation.models import JoiningEstimate
from digisam.planning import services as plan_services
from digisam.portfolio.models import Contract


@pytest.fixture
def plan(world):
    category, _contracts = tiny_portfolio(world.alpha, [world.orgs["165"], world.orgs["151"]])
    run = plan_services.run_now(simple_scenario(world.alpha), user=world.users["secretariat"])
    run.published = True
    run.save()
    Contract.objects.create(
        organisation=world.orgs["153"], category=category, name="ESDH Roskilde", expires=datetime.date(2028, 9, 30),
        notice_months=6, extension_count=1, extension_months=12, extension_uplift=Decimal("0.05"),
        early_exit_months=6, early_exit_fee=Decimal("200000"), cost_operation=Decimal("1500000"),
        cost_other=Decimal("100000"))
    return run


@pytest.mark.django_db
def test_the_scenario_adds_the_municipality_and_keeps_only_its_own_figures(world, plan):
    estimate = estimates.start_estimate(world.alpha, world.orgs["153"], user=world.users["outsider"])
    estimate.refresh_from_db()
    assert estimate.status == "succeeded" and estimate.plan_run == plan
    codes = {m["code"] for m in estimate.instance["municipalities"]}
    assert codes == {"165", "151", "153"}
    assert len(estimate.instance["contracts"]) == len(plan.instance["contracts"]) + 1
    assert estimate.tenders, "153 joins the joint tender in the test category"
    row = estimate.tenders[0]
    assert row["others"] >= 1 and row["category_name"] == "Testsystem til planlægning"
    assert set(row) == {"category", "category_name", "start", "contract_start", "others", "baseline", "cost",
                        "saving"}
    assert estimate.total_saving == sum(Decimal(r["saving"]) for r in estimate.tenders)
    assert Decimal(row["saving"]) == Decimal(row["baseline"]) - Decimal(row["cost"])
    job = Job.objects.get(pk=estimate.job_id)
    assert job.status == "succeeded" and "/etablering/alpha/medlemskab/" in job.result_url
    assert AuditEntry.objects.filter(content_type__app_label="formation", content_type__model="joiningestimate").exists()
    # the published plan itself is not touched
    plan.refresh_from_db()
    assert {m["code"] for m in plan.instance["municipalities"]} == {"165", "151"}


@pytest.mark.django_db
def test_only_the_municipalitys_own_coordinator_starts_and_reads_it(world, plan):
    with pytest.raises(PermissionDenied):
        estimates.start_estimate(world.alpha, world.orgs["153"], user=world.users["secretariat"])
    with pytest.raises(PermissionDenied):
        estimates.start_estimate(world.alpha, world.orgs["153"], user=world.users["coordinator"])
    estimates.start_estimate(world.alpha, world.orgs["153"], user=world.users["outsider"])
    assert estimates.latest(world.alpha, world.orgs["153"], world.users["outsider"]) is not None
    assert estimates.latest(world.alpha, world.orgs["153"], world.users["secretariat"]) is None
    assert estimates.latest(world.alpha, world.orgs["153"], world.users["observer"]) is None


@pytest.mark.django_db
def test_no_portfolio_or_no_published_plan_says_what_to_do(world, plan):
    Contract.objects.filter(organisation=world.orgs["153"]).delete()
    basis = estimates.preview(world.alpha, world.orgs["153"])
    assert "ingen portefølje i digisam" in basis["problem"] and "/portefoelje/" in basis["portfolio_url"]
    with pytest.raises(ValidationError):
        estimates.start_estimate(world.alpha, world.orgs["153"], user=world.users["outsider"])
    plan.published = False
    plan.save()
    assert "ingen offentliggjort udbudsplan" in estimates.preview(world.alpha, world.orgs["153"])["problem"]


@pytest.mark.django_db
def test_the_page_starts_the_job_and_shows_the_latest_result_and_the_pdf(world, plan, client_for):
    client = client_for(world.users["outsider"])
    url = "/etablering/alpha/medlemskab/"
    before = client.get(url, {"organisation": world.orgs["153"].pk, "join_on": "2027-01-01"})
    assert before.status_code == 200 and 'data-testid="estimate"' in before.content.decode()
    assert JoiningEstimate.objects.count() == 0  # a GET writes nothing
    response = client.post(url + "udbud/", {"organisation": world.orgs["153"].pk})
    estimate = JoiningEstimate.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/job/{estimate.job_id}/"
    job_page = client.get(response["Location"])
    assert job_page.status_code == 200
    text = client.get(url, {"organisation": world.orgs["153"].pk}).content.decode()  # the job's way back
    assert "Seneste beregning" in text and "Testsystem til planlægning" in text
    from digisam.core.templatetags.digisam import kr

    assert str(kr(estimate.total_saving)) in text
    pdf = client.get(url, {"organisation": world.orgs["153"].pk, "join_on": "2027-01-01", "format": "pdf"})
    assert pdf.content.startswith(b"%PDF")
    # another municipality's coordinator cannot start it for 153
    assert client_for(world.users["coordinator"]).post(url + "udbud/", {"organisation": world.orgs["153"].pk}
                                                       ).status_code == 403


@pytest.mark.django_db
def test_the_pdf_lines_carry_the_estimate(world, plan, rf):
    from digisam.formation import documents
    from digisam.formation.views import joining_context

    estimate = estimates.start_estimate(world.alpha, world.orgs["153"], user=world.users["outsider"])
    estimate.refresh_from_db()
    request = rf.get("/")
    request.user = world.users["outsider"]
    join_on = datetime.date(2027, 1, 1)
    context = {"collaboration": world.alpha, "organisation": world.orgs["153"], "join_on": join_on,
               **joining_context(request, world.alpha, world.orgs["153"], join_on)}
    lines = [text for _style, text in documents.joining_lines(context)]
    total = documents._kr(estimate.total_saving)
    assert any("anslået besparelse i alt " + total in line for line in lines)
    assert any(line.startswith("Testsystem til planlægning: fællesudbud fra") for line in lines)
