from __future__ import annotations

import errno
import gc
import json
import os
import stat
import subprocess
import sys
import threading
from datetime import date
from pathlib import Path

import pytest

from journal.clock import FixedClock
from journal.migrations import SCHEMA
from journal.model import DayNote, Encounter, Person, ValidationError
from journal.store import JournalStore, JournalTooNew, JournalUnreadable, SaveError
from tests.conftest import DiskFault, journal_bytes, stored_document


def test_a_new_journal_is_created_private_with_meta(journal_path: Path, clock: FixedClock) -> None:
    with JournalStore.open(journal_path, clock) as store:
        assert store.meta()["schema"] == SCHEMA
    data = json.loads(journal_path.read_text())  # the document itself, complete from the start
    assert data["meta"]["1"]["app"] == "netjournal"
    assert stat.S_IMODE(journal_path.stat().st_mode) == 0o600


def test_folder_is_created_on_first_use(tmp_path: Path, clock: FixedClock) -> None:
    path = tmp_path / "deep" / "er" / "journal.json"
    JournalStore.open(path, clock).close()
    assert path.exists()


def test_records_survive_reopening(journal_path: Path, clock: FixedClock) -> None:
    with JournalStore.open(journal_path, clock) as store:
        anna = store.add_person(Person(name="Anna Müller", tags=["rust"]))
        store.add_encounter(Encounter(date=date(2026, 11, 29), person_ids=[anna.id], summary="coffee"))
        store.set_day_note(date(2026, 11, 29), "a good day")
    with JournalStore.open(journal_path, clock) as store:
        assert [p.name for p in store.people()] == ["Anna Müller"]
        (encounter,) = store.encounters_with(anna.id)
        assert encounter.summary == "coffee"
        assert store.last_seen(anna.id) == date(2026, 11, 29)
        note = store.day_note(date(2026, 11, 29))
        assert note is not None and note.text == "a good day"


def test_saving_stamps_created_and_updated(store: JournalStore, clock: FixedClock) -> None:
    person = store.add_person(Person(name="Anna"))
    assert person.created == person.updated == "2026-11-29T14:30:00.000000Z"
    clock.advance(hours=1)
    person.company = "Stripe"
    store.save(person)
    assert person.created == "2026-11-29T14:30:00.000000Z"
    assert person.updated == "2026-11-29T15:30:00.000000Z"


def test_invalid_records_are_not_saved(store: JournalStore, journal_path: Path) -> None:
    before = journal_path.read_bytes()
    with pytest.raises(ValidationError):
        store.add_person(Person(name=""))
    assert journal_path.read_bytes() == before
    assert store.people() == []


def test_encounter_must_name_known_people(store: JournalStore) -> None:
    with pytest.raises(ValidationError):
        store.add_encounter(Encounter(date=date(2026, 11, 29), person_ids=["nobody"]))


def test_delete_leaves_a_tombstone_and_restore_undoes_it(store: JournalStore, journal_path: Path) -> None:
    anna = store.add_person(Person(name="Anna"))
    enc = store.add_encounter(Encounter(date=date(2026, 11, 29), person_ids=[anna.id]))
    tomb = store.delete(enc)
    assert store.encounters_on(date(2026, 11, 29)) == []
    assert store.last_seen(anna.id) is None
    raw = stored_document(journal_path)
    (stored,) = [r for r in raw["encounters"].values() if r["id"] == enc.id]
    assert stored["deleted"] == tomb.deleted
    store.restore(tomb)
    assert [e.id for e in store.encounters_on(date(2026, 11, 29))] == [enc.id]


def test_updating_an_encounter_moves_it_between_days_and_people(store: JournalStore) -> None:
    anna = store.add_person(Person(name="Anna"))
    bob = store.add_person(Person(name="Bob"))
    enc = store.add_encounter(Encounter(date=date(2026, 11, 28), person_ids=[anna.id]))
    enc.date = date(2026, 11, 29)
    enc.person_ids = [bob.id]
    store.save(enc)
    assert store.encounters_on(date(2026, 11, 28)) == []
    assert [e.id for e in store.encounters_on(date(2026, 11, 29))] == [enc.id]
    assert store.encounters_with(anna.id) == []
    assert store.last_seen(bob.id) == date(2026, 11, 29)


