"""History (`h`): every encounter, newest first, narrowed by person, occasion, tag and dates.

The list is an EncounterTable, which draws only the rows on screen, so 50,000 encounters open and
scroll as fast as 50. Filters apply a moment after you stop typing (journal.history does the work).
`/` jumps to the filters, escape back to the list (and then back a screen); `n`, `e`/enter, delete (or `x`) and `u` work as
on Today.
"""

from __future__ import annotations

import asyncio
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Header, Input, Label, Select, Static

from journal.history import HistoryFilter, filter_encounters, parse_range
from journal.i18n import N_, _, ngettext
from journal.model import OCCASION_LABELS, OCCASIONS, Encounter
from journal.ui.base import HEADER_ICON, JournalScreen
from journal.ui.widgets.encounter_list import EncounterTable
from journal.ui.widgets.footer import JournalFooter

FILTER_DEBOUNCE = 0.15


class HistoryScreen(JournalScreen):
    CSS_PATH = "history.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "slash",
            "filters",
            N_("Filter"),
            id="history-filter",
            key_display="/",
            tooltip=N_("To the filters: person, occasion, tag, from, to (tab moves on, escape back to the list)"),
        ),
        Binding("n", "new", N_("New"), id="history-new"),
        Binding("e", "edit", N_("Edit"), id="history-edit"),
        # Not `d`: that goes to the Due screen from everywhere.
        Binding("x,delete", "delete", N_("Delete"), id="history-delete"),
        Binding("u", "undo", N_("Undo"), id="history-undo"),
    ]

    def __init__(self) -> None:
        super().__init__(id="history")
        self._all: list[Encounter] | None = None  # newest first; rebuilt when the journal changes
        self._stale = True
        self.filter = HistoryFilter()

    def compose(self) -> ComposeResult:
        yield Header(icon=HEADER_ICON)
        with Vertical(id="history-body"):
            with Horizontal(id="history-filters"):
                with Vertical(classes="filter"):
                    yield Label(_("Person"), classes="filter-label")
                    yield Input(id="filter-person", compact=True, placeholder=_("name"))
                with Vertical(classes="filter"):
                    yield Label(_("Occasion"), classes="filter-label")
                    yield Select(
                        [(_(OCCASION_LABELS[o]), o) for o in OCCASIONS],
                        id="filter-occasion",
                        compact=True,
                        prompt=_("any"),
                    )
                with Vertical(classes="filter"):
                    yield Label(_("Tag"), classes="filter-label")
                    yield Input(id="filter-tag", compact=True, placeholder="#tag")
                with Vertical(classes="filter date"):
                    yield Label(_("From"), classes="filter-label")
                    yield Input(id="filter-start", compact=True, placeholder=_("2026-01-01, 3 months ago"))
                with Vertical(classes="filter date"):
                    yield Label(_("To"), classes="filter-label")
                    yield Input(id="filter-end", compact=True, placeholder=_("today"))
            with Horizontal(id="history-status"):
                yield Static("", id="history-count")
                yield Static("", id="history-error", markup=False)  # errors quote what was typed
            yield EncounterTable(
                self.japp.store.names,
                id="history-table",
                empty=_("No encounters match. Change the filters, or press n to log one."),
            )
        yield JournalFooter()

    @property
    def table(self) -> EncounterTable:
        return self.query_one("#history-table", EncounterTable)

    def on_mount(self) -> None:
        self.sub_title = _("History")  # (in the header, as every other screen names itself)
        self.refresh_data()
        self.table.focus()

    # ------------------------------------------------------------------ data

    def refresh_data(self) -> None:
        """On a change, re-read lazily: only the screen on view pays for sorting 50,000 encounters."""
        self._stale = True
        if self.is_mounted and self.is_current:
            self._apply()

    def _apply(self) -> None:
        if self._stale or self._all is None:
            self._all = self.japp.store.encounters()
            self._stale = False
        rows = filter_encounters(self._all, self.filter, self.japp.store.people())
        self.table.set_rows(rows)
        total = len(self._all)
        if self.filter.is_empty:
            count = ngettext("{n} encounter", "{n} encounters", total).format(n=f"{total:,}")
        else:
            count = _("{shown} of {total} encounters").format(shown=f"{len(rows):,}", total=f"{total:,}")
        self.query_one("#history-count", Static).update(count)

    # ------------------------------------------------------------------ filters

    @on(Input.Changed, "#history-filters Input")
    @on(Select.Changed, "#filter-occasion")
    def _filters_changed(self) -> None:
        self._debounced_filter()

    @work(exclusive=True, group="history-filter")
    async def _debounced_filter(self) -> None:
        await asyncio.sleep(FILTER_DEBOUNCE)
        self.apply_filters()

    def apply_filters(self) -> None:
        """Read the filter fields and show what matches (also called directly by tests)."""
        today = self.japp.clock.today()
        start, end, errors = parse_range(
            self.query_one("#filter-start", Input).value, self.query_one("#filter-end", Input).value, today
        )
        for name in ("start", "end"):
            self.query_one(f"#filter-{name}", Input).set_class(name in errors, "-invalid")
        self.query_one("#history-error", Static).update(" ".join(errors.values()))
        occasion = self.query_one("#filter-occasion", Select).value
        self.filter = HistoryFilter(
            person=self.query_one("#filter-person", Input).value,
            occasion=None if occasion is Select.NULL else str(occasion),
            tag=self.query_one("#filter-tag", Input).value,
            start=start,
            end=end,
        )
        self._apply()

    @on(Input.Submitted, "#history-filters Input")
    def _submitted(self) -> None:
        self.apply_filters()
        self.table.focus()

    def action_filters(self) -> None:
        self.query_one("#filter-person", Input).focus()

    def home_focus(self) -> Widget | None:
        return self.table

    # ------------------------------------------------------------------ encounters

    def action_new(self) -> None:
        self.japp.open_encounter_form(day=self.japp.clock.today())

    def action_edit(self) -> None:
        if (encounter := self.table.selected) is not None:
            self.japp.open_encounter_form(encounter=encounter)

    @on(EncounterTable.Selected)
    def _open(self, event: EncounterTable.Selected) -> None:
        self.japp.open_encounter_form(encounter=event.encounter)

    def action_delete(self) -> None:
        if (encounter := self.table.selected) is not None:
            self.japp.delete_encounter(encounter)

    def action_undo(self) -> None:
        self.japp.action_undo()
