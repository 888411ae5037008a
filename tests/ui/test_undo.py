"""`u` takes back every change made from a screen: logs (quick-add, the form, `o`/`m` on Due,
Lucky), snooze, archive, merge, a person's edit, delete; newest first, one at a time."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from textual.widgets import Input, OptionList

from journal.model import Encounter, Person
from journal.store import JournalStore
from journal.ui.app import JournalApp
from journal.ui.modals.confirm import ConfirmModal
from journal.ui.modals.pick_person import PickPersonModal
from journal.ui.screens.person import PersonScreen
from tests.ui.conftest import SIZE, small_journal
from tests.ui.rules_journal import rules_journal
from tests.ui.test_due import names, open_due, person_id, settle


def messages(app: JournalApp) -> list[str]:
    return [n.message for n in app._notifications]


async def test_o_m_and_snooze_on_due_are_undone_newest_first(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(rules_journal)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await open_due(app, pilot)
        before = app.store.encounter_count()
        bob = person_id(app, "Bob Schulz")
        await pilot.press("m")  # Bob: we met
        await settle(app, pilot)
        await pilot.press("s")  # Anna (now first): snoozed 14 days
        await pilot.pause()
        await pilot.press("enter")
        await settle(app, pilot)
        anna = person_id(app, "Anna Müller")
        assert app.store.person(anna).snoozed_until == date(2026, 12, 13)  # type: ignore[union-attr]
        assert names(screen) == ["Emil Roth"]

        await pilot.press("u")
        await settle(app, pilot)
        assert app.store.person(anna).snoozed_until is None  # type: ignore[union-attr]
        assert "Undone: snoozed Anna Müller." in messages(app)
        assert app.store.encounter_count() == before + 1

        await pilot.press("u")
        await settle(app, pilot)
        assert app.store.encounter_count() == before
        assert all(e.date != date(2026, 11, 29) for e in app.store.encounters_with(bob))
        assert "Undone: logged that you met Bob Schulz." in messages(app)
        assert names(screen) == ["Bob Schulz", "Anna Müller", "Emil Roth"]

        await pilot.press("u")
        await settle(app, pilot)
        assert "Nothing to undo." in messages(app)


async def test_reached_out_on_due_is_undone(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(rules_journal)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await open_due(app, pilot)
        before = app.store.encounter_count()
        await pilot.press("o")
        await settle(app, pilot)
        if isinstance(app.screen, ConfirmModal):  # the give-them-time guard, if it speaks
            await pilot.press("y")
            await settle(app, pilot)
        assert app.store.encounter_count() == before + 1
        await pilot.press("u")
        await settle(app, pilot)
        assert app.store.encounter_count() == before
        assert names(screen)[0] == "Bob Schulz"


async def test_archive_and_merge_on_a_persons_page_are_undone(make_app: Callable[..., JournalApp]) -> None:
    def fill(store: JournalStore) -> None:
        small_journal(store)
        dup = store.add_person(Person(name="A. Mueller", tags=["go"]))
        store.save(Encounter(date=date(2026, 9, 12), person_ids=[dup.id], summary="on the train"))

    app = make_app(fill)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        anna = app.store.find_person("Anna Müller")
        dup = app.store.find_person("A. Mueller")
        assert anna is not None and dup is not None
        await pilot.press("p")
        await pilot.pause()
        app.open_person(anna.id)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PersonScreen)

        await pilot.press("a")
        await settle(app, pilot)
        assert app.store.person(anna.id).archived  # type: ignore[union-attr]
        await pilot.press("u")
        await settle(app, pilot)
        assert not app.store.person(anna.id).archived  # type: ignore[union-attr]
        assert "Undone: archived Anna Müller." in messages(app)

        timeline = screen.query_one("#person-timeline", OptionList)
        shown = timeline.option_count
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, PickPersonModal)
        await pilot.press(*"a. muel")
        await settle(app, pilot)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("y")
        await settle(app, pilot)
        assert app.store.person(dup.id) is None
        assert timeline.option_count == shown + 1

        await pilot.press("u")
        await settle(app, pilot)
        assert app.store.person(dup.id) is not None
        assert "A. Mueller" not in app.store.person(anna.id).aliases  # type: ignore[union-attr]
        assert [e.summary for e in app.store.encounters_with(dup.id)] == ["on the train"]
        assert timeline.option_count == shown
        assert "Undone: merged A. Mueller into Anna Müller." in messages(app)


async def test_a_quick_add_with_a_new_person_is_undone_whole(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(small_journal)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        people, encounters = app.store.people_count(), app.store.encounter_count()
        await pilot.press("ctrl+n")
        await pilot.pause()
        app.screen.query_one(Input).value = "Zoe Neu: first coffee"
        await pilot.press("enter")
        await settle(app, pilot)
        if isinstance(app.screen, ConfirmModal):  # "add Zoe Neu as a new person?"
            await pilot.press("y")
            await settle(app, pilot)
        assert app.store.find_person("Zoe Neu") is not None
        await pilot.press("u")
        await settle(app, pilot)
        assert app.store.find_person("Zoe Neu") is None
        assert (app.store.people_count(), app.store.encounter_count()) == (people, encounters)
        assert "Undone: logged an encounter with Zoe Neu." in messages(app)


async def test_u_in_a_dialog_does_not_undo(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(small_journal)
    async with app.run_test(size=SIZE) as pilot:
        first = app.screen.selected  # type: ignore[attr-defined]
        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("y")
        await settle(app, pilot)
        assert app.store.encounter(first.id) is None
        await pilot.press("delete")  # the other encounter: the question is open
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("u")
        await settle(app, pilot)
        assert app.store.encounter(first.id) is None
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("u")
        await settle(app, pilot)
        assert app.store.encounter(first.id) is not None
