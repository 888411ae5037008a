"""Snapshots of the Today screen and the quick-add box (fixed clock, small journal)."""

from __future__ import annotations

from collections.abc import Callable

from journal.ui.app import JournalApp
from tests.ui.conftest import SIZE, small_journal


def test_today_with_encounters(snap_compare, make_app: Callable[..., JournalApp]) -> None:
    assert snap_compare(make_app(small_journal), terminal_size=SIZE)


def test_today_empty(snap_compare, make_app: Callable[..., JournalApp]) -> None:
    assert snap_compare(make_app(), terminal_size=SIZE)


def test_quick_add_box(snap_compare, make_app: Callable[..., JournalApp]) -> None:
    async def type_a_line(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("ctrl+n")
        await pilot.pause()
        pilot.app.screen.query_one("Input").value = "Anna Müller, Dora @ Café #coffee !event: talked; gave: a tip"
        await pilot.pause()

    assert snap_compare(make_app(small_journal), terminal_size=SIZE, run_before=type_a_line)
