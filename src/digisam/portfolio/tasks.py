"""Background jobs of the portfolio app: the dry run and the application of an uploaded file."""

from django.urls import reverse
from django_tasks import task


def _work(*, dry_run):
    def work(job, progress):
        import_id = job.parameters["import_id"]
        from django.utils import timezone

        from digisam.core import services
        from digisam.core.models import Channel

        from .importer import import_files
        from .models import PortfolioImport

        upload = PortfolioImport.objects.select_related("organisation", "uploaded_by").get(pk=import_id)
        user = upload.uploaded_by
        files = []
        for field, name in ((upload.file, upload.original_name), (upload.second_file, upload.second_name)):
            if field:
                with field.open("rb") as handle:
                    files.append((handle.read(), name))
        result = import_files(files, user=user, municipality=upload.organisation.code, dry_run=dry_run,
                              channel=Channel.IMPORT, progress=progress)
        # The upload row records the dry-run report for review, and when the file was applied. It goes
        # through the audited service like every write; the job acts as the system, on the user's behalf.
        upload.dry_run = result.as_dict()
        if dry_run:
            upload.kind = result.format.split("+")[0][:20]
        elif result.ok:
            # what the application did (the same counts as its dry run unless the data changed since)
            upload.applied = timezone.now()
        services.save(upload, user=services.SYSTEM, channel=Channel.TASK, validate=False)
        return {"url": reverse("portfolio:import-review", args=[upload.pk]), "ok": result.ok,
                "summary": result.summary(), "errors": result.errors[:50], "import": upload.pk,
                "counts": result.counts, "notices": result.notices[:50], "missing": result.missing[:200],
                "unmapped": result.unmapped[:200], "diff": result.diff[:200], "applied": result.applied}

    return work


@task()
def dry_run_import(job_id: int):
    from digisam.core.jobs import run_job

    return run_job(job_id, _work(dry_run=True))


@task()
def apply_import(job_id: int):
    from digisam.core.jobs import run_job

    return run_job(job_id, _work(dry_run=False))


def _api_work(job, progress):
    """An import posted to the API: the files were put in storage by the request (not domain data,
    no record), read here and removed whatever happens."""
    from django.contrib.auth import get_user_model
    from django.core.files.storage import default_storage

    from digisam.core.models import Channel

    from .importer import import_files

    params = job.parameters
    files = []
    try:
        for path, name in params["files"]:
            with default_storage.open(path, "rb") as handle:
                files.append((handle.read(), name))
    finally:
        for path, _name in params["files"]:
            default_storage.delete(path)
    user = get_user_model().objects.get(pk=params["user"])
    result = import_files(files, user=user, municipality=params.get("municipality"), dry_run=params["dry_run"],
                          channel=Channel.API, progress=progress)
    return result.as_dict()


@task()
def api_import(job_id: int):
    from digisam.core.jobs import run_job

    return run_job(job_id, _api_work)


def _sync_work(job, progress):
    """KITOS API sync: fetch the municipality's usages and contracts, keep them as the two KITOS
    files of an import (so the review and apply steps are those of an upload), and dry-run them.
    A wrong token or a server that is down fails the job with a clear message; nothing is written."""
    from django.contrib.auth import get_user_model
    from django.core.files.base import ContentFile

    from digisam.core import services
    from digisam.core.models import Channel

    from . import kitos_api
    from .importer import import_files
    from .models import PortfolioImport

    upload_organisation = job.organisation
    user = get_user_model().objects.get(pk=job.parameters["user"])
    progress(5, "Henter fra KITOS")
    files = kitos_api.fetch(upload_organisation, progress=progress)
    result = import_files(files, user=user, municipality=upload_organisation.code, dry_run=True,
                          channel=Channel.IMPORT)
    record = PortfolioImport(organisation=upload_organisation, uploaded_by=user, original_name=files[0][1],
                             second_name=files[1][1])
    record.file.save(files[0][1], ContentFile(files[0][0]), save=False)
    record.second_file.save(files[1][1], ContentFile(files[1][0]), save=False)
    record.dry_run, record.kind = result.as_dict(), result.format.split("+")[0][:20]
    services.save(record, user=user, channel=Channel.TASK)
    return {"url": reverse("portfolio:import-review", args=[record.pk]), "ok": result.ok,
            "summary": result.summary(), "errors": result.errors[:50], "import": record.pk}


@task()
def sync_kitos(job_id: int):
    from digisam.core.jobs import run_job

    return run_job(job_id, _sync_work)
