"""Matrix rows: the business-case grid (issue 12 item 14): everyone who reads the initiative reads the
grid and its xlsx; only the secretariat (and admins) save it."""

from matrix_base import MANAGERS, E, Row

P = "/initiativer"
ROWS = [
    Row("initiatives:case_grid", lambda s: f"{P}/i/{s.initiative.pk}/business-case/tabel/", E(200)),
    Row("initiatives:case_grid", lambda s: f"{P}/i/{s.initiative.pk}/business-case/tabel/?format=xlsx", E(200)),
    Row("initiatives:case_grid", lambda s: f"{P}/i/{s.beta_initiative.pk}/business-case/tabel/", E(404)),
    Row("initiatives:case_grid", lambda s: f"{P}/i/{s.initiative.pk}/business-case/tabel/", E(403, (MANAGERS, 302)),
        method="post", data={}),
]
