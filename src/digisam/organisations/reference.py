"""The reference data shipped with digisam: municipalities, regions and population figures.

A copy of ../shared/data/kommuner.csv lives in organisations/data/ — nothing reads ../shared at
run time. Used by the data migration and by the population update command."""

import csv
import datetime
from pathlib import Path

from django.utils.text import slugify

DATA_DIR = Path(__file__).resolve().parent / "data"
MUNICIPALITIES_CSV = DATA_DIR / "kommuner.csv"

REGIONS_FOUNDED = datetime.date(2007, 1, 1)
MERGER_DATE = datetime.date(2027, 1, 1)
#: Region Hovedstaden and Region Sjælland merge into Region Østdanmark on 1 January 2027.
MERGING_REGION_CODES = ("1084", "1085")
OESTDANMARK = {"name": "Region Østdanmark", "slug": "region-oestdanmark", "code": None}


def danish_slug(name: str) -> str:
    table = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})
    return slugify(name.translate(table))


def read_municipalities(path: Path = MUNICIPALITIES_CSV):
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def load_reference_data(apps):
    """Create regions, municipalities, region memberships, populations, KOMBIT and KL (used by the
    data migration with historical models, and by browser tests after a flush)."""
    from digisam.organisations import reference

    Organisation = apps.get_model("organisations", "Organisation")
    RegionMembership = apps.get_model("organisations", "RegionMembership")
    PopulationFigure = apps.get_model("organisations", "PopulationFigure")

    rows = reference.read_municipalities()
    regions = {}
    for row in rows:
        code = row["regionskode"]
        if code not in regions:
            regions[code] = Organisation.objects.create(
                kind="region", name=row["region"], slug=reference.danish_slug(row["region"]), code=code
            )
    oestdanmark = Organisation.objects.create(kind="region", **reference.OESTDANMARK)
    before_merger = reference.MERGER_DATE - datetime.timedelta(days=1)
    for row in rows:
        municipality = Organisation.objects.create(
            kind="municipality",
            name=row["navn"],
            slug=reference.danish_slug(row["navn"]),
            code=row["kommunekode"],
        )
        merging = row["regionskode"] in reference.MERGING_REGION_CODES
        RegionMembership.objects.create(
            municipality=municipality,
            region=regions[row["regionskode"]],
            valid_from=reference.REGIONS_FOUNDED,
            valid_to=before_merger if merging else None,
        )
        if merging:
            RegionMembership.objects.create(
                municipality=municipality, region=oestdanmark, valid_from=reference.MERGER_DATE, valid_to=None
            )
        PopulationFigure.objects.create(
            organisation=municipality,
            date=datetime.date.fromisoformat(row["indbyggere_dato"]),
            population=int(row["indbyggere"]),
            source=row["kilde"][:300],
        )
    for kind, name, slug, cvr in [
        ("kombit", "KOMBIT A/S", "kombit", "19435075"),
        ("kl", "KL – Kommunernes Landsforening", "kl", "55133018"),
    ]:
        Organisation.objects.create(kind=kind, name=name, slug=slug, cvr=cvr)
