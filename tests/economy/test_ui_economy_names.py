"""A person reads members' names, not codes, in a statement's payments (issue 12 item 4).

The engine's text account is tested in tests/engines/economy/test_economy_names.py."""

from digisam.economy import services as economy_services


def test_a_member_sees_the_counterparty_of_its_payments_by_name(econ):
    view = economy_services.statement_view(econ.world.users["finance"], econ.statement)
    assert not view["full"] and view["transfers"]
    names = {m["name"] for m in econ.statement.content.explanations.values()} | {"Samarbejdet"}
    for transfer in view["transfers"]:
        assert transfer["from_name"] in names and transfer["to_name"] in names, transfer
