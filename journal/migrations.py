"""Schema versions of the journal file and the steps between them.

Each step takes the whole parsed document of one version and returns the next. The store
writes a backup of the old file before it runs them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

SCHEMA = 2

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


STEPS: dict[int, Callable[[Document, str], Document]] = {1: _v1_to_v2}


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
