"""The adapter around the pure planner: progress while it runs, the plan document, and "must
tender together" groups passed to the engine as hard constraints (`must_tender_together`)."""

from digisam.engines.planner.evaluator import evaluate
from digisam.engines.planner.io import plan_from_data
from digisam.planning.adapter import load_instance, progress_message, solve_data


def instance(**overrides):
    category = {
        "id": "esdh", "name": "ESDH", "price_per_inhabitant_year": 20, "tender_fixed_cost": 600000,
        "tender_cost_per_participant": 100000, "preparation_months": 6, "framework_months": 12,
        "harmonisation_saving_per_participant_year": 100000,
        "discount_tiers": [{"min_population": 0, "discount": 0.0}, {"min_population": 100000, "discount": 0.05}],
    }
    data = {
        "format": "digisam.plan-instance/1", "start": "2027-01", "horizon_months": 60,
        "max_parallel_joint_tenders": 1, "individual_rationality": True,
        "municipalities": [
            {"code": "165", "name": "Albertslund", "population": 28000},
            {"code": "151", "name": "Ballerup", "population": 52000},
            {"code": "169", "name": "Høje-Taastrup", "population": 56000},
        ],
        "categories": [category],
        "contracts": [
            {"municipality": code, "category": "esdh", "product": "X", "annual_cost": 1500000, "expires": expires,
             "max_extension_months": 12, "extension_uplift": 0.05, "early_exit_months": 6,
             "early_exit_fee": 100000, "opt_out": False, "earliest_start": None}
            for code, expires in (("165", "2028-01"), ("151", "2028-07"), ("169", "2031-01"))
        ],
    }
    data.update(overrides)
    return data


def test_progress_is_reported_while_the_planner_runs_and_the_plan_passes_the_evaluator():
    seen = []
    document = solve_data(instance(), time_limit=2, progress=lambda percent, message="": seen.append(percent))
    assert seen[0] == 5 and seen[-1] == 92
    assert seen == sorted(seen)
    assert document["format"] == "digisam.plan/1"
    assert document["feasible"] is True
    assert document["status"] in ("optimal", "time_limit", "heuristic")
    inst = load_instance(instance())
    assert evaluate(inst, plan_from_data(document, inst)).feasible
    assert document["group_check"] == []


def test_the_progress_shows_the_solvers_best_plan_bound_and_gap_while_it_runs():
    messages = []
    solve_data(instance(), time_limit=2, progress=lambda percent, message="": messages.append(message))
    running = [m for m in messages if m.startswith("Planlæggeren regner")]
    assert running, messages
    assert any("bedste plan hidtil" in m and "nedre grænse" in m for m in running), running


def test_the_progress_message_formats_plan_bound_and_gap_in_danish():
    text = progress_message(
        12.4, 60, {"incumbent": 9450864353.01, "bound": 9356355709.4, "gap": 0.01, "phase": "search", "elapsed": 12.4}
    )
    assert text == (
        "Planlæggeren regner (12 af højst 60 sekunder) · bedste plan hidtil 9.450.864.353 kr. · "
        "nedre grænse 9.356.355.709 kr.: planen er højst 1,00 % dyrere end den bedste"
    )
    assert progress_message(3, 60, None) == "Planlæggeren regner (3 af højst 60 sekunder)"
    assert progress_message(3, 60, {"incumbent": 1000.0, "bound": None, "gap": None}) == (
        "Planlæggeren regner (3 af højst 60 sekunder) · bedste plan hidtil 1.000 kr."
    )


def test_a_group_is_satisfied_in_the_solved_plan():
    data = instance(individual_rationality=False)
    document = solve_data(data, time_limit=2, groups=[{"category": "esdh", "members": ["165", "151"]}])
    assert document["group_check"][0]["satisfied"] is True
    together = [t for t in document["tenders"] if {"165", "151"} <= {p["municipality"] for p in t["participants"]}]
    assert len(together) == 1 and together[0]["kind"] == "joint"
    inst = load_instance(data)
    assert evaluate(inst, plan_from_data(document, inst)).feasible


def test_the_groups_are_hard_constraints_of_the_engine_not_a_repair_afterwards(monkeypatch):
    import digisam.planning.adapter as adapter

    seen = []
    real_solve = adapter.solve

    def spy(inst, time_limit, **options):
        seen.append(inst.must_tender_together)
        return real_solve(inst, time_limit=time_limit, **options)

    monkeypatch.setattr(adapter, "solve", spy)
    document = solve_data(instance(), time_limit=2, groups=[{"category": "esdh", "members": ["165", "151", "999"]}])
    assert [(g.category, g.municipalities) for g in seen[0]] == [("esdh", ("165", "151"))]
    assert document["status"] in ("optimal", "time_limit", "heuristic")
    assert not hasattr(adapter, "enforce_groups")
    check = document["group_check"][0]
    assert check["satisfied"] is True and "repaired" not in check


def test_a_group_whose_windows_never_meet_is_reported_and_the_plan_is_made_without_it():
    document = solve_data(instance(), time_limit=2, groups=[{"category": "esdh", "members": ["165", "169"]}])
    check = document["group_check"][0]
    assert check["satisfied"] is False
    assert "kan ikke opfyldes" in check["reason"] and "kontraktvinduer" in check["reason"]
    assert document["feasible"] is True
    inst = load_instance(instance())
    assert evaluate(inst, plan_from_data(document, inst)).feasible


def test_a_group_the_engine_finds_impossible_is_reported_and_the_plan_is_made_without_it():
    data = instance()
    data["categories"][0]["framework_months"] = 1
    data["contracts"][0].update(max_extension_months=0, early_exit_months=0)  # 165 switches in 2028-01
    data["contracts"][1].update(early_exit_fee=5000000)  # 151 would leave its contract early, at a high fee
    document = solve_data(data, time_limit=2, groups=[{"category": "esdh", "members": ["165", "151"]}])
    check = document["group_check"][0]
    assert check["satisfied"] is False
    assert "kan ikke opfyldes" in check["reason"] and "dårligere" in check["reason"]
    assert document["feasible"] is True and document["tenders"]
    assert any("dropped" in line for line in document["solver"]["log"])


def test_a_group_with_an_opted_out_member_is_reported_as_not_satisfiable():
    data = instance()
    data["contracts"][0]["opt_out"] = True
    document = solve_data(data, time_limit=2, groups=[{"category": "esdh", "members": ["165", "151"]}])
    check = document["group_check"][0]
    assert check["satisfied"] is False
    assert "fravalgt" in check["reason"]
    assert document["feasible"] is True  # the solver's own plan is kept, and flagged


def test_group_members_without_a_planned_contract_are_noted():
    document = solve_data(instance(), time_limit=2, groups=[{"category": "esdh", "members": ["165", "999"]}])
    check = document["group_check"][0]
    assert check["satisfied"] is True
    assert "999" in check["reason"]
