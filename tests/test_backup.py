"""Backups: complete, private, rotated 7 daily + 4 weekly, restorable, never of a broken file."""

from __future__ import annotations

import os
import stat
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from journal import __version__
from journal.backup import (
    BACKUP_TABLE,
    backups_to_delete,
    daily_backup,
    daily_name,
    keep_dates,
    parse_daily_name,
    read_backup,
    restore_backup,
    write_backup,
)
from journal.clock import FixedClock
from journal.interop import ImportFailed
from journal.migrations import SCHEMA
from journal.model import Person
from journal.store import JournalStore
from tests.conftest import journal_bytes
from tests.interop.helpers import document, make_journal, record_sets

NOW = datetime(2026, 11, 29, 12, tzinfo=UTC)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# ----------------------------------------------------------------------------- a backup's content


def test_backup_is_complete_and_self_describing(tmp_path: Path, clock: FixedClock) -> None:
    journal = tmp_path / "journal.json"
    made = make_journal(journal, clock)
    with JournalStore.open(journal, clock, readonly=True) as store:
        target = write_backup(store)
    assert target.parent == tmp_path / "backups"
    assert target.name == "journal-manual-20261129-120000.json"
    assert mode(target) == 0o600
    data = document(target)
    info = data[BACKUP_TABLE]["1"]
    assert info["schema"] == SCHEMA
    assert info["app_version"] == __version__
    assert info["exported"] == "2026-11-29T12:00:00.000000Z"
    journal_data = document(journal)
    for table in ("meta", "people", "encounters", "days", "settings"):
        assert data[table] == journal_data[table]
    tombstones = [r for r in data["people"].values() if r["deleted"]]
    assert [r["id"] for r in tombstones] == [made["gone"].id]


def test_backup_into_a_folder_and_never_onto_the_journal(tmp_path: Path, clock: FixedClock) -> None:
    journal = tmp_path / "journal.json"
    make_journal(journal, clock)
    elsewhere = tmp_path / "usb-stick"
    elsewhere.mkdir()
    with JournalStore.open(journal, clock, readonly=True) as store:
        assert write_backup(store, elsewhere).parent == elsewhere
        before = journal_bytes(journal)
        with pytest.raises(Exception, match="journal itself"):
            write_backup(store, journal)
    assert journal_bytes(journal) == before


def test_a_backup_opens_as_a_journal(tmp_path: Path, clock: FixedClock) -> None:
    journal = tmp_path / "journal.json"
    make_journal(journal, clock)
    with JournalStore.open(journal, clock, readonly=True) as store:
        target = write_backup(store, tmp_path / "copy.json")
    with JournalStore.open(target, clock, readonly=True) as copy:
        assert sorted(p.name for p in copy.people()) == ["Anna Müller", "Bob Schulz"]
        assert copy.encounter_count() == 1


# ----------------------------------------------------------------------------- backup → restore


def test_backup_restore_round_trip_is_equal(tmp_path: Path, clock: FixedClock) -> None:
    journal = tmp_path / "journal.json"
    make_journal(journal, clock)
    original = document(journal)
    with JournalStore.open(journal, clock, readonly=True) as store:
        target = write_backup(store, tmp_path / "backup.json")
    with JournalStore.open(journal, clock) as store:  # change it after the backup
        anna = next(p for p in store.people() if p.name == "Anna Müller")
        store.delete(anna)
        store.save(Person(name="Carla Rossi"))
    saved = restore_backup(journal, read_backup(target, clock), clock)
    assert document(journal) == original
    assert mode(journal) == 0o600
    # The journal as it was before the restore is kept, byte for byte.
    assert saved is not None and saved.parent == tmp_path / "backups"
    assert "Carla Rossi" in saved.read_text(encoding="utf-8")
    with JournalStore.open(journal, clock) as store:
        assert sorted(p.name for p in store.people()) == ["Anna Müller", "Bob Schulz"]


