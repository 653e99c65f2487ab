"""Routes that reached main after the matrix and still wait for their rows, with the branch that owns
them. The matrix accepts exactly these without a row; a route listed here that has a row, or that no
longer exists, fails the suite — so the list only shrinks. Do not add to it: add rows instead."""

PENDING: set[str] = set()
