"""Today: the day's encounters, newest first, with when each was logged."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from journal.clock import parse_timestamp
from journal.i18n import N_, _
from journal.model import OCCASION_LABELS, Encounter
from journal.rules import rule_of_the_day
from journal.textfmt import format_date, since
from journal.ui.base import JournalScreen


class TodayScreen(JournalScreen):
    CSS_PATH = "today.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+n", "app.quick_add", N_("Quick add"), id="today-quick-add"),
    ]

    def __init__(self) -> None:
        super().__init__(id="today")
        self.day: date | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="today-body"):
            yield Static("", id="day-title")
            yield Static("", id="rule-of-the-day")
            yield OptionList(id="encounters")
            yield Static("", id="encounters-empty")
        yield Footer()

    def on_mount(self) -> None:
        self.day = self.japp.clock.today()
        self.refresh_data()

    def refresh_data(self) -> None:
        if self.day is None:
            return
        store = self.japp.store
        rule = rule_of_the_day(self.day)
        self.query_one("#day-title", Static).update(format_date(self.day))
        self.query_one("#rule-of-the-day", Static).update(
            Text.assemble((_("Rule {n}: {title}").format(n=rule.number, title=_(rule.title)), "bold"),
                          " — ", _(rule.advice)))
        encounters = sorted(store.encounters_on(self.day), key=lambda e: e.created, reverse=True)
        options = self.query_one("#encounters", OptionList)
        options.clear_options()
        options.add_options([Option(self._row(e), id=e.id) for e in encounters])
        empty = self.query_one("#encounters-empty", Static)
        empty.display = not encounters
        options.display = bool(encounters)
        empty.update(_("Nobody logged yet today. Press ctrl+n and type who you met, e.g. "
                       "“Anna Müller @ PyCon: talked about Rust”."))

    def _row(self, encounter: Encounter) -> Text:
        names = ", ".join(self.japp.store.names(encounter.person_ids))
        when = since(parse_timestamp(encounter.created), self.japp.clock.now()) if encounter.created else ""
        text = Text.assemble((names, "bold"))
        if encounter.occasion:
            text.append(f"  {_(OCCASION_LABELS[encounter.occasion])}", style="italic")
        if encounter.place:
            text.append(f"  @ {encounter.place}")
        if encounter.by_chance:
            text.append("  ✦ " + _("by chance"), style="bold")
        text.append(f"  · {when}", style="dim")
        if encounter.summary:
            text.append("\n  " + encounter.summary.splitlines()[0][:200])
        return text
