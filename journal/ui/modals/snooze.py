"""Snooze someone for N days (rule 6): off the due list and out of the lucky pick until then."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from journal import pacing
from journal.i18n import N_, _
from journal.model import Person
from journal.phrases import format_date
from journal.ui.base import JournalModal

DEFAULT_DAYS = 14


class SnoozeModal(JournalModal):
    """Asks for a number of days; dismisses with the snoozed copy of the person (to save), or None."""

    DEFAULT_CSS = """
    SnoozeModal { align: center middle; }
    SnoozeModal > Vertical {
        width: 60; height: auto; padding: 1 2;
        background: $panel; border: round $primary;
    }
    SnoozeModal #snooze-title { text-style: bold; margin-bottom: 1; }
    SnoozeModal #snooze-explain { color: $text-muted; margin-bottom: 1; }
    SnoozeModal Input { width: 16; }
    SnoozeModal #snooze-until { height: auto; margin-top: 1; }
    SnoozeModal #snooze-until.-error { color: $error; }
    SnoozeModal #snooze-help { color: $text-muted; margin-top: 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", N_("Cancel"), id="snooze-cancel"),
    ]

    def __init__(self, person: Person, today: date, days: int = DEFAULT_DAYS) -> None:
        super().__init__()
        self.person = person
        self.today = today
        self.days = days

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(_("Snooze {name}").format(name=self.person.name), id="snooze-title", markup=False)
            yield Static(
                _("Off the due list and out of the lucky pick for a while; nothing else changes. 0 wakes them now."),
                id="snooze-explain",
            )
            yield Input(str(self.days), type="integer", id="snooze-days", select_on_focus=True)
            yield Static("", id="snooze-until", markup=False)  # errors quote what was typed
            yield Static(_("days · enter snoozes · esc cancels"), id="snooze-help")

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        self._preview(self.query_one(Input).value)

    def _snoozed(self, value: str) -> Person:
        """The snoozed copy; raises ValueError with a message for the user."""
        try:
            days = int(value.strip())
        except ValueError:
            raise ValueError(_("Snooze for a whole number of days, 0 or more.")) from None
        return pacing.snooze(self.person, days, self.today)

    @on(Input.Changed, "#snooze-days")
    def _changed(self, event: Input.Changed) -> None:
        self._preview(event.value)

    def _preview(self, value: str) -> None:
        line = self.query_one("#snooze-until", Static)
        try:
            snoozed = self._snoozed(value)
        except ValueError as error:
            line.update(str(error) if value.strip() else "")
            line.set_class(bool(value.strip()), "-error")
            return
        line.remove_class("-error")
        if snoozed.snoozed_until is None:
            line.update(_("Awake now: back on the due list when due."))
        else:
            line.update(_("Back on the due list on {day}.").format(day=format_date(snoozed.snoozed_until)))

    @on(Input.Submitted, "#snooze-days")
    def _submitted(self, event: Input.Submitted) -> None:
        try:
            snoozed = self._snoozed(event.value)
        except ValueError as error:
            line = self.query_one("#snooze-until", Static)
            line.update(str(error))
            line.add_class("-error")
            return
        self.dismiss(snoozed)

    def action_cancel(self) -> None:
        self.dismiss(None)
