"""The disk refuses a save (full, no permission, read-only): the app says so and loses nothing.

After each refused save: a message is shown, what was typed is still there, the journal file is
byte-identical and no temp file is left beside it; once the disk is fine again, trying again saves.

Tests run as root in CI, where chmod does not stop writes, so the errors are injected where the
journal is written: ``journal.storage.atomic_write_bytes`` (before anything is written) or
``os.replace`` (after the temp file is written and fsynced, at the rename). A real read-only
folder is tested too, when not running as root.
"""

from __future__ import annotations

import errno
import io
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
import pytest
from textual.widgets import Input, Static, TextArea
from textual.worker import Worker

from journal import cli, storage
from journal.clock import FixedClock
from journal.store import JournalStore
from journal.ui.app import JournalApp
from tests.reliability.conftest import (
    SIZE,
    assert_valid_journal,
    describe_failed_workers,
    settle,
    small_demo_journal,
)

REASONS = {code: os.strerror(code) for code in (errno.ENOSPC, errno.EACCES, errno.EROFS)}


@dataclass
class Disk:
    """Makes writes of one file fail with ``error`` at ``where`` ("write" or "rename")."""

    path: Path
    error: int | None = None
    where: str = "write"
    refused: int = 0

    def check(self, target: Any, where: str) -> None:
        if self.error is not None and self.where == where and Path(target) == self.path:
            self.refused += 1
            raise OSError(self.error, os.strerror(self.error), str(target))


@pytest.fixture
def journal(tmp_path: Path, clock: FixedClock) -> Path:
    return small_demo_journal(tmp_path / "journal.json", clock)


@pytest.fixture
def disk(journal: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Disk]:
    disk = Disk(journal)
    real_write, real_replace = storage.atomic_write_bytes, os.replace

    def atomic_write_bytes(path: Path, payload: bytes, mode: int = storage.FILE_MODE) -> None:
        disk.check(path, "write")
        real_write(path, payload, mode)

    def replace(src: Any, dst: Any, *args: Any, **kwargs: Any) -> None:
        disk.check(dst, "rename")
        real_replace(src, dst, *args, **kwargs)

    monkeypatch.setattr(storage, "atomic_write_bytes", atomic_write_bytes)
    monkeypatch.setattr(os, "replace", replace)
    yield disk


def leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.startswith(storage.TEMP_PREFIX)]


def shown(widget: Static) -> str:
    """The text a Static shows (a str or a rich Text)."""
    content = widget.content
    return getattr(content, "plain", None) or str(content)


def error_messages(app: JournalApp) -> list[str]:
    return [f"{n.title}: {n.message}" for n in app._notifications if n.severity == "error"]


def stored_summaries(path: Path) -> set[str]:
    document = orjson.loads(path.read_bytes())
    return {r.get("summary", "") for r in document["encounters"].values() if r.get("deleted") is None}


@pytest.mark.parametrize("code", sorted(REASONS), ids=[errno.errorcode[c] for c in sorted(REASONS)])
async def test_quick_add_refused_by_the_disk_keeps_the_line_and_saves_on_retry(
    code: int,
    journal: Path,
    disk: Disk,
    clock: FixedClock,
    failed_workers: list[Worker[Any]],
) -> None:
    line = "Anna Müller: talked about full disks"
    with JournalStore.open(journal, clock) as store:
        app = JournalApp(store, clock, seed=1, animations=False)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            before = journal.read_bytes()
            count = store.encounter_count()
            disk.error = code
            await pilot.press("ctrl+n")
            await settle(pilot)
            await pilot.press(*line)
            await pilot.press("enter")
            await settle(pilot)

            assert disk.refused == 1
            box = app.screen
            assert type(box).__name__ == "QuickAddModal", "the box stays open"
            assert box.query_one(Input).value == line, "the typed line is kept"
            assert REASONS[code] in shown(box.query_one("#quick-add-preview", Static))
            assert any(REASONS[code] in m for m in error_messages(app)), error_messages(app)
            assert journal.read_bytes() == before
            assert leftovers(journal.parent) == []
            assert store.encounter_count() == count, "memory matches the file"

            disk.error = None
            await pilot.press("enter")
            await settle(pilot)
            assert type(app.screen).__name__ == "TodayScreen"
            assert store.encounter_count() == count + 1
    assert "talked about full disks" in stored_summaries(journal)
    assert_valid_journal(journal, clock)
    assert not failed_workers, describe_failed_workers(failed_workers)


