"""Matrix rows: formation (issue 14). The scene's formation — made here, on first use, by the system
for initiator 165 with 151 invited — is unpublished: only platform admins and the two invited
municipalities' users read it; 165's coordinator records 165's decision; the gates are decided by the
formation's secretariat (none in the scene) and platform admins."""

from matrix_base import MEMBERS_165, E, Row

STARTERS = ("admin", "coordinator", "outsider")  # coordinators start a formation for their own municipality


def formation(s):
    from digisam.core import services as core_services
    from digisam.formation import services
    from digisam.formation.models import Formation

    # made anew for each test that needs it: every test's own writes are rolled back after it
    existing = Formation.objects.filter(collaboration__name="Matrix-indkøbsforening").first()
    return existing or services.start(services.Start(
            name="Matrix-indkøbsforening", initiator=s.orgs["165"], invitees=[s.orgs["151"]],
            answers=services.answers_from({"needs": ["buying_power"], "members": 2}),
            purpose="procurement", form="association"), user=core_services.SYSTEM)


def course_change(s):
    """A recorded change of course in alpha (made anew per test, like `formation`)."""
    import datetime

    from digisam.core import services as core_services
    from digisam.formation import services
    from digisam.formation.models import CourseChange

    existing = CourseChange.objects.filter(collaboration=s.alpha).first()
    return existing or services.change_course(
        s.alpha, user=core_services.SYSTEM, decided_on=datetime.date(2025, 5, 1),
        effective_from=datetime.date(2025, 7, 1), new_form=s.alpha.organisation_form, new_participation="opt_in",
        reason="Matrix")


def estimate(s):
    """A finished joining estimate of 153 (outside alpha), written directly: its job is not needed."""
    from digisam.formation.models import JoiningEstimate

    return JoiningEstimate.objects.filter(organisation=s.orgs["153"]).first() or JoiningEstimate.objects.create(
        collaboration=s.alpha, organisation=s.orgs["153"], status="succeeded", tenders=[])


READ = E(404, (("admin", *MEMBERS_165), 200))
COURSE_RECORDERS = ("admin", "secretariat", "coordinator")  # the secretariat, and 165's coordinator for 165
ROWS = [
    Row("formation:home", lambda s: "/etablering/", E(200)),
    Row("formation:advisor", lambda s: "/etablering/raadgiver/", E(200)),
    Row("formation:advisor", lambda s: "/etablering/raadgiver/?members=3&needs=buying_power", E(200)),
    Row("formation:start", lambda s: "/etablering/start/", E(403, (STARTERS, 400)), method="post",
        note="empty form: 400"),
    Row("formation:detail", lambda s: f"/etablering/{formation(s).collaboration.slug}/", READ),
    Row("formation:rescope", lambda s: f"/etablering/{formation(s).collaboration.slug}/nyt-forslag/",
        E(404, (("admin", "coordinator"), 400), (("member", "finance"), 403)), method="post",
        note="empty form: 400; the initiator's coordinator manages the formation"),
    Row("formation:decision",
        lambda s: f"/etablering/beslutning/{formation(s).decisions.get(organisation=s.orgs['165']).pk}/",
        E(404, (("admin", "coordinator"), 400), (("member", "finance"), 403)), method="post",
        note="empty form: 400"),
    Row("formation:gate", lambda s: f"/etablering/beslutningspunkt/{formation(s).process.gates.get(phase=0).pk}/",
        E(404, ("admin", 400), (MEMBERS_165, 403)), method="post", note="empty form: 400"),
    Row("formation:joining", lambda s: "/etablering/alpha/medlemskab/", E(403, (("admin", "outsider"), 200)),
        note="coordinators of municipalities outside alpha"),
    Row("formation:apply", lambda s: "/etablering/alpha/medlemskab/ansoeg/", E(403), method="post",
        note="no organisation chosen: 403"),
    Row("formation:leave", lambda s: "/etablering/alpha/udtraeden/", E(200)),
    Row("formation:proposal", lambda s: "/etablering/alpha/beslutningsoplaeg/", E(200)),
    Row("formation:course", lambda s: "/etablering/alpha/kursskifte/", E(200)),
    Row("formation:delivery", lambda s: "/etablering/alpha/leverer/", E(200), note="figures restricted per role"),
    Row("formation:course", lambda s: "/etablering/alpha/kursskifte/", E(403, (("admin", "secretariat"), 400)),
        method="post", note="empty form: 400"),
    Row("formation:proposal", lambda s: f"/etablering/{formation(s).collaboration.slug}/beslutningsoplaeg/", READ),
    Row("formation:leave", lambda s: "/etablering/alpha/udtraeden/",
        E(403, (("admin", "secretariat", "coordinator"), 400)), method="post", note="empty form: 400"),
    Row("formation:estimate", lambda s: "/etablering/alpha/medlemskab/udbud/", E(403), method="post",
        note="no organisation chosen: 403; only a coordinator outside alpha starts it for its own municipality"),
    Row("formation:course-choice", lambda s: f"/etablering/alpha/kursskifte/{course_change(s).pk}/valg/",
        E(403, (COURSE_RECORDERS, 400)), method="post", note="empty form: 400"),
    Row("formation:course-strategy", lambda s: f"/etablering/alpha/kursskifte/{course_change(s).pk}/strategi/",
        E(403, (COURSE_RECORDERS, 400)), method="post", note="empty form: 400"),
    # the read API: the pages' policies
    Row("formation-list", lambda s: "/api/formations/", E(200, api=True)),
    Row("formation-detail", lambda s: f"/api/formations/{formation(s).pk}/", E(404, (("admin", *MEMBERS_165), 200),
                                                                               api=True)),
    Row("memberdecision-list", lambda s: "/api/formation-decisions/", E(200, api=True)),
    Row("memberdecision-detail",
        lambda s: f"/api/formation-decisions/{formation(s).decisions.get(organisation=s.orgs['165']).pk}/",
        E(404, (("admin", *MEMBERS_165), 200), api=True)),
    Row("joiningestimate-list", lambda s: "/api/joining-estimates/", E(200, api=True)),
    Row("joiningestimate-detail", lambda s: f"/api/joining-estimates/{estimate(s).pk}/",
        E(404, (("admin", "outsider"), 200), api=True), note="only the municipality's own users"),
]
