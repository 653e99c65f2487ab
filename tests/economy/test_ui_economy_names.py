"""A person reads members' names, not codes, in a statement's payments (issue 12 item 4)."""

from digisam.economy import services as economy_services
from digisam.engines.economy import engine


def test_a_member_sees_the_counterparty_of_its_payments_by_name(econ):
    view = economy_services.statement_view(econ.world.users["finance"], econ.statement)
    assert not view["full"] and view["transfers"]
    names = {m["name"] for m in econ.statement.content.explanations.values()} | {"Samarbejdet"}
    for transfer in view["transfers"]:
        assert transfer["from_name"] in names and transfer["to_name"] in names, transfer


def test_the_text_account_names_the_parties_of_each_payment():
    assert engine._party("165", {"165": "Albertslund"}) == "Albertslund (165)"
    assert engine._party(engine.COLLABORATION, {}) == "samarbejdet"
