"""The full encounter form: logging with every field, editing, validation, new people, failures."""

from __future__ import annotations

import errno
from collections.abc import Callable
from datetime import date

from textual.pilot import Pilot
from textual.widgets import Checkbox, Input, OptionList, Select, Static, TextArea

from journal.model import Encounter
from journal.ui.app import JournalApp
from journal.ui.modals.confirm import ConfirmModal
from journal.ui.modals.encounter_form import EncounterForm
from journal.ui.modals.quick_add import QuickAddModal
from journal.ui.screens.today import TodayScreen
from journal.ui.widgets.people_picker import PeoplePicker
from tests.conftest import DiskFault
from tests.ui.conftest import SIZE, small_journal

SUNDAY = date(2026, 11, 29)


async def open_form(pilot: Pilot, key: str = "n") -> EncounterForm:
    await pilot.press(key)
    await pilot.pause()
    form = pilot.app.screen
    assert isinstance(form, EncounterForm)
    return form


async def pick(pilot: Pilot, typed: str) -> None:
    """Type into the people picker and press enter once the suggestions are there."""
    form = pilot.app.screen
    form.query_one("#people-input", Input).focus()
    await pilot.press(*typed)
    await pilot.pause(0.1)  # the debounced search
    await pilot.press("enter")
    await pilot.pause()


async def fill(pilot: Pilot, field: str, text: str, *, type_it: bool = False) -> None:
    """Put ``text`` in a field: typed key by key (``type_it``), or set as a paste would."""
    form = pilot.app.screen
    widget = form.query_one(f"#{field}")
    widget.focus()
    if isinstance(widget, Input):
        widget.value = ""
    elif isinstance(widget, TextArea):
        widget.clear()
    if type_it:
        await pilot.press(*[{" ": "space"}.get(c, c) for c in text])
    elif isinstance(widget, Input):
        widget.insert_text_at_cursor(text)
    else:
        widget.insert(text)
    await pilot.pause()


def note(form: EncounterForm, name: str) -> str:
    """The line under a field: its error, or a hint."""
    return str(form.query_one(f"#note-{name}", Static).render())


async def save(pilot: Pilot) -> None:
    await pilot.press("ctrl+s")
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def new_encounters(app: JournalApp, before: set[str]) -> list[Encounter]:
    return [e for e in app.store.encounters() if e.id not in before]