def test_restore_checks_the_backup_before_replacing_anything(tmp_path: Path, clock: FixedClock) -> None:
    journal = tmp_path / "journal.json"
    make_journal(journal, clock)
    before = journal_bytes(journal)
    bad = tmp_path / "bad.json"
    data = document(journal)
    next(iter(data["people"].values()))["name"] = ""
    import orjson

    bad.write_bytes(orjson.dumps(data))
    with pytest.raises(ImportFailed, match="A person needs a name"):
        read_backup(bad, clock)
    truncated = tmp_path / "truncated.json"
    truncated.write_bytes(before[: len(before) // 2])
    with pytest.raises(ImportFailed, match="not valid JSON"):
        read_backup(truncated, clock)
    assert journal_bytes(journal) == before
    assert not (tmp_path / "backups").exists()


def test_restore_rescues_a_journal_that_does_not_open(tmp_path: Path, clock: FixedClock) -> None:
    journal = tmp_path / "journal.json"
    make_journal(journal, clock)
    with JournalStore.open(journal, clock, readonly=True) as store:
        target = write_backup(store, tmp_path / "good.json")
    journal.write_bytes(b'{"people": {"1": broken')
    saved = restore_backup(journal, read_backup(target, clock), clock)
    assert saved is not None and saved.read_bytes() == b'{"people": {"1": broken'
    with JournalStore.open(journal, clock) as store:
        assert store.people_count() == 2


# ----------------------------------------------------------------------------- rotation (pure)


def days_back(last: date, n: int) -> list[date]:
    return [last - timedelta(days=i) for i in range(n)]


def test_rotation_keeps_seven_daily_and_four_weekly() -> None:
    today = date(2026, 11, 29)  # a Sunday
    kept = keep_dates(days_back(today, 60))
    assert len(kept) == 7 + 4
    daily = sorted(kept)[-7:]
    assert daily == days_back(today, 7)[::-1]
    weekly = sorted(kept)[:4]
    # The newest backup of each of the four weeks before the daily ones: the Sundays.
    assert weekly == [date(2026, 11, 1), date(2026, 11, 8), date(2026, 11, 15), date(2026, 11, 22)]
    assert all(d.isoweekday() == 7 for d in weekly)


def test_rotation_with_gaps_and_few_backups() -> None:
    assert keep_dates([]) == set()
    few = days_back(date(2026, 11, 29), 5)
    assert keep_dates(few) == set(few)
    # Opened only now and then: the newest seven, then one per week for four weeks that have backups.
    newest = [
        date(2026, 11, 29),
        date(2026, 11, 28),
        date(2026, 11, 20),
        date(2026, 11, 10),
        date(2026, 11, 1),
        date(2026, 10, 20),
        date(2026, 10, 10),
    ]
    older = [
        date(2026, 10, 2),
        date(2026, 9, 29),  # Friday and Tuesday of one week: only Friday stays
        date(2026, 9, 15),
        date(2026, 8, 1),
        date(2026, 7, 1),
        date(2026, 6, 1),
    ]
    assert keep_dates(newest + older) == set(newest) | {
        date(2026, 10, 2),
        date(2026, 9, 15),
        date(2026, 8, 1),
        date(2026, 7, 1),
    }


def test_rotation_only_touches_daily_backups_of_this_journal() -> None:
    names = [daily_name("journal", d) for d in days_back(date(2026, 11, 29), 30)]
    others = [
        "journal-manual-20260101-120000.json",
        "journal-schema1-before-upgrade-20260101T120000.json",
        "journal-before-restore-20260101-120000.json",
        "work-daily-2020-01-01.json",
        "notes.txt",
        "journal-daily-2026-13-40.json",
    ]
    doomed = backups_to_delete(names + others, "journal")
    assert len(doomed) == 30 - 11
    assert not set(doomed) & set(others)
    assert parse_daily_name("journal", "journal-daily-2026-11-29.json") == date(2026, 11, 29)
    assert parse_daily_name("journal", "journal-daily-2026-13-40.json") is None
    assert parse_daily_name("journal", "work-daily-2026-11-29.json") is None


# ----------------------------------------------------------------------------- daily backups


def test_daily_backup_once_a_day_and_rotated(tmp_path: Path, clock: FixedClock) -> None:
    journal = tmp_path / "journal.json"
    make_journal(journal, clock)
    folder = tmp_path / "backups"
    for day in range(40):
        clock.at = NOW + timedelta(days=day)
        with JournalStore.open(journal, clock) as store:
            first = daily_backup(store, clock.today())
            again = daily_backup(store, clock.today())
        assert first == folder / daily_name("journal", clock.today())
        assert again is None  # at most once a day
        assert mode(first) == 0o600
    assert mode(folder) == 0o700
    kept = sorted(p.name for p in folder.iterdir())
    assert len(kept) == 11
    assert kept[-1] == daily_name("journal", date(2027, 1, 7))
    # Each backup is a complete journal.
    with JournalStore.open(folder / kept[0], clock, readonly=True) as copy:
        assert copy.people_count() == 2


def test_daily_backup_from_a_path_opens_it_first(tmp_path: Path, clock: FixedClock) -> None:
    journal = tmp_path / "journal.json"
    make_journal(journal, clock)
    target = daily_backup(journal, date(2026, 11, 29))
    assert target is not None and target.name == "journal-daily-2026-11-29.json"
    assert record_sets(target, clock) == record_sets(journal, clock)


def test_no_daily_backup_of_a_file_that_does_not_open(tmp_path: Path, clock: FixedClock) -> None:
    journal = tmp_path / "journal.json"
    journal.write_bytes(b"this is not a journal")
    assert daily_backup(journal, date(2026, 11, 29), clock=clock) is None
    newer = tmp_path / "newer.json"
    newer.write_bytes(b'{"meta": {"1": {"id": "meta", "app": "netjournal", "schema": 999}}}')
    assert daily_backup(newer, date(2026, 11, 29), clock=clock) is None
    assert daily_backup(tmp_path / "missing.json", date(2026, 11, 29), clock=clock) is None
    assert not (tmp_path / "backups").exists()
    assert journal.read_bytes() == b"this is not a journal"


def test_daily_backup_failure_is_reported_not_fatal(tmp_path: Path, clock: FixedClock) -> None:
    journal = tmp_path / "journal.json"
    make_journal(journal, clock)
    (tmp_path / "backups").write_text("a file where the folder should be")
    from journal.backup import BackupFailed

    with JournalStore.open(journal, clock) as store, pytest.raises(BackupFailed) as caught:
        daily_backup(store, clock.today())
    assert caught.value.exit_code == 1
    assert "Could not write the backup" in caught.value.message
    assert os.path.isfile(tmp_path / "backups")
