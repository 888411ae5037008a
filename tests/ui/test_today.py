"""The Today screen: moving between days, the day note, deleting and undoing, streak and due strip."""

from __future__ import annotations

import errno
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest
from textual.widgets import OptionList, Static, TextArea

from journal import i18n
from journal.clock import FixedClock
from journal.model import Encounter, Person
from journal.store import JournalStore
from journal.ui.app import JournalApp
from journal.ui.modals.confirm import ConfirmModal
from journal.ui.modals.encounter_form import EncounterForm
from journal.ui.screens import today as today_module
from journal.ui.screens.today import TodayScreen
from tests.conftest import DiskFault
from tests.ui.conftest import SIZE, small_journal
from tests.ui.wrapped_lists import drawn, redraw_from_scratch

SUNDAY = date(2026, 11, 29)


def rows(app: JournalApp) -> list[str]:
    """The encounter ids listed on the Today screen, top to bottom."""
    options = app.screen.query_one("#encounters", OptionList)
    if not options.display:
        return []
    return [options.get_option_at_index(i).id or "" for i in range(options.option_count)]


def title(app: JournalApp) -> str:
    return str(app.screen.query_one("#day-title", Static).render())


def summaries(app: JournalApp) -> set[str]:
    return {app.store.encounter(i).summary for i in rows(app)}  # type: ignore[union-attr]


async def test_moving_between_days_with_brackets_arrows_and_t(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(small_journal)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, TodayScreen)
        assert screen.day == SUNDAY and "Sun 29 Nov 2026" in title(app) and "today" in title(app)
        assert summaries(app) == {"talked about Rust", "borrowed a ladder"}

        await pilot.press("left_square_bracket")
        assert screen.day == date(2026, 11, 28) and "yesterday" in title(app)
        assert rows(app) == [] and screen.query_one("#encounters-empty", Static).display
        assert "Rule 6" in str(screen.query_one("#rule-of-the-day", Static).render())  # Saturday's rule

        await pilot.press("left")
        assert screen.day == date(2026, 11, 27)
        assert summaries(app) == {"planning the meetup"}

        await pilot.press("right_square_bracket", "right", "right")
        assert screen.day == date(2026, 11, 30) and "tomorrow" in title(app)

        await pilot.press("t")
        assert screen.day == SUNDAY and len(rows(app)) == 2

        # Quick add files the encounter on the day shown, not on today.
        await pilot.press("left", "left")
        assert app.current_day() == date(2026, 11, 27)


async def test_the_streak_and_the_rule_of_the_day(make_app: Callable[..., JournalApp]) -> None:
    def fill(store: JournalStore) -> None:
        small_journal(store)
        store.set_day_note(date(2026, 11, 28), "a quiet Saturday")

    app = make_app(fill)
    async with app.run_test(size=SIZE):
        assert "3 days in a row" in str(app.screen.query_one("#streak", Static).render())
        assert "Rule 7" in str(app.screen.query_one("#rule-of-the-day", Static).render())  # Sunday


async def test_the_due_strip_lists_who_is_due(make_app: Callable[..., JournalApp]) -> None:
    def fill(store: JournalStore) -> None:
        eva = store.add_person(Person(name="Eva Due", cadence_days=14))
        store.save(Encounter(date=SUNDAY - timedelta(days=30), person_ids=[eva.id], summary="lunch"))

    app = make_app(fill)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()  # the due list may be worked out in a thread
        await pilot.pause()
        assert app.screen.query_one("#due-strip")
        assert "Eva Due" in str(app.screen.query_one("#due-list", Static).render())