async def test_logging_an_encounter_with_every_field(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(small_journal)
    async with app.run_test(size=SIZE) as pilot:
        before = {e.id for e in app.store.encounters()}
        form = await open_form(pilot)
        assert form.query_one("#date", Input).value == "2026-11-29"  # the day shown
        assert form.query_one("#people-input", Input).has_focus

        await pick(pilot, "anna mu")  # fuzzy completion picks Anna Müller
        await pick(pilot, "Dora Neu")  # nobody of that name: "New person" is offered…
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("y")  # …and confirmed
        await pilot.pause()
        assert [p.name for p in form.query_one(PeoplePicker).people] == ["Anna Müller", "Dora Neu"]

        await fill(pilot, "date", "yesterday", type_it=True)
        assert "Sat 28 Nov 2026" in note(form, "date")  # the phrase is spelled out beside the field
        await fill(pilot, "time", "18.30")
        await fill(pilot, "follow_up", "in 2 weeks")
        form.query_one("#occasion", Select).value = "event"
        form.query_one("#channel", Select).value = "video"
        form.query_one("#direction", Select).value = "outreach"
        await fill(pilot, "place", "PyCon Berlin")
        await fill(pilot, "tags", "#python rust")
        form.query_one("#by_chance", Checkbox).focus()
        await pilot.press("space")
        await fill(pilot, "summary", "talked about Rust", type_it=True)
        await fill(pilot, "common_ground", "both cycle to work")
        await fill(pilot, "experience", "CI for monorepos")
        await fill(pilot, "gave", "intro to Carla")
        await fill(pilot, "received", "a book tip")
        await save(pilot)

        assert not isinstance(app.screen, EncounterForm)
        [saved] = new_encounters(app, before)
        dora = app.store.find_person("Dora Neu")
        anna = app.store.find_person("Anna Müller")
        assert dora is not None and anna is not None
        assert saved.person_ids == [anna.id, dora.id]
        assert saved.date == date(2026, 11, 28) and saved.time == "18:30"
        assert saved.follow_up == date(2026, 12, 13)
        assert (saved.occasion, saved.channel, saved.direction) == ("event", "video", "outreach")
        assert saved.place == "PyCon Berlin" and saved.tags == ["python", "rust"] and saved.by_chance
        assert saved.summary == "talked about Rust" and saved.common_ground == "both cycle to work"
        assert saved.experience == "CI for monorepos"
        assert saved.gave == "intro to Carla" and saved.received == "a book tip"
    app.store.close()
    # On disk too: a fresh store reads it back.
    from journal.store import JournalStore

    reopened = JournalStore.open(app.store.path, app.clock)
    try:
        again = reopened.encounter(saved.id)
        assert again is not None and again.received == "a book tip" and again.by_chance
    finally:
        reopened.close()


async def test_editing_an_encounter_changes_it_in_place(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(small_journal)
    async with app.run_test(size=SIZE) as pilot:
        count = app.store.encounter_count()
        target_id = app.screen.query_one("#encounters", OptionList).highlighted_option.id  # type: ignore[union-attr]
        original = app.store.encounter(target_id)  # type: ignore[arg-type]
        assert original is not None
        form = await open_form(pilot, "enter")
        assert form.encounter is not None and form.encounter.id == original.id
        assert form.query_one("#summary", TextArea).text == original.summary
        assert form.query_one("#place", Input).value == original.place
        assert [p.id for p in form.query_one(PeoplePicker).people] == original.person_ids

        await fill(pilot, "summary", "talked about Rust and Zig")
        form.query_one("#occasion", Select).value = "work"
        await save(pilot)

        assert isinstance(app.screen, TodayScreen)
        assert app.store.encounter_count() == count
        edited = app.store.encounter(original.id)
        assert edited is not None
        assert edited.summary == "talked about Rust and Zig" and edited.occasion == "work"
        assert edited.created == original.created and edited.gave == original.gave
        shown = app.screen.query_one("#encounters", OptionList)
        assert "Zig" in str(shown.get_option(original.id).prompt)


async def test_a_validation_error_keeps_everything_typed(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(small_journal)
    async with app.run_test(size=SIZE) as pilot:
        count = app.store.encounter_count()
        form = await open_form(pilot)
        await pick(pilot, "Bob")
        await fill(pilot, "summary", "a long talk I do not want to type twice")
        await fill(pilot, "place", "Kiez")
        await fill(pilot, "date", "the day after never")
        await fill(pilot, "time", "25:00")
        await save(pilot)

        assert app.screen is form  # still open, nothing saved
        assert app.store.encounter_count() == count
        assert form.query_one("#cell-date").has_class("-invalid")
        assert "not a date" in note(form, "date")
        assert "not a time" in note(form, "time")
        assert "2 fields need attention" in str(form.query_one("#form-error", Static).render())
        assert form.query_one("#date", Input).has_focus  # the first problem
        # Nothing typed was lost.
        assert form.query_one("#summary", TextArea).text == "a long talk I do not want to type twice"
        assert form.query_one("#place", Input).value == "Kiez"
        assert form.query_one("#date", Input).value == "the day after never"
        assert [p.name for p in form.query_one(PeoplePicker).people] == ["Bob Schulz"]

        await fill(pilot, "date", "friday", type_it=True)  # fixing a field clears its message as you type
        assert not form.query_one("#cell-date").has_class("-invalid")
        assert form.query_one("#cell-time").has_class("-invalid")
        await fill(pilot, "time", "9:15")
        await save(pilot)
        assert not isinstance(app.screen, EncounterForm)
        assert app.store.encounter_count() == count + 1


async def test_nobody_picked_is_an_error_on_the_people_field(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(small_journal)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        await fill(pilot, "summary", "who was it again?")
        await save(pilot)
        assert app.screen is form
        assert form.query_one("#cell-people").has_class("-invalid")
        assert "Pick at least one person" in note(form, "people")
        assert form.query_one("#people-input", Input).has_focus


async def test_the_picker_removes_with_backspace_and_refused_new_people_are_not_added(
    make_app: Callable[..., JournalApp],
) -> None:
    app = make_app(small_journal)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        await pick(pilot, "carla")
        await pick(pilot, "Zed Unknown")
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("n")
        await pilot.pause()
        picker = form.query_one(PeoplePicker)
        assert [p.name for p in picker.people] == ["Carla Weiß"]
        assert picker.input.value == "Zed Unknown"  # the typed name is still there
        picker.input.value = ""
        await pilot.press("backspace")
        assert picker.people == []


async def test_quick_add_more_opens_the_form_filled_from_the_line(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(small_journal)
    async with app.run_test(size=SIZE) as pilot:
        before = {e.id for e in app.store.encounters()}
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, QuickAddModal)
        app.screen.query_one(Input).value = "Anna Müller, Eve New @ Café #coffee !work !chance: coffee; gave: a tip"
        await pilot.press("ctrl+e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, EncounterForm)
        assert [p.name for p in form.query_one(PeoplePicker).people] == ["Anna Müller", "Eve New"]
        assert form.query_one("#place", Input).value == "Café"
        assert form.query_one("#tags", Input).value == "#coffee"
        assert form.query_one("#occasion", Select).value == "work"
        assert form.query_one("#by_chance", Checkbox).value is True
        assert form.query_one("#summary", TextArea).text == "coffee"
        assert form.query_one("#gave", TextArea).text == "a tip"
        await save(pilot)
        assert isinstance(app.screen, ConfirmModal)  # Eve is new: asked before she is created
        assert "Eve New" in app.screen.question
        await pilot.press("y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        [saved] = new_encounters(app, before)
        assert app.store.names(saved.person_ids) == ["Anna Müller", "Eve New"]
        assert saved.date == SUNDAY and saved.gave == "a tip" and saved.occasion == "work"


async def test_escape_asks_before_discarding_typed_text(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(small_journal)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        await pilot.press("escape")  # nothing typed: closes at once
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        form = await open_form(pilot)
        await fill(pilot, "place", "Somewhere")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("n")  # keep editing
        await pilot.pause()
        assert app.screen is form and form.query_one("#place", Input).value == "Somewhere"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)


async def test_a_disk_error_keeps_the_form_and_says_why(make_app: Callable[..., JournalApp], disk: DiskFault) -> None:
    app = make_app(small_journal)

    async with app.run_test(size=SIZE) as pilot:
        count = app.store.encounter_count()
        form = await open_form(pilot)
        await pick(pilot, "Bob")
        await fill(pilot, "summary", "kept no matter what")
        disk.fail(errno.ENOSPC)  # after part of the line is written
        await save(pilot)
        assert app.screen is form
        assert "No space left" in str(form.query_one("#form-error", Static).render())
        assert form.query_one("#summary", TextArea).text == "kept no matter what"
        assert app.store.encounter_count() == count
        disk.heal()
        await save(pilot)  # ctrl+s again once the disk has room
        assert not isinstance(app.screen, EncounterForm)
        assert app.store.encounter_count() == count + 1


async def test_typed_text_is_never_read_as_markup(make_app: Callable[..., JournalApp]) -> None:
    """Errors and warnings quote what was typed; "[/]" in it must show as typed, not crash."""
    app = make_app(small_journal)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n")
        await pilot.pause()
        app.screen.query_one(Input).value = "Bob [/x] @ [b]Café: hi !zz[/]"
        await pilot.press("ctrl+e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, EncounterForm)
        await fill(pilot, "date", "[/]")
        await save(pilot)
        assert "“[/]” is not a date" in note(form, "date")
        assert "[/]" in str(form.query_one("#form-warnings", Static).render())


async def test_the_tags_field_shows_the_tags_it_will_save(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(small_journal)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        await fill(pilot, "tags", "#python #rust")
        assert not form.query_one("#note-tags", Static).display  # typed as it will be saved
        await fill(pilot, "tags", "phone call, rust")
        assert note(form, "tags") == "#phone #call #rust"


async def test_the_form_takes_the_times_quick_add_takes(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(small_journal)
    async with app.run_test(size=SIZE) as pilot:
        before = {e.id for e in app.store.encounters()}
        await open_form(pilot)
        await pick(pilot, "Bob")
        await fill(pilot, "time", "9:30 pm")
        await save(pilot)
        [saved] = new_encounters(app, before)
        assert saved.time == "21:30"


async def test_a_limit_the_store_finds_is_shown_under_its_field(make_app: Callable[..., JournalApp]) -> None:
    """Validated once, by the store: a place too long comes back from the save, under the place."""
    app = make_app(small_journal)
    async with app.run_test(size=SIZE) as pilot:
        count = app.store.encounter_count()
        form = await open_form(pilot)
        await pick(pilot, "Bob")
        await fill(pilot, "place", "x" * 600)
        await save(pilot)
        assert app.screen is form and app.store.encounter_count() == count
        assert form.query_one("#cell-place").has_class("-invalid")
        assert "too long" in note(form, "place")
        assert form.query_one("#place", Input).value == "x" * 600
        await fill(pilot, "summary", "still too long")  # another field: the place still says why
        assert "too long" in note(form, "place")
        await fill(pilot, "place", "Kiez")
        assert not form.query_one("#cell-place").has_class("-invalid")
        await save(pilot)
        assert app.store.encounter_count() == count + 1


async def test_logging_an_outreach_too_soon_warns_after_saving(make_app: Callable[..., JournalApp]) -> None:
    """Rule 6, as after a quick-add: the give-them-time warning comes with the plan."""
    app = make_app(small_journal)  # Carla lent a ladder today
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        for direction in ("met", "outreach"):
            await open_form(pilot)
            await pick(pilot, "Carla")
            app.screen.query_one("#direction", Select).value = direction
            await save(pilot)
            assert not isinstance(app.screen, EncounterForm)
        warnings = [n for n in app._notifications if n.severity == "warning"]
        assert len(warnings) == 1 and "You were in touch with Carla Weiß today" in warnings[0].message
