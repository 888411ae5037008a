"""netjournal's own CSV: encounters (one row each) and people (one row each), out and back in.

Column names are fixed English keys (other tools rely on them; new columns are only ever added
at the end). Encounters name their people, joined by "; " (JSON when a name holds a ";"), so a
row reads on its own, and carry
their ids (``person_ids``) so that importing them finds the same people. People's lists of
things (e-mails, phones, addresses, dates, websites, relationships, platforms) are JSON in their
cell; aliases, tags and "may be the same as" are joined by "; " (JSON when one holds a ";").
Importing both files into a fresh journal gives every person and encounter back as it was.

A cell that a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``) is written with a
leading apostrophe, which the import takes off again.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable
from dataclasses import fields
from typing import Any

from journal.i18n import _
from journal.interop.cards import CardPerson, person_id_for_uid
from journal.interop.csv_read import Row
from journal.model import (
    Address,
    DateEntry,
    Email,
    Encounter,
    Person,
    Phone,
    Relationship,
    ValidationError,
    Website,
    parse_iso_date,
)

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
    "person_ids",
)
PEOPLE_COLUMNS = (
    "id",
    "name",
    "aliases",
    "company",
    "role",
    "tags",
    "platforms",
    "emails",
    "phones",
    "addresses",
    "birthday",
    "dates",
    "websites",
    "relationships",
    "common_ground",
    "offers",
    "needs",
    "how_we_met",
    "cadence_days",
    "archived",
    "snoozed_until",
    "notes",
    "given_name",
    "additional_names",
    "family_name",
    "name_prefix",
    "name_suffix",
    "uid",
    "maybe_same",
)
PEOPLE_SEPARATOR = "; "
# Lists of sub-records, written as JSON: column → the record type.
RECORD_LISTS: dict[str, type] = {
    "emails": Email,
    "phones": Phone,
    "addresses": Address,
    "dates": DateEntry,
    "websites": Website,
    "relationships": Relationship,
}
STRING_LISTS = ("aliases", "tags", "maybe_same")
TEXT_COLUMNS = (
    "name",
    "company",
    "role",
    "birthday",
    "common_ground",
    "offers",
    "needs",
    "how_we_met",
    "notes",
    "given_name",
    "additional_names",
    "family_name",
    "name_prefix",
    "name_suffix",
    "uid",
)


# Spreadsheets run a cell starting with one of these as a formula; a leading apostrophe
# makes them show it as text (a journal's summary is never meant to compute anything).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A cell that starts so after its apostrophes gets one more apostrophe, so that taking one off
# on import gives back exactly what was written ("'=x" stays "'=x").
_PROTECTED = re.compile(r"^'*[=+\-@\t\r]")


def spreadsheet_safe(value: str) -> str:
    return "'" + value if _PROTECTED.match(value) else value


def from_spreadsheet(value: str) -> str:
    """The value :func:`spreadsheet_safe` was given."""
    return value[1:] if value.startswith("'") and _PROTECTED.match(value[1:]) else value


def _writer(buffer: io.StringIO) -> Any:
    return csv.writer(buffer, lineterminator="\r\n")


# ----------------------------------------------------------------------------- encounters out


def encounter_row(encounter: Encounter, names: dict[str, str]) -> list[str]:
    return [spreadsheet_safe(cell) for cell in _cells(encounter, names)]


def _cells(encounter: Encounter, names: dict[str, str]) -> list[str]:
    return [
        encounter.date.isoformat(),
        encounter.time or "",
        _join([names.get(pid, pid) for pid in encounter.person_ids]),
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
        _join(encounter.tags),
        encounter.id,
        PEOPLE_SEPARATOR.join(encounter.person_ids),
    ]


def export_csv(encounters: Iterable[Encounter], people: Iterable[Person]) -> str:
    """CSV text (header first), oldest encounter first.

    ``people`` should include deleted ones too, so that old encounters still show names.
    """
    names = {person.id: person.name for person in people}
    buffer = io.StringIO()
    writer = _writer(buffer)
    writer.writerow(COLUMNS)
    for encounter in sorted(encounters, key=lambda e: (e.date, e.time or "", e.created, e.id)):
        writer.writerow(encounter_row(encounter, names))
    return buffer.getvalue()


# ----------------------------------------------------------------------------- people out


def _join(values: list[str]) -> str:
    """ "a; b", or JSON when a value would not survive being split again."""
    if any(";" in v or v.startswith("[") or v != v.strip() for v in values):
        return json.dumps(values, ensure_ascii=False)
    return PEOPLE_SEPARATOR.join(values)


def _records_json(items: list[Any]) -> str:
    if not items:
        return ""
    return json.dumps([{f.name: getattr(i, f.name) for f in fields(i)} for i in items], ensure_ascii=False)


def person_row(person: Person) -> list[str]:
    values: dict[str, str] = {name: getattr(person, name) for name in TEXT_COLUMNS}
    values["id"] = person.id
    for name in STRING_LISTS:
        values[name] = _join(getattr(person, name))
    for name in RECORD_LISTS:
        values[name] = _records_json(getattr(person, name))
    values["platforms"] = json.dumps(person.platforms, ensure_ascii=False) if person.platforms else ""
    values["cadence_days"] = str(person.cadence_days) if person.cadence_days is not None else ""
    values["archived"] = "true" if person.archived else "false"
    values["snoozed_until"] = person.snoozed_until.isoformat() if person.snoozed_until else ""
    return [spreadsheet_safe(values[column]) for column in PEOPLE_COLUMNS]


def export_people_csv(people: Iterable[Person]) -> str:
    """Everyone, one row each (header first), by name."""
    buffer = io.StringIO()
    writer = _writer(buffer)
    writer.writerow(PEOPLE_COLUMNS)
    for person in sorted(people, key=lambda p: (p.name.casefold(), p.id)):
        writer.writerow(person_row(person))
    return buffer.getvalue()


# ----------------------------------------------------------------------------- back in


def is_people_header(header: list[str]) -> bool:
    return {"id", "name", "emails", "phones"} <= set(header)


def is_encounters_header(header: list[str]) -> bool:
    return {"date", "people", "summary"} <= set(header)


def _cell(row: Row, name: str) -> str:
    return from_spreadsheet(row.cells.get(name, ""))


def _split(value: str) -> list[str]:
    """ "a; b" or a JSON list of strings."""
    if value.startswith("["):
        try:
            parsed = json.loads(value)
        except ValueError:
            parsed = None
        if isinstance(parsed, list) and all(isinstance(v, str) for v in parsed):
            return parsed
    return [v.strip() for v in value.split(";") if v.strip()]


def _flag(value: str, column: str) -> bool:
    word = value.strip().casefold()
    if word in ("", "false", "no", "0", "falsch", "nein"):
        return False
    if word in ("true", "yes", "1", "wahr", "ja", "x"):
        return True
    raise ValidationError(column, _("“{value}” in {column} is not true or false.").format(value=value, column=column))


def _record_list(value: str, column: str) -> list[Any]:
    """A JSON list of sub-records; for e-mails, phones and websites also plain values, "; "-separated."""
    cls = RECORD_LISTS[column]
    if not value:
        return []
    if value.startswith("["):
        try:
            parsed = json.loads(value)
        except ValueError as err:
            raise ValidationError(
                column, _("{column} is not readable JSON ({reason}).").format(column=column, reason=err)
            ) from None
        if not isinstance(parsed, list) or not all(isinstance(item, dict) for item in parsed):
            raise ValidationError(column, _("{column} should be a JSON list of objects.").format(column=column))
        known = {f.name for f in fields(cls)}
        try:
            return [cls(**{k: v for k, v in item.items() if k in known}) for item in parsed]
        except TypeError:
            raise ValidationError(
                column, _("{column} has an entry of the wrong shape.").format(column=column)
            ) from None
    first = {"emails": "address", "phones": "number", "websites": "url"}.get(column)
    if first is None:
        raise ValidationError(column, _("{column} should be a JSON list of objects.").format(column=column))
    return [cls(**{first: v}) for v in _split(value)]


def row_to_person(row: Row) -> CardPerson:
    """A row of netjournal's people CSV; its id is the person's (a re-import finds them by it)."""
    label = _("“{name}” (line {line})").format(name=row.cells.get("name", ""), line=row.line)
    person = Person(name=_cell(row, "name"))
    for name in TEXT_COLUMNS:
        if name in row.cells:
            setattr(person, name, _cell(row, name))
    for name in STRING_LISTS:
        setattr(person, name, _split(_cell(row, name)))
    for name in RECORD_LISTS:
        setattr(person, name, _record_list(_cell(row, name), name))
    platforms = _cell(row, "platforms")
    if platforms:
        try:
            parsed = json.loads(platforms)
        except ValueError:
            parsed = None
        if not isinstance(parsed, dict) or not all(isinstance(v, str) for v in parsed.values()):
            raise ValidationError("platforms", _("platforms should be a JSON object of names and handles."))
        person.platforms = parsed
    cadence = _cell(row, "cadence_days").strip()
    if cadence:
        if not cadence.isdigit():
            raise ValidationError("cadence_days", _("“{value}” is not a number of days.").format(value=cadence))
        person.cadence_days = int(cadence)
    person.archived = _flag(_cell(row, "archived"), "archived")
    person.snoozed_until = parse_iso_date(_cell(row, "snoozed_until").strip() or None, "snoozed_until")
    uid = _cell(row, "id").strip() or None
    if uid:
        person.id = person_id_for_uid(uid)
    if not person.name.strip():
        return CardPerson(None, uid, row.line, _("the row at line {line}").format(line=row.line))
    return CardPerson(person, uid, row.line, label)


def row_to_encounter(row: Row) -> tuple[Encounter, list[str], list[str]]:
    """(the encounter, the people's names, their ids as written); ValidationError if it cannot be read."""
    date_text = _cell(row, "date").strip()
    if not date_text:
        raise ValidationError("date", _("An encounter needs a date."))
    encounter = Encounter(date=parse_iso_date(date_text, "date"))  # type: ignore[arg-type]
    encounter.time = _cell(row, "time").strip() or None
    encounter.occasion = _cell(row, "occasion").strip() or None
    encounter.channel = _cell(row, "channel").strip() or "in_person"
    encounter.direction = _cell(row, "direction").strip() or "met"
    for name in ("place", "summary", "common_ground", "experience", "gave", "received"):
        setattr(encounter, name, _cell(row, name))
    encounter.by_chance = _flag(_cell(row, "by_chance"), "by_chance")
    encounter.lucky = _flag(_cell(row, "lucky"), "lucky")
    encounter.follow_up = parse_iso_date(_cell(row, "follow_up").strip() or None, "follow_up")
    encounter.tags = _split(_cell(row, "tags"))
    if record_id := _cell(row, "id").strip():
        encounter.id = record_id
    names = _split(_cell(row, "people"))
    ids = _split(_cell(row, "person_ids"))
    return encounter, names, ids
