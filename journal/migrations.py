"""Schema versions of the journal file and the steps between them.

Each step takes the whole parsed document of one version and returns the next. The store
writes a backup of the old file before it runs them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

SCHEMA = 3

Document = dict[str, Any]


def _v1_to_v2(data: Document, now: str) -> Document:
    """Schema 1 linked an encounter to one person (``person_id``) and had no tombstones.

    Schema 2 links encounters to several people and marks deletions with ``deleted`` so
    that merges can propagate them; day notes get ids derived from their date.
    """
    for record in (data.get("encounters") or {}).values():
        person_id = record.pop("person_id", None)
        if "person_ids" not in record:
            record["person_ids"] = [person_id] if person_id else []
    for table in ("people", "encounters", "days", "settings"):
        for record in (data.get(table) or {}).values():
            record.setdefault("deleted", None)
            record.setdefault("updated", record.get("created") or now)
    for record in (data.get("days") or {}).values():
        record["id"] = f"day-{record['date']}"
    return data


# The fields schema 3 added to people, with their empty values.
_V3_PERSON_FIELDS: dict[str, Any] = {
    "given_name": "",
    "additional_names": "",
    "family_name": "",
    "name_prefix": "",
    "name_suffix": "",
    "emails": [],
    "phones": [],
    "addresses": [],
    "birthday": "",
    "dates": [],
    "websites": [],
    "relationships": [],
    "uid": "",
    "maybe_same": [],
}


def _v2_to_v3(data: Document, now: str) -> Document:
    """Schema 3 gives people what an address book holds: a structured name, typed e-mails and
    phones with a preferred one, postal addresses, birthday and other dates, websites and
    relationships to other people.

    Schema 2 kept e-mail addresses, phone numbers and web pages as platforms ("e-mail",
    "phone 2", "web"): they move into the new fields, the words after the platform's name
    becoming their kinds ("phone (work)" → a work phone). ``updated`` is left alone: two
    copies of one journal upgrade to the same records, so merging them finds nothing changed.
    """
    from journal.model import _plain, contacts_from_platforms

    for record in (data.get("people") or {}).values():
        if not isinstance(record, dict):
            continue  # refused when the records are read, with the record named
        for name, empty in _V3_PERSON_FIELDS.items():
            record.setdefault(name, empty.copy() if isinstance(empty, list) else empty)
        platforms = record.get("platforms")
        if isinstance(platforms, dict) and all(isinstance(v, str) for v in platforms.values()):
            rest, emails, phones, websites = contacts_from_platforms(platforms)
            record["platforms"] = rest
            record["emails"] = [*record["emails"], *(_plain(e) for e in emails)]
            record["phones"] = [*record["phones"], *(_plain(p) for p in phones)]
            record["websites"] = [*record["websites"], *(_plain(w) for w in websites)]
    return data


STEPS: dict[int, Callable[[Document, str], Document]] = {1: _v1_to_v2, 2: _v2_to_v3}


def migrate(data: Document, from_schema: int, *, now: str) -> Document:
    version = from_schema
    while version < SCHEMA:
        data = STEPS[version](data, now)
        version += 1
    for record in (data.get("meta") or {}).values():
        if isinstance(record, dict) and record.get("app") == "netjournal":
            record["schema"] = SCHEMA
            record["updated"] = now
    return data
