"""The backup and restore of docs/operations.md, rehearsed: scripts/backup.sh (pg_dump + the uploads)
of a database with decisions, audit and an uploaded file, then scripts/restore.sh into a new, empty
database and directory — every row and every upload comes back. PostgreSQL only."""

import os
import secrets
import subprocess
import urllib.parse
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
TABLES = ("core_auditentry", "core_roleassignment", "collaborations_collaboration", "collaborations_membership",
          "organisations_organisation", "portfolio_contract", "portfolio_portfolioimport", "auth_user")

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def _url(name):
    s = connection.settings_dict
    password = f":{urllib.parse.quote(s['PASSWORD'])}" if s.get("PASSWORD") else ""
    return f"postgres://{urllib.parse.quote(s['USER'])}{password}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{name}"


def _counts(url):
    import psycopg

    with psycopg.connect(url) as db:
        return {table: db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in TABLES}  # noqa: S608


@pytest.fixture
def reference(transactional_db):
    """The migration's reference data again (an earlier transactional test may have flushed it)."""
    from django.apps import apps

    from digisam.organisations import reference
    from digisam.organisations.models import Organisation

    if not Organisation.objects.filter(kind="municipality").exists():
        reference.load_reference_data(apps)


def test_a_backup_restores_into_an_empty_database_with_every_row_and_upload(reference, world, tmp_path, settings):
    if connection.vendor != "postgresql":
        pytest.skip("the documented backup is pg_dump; this runs in the PostgreSQL pass of the suite")
    from django.core.files.base import ContentFile
    from factories.planning import tiny_portfolio

    from digisam.core import services
    from digisam.core.models import Channel
    from digisam.portfolio.models import PortfolioImport

    settings.MEDIA_ROOT = str(tmp_path / "media")
    tiny_portfolio(world.alpha, [world.orgs["165"], world.orgs["151"]])
    upload = PortfolioImport(organisation=world.orgs["165"], original_name="portefølje.csv",
                             uploaded_by=world.users["coordinator"])
    upload.file.save("portefolje.csv", ContentFile(b"Kommunekode;Kategori\n165;esdh\n"), save=False)
    services.save(upload, user=world.users["coordinator"], channel=Channel.UI)
    before = _counts(_url(connection.settings_dict["NAME"]))
    assert before["core_auditentry"] >= 1 and before["portfolio_portfolioimport"] == 1

    env = {**os.environ, "DATABASE_URL": _url(connection.settings_dict["NAME"]), "DIGISAM_MEDIA_ROOT": settings.MEDIA_ROOT}
    done = subprocess.run(["bash", "scripts/backup.sh", str(tmp_path / "backup")], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "backup" / "digisam.dump").stat().st_size > 0

    import psycopg

    target = f"digisam_restore_{secrets.token_hex(4)}"
    with psycopg.connect(_url("postgres"), autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{target}"')
    try:
        env = {**os.environ, "DATABASE_URL": _url(target), "DIGISAM_MEDIA_ROOT": str(tmp_path / "restored-media")}
        done = subprocess.run(["bash", "scripts/restore.sh", str(tmp_path / "backup")], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        assert _counts(_url(target)) == before
        with psycopg.connect(_url(target)) as db:
            name, = db.execute("SELECT file FROM portfolio_portfolioimport").fetchone()
        assert (tmp_path / "restored-media" / name).read_bytes() == b"Kommunekode;Kategori\n165;esdh\n"
    finally:
        with psycopg.connect(_url("postgres"), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{target}" WITH (FORCE)')
