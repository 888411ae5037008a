from __future__ import annotations

import errno
from collections.abc import Callable
from datetime import date

from textual.widgets import Input, OptionList, Static

from journal.model import Person
from journal.store import JournalStore
from journal.ui.app import JournalApp
from journal.ui.modals.confirm import ConfirmModal
from journal.ui.modals.quick_add import QuickAddModal
from tests.conftest import DiskFault
from tests.ui.conftest import SIZE, small_journal


async def test_quick_add_from_today_saves_and_lists_the_encounter(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(small_journal)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, QuickAddModal)
        app.screen.query_one(Input).value = "Anna Müller @ Café #coffee: planned a talk; gave: slides"
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not isinstance(app.screen, QuickAddModal)
        saved = [e for e in app.store.encounters_on(date(2026, 11, 29)) if e.summary == "planned a talk"]
        assert len(saved) == 1 and saved[0].gave == "slides" and saved[0].place == "Café"
        rows = app.screen.query_one("#encounters", OptionList)
        assert saved[0].id in [rows.get_option_at_index(i).id for i in range(rows.option_count)]


async def test_new_names_are_confirmed_before_people_are_created(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(small_journal)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n")
        app.screen.query_one(Input).value = "Dora Nguyen: met at the bakery"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        assert "Dora Nguyen" in app.screen.question
        await pilot.press("n")  # decline: nothing is created, the line is still there
        await pilot.pause()
        assert isinstance(app.screen, QuickAddModal)
        assert app.screen.query_one(Input).value == "Dora Nguyen: met at the bakery"
        assert app.store.find_person("Dora Nguyen") is None
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.store.find_person("Dora Nguyen") is not None


async def test_a_line_without_names_is_refused_and_kept(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(small_journal)
    async with app.run_test(size=SIZE) as pilot:
        count = app.store.encounter_count()
        await pilot.press("ctrl+n")
        app.screen.query_one(Input).value = ": just a thought"
        await pilot.press("enter")
        await pilot.pause()
        preview = app.screen.query_one("#quick-add-preview", Static)
        assert preview.has_class("error")
        assert app.screen.query_one(Input).value == ": just a thought"
        assert app.store.encounter_count() == count


async def test_escape_cancels_without_saving(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(small_journal)
    async with app.run_test(size=SIZE) as pilot:
        count = app.store.encounter_count()
        await pilot.press("ctrl+n")
        await pilot.press(*"Anna")
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, QuickAddModal)
        assert app.store.encounter_count() == count


async def test_a_disk_error_keeps_the_line_and_says_why(make_app: Callable[..., JournalApp], disk: DiskFault) -> None:
    app = make_app(small_journal)

    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n")
        app.screen.query_one(Input).value = "Anna Müller: coffee"
        disk.fail(errno.ENOSPC)  # after part of the line is written
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, QuickAddModal)
        assert app.screen.query_one(Input).value == "Anna Müller: coffee"
        assert "No space left" in str(app.screen.query_one("#quick-add-preview", Static).render())
        assert not [e for e in app.store.encounters_on(date(2026, 11, 29)) if e.summary == "coffee"]


async def test_quick_add_works_from_every_screen_and_q_quits(make_app: Callable[..., JournalApp]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, QuickAddModal)
        await pilot.press("escape", "escape")
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


def test_store_is_untouched_by_preview(make_app: Callable[..., JournalApp], journal_path) -> None:
    """Typing in the box (the live preview) never writes; only enter does."""
    app = make_app(small_journal)
    before = journal_path.read_bytes()
    store: JournalStore = app.store
    from journal.entry.plan import plan_line

    plan_line(store, "Zed Newman @ x: y", app.clock)
    assert journal_path.read_bytes() == before


async def test_quick_add_for_today_records_the_time_now(make_app: Callable[..., JournalApp]) -> None:
    """Logged for today, the entry carries the time it was logged at (14:30 on the fixed clock);
    logged on another day (Today moved back a day), it carries none."""
    app = make_app(small_journal)
    async with app.run_test(size=SIZE) as pilot:
        for line in ("Anna Müller: just now", "Bob Schulz: yesterday's call"):
            await pilot.press("ctrl+n")
            await pilot.pause()
            app.screen.query_one(Input).value = line
            await pilot.press("enter")
            await app.workers.wait_for_complete()
            await pilot.pause()
            await pilot.press("left_square_bracket")  # the day before
            await pilot.pause()
        [now] = [e for e in app.store.encounters() if e.summary == "just now"]
        [before] = [e for e in app.store.encounters() if e.summary == "yesterday's call"]
        assert (now.date, now.time) == (date(2026, 11, 29), "14:30")
        assert (before.date, before.time) == (date(2026, 11, 28), None)


async def test_quick_add_takes_the_times_the_form_takes(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(small_journal)
    async with app.run_test(size=SIZE) as pilot:
        for line, time in (("Anna Müller: a; at: 9am", "09:00"), ("Anna Müller: b; um: 14h30", "14:30")):
            await pilot.press("ctrl+n")
            await pilot.pause()
            app.screen.query_one(Input).value = line
            await pilot.pause()
            assert "not a time" not in str(app.screen.query_one("#quick-add-preview", Static).render())
            await pilot.press("enter")
            await app.workers.wait_for_complete()
            await pilot.pause()
            [saved] = [e for e in app.store.encounters() if e.summary == line.split(": ")[1].split(";")[0]]
            assert saved.time == time


async def test_a_place_with_a_number_stays_one_place(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(small_journal)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n")
        await pilot.pause()
        app.screen.query_one(Input).value = "Anna Müller @ Café #1, Berlin: coffee"
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        [saved] = [e for e in app.store.encounters() if e.summary == "coffee"]
        assert (saved.place, saved.tags) == ("Café #1, Berlin", [])


async def test_enter_saves_the_plan_the_preview_showed(make_app: Callable[..., JournalApp], monkeypatch) -> None:
    """The line is parsed once for the preview; enter saves that plan instead of parsing again."""
    from journal.entry import plan as planning

    calls: list[str] = []
    real = planning.parse

    def counting(line: str, today: date) -> object:
        calls.append(line)
        return real(line, today)

    monkeypatch.setattr(planning, "parse", counting)
    app = make_app(small_journal)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n")
        await pilot.pause()
        app.screen.query_one(Input).value = "Anna Müller: once"
        await pilot.pause()
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert calls == ["Anna Müller: once"]
        assert [e.summary for e in app.store.encounters() if e.summary == "once"] == ["once"]


def two_annas(store: JournalStore) -> None:
    small_journal(store)
    store.add_person(Person(name="Anna Meier", role="Baker"))


def preview_text(app: JournalApp) -> str:
    return str(app.screen.query_one("#quick-add-preview", Static).render())


async def saved_with(app: JournalApp, summary: str) -> list[str]:
    await app.workers.wait_for_complete()
    return [name for e in app.store.encounters() if e.summary == summary for name in app.store.names(e.person_ids)]


async def test_known_first_names_are_taken_and_shown(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(small_journal)
    async with app.run_test(size=SIZE) as pilot:
        count = app.store.people_count()
        await pilot.press("ctrl+n")
        await pilot.pause()
        app.screen.query_one(Input).value = "Bob, carla, anna: quick test"
        await pilot.pause()
        assert "Bob → Bob Schulz · carla → Carla Weiß · anna → Anna Müller" in preview_text(app)
        assert "New:" not in preview_text(app)
        await pilot.press("enter")  # no question: everyone is known
        await pilot.pause()
        assert await saved_with(app, "quick test") == ["Bob Schulz", "Carla Weiß", "Anna Müller"]
        assert app.store.people_count() == count


async def test_an_unclear_name_is_chosen_in_a_picker(make_app: Callable[..., JournalApp]) -> None:
    from journal.ui.modals.choose_person import ChoosePersonModal

    app = make_app(two_annas)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n")
        await pilot.pause()
        app.screen.query_one(Input).value = "Bob, anna: lunch"
        await pilot.pause()
        assert "anna → ?" in preview_text(app) and "“anna” could be" in preview_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ChoosePersonModal)
        options = app.screen.query_one(OptionList)
        labels = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert {labels[0].split("  ")[0], labels[1].split("  ")[0]} == {"Anna Müller", "Anna Meier"}
        assert labels[-1] == "+ New person: “anna”"
        # escape goes back to the line: nothing saved, nothing lost.
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, QuickAddModal) and app.screen.query_one(Input).value == "Bob, anna: lunch"
        assert await saved_with(app, "lunch") == []
        await pilot.press("enter")
        await pilot.pause()
        choice = str(app.screen.query_one(OptionList).get_option_at_index(1).prompt).split("  ")[0]
        await pilot.press("down", "enter")
        await pilot.pause()
        assert await saved_with(app, "lunch") == ["Bob Schulz", choice]


async def test_choosing_new_person_in_the_picker_creates_them_without_asking_again(
    make_app: Callable[..., JournalApp],
) -> None:
    app = make_app(two_annas)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n")
        await pilot.pause()
        app.screen.query_one(Input).value = "anna: hello"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("end", "enter")  # the last option: a new person
        await pilot.pause()
        assert await saved_with(app, "hello") == ["anna"]
        assert app.store.find_person("anna") is not None


async def test_a_sentence_is_not_made_a_person_without_asking(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(small_journal)
    async with app.run_test(size=SIZE) as pilot:
        count = app.store.people_count()
        await pilot.press("ctrl+n")
        await pilot.pause()
        app.screen.query_one(Input).value = "Meeting with the team"
        await pilot.pause()
        assert "names go before a colon" in preview_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal) and "reads like a sentence" in app.screen.question
        await pilot.press("n")  # edit the line instead
        await pilot.pause()
        assert isinstance(app.screen, QuickAddModal) and app.screen.query_one(Input).value == "Meeting with the team"
        assert app.store.people_count() == count
        # Said so, it is a person after all (and is not asked about twice).
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert await saved_with(app, "") == ["Meeting with the team"]
