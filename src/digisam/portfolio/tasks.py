"""Background jobs of the portfolio app: the dry run and the application of an uploaded file."""

from django.urls import reverse
from django_tasks import task


def _work(*, dry_run):
    def work(job, progress):
        import_id = job.parameters["import_id"]
        from digisam.core.models import Channel

        from .importer import import_file
        from .models import PortfolioImport

        upload = PortfolioImport.objects.select_related("organisation", "uploaded_by").get(pk=import_id)
        user = upload.uploaded_by
        with upload.file.open("rb") as handle:
            data = handle.read()
        result = import_file(data, upload.original_name, user=user, municipality=upload.organisation.code,
                             dry_run=dry_run, channel=Channel.IMPORT, progress=progress)
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
                "summary": result.summary(), "errors": result.errors[:50]}

    return work


@task()
def dry_run_import(job_id: int):
    from digisam.core.jobs import run_job

    return run_job(job_id, _work(dry_run=True))


@task()
def apply_import(job_id: int):
    from digisam.core.jobs import run_job

    return run_job(job_id, _work(dry_run=False))
