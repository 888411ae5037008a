"""Pick one person by typing (fuzzy, the same index as everywhere); dismisses with their id or None."""

from __future__ import annotations

import asyncio
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from journal.i18n import N_, _
from journal.phrases import last_seen_phrase
from journal.ui.base import JournalModal

LIMIT = 30


class PickPersonModal(JournalModal):
    DEFAULT_CSS = """
    PickPersonModal { align: center middle; }
    PickPersonModal > Vertical { width: 80; max-width: 95%; height: 24; background: $panel;
        border: round $primary; padding: 1 2; }
    PickPersonModal #pick-title { margin-bottom: 1; }
    PickPersonModal #pick-results { height: 1fr; margin-top: 1; border: none; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", N_("Cancel"), id="pick-cancel"),
        Binding("down", "move(1)", N_("Next"), id="pick-next", show=False),
        Binding("up", "move(-1)", N_("Previous"), id="pick-previous", show=False),
    ]

    def __init__(self, title: str, *, exclude: str | None = None) -> None:
        super().__init__()
        self.title_text = title
        self.exclude = exclude
        self.shown_query: str | None = None

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.title_text, id="pick-title", markup=False)
            yield Input(placeholder=_("Type part of a name, a company, a tag…"), id="pick-query")
            yield OptionList(id="pick-results")

    def on_mount(self) -> None:
        self.query_one("#pick-query", Input).focus()
        self.show_results("")

    @on(Input.Changed, "#pick-query")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        self.search(event.value)

    @work(exclusive=True, group="pick-person")
    async def search(self, query: str) -> None:
        await asyncio.sleep(0.03)
        self.show_results(query)

    def show_results(self, query: str) -> None:
        store = self.japp.store
        today = self.japp.clock.today()
        options = []
        for person in store.search(query, LIMIT + 1):
            if person.id == self.exclude:
                continue
            line = Text(person.name, style="bold")
            detail = " · ".join(x for x in (person.company, last_seen_phrase(store.last_seen(person.id), today)) if x)
            line.append("  " + detail, style="dim")
            options.append(Option(line, id=person.id))
        self.shown_query = query
        box = self.query_one("#pick-results", OptionList)
        box.clear_options()
        box.add_options(options[:LIMIT])
        if options:
            box.highlighted = 0

    def action_move(self, delta: int) -> None:
        box = self.query_one("#pick-results", OptionList)
        if box.option_count:
            current = box.highlighted if box.highlighted is not None else -1
            box.highlighted = max(0, min(box.option_count - 1, current + delta))

    @on(Input.Submitted, "#pick-query")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.value != self.shown_query:
            self.show_results(event.value)
        box = self.query_one("#pick-results", OptionList)
        if box.highlighted is not None and box.option_count:
            self.dismiss(box.get_option_at_index(box.highlighted).id)

    @on(OptionList.OptionSelected, "#pick-results")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