async def test_the_due_strip_has_an_empty_state(make_app: Callable[..., JournalApp]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Nobody is due" in str(app.screen.query_one("#due-list", Static).render())


async def test_a_day_note_is_found_after_a_restart(
    make_app: Callable[..., JournalApp], journal_path: Path, clock: FixedClock
) -> None:
    app = make_app(small_journal)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("left_square_bracket")  # Saturday
        await pilot.press("w")
        assert app.screen.query_one("#day-note", TextArea).has_focus
        await pilot.press(*"Met nobody, read a lot.")
        await pilot.press("escape")  # leaving the field saves it
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "saved" in str(app.screen.query_one("#note-status", Static).render())
        # Another day has its own (empty) note; coming back shows Saturday's again.
        await pilot.press("right_square_bracket")
        assert app.screen.query_one("#day-note", TextArea).text == ""
        await pilot.press("left_square_bracket")
        assert app.screen.query_one("#day-note", TextArea).text == "Met nobody, read a lot."
    app.store.close()

    reopened = JournalStore.open(journal_path, clock)
    try:
        note = reopened.day_note(date(2026, 11, 28))
        assert note is not None and note.text == "Met nobody, read a lot."
        app2 = JournalApp(reopened, clock, seed=1, animations=False)
        async with app2.run_test(size=SIZE) as pilot:
            await pilot.press("left_square_bracket")
            assert app2.screen.query_one("#day-note", TextArea).text == "Met nobody, read a lot."
    finally:
        reopened.close()


async def test_the_note_saves_itself_after_a_pause_in_typing(
    make_app: Callable[..., JournalApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(today_module, "NOTE_DEBOUNCE", 0.4)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("w", *"Good day")
        assert app.store.day_note(SUNDAY) is None  # not on every keystroke
        await pilot.pause(0.6)
        await app.workers.wait_for_complete()
        await pilot.pause()
        note = app.store.day_note(SUNDAY)
        assert note is not None and note.text == "Good day"
        assert app.screen.query_one("#day-note", TextArea).has_focus  # typing was never interrupted


async def test_quitting_saves_the_note_being_typed(make_app: Callable[..., JournalApp]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("w", *"typed just before quitting")
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0
    note = app.store.day_note(SUNDAY)
    assert note is not None and note.text == "typed just before quitting"


async def test_a_note_that_cannot_be_saved_is_kept_and_quitting_waits(
    make_app: Callable[..., JournalApp], disk: DiskFault
) -> None:
    app = make_app()

    async with app.run_test(size=SIZE) as pilot:
        disk.fail(errno.ENOSPC)  # after part of the line is written
        await pilot.press("w", *"precious thoughts", "escape")
        await app.workers.wait_for_complete()
        await pilot.pause()
        status = str(app.screen.query_one("#note-status", Static).render())
        assert "No space left" in status
        assert app.screen.query_one("#day-note", TextArea).text == "precious thoughts"
        await pilot.press("ctrl+q")  # refused: the note would be lost
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, TodayScreen)
        disk.heal()
        await pilot.press("ctrl+q")
        await pilot.pause()
    note = app.store.day_note(SUNDAY)
    assert note is not None and note.text == "precious thoughts"


async def test_deleting_asks_first_and_u_undoes(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(small_journal)
    async with app.run_test(size=SIZE) as pilot:
        first = rows(app)[0]
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("escape")  # no: nothing happens
        await pilot.pause()
        assert first in rows(app) and app.store.encounter(first) is not None

        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.store.encounter(first) is None
        assert first not in rows(app) and len(rows(app)) == 1
        assert first in [t.id for t in app.store.tombstones("encounters")]  # a tombstone, not gone

        await pilot.press("u")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.store.encounter(first) is not None and first in rows(app)
        assert app.store.encounter(first).deleted is None  # type: ignore[union-attr]

        await pilot.press("u")  # nothing left to undo: says so, changes nothing
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(rows(app)) == 2


async def test_enter_and_e_open_the_selected_encounter_and_n_a_new_one(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(small_journal)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, EncounterForm)
        assert app.screen.encounter is not None and app.screen.encounter.id == rows_after_close(app)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, EncounterForm) and app.screen.encounter is not None
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("left", "n")
        await pilot.pause()
        assert isinstance(app.screen, EncounterForm) and app.screen.encounter is None
        assert app.screen.day == date(2026, 11, 28)


def rows_after_close(app: JournalApp) -> str:
    today = app.get_screen("today")
    options = today.query_one("#encounters", OptionList)
    option = options.highlighted_option
    assert option is not None
    return option.id or ""


async def test_quick_add_files_on_the_day_shown_unless_the_line_says_otherwise(
    make_app: Callable[..., JournalApp],
) -> None:
    from textual.widgets import Input

    app = make_app(small_journal)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("left", "left")  # Friday 27 Nov
        for line in ("Carla Weiß: on the day shown", "Carla Weiß: the line's own date; date: 3 days ago"):
            await pilot.press("ctrl+n")
            await pilot.pause()
            app.screen.query_one(Input).value = line
            await pilot.press("enter")
            await app.workers.wait_for_complete()
            await pilot.pause()
        days = {e.summary: e.date for e in app.store.encounters()}
        assert days["on the day shown"] == date(2026, 11, 27)
        assert days["the line's own date"] == date(2026, 11, 26)  # 3 days before today, as the preview said


async def test_rows_keep_their_last_line_when_the_list_starts_to_scroll(make_app: Callable[..., JournalApp]) -> None:
    """From a day of one encounter to a day whose list scrolls: each row ends in "logged now",
    which the scrollbar's two columns push onto a line of its own (seen at 80×24)."""

    def fill(store: JournalStore) -> None:
        anna = Person(name="Anna Müller")
        store.save(anna, Encounter(date=SUNDAY - timedelta(days=1), person_ids=[anna.id], summary="coffee"))
        summary = "we talked about the new office the school and a trip"
        store.save(
            *(
                Encounter(date=SUNDAY, time=f"1{h}:00", person_ids=[anna.id], place="Café Einstein", summary=summary)
                for h in range(6)
            )
        )

    app = make_app(fill)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("left_square_bracket")
        await pilot.pause()
        options = app.screen.query_one("#encounters", OptionList)
        assert not options.show_vertical_scrollbar
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert options.show_vertical_scrollbar
        shown = drawn(app, options)
        assert any(line.strip("│ ") == "now" for line in shown)  # "logged" ends the line above
        await redraw_from_scratch(app, pilot)
        assert drawn(app, options) == shown


async def test_rows_follow_changes_made_elsewhere(make_app: Callable[..., JournalApp]) -> None:
    """Today redraws its rows only when they would change; a renamed person is such a change."""
    from dataclasses import replace

    app = make_app(small_journal)
    async with app.run_test(size=SIZE) as pilot:
        carla = app.store.find_person("Carla Weiß")
        assert carla is not None
        app.store.save(replace(carla, name="Carla Weiss-Berg"))
        await pilot.pause()
        options = app.screen.query_one("#encounters", OptionList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert any("Carla Weiss-Berg" in p for p in prompts)


# ----------------------------------------------------------------------------- follow-ups and birthdays


def reminder_fill(store: JournalStore) -> None:
    """Eva's follow-up is today, Bob's on Tuesday; Jörg's birthday is today, Carla's on Wednesday."""
    eva = store.add_person(Person(name="Eva Braun"))
    bob = store.add_person(Person(name="Bob Schulz"))
    store.add_person(Person(name="Jörg Weiß", birthday="1979-11-29"))
    store.add_person(Person(name="Carla Roth", birthday="--12-02"))
    store.save(
        Encounter(date=SUNDAY - timedelta(days=5), person_ids=[eva.id], summary="coffee", follow_up=SUNDAY),
        Encounter(date=SUNDAY - timedelta(days=1), person_ids=[bob.id], follow_up=SUNDAY + timedelta(days=2)),
    )


def reminder_lines(app: JournalApp) -> list[str]:
    box = app.screen.query_one("#today-reminders")
    if not box.display:
        return []
    return str(box.query_one(".reminders-list", Static).render()).splitlines()


async def test_today_shows_the_days_follow_ups_and_birthdays(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(reminder_fill)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert reminder_lines(app) == [
            "→ Follow up with Eva Braun today",
            "✱ Jörg Weiß's birthday today (turns 47)",
        ]
        # On Tuesday: Bob's follow-up; on Wednesday: Carla's birthday (no year, no age).
        for _day in range(2):
            await pilot.press("]")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert reminder_lines(app) == ["→ Follow up with Bob Schulz in 2 days"]
        await pilot.press("]")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert reminder_lines(app) == ["✱ Carla Roth's birthday in 3 days"]
        await pilot.press("]")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert reminder_lines(app) == [] and not app.screen.query_one("#today-reminders").display


async def test_a_follow_up_is_done_once_you_log_them_again(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(reminder_fill)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        eva = app.store.find_person("Eva Braun")
        assert eva is not None
        app.store.save(Encounter(date=SUNDAY, person_ids=[eva.id], summary="called her back"))
        for _round in range(3):
            await app.workers.wait_for_complete()
            await pilot.pause()
        assert reminder_lines(app) == ["✱ Jörg Weiß's birthday today (turns 47)"]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Sun 29 Nov 2026, 09:30 · Anna Müller, Bob Schulz · “talked about Rust”"),
        ("de", "So., 29.11.2026, 09:30 · Anna Müller, Bob Schulz · „talked about Rust“"),
    ],
)
async def test_the_delete_prompt_names_the_entry_in_the_languages_date_format(
    make_app: Callable[..., JournalApp], language: str, expected: str
) -> None:
    i18n.set_language(language)
    app = make_app(small_journal)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        question = str(app.screen.query_one("#question", Static).render())
        assert expected in question
        assert "2026-11-29" not in question


async def test_the_due_list_and_reminders_wait_for_the_first_frame(
    make_app: Callable[..., JournalApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both read every encounter in a thread: started before the first frame, they would slow
    drawing it by as much as they take (one interpreter runs both)."""
    from journal.ui.widgets.reminders import RemindersBox

    started: list[tuple[str, bool]] = []
    load_due, load_reminders = TodayScreen._load_due, RemindersBox._load

    def due(self: TodayScreen, *args: object) -> object:
        started.append(("due", self.japp._waiting_for_first_frame is None))
        return load_due(self, *args)  # type: ignore[arg-type]

    def reminders(self: RemindersBox, *args: object) -> object:
        started.append(("reminders", self.app._waiting_for_first_frame is None))  # type: ignore[attr-defined]
        return load_reminders(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(TodayScreen, "_load_due", due)
    monkeypatch.setattr(RemindersBox, "_load", reminders)
    app = make_app(small_journal)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert started == [("due", True), ("reminders", True)]
        assert str(app.screen.query_one("#due-list", Static).render())  # drawn once it was worked out
        # Once the app is up, a change starts them again at once.
        await pilot.press("right_square_bracket")
        assert started[2:] == [("due", True), ("reminders", True)]


async def test_a_busy_days_entries_are_wrapped_once(make_app: Callable[..., JournalApp]) -> None:
    """More entries than the terminal has rows: the list keeps its scrollbar's columns from the
    start, so each entry is wrapped at one width only, not once more when the scrollbar appears."""
    from journal.ui.widgets.hanging import Entry

    def fill(store: JournalStore) -> None:
        anna = Person(name="Anna Müller")
        store.save(anna)
        summary = "we talked about the new office the school and a trip"
        store.save(
            *(
                Encounter(date=SUNDAY, time=f"{h // 60:02d}:{h % 60:02d}", person_ids=[anna.id], summary=summary)
                for h in range(30)
            )
        )
        store.save(Encounter(date=SUNDAY - timedelta(days=1), person_ids=[anna.id], summary=summary))

    app = make_app(fill)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        options = app.screen.query_one("#encounters", OptionList)
        assert options.show_vertical_scrollbar
        entries = [options.get_option_at_index(i).prompt for i in range(options.option_count)]
        assert all(isinstance(entry, Entry) for entry in entries)
        widths = {key[0] for entry in entries for key in entry._drawn}  # type: ignore[union-attr]
        assert len(widths) == 1
        shown = drawn(app, options)
        await redraw_from_scratch(app, pilot)
        assert drawn(app, options) == shown
        # A quiet day keeps the full width (the scrollbar's columns are not kept for nothing).
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert str(options.styles.scrollbar_gutter) == "auto" and not options.show_vertical_scrollbar


async def test_the_first_frame_has_the_rows_it_shows_and_the_rest_follow(
    make_app: Callable[..., JournalApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A day of more entries than the terminal has rows: the first frame wraps and measures only
    the rows it can show (hundreds on a busy day take a while); the others follow once it is drawn."""
    counted: list[int] = []
    on_first_frame = JournalApp._on_first_frame

    def first_frame(self: JournalApp) -> None:
        counted.append(self.screen.query_one("#encounters", OptionList).option_count)
        on_first_frame(self)

    monkeypatch.setattr(JournalApp, "_on_first_frame", first_frame)

    def fill(store: JournalStore) -> None:
        anna = Person(name="Anna Müller")
        store.save(anna)
        store.save(
            *(
                Encounter(date=SUNDAY, time=f"{h // 60:02d}:{h % 60:02d}", person_ids=[anna.id], summary=f"chat {h}")
                for h in range(40)
            )
        )

    app = make_app(fill)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert counted == [24]
        order = [e.id for e in sorted(app.store.encounters_on(SUNDAY), key=lambda e: e.time or "", reverse=True)]
        assert rows(app) == order
        options = app.screen.query_one("#encounters", OptionList)
        shown = drawn(app, options)
        await redraw_from_scratch(app, pilot)
        assert drawn(app, options) == shown
        await pilot.press("end")
        assert options.highlighted == 39
        assert any("chat 0" in line for line in drawn(app, options))


async def test_the_side_pane_follows_the_first_frame(
    make_app: Callable[..., JournalApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first frame has the day's encounters; the note, reminders and who is due (which cost as
    much to set up as the rest of Today) are mounted right after it."""
    at_first_frame: list[int] = []
    on_first_frame = JournalApp._on_first_frame

    def first_frame(self: JournalApp) -> None:
        at_first_frame.append(len(self.screen.query_one("#side-pane").children))
        on_first_frame(self)

    monkeypatch.setattr(JournalApp, "_on_first_frame", first_frame)

    def fill(store: JournalStore) -> None:
        small_journal(store)
        store.set_day_note(SUNDAY, "A good day for coffee.")

    app = make_app(fill)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert at_first_frame == [0]
        assert rows(app)  # (drawn in the first frame)
        screen = app.screen
        assert isinstance(screen, TodayScreen)
        assert screen.note_area.text == "A good day for coffee."
        await pilot.pause()
        assert str(screen.query_one("#due-list", Static).render()).strip()


async def test_a_key_for_the_note_before_the_side_pane_is_there(
    make_app: Callable[..., JournalApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A key typed ahead while the app starts (w: write the note) mounts the pane it needs."""
    on_first_frame = JournalApp._on_first_frame

    def first_frame(self: JournalApp) -> None:
        screen = self.screen
        assert isinstance(screen, TodayScreen) and not screen.query_one("#side-pane").children
        screen.action_write_note()
        on_first_frame(self)

    monkeypatch.setattr(JournalApp, "_on_first_frame", first_frame)
    app = make_app(small_journal)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "day-note"
        await pilot.press("H", "i")
        screen = app.screen
        assert isinstance(screen, TodayScreen)
        assert screen.note_area.text == "Hi"


async def test_showing_today_first_parses_no_style_again(
    make_app: Callable[..., JournalApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Today's rules come with the app's: a screen's own file, read when the screen is first shown,
    makes Textual parse every rule again and restyle every widget (before the first frame)."""
    from textual.css.stylesheet import Stylesheet

    reparsed: list[bool] = []
    reparse = Stylesheet.reparse

    def counted(self: Stylesheet) -> None:
        reparsed.append(app.first_frame_drawn)
        reparse(self)

    monkeypatch.setattr(Stylesheet, "reparse", counted)
    app = make_app(small_journal)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.first_frame_drawn and isinstance(app.screen, TodayScreen)
        assert False not in reparsed
