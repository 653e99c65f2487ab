"""Platform behaviour: login lockout, Danish first, audit per object, jobs, engines free of Django."""

import pytest

pytestmark = pytest.mark.django_db


def test_login_locks_after_five_failures(world, client):
    for _ in range(5):
        client.post("/login/", {"username": "member", "password": "wrong-password"})
    response = client.post("/login/", {"username": "member", "password": "test-password-123"})
    assert response.status_code in (403, 429)
    assert "spærret" in response.content.decode()


def test_pages_are_danish_even_if_the_browser_asks_for_english(world, client_for):
    c = client_for(world.users["member"])
    page = c.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="da">' in page and "Overblik" in page


def test_the_english_switch_sets_english(world, client_for):
    c = client_for(world.users["member"])
    c.post("/sprog/", {"language": "en", "next": "/"})
    page = c.get("/").content.decode()
    assert '<html lang="en">' in page


def test_object_history_shows_each_change(world, client_for):
    from digisam.core import services

    world.alpha.description = "Ny beskrivelse"
    services.save(world.alpha, user=world.users["secretariat"])
    page = client_for(world.users["member"]).get(f"/log/collaborations/collaboration/{world.alpha.pk}/")
    assert page.status_code == 200
    assert "secretariat" in page.content.decode()
    hidden = client_for(world.users["member"]).get(f"/log/collaborations/collaboration/{world.beta.pk}/")
    assert hidden.status_code == 404


def test_audit_export_as_csv_lists_user_and_channel(world, client_for):
    from digisam.core import services

    world.alpha.description = "Eksporteret ændring"
    services.save(world.alpha, user=world.users["secretariat"])
    response = client_for(world.users["secretariat"]).get("/samarbejder/alpha/log/?format=csv")
    text = response.content.decode("utf-8-sig")
    assert "secretariat" in text and "Web" in text and "Eksporteret ændring" in text


def test_a_job_records_progress_and_result(world):
    from digisam.core.jobs import create_job, run_job
    from digisam.core.models import Job

    job = create_job(kind="test", title="Test", user=world.users["member"], collaboration=world.alpha)

    def work(job, progress):
        progress(50, "halvvejs")
        return {"answer": 42}

    run_job(job.pk, work)
    job = Job.objects.get(pk=job.pk)
    assert job.status == "succeeded" and job.progress == 100 and job.result == {"answer": 42}


def test_a_failing_job_is_marked_failed_with_the_reason(world):
    from digisam.core.jobs import create_job, run_job
    from digisam.core.models import Job

    job = create_job(kind="test", title="Test")

    def work(job, progress):
        raise ValueError("forkert input i række 3")

    run_job(job.pk, work)
    job = Job.objects.get(pk=job.pk)
    assert job.status == "failed" and "række 3" in job.message


def test_engines_never_import_django():
    import pathlib

    root = pathlib.Path(__file__).resolve().parents[2] / "src" / "digisam" / "engines"
    offenders = [
        str(p) for p in root.rglob("*.py")
        if any(line.strip().startswith(("import django", "from django", "from rest_framework"))
               for line in p.read_text().splitlines())
    ]
    assert root.exists() and not offenders


def test_demo_loads_all_twelve_collaborations_and_is_idempotent():
    """The eleven from the source documents plus the one in formation (formation.demo): twelve."""
    from digisam.collaborations.models import Collaboration, DecisionRule
    from digisam.demo import loader

    loader.load(log=lambda *_: None)
    loader.load(log=lambda *_: None)
    assert Collaboration.objects.count() == 12
    assert Collaboration.objects.filter(formation__established_on__isnull=True, formation__isnull=False).count() == 1
    assert Collaboration.objects.get(slug="sjaelland").memberships.filter(status="left").exists()
    storkbh = Collaboration.objects.get(slug="storkoebenhavn")
    assert storkbh.memberships.filter(status="active").count() == 9
    assert DecisionRule.objects.filter(collaboration=storkbh, decision_type="mandatory_project",
                                       majority="unanimity").exists()
    sv = Collaboration.objects.get(slug__contains="silkeborg")
    assert DecisionRule.objects.filter(collaboration=sv, escalation_body__kind="directors_circle").exists()


def test_admin_changes_go_through_the_audit_log(world, client_for):
    from digisam.core.models import AuditEntry

    organisation = world.orgs["147"]
    url = f"/admin/organisations/organisation/{organisation.pk}/change/"
    c = client_for(world.users["admin"])
    form = c.get(url)
    assert form.status_code == 200
    data = {"kind": "municipality", "name": organisation.name, "slug": organisation.slug, "code": "147", "cvr": "",
            "website": "", "email": "it@frb.dk", "phone": "", "address": "", "contact_person": "", "notes": ""}
    response = c.post(url, data)
    assert response.status_code == 302
    assert AuditEntry.objects.filter(object_id=str(organisation.pk), content_type__model="organisation",
                                     user=world.users["admin"]).exists()
