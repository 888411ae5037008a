"""People: find anyone in a keystroke. Results update as you type; enter opens the person."""

from __future__ import annotations

import asyncio
from datetime import date
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import DataTable, Footer, Header, Input, Static

from journal.i18n import N_, _, ngettext
from journal.model import Person
from journal.search import fold
from journal.textfmt import last_seen_phrase
from journal.ui.base import JournalScreen

# How many rows a search shows at most; the table renders only the visible ones.
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
        Binding("escape", "clear_search", N_("Clear"), id="people-clear", show=False),
        Binding("down", "move(1)", N_("Next"), id="people-next", show=False),
        Binding("up", "move(-1)", N_("Previous"), id="people-previous", show=False),
        Binding("pagedown", "move(10)", N_("Next page"), id="people-next-page", show=False),
        Binding("pageup", "move(-10)", N_("Previous page"), id="people-previous-page", show=False),
    ]

    def __init__(self) -> None:
        super().__init__(id="people")
        self.query_text = ""
        self.sort = "relevance"
        self.shown: list[str] = []  # person ids, in display order
        self.shown_query: str | None = None  # the query the table shows results for
        self.refresh_pending = False
        self.stale = False  # the journal changed while another screen was shown

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="people-body"):
            yield Input(
                placeholder=_("Find someone: part of a name, a company, a tag… (umlauts optional)"), id="people-query"
            )
            yield Static("", id="people-status", markup=False)
            yield DataTable(id="people-table", cursor_type="row", zebra_stripes=True)
            yield Static("", id="people-empty", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        super().on_mount()
        self.sub_title = _("People")
        table = self.query_one("#people-table", DataTable)
        table.add_column(_("Name"), key="name", width=28)
        table.add_column(_("Company"), key="company", width=24)
        table.add_column(_("Tags"), key="tags", width=24)
        # Wide enough for "last seen 11 months ago" and "zuletzt gesehen vor 11 Monaten".
        table.add_column(_("Last seen"), key="seen", width=30)
        self.show_results(self.query_text)
        self.query_one("#people-query", Input).focus()

    def refresh_data(self) -> None:
        """Many saves at once (an import, forgetting someone) refresh the table once, and only when seen."""
        if not self.is_mounted or self.refresh_pending:
            return
        self.refresh_pending = True
        self.call_after_refresh(self._refresh_now)

    def _refresh_now(self) -> None:
        self.refresh_pending = False
        if self.is_current:
            self.show_results(self.query_text)
        else:
            self.stale = True

    def on_screen_resume(self) -> None:
        if self.stale:
            self.stale = False
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

    def results(self, query: str) -> list[Person]:
        store = self.japp.store
        if not query.strip() and self.sort == "name":
            people = sorted(store.people(), key=lambda p: (fold(p.name), p.name))[:LIMIT]
        else:
            people = store.search(query, LIMIT)
        if self.sort == "name":
            people.sort(key=lambda p: (fold(p.name), p.name))
        elif self.sort == "last_seen":
            seen = {p.id: store.last_seen(p.id) for p in people}
            people.sort(key=lambda p: -(seen[p.id] or date.min).toordinal())
        return people

    def show_results(self, query: str) -> None:
        store = self.japp.store
        today = self.japp.clock.today()
        people = self.results(query)
        table = self.query_one("#people-table", DataTable)
        keep = self.shown[table.cursor_row] if self.shown and 0 <= table.cursor_row < len(self.shown) else None
        table.clear()
        for person in people:
            table.add_row(*self._cells(person, store.last_seen(person.id), today), key=person.id)
        self.shown = [p.id for p in people]
        if people:
            row = self.shown.index(keep) if keep in self.shown and query == self.shown_query else 0
            table.move_cursor(row=row, animate=False)
        self.shown_query = query
        total = store.people_count()
        status = self.query_one("#people-status", Static)
        sort = _(SORT_LABELS[self.sort])
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
            shown = (
                ngettext("{n} person", "{n} people", total).format(n=total)
                if len(people) >= total
                else _("{shown} of {total} people: type to narrow").format(shown=len(people), total=total)
            )
            status.update(_("{shown} · sorted by {sort} (ctrl+o) · enter opens").format(shown=shown, sort=sort))
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

    @staticmethod
    def _cells(person: Person, seen: date | None, today: date) -> tuple[Text, Text, Text, Text]:
        name = Text(person.name, style="bold" if not person.archived else "dim", end="", overflow="ellipsis")
        if person.archived:
            name.append(" " + _("(archived)"), style="italic dim")
        company = Text(" · ".join(x for x in (person.company, person.role) if x), end="", overflow="ellipsis")
        tags = Text(" ".join(f"#{t}" for t in person.tags), style="italic", end="", overflow="ellipsis")
        return name, company, tags, Text(last_seen_phrase(seen, today), style="dim", end="")

    # ------------------------------------------------------------------ keys

    def action_cycle_sort(self) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        self.show_results(self.query_text)
        self.notify(_("Sorted by {sort}").format(sort=_(SORT_LABELS[self.sort])), timeout=2)

    def action_focus_search(self) -> None:
        # From the palette the screen may still be composing: focus once the box exists.
        boxes = self.query("#people-query")
        if boxes:
            boxes.first(Input).focus()
        else:
            self.call_after_refresh(self.action_focus_search)

    def action_clear_search(self) -> None:
        """escape clears the search; on an empty box it hands the keys back to the list, so that
        the app's letter keys (t, d, l, …) work again and / returns to the search."""
        box = self.query_one("#people-query", Input)
        if box.value:
            box.value = ""
            box.focus()
        else:
            self.query_one("#people-table", DataTable).focus()

    def action_move(self, delta: int) -> None:
        table = self.query_one("#people-table", DataTable)
        if self.shown:
            table.move_cursor(row=max(0, min(len(self.shown) - 1, table.cursor_row + delta)), animate=False)

    @on(Input.Submitted, "#people-query")
    def _submitted(self, event: Input.Submitted) -> None:
        # Enter right after typing: show the latest results first, then open the highlighted person.
        if event.value != self.shown_query:
            self.show_results(event.value)
        table = self.query_one("#people-table", DataTable)
        if self.shown:
            self.open(self.shown[max(0, min(table.cursor_row, len(self.shown) - 1))])

    @on(DataTable.RowSelected, "#people-table")
    def _selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value:
            self.open(event.row_key.value)

    def open(self, person_id: str) -> None:
        self.japp.open_person(person_id)
