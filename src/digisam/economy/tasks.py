"""Background work of the economy app: generating an annual statement runs in the task worker."""

from django.core.exceptions import ValidationError
from django_tasks import task

from digisam.core import jobs
from digisam.core import services as core_services
from digisam.core.models import Channel

KIND = "economy.statement"


@task()
def generate_statement(job_id: int):
    return jobs.run_job(job_id, _generate)


def _generate(job, progress):
    from . import services
    from .models import EconomyYear

    year = EconomyYear.objects.select_related("collaboration").get(pk=job.parameters["year"])
    user = job.created_by or core_services.SYSTEM
    progress(20, "Henter årets data og beregner opgørelsen")
    try:
        statement = services.generate(year, user=user, channel=Channel.TASK)
    except ValidationError as error:
        raise RuntimeError("Opgørelsen kunne ikke dannes: " + "; ".join(error.messages)) from None
    progress(90, "Opgørelsen er gemt")
    return {"url": statement.get_absolute_url(), "statement": statement.pk, "version": statement.version}


def start_generation(year, user):
    """Create the job the user watches and enqueue the task; returns the job."""
    job = jobs.create_job(kind=KIND, title=f"Årsopgørelse {year}", user=user, collaboration=year.collaboration,
                          parameters={"year": year.pk})
    generate_statement.enqueue(job.pk)
    job.refresh_from_db()
    return job
