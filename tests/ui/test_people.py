"""The People screen: search as you type, sorting, opening a person; the palette's "Go to person…"."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from textual.widgets import Input

from journal.model import Encounter, Person
from journal.store import JournalStore
from journal.ui.app import JournalApp
from journal.ui.screens.people import PeopleScreen
from journal.ui.screens.person import PersonScreen
from journal.ui.widgets.people_table import PeopleTable
from tests.ui.conftest import SIZE, small_journal


def more_people(store: JournalStore) -> None:
    small_journal(store)
    jurgen = store.add_person(Person(name="Jürgen Groß", company="Siemens", tags=["sales", "berlin"]))
    store.add_person(Person(name="Zoë Dubois", company="Mistral AI", tags=["machine-learning"]))
    store.add_person(Person(name="Priya Natarajan", company="Google", tags=["python"], archived=True))
    store.save(Encounter(date=date(2026, 11, 8), person_ids=[jurgen.id], summary="trade fair"))


def table(app: JournalApp) -> PeopleTable:
    return app.screen.query_one("#people-table", PeopleTable)


def names(app: JournalApp) -> list[str]:
    return [p.name for p in table(app).rows]


def lines(app: JournalApp) -> list[str]:
    """The table as drawn: header and rows, one string a line."""
    widget = table(app)
    return [widget.render_line(y).text.rstrip() for y in range(widget.size.height)]


async def type_query(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press(*text)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_p_opens_people_with_everyone_a_to_z(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(more_people)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, PeopleScreen)
        assert app.screen.query_one("#people-query", Input).has_focus
        assert names(app) == ["Anna Müller", "Bob Schulz", "Carla Weiß", "Jürgen Groß", "Priya Natarajan", "Zoë Dubois"]
        assert table(app).cursor is None  # browsing: nothing highlighted yet
        drawn = lines(app)
        assert drawn[0].split() == ["Name", "Company", "Tags", "Last", "seen"]
        jurgen = next(line for line in drawn if line.startswith("Jürgen Groß"))
        assert jurgen.split("  ")[0] == "Jürgen Groß" and "Siemens" in jurgen and "#sales #berlin" in jurgen
        assert jurgen.endswith("3 weeks ago")
        assert "Priya Natarajan (archived)" in "\n".join(drawn)
        assert "6 people · sorted by name" in str(app.screen.query_one("#people-status").render())


async def test_results_update_as_you_type_without_umlauts_and_by_company(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(more_people)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await type_query(pilot, "jur")
        assert names(app)[0] == "Jürgen Groß"
        await pilot.press(*["backspace"] * 3)
        await type_query(pilot, "muller")
        assert names(app)[0] == "Anna Müller"
        await pilot.press("ctrl+u")  # clears the search
        await type_query(pilot, "mistral")
        assert names(app) == ["Zoë Dubois"]
        status = str(app.screen.query_one("#people-status").render())
        assert "1 match of 6" in status
        await pilot.press("ctrl+u")
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


async def test_sort_cycles_between_name_and_last_seen_and_relevance(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(more_people)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await pilot.pause()
        status = app.screen.query_one("#people-status")
        assert "sorted by name" in str(status.render())  # nothing typed: A–Z
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert names(app)[:4] == ["Anna Müller", "Bob Schulz", "Carla Weiß", "Jürgen Groß"]  # most recent first
        assert names(app)[-1] in ("Zoë Dubois", "Priya Natarajan")  # never seen: last
        assert "sorted by last seen" in str(status.render())
        await pilot.press("ctrl+o")  # relevance, which is A–Z without a query
        await pilot.pause()
        assert names(app) == sorted(names(app), key=lambda n: n.replace("ü", "ue").replace("ë", "e"))
        await type_query(pilot, "a")
        assert "sorted by relevance" in str(status.render())
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert names(app) == sorted(names(app), key=lambda n: n.replace("ü", "ue").replace("ë", "e"))
        assert "sorted by name" in str(status.render())


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
        assert app.screen.query_one("#people-query", Input).has_focus
        # Arrow keys move through the results while the search box keeps the focus.
        await pilot.press("ctrl+u")
        await pilot.pause()
        await pilot.press("down", "down", "down", "enter")  # from no highlight: Anna, Bob, Carla (A–Z)
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


async def test_escape_leaves_the_search_box_for_the_list(make_app) -> None:  # type: ignore[no-untyped-def]
    from textual.widgets import Input

    from tests.ui.conftest import SIZE, small_journal

    app = make_app(small_journal)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("a", "n")
        await pilot.press("escape")  # the list takes the keys; what was typed stays
        await pilot.pause()
        assert app.screen.query_one("#people-query", Input).value == "an"
        assert isinstance(app.focused, PeopleTable)
        await pilot.press("t")
        await pilot.pause()
        assert app.screen.id == "today"


async def test_enter_opens_no_one_when_nothing_is_highlighted(make_app: Callable[..., JournalApp]) -> None:
    """After p, escape, t, p the list has the keys; enter used to open the top row, a stranger."""
    app = make_app(more_people)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("enter")  # from the empty search box
        await pilot.pause()
        assert isinstance(app.screen, PeopleScreen)
        await pilot.press("escape", "t")
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PeopleScreen) and table(app).cursor is None


async def test_enter_opens_only_results_that_are_on_screen(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(more_people)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await pilot.pause()
        app.screen.query_one("#people-query", Input).value = "bob"  # typed, the search not run yet
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PeopleScreen)  # the results are shown first …
        assert names(app) == ["Bob Schulz"] and table(app).cursor == 0
        await pilot.press("enter")  # … and the next enter opens what is highlighted
        await pilot.pause()
        assert isinstance(app.screen, PersonScreen) and app.screen.person.name == "Bob Schulz"


def many_people(store: JournalStore) -> None:
    store.save(*[Person(name=f"Person {n:04}", company=f"Company {n % 7}") for n in range(3000)])


async def test_browsing_everyone_draws_only_the_rows_on_screen(
    make_app: Callable[..., JournalApp], monkeypatch
) -> None:
    app = make_app(many_people)
    async with app.run_test(size=SIZE) as pilot:
        drawn: list[str] = []
        real = PeopleTable._row
        monkeypatch.setattr(
            PeopleTable, "_row", lambda self, person, *a: (drawn.append(person.name), real(self, person, *a))[1]
        )
        await pilot.press("p")
        await pilot.pause()
        assert len(names(app)) == 3000 and "3,000 people" in str(app.screen.query_one("#people-status").render())
        assert 0 < len(set(drawn)) <= SIZE[1]
        await pilot.press("escape", "end")  # the list has the keys: the last person of all
        await pilot.pause()
        assert table(app).selected is not None and table(app).selected.name == "Person 2999"
        assert "Person 2999" in "\n".join(lines(app))
        assert len(set(drawn)) <= 2 * SIZE[1]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PersonScreen) and app.screen.person.name == "Person 2999"


async def test_a_highlight_scrolled_out_of_sight_is_not_opened(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(many_people)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("down")
        await pilot.pause()
        assert table(app).selected is not None and table(app).selected.name == "Person 0000"
        table(app).scroll_to(y=500, animate=False, immediate=True)  # the mouse wheel, say
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PeopleScreen)
        assert round(table(app).scroll_y) == 0  # brought back into view instead
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PersonScreen) and app.screen.person.name == "Person 0000"


async def test_the_search_box_has_the_keys_whenever_people_opens(make_app: Callable[..., JournalApp]) -> None:
    """p, escape, t, p, then typing `bob` used to go nowhere (the list had kept the keys), and
    enter opened the top row."""
    app = make_app(more_people)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("escape", "t")
        await pilot.pause()
        assert app.screen.id == "today"
        await pilot.press("p")
        await pilot.pause()
        await pilot.press(*"bob")
        await pilot.pause()
        assert app.screen.query_one("#people-query", Input).value == "bob"
        await pilot.press("enter")  # the results for "bob" first, if they were not drawn yet …
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        if isinstance(app.screen, PeopleScreen):
            assert names(app) == ["Bob Schulz"]
            await pilot.press("enter")  # … then the highlighted one, on screen
            await pilot.pause()
        assert isinstance(app.screen, PersonScreen) and app.screen.person.name == "Bob Schulz"