async def test_encounter_form_refused_at_the_rename_keeps_every_field(
    journal: Path,
    disk: Disk,
    clock: FixedClock,
    failed_workers: list[Worker[Any]],
) -> None:
    """The temp file was written and fsynced; the rename failed: it is removed, the file unchanged."""
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
            before = journal.read_bytes()
            disk.error, disk.where = errno.ENOSPC, "rename"
            await pilot.press("ctrl+s")
            await settle(pilot)

            assert disk.refused == 1
            assert app.screen is form, "the form stays open"
            assert summary.text == "rewritten while the disk was full"
            assert form.query_one("#place", Input).value == "Tempelhofer Feld"
            assert REASONS[errno.ENOSPC] in shown(form.query_one("#form-error", Static))
            assert any(REASONS[errno.ENOSPC] in m for m in error_messages(app))
            assert journal.read_bytes() == before
            assert leftovers(journal.parent) == []

            disk.error = None
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert type(app.screen).__name__ == "TodayScreen"
    assert "rewritten while the disk was full" in stored_summaries(journal)
    assert_valid_journal(journal, clock)
    assert not failed_workers, describe_failed_workers(failed_workers)


async def test_day_note_refused_is_kept_retried_and_quitting_waits_for_it(
    journal: Path,
    disk: Disk,
    clock: FixedClock,
    failed_workers: list[Worker[Any]],
) -> None:
    """The note saves itself a moment after typing; refused, it stays, says so, and quitting
    does not throw it away: the app stays open until the note could be saved."""
    with JournalStore.open(journal, clock) as store:
        app = JournalApp(store, clock, seed=1, animations=False)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            before = journal.read_bytes()
            disk.error = errno.EROFS
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
            assert journal.read_bytes() == before

            await pilot.press("ctrl+q")
            await settle(pilot)
            assert app.return_code is None, "the app must not quit with the note unsaved"
            assert any(REASONS[errno.EROFS] in m for m in error_messages(app)), error_messages(app)
            assert journal.read_bytes() == before
            assert leftovers(journal.parent) == []

            disk.error = None
            await pilot.press("ctrl+q")
            await settle(pilot)
            assert app.return_code == 0
    note = store.day_note(clock.today())
    assert note is not None and note.text == "Read-only today."
    assert_valid_journal(journal, clock)
    assert not failed_workers, describe_failed_workers(failed_workers)


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root writes into read-only folders")
async def test_a_real_read_only_folder(journal: Path, clock: FixedClock) -> None:
    folder = journal.parent
    line = "Anna Müller: written to a read-only folder"
    with JournalStore.open(journal, clock) as store:
        app = JournalApp(store, clock, seed=1, animations=False)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            before = journal.read_bytes()
            folder.chmod(0o500)
            try:
                await pilot.press("ctrl+n")
                await settle(pilot)
                await pilot.press(*line, "enter")
                await settle(pilot)
                assert app.screen.query_one(Input).value == line
                assert error_messages(app)
                assert journal.read_bytes() == before
            finally:
                folder.chmod(0o700)
            await pilot.press("enter")
            await settle(pilot)
            assert type(app.screen).__name__ == "TodayScreen"
    assert "written to a read-only folder" in stored_summaries(journal)


def test_netjournal_add_on_a_full_disk_changes_nothing(journal: Path, disk: Disk, clock: FixedClock) -> None:
    before = journal.read_bytes()
    disk.error = errno.ENOSPC
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(["--db", str(journal), "add", "Anna Müller: on a full disk"], clock=clock, out=out, err=err)
    assert code == 1
    assert REASONS[errno.ENOSPC] in err.getvalue()
    assert journal.read_bytes() == before
    assert leftovers(journal.parent) == []
    disk.error = None
    assert cli.main(["--db", str(journal), "add", "Anna Müller: on a full disk"], clock=clock, out=out, err=err) == 0
    assert "on a full disk" in stored_summaries(journal)
