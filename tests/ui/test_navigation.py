"""One way to move: escape leaves a field, then goes back one screen, on every screen."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.widgets import Input, TextArea

from journal.ui.app import JournalApp
from journal.ui.base import in_field
from journal.ui.screens.person import PersonScreen
from tests.ui.conftest import SIZE, small_journal

# Each main screen, by the key that opens it.
SCREENS = {"h": "history", "p": "people", "d": "due", "l": "lucky", "i": "insights", "g": "give-first"}


async def settle(pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@pytest.mark.parametrize("key", [*SCREENS, "comma"])
async def test_escape_goes_back_to_today_from_every_screen(make_app: Callable[..., JournalApp], key: str) -> None:
    app = make_app(small_journal)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(key)
        await settle(pilot)
        assert app.screen.id == SCREENS.get(key, "settings")
        # A field focused first (People's search box, Settings' fields): escape leaves it …
        if in_field(app.focused):
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen.id == SCREENS.get(key, "settings")
            assert not in_field(app.focused)
        # … and then goes back.
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen.id == "today"


async def test_escape_walks_back_the_screens_visited(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(small_journal)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for key in ("h", "d", "i"):
            await pilot.press(key)
            await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen.id == "due"
        await pilot.press("h")  # back on the trail: no loop History → Due → History
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen.id == "today"
        await pilot.press("escape")  # Today is the root: escape stays
        await settle(pilot)
        assert app.screen.id == "today"


async def test_escape_leaves_the_history_filters_then_goes_back(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(small_journal)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("h", "slash")
        await settle(pilot)
        assert isinstance(app.focused, Input)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.id == "history" and app.focused is app.screen.query_one("#history-table")
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen.id == "today"


async def test_escape_on_today_leaves_the_note_and_goes_nowhere(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(small_journal)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.focused, TextArea)
        await pilot.press("escape")
        await pilot.pause()
        assert app.focused is app.screen.query_one("#encounters")
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen.id == "today" and app.focused is app.screen.query_one("#encounters")


async def test_escape_on_a_person_page_goes_back_to_the_screen_below(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(small_journal)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("p", *"bob")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PersonScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen.id == "people"
        await pilot.press("escape", "escape")  # the search box, then People
        await settle(pilot)
        assert app.screen.id == "today"


async def test_escape_is_in_the_footer_except_where_it_does_nothing(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(small_journal)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.screen.check_action("back", ()) is False  # Today, nothing focused to leave
        await pilot.press("w")
        await pilot.pause()
        assert app.screen.check_action("back", ()) is True
        await pilot.press("escape", "d")
        await settle(pilot)
        assert app.screen.check_action("back", ()) is True
