"""History: all encounters newest first, filters, editing/deleting from the list, long journals."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from textual.widgets import Input, Select, Static

from journal.model import Encounter, Person
from journal.store import JournalStore
from journal.ui.app import JournalApp
from journal.ui.modals.confirm import ConfirmModal
from journal.ui.modals.encounter_form import EncounterForm
from journal.ui.screens.history import HistoryScreen
from journal.ui.widgets.encounter_list import EncounterTable
from tests.ui.conftest import SIZE, small_journal

SUNDAY = date(2026, 11, 29)


def table(app: JournalApp) -> EncounterTable:
    return app.screen.query_one("#history-table", EncounterTable)


def summaries(app: JournalApp) -> list[str]:
    return [e.summary for e in table(app).rows]


def count_text(app: JournalApp) -> str:
    return str(app.screen.query_one("#history-count", Static).render())


async def open_history(pilot) -> HistoryScreen:  # type: ignore[no-untyped-def]
    await pilot.press("h")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, HistoryScreen)
    return screen


async def test_h_lists_every_encounter_newest_first(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(small_journal)
    async with app.run_test(size=SIZE) as pilot:
        await open_history(pilot)
        assert summaries(app)[-1] == "planning the meetup"  # 27 Nov, the oldest
        assert {*summaries(app)[:2]} == {"talked about Rust", "borrowed a ladder"}
        assert count_text(app) == "3 encounters"
        assert table(app).has_focus
        assert app.screen.sub_title == "History"  # named in the header, as every other screen is
        await pilot.press("t")  # and back to Today
        await pilot.pause()
        assert app.screen.id == "today"


async def test_filters_by_person_occasion_tag_and_dates(make_app: Callable[..., JournalApp]) -> None:
    def fill(store: JournalStore) -> None:
        small_journal(store)
        anna = store.find_person("Anna Müller")
        assert anna is not None
        store.save(
            Encounter(
                date=date(2026, 6, 1),
                person_ids=[anna.id],
                occasion="travel",
                tags=["lisbon"],
                summary="met on the train",
            )
        )

    app = make_app(fill)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_history(pilot)
        await pilot.press("slash")
        assert screen.query_one("#filter-person", Input).has_focus
        await pilot.press(*"anna")
        await pilot.pause(0.3)  # filters apply a moment after typing stops
        await app.workers.wait_for_complete()
        assert summaries(app) == ["talked about Rust", "met on the train"]
        assert count_text(app) == "2 of 4 encounters"

        screen.query_one("#filter-occasion", Select).value = "travel"
        screen.apply_filters()
        assert summaries(app) == ["met on the train"]

        screen.query_one("#filter-person", Input).value = ""
        screen.query_one("#filter-occasion", Select).value = Select.NULL
        screen.query_one("#filter-tag", Input).value = "#lis"
        screen.apply_filters()
        assert summaries(app) == ["met on the train"]

        screen.query_one("#filter-tag", Input).value = ""
        screen.query_one("#filter-start", Input).value = "2026-11-28"
        screen.query_one("#filter-end", Input).value = "today"
        screen.apply_filters()
        assert sorted(summaries(app)) == ["borrowed a ladder", "talked about Rust"]

        screen.query_one("#filter-start", Input).value = "the other week"
        screen.apply_filters()
        assert "not a date" in str(screen.query_one("#history-error", Static).render())
        assert screen.query_one("#filter-start", Input).has_class("-invalid")
        assert len(summaries(app)) == 4  # a bad bound is ignored, not guessed

        screen.query_one("#filter-start", Input).value = ""
        screen.query_one("#filter-end", Input).value = ""
        screen.query_one("#filter-person", Input).value = "nobody like this"
        screen.apply_filters()
        assert summaries(app) == [] and count_text(app) == "0 of 4 encounters"


async def test_edit_delete_and_undo_from_history(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(small_journal)
    async with app.run_test(size=SIZE) as pilot:
        await open_history(pilot)
        await pilot.press("end")
        oldest = table(app).selected
        assert oldest is not None and oldest.summary == "planning the meetup"

        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, EncounterForm) and form.encounter is not None and form.encounter.id == oldest.id
        form.query_one("#place", Input).value = "Zoom"
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        assert app.store.encounter(oldest.id).place == "Zoom"  # type: ignore[union-attr]
        assert table(app).selected is not None and table(app).selected.id == oldest.id  # type: ignore[union-attr]

        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert oldest.id not in [e.id for e in table(app).rows]
        assert count_text(app) == "2 encounters"

        await pilot.press("u")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert oldest.id in [e.id for e in table(app).rows]
        assert app.store.encounter(oldest.id).place == "Zoom"  # type: ignore[union-attr]


async def test_a_long_history_draws_only_what_is_on_screen(make_app: Callable[..., JournalApp]) -> None:
    def fill(store: JournalStore) -> None:
        people = [Person(name=f"Person {i:03d}") for i in range(50)]
        encounters = [
            Encounter(date=SUNDAY - timedelta(days=i // 3), person_ids=[people[i % 50].id], summary=f"encounter {i}")
            for i in range(1200)
        ]
        store.save(*people, *encounters)

    app = make_app(fill)
    async with app.run_test(size=SIZE) as pilot:
        await open_history(pilot)
        history_table = table(app)
        assert history_table.row_count == 1200
        drawn: list[int] = []
        original = history_table._row

        def counting(enc, width, base, state):  # type: ignore[no-untyped-def]
            drawn.append(1)
            return original(enc, width, base, state)

        history_table._row = counting  # type: ignore[method-assign]
        await pilot.press("end")
        await pilot.pause()
        assert history_table.selected is not None
        assert history_table.selected.summary in {"encounter 1197", "encounter 1198", "encounter 1199"}  # oldest
        # Only about a screenful of rows was formatted, not 1,200.
        assert 0 < len(drawn) < 2 * SIZE[1]
        await pilot.press("pageup", "up", "home")
        await pilot.pause()
        assert history_table.cursor == 0 and history_table.scroll_y == 0


async def test_a_bad_date_filter_is_quoted_as_typed(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(small_journal)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_history(pilot)
        screen.query_one("#filter-start", Input).value = "[/x]"
        screen.apply_filters()
        await pilot.pause()
        assert "[/x]" in str(screen.query_one("#history-error", Static).render())
