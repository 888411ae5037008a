"""People: find anyone in a keystroke, or browse everyone A–Z.

Results update as you type (the best matches first); with the box empty the list holds everyone,
A–Z (or by last seen), drawn by a PeopleTable that renders only the rows on screen. ↑/↓ move the
highlight while typing; enter opens the highlighted person, and only when that row is on screen
and shows the results for what is typed: browsing everyone, no row is highlighted until ↑/↓.
"""

from __future__ import annotations

import asyncio
from datetime import date
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Header, Input, Static

from journal.folding import fold
from journal.i18n import N_, _, ngettext
from journal.model import Person
from journal.ui.base import HEADER_ICON, JournalScreen
from journal.ui.widgets.footer import JournalFooter
from journal.ui.widgets.people_table import PeopleTable

# How many rows a search shows at most (browsing with an empty box shows everyone).
LIMIT = 200
DEBOUNCE = 0.03
SORTS: tuple[str, ...] = ("relevance", "name", "last_seen")
SORT_LABELS = {"relevance": N_("relevance"), "name": N_("name"), "last_seen": N_("last seen")}


class PeopleScreen(JournalScreen):
    CSS_PATH = "people.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+o",
            "cycle_sort",
            N_("Sort"),
            id="people-sort",
            tooltip=N_("Order by relevance, by name, or by who you saw last"),
        ),
        Binding("slash", "focus_search", N_("Search"), id="people-search", key_display="/"),
        Binding("down", "move(1)", N_("Next"), id="people-next", show=False),
        Binding("up", "move(-1)", N_("Previous"), id="people-previous", show=False),
        Binding("pagedown", "move(10)", N_("Next page"), id="people-next-page", show=False),
        Binding("pageup", "move(-10)", N_("Previous page"), id="people-previous-page", show=False),
    ]
    DEFAULT_CSS = """
    PeopleScreen #people-table { height: 1fr; }
    """

    def __init__(self) -> None:
        super().__init__(id="people")
        self.query_text = ""
        self.sort = "relevance"
        self.shown: list[str] = []  # person ids, in display order
        self.shown_query: str | None = None  # the query the table shows results for
        self.refresh_pending = False
        self._everyone: list[Person] | None = None  # everyone A–Z, until the journal changes

    def compose(self) -> ComposeResult:
        yield Header(icon=HEADER_ICON)
        with Vertical(id="people-body"):
            yield Input(
                placeholder=_("Find someone: part of a name, a company, a tag… (umlauts optional)"), id="people-query"
            )
            yield Static("", id="people-status", markup=False)
            store, clock = self.japp.store, self.japp.clock
            yield PeopleTable(store.last_seen, clock.today, id="people-table")
            yield Static("", id="people-empty", markup=False)
        yield JournalFooter()

    def on_mount(self) -> None:
        super().on_mount()
        self.sub_title = _("People")
        self.show_results(self.query_text)

    def on_screen_resume(self) -> None:
        # (JournalScreen.on_screen_resume runs too: Textual calls each class's handler.)
        # Coming to People is coming to find someone: the search box has the keys, every time
        # (not the list that had them when the screen was left). Back from a person's page, the
        # box has them too.
        self.query_one("#people-query", Input).focus()

    def refresh_data(self) -> None:
        """The journal changed (JournalScreen calls this while the screen is shown, or when it is
        shown again): many saves at once (an import) redraw the list once."""
        self._everyone = None
        if not self.is_mounted or self.refresh_pending:
            return
        self.refresh_pending = True
        # call_later, not call_after_refresh: that one runs with the screen on top when its message
        # is handled; a page over this one (a person being forgotten) that closes drops it, and
        # with it every later refresh of this list.
        self.call_later(self._show_again)

    def _show_again(self) -> None:
        self.refresh_pending = False
        self.show_results(self.query_text)

    # ------------------------------------------------------------------ searching

    @on(Input.Changed, "#people-query")
    def _typed(self, event: Input.Changed) -> None:
        self.query_text = event.value
        self.search(event.value)

    @work(exclusive=True, group="people-search")
    async def search(self, query: str) -> None:
        """Debounced: a newer keystroke cancels this one during the sleep."""
        await asyncio.sleep(DEBOUNCE)
        self.show_results(query)

    @property
    def table(self) -> PeopleTable:
        return self.query_one("#people-table", PeopleTable)

    def sort_for(self, query: str) -> str:
        """The order in effect: with nothing typed there is no relevance, and everyone is A–Z."""
        return "name" if self.sort == "relevance" and not query.strip() else self.sort

    def everyone(self) -> list[Person]:
        if self._everyone is None:
            self._everyone = sorted(self.japp.store.people(), key=lambda p: (fold(p.name), p.name))
        return self._everyone

    def results(self, query: str) -> list[Person]:
        store = self.japp.store
        sort = self.sort_for(query)
        if not query.strip():
            # Everyone: A–Z, or most recently seen first (the index keeps that order).
            return self.everyone() if sort == "name" else store.search("", store.people_count())
        people = store.search(query, LIMIT)
        if sort == "name":
            people.sort(key=lambda p: (fold(p.name), p.name))
        elif sort == "last_seen":
            seen = {p.id: store.last_seen(p.id) for p in people}
            people.sort(key=lambda p: -(seen[p.id] or date.min).toordinal())
        return people

    def show_results(self, query: str) -> None:
        store = self.japp.store
        people = self.results(query)
        table = self.table
        same = query == self.shown_query
        keep = table.selected.id if same and table.selected is not None else None
        # A search highlights its best match (enter opens it); browsing everyone highlights nobody.
        cursor = (table.cursor if same else 0) if query.strip() else (table.cursor if same else None)
        table.set_rows(people, cursor=cursor, keep=keep)
        self.shown = [p.id for p in people]
        self.shown_query = query
        total = store.people_count()
        status = self.query_one("#people-status", Static)
        sort = _(SORT_LABELS[self.sort_for(query)])
        if query.strip():
            found = ngettext("{n} match", "{n} matches", len(people)).format(n=len(people))
            if len(people) >= LIMIT:
                found = _("the best {n} matches").format(n=LIMIT)
            status.update(
                _("{found} of {total} · sorted by {sort} (ctrl+o) · enter opens").format(
                    found=found, total=total, sort=sort
                )
            )
        else:
            everyone = ngettext("{n} person", "{n} people", total).format(n=f"{total:,}")
            status.update(
                _("{everyone} · sorted by {sort} (ctrl+o) · ↓ to browse, type to find").format(
                    everyone=everyone, sort=sort
                )
            )
        empty = self.query_one("#people-empty", Static)
        empty.display = not people
        table.display = bool(people)
        if not total:
            empty.update(
                _(
                    "No one in the journal yet. Press ctrl+n and type who you met, e.g. "
                    "“Anna Müller @ PyCon: talked about Rust”."
                )
            )
        else:
            empty.update(_("No one matches “{query}”. Try fewer letters, a company, or a tag.").format(query=query))

    # ------------------------------------------------------------------ keys

    def action_cycle_sort(self) -> None:
        before = self.sort_for(self.query_text)
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        if self.sort_for(self.query_text) == before:  # with nothing typed, relevance is A–Z: skip it
            self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        self.show_results(self.query_text)
        self.notify(_("Sorted by {sort}").format(sort=_(SORT_LABELS[self.sort_for(self.query_text)])), timeout=2)

    def action_focus_search(self) -> None:
        # From the palette the screen may still be composing: focus once the box exists.
        boxes = self.query("#people-query")
        if boxes:
            boxes.first(Input).focus()
        else:
            self.call_after_refresh(self.action_focus_search)

    def home_focus(self) -> Widget | None:
        """Escape leaves the search box for the list, so that the app's letter keys (t, d, l, …)
        work again; / returns to the search."""
        return self.table

    def action_move(self, delta: int) -> None:
        self.table.move(delta)

    @on(Input.Submitted, "#people-query")
    def _submitted(self, event: Input.Submitted) -> None:
        if event.value != self.shown_query:
            # Enter before the results for what is typed were on screen: show them, open nothing
            # unseen (the next enter opens the highlighted one).
            self.show_results(event.value)
            return
        self.table.action_select()  # opens the highlighted person if on screen, else brings them into view

    @on(PeopleTable.Selected, "#people-table")
    def _selected(self, event: PeopleTable.Selected) -> None:
        self.open(event.person.id)

    def open(self, person_id: str) -> None:
        self.japp.open_person(person_id)
