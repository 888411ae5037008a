"""The open app follows the journal: other writers' saves show up, outside changes are merged and
announced, and each save redraws each shown screen once (hidden screens when they are shown)."""

from __future__ import annotations

import asyncio
import io
import os
import shutil
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from journal import cli
from journal.clock import FixedClock
from journal.model import Person
from journal.store import JournalStore
from journal.ui.app import JournalApp
from journal.ui.base import JournalScreen
from journal.ui.navigation import DESTINATIONS
from tests.ui.conftest import SIZE, small_journal


async def settle(pilot: Pilot[Any]) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def until(pilot: Pilot[Any], condition: Callable[[], bool], seconds: float = 1.5) -> float:
    """Wait (as the user would) until ``condition`` holds; returns how long it took."""
    loop = asyncio.get_running_loop()
    start = loop.time()
    while not condition():
        assert loop.time() - start < seconds, "not within the time"
        await pilot.pause(0.05)
    return loop.time() - start


def today_summaries(app: JournalApp) -> list[str]:
    from journal.ui.screens.today import TodayScreen

    screen = app.get_screen("today")
    assert isinstance(screen, TodayScreen)
    options = screen.query_one("#encounters")
    return [
        str(options.get_option_at_index(i).prompt)  # type: ignore[attr-defined]
        for i in range(options.option_count)  # type: ignore[attr-defined]
    ]


def add(journal_path: Path, clock: FixedClock, line: str) -> None:
    out, err = io.StringIO(), io.StringIO()
    assert cli.main(["--db", str(journal_path), "add", line], clock=clock, out=out, err=err) == 0, err.getvalue()


async def test_a_netjournal_add_appears_on_today_within_a_second(
    make_app: Callable[..., JournalApp], journal_path: Path, clock: FixedClock
) -> None:
    app = make_app(small_journal)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert not any("bakery" in row for row in today_summaries(app))
        add(journal_path, clock, "Dora Öztürk: met at the bakery")  # another process, as from a shell
        took = await until(pilot, lambda: any("bakery" in row for row in today_summaries(app)))
        assert took < 1.0
        assert app.store.find_person("Dora Öztürk") is not None
        # And the app keeps writing to the same journal: its quick-add lands beside the shell's.
        await pilot.press("ctrl+n")
        app.screen.query_one(Input).value = "Dora Öztürk: and again, from the app"
        await pilot.press("enter")
        await settle(pilot)
    with JournalStore.open(journal_path, clock, readonly=True) as store:
        summaries = {e.summary for e in store.encounters()}
    assert {"met at the bakery", "and again, from the app"} <= summaries


async def test_a_journal_replaced_under_the_app_keeps_both_sides(
    make_app: Callable[..., JournalApp], journal_path: Path, clock: FixedClock, tmp_path: Path
) -> None:
    """The synced-folder case: another computer's version of the file replaces it while the app
    is open; the app merges it (and says so) instead of overwriting it with its next save."""
    app = make_app(small_journal)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)  # the app has folded its log after the first frame
        other = tmp_path / "laptop" / "journal.json"
        other.parent.mkdir()
        shutil.copy(journal_path, other)
        with JournalStore.open(other, clock) as laptop:
            laptop.add_person(Person(name="Erik from the laptop"))
            laptop.compact()
        os.replace(other, journal_path)  # what Syncthing does
        await until(pilot, lambda: app.store.find_person("Erik from the laptop") is not None)
        await pilot.pause()
        assert any("Changes from outside were merged" in n.message for n in app._notifications)
        await pilot.press("ctrl+n")
        app.screen.query_one(Input).value = "Anna Müller: saved after the merge"
        await pilot.press("enter")
        await settle(pilot)
        await app.workers.wait_for_complete()
    app.store.compact()
    with JournalStore.open(journal_path, clock, readonly=True) as store:
        assert store.find_person("Erik from the laptop") is not None
        assert "saved after the merge" in {e.summary for e in store.encounters()}
        assert store.find_person("Bob Schulz") is not None


async def test_one_refresh_per_quick_add_for_the_shown_screen_none_for_hidden_ones(
    make_app: Callable[..., JournalApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    counts: Counter[str] = Counter()
    for dest in DESTINATIONS:
        cls = dest.load()
        assert issubclass(cls, JournalScreen)
        original = cls.refresh_data

        def counting(self: JournalScreen, _original: Any = original) -> None:
            counts[type(self).__name__] += 1
            _original(self)

        monkeypatch.setattr(cls, "refresh_data", counting)
    app = make_app(small_journal)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for key in ("h", "d", "i", "t"):  # visit other screens, so that they are installed and listening
            await pilot.press(key)
            await settle(pilot)
        counts.clear()
        await pilot.press("ctrl+n")
        app.screen.query_one(Input).value = "Xaver Yilmaz, Zoe Zander @ Kiez: two new people at once"
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("y")  # yes, create them
        await settle(pilot)
        assert type(app.screen).__name__ == "TodayScreen"
        assert app.store.find_person("Zoe Zander") is not None
        assert counts == Counter({"TodayScreen": 1}), counts
        await pilot.press("h")  # a hidden screen catches up once when shown
        await settle(pilot)
        assert counts == Counter({"TodayScreen": 1, "HistoryScreen": 1}), counts
        await pilot.press("t")  # and Today, unchanged since, does not redraw
        await settle(pilot)
        assert counts == Counter({"TodayScreen": 1, "HistoryScreen": 1}), counts


async def test_conflict_copies_merged_at_open_are_announced(
    journal_path: Path, clock: FixedClock, make_app: Callable[..., JournalApp], tmp_path: Path
) -> None:
    with JournalStore.open(journal_path, clock) as store:
        small_journal(store)
        store.compact()
    other = tmp_path / "other" / "journal.json"
    other.parent.mkdir()
    shutil.copy(journal_path, other)
    with JournalStore.open(other, clock) as store:
        store.add_person(Person(name="In the conflict copy"))
        store.compact()
    shutil.move(other, journal_path.parent / "journal.sync-conflict-20261129-101500-ABCDEFG.json")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.store.find_person("In the conflict copy") is not None
        assert any("Merged the conflict copy" in n.message for n in app._notifications)