def test_updates_drop_stale_keys_from_the_file(store: JournalStore, journal_path: Path) -> None:
    anna = store.add_person(Person(name="Anna", platforms={"XING": "anna"}))
    anna.platforms = {}
    store.save(anna)
    store.compact()
    assert "XING" not in journal_path.read_text()


def test_two_writers_share_a_journal(journal_path: Path, clock: FixedClock) -> None:
    with JournalStore.open(journal_path, clock) as one, JournalStore.open(journal_path, clock) as two:
        anna = one.add_person(Person(name="Anna"))
        bob = two.add_person(Person(name="Bob"))  # two catches up with one's save first
        assert {p.name for p in two.people()} == {"Anna", "Bob"}
        assert one.person(bob.id) is None  # not yet: one has not looked
        assert [c.source for c in one.poll()] == ["log"]
        assert {p.name for p in one.people()} == {"Anna", "Bob"}
        # Readers are welcome too.
        with JournalStore.open(journal_path, clock, readonly=True) as reader:
            assert {p.name for p in reader.people()} == {"Anna", "Bob"}
        assert two.person(anna.id) is not None
    with JournalStore.open(journal_path, clock, readonly=True) as reader:
        assert {p.name for p in reader.people()} == {"Anna", "Bob"}


def test_the_lock_is_short_and_freed_when_the_holder_is_killed(journal_path: Path, clock: FixedClock) -> None:
    """A process killed while it holds the lock (mid-append) does not block the next writer."""
    JournalStore.open(journal_path, clock).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import fcntl, os, time; fd = os.open(" + repr(str(journal_path) + ".lock") + ", os.O_RDWR);"
            "fcntl.flock(fd, fcntl.LOCK_EX); print('ready', flush=True); time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        with JournalStore.open(journal_path, clock) as store:
            saver = threading.Thread(target=lambda: store.add_person(Person(name="Anna")))
            saver.start()
            saver.join(0.3)
            assert saver.is_alive(), "the save waits for the lock"
            holder.kill()
            saver.join(5)
            assert not saver.is_alive()
            assert [p.name for p in store.people()] == ["Anna"]
    finally:
        holder.kill()
        holder.wait()
    assert [r["name"] for r in stored_document(journal_path)["people"].values()] == ["Anna"]


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b'{"people": {', "not valid JSON"),
        (b"", "empty"),
        (b"[1, 2, 3]", "not a JSON object"),
        (b'{"_default": {}}', "not a netjournal journal"),
        (b'{"meta": {"1": {"app": "netjournal", "schema": "two"}}}', "schema version"),
        (b"\xff\xfe\x00garbage", "not valid JSON"),
    ],
)
def test_unreadable_files_are_refused_and_left_byte_identical(
    journal_path: Path, clock: FixedClock, content: bytes, fragment: str
) -> None:
    journal_path.write_bytes(content)
    with pytest.raises(JournalUnreadable) as caught:
        JournalStore.open(journal_path, clock)
    assert fragment in caught.value.message
    assert "untouched" in caught.value.message
    assert caught.value.exit_code == 2
    assert journal_path.read_bytes() == content


def test_refusal_points_to_the_newest_backup(journal_path: Path, clock: FixedClock) -> None:
    (journal_path.parent / "backups").mkdir()
    backup = journal_path.parent / "backups" / "journal-daily-2026-11-28.json"
    backup.write_text("{}")
    journal_path.write_bytes(b"{broken")
    with pytest.raises(JournalUnreadable) as caught:
        JournalStore.open(journal_path, clock)
    assert str(backup) in caught.value.message


def test_a_newer_schema_is_refused_untouched(journal_path: Path, clock: FixedClock) -> None:
    content = json.dumps({"meta": {"1": {"id": "meta", "app": "netjournal", "schema": SCHEMA + 1}}}).encode()
    journal_path.write_bytes(content)
    with pytest.raises(JournalTooNew) as caught:
        JournalStore.open(journal_path, clock)
    assert "newer netjournal" in caught.value.message
    assert journal_path.read_bytes() == content


