"""The app opens the journal lazily (journal.lazy_encounters): Today is drawn from part of it, the
rest is read in the background after the first frame, and a record that cannot be read stops the
app with the message an open would have given, nothing written."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import orjson

from journal.clock import FixedClock
from journal.model import Encounter, Person
from journal.store import JournalStore
from journal.ui.app import JournalApp
from tests.conftest import journal_bytes
from tests.ui.conftest import SIZE
from tests.ui.test_live_app import settle, today_summaries


def _journal(path: Path, clock: FixedClock, *, bad: bool) -> str:
    """Anna seen today and a month ago; with ``bad``, the older encounter's channel is unknown."""
    with JournalStore.open(path, clock) as store:
        anna = store.add_person(Person(name="Anna Müller"))
        old = store.add_encounter(Encounter(date=clock.today() - timedelta(days=30), person_ids=[anna.id]))
        store.add_encounter(Encounter(date=clock.today(), person_ids=[anna.id], summary="coffee at the fair"))
        store.compact()
    if bad:
        document = orjson.loads(path.read_bytes())
        for record in document["encounters"].values():
            if record["id"] == old.id:
                record["channel"] = "telepathy"
        path.write_bytes(orjson.dumps(document))
    return old.id


async def test_today_is_drawn_and_the_rest_is_read_after_the_first_frame(journal_path: Path, clock: FixedClock) -> None:
    _journal(journal_path, clock, bad=False)
    store = JournalStore.open(journal_path, clock, lazy=True)
    app = JournalApp(store, clock, seed=1, animations=False)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert any("coffee at the fair" in line for line in today_summaries(app))
            assert store._lazy is None  # read whole in the background
            assert app.unreadable is None and app.is_running
    finally:
        store.close()


async def test_a_record_found_unreadable_after_the_first_frame_stops_the_app(
    journal_path: Path, clock: FixedClock
) -> None:
    bad = _journal(journal_path, clock, bad=True)
    before = journal_bytes(journal_path)
    store = JournalStore.open(journal_path, clock, lazy=True)
    app = JournalApp(store, clock, seed=1, animations=False)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.pause(0.1)
        assert app.unreadable is not None
        assert f"record {bad}" in app.unreadable and "field “channel”" in app.unreadable
        assert app.return_code == 2
    finally:
        store.close()
    assert journal_bytes(journal_path) == before
