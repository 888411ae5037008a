"""The People screen: search as you type, sorting, opening a person; the palette's "Go to person…"."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from textual.widgets import DataTable, Input

from journal.model import Encounter, Person
from journal.store import JournalStore
from journal.ui.app import JournalApp
from journal.ui.screens.people import PeopleScreen
from journal.ui.screens.person import PersonScreen
from tests.ui.conftest import SIZE, small_journal


def more_people(store: JournalStore) -> None:
    small_journal(store)
    jurgen = store.add_person(Person(name="Jürgen Groß", company="Siemens", tags=["sales", "berlin"]))
    store.add_person(Person(name="Zoë Dubois", company="Mistral AI", tags=["machine-learning"]))
    store.add_person(Person(name="Priya Natarajan", company="Google", tags=["python"], archived=True))
    store.save(Encounter(date=date(2026, 11, 8), person_ids=[jurgen.id], summary="trade fair"))


def names(app: JournalApp) -> list[str]:
    table = app.screen.query_one("#people-table", DataTable)
    return [str(table.get_row_at(i)[0]).split(" (")[0] for i in range(table.row_count)]


async def type_query(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press(*text)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_p_opens_people_with_everyone_most_recent_first(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(more_people)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, PeopleScreen)
        assert app.screen.query_one("#people-query", Input).has_focus
        assert names(app)[:3] == ["Anna Müller", "Bob Schulz", "Carla Weiß"]
        assert names(app)[-1] in ("Zoë Dubois", "Priya Natarajan")  # never seen: last
        row = app.screen.query_one("#people-table", DataTable).get_row_at(names(app).index("Jürgen Groß"))
        assert str(row[1]) == "Siemens" and str(row[2]) == "#sales #berlin" and str(row[3]) == "last seen 3 weeks ago"


async def test_results_update_as_you_type_without_umlauts_and_by_company(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(more_people)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await type_query(pilot, "jur")
        assert names(app)[0] == "Jürgen Groß"
        await pilot.press(*["backspace"] * 3)
        await type_query(pilot, "muller")
        assert names(app)[0] == "Anna Müller"
        await pilot.press("escape")  # clears the search
        await type_query(pilot, "mistral")
        assert names(app) == ["Zoë Dubois"]
        status = str(app.screen.query_one("#people-status").render())
        assert "1 match of 6" in status
        await pilot.press("escape")
        await type_query(pilot, "xyzzyq")
        assert app.screen.query_one("#people-empty").display
        assert "No one matches" in str(app.screen.query_one("#people-empty").render())


async def test_typing_fast_runs_only_the_last_search(make_app: Callable[..., JournalApp], monkeypatch) -> None:
    app = make_app(more_people)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await pilot.pause()
        screen = app.screen
        calls: list[str] = []
        real = screen.show_results
        monkeypatch.setattr(screen, "show_results", lambda q: (calls.append(q), real(q)))
        box = screen.query_one("#people-query", Input)
        for typed in ("a", "an", "ann", "anna"):  # keystrokes faster than the debounce
            box.value = typed
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert calls == ["anna"]
        assert names(app)[0] == "Anna Müller"


async def test_sort_cycles_relevance_name_last_seen(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(more_people)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert names(app) == sorted(names(app), key=lambda n: n.replace("ü", "ue").replace("ë", "e"))
        assert names(app)[0] == "Anna Müller" and names(app)[-1] == "Zoë Dubois"
        assert "sorted by name" in str(app.screen.query_one("#people-status").render())
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert names(app)[:3] == ["Anna Müller", "Bob Schulz", "Carla Weiß"]
        assert names(app)[3] == "Jürgen Groß"
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert "relevance" in str(app.screen.query_one("#people-status").render())


async def test_enter_opens_the_highlighted_person_and_escape_comes_back(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(more_people)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await type_query(pilot, "b")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PersonScreen)
        assert app.screen.person.name == "Bob Schulz"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PeopleScreen)
        assert app.screen.query_one("#people-query", Input).value == "b"
        # Arrow keys move through the results while the search box keeps the focus.
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, PersonScreen) and app.screen.person.name == "Carla Weiß"


async def test_typing_letters_that_are_keys_elsewhere_types_them(make_app: Callable[..., JournalApp]) -> None:
    """q, t, p and the comma are global keys, but in the search box they are letters."""
    app = make_app(more_people)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await type_query(pilot, "qtp,")
        assert isinstance(app.screen, PeopleScreen)
        assert app.screen.query_one("#people-query", Input).value == "qtp,"


async def test_going_elsewhere_from_a_person_page_closes_it(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(more_people)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await type_query(pilot, "anna")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PersonScreen)
        await pilot.press("t")
        await pilot.pause()
        assert app.screen.id == "today"
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, PeopleScreen) and len(app.screen_stack) == 2


async def test_new_people_show_up_while_the_screen_is_open(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(more_people)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await type_query(pilot, "dora")
        assert names(app) == []
        app.run_save(app, lambda: app.store.add_person(Person(name="Dora Nguyen")))
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert names(app) == ["Dora Nguyen"]


async def test_palette_finds_people_as_you_type(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(more_people)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"jurgen")
        await pilot.pause(0.5)
        await app.workers.wait_for_complete()
        await pilot.pause()
        from textual.command import CommandList

        options = app.screen.query_one(CommandList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert prompts and prompts[0].startswith("Jürgen Groß")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PersonScreen) and app.screen.person.name == "Jürgen Groß"


async def test_palette_go_to_person_opens_the_search(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(more_people)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"go to person")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, PeopleScreen)
        assert app.screen.query_one("#people-query", Input).has_focus


async def test_escape_on_an_empty_search_gives_the_keys_back(make_app) -> None:  # type: ignore[no-untyped-def]
    from textual.widgets import DataTable, Input

    from tests.ui.conftest import SIZE, small_journal

    app = make_app(small_journal)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("a", "n")
        await pilot.press("escape")  # clears
        await pilot.pause()
        assert app.screen.query_one("#people-query", Input).value == ""
        assert isinstance(app.focused, Input)
        await pilot.press("escape")  # empty: the list takes the keys
        await pilot.pause()
        assert isinstance(app.focused, DataTable)
        await pilot.press("t")
        await pilot.pause()
        assert app.screen.id == "today"