def test_previous_schema_is_migrated_after_a_backup(journal_path: Path, clock: FixedClock) -> None:
    old = {
        "meta": {"1": {"id": "meta", "app": "netjournal", "schema": 1, "created": "2025-01-01T00:00:00.000000Z"}},
        "people": {"1": {"id": "p1", "name": "Anna", "created": "2025-01-01T00:00:00.000000Z"}},
        "encounters": {
            "1": {
                "id": "e1",
                "date": "2025-02-01",
                "person_id": "p1",
                "summary": "tea",
                "created": "2025-02-01T00:00:00.000000Z",
            }
        },
        "days": {"1": {"id": "7", "date": "2025-02-01", "text": "note"}},
    }
    content = json.dumps(old).encode()
    journal_path.write_bytes(content)
    with JournalStore.open(journal_path, clock) as store:
        assert store.migrated_from == 1
        assert store.pre_migration_backup is not None
        assert store.pre_migration_backup.read_bytes() == content
        (enc,) = store.encounters_with("p1")
        assert enc.person_ids == ["p1"] and enc.summary == "tea"
        assert store.day_note(date(2025, 2, 1)).id == "day-2025-02-01"  # type: ignore[union-attr]
    assert json.loads(journal_path.read_text())["meta"]["1"]["schema"] == SCHEMA  # the document itself


@pytest.mark.parametrize("step", ["write", "fsync"])
def test_a_disk_error_keeps_file_and_memory_unchanged(
    store: JournalStore, journal_path: Path, disk: DiskFault, step: str
) -> None:
    anna = store.add_person(Person(name="Anna"))
    before = journal_bytes(journal_path)
    disk.fail(errno.ENOSPC, at=step)
    with pytest.raises(SaveError) as caught:
        store.add_person(Person(name="Bob", notes="x" * 5000))
    assert disk.refused == 1
    assert step != "write" or disk.partial > 0, "the error struck after part of the line was written"
    assert "No space left" in caught.value.message
    assert journal_bytes(journal_path) == before, "the half-written line was cut off again"
    assert [p.name for p in store.people()] == ["Anna"]
    disk.heal()
    store.add_person(Person(name="Bob"))
    assert sorted(p.name for p in store.people()) == ["Anna", "Bob"]
    assert store.person(anna.id) is not None


def test_transaction_writes_once_or_not_at_all(store: JournalStore, journal_path: Path) -> None:
    before = journal_bytes(journal_path)
    with pytest.raises(ValidationError), store.transaction():
        store.add_person(Person(name="Anna"))
        store.add_person(Person(name=""))
    assert journal_bytes(journal_path) == before
    assert store.people() == []
    heard = []
    store.subscribe(heard.append)
    with store.transaction():
        store.add_person(Person(name="Anna"))
        store.add_person(Person(name="Bob"))
    assert len(stored_document(journal_path)["people"]) == 2
    assert len(heard) == 1 and len(heard[0].records) == 2, "one notification with both records"


def test_day_note_is_one_per_day(store: JournalStore) -> None:
    store.set_day_note(date(2026, 11, 29), "first")
    store.set_day_note(date(2026, 11, 29), "second")
    assert [n.text for n in store.day_notes()] == ["second"]
    assert isinstance(store.day_note(date(2026, 11, 29)), DayNote)


def test_search_and_exact_lookup(store: JournalStore) -> None:
    store.add_person(Person(name="Anna Müller", aliases=["Anni"]))
    store.add_person(Person(name="Bob Schulz"))
    assert store.search("muller")[0].name == "Anna Müller"
    assert store.find_person("anni") is not None
    assert store.find_person("Carla") is None


def test_readonly_store_refuses_writes(journal_path: Path, clock: FixedClock) -> None:
    JournalStore.open(journal_path, clock).close()
    with JournalStore.open(journal_path, clock, readonly=True) as store, pytest.raises(Exception, match="read-only"):
        store.add_person(Person(name="Anna"))


