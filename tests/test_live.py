"""A live journal: the change log, several writers, folding, outside changes, links and leftovers."""

from __future__ import annotations

import io
import os
import shutil
import stat
from datetime import date
from pathlib import Path

import orjson
import pytest
from tinydb import TinyDB

from journal import cli
from journal.clock import FixedClock
from journal.model import DayNote, Encounter, Person
from journal.paths import JournalFiles
from journal.storage import HOST, TEMP_PREFIX
from journal.store import LOG_BOUND, JournalStore, ReadOnlyJournal
from tests.conftest import journal_bytes, stored_document


def run(clock: FixedClock, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(list(args), clock=clock, out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def log_lines(path: Path) -> list[bytes]:
    log = JournalFiles(path).log
    return log.read_bytes().splitlines() if log.exists() else []


# ----------------------------------------------------------------------------- the change log


def test_a_save_appends_one_line_and_leaves_the_document_alone(journal_path: Path, clock: FixedClock) -> None:
    with JournalStore.open(journal_path, clock) as store:
        store.compact()
        document = journal_path.read_bytes()
        lines = len(log_lines(journal_path))
        anna, bob = Person(name="Anna"), Person(name="Bob")
        store.save(anna, bob, Encounter(date=clock.today(), person_ids=[anna.id, bob.id]))
        assert journal_path.read_bytes() == document, "a save does not rewrite the document"
        new = log_lines(journal_path)[max(lines, 1) :]  # after the header a new log starts with
        assert len(new) == 1, "one line per save, holding all its records"
        entry = orjson.loads(new[0])
        assert [r["table"] for r in entry["records"]] == ["people", "people", "encounters"]
        assert stat.S_IMODE(JournalFiles(journal_path).log.stat().st_mode) == 0o600


def test_the_log_is_replayed_at_open_and_folded_into_a_plain_tinydb_document(
    journal_path: Path, clock: FixedClock
) -> None:
    with JournalStore.open(journal_path, clock) as store:
        anna = store.add_person(Person(name="Anna Müller", tags=["rust"]))
        store.add_encounter(Encounter(date=date(2026, 11, 29), person_ids=[anna.id], summary="coffee"))
        store.set_day_note(date(2026, 11, 29), "a good day")
    with JournalStore.open(journal_path, clock) as store:  # replayed
        assert [p.name for p in store.people()] == ["Anna Müller"]
        assert store.compact()
    # Folded: the document alone is a complete TinyDB document, and plain TinyDB reads it.
    with TinyDB(journal_path) as db:
        assert [p["name"] for p in db.table("people").all()] == ["Anna Müller"]
        assert [e["summary"] for e in db.table("encounters").all()] == ["coffee"]
        assert [d["text"] for d in db.table("days").all()] == ["a good day"]
        meta = db.table("meta").all()
        assert meta[0]["app"] == "netjournal"
    assert log_lines(journal_path)[1:] == [], "the log restarted empty"


def test_the_log_is_folded_when_it_grows_past_its_bound(journal_path: Path, clock: FixedClock) -> None:
    with JournalStore.open(journal_path, clock) as store:
        store.compact()
        document = journal_path.read_bytes()
        note = "x" * 19_000
        for day in range(1, 1 + LOG_BOUND // 19_000 + 2):
            store.set_day_note(date(2026, 1, 1) + (date(2026, 1, 2) - date(2026, 1, 1)) * day, note)
        assert store.needs_compaction()
    # Closing folds a log past its bound (the CLI closes after each command).
    assert journal_path.read_bytes() != document
    assert len(orjson.loads(journal_path.read_bytes())["days"]) > LOG_BOUND // 19_000


def test_backup_and_export_write_complete_documents(journal_path: Path, clock: FixedClock, tmp_path: Path) -> None:
    with JournalStore.open(journal_path, clock) as store:
        store.add_person(Person(name="Only in the log"))
    assert "Only in the log" not in journal_path.read_text()
    assert run(clock, "--db", str(journal_path), "backup", str(tmp_path / "b.json"))[0] == 0
    assert "Only in the log" in (tmp_path / "b.json").read_text()
    code, out, _err = run(clock, "--db", str(journal_path), "export", "--format", "json")
    assert code == 0 and "Only in the log" in out


# ----------------------------------------------------------------------------- several writers


def test_a_fold_by_another_process_does_not_disturb_a_writer(journal_path: Path, clock: FixedClock) -> None:
    with JournalStore.open(journal_path, clock) as one, JournalStore.open(journal_path, clock) as two:
        one.add_person(Person(name="Anna"))
        two.add_person(Person(name="Bob"))
        assert two.compact()
        one.add_person(Person(name="Carla"))  # appends to the new log, after catching up
        assert one.compact()
        two.add_person(Person(name="Dora"))
        one.poll()
        two.poll()
        names = {"Anna", "Bob", "Carla", "Dora"}
        assert {p.name for p in one.people()} == names == {p.name for p in two.people()}
    assert {r["name"] for r in stored_document(journal_path)["people"].values()} == names


def test_a_reader_following_the_journal_sees_each_save_once(journal_path: Path, clock: FixedClock) -> None:
    with JournalStore.open(journal_path, clock) as writer, JournalStore.open(journal_path, clock, readonly=True) as app:
        heard = []
        app.subscribe(heard.append)
        assert app.poll() == []
        anna, bob = Person(name="Anna"), Person(name="Bob")
        writer.save(anna, bob, Encounter(date=clock.today(), person_ids=[anna.id, bob.id]))
        writer.set_day_note(clock.today(), "note")
        app.poll()
        assert [len(c.records) for c in heard] == [4], "one notification for both saves that came in"
        assert app.poll() == []
        writer.compact()
        assert app.poll() == [], "a fold brings nothing new, and the document is not read again"


# ----------------------------------------------------------------------------- outside changes


def _replaced_by_another_computer(journal_path: Path, clock: FixedClock) -> None:
    """What a sync tool does: the journal file replaced by another computer's version of it."""
    other = journal_path.parent / "elsewhere" / "journal.json"
    other.parent.mkdir()
    shutil.copy(journal_path, other)
    with JournalStore.open(other, clock) as store:
        store.add_person(Person(name="From the other computer"))
        store.compact()
    os.replace(other, journal_path)


def test_a_document_replaced_under_an_open_journal_is_merged_not_overwritten(
    journal_path: Path, clock: FixedClock
) -> None:
    with JournalStore.open(journal_path, clock) as store:
        store.add_person(Person(name="Here before"))
        store.compact()
        store.add_person(Person(name="Here, only in the log"))
        _replaced_by_another_computer(journal_path, clock)
        clock.advance(minutes=1)
        changes = store.poll()
        assert [c.source for c in changes] == ["document"]
        assert changes[0].message is not None and "1 record added" in changes[0].message
        store.add_person(Person(name="Here after"))
        assert store.compact()
    names = {r["name"] for r in orjson.loads(journal_path.read_bytes())["people"].values()}
    assert names == {"Here before", "Here, only in the log", "From the other computer", "Here after"}


def test_a_document_replaced_while_closed_keeps_the_logged_changes(journal_path: Path, clock: FixedClock) -> None:
    with JournalStore.open(journal_path, clock) as store:
        store.compact()
        store.add_person(Person(name="Logged here"))
    _replaced_by_another_computer(journal_path, clock)
    with JournalStore.open(journal_path, clock, readonly=True) as store:
        assert {p.name for p in store.people()} == {"Logged here", "From the other computer"}


def test_an_unreadable_replacement_is_never_overwritten(journal_path: Path, clock: FixedClock) -> None:
    with JournalStore.open(journal_path, clock) as store:
        store.add_person(Person(name="Anna"))
        journal_path.write_bytes(b"{half a sync")
        (change,) = store.poll()
        assert change.message is not None and "not valid JSON" in change.message
        store.add_person(Person(name="Bob"))  # saves still go to the log
        assert store.compact() is False
        assert journal_path.read_bytes() == b"{half a sync"


@pytest.mark.parametrize(
    "name",
    [
        "journal.sync-conflict-20261129-101500-ABCDEFG.json",  # Syncthing
        "journal (Anna's conflicted copy 2026-11-29).json",  # Dropbox
        "journal (conflicted copy 2026-11-29 101500).json",  # Nextcloud
    ],
)
def test_conflict_copies_are_merged_on_open_and_moved_to_backups(
    journal_path: Path, clock: FixedClock, name: str
) -> None:
    with JournalStore.open(journal_path, clock) as store:
        store.add_person(Person(name="Here"))
        store.compact()
    copy = journal_path.parent / name
    other = journal_path.parent / "other" / "journal.json"
    other.parent.mkdir()
    shutil.copy(journal_path, other)
    with JournalStore.open(other, clock) as store:
        store.add_person(Person(name="In the conflict copy"))
        store.compact()
    shutil.move(other, copy)
    unrelated = journal_path.parent / "work.sync-conflict-20261129-101500-ABCDEFG.json"
    unrelated.write_bytes(b"{}")
    code, out, err = run(clock, "--db", str(journal_path), "people")
    assert code == 0 and "In the conflict copy" not in out, "a reading command merges nothing"
    assert copy.exists()
    code, _out, err = run(clock, "--db", str(journal_path), "add", "Here: coffee")
    assert code == 0, err
    assert f"Merged the conflict copy {name}" in err and "1 record added" in err
    assert not copy.exists() and (journal_path.parent / "backups" / f"journal-merged-{name}").exists()
    assert unrelated.exists(), "another journal's conflict copy is left alone"
    assert {r["name"] for r in stored_document(journal_path)["people"].values()} == {"Here", "In the conflict copy"}


def test_a_conflict_copy_that_does_not_read_is_left_and_reported(journal_path: Path, clock: FixedClock) -> None:
    JournalStore.open(journal_path, clock).close()
    copy = journal_path.parent / "journal.sync-conflict-20261129-101500-ABCDEFG.json"
    copy.write_bytes(b"{broken")
    code, _out, err = run(clock, "--db", str(journal_path), "add", "Anna: coffee")
    assert code == 0
    assert "was not merged" in err and copy.read_bytes() == b"{broken"


# ----------------------------------------------------------------------------- paths and links


def test_a_journal_that_is_a_symlink_is_written_through_it(tmp_path: Path, clock: FixedClock) -> None:
    synced = tmp_path / "Dropbox"
    synced.mkdir()
    target = synced / "journal.json"
    home = tmp_path / "home"
    home.mkdir()
    link = home / "journal.json"
    link.symlink_to(target)
    for i in range(3):
        assert run(clock, "--db", str(link), "add", f"Anna: coffee {i}")[0] == 0
    with JournalStore.open(link, clock) as store:
        assert store.path == target
        assert store.compact()
    assert link.is_symlink() and link.resolve() == target, "the link is still a link"
    assert sorted(p.name for p in home.iterdir()) == ["journal.json"], "no lock, log or backup beside the link"
    assert {"journal.json", "journal.json.log", "journal.json.lock", "backups"} <= {p.name for p in synced.iterdir()}
    assert len(stored_document(target)["encounters"]) == 3


def test_a_read_only_journal_is_refused_for_writing_and_left_alone(journal_path: Path, clock: FixedClock) -> None:
    with JournalStore.open(journal_path, clock) as store:
        store.add_person(Person(name="Anna"))
    journal_path.chmod(0o400)
    before = journal_bytes(journal_path)
    with pytest.raises(ReadOnlyJournal) as caught:
        JournalStore.open(journal_path, clock)
    assert "read-only (mode 400)" in caught.value.message
    code, _out, err = run(clock, "--db", str(journal_path), "add", "Anna: coffee")
    assert code == 1 and "read-only" in err
    assert stat.S_IMODE(journal_path.stat().st_mode) == 0o400 and journal_bytes(journal_path) == before
    code, out, _err = run(clock, "--db", str(journal_path), "people")
    assert code == 0 and "Anna" in out, "reading it still works"


def test_an_empty_journal_path_is_refused(clock: FixedClock, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    code, _out, err = run(clock, "--db", "", "add", "Anna: coffee")
    assert code == 1 and "--db was given an empty path" in err
    monkeypatch.setenv("NETJOURNAL_DB", "")
    code, _out, err = run(clock, "people")
    assert code == 1 and "NETJOURNAL_DB is set but empty" in err
    assert not (tmp_path / "xdg-data").exists(), "the default journal was not used instead"


def test_only_writers_make_daily_backups(journal_path: Path, clock: FixedClock) -> None:
    with JournalStore.open(journal_path, clock) as store:
        store.add_person(Person(name="Anna Müller"))
    for command in (["people"], ["show", "Anna Müller"], ["due"], ["export", "--format", "json"], ["lucky"]):
        code, _out, err = run(clock, "--db", str(journal_path), *command)
        assert code == 0, (command, err)
        assert not (journal_path.parent / "backups").exists(), command
    assert run(clock, "--db", str(journal_path), "add", "Anna Müller: coffee")[0] == 0
    assert [p.name for p in (journal_path.parent / "backups").iterdir()] == ["journal-daily-2026-11-29.json"]


def test_start_up_removes_only_this_journals_leftovers_of_dead_writers(journal_path: Path, clock: FixedClock) -> None:
    JournalStore.open(journal_path, clock).close()
    folder, backups = journal_path.parent, journal_path.parent / "backups"
    backups.mkdir()
    dead = 2**22 + 12345  # above the usual pid_max: no such process
    ours = [
        folder / f"{TEMP_PREFIX}{dead}@{HOST}~00aa~journal.json",
        folder / f"{TEMP_PREFIX}{dead}@{HOST}~00ab~journal.json.log",
        backups / f"{TEMP_PREFIX}{dead}@{HOST}~00ac~journal-daily-2026-11-28.json",
    ]
    kept = [
        folder / f"{TEMP_PREFIX}{dead}@{HOST}~00ad~other.json",  # another journal in the same folder
        folder / f"{TEMP_PREFIX}{dead}@{HOST}~00ae~export.csv",  # an export
        folder / f"{TEMP_PREFIX}{os.getpid()}@{HOST}~00af~journal.json",  # a writer still running
        backups / f"{TEMP_PREFIX}{dead}@{HOST}~00b0~other-daily-2026-11-28.json",
    ]
    for path in ours + kept:
        path.write_bytes(b"half")
    JournalStore.open(journal_path, clock, readonly=True).close()
    assert all(p.exists() for p in ours), "a reader removes nothing"
    JournalStore.open(journal_path, clock).close()
    assert not any(p.exists() for p in ours)
    assert all(p.exists() for p in kept)


def test_day_notes_and_restores_of_deleted_records(journal_path: Path, clock: FixedClock) -> None:
    """Tombstones and undeletes replay the same after a reopen as they were in memory."""
    with JournalStore.open(journal_path, clock) as store:
        anna = store.add_person(Person(name="Anna"))
        tomb = store.delete(anna)
        store.restore(tomb)
        store.set_day_note(date(2026, 11, 29), "one")
        note = store.day_note(date(2026, 11, 29))
        assert isinstance(note, DayNote)
        store.delete(note)
    with JournalStore.open(journal_path, clock, readonly=True) as store:
        assert [p.name for p in store.people()] == ["Anna"] and store.tombstones("people") == []
        assert store.day_note(date(2026, 11, 29)) is None
