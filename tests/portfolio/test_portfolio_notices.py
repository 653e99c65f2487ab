import datetime

import pytest

pytestmark = pytest.mark.django_db


def test_coordinators_are_reminded_once_of_a_near_notice_deadline(pf, world, mailoutbox,
                                                                   django_capture_on_commit_callbacks):
    from digisam.initiatives.models import Notification
    from digisam.portfolio.notices import notify_notice_deadlines

    world.users["coordinator"].email = "it-chef@albertslund.dk"
    world.users["coordinator"].save()
    deadline = pf.c165.last_notice_day(datetime.date(2028, 1, 1))
    today = deadline - datetime.timedelta(days=30)
    with django_capture_on_commit_callbacks(execute=True):  # the e-mail is queued after commit
        reminded = notify_notice_deadlines(days=60, today=today)
    assert [(c.pk, d) for c, d in reminded] == [(pf.c165.pk, deadline)]
    notes = Notification.objects.filter(kind="notice_deadline")
    assert [n.user for n in notes] == [world.users["coordinator"]]
    assert f"{deadline:%d.%m.%Y}" in notes[0].message
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["it-chef@albertslund.dk"]
    assert notify_notice_deadlines(days=60, today=today) == []
    assert Notification.objects.filter(kind="notice_deadline").count() == 1


def test_no_reminder_far_from_the_deadline_or_after_it(pf, world):
    from digisam.portfolio.notices import notify_notice_deadlines

    deadline = pf.c165.last_notice_day(datetime.date(2028, 1, 1))
    assert notify_notice_deadlines(days=60, today=deadline - datetime.timedelta(days=90)) == []
    assert notify_notice_deadlines(days=60, today=deadline + datetime.timedelta(days=1)) == []
