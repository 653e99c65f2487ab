"""The demo economy: the five fee models with a 2026 year and a generated statement each, the
Silkeborg–Viborg ledger; loading twice changes nothing."""

from digisam.demo import loader
from digisam.demo.collaborations import COLLABORATIONS
from digisam.economy import demo
from digisam.economy.models import EconomyYear, HoursEntry, Statement, TurnLedgerEntry

SLUGS = ["storkoebenhavn", "sbsys", "os2", "it-forsyningen", "4k", "silkeborg-viborg"]


def _collaborations():
    for spec in COLLABORATIONS:
        if spec.slug in SLUGS:
            loader.load_collaboration(spec)


def test_demo_sets_up_the_fee_models_with_statements_and_is_idempotent(db):
    _collaborations()
    demo.load({"created": [], "primary": None, "log": lambda *_: None})
    assert set(EconomyYear.objects.values_list("collaboration__slug", flat=True)) == set(SLUGS) - {"silkeborg-viborg"}
    assert Statement.objects.count() == 5
    sbsys = Statement.objects.get(year__collaboration__slug="sbsys")
    texts = [line["text"] for m in sbsys.content.explanations.values() for line in m["lines"]]
    assert texts and all(t.startswith("9 kr. × ") for t in texts)
    os2 = Statement.objects.get(year__collaboration__slug="os2")
    assert all(m["charges"] == 1600000 for m in os2.content.explanations.values())
    four_k = Statement.objects.get(year__collaboration__slug="4k")
    assert len(four_k.content.explanations) == 4
    assert {m["charges"] for m in four_k.content.explanations.values()} == {60000000}
    stork = Statement.objects.get(year__collaboration__slug="storkoebenhavn")
    assert len(stork.content.explanations) == 9
    assert {line["section"] for line in stork.content.explanations["165"]["lines"]} == {"charge", "host_cost", "project"}
    assert HoursEntry.objects.filter(project__year__collaboration__slug="storkoebenhavn").count() == 9 * 12
    itf = Statement.objects.get(year__collaboration__slug="it-forsyningen")
    assert {line["kind"] for m in itf.content.explanations.values() for line in m["lines"]} == {"per_fte", "orders"}
    assert TurnLedgerEntry.objects.count() == 4
    demo.load({"created": [], "primary": None, "log": lambda *_: None})
    assert Statement.objects.count() == 5 and TurnLedgerEntry.objects.count() == 4
