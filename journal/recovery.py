"""Input kept when the app was stopped (SIGHUP, SIGTERM) before it could be saved, offered back
at the next start.

A hang-up saves the day's notes; what a form, the quick-add box or a note the disk refused still
held goes to ``<journal stem>-recovered-<time>.json`` (0600) beside the journal, since it was
never confirmed. The file holds a list of items, each a dict with a ``kind``:

- ``day_note``: ``day`` (ISO date), ``text``
- ``encounter``: the encounter form; ``day``, ``encounter_id`` (the one being edited, or None),
  ``people`` ([{id, name}]), ``typed`` (each field as typed), ``confirmed_new`` (names)
- ``person``: a person's form; ``person_id``, ``name``, ``values`` (each field as typed)
- ``quick_add``: ``day``, ``line``

Files of earlier versions (``recovered-<time>.json``, a mapping of labels to values) are read too.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from journal.entry.fields import ENTRY_FIELDS
from journal.entry.form import FormValues, values_for_new
from journal.i18n import _
from journal.model import Person
from journal.phrases import format_date
from journal.storage import atomic_write_bytes
from journal.store import JournalStore

KINDS = ("day_note", "encounter", "person", "quick_add")


@dataclass
class Recovered:
    """One recovery file: its items, and those of them that cannot be put back into a form."""

    path: Path
    items: list[dict[str, Any]] = field(default_factory=list)


def _pattern(journal: Path) -> re.Pattern[str]:
    # This journal's files, and the unnamed ones of earlier versions (they belong to the folder).
    return re.compile(r"(?:" + re.escape(journal.stem) + r"-)?recovered-\d{8}-\d{6}(?:-\d+)?\.json\Z")


def recovery_path(journal: Path, now: datetime) -> Path:
    """A new file name for input kept now (never one that exists)."""
    stem = f"{journal.stem}-recovered-{now.strftime('%Y%m%d-%H%M%S')}"
    path, n = journal.parent / f"{stem}.json", 1
    while path.exists():
        n += 1
        path = journal.parent / f"{stem}-{n}.json"
    return path


def write_recovery(journal: Path, items: list[dict[str, Any]], now: datetime) -> Path:
    """Keep ``items`` in a new private file beside ``journal``; raises OSError."""
    path = recovery_path(journal, now)
    text = json.dumps({"stopped": now.isoformat(), "items": items}, ensure_ascii=False, indent=2, default=str)
    atomic_write_bytes(path, (text + "\n").encode("utf-8"))
    return path


def recovery_files(journal: Path) -> list[Path]:
    """The recovery files waiting for ``journal``, oldest first."""
    pattern = _pattern(journal)
    try:
        found = [p for p in journal.parent.iterdir() if pattern.match(p.name) and p.is_file()]
    except OSError:
        return []
    return sorted(found, key=lambda p: p.name.rsplit("recovered-", 1)[1])


def read_recovery(path: Path) -> Recovered:
    """The items of a recovery file (raises OSError, ValueError for a file that is not one)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if isinstance(data, dict) and isinstance(data.get("items"), list):
        items = [item for item in data["items"] if isinstance(item, dict) and item.get("kind") in KINDS]
    elif isinstance(data, dict):
        items = [item for label, value in data.items() if (item := _earlier_item(label, value)) is not None]
    else:
        raise ValueError(path.name)
    return Recovered(path, items)


def _earlier_item(label: str, value: object) -> dict[str, Any] | None:
    """An item of an earlier version's file: {"day note 2026-11-29": text, "EncounterForm 1": {…}}."""
    if label.startswith("day note ") and isinstance(value, str):
        return {"kind": "day_note", "day": label.removeprefix("day note "), "text": value}
    if label.startswith("EncounterForm") and isinstance(value, dict):
        people = [
            {"id": p.get("id"), "name": p.get("name", "")} for p in value.get("people", []) if isinstance(p, dict)
        ]
        return {
            "kind": "encounter",
            "day": None,
            "encounter_id": None,
            "people": people,
            "typed": value.get("typed", {}),
            "confirmed_new": list(value.get("confirmed_new", [])),
        }
    return None  # a person's form without the person it belonged to: nothing to put it back into


def discard(path: Path) -> bool:
    """Remove a recovery file once its input was put back or let go; False if it could not be."""
    try:
        path.unlink(missing_ok=True)
    except OSError:
        return False
    return True


def form_values(item: dict[str, Any], store: JournalStore) -> FormValues:
    """The encounter form's values kept in ``item``: people known by id, the others new (unsaved)."""
    people: list[Person] = []
    for entry in item.get("people", []):
        if not isinstance(entry, dict):
            continue
        known = store.person(str(entry.get("id") or ""))
        if known is not None:
            people.append(known)
        elif str(entry.get("name") or "").strip():
            people.append(Person(name=str(entry["name"])))
    names = {spec.name for spec in ENTRY_FIELDS}
    typed = {
        k: v for k, v in (item.get("typed") or {}).items() if k in names and (v is None or isinstance(v, str | bool))
    }
    confirmed = {str(n) for n in item.get("confirmed_new", []) if isinstance(n, str)}
    # Fields the file lacks (an earlier version's, or a hand-made one) start as a new form would.
    start = values_for_new(item_day(item) or store.clock.today()).typed
    return FormValues(people, start | typed, confirmed)


def item_day(item: dict[str, Any]) -> date | None:
    return _day(item.get("day"))


def merged_note(stored: str, recovered: str) -> str:
    """The day's note with recovered text put back: never loses what is stored, never doubles it."""
    if not stored.strip() or recovered.startswith(stored):
        return recovered
    if recovered in stored:
        return stored
    return stored.rstrip("\n") + "\n\n" + recovered


def _day(value: object) -> date | None:
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


def _short(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def describe(item: dict[str, Any]) -> str:
    """One line for the question at start: what the item holds."""
    kind = item.get("kind")
    if kind == "day_note":
        day = _day(item.get("day"))
        return _("the note for {day}: “{text}”").format(
            day=format_date(day) if day else item.get("day"), text=_short(str(item.get("text", "")))
        )
    if kind == "encounter":
        names = ", ".join(str(p.get("name", "")) for p in item.get("people", []) if isinstance(p, dict))
        typed = item.get("typed") or {}
        # The first text typed, to recognise it by (the summary, else what connects you, …).
        text = next(
            (
                str(typed[k])
                for k in ("summary", "common_ground", "experience", "gave", "received", "place")
                if typed.get(k)
            ),
            "",
        )
        if not text:
            return _("the encounter form: {names}").format(names=names or _("(nobody)"))
        return _("the encounter form: {names} “{summary}”").format(names=names or _("(nobody)"), summary=_short(text))
    if kind == "person":
        return _("the form for {name}").format(name=item.get("name", ""))
    return _("the quick-add box: “{line}”").format(line=_short(str(item.get("line", ""))))
