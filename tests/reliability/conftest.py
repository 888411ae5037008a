"""Shared pieces of the reliability suite: a small demo journal, a check that a journal file is
valid record by record, and a spy on Textual workers that failed."""

from __future__ import annotations

import stat
import traceback
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest
from textual.pilot import Pilot
from textual.worker import Worker, WorkerCancelled, WorkerState
from textual.worker_manager import WorkerManager

from journal.clock import FixedClock
from journal.demo import create_demo_journal
from journal.migrations import SCHEMA
from journal.model import TABLES, Encounter, Person
from journal.store import JournalStore
from tests.conftest import stored_document

SIZE = (120, 36)


def small_demo_journal(
    path: Path, clock: FixedClock, *, seed: int = 7, people: int = 24, encounters: int = 160
) -> Path:
    """A lively but small demo journal (every kind of record, today's encounters, due people)."""
    create_demo_journal(path, clock, people=people, encounters=encounters, seed=seed)
    return path


def assert_valid_journal(path: Path, clock: FixedClock) -> dict[str, int]:
    """The file opens, every record in it validates, and the links between records hold.

    Returns how many live records each table holds, for messages.
    """
    assert stat.S_IMODE(path.stat().st_mode) == 0o600, "the journal must stay private (0600)"
    orjson.loads(path.read_bytes())  # the document file alone is complete JSON
    log = path.with_name(path.name + ".log")
    assert not log.exists() or stat.S_IMODE(log.stat().st_mode) == 0o600, "the change log must stay private"
    document: dict[str, Any] = stored_document(path)  # the document with its change log applied
    metas = [r for r in document["meta"].values() if isinstance(r, dict) and r.get("app") == "netjournal"]
    assert len(metas) == 1 and metas[0]["schema"] == SCHEMA
    live: dict[str, dict[str, Any]] = {}
    for table, cls in TABLES.items():
        seen: set[str] = set()
        live[table] = {}
        for doc_id, raw in (document.get(table) or {}).items():
            assert doc_id.isdigit(), f"{table}: document number {doc_id!r}"
            record = cls.from_dict(raw)
            record.validate()
            assert record.id not in seen, f"{table}: id {record.id} stored twice"
            seen.add(record.id)
            if record.deleted is None:
                live[table][record.id] = record
    people = live[Person.TABLE]
    for encounter in live[Encounter.TABLE].values():
        assert encounter.person_ids, f"encounter {encounter.id} links nobody"
        missing = [pid for pid in encounter.person_ids if pid not in people]
        assert not missing, f"encounter {encounter.id} links people who are gone: {missing}"
    # And the store agrees: it opens the file (lock, schema, indexes) and sees the same records.
    with JournalStore.open(path, clock, readonly=True) as store:
        assert store.people_count() == len(people)
        assert store.encounter_count() == len(live[Encounter.TABLE])
    return {table: len(records) for table, records in live.items()}


@pytest.fixture
def failed_workers(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Worker[Any]]]:
    """Every Textual worker that ended in ERROR while the test ran.

    The app saves in workers with ``exit_on_error=False``: an unexpected exception there would not
    stop the app, it would just vanish. This catches it (the manager forgets each finished worker
    through ``_remove_worker``, error or not).
    """
    failed: list[Worker[Any]] = []
    original = WorkerManager._remove_worker

    def spy(self: WorkerManager, worker: Worker[Any]) -> None:
        if worker.state == WorkerState.ERROR:
            failed.append(worker)
        original(self, worker)

    monkeypatch.setattr(WorkerManager, "_remove_worker", spy)
    yield failed


def describe_failed_workers(workers: list[Worker[Any]]) -> str:
    """Each failed worker's name and the traceback of its error."""
    parts = []
    for worker in workers:
        error = worker.error
        trace = "".join(traceback.format_exception(error)) if isinstance(error, BaseException) else repr(error)
        parts.append(f"{worker.name or worker.group}: {type(error).__name__}: {error}\n{trace}")
    return "\n".join(parts)


async def settle(pilot: Pilot[Any]) -> None:
    """Let the app catch up: pending messages, then background work, then drawing.

    ``wait_for_complete`` raises WorkerCancelled when an exclusive worker (a search, the due list)
    is replaced while we wait; that is the app working as meant, so wait again.
    """
    await pilot.pause()
    for _ in range(10):
        try:
            await pilot.app.workers.wait_for_complete()
        except WorkerCancelled:
            continue
        break
    await pilot.pause()
