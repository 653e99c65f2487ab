"""Notification e-mails leave after the decision commits, as a task with retries, and the decision
never depends on the mail (issue 11, hole 15)."""

import pytest
from django.core import mail
from django.db import transaction
from django.test import override_settings
from factories.initiatives import build_scene

from digisam.initiatives import services as initiative_services
from digisam.initiatives.models import Notification, Proposal, ProposalStatus

pytestmark = pytest.mark.django_db


class FlakyBackend:
    """A mail server that refuses the first `failures` messages, then accepts (counts every try)."""

    failures = 0
    attempts = 0

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        FlakyBackend.attempts += 1
        if FlakyBackend.attempts <= FlakyBackend.failures:
            raise ConnectionRefusedError("mail server down")
        mail.outbox.extend(messages)
        return len(messages)


@pytest.fixture
def flaky():
    FlakyBackend.attempts = 0
    FlakyBackend.failures = 0
    with override_settings(EMAIL_BACKEND="test_infra_mail.FlakyBackend"):
        yield FlakyBackend


@pytest.fixture
def scene(world):
    for name, user in world.users.items():
        user.email = f"{name}@example.dk"
        user.save()
    return build_scene(world)


def test_a_decision_that_rolls_back_sends_no_mail(world, scene, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            initiative_services.open_proposal(scene.proposal, user=world.users["secretariat"])
            assert Notification.objects.filter(kind="vote_opened").exists()
            raise RuntimeError("something later in the same decision failed")
    assert callbacks == [] and mailoutbox == []
    assert not Notification.objects.filter(kind="vote_opened").exists()
    assert Proposal.objects.get(pk=scene.proposal.pk).status == ProposalStatus.DRAFT


def test_the_mail_is_sent_only_after_the_decision_commits(world, scene, mailoutbox,
                                                          django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        initiative_services.open_proposal(scene.proposal, user=world.users["secretariat"])
        assert mailoutbox == []  # nothing inside the transaction
    assert callbacks, "the e-mails are queued on commit"
    for callback in callbacks:
        callback()
    assert any("Afstemning åbnet" in m.body for m in mailoutbox)
    notes = Notification.objects.filter(kind="vote_opened", user=world.users["coordinator"])
    assert notes.get().emailed is True


def test_a_mail_server_that_is_down_does_not_fail_the_decision(world, scene, flaky,
                                                                django_capture_on_commit_callbacks, settings):
    flaky.failures = 10_000
    settings.DIGISAM_MAIL_ATTEMPTS = 3
    with django_capture_on_commit_callbacks(execute=True):
        initiative_services.open_proposal(scene.proposal, user=world.users["secretariat"])
    proposal = Proposal.objects.get(pk=scene.proposal.pk)
    assert proposal.status == ProposalStatus.OPEN
    notes = Notification.objects.filter(kind="vote_opened")
    assert notes.exists() and not notes.filter(emailed=True).exists()
    # Every recipient was tried three times, then given up (the in-app notification stays).
    assert flaky.attempts == 3 * notes.count()


def test_a_failed_mail_is_retried_until_it_goes_through(world, flaky, mailoutbox, settings):
    from digisam.initiatives.tasks import email_notification

    settings.DIGISAM_MAIL_ATTEMPTS = 5
    user = world.users["coordinator"]
    user.email = "koordinator@example.dk"
    user.save()
    note = initiative_services.notify([user], kind=Notification.Kind.VOTE_OPENED, message="Afstemning åbnet i Bestyrelsen")[0]
    # notify ran outside a transaction here, so its mail went at once: reset and try with a flaky server.
    Notification.objects.filter(pk=note.pk).update(emailed=False)
    mailoutbox.clear()
    flaky.attempts, flaky.failures = 0, 2
    email_notification.enqueue(note.pk)
    assert flaky.attempts == 3
    assert [m.to for m in mailoutbox] == [["koordinator@example.dk"]]
    note.refresh_from_db()
    assert note.emailed is True
    # Already e-mailed: delivering the task again sends nothing more.
    email_notification.enqueue(note.pk)
    assert len(mailoutbox) == 1 and flaky.attempts == 3


def test_a_retry_is_deferred_where_the_backend_can_defer(world, settings, monkeypatch):
    from django.utils import timezone

    from digisam.initiatives import tasks

    queued = []

    class Deferring:
        supports_defer = True

    class Runner:
        def __init__(self, run_after=None):
            self.run_after = run_after

        def get_backend(self):
            return Deferring()

        def using(self, run_after):
            return Runner(run_after)

        def enqueue(self, *args):
            queued.append((self.run_after, args))

    monkeypatch.setattr(tasks, "email_notification", Runner())
    settings.DIGISAM_MAIL_RETRY_SECONDS = 60
    before = timezone.now()
    tasks.queue_email(7, attempt=3)
    (run_after, args), = queued
    assert args == (7, 3)
    assert 119 <= (run_after - before).total_seconds() <= 125
