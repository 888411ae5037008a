"""A person's page: what it shows, editing (with inline errors), archive, merge, forget."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from textual.widgets import Input, OptionList, Static, TextArea

from journal.model import Encounter, Person, Settings
from journal.store import JournalStore
from journal.ui.app import JournalApp
from journal.ui.modals.confirm import ConfirmModal
from journal.ui.modals.person_form import PersonForm
from journal.ui.modals.pick_person import PickPersonModal
from journal.ui.screens.people import PeopleScreen
from journal.ui.screens.person import PersonScreen
from tests.ui.conftest import SIZE, small_journal


def rich_journal(store: JournalStore) -> None:
    small_journal(store)
    anna = store.find_person("Anna Müller")
    assert anna is not None
    from dataclasses import replace

    store.save(
        replace(
            anna,
            aliases=["Anni"],
            role="Staff Engineer",
            how_we_met="PyCon 2024, at the Rust sprint",
            common_ground="cycling to work; both grew up in Leipzig",
            platforms={
                "XING": "anna.mueller",
                "Mastodon": "@anna@hachyderm.io",
                "LinkedIn": "anna-m",
                "e-mail": "anna@example.org",
            },
            offers="Rust code reviews, conference talk coaching",
            needs="a flat in Berlin-Kreuzberg",
            cadence_days=28,
        )
    )
    store.save_settings(Settings(active_platforms=["Mastodon", "e-mail"]))
    dup = store.add_person(Person(name="A. Mueller", company="Stripe", tags=["go"], platforms={"GitHub": "amueller"}))
    store.save(
        Encounter(
            date=date(2026, 10, 30),
            person_ids=[anna.id],
            occasion="work",
            channel="video",
            direction="outreach",
            summary="asked about the Rust meetup",
            gave="a tip on async traits",
        ),
        Encounter(
            date=date(2026, 9, 12),
            person_ids=[dup.id],
            occasion="travel",
            place="ICE to Hamburg",
            summary="met on the train by chance",
            by_chance=True,
        ),
    )


async def open_person(app: JournalApp, pilot, name: str) -> PersonScreen:  # type: ignore[no-untyped-def]
    person = app.store.find_person(name)
    assert person is not None
    await pilot.press("p")
    await pilot.pause()
    app.open_person(person.id)
    await pilot.pause()
    assert isinstance(app.screen, PersonScreen)
    return app.screen


def text_of(screen, selector: str) -> str:  # type: ignore[no-untyped-def]
    return str(screen.query_one(selector, Static).render())


async def test_the_page_puts_common_ground_first_and_active_platforms_first(
    make_app: Callable[..., JournalApp],
) -> None:
    app = make_app(rich_journal)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_person(app, pilot, "Anna Müller")
        assert "Anna Müller" in text_of(screen, "#person-title") and "Anni" in text_of(screen, "#person-title")
        details = screen.query_one("#person-details")
        order = [w.id for w in details.children]
        assert order.index("person-common-box") < order.index("person-facts") < order.index("person-platforms")
        assert "Leipzig" in text_of(screen, "#person-common")
        platforms = text_of(screen, "#person-platforms").splitlines()
        assert [line.split(":")[0].strip(" ★") for line in platforms[1:]] == ["Mastodon", "e-mail", "LinkedIn", "XING"]
        assert platforms[1].startswith("★") and not platforms[3].startswith("★")
        assert "Rust code reviews" in text_of(screen, "#person-offers-needs")
        assert "Kreuzberg" in text_of(screen, "#person-offers-needs")
        rhythm = text_of(screen, "#person-rhythm")
        assert "every 4 weeks (set by you)" in rhythm and "last seen today" in rhythm
        assert text_of(screen, "#person-giving") == "You gave 2 times · 1 thing came back"
        timeline = screen.query_one("#person-timeline", OptionList)
        assert timeline.option_count == 2
        first = str(timeline.get_option_at_index(0).prompt)
        assert first.startswith("today · Sun 29 Nov 2026") and "with Bob Schulz" in first and "book tip" in first
        assert str(timeline.get_option_at_index(1).prompt).startswith("4 weeks ago · Fri 30 Oct 2026")


async def test_edit_shows_errors_inline_keeps_the_input_and_saves(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(rich_journal)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_person(app, pilot, "Bob Schulz")
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, PersonForm)
        form.query_one("#pf-aliases", Input).value = "Bobby, Herr Schulz"
        form.query_one("#pf-common_ground", TextArea).text = "woodworking"
        form.query_one("#pf-cadence_days", Input).value = "often"
        form.query_one("#pf-platforms", TextArea).text = "Signal: +49 170 1234567"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PersonForm)
        error = form.query_one("#pf-cadence_days-error", Static)
        assert error.has_class("-shown") and "not a number of days" in str(error.render())
        assert form.query_one("#pf-cadence_days", Input).has_focus
        assert form.query_one("#pf-aliases", Input).value == "Bobby, Herr Schulz"  # nothing lost
        assert app.store.find_person("Bobby") is None
        form.query_one("#pf-cadence_days", Input).value = "3w"
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is screen
        bob = app.store.find_person("Bobby")
        assert bob is not None and bob.name == "Bob Schulz" and bob.aliases == ["Bobby", "Herr Schulz"]
        assert bob.cadence_days == 21 and bob.common_ground == "woodworking"
        assert bob.platforms == {"Signal": "+49 170 1234567"}
        assert "woodworking" in text_of(screen, "#person-common")
        assert "every 3 weeks" in text_of(screen, "#person-rhythm")


async def test_escape_in_a_changed_form_asks_before_discarding(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(rich_journal)
    async with app.run_test(size=SIZE) as pilot:
        await open_person(app, pilot, "Bob Schulz")
        await pilot.press("e")
        await pilot.pause()
        await pilot.press(*"x")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, PersonForm) and app.screen.query_one("#pf-name", Input).value == "Bob Schulzx"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, PersonScreen)
        assert app.store.find_person("Bob Schulz") is not None


async def test_archive_toggles(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(rich_journal)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_person(app, pilot, "Carla Weiß")
        await pilot.press("a")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.store.find_person("Carla Weiß").archived
        assert "archived" in text_of(screen, "#person-title")
        await pilot.press("a")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not app.store.find_person("Carla Weiß").archived


async def test_merge_picks_the_other_by_fuzzy_search_and_asks(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(rich_journal)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_person(app, pilot, "Anna Müller")
        anna_id = screen.person_id
        dup = app.store.find_person("A. Mueller")
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, PickPersonModal)
        await pilot.press(*"a. muel")
        await app.workers.wait_for_complete()
        await pilot.pause()
        results = app.screen.query_one("#pick-results", OptionList)
        ids = [results.get_option_at_index(i).id for i in range(results.option_count)]
        assert anna_id not in ids and ids[0] == dup.id
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        assert "Merge “A. Mueller” into “Anna Müller”?" in app.screen.question
        await pilot.press("y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is screen
        assert app.store.person(dup.id) is None
        anna = app.store.person(anna_id)
        assert "A. Mueller" in anna.aliases and "go" in anna.tags and anna.platforms["GitHub"] == "amueller"
        assert screen.query_one("#person-timeline", OptionList).option_count == 3
        assert "A. Mueller" in text_of(screen, "#person-title")


async def test_merge_can_be_cancelled(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(rich_journal)
    async with app.run_test(size=SIZE) as pilot:
        await open_person(app, pilot, "Anna Müller")
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PersonScreen)
        assert len(app.store.people()) == 4


async def test_forget_names_what_goes_and_removes_every_trace(
    make_app: Callable[..., JournalApp], journal_path
) -> None:
    app = make_app(rich_journal)
    async with app.run_test(size=SIZE) as pilot:
        await open_person(app, pilot, "Anna Müller")
        await pilot.press("f")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        confirm = app.screen
        assert isinstance(confirm, ConfirmModal) and confirm.danger
        assert "Forget Anna Müller for good?" in confirm.question
        assert "1 encounter with only them" in confirm.question
        assert "1 shared encounter (the others stay)" in confirm.question
        await pilot.press("enter")  # the focus starts on "No": enter cancels
        await pilot.pause()
        assert isinstance(app.screen, PersonScreen) and app.store.find_person("Anna Müller") is not None
        await pilot.press("delete")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, PeopleScreen)
        assert app.store.find_person("Anna Müller") is None
        text = journal_path.read_text()
        for form in ("Anna Müller", "Anni", "Leipzig", "anna@example.org", "Müller"):
            assert form not in text
        bob = app.store.find_person("Bob Schulz")
        shared = app.store.encounters_with(bob.id)
        assert any(e.summary == "talked about Rust" and e.person_ids == [bob.id] for e in shared)
        table = app.screen.query_one("#people-table")
        assert all("Anna Müller" not in str(table.get_row_at(i)[0]) for i in range(table.row_count))


async def test_forget_drops_the_person_from_the_undo_list(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(rich_journal)
    async with app.run_test(size=SIZE) as pilot:
        anna = app.store.find_person("Anna Müller")
        old = app.store.encounters_with(anna.id)[0]
        tomb = app.store.delete(old)
        if not hasattr(app, "undo_stack"):
            app.undo_stack = []  # type: ignore[attr-defined]
        app.undo_stack.append(tomb)  # type: ignore[attr-defined]
        await open_person(app, pilot, "Anna Müller")
        await pilot.press("f")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert all(t.id != old.id for t in app.undo_stack)  # type: ignore[attr-defined]


async def test_going_elsewhere_keeps_a_changed_form(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(rich_journal)
    async with app.run_test(size=SIZE) as pilot:
        await open_person(app, pilot, "Bob Schulz")
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        form.query_one("#pf-company", Input).value = "Zalando SE"
        app.go("today")
        await pilot.pause()
        assert app.screen is form and form.is_dirty


async def test_text_that_looks_like_markup_is_shown_as_typed(make_app: Callable[..., JournalApp]) -> None:
    """Names, notes, queries and mistakes are user text: "[/x]" must neither crash nor vanish."""

    def fill(store: JournalStore) -> None:
        small_journal(store)
        store.add_person(Person(name="Bob [/x] [b]", common_ground="[red]cycling[/red]", notes="[/]"))

    app = make_app(fill)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await pilot.pause()
        await pilot.press(*"[/x]zz")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "[/x]zz" in str(app.screen.query_one("#people-empty").render())
        screen = await open_person(app, pilot, "Bob [/x] [b]")
        assert "Bob [/x] [b]" in text_of(screen, "#person-title")
        assert "[red]cycling[/red]" in text_of(screen, "#person-common")
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        form.query_one("#pf-cadence_days", Input).value = "[/x]"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "[/x]" in str(form.query_one("#pf-cadence_days-error", Static).render())
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        await pilot.press("a")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"bob [")
        await pilot.pause(0.3)
        await app.workers.wait_for_complete()
        await pilot.pause()
