"""Small journals for the backup, merge and interop tests (always under tmp_path)."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path
from typing import Any

from journal.clock import FixedClock
from journal.model import TABLES, Encounter, Person
from journal.store import JournalStore
from tests.conftest import stored_document


def fill(store: JournalStore) -> dict[str, Any]:
    """Two people, one deleted person, an encounter, a day note: every kind of record."""
    anna = Person(
        name="Anna Müller",
        company="Stripe",
        role="Engineering Manager",
        tags=["rust", "rowing"],
        aliases=["Anni"],
        platforms={"e-mail": "anna@stripe.example", "LinkedIn": "anna-mueller", "phone": "+49 170 1234567"},
        common_ground="Rudern am Wannsee",
        offers="Rust reviews",
        needs="a Kita place",
        how_we_met="PyCon Berlin 2025",
        cadence_days=30,
        notes="Mag Wörterrätsel.\nZwei Kinder.",
    )
    bob = Person(name="Bob Schulz", company="Nordlicht Software GmbH", platforms={"XING": "Bob_Schulz"})
    gone = Person(name="Jörg Weiß")
    store.save(anna, bob, gone)
    meeting = Encounter(
        date=date(2026, 11, 20),
        time="10:30",
        person_ids=[anna.id, bob.id],
        occasion="event",
        place="Café Einstein, Berlin",
        summary='Coffee; talked about Rust, "async" and rowing',
        gave="intro to Carla",
        received="a book tip",
        by_chance=True,
        tags=["python"],
    )
    store.save(meeting)
    store.set_day_note(date(2026, 11, 20), "Konferenztag.")
    store.delete(gone)
    return {"anna": anna, "bob": bob, "gone": gone, "meeting": meeting}


def make_journal(path: Path, clock: FixedClock) -> dict[str, Any]:
    """A small journal, folded into its document (so that copying the file copies all of it)."""
    with JournalStore.open(path, clock) as store:
        made = fill(store)
        store.compact()
        return made


def record_sets(path: Path, clock: FixedClock) -> dict[str, dict[str, dict[str, Any]]]:
    """Every record (tombstones too) by table and id, as the model sees it: what a merge must agree on."""
    with JournalStore.open(path, clock, readonly=True) as store:
        data = store.raw_data()
    return {
        table: {r["id"]: cls.from_dict(r).to_dict() for r in (data.get(table) or {}).values()}
        for table, cls in TABLES.items()
    }


def document(path: Path) -> dict[str, Any]:
    """The complete journal as stored: its document with the change log applied."""
    return stored_document(path)


def copy_journal(source: Path, target: Path) -> None:
    """Copy a journal as a whole: its document and its change log."""
    shutil.copy(source, target)
    log = source.with_name(source.name + ".log")
    if log.exists():
        shutil.copy(log, target.with_name(target.name + ".log"))
