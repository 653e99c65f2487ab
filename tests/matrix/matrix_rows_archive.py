"""Matrix rows: archive instead of delete (issue 11 hole 6). The UI's confirmation step
(/arkiv/<app>/<model>/<pk>/arkiver/ and …/gendan/) and the API's archive/unarchive actions take
the delete permission: alpha's secretariat and platform admins; everyone else who can see the record
gets 403, those who cannot 404. Restoring a record that is not archived is a clear refusal."""

from matrix_base import MANAGERS, MEMBERS_165, E, Row


def _ui(kind, action):
    return lambda s: f"/arkiv/{kind}/{_pk(s, kind)}/{action}/"


def _pk(s, kind):
    return {"initiatives/proposal": s.proposal.pk, "collaborations/collaboration": s.alpha.pk,
            "collaborations/body": s.board.pk, "economy/economyyear": s.year.pk}[kind]


CONFIRMED = {"confirmed": "yes"}

ROWS = [
    Row("archive", _ui("initiatives/proposal", "arkiver"), E(403, (MANAGERS, 200))),
    Row("archive", _ui("initiatives/proposal", "arkiver"), E(403, (MANAGERS, 302)), method="post", data=CONFIRMED),
    Row("archive", _ui("collaborations/collaboration", "arkiver"), E(403, (MANAGERS, 200))),
    Row("archive", _ui("collaborations/body", "arkiver"), E(403, (MANAGERS, 302)), method="post", data=CONFIRMED),
    Row("archive", _ui("economy/economyyear", "arkiver"), E(404, (MANAGERS, 200), (MEMBERS_165, 403))),
    Row("archive", lambda s: f"/arkiv/initiatives/ballot/{s.ballot.pk}/arkiver/", E(404)),  # not archivable
    Row("unarchive", _ui("initiatives/proposal", "gendan"), E(403, (MANAGERS, 200))),
    Row("unarchive", _ui("initiatives/proposal", "gendan"), E(403, (MANAGERS, 302)), method="post", data=CONFIRMED),
    Row("collaboration-archive", lambda s: "/api/collaborations/alpha/archive/",
        E(403, (MANAGERS, 200), api=True), method="post"),
    Row("collaboration-unarchive", lambda s: "/api/collaborations/alpha/unarchive/",
        E(403, (MANAGERS, 400), api=True), method="post"),
    Row("body-archive", lambda s: f"/api/bodies/{s.board.pk}/archive/", E(403, (MANAGERS, 200), api=True),
        method="post"),
    Row("body-unarchive", lambda s: f"/api/bodies/{s.board.pk}/unarchive/", E(403, (MANAGERS, 400), api=True),
        method="post"),
    Row("proposal-archive", lambda s: f"/api/proposals/{s.proposal.pk}/archive/", E(403, (MANAGERS, 200), api=True),
        method="post"),
    Row("proposal-archive", lambda s: f"/api/proposals/{s.beta_proposal.pk}/archive/",
        E(404, (("admin",), 200), (("outsider",), 403), api=True), method="post"),
    Row("proposal-unarchive", lambda s: f"/api/proposals/{s.proposal.pk}/unarchive/",
        E(403, (MANAGERS, 400), api=True), method="post"),
    Row("economy-year-archive", lambda s: f"/api/economy-years/{s.year.pk}/archive/",
        E(404, (MANAGERS, 200), (MEMBERS_165, 403), api=True), method="post"),
    Row("economy-year-unarchive", lambda s: f"/api/economy-years/{s.year.pk}/unarchive/",
        E(404, (MANAGERS, 400), (MEMBERS_165, 403), api=True), method="post"),
]
