"""Snapshots of the daily journal: Today (with data, empty, another day with a note), the quick-add
box, the encounter form (new, editing, with errors) and History. Fixed clock, small journal."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from journal.store import JournalStore
from journal.ui.app import JournalApp
from tests.ui.conftest import SIZE, small_journal


def test_today_with_encounters(snap_compare, make_app: Callable[..., JournalApp]) -> None:
    assert snap_compare(make_app(small_journal), terminal_size=SIZE)


def test_today_empty(snap_compare, make_app: Callable[..., JournalApp]) -> None:
    assert snap_compare(make_app(), terminal_size=SIZE)


def test_today_another_day_with_a_note(snap_compare, make_app: Callable[..., JournalApp]) -> None:
    def fill(store: JournalStore) -> None:
        small_journal(store)
        store.set_day_note(
            date(2026, 11, 27),
            "Planning day. Bob wants speakers for the meetup;\nask Anna whether she would talk about Rust.",
        )

    assert snap_compare(make_app(fill), terminal_size=SIZE, press=["left", "left"])


def test_quick_add_box(snap_compare, make_app: Callable[..., JournalApp]) -> None:
    async def type_a_line(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("ctrl+n")
        await pilot.pause()
        pilot.app.screen.query_one("Input").value = "Anna Müller, Dora @ Café #coffee !event: talked; gave: a tip"
        await pilot.pause()

    assert snap_compare(make_app(small_journal), terminal_size=SIZE, run_before=type_a_line)


def test_encounter_form_new(snap_compare, make_app: Callable[..., JournalApp]) -> None:
    assert snap_compare(make_app(small_journal), terminal_size=SIZE, press=["n"])


def test_encounter_form_editing(snap_compare, make_app: Callable[..., JournalApp]) -> None:
    assert snap_compare(make_app(small_journal), terminal_size=SIZE, press=["enter"])


def test_encounter_form_with_errors(snap_compare, make_app: Callable[..., JournalApp]) -> None:
    async def type_badly(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("n")
        await pilot.pause()
        form = pilot.app.screen
        form.query_one("#date").value = "the day after never"
        form.query_one("#time").value = "25:00"
        form.query_one("#summary").load_text("kept, although the form is not valid yet")
        await pilot.press("ctrl+s")
        await pilot.pause()

    assert snap_compare(make_app(small_journal), terminal_size=SIZE, run_before=type_badly)


def test_history(snap_compare, make_app: Callable[..., JournalApp]) -> None:
    assert snap_compare(make_app(small_journal), terminal_size=SIZE, press=["h"])
