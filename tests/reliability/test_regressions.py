"""Crashes the monkey (test_monkey.py) and the screenshot script found, each replayed directly."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.command import CommandPalette
from textual.widgets import Input, OptionList, TextArea
from textual.worker import Worker

from journal.clock import FixedClock
from journal.store import JournalStore
from journal.ui.app import JournalApp
from journal.ui.navigation import DESTINATIONS
from tests.reliability.conftest import SIZE, describe_failed_workers, settle, small_demo_journal
from tests.reliability.test_monkey import key_event


@pytest.fixture
def demo_path(tmp_path: Path, clock: FixedClock) -> Path:
    return small_demo_journal(tmp_path / "journal.json", clock)


def send(app: JournalApp, *keys: str) -> None:
    """Queue keys at once, as fast fingers (or key repeat) do: no waiting in between."""
    for key in keys:
        event = key_event(key)
        event.set_sender(app)
        assert app._driver is not None
        app._driver.send_message(event)


async def test_every_screen_page_and_dialog_opens(
    demo_path: Path, clock: FixedClock, failed_workers: list[Worker[Any]]
) -> None:
    """Settings used to crash on opening (a Select that may not be blank, built without options)."""
    with JournalStore.open(demo_path, clock) as store:
        app = JournalApp(store, clock, seed=1, animations=False)
        async with app.run_test(size=SIZE) as pilot:
            for dest in DESTINATIONS:
                app.go(dest.name)
                await settle(pilot)
                assert app.screen.id == dest.name
            anna = store.find_person("Anna Müller")
            assert anna is not None
            app.open_person(anna.id)
            await settle(pilot)
            assert type(app.screen).__name__ == "PersonScreen"
            app.go("today")
            for keys, modal in (
                (["n"], "EncounterForm"),
                (["ctrl+n"], "QuickAddModal"),
                (["question_mark"], "HelpModal"),
                (["ctrl+p"], "CommandPalette"),
            ):
                await pilot.press(*keys)
                await settle(pilot)
                assert type(app.screen).__name__ == modal
                await pilot.press("escape")
                await settle(pilot)
        assert app.return_code in (None, 0)
    assert not failed_workers, describe_failed_workers(failed_workers)


async def test_page_keys_on_a_list_that_just_appeared(demo_path: Path, clock: FixedClock) -> None:
    """pageup right after the Due list was filled and shown, before it was laid out: KeyError 0."""
    with JournalStore.open(demo_path, clock) as store:
        app = JournalApp(store, clock, seed=1, animations=False)
        async with app.run_test(size=SIZE) as pilot:
            app.go("due")
            send(app, "pageup", "pagedown", "pageup")
            await settle(pilot)
            send(app, "pagedown")
            await settle(pilot)
            due = app.screen.query_one("#due-people", OptionList)
            assert due.highlighted is not None and due.highlighted > 0
        assert app.return_code in (None, 0)


async def test_a_second_command_palette_never_opens(demo_path: Path, clock: FixedClock) -> None:
    """ctrl+p, ctrl+n (quick-add opens over the palette), ctrl+p: DuplicateIds closed the app."""
    with JournalStore.open(demo_path, clock) as store:
        app = JournalApp(store, clock, seed=1, animations=False)
        async with app.run_test(size=SIZE) as pilot:
            for key in ("ctrl+p", "ctrl+n", "ctrl+p"):
                await pilot.press(key)
                await settle(pilot)
            assert sum(isinstance(s, CommandPalette) for s in app.screen_stack) == 1
            assert type(app.screen).__name__ == "QuickAddModal"
        assert app.return_code in (None, 0)


async def test_a_form_that_was_closed_or_covered_dismisses_once(demo_path: Path, clock: FixedClock) -> None:
    """A save finishing after its form was closed dismissed it a second time (InvalidStateError in
    the save worker); one finishing while help covered the form closed the help instead. Now the
    result comes back as a message: a closed form never gets it, a covered one closes when shown."""
    from journal.ui.modals.encounter_form import EncounterForm
    from journal.ui.saving import Saved

    with JournalStore.open(demo_path, clock) as store:
        app = JournalApp(store, clock, seed=1, animations=False)
        async with app.run_test(size=SIZE) as pilot:
            results: list[object] = []

            gone = EncounterForm(day=clock.today())
            app.push_screen(gone, results.append)
            await settle(pilot)
            gone.dismiss("first")
            await settle(pilot)
            assert not gone.post_message(Saved("late", gone.close))  # the save's result, after the form is gone
            await settle(pilot)
            assert results == ["first"] and type(app.screen).__name__ == "TodayScreen"

            covered = EncounterForm(day=clock.today())
            app.push_screen(covered, results.append)
            await settle(pilot)
            app.action_help()  # as `?` does (focus is in the people box, where `?` is typed)
            await settle(pilot)
            assert type(app.screen).__name__ == "HelpModal"
            covered.post_message(Saved("saved", covered.close))
            await settle(pilot)
            assert results == ["first"] and type(app.screen).__name__ == "HelpModal"  # help stays open
            await pilot.press("escape")
            await settle(pilot)
            assert results == ["first", "saved"] and type(app.screen).__name__ == "TodayScreen"
        assert app.return_code in (None, 0)


async def test_a_save_that_ends_after_its_form_was_discarded_changes_no_screen(
    demo_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ctrl+s, then escape and "discard" before the disk answered: the late result went to a form
    that was no longer shown and closed the screen under it. Now it only says "Saved"."""
    import threading

    with JournalStore.open(demo_path, clock) as store:
        app = JournalApp(store, clock, seed=1, animations=False)
        release = threading.Event()
        real_save = store.save

        def slow_save(*records: Any, **kwargs: Any) -> Any:
            release.wait(5)
            return real_save(*records, **kwargs)

        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await pilot.press("n")
            await settle(pilot)
            form = app.screen
            await pilot.press(*"Anna Müller", "enter")
            await pilot.pause(0.2)
            form.query_one("#summary", TextArea).load_text("saved slowly")
            monkeypatch.setattr(store, "save", slow_save)
            await pilot.press("ctrl+s")
            await pilot.pause(0.1)
            await pilot.press("escape")  # asks: discard what you typed?
            await pilot.pause(0.1)
            await pilot.press("y")
            await pilot.pause(0.1)
            assert type(app.screen).__name__ == "TodayScreen"
            release.set()
            await app.workers.wait_for_complete()
            await settle(pilot)
            assert type(app.screen).__name__ == "TodayScreen"
            assert [s.id for s in app.screen_stack][1:] == ["today"]
            assert any(e.summary == "saved slowly" for e in store.encounters())
            assert any(n.message.startswith("Saved: Anna Müller") for n in app._notifications)
        assert app.return_code in (None, 0)


