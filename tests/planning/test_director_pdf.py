"""Issue 12 item 16: the plan's director PDF puts the summary and the members' figures first, wraps
long member names instead of cutting them off, and keeps the long tender lists in an appendix."""

import pytest
from factories.planning import simple_scenario, tiny_portfolio

from digisam.planning import exports
from digisam.planning import services as plan_services

pytestmark = pytest.mark.django_db

LONG = "Albertslund Kommune Center for Digitalisering Indkøb og Fælles Driftsløsninger"


@pytest.fixture
def plain_pdf(monkeypatch):
    """Core font and no compression, so the page text can be read from the bytes."""
    monkeypatch.setattr(exports, "DEJAVU", "/nonexistent.ttf")
    original = exports._Pdf.__init__

    def init(self):
        original(self)
        self.pdf.set_compression(False)

    monkeypatch.setattr(exports._Pdf, "__init__", init)


def test_director_pdf_summary_first_names_wrapped_lists_in_appendix(world, client_for, plain_pdf):
    org = world.orgs["165"]
    org.name = LONG
    org.save()
    tiny_portfolio(world.alpha, [world.orgs["165"], world.orgs["151"]])
    run = plan_services.start_run(simple_scenario(world.alpha), user=world.users["secretariat"])
    run.refresh_from_db()
    response = client_for(world.users["secretariat"]).get(f"/udbudsplan/beregninger/{run.pk}/eksport.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = response.content.decode("latin-1")
    summary, members, appendix = (text.index("Kort fortalt"), text.index("Hvad hvert medlem sparer"),
                                  text.index("Bilag 1: F"))
    assert summary < members < appendix
    # every word of the long name is printed (wrapped over lines), none cut off with a dot
    member_part = text[members:appendix]
    for word in LONG.split():
        assert word.encode("latin-1").decode("latin-1") in member_part, word
    assert "Driftsl" in member_part and "Driftsl." not in member_part
    # the members' savings figures are the plan's own
    from digisam.planning.presentation import plan_view

    view = plan_view(run)
    for m in view["members"]:
        assert exports.kr(m["figures"]["net"]).replace(".", "") in member_part.replace(".", "")


def test_directors_overview_shows_the_published_plans_savings_per_member(world, client_for):
    from digisam.core.templatetags.digisam import kr
    from digisam.planning.presentation import plan_view

    tiny_portfolio(world.alpha, [world.orgs["165"], world.orgs["151"]])
    run = plan_services.start_run(simple_scenario(world.alpha), user=world.users["secretariat"])
    run.refresh_from_db()
    page = client_for(world.users["secretariat"]).get("/initiativer/alpha/overblik/").content.decode()
    assert 'data-testid="plan-savings"' not in page  # not published yet
    run.published = True
    run.save()
    page = client_for(world.users["secretariat"]).get("/initiativer/alpha/overblik/").content.decode()
    section = page.split('data-testid="plan-savings"')[1].split("</table>")[0]
    for m in plan_view(run)["members"]:
        assert m["name"] in section
        assert str(kr(m["figures"]["net"])) in section
        assert str(kr(m["figures"]["harmonisation"])) in section
