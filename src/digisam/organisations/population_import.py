"""Population update from a newer Danmarks Statistik extract, all-or-nothing.

The file is CSV with at least the columns `kommunekode`, `indbyggere`, `indbyggere_dato` (the
format of the shipped kommuner.csv; `kilde` is optional). Every row is checked first; any error
names its row and column and nothing is written."""

import csv
import datetime
from dataclasses import dataclass

from django.db import transaction

from digisam.core import services
from digisam.core.models import Channel

from .models import Organisation, OrganisationKind, PopulationFigure

REQUIRED = ("kommunekode", "indbyggere", "indbyggere_dato")


class PopulationFileError(Exception):
    def __init__(self, problems):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class PopulationUpdate:
    created: int
    updated: int
    unchanged: int


def read_rows(path):
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            sample = handle.read(4096)
            handle.seek(0)
            delimiter = ";" if sample.count(";") > sample.count(",") else ","
            reader = csv.DictReader(handle, delimiter=delimiter)
            missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
            if missing:
                raise PopulationFileError([f"Række 1: kolonnen '{c}' mangler." for c in missing])
            return list(reader)
    except (OSError, UnicodeDecodeError) as error:
        raise PopulationFileError([f"Filen kan ikke læses: {error}"]) from None


def update_population(path, *, user=services.SYSTEM, channel=Channel.COMMAND) -> PopulationUpdate:
    rows = read_rows(path)
    municipalities = {o.code: o for o in Organisation.objects.filter(kind=OrganisationKind.MUNICIPALITY)}
    problems, parsed, seen = [], [], set()
    for number, row in enumerate(rows, start=2):
        code = (row.get("kommunekode") or "").strip().zfill(3)
        if code not in municipalities:
            problems.append(f"Række {number}, kolonne kommunekode: ukendt kommunekode '{row.get('kommunekode')}'.")
            continue
        try:
            population = int((row.get("indbyggere") or "").strip().replace(".", ""))
            if population < 0:
                raise ValueError
        except ValueError:
            problems.append(f"Række {number}, kolonne indbyggere: '{row.get('indbyggere')}' er ikke et helt, ikke-negativt tal.")
            continue
        try:
            date = datetime.date.fromisoformat((row.get("indbyggere_dato") or "").strip())
        except ValueError:
            problems.append(f"Række {number}, kolonne indbyggere_dato: '{row.get('indbyggere_dato')}' er ikke en dato (ÅÅÅÅ-MM-DD).")
            continue
        if (code, date) in seen:
            problems.append(f"Række {number}: kommune {code} står flere gange med datoen {date}.")
            continue
        seen.add((code, date))
        parsed.append((municipalities[code], date, population, (row.get("kilde") or "").strip()[:300]))
    if problems:
        raise PopulationFileError(problems)
    result = PopulationUpdate(0, 0, 0)
    with transaction.atomic(), services.operation():
        for organisation, date, population, source in parsed:
            figure = PopulationFigure.objects.filter(organisation=organisation, date=date).first()
            if figure is None:
                services.save(PopulationFigure(organisation=organisation, date=date, population=population,
                                               source=source), user=user, channel=channel)
                result.created += 1
            elif figure.population != population or (source and figure.source != source):
                figure.population = population
                figure.source = source or figure.source
                services.save(figure, user=user, channel=channel)
                result.updated += 1
            else:
                result.unchanged += 1
    return result
