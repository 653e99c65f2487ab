"""The collaboration page flags a body without a decision rule (a vote there would be refused) and,
for those who may edit, links to adding one with the body chosen."""

from digisam.collaborations.models import Body, DecisionRule


def test_a_body_without_a_decision_rule_is_flagged_with_a_link_to_add_one(world, client_for):
    group = Body.objects.create(collaboration=world.alpha, kind="steering_group", name="Styregruppen")
    page = client_for(world.users["secretariat"]).get("/samarbejder/alpha/").content.decode()
    assert 'data-testid="bodies-without-rule"' in page and "Et organ har ingen beslutningsregel" in page
    alert = page.split('data-testid="bodies-without-rule"')[1].split("</div></div>")[0]
    assert "Styregruppen" in alert and "Bestyrelsen" not in alert  # the board has a rule
    assert f"/samarbejder/alpha/regler/ny/?organ={group.pk}" in alert


def test_the_add_rule_link_preselects_the_body(world, client_for):
    group = Body.objects.create(collaboration=world.alpha, kind="steering_group", name="Styregruppen")
    form = client_for(world.users["secretariat"]).get(f"/samarbejder/alpha/regler/ny/?organ={group.pk}")
    assert form.status_code == 200
    assert f'<option value="{group.pk}" selected>' in form.content.decode()
    other = client_for(world.users["secretariat"]).get(f"/samarbejder/alpha/regler/ny/?organ={world.beta_board.pk}")
    assert f'<option value="{world.beta_board.pk}" selected>' not in other.content.decode()


def test_readers_see_the_warning_without_the_edit_link(world, client_for):
    Body.objects.create(collaboration=world.alpha, kind="steering_group", name="Styregruppen")
    page = client_for(world.users["member"]).get("/samarbejder/alpha/").content.decode()
    assert 'data-testid="bodies-without-rule"' in page and 'data-testid="add-rule-for-body"' not in page


def test_no_warning_when_every_body_has_a_rule_and_in_english_it_is_translated(world, client_for):
    client = client_for(world.users["secretariat"])
    assert 'data-testid="bodies-without-rule"' not in client.get("/samarbejder/alpha/").content.decode()
    Body.objects.create(collaboration=world.alpha, kind="steering_group", name="Styregruppen")
    second = Body.objects.create(collaboration=world.alpha, kind="steering_group", name="Arbejdsgruppen")
    client.cookies["django_language"] = "en"
    page = client.get("/samarbejder/alpha/").content.decode()
    assert "2 bodies have no decision rule" in page and "Add a decision rule for Arbejdsgruppen" in page
    DecisionRule.objects.create(collaboration=world.alpha, body=second, decision_type="general")
    page = client.get("/samarbejder/alpha/").content.decode()
    assert "One body has no decision rule" in page


def test_a_secretariat_or_working_group_is_not_flagged_unless_something_was_put_to_it(world, client_for):
    from digisam.initiatives.models import Proposal

    Body.objects.create(collaboration=world.alpha, kind="secretariat", name="Sekretariatet")
    group = Body.objects.create(collaboration=world.alpha, kind="working_group", name="Arbejdsgruppen")
    client = client_for(world.users["secretariat"])
    assert 'data-testid="bodies-without-rule"' not in client.get("/samarbejder/alpha/").content.decode()
    Proposal.objects.create(collaboration=world.alpha, body=group, title="Fælles indkøb af skærme")
    page = client.get("/samarbejder/alpha/").content.decode()
    alert = page.split('data-testid="bodies-without-rule"')[1].split("</div></div>")[0]
    assert "Arbejdsgruppen" in alert and "Sekretariatet" not in alert
