"""The disk refuses a save (full, no permission, read-only): the app says so and loses nothing.

After each refused save: a message is shown, what was typed is still there, the journal file is
byte-identical and no temp file is left beside it; once the disk is fine again, trying again saves.

A save appends one line to the change log; folding the log into the document writes a temp
file and renames it. Tests run as root in CI, where chmod does not stop writes, so the errors are
injected where every file is written (tests.conftest.DiskFault): creating a file, after part of
its data is written, at the fsync and at the rename. A read-only folder is the same error (EROFS)
at each of those steps.
"""

from __future__ import annotations

import errno
import io
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest
from textual.widgets import Input, Static, TextArea
from textual.worker import Worker

from journal import cli, storage
from journal.clock import FixedClock
from journal.paths import JournalFiles
from journal.store import JournalStore, SaveError
from journal.ui.app import JournalApp
from tests.conftest import DiskFault, journal_bytes, stored_document
from tests.reliability.conftest import (
    SIZE,
    assert_valid_journal,
    describe_failed_workers,
    settle,
    small_demo_journal,
)

REASONS = {code: os.strerror(code) for code in (errno.ENOSPC, errno.EACCES, errno.EROFS)}


@pytest.fixture
def journal(tmp_path: Path, clock: FixedClock) -> Path:
    return small_demo_journal(tmp_path / "journal.json", clock)


def journal_files(journal: Path) -> Callable[[Path], bool]:
    names = {journal.name, journal.name + ".log"}
    return lambda path: path.name in names


def leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.startswith(storage.TEMP_PREFIX)]


def stored_summaries(path: Path) -> set[str]:
    document = stored_document(path)
    return {r.get("summary", "") for r in document["encounters"].values() if r.get("deleted") is None}


def shown(widget: Static) -> str:
    """The text a Static shows (a str or a rich Text)."""
    content = widget.content
    return getattr(content, "plain", None) or str(content)


def error_messages(app: JournalApp) -> list[str]:
    return [f"{n.title}: {n.message}" for n in app._notifications if n.severity == "error"]


@pytest.mark.parametrize("code", sorted(REASONS), ids=[errno.errorcode[c] for c in sorted(REASONS)])
async def test_quick_add_refused_by_the_disk_keeps_the_line_and_saves_on_retry(
    code: int,
    journal: Path,
    disk: DiskFault,
    clock: FixedClock,
    failed_workers: list[Worker[Any]],
) -> None:
    line = "Anna Müller: talked about full disks"
    with JournalStore.open(journal, clock) as store:
        app = JournalApp(store, clock, seed=1, animations=False)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            before = journal_bytes(journal)
            count = store.encounter_count()
            disk.fail(code, at="write", only=journal_files(journal))
            await pilot.press("ctrl+n")
            await settle(pilot)
            await pilot.press(*line)
            await pilot.press("enter")
            await settle(pilot)

            assert disk.refused == 1 and disk.partial > 0, "refused after part of the line was written"
            box = app.screen
            assert type(box).__name__ == "QuickAddModal", "the box stays open"
            assert box.query_one(Input).value == line, "the typed line is kept"
            assert REASONS[code] in shown(box.query_one("#quick-add-preview", Static))
            assert any(REASONS[code] in m for m in error_messages(app)), error_messages(app)
            assert journal_bytes(journal) == before, "the half line was cut off again"
            assert leftovers(journal.parent) == []
            assert store.encounter_count() == count, "memory matches the file"

            disk.heal()
            await pilot.press("enter")
            await settle(pilot)
            assert type(app.screen).__name__ == "TodayScreen"
            assert store.encounter_count() == count + 1
    assert "talked about full disks" in stored_summaries(journal)
    assert_valid_journal(journal, clock)
    assert not failed_workers, describe_failed_workers(failed_workers)


async def test_encounter_form_refused_at_the_fsync_keeps_every_field(
    journal: Path,
    disk: DiskFault,
    clock: FixedClock,
    failed_workers: list[Worker[Any]],
) -> None:
    """The whole line was written; the fsync failed: the line is cut off again, the file unchanged."""
    with JournalStore.open(journal, clock) as store:
        app = JournalApp(store, clock, seed=1, animations=False)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("enter")  # edit today's first encounter
            await settle(pilot)
            form = app.screen
            assert type(form).__name__ == "EncounterForm"
            summary = form.query_one("#summary", TextArea)
            summary.load_text("rewritten while the disk was full")
            form.query_one("#place", Input).value = "Tempelhofer Feld"
            before = journal_bytes(journal)
            disk.fail(errno.EIO, at="fsync", only=journal_files(journal))
            await pilot.press("ctrl+s")
            await settle(pilot)

            assert disk.refused == 1
            assert app.screen is form, "the form stays open"
            assert summary.text == "rewritten while the disk was full"
            assert form.query_one("#place", Input).value == "Tempelhofer Feld"
            assert os.strerror(errno.EIO) in shown(form.query_one("#form-error", Static))
            assert any(os.strerror(errno.EIO) in m for m in error_messages(app))
            assert journal_bytes(journal) == before
            assert leftovers(journal.parent) == []

            disk.heal()
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert type(app.screen).__name__ == "TodayScreen"
    assert "rewritten while the disk was full" in stored_summaries(journal)
    assert_valid_journal(journal, clock)
    assert not failed_workers, describe_failed_workers(failed_workers)


