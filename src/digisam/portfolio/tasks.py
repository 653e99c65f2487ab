"""Background jobs of the portfolio app: the dry run and the application of an uploaded file."""

from django.urls import reverse
from django_tasks import task


def _work(*, dry_run):
    def work(job, progress):
        import_id = job.parameters["import_id"]
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
        if dry_run:
            # Bookkeeping on the upload row (not domain data): the dry-run report shown for review.
            PortfolioImport.objects.filter(pk=upload.pk).update(dry_run=result.as_dict(), kind=result.format)
        else:
            from django.utils import timezone

            if result.ok:
                PortfolioImport.objects.filter(pk=upload.pk).update(applied=timezone.now())
            else:
                PortfolioImport.objects.filter(pk=upload.pk).update(dry_run=result.as_dict())
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
