"""The Give first screen (rules 3, 4): who could I help, and introductions worth making."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest
from textual.widgets import OptionList, Static

from journal.model import Person
from journal.store import JournalStore
from journal.ui.app import JournalApp
from journal.ui.screens.give_first import GiveFirstScreen
from tests.ui.conftest import SIZE
from tests.ui.rules_journal import demo_journal, rules_journal
from tests.ui.test_due import settle
from tests.ui.wrapped_lists import drawn, redraw_from_scratch


async def open_give_first(app: JournalApp, pilot) -> GiveFirstScreen:  # type: ignore[no-untyped-def]
    await pilot.press("g")
    await settle(app, pilot)
    screen = app.screen
    assert isinstance(screen, GiveFirstScreen)
    return screen


def prompts(screen: GiveFirstScreen, selector: str) -> list[str]:
    options = screen.query_one(selector, OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def test_who_could_i_help_and_introductions(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(rules_journal)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_give_first(app, pilot)
        assert prompts(screen, "#help-list") == [
            "Anna Müller  needs a Rust mentor\nyou know Rust",
            "Carla Weiß  needs help with her tax returns\nyou know tax returns",
        ]
        assert prompts(screen, "#intro-list") == [
            "Anna Müller → Bob Schulz\nAnna needs a Rust mentor; Bob offers Rust mentoring",
            "Carla Weiß → Emil Roth\nCarla needs help with her tax returns; Emil offers tax returns",
        ]
        assert "2 people" in str(screen.query_one("#help-heading").render())
        assert "2 pairs" in str(screen.query_one("#intro-heading").render())


async def test_enter_and_v_open_the_people(make_app: Callable[..., JournalApp]) -> None:
    from journal.ui.screens.person import PersonScreen

    app = make_app(rules_journal)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_give_first(app, pilot)
        assert screen.focused is screen.query_one("#help-list")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PersonScreen) and app.screen.person_id == "id-anna"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("tab")
        assert screen.focused is screen.query_one("#intro-list")
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, PersonScreen) and app.screen.person_id == "id-bob"


async def test_empty_lists_say_what_to_note(make_app: Callable[..., JournalApp]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_give_first(app, pilot)
        assert not screen.query_one("#help-list").display
        assert "Add your skills in the settings" in str(screen.query_one("#help-empty", Static).render())
        assert "No introductions to suggest yet" in str(screen.query_one("#intro-empty", Static).render())


async def test_give_first_follows_changes(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(rules_journal)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_give_first(app, pilot)
        store: JournalStore = app.store
        emil = store.person("id-emil")
        assert emil is not None
        store.save(replace(emil, needs="a Rust mentor"))
        await settle(app, pilot)
        help_list = prompts(screen, "#help-list")
        assert any(p.startswith("Emil Roth  needs a Rust mentor") for p in help_list)
        assert any(p.startswith("Emil Roth → Bob Schulz") for p in prompts(screen, "#intro-list"))


@pytest.mark.parametrize("selector", ["#help-list", "#intro-list"])
async def test_entries_keep_their_last_line_when_the_lists_start_to_scroll(
    make_app: Callable[..., JournalApp], selector: str
) -> None:
    """People who need a Rust mentor, noted while the screen is shown, make both lists scroll: at
    80×24 an entry that wraps once more in the two columns the scrollbar takes (Anna's need, some
    introductions) would lose its last line."""
    app = make_app(rules_journal)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_give_first(app, pilot)
        options = screen.query_one(selector, OptionList)
        assert not options.show_vertical_scrollbar
        app.store.save(
            *(
                Person(name=f"{name} Neumann", needs="a Rust mentor")
                for name in ("Bartholomäus", "Ida", "Jonas", "Kai", "Lena", "Nora", "Ole", "Paula")
            )
        )
        await settle(app, pilot)
        assert options.show_vertical_scrollbar
        shown = drawn(app, options)
        await redraw_from_scratch(app, pilot)
        assert drawn(app, options) == shown


def test_give_first_snapshot(snap_compare, make_app: Callable[..., JournalApp]) -> None:
    async def open_it(pilot) -> None:  # type: ignore[no-untyped-def]
        await open_give_first(pilot.app, pilot)

    assert snap_compare(make_app(demo_journal), terminal_size=SIZE, run_before=open_it)
