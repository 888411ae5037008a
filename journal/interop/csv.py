"""Encounters as CSV, one row per encounter, for spreadsheets.

Column names are fixed English keys (other tools rely on them); people are named, joined by
"; ", so a row reads on its own.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from journal.model import Encounter, Person

COLUMNS = (
    "date",
    "time",
    "people",
    "occasion",
    "place",
    "channel",
    "direction",
    "summary",
    "common_ground",
    "experience",
    "gave",
    "received",
    "by_chance",
    "lucky",
    "follow_up",
    "tags",
    "id",
)
PEOPLE_SEPARATOR = "; "


# Spreadsheets run a cell starting with one of these as a formula; a leading apostrophe
# makes them show it as text (a journal's summary is never meant to compute anything).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def encounter_row(encounter: Encounter, names: dict[str, str]) -> list[str]:
    return [spreadsheet_safe(cell) for cell in _cells(encounter, names)]


def _cells(encounter: Encounter, names: dict[str, str]) -> list[str]:
    return [
        encounter.date.isoformat(),
        encounter.time or "",
        PEOPLE_SEPARATOR.join(names.get(pid, pid) for pid in encounter.person_ids),
        encounter.occasion or "",
        encounter.place,
        encounter.channel,
        encounter.direction,
        encounter.summary,
        encounter.common_ground,
        encounter.experience,
        encounter.gave,
        encounter.received,
        "true" if encounter.by_chance else "false",
        "true" if encounter.lucky else "false",
        encounter.follow_up.isoformat() if encounter.follow_up else "",
        PEOPLE_SEPARATOR.join(encounter.tags),
        encounter.id,
    ]


def export_csv(encounters: Iterable[Encounter], people: Iterable[Person]) -> str:
    """CSV text (header first), oldest encounter first.

    ``people`` should include deleted ones too, so that old encounters still show names.
    """
    names = {person.id: person.name for person in people}
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for encounter in sorted(encounters, key=lambda e: (e.date, e.time or "", e.created, e.id)):
        writer.writerow(encounter_row(encounter, names))
    return buffer.getvalue()
