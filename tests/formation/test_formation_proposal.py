"""The decision proposal (issue 14 item 3): written from the collaboration's data, amounts tie out to
the economy engine; a proposal with no fee model or no members lists what is missing."""

import datetime
import io
from decimal import Decimal

import pytest

from digisam.collaborations.models import Body, DecisionRule
from digisam.core import services as core_services
from digisam.economy.models import Charge, EconomyYear
from digisam.formation import documents, services


def formation_with_economy(world, fee=True):
    o = world.orgs
    formation = services.start(services.Start(
        name="Indkøbsforeningen Vest", initiator=o["165"], invitees=[o["151"], o["153"]],
        answers=services.answers_from({"needs": ["buying_power"], "employ_staff": True, "members": 3}),
        purpose="procurement", form="association", rationale="Fælles udbud giver indkøbsmagt.",
        description="Vi køber fagsystemer ind sammen.",
    ), user=world.users["coordinator"])
    c = formation.collaboration
    body = core_services.save(Body(collaboration=c, kind="general_assembly", name="Generalforsamlingen"),
                              user=core_services.SYSTEM)
    core_services.save(DecisionRule(collaboration=c, body=body, decision_type="budget", majority="qualified",
                                    qualified_fraction="2/3"), user=core_services.SYSTEM)
    if fee:
        year = core_services.save(EconomyYear(collaboration=c, year=datetime.date.today().year), user=core_services.SYSTEM)
        core_services.save(Charge(year=year, name="Kontingent", kind="equal_share", total=Decimal("90000")),
                           user=core_services.SYSTEM)
    return formation


@pytest.mark.django_db
def test_the_proposal_names_members_rules_and_each_members_contribution(world):
    formation = formation_with_economy(world)
    lines = [text for _style, text in documents.proposal_lines(formation.collaboration, formation)]
    text = "\n".join(lines)
    for name in ("Albertslund", "Brøndby", "Generalforsamlingen", "Kvalificeret flertal (2/3)",
                 "Vi køber fagsystemer ind sammen.", "Vedtægter for foreningen", "6 måneders"):
        assert name in text, name
    fees = documents.proposal_fees(formation.collaboration, documents._members_for(formation.collaboration,
                                                                                    formation), datetime.date.today().year)
    assert [r["charges_ore"] for r in fees["rows"]] == [3_000_000] * 3  # 90.000 kr. split three ways
    assert fees["total_ore"] == 9_000_000
    assert "I alt: 90.000,00 kr." in lines
    assert "lorem" not in text.lower()


@pytest.mark.django_db
def test_the_docx_is_editable_word_with_the_same_content(world, client_for):
    from docx import Document

    formation = formation_with_economy(world)
    response = client_for(world.users["coordinator"]).get(
        f"/etablering/{formation.collaboration.slug}/beslutningsoplaeg/", {"format": "docx"})
    assert response.status_code == 200
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "Beslutningsoplæg: Indkøbsforeningen Vest" in text and "30.000,00 kr." in text
    pdf = client_for(world.users["coordinator"]).get(
        f"/etablering/{formation.collaboration.slug}/beslutningsoplaeg/", {"format": "pdf"})
    assert pdf.content.startswith(b"%PDF")


@pytest.mark.django_db
def test_without_a_fee_model_it_lists_what_is_missing(world, client_for):
    formation = formation_with_economy(world, fee=False)
    missing = documents.proposal_missing(formation.collaboration, formation)
    assert len(missing) == 1 and "kontingentmodel" in missing[0]
    response = client_for(world.users["coordinator"]).get(
        f"/etablering/{formation.collaboration.slug}/beslutningsoplaeg/", {"format": "docx"})
    assert response.status_code == 400 and "kontingentmodel" in response.content.decode()
    with pytest.raises(ValueError):
        documents.proposal_lines(formation.collaboration, formation)


@pytest.mark.django_db
def test_a_collaboration_without_members_says_so(world):
    missing = documents.proposal_missing(world.beta, None)
    assert any("Medlemmer" in m for m in missing) and any("kontingentmodel" in m for m in missing)