async def test_day_note_refused_is_kept_retried_and_quitting_waits_for_it(
    journal: Path,
    disk: DiskFault,
    clock: FixedClock,
    failed_workers: list[Worker[Any]],
) -> None:
    """The note saves itself a moment after typing; refused, it stays, says so, and quitting
    does not throw it away: the app stays open until the note could be saved."""
    with JournalStore.open(journal, clock) as store:
        app = JournalApp(store, clock, seed=1, animations=False)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            before = journal_bytes(journal)
            disk.fail(errno.EROFS, at="write", only=journal_files(journal))
            await pilot.press("w")
            area = app.screen.query_one("#day-note", TextArea)
            area.load_text("")
            await pilot.press(*"Read-only today.")
            await pilot.press("escape")  # leaving the note saves it
            await settle(pilot)
            assert disk.refused >= 1
            status = shown(app.screen.query_one("#note-status", Static))
            assert REASONS[errno.EROFS] in status, status
            assert area.text == "Read-only today."
            assert journal_bytes(journal) == before

            await pilot.press("ctrl+q")
            await settle(pilot)
            assert app.return_code is None, "the app must not quit with the note unsaved"
            assert any(REASONS[errno.EROFS] in m for m in error_messages(app)), error_messages(app)
            assert journal_bytes(journal) == before
            assert leftovers(journal.parent) == []

            disk.heal()
            await pilot.press("ctrl+q")
            await settle(pilot)
            assert app.return_code == 0
    note = store.day_note(clock.today())
    assert note is not None and note.text == "Read-only today."
    assert_valid_journal(journal, clock)
    assert not failed_workers, describe_failed_workers(failed_workers)


STEPS = ("open", "write", "fsync", "rename")


@pytest.mark.parametrize("step", STEPS)
async def test_a_read_only_folder_refuses_the_first_save_at_every_step(
    step: str, journal: Path, disk: DiskFault, clock: FixedClock, failed_workers: list[Worker[Any]]
) -> None:
    """A read-only folder (EROFS), as root too: the first save creates the change log (a temp file,
    its header, fsync, rename), then appends. Refused at any step, nothing is left behind."""
    JournalFiles(journal).log.unlink()  # a journal folded completely: the save starts a new log
    line = "Anna Müller: written to a read-only folder"
    with JournalStore.open(journal, clock) as store:
        app = JournalApp(store, clock, seed=1, animations=False)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            before = journal_bytes(journal)
            disk.fail(errno.EROFS, at=step, only=journal_files(journal))
            await pilot.press("ctrl+n")
            await settle(pilot)
            await pilot.press(*line, "enter")
            await settle(pilot)
            assert disk.refused == 1
            assert app.screen.query_one(Input).value == line
            assert any(REASONS[errno.EROFS] in m for m in error_messages(app)), error_messages(app)
            assert journal_bytes(journal) == before
            assert leftovers(journal.parent) == []
            disk.heal()
            await pilot.press("enter")
            await settle(pilot)
            assert type(app.screen).__name__ == "TodayScreen"
    assert "written to a read-only folder" in stored_summaries(journal)
    assert_valid_journal(journal, clock)
    assert not failed_workers, describe_failed_workers(failed_workers)


@pytest.mark.parametrize("step", STEPS)
def test_folding_refused_at_every_step_keeps_everything(
    step: str, journal: Path, disk: DiskFault, clock: FixedClock
) -> None:
    """Folding the change log into the document: refused at any step, the document and the log
    stay as they were (every change is still in the log), and the next fold succeeds."""
    with JournalStore.open(journal, clock) as store:
        store.set_day_note(clock.today(), "kept in the change log")
        before = journal_bytes(journal)
        disk.fail(errno.ENOSPC if step == "write" else errno.EROFS, at=step, only=journal_files(journal))
        with pytest.raises(SaveError):
            store.compact()
        assert disk.refused == 1
        assert journal_bytes(journal) == before
        assert leftovers(journal.parent) == []
        disk.heal()
        store.set_day_note(clock.today(), "kept in the change log, then folded")
        assert store.compact()
    document = orjson.loads(journal.read_bytes())  # the document alone has it now
    assert any(r["text"] == "kept in the change log, then folded" for r in document["days"].values())
    assert_valid_journal(journal, clock)


def test_netjournal_add_on_a_full_disk_changes_nothing(journal: Path, disk: DiskFault, clock: FixedClock) -> None:
    before = journal_bytes(journal)
    disk.fail(errno.ENOSPC, at="write", only=journal_files(journal))
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(["--db", str(journal), "add", "Anna Müller: on a full disk"], clock=clock, out=out, err=err)
    assert code == 1
    assert disk.refused == 1 and disk.partial > 0
    assert REASONS[errno.ENOSPC] in err.getvalue()
    assert journal_bytes(journal) == before
    assert leftovers(journal.parent) == []
    disk.heal()
    assert cli.main(["--db", str(journal), "add", "Anna Müller: on a full disk"], clock=clock, out=out, err=err) == 0
    assert "on a full disk" in stored_summaries(journal)
