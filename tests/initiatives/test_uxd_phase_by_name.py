"""Issue 12 item 15: an initiative's current phase is chosen by name from its phase model (stored as
before: the number from 0), not typed as a bare number."""

from digisam.initiatives.models import Initiative, PhaseModel

FORM = {"title": "Fælles drift", "kind": "voluntary", "owner_person": "X", "purpose": "P", "status": "on_track",
        "lifecycle": "proposed"}


def test_the_current_phase_is_a_select_of_the_phase_names(world, client_for):
    model = PhaseModel.objects.create(collaboration=world.alpha, name="Egen", phases=["Idé", "Analyse", "Drift"])
    c = client_for(world.users["secretariat"])
    response = c.post("/initiativer/alpha/nyt/", {**FORM, "owner_organisation": world.orgs["151"].pk,
                                                  "phase_model": model.pk, "current_phase": 2})
    assert response.status_code == 302
    initiative = Initiative.objects.get(title="Fælles drift")
    assert initiative.current_phase == 2 and initiative.phase_name == "Drift"
    page = c.get(f"/initiativer/i/{initiative.pk}/rediger/").content.decode()
    assert '<select name="current_phase"' in page
    assert '<option value="0">1. Idé</option>' in page and '<option value="2" selected>3. Drift</option>' in page
    assert "aktuel fase (nr.)" not in page.lower()


def test_a_phase_outside_the_chosen_model_is_refused(world, client_for):
    model = PhaseModel.objects.create(collaboration=world.alpha, name="Kort", phases=["A", "B"])
    response = client_for(world.users["secretariat"]).post("/initiativer/alpha/nyt/", {
        **FORM, "owner_organisation": world.orgs["151"].pk, "phase_model": model.pk, "current_phase": 5})
    assert response.status_code == 400
    assert not Initiative.objects.filter(title="Fælles drift").exists()


def test_the_phase_select_is_translated(world, client_for):
    PhaseModel.objects.create(collaboration=world.alpha, name="Egen", phases=["Idé", "Analyse"])
    c = client_for(world.users["secretariat"])
    c.cookies["django_language"] = "en"
    page = c.get("/initiativer/alpha/nyt/").content.decode()
    assert "Current phase" in page and "The phase in the chosen phase model" in page
