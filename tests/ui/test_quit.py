"""ctrl+q with unsaved input in a form or the quick-add box asks before it is discarded."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from journal.ui.app import JournalApp
from journal.ui.modals.confirm import ConfirmModal
from journal.ui.modals.encounter_form import EncounterForm
from journal.ui.modals.quick_add import QuickAddModal
from tests.ui.conftest import SIZE, small_journal


async def type_in_the_form(app: JournalApp, pilot) -> None:  # type: ignore[no-untyped-def]
    app.open_encounter_form()
    await pilot.pause()
    app.screen.query_one("#summary").focus()
    await pilot.press(*"half a thought")


async def type_in_quick_add(app: JournalApp, pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("ctrl+n")
    await pilot.pause()
    await pilot.press(*"Anna: half a thought")


@pytest.mark.parametrize("typing", [type_in_the_form, type_in_quick_add], ids=["form", "quick-add"])
async def test_ctrl_q_asks_before_discarding_typed_input(
    make_app: Callable[..., JournalApp], typing: Callable[..., object]
) -> None:
    app = make_app(small_journal)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await typing(app, pilot)  # type: ignore[misc]
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, ConfirmModal)
        assert "not saved yet" in app.screen.question
        await pilot.press("escape")  # keep editing: the input is still there
        await pilot.pause()
        assert isinstance(app.screen, EncounterForm | QuickAddModal) and app.screen.is_dirty
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("ctrl+q")  # again while asked: quit
        await pilot.pause()
    assert not app.is_running


async def test_ctrl_q_with_nothing_typed_quits_at_once(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(small_journal)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert not app.is_running