async def test_going_elsewhere_keeps_a_form_with_typed_input(demo_path: Path, clock: FixedClock) -> None:
    """Going to another screen from the command palette closed the form over it, typed text and
    all (and a save still running then dismissed it twice). Now it stays, with a word why."""
    with JournalStore.open(demo_path, clock) as store:
        app = JournalApp(store, clock, seed=1, animations=False)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("n")
            await settle(pilot)
            form = app.screen
            form.query_one("#summary", TextArea).load_text("worth keeping")
            app.go("history")  # what the palette's "Go to History" runs
            await settle(pilot)
            assert app.screen is form
            assert form.query_one("#summary", TextArea).text == "worth keeping"
            # The palette's "Go to person…" looks the People screen up right after going there.
            assert app.is_screen_installed("history")
            assert any("Finish the form first" in n.message for n in app._notifications)
            await pilot.press("escape")  # asks whether to discard
            await settle(pilot)
            await pilot.press("y")
            await settle(pilot)
            app.go("history")  # nothing typed any more: going elsewhere works
            await settle(pilot)
            assert app.screen.id == "history"
        assert app.return_code in (None, 0)


async def test_enter_pressed_three_times_in_the_command_palette(demo_path: Path, clock: FixedClock) -> None:
    """Each enter dismissed the palette again: the second closed the main screen under it, the third
    crashed the app (ScreenStackError: no screen left to pop)."""
    with JournalStore.open(demo_path, clock) as store:
        app = JournalApp(store, clock, seed=1, animations=False)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("ctrl+p")
            await settle(pilot)
            await pilot.press(*"history")
            await pilot.pause(0.3)  # the palette searches in the background
            await settle(pilot)
            send(app, "enter", "enter", "enter")
            await settle(pilot)
            assert [type(s).__name__ for s in app.screen_stack][1:] == ["HistoryScreen"]
        assert app.return_code in (None, 0)