def test_refusal_prefers_a_real_backup_over_a_pre_restore_copy(journal_path: Path, clock: FixedClock) -> None:
    folder = journal_path.parent / "backups"
    folder.mkdir()
    daily = folder / "journal-daily-2026-11-28.json"
    daily.write_text("{}")
    pre_restore = folder / "journal-before-restore-20261129-120000.json"
    pre_restore.write_text("{broken")
    os.utime(daily, (1, 1))
    journal_path.write_bytes(b"{broken")
    with pytest.raises(JournalUnreadable) as caught:
        JournalStore.open(journal_path, clock)
    assert str(daily) in caught.value.message


@pytest.mark.parametrize(
    "bad_record",
    [
        {"id": "e1", "date": "yesterday", "person_ids": ["p1"]},
        {"id": "e1", "date": "2026-11-29", "person_ids": ["p1"], "unknown": 1, "follow_up": 17},
    ],
)
def test_a_record_that_cannot_be_read_refuses_the_file_untouched(
    journal_path: Path, clock: FixedClock, bad_record: dict
) -> None:
    JournalStore.open(journal_path, clock).close()
    data = json.loads(journal_path.read_text())
    data["encounters"] = {"1": bad_record}
    content = json.dumps(data).encode()
    journal_path.write_bytes(content)
    with pytest.raises(JournalUnreadable) as caught:
        JournalStore.open(journal_path, clock)
    assert "cannot be read" in caught.value.message
    assert journal_path.read_bytes() == content


def test_the_loaded_journal_is_kept_out_of_the_cyclic_collectors_walks(journal_path: Path, clock: FixedClock) -> None:
    """Full collections walking every record held the interpreter lock in the middle of saves
    (bench/RESULTS.md): the records loaded at open are frozen."""
    import gc

    with JournalStore.open(journal_path, clock) as store:
        store.save(*(Person(name=f"Person {i}") for i in range(300)))
    gc.unfreeze()
    try:
        with JournalStore.open(journal_path, clock, readonly=True) as store:
            assert gc.get_freeze_count() > 300
            assert store.people_count() == 300
    finally:
        gc.unfreeze()


def test_refusal_points_to_a_backup_of_that_journal_not_another_ones(journal_path: Path, clock: FixedClock) -> None:
    """Two journals share a folder (and its backups/): the hint names this journal's newest backup,
    even when the other journal's backups are newer, and none when only the other one has backups."""
    folder = journal_path.parent / "backups"
    folder.mkdir()
    other = folder / "work-daily-2026-11-29.json"  # of work.json, beside journal.json
    other.write_text("{}")
    journal_path.write_bytes(b"{broken")
    with pytest.raises(JournalUnreadable) as caught:
        JournalStore.open(journal_path, clock)
    assert str(other) not in caught.value.message
    assert "No backup was found" in caught.value.message

    ours = folder / f"{journal_path.stem}-daily-2026-11-27.json"
    ours.write_text("{}")
    looks_alike = folder / f"{journal_path.stem}-old-daily-2026-11-28.json"  # of journal-old.json
    looks_alike.write_text("{}")
    os.utime(ours, (1_000_000, 1_000_000))  # older than the others
    with pytest.raises(JournalUnreadable) as caught:
        JournalStore.open(journal_path, clock)
    assert f"The newest backup is {ours}." in caught.value.message


def test_the_collector_is_paused_while_the_journal_is_read(
    journal_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every record read stays: collecting while they are made walks them for nothing.
    with JournalStore.open(journal_path, clock) as store:
        store.save(Person(name="Anna Müller"))
    seen: list[bool] = []
    load = JournalStore._load

    def watched(self: JournalStore) -> None:
        seen.append(gc.isenabled())
        load(self)

    monkeypatch.setattr(JournalStore, "_load", watched)
    assert gc.isenabled()
    JournalStore.open(journal_path, clock, readonly=True).close()
    assert seen == [False]
    assert gc.isenabled()  # as it was
