"""Helpers for Pilot and snapshot tests: an app over a journal in tmp_path, fixed clock."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

from journal.clock import FixedClock
from journal.model import Encounter, Person
from journal.store import JournalStore
from journal.ui.app import JournalApp

SIZE = (120, 36)


@pytest.fixture
def snap_compare(snap_compare: Callable[..., bool]) -> Callable[..., bool]:
    """pytest-textual-snapshot's snap_compare, but the picture is taken once background work
    (due lists, insights, the search index, the day's backup) has finished and been drawn."""

    def compare(
        app: JournalApp,
        press: tuple[str, ...] | list[str] = (),
        terminal_size: tuple[int, int] = (80, 24),
        run_before: Callable[..., object] | None = None,
    ) -> bool:
        async def settled(pilot) -> None:  # type: ignore[no-untyped-def]
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
            for key in press:
                await pilot.press(key)
                await pilot.pause()
            if run_before is not None:
                result = run_before(pilot)
                if result is not None:
                    await result  # type: ignore[misc]
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()

        return snap_compare(app, terminal_size=terminal_size, run_before=settled)

    return compare


@pytest.fixture
def make_app(journal_path: Path, clock: FixedClock) -> Iterator[Callable[..., JournalApp]]:
    """Build a JournalApp on a fresh journal; ``fill`` may add records first."""
    opened: list[JournalStore] = []

    def build(fill: Callable[[JournalStore], None] | None = None) -> JournalApp:
        store = JournalStore.open(journal_path, clock)
        opened.append(store)
        if fill is not None:
            fill(store)
        return JournalApp(store, clock, seed=1, animations=False)

    yield build
    for store in opened:
        store.close()


def small_journal(store: JournalStore) -> None:
    """A few people and encounters around the fixed date (Sunday 29 Nov 2026)."""
    anna = store.add_person(Person(name="Anna Müller", company="Stripe", tags=["rust"], common_ground="cycling"))
    bob = store.add_person(Person(name="Bob Schulz", company="Zalando", role="CTO"))
    carla = store.add_person(Person(name="Carla Weiß", tags=["nachbarn"]))
    store.save(
        Encounter(
            date=date(2026, 11, 29),
            time="09:30",
            person_ids=[anna.id, bob.id],
            occasion="event",
            place="PyCon Berlin",
            summary="talked about Rust",
            gave="intro to Carla",
            received="book tip",
        ),
        Encounter(
            date=date(2026, 11, 29),
            person_ids=[carla.id],
            occasion="neighbourhood",
            place="Kiez",
            summary="borrowed a ladder",
            by_chance=True,
        ),
        Encounter(
            date=date(2026, 11, 27), person_ids=[bob.id], occasion="work", channel="call", summary="planning the meetup"
        ),
    )