async def test_a_page_closed_as_it_opens(demo_path: Path, clock: FixedClock) -> None:
    """A page or dialog closed in the same moment it was opened (enter on a person, then a key
    that goes elsewhere, typed quickly) was taken apart while it was still mounting: its header's
    title watcher or its own on_mount found no widgets any more (NoMatches), and the app closed."""
    from journal.ui.modals.confirm import ConfirmModal
    from journal.ui.screens.person import PersonScreen

    with JournalStore.open(demo_path, clock) as store:
        anna = store.find_person("Anna Müller")
        assert anna is not None
        app = JournalApp(store, clock, seed=1, animations=False)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            for _ in range(3):
                app.push_screen(PersonScreen(anna.id))
                app.pop_screen()
                await settle(pilot)
                app.push_screen(ConfirmModal("Delete the encounter with [/x]?"))
                app.pop_screen()
                await settle(pilot)
                app.open_person(anna.id)
                app.go("history")
                await settle(pilot)
            assert app.screen.id == "history"
        assert app.return_code in (None, 0)


def shown(app: JournalApp) -> str:
    """The characters on the screen as drawn (the screenshot's text, spaces as spaces)."""
    import html

    return html.unescape(app.export_screenshot()).replace("\xa0", " ")


async def test_text_that_looks_like_markup(demo_path: Path, clock: FixedClock) -> None:
    """A "[/]" typed into the people search, a person's notes, a date field or a name crashed the
    app (MarkupError) wherever the text was shown: the no-match line, the person page, the
    field's error note, the question before adding a new person, the toast after saving."""
    from dataclasses import replace

    with JournalStore.open(demo_path, clock) as store:
        anna = store.find_person("Anna Müller")
        assert anna is not None
        store.save(replace(anna, common_ground="[b]x[/b] or [/x] and [b]bold[/b", notes="[/]"))
        app = JournalApp(store, clock, seed=1, animations=False)
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            app.go("people")
            await settle(pilot)
            await pilot.press(*"[/]")
            await pilot.pause(0.1)
            await settle(pilot)
            assert "[/]" in shown(app)  # quoted in the no-match line, not read as markup
            app.open_person(anna.id)
            await settle(pilot)
            # Shown literally: markup read as markup would drop the brackets and make "x" bold.
            assert "[b]x[/b]" in shown(app) and "[/x]" in shown(app)
            app.go("today")
            await settle(pilot)
            await pilot.press("n")
            await settle(pilot)
            form = app.screen
            form.query_one("#date", Input).value = "[/date]"
            await pilot.press(*"[/who]", "enter")
            await settle(pilot)
            if type(app.screen).__name__ == "ConfirmModal":  # "Add “[/who]” as a new person?"
                await pilot.press("y")
                await settle(pilot)
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert app.screen is form  # the date is wrong: its note says so, quoting "[/date]"
            await pilot.press("escape", "y")
            await settle(pilot)
            await pilot.press("ctrl+n")
            await settle(pilot)
            await pilot.press(*"Neu [/x]: hi", "enter")
            await settle(pilot)
            await pilot.press("y")  # add the new person
            await settle(pilot)
            assert any("[/x]" in p.name for p in store.people())
        assert app.return_code in (None, 0)
