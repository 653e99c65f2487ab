"""The engine's text account names both parties of each payment, not codes (issue 12 item 4)."""

from digisam.engines.economy import engine


def test_the_text_account_names_the_parties_of_each_payment():
    assert engine._party("165", {"165": "Albertslund"}) == "Albertslund (165)"
    assert engine._party(engine.COLLABORATION, {}) == "samarbejdet"
