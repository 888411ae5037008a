"""CSV export of encounters: one row per encounter, people named and joined."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime
from pathlib import Path

from journal.clock import FixedClock
from journal.interop.csv import COLUMNS, export_csv
from journal.model import Encounter, Person
from journal.store import JournalStore
from tests.interop.helpers import make_journal


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_one_row_per_encounter_with_names_joined(tmp_path: Path) -> None:
    clock = FixedClock(datetime(2026, 11, 29, 12, tzinfo=UTC))
    journal = tmp_path / "journal.json"
    made = make_journal(journal, clock)
    with JournalStore.open(journal, clock) as store:
        carla = store.add_person(Person(name="Carla Rossi"))
        store.save(
            Encounter(
                date=date(2026, 11, 2),
                person_ids=[carla.id],
                summary="Zeile 1\nZeile 2",
                channel="video",
                direction="outreach",
                follow_up=date(2026, 12, 1),
            )
        )
        store.delete(carla)  # deleted people still name their old encounters
        text = export_csv(store.encounters(), [*store.people(), *store.tombstones("people")])
    assert text.splitlines()[0] == ",".join(COLUMNS)
    parsed = rows(text)
    assert len(parsed) == 2
    first, second = parsed  # oldest first
    assert first["people"] == "Carla Rossi"
    assert first["summary"] == "Zeile 1\nZeile 2"
    assert (first["channel"], first["direction"], first["follow_up"]) == ("video", "outreach", "2026-12-01")
    assert second["people"] == "Anna Müller; Bob Schulz"
    assert second["summary"] == 'Coffee; talked about Rust, "async" and rowing'
    assert (second["date"], second["time"], second["place"]) == ("2026-11-20", "10:30", "Café Einstein, Berlin")
    assert (second["by_chance"], second["lucky"], second["tags"]) == ("true", "false", "python")
    assert second["id"] == made["meeting"].id


def test_empty_journal_has_a_header_only() -> None:
    assert rows(export_csv([], [])) == []
    assert export_csv([], []).count("\r\n") == 1
