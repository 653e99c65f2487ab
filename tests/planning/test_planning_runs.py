"""Building the instance from shared contracts, running the planner as a job, reproducing,
group requirements and publishing."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from factories.planning import simple_scenario, tiny_portfolio

from digisam.core import services
from digisam.core.models import AuditEntry, Channel, Job
from digisam.planning import services as plan_services
from digisam.planning.builder import build_instance
from digisam.planning.models import OptOut, PlanRun, RunStatus, Scenario


@pytest.fixture
def planned(world):
    category, contracts = tiny_portfolio(world.alpha, [world.orgs["165"], world.orgs["151"]])
    scenario = simple_scenario(world.alpha)
    return world, scenario, contracts


def test_the_instance_holds_the_shared_contracts_with_populations_and_category_parameters(planned):
    world, scenario, _ = planned
    built = build_instance(scenario)
    instance = built.instance
    assert instance["format"] == "digisam.plan-instance/1"
    assert [m["code"] for m in instance["municipalities"]] == ["151", "165"]
    assert all(m["population"] > 10000 for m in instance["municipalities"])
    assert instance["categories"][0]["id"] == "testsystem"
    assert instance["categories"][0]["preparation_months"] == 6
    assert {c["municipality"] for c in instance["contracts"]} == {"151", "165"}
    row = next(c for c in instance["contracts"] if c["municipality"] == "165")
    assert row["annual_cost"] == 1600000
    assert row["expires"] == "2028-07"  # 30 June 2028 is the last day covered
    assert row["max_extension_months"] == 12


def test_contracts_without_shared_economy_are_left_out_with_the_reason(world):
    tiny_portfolio(world.alpha, [world.orgs["165"]])
    tiny_portfolio(world.alpha, [world.orgs["151"]], share_economy=False)
    built = build_instance(simple_scenario(world.alpha))
    assert [c["municipality"] for c in built.instance["contracts"]] == ["165"]
    assert built.left_out[0]["municipality"] == "151"
    assert "økonomi" in built.left_out[0]["reason"]


def test_a_member_that_does_not_share_with_this_collaboration_is_not_in_the_instance(world):
    tiny_portfolio(world.alpha, [world.orgs["165"]])
    tiny_portfolio(world.beta, [world.orgs["151"]])  # shares with beta only
    built = build_instance(simple_scenario(world.alpha))
    assert {c["municipality"] for c in built.instance["contracts"]} == {"165"}
    assert built.left_out == []


def test_opt_outs_and_earliest_starts_reach_the_instance(planned):
    world, scenario, _ = planned
    OptOut.objects.create(collaboration=world.alpha, organisation=world.orgs["151"], category="testsystem", reason="Eget system")
    scenario.earliest_starts = "165 testsystem 2028-03"
    scenario.save()
    rows = {c["municipality"]: c for c in build_instance(scenario).instance["contracts"]}
    assert rows["151"]["opt_out"] is True
    assert rows["165"]["opt_out"] is False
    assert rows["165"]["earliest_start"] == "2028-03"


def test_categories_outside_the_scenario_are_left_out(planned):
    world, scenario, _ = planned
    scenario.categories = ["loen"]
    scenario.save()
    built = build_instance(scenario)
    assert built.instance["contracts"] == []
    assert all("scenariet" in row["reason"] for row in built.left_out)


def test_a_run_stores_instance_and_plan_and_reports_progress_on_the_job(planned):
    world, scenario, _ = planned
    run = plan_services.start_run(scenario, user=world.users["secretariat"])
    run.refresh_from_db()
    assert run.status == RunStatus.SUCCEEDED
    assert run.plan["format"] == "digisam.plan/1"
    assert run.plan["feasible"] is True
    assert run.instance["contracts"]
    assert run.total_cost is not None and run.baseline_cost is not None
    assert run.savings == run.baseline_cost - run.total_cost
    job = Job.objects.get(pk=run.job_id)
    assert job.status == "succeeded" and job.progress == 100
    assert job.result_url == f"/udbudsplan/beregninger/{run.pk}/"
    assert set(run.plan["per_municipality"]) == {"151", "165"}
    assert AuditEntry.objects.filter(object_id=str(run.pk), channel=Channel.TASK).exists()


def test_reproducing_a_run_solves_the_stored_instance_again(planned):
    world, scenario, contracts = planned
    first = plan_services.start_run(scenario, user=world.users["secretariat"])
    first.refresh_from_db()
    contracts[0].cost_operation = 9_000_000  # the portfolio changes afterwards
    contracts[0].save()
    again = plan_services.reproduce(first, user=world.users["secretariat"])
    again.refresh_from_db()
    assert again.reproduces_id == first.pk
    assert again.instance == first.instance
    assert again.total_cost == first.total_cost
    assert [t["participants"] for t in again.plan["tenders"]] == [t["participants"] for t in first.plan["tenders"]]


def test_only_the_secretariat_starts_runs(planned):
    world, scenario, _ = planned
    for name in ("coordinator", "member", "observer", "outsider"):
        with pytest.raises(PermissionDenied):
            plan_services.start_run(scenario, user=world.users[name])
    assert not PlanRun.objects.exists()


def test_a_must_tender_together_group_is_satisfied_in_the_plan(world):
    tiny_portfolio(world.alpha, [world.orgs["165"], world.orgs["151"]])
    scenario = simple_scenario(world.alpha, tender_groups="testsystem: 165, 151", individual_rationality=False)
    run = plan_services.start_run(scenario, user=world.users["secretariat"])
    run.refresh_from_db()
    assert run.group_check[0]["satisfied"] is True
    tenders = [t for t in run.plan["tenders"] if t["category"] == "testsystem"]
    assert len(tenders) == 1 and len(tenders[0]["participants"]) == 2


def test_the_instance_download_carries_the_groups_and_solves_to_a_plan_that_honours_them(world, client_for, tmp_path):
    import json

    from digisam.engines.planner import cli

    tiny_portfolio(world.alpha, [world.orgs["165"], world.orgs["151"]])
    scenario = simple_scenario(world.alpha, tender_groups="testsystem: 165, 151", individual_rationality=False)
    run = plan_services.start_run(scenario, user=world.users["secretariat"])
    response = client_for(world.users["secretariat"]).get(f"/udbudsplan/beregninger/{run.pk}/eksport.instance")
    data = json.loads(response.content)
    assert data["must_tender_together"] == [{"category": "testsystem", "municipalities": ["151", "165"]}] or \
        data["must_tender_together"] == [{"category": "testsystem", "municipalities": ["165", "151"]}]
    (tmp_path / "i.json").write_text(json.dumps(data))
    assert cli.main(["solve", str(tmp_path / "i.json"), "-o", str(tmp_path / "p.json"), "--time-limit", "10"]) == 0
    assert cli.main(["evaluate", str(tmp_path / "i.json"), str(tmp_path / "p.json")]) == 0


def test_a_group_that_cannot_be_satisfied_is_reported_and_blocks_publication(world):
    tiny_portfolio(world.alpha, [world.orgs["165"], world.orgs["151"]])
    OptOut.objects.create(collaboration=world.alpha, organisation=world.orgs["151"], category="testsystem", reason="Nej")
    scenario = simple_scenario(world.alpha, tender_groups="testsystem: 165, 151")
    run = plan_services.start_run(scenario, user=world.users["secretariat"])
    run.refresh_from_db()
    assert run.group_check[0]["satisfied"] is False
    assert "fravalgt" in run.group_check[0]["reason"]
    with pytest.raises(ValidationError):
        plan_services.publish(run, user=world.users["secretariat"])


def test_scenario_lines_are_validated_with_the_line_number(world):
    scenario = Scenario(collaboration=world.alpha, name="X", start_month="2027-01",
                        earliest_starts="165 esdh 2028-13", tender_groups="esdh 165 151")
    with pytest.raises(ValidationError) as error:
        scenario.full_clean()
    assert "Linje 1" in str(error.value.message_dict["earliest_starts"])
    assert "Linje 1" in str(error.value.message_dict["tender_groups"])


def test_publishing_keeps_one_published_plan_per_collaboration_and_is_audited(planned):
    world, scenario, _ = planned
    first = plan_services.start_run(scenario, user=world.users["secretariat"])
    second = plan_services.start_run(scenario, user=world.users["secretariat"])
    first.refresh_from_db()
    second.refresh_from_db()
    plan_services.publish(first, user=world.users["secretariat"])
    plan_services.publish(second, user=world.users["secretariat"])
    first.refresh_from_db()
    assert not first.published
    assert list(PlanRun.objects.filter(published=True)) == [second]
    entries = AuditEntry.objects.filter(object_id=str(second.pk), user__username="secretariat")
    assert any(e.after.get("published") for e in entries)
    with pytest.raises(PermissionDenied):
        plan_services.publish(first, user=world.users["coordinator"])


def test_an_invalid_instance_fails_the_run_with_the_engines_message(planned):
    world, scenario, _ = planned
    run = plan_services.start_run(scenario, user=world.users["secretariat"])
    run.refresh_from_db()
    run.instance = {**run.instance, "max_parallel_joint_tenders": -1}
    services.save(run, user=services.SYSTEM)
    again = plan_services.reproduce(run, user=world.users["secretariat"])
    again.refresh_from_db()
    assert again.status == RunStatus.FAILED
    assert "max_parallel_joint_tenders" in again.error
    assert Job.objects.get(pk=again.job_id).status == "failed"


def test_dates_in_the_member_view_give_the_last_day_to_give_notice(planned):
    from digisam.planning.presentation import member_view

    world, scenario, _ = planned
    run = plan_services.start_run(scenario, user=world.users["secretariat"])
    run.refresh_from_db()
    data = member_view(run, "165")
    assert data["rows"]
    row = data["rows"][0]
    switch = datetime.date.fromisoformat(row["participant"]["contract_start"] + "-01")
    assert row["notice_deadline"] < switch
    assert (switch - row["notice_deadline"]).days > 150  # six months' notice


def test_an_opt_out_needs_a_known_category_a_reason_and_a_member(world):
    opt_out = OptOut(collaboration=world.alpha, organisation=world.orgs["153"], category="findes-ikke", reason=" ")
    with pytest.raises(ValidationError) as error:
        opt_out.full_clean()
    assert set(error.value.message_dict) == {"category", "reason", "organisation"}
