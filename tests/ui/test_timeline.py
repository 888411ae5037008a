"""A person's timeline (selectable; new encounters with them) and how entries wrap, there and on Today."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta

from rich.console import Console
from textual.widgets import Input, OptionList

from journal.model import Encounter, Person
from journal.store import JournalStore
from journal.ui.app import JournalApp
from journal.ui.modals.encounter_form import EncounterForm
from journal.ui.modals.quick_add import QuickAddModal
from journal.ui.screens.person import PersonScreen
from journal.ui.widgets.people_picker import PeoplePicker
from tests.ui.conftest import SIZE, small_journal
from tests.ui.test_due import settle
from tests.ui.wrapped_lists import drawn, redraw_from_scratch

LONG = "a long summary about the Rust meetup, the talk on async traits and who brings the snacks next time"


def two_annas(store: JournalStore) -> None:
    """Anna Müller's page, with a second Anna around (her name alone would be ambiguous)."""
    small_journal(store)
    store.add_person(Person(name="Anna Müller", company="Siemens"))
    anna = next(p for p in store.people() if p.name == "Anna Müller" and p.company == "Stripe")
    store.save(
        Encounter(
            date=date(2026, 11, 20), person_ids=[anna.id], summary=LONG, tags=["rust", "meetup"], occasion="event"
        )
    )


def stripe_anna(app: JournalApp) -> Person:
    return next(p for p in app.store.people() if p.name == "Anna Müller" and p.company == "Stripe")


async def show_page(app: JournalApp, pilot) -> PersonScreen:  # type: ignore[no-untyped-def]
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.press("p")
    await pilot.pause()
    app.open_person(stripe_anna(app).id)
    await pilot.pause()
    assert isinstance(app.screen, PersonScreen)
    return app.screen


def rendered(renderable: object, width: int) -> list[str]:
    console = Console(width=width, record=True, color_system=None, legacy_windows=False)
    console.print(renderable)
    return [line.rstrip() for line in console.export_text().splitlines()]


async def test_enter_edits_the_highlighted_encounter(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(two_annas)
    async with app.run_test(size=SIZE) as pilot:
        page = await show_page(app, pilot)
        timeline = page.query_one("#person-timeline", OptionList)
        assert timeline.has_focus
        assert app.store.encounter(timeline.highlighted_option.id).summary == "talked about Rust"  # newest first
        await pilot.press("down")  # the second entry (a separator line sits between them)
        await pilot.pause()
        chosen = app.store.encounter(timeline.highlighted_option.id)
        assert chosen is not None and chosen.summary == LONG
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EncounterForm) and app.screen.encounter == chosen


async def test_n_logs_a_new_encounter_with_this_person(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(two_annas)
    async with app.run_test(size=SIZE) as pilot:
        await show_page(app, pilot)
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, EncounterForm) and form.encounter is None
        assert [p.id for p in form.query_one(PeoplePicker).people] == [stripe_anna(app).id]
        assert not form.is_dirty  # nothing typed yet: escape closes without asking
        await pilot.press(*"coffee")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        saved = [e for e in app.store.encounters() if e.summary == "coffee"]
        assert [e.person_ids for e in saved] == [[stripe_anna(app).id]]
        assert saved[0].date == app.clock.today()


async def test_ctrl_n_on_the_page_starts_with_their_name(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(two_annas)
    async with app.run_test(size=SIZE) as pilot:
        await show_page(app, pilot)
        await pilot.press("ctrl+n")
        await pilot.pause()
        box = app.screen
        assert isinstance(box, QuickAddModal)
        assert box.query_one(Input).value == "Anna Müller: "
        await pilot.press(*"lunch")  # typed after the name
        await pilot.press("enter")  # two Anna Müllers, but this one is meant: no question
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        saved = [e for e in app.store.encounters() if e.summary == "lunch"]
        assert [e.person_ids for e in saved] == [[stripe_anna(app).id]]
        assert isinstance(app.screen, PersonScreen)


async def test_ctrl_n_elsewhere_starts_empty(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(small_journal)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, QuickAddModal) and app.screen.query_one(Input).value == ""


async def test_timeline_entries_show_tags_and_wrap_under_themselves(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(two_annas)
    async with app.run_test(size=SIZE) as pilot:
        page = await show_page(app, pilot)
        anna = stripe_anna(app)
        encounter = next(e for e in app.store.encounters() if e.summary == LONG)
        lines = rendered(page._entry(encounter, anna, app.clock.today()), 30)
        assert lines[0].startswith("9 days ago")
        assert all(line.startswith("  ") for line in lines[1:]), lines  # nothing at the margin
        assert any("#rust #meetup" in line for line in lines)
        (wide,) = [line for line in rendered(page._entry(encounter, anna, app.clock.today()), 200) if "ago" in line]
        assert wide.startswith("9 days ago · Fri 20 Nov 2026 · event") and "  ·" not in wide


async def test_timeline_entries_keep_their_last_line_when_the_list_starts_to_scroll(
    make_app: Callable[..., JournalApp],
) -> None:
    """Encounters logged while the page is shown make the timeline scroll: at 80×24 each summary
    below wraps once more in the two columns the scrollbar takes, and the line given up was the
    rule under each entry."""
    sunday = date(2026, 11, 29)

    def one_coffee(store: JournalStore) -> None:
        anna = Person(id="id-anna", name="Anna Müller")
        store.save(anna, Encounter(date=sunday - timedelta(days=30), person_ids=[anna.id], summary="coffee"))

    app = make_app(one_coffee)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        app.open_person("id-anna")
        await settle(app, pilot)
        timeline = app.screen.query_one("#person-timeline", OptionList)
        assert not timeline.show_vertical_scrollbar
        summary = "we talked about the new office the school and a trip to"
        app.store.save(
            *(Encounter(date=sunday - timedelta(days=d), person_ids=["id-anna"], summary=summary) for d in range(1, 5))
        )
        await settle(app, pilot)
        assert timeline.show_vertical_scrollbar
        shown = drawn(app, timeline)
        assert sum("─" * 10 in line for line in shown) >= 2  # the rules between the entries on screen
        await redraw_from_scratch(app, pilot)
        assert drawn(app, timeline) == shown


async def test_today_rows_wrap_under_the_names_with_single_spaces_before_dots(
    make_app: Callable[..., JournalApp],
) -> None:
    def long_day(store: JournalStore) -> None:
        small_journal(store)
        (first, *_rest) = store.encounters_on(date(2026, 11, 29))
        store.save(replace(first, summary=LONG, tags=["rust"], channel="call"))

    app = make_app(long_day)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        for encounter in app.store.encounters_on(app.clock.today()):
            lines = rendered(screen._row(encounter), 34)
            indent = 7 if encounter.time else 2
            assert all(line.startswith(" " * indent) for line in lines[1:]), lines
            for line in rendered(screen._row(encounter), 300):
                assert "  ·" not in line and "·  " not in line, line
        text = "\n".join("\n".join(rendered(screen._row(e), 34)) for e in app.store.encounters_on(app.clock.today()))
        assert "#rust" in text
