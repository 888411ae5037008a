"""Birthdays, other dates and follow-ups in a small box: a day's own on Today, the coming week's
on Due. Which ones, and their words, come from journal.birthdays; the box only shows them.

Working them out looks at every encounter, so it runs in a thread; the box stays hidden while
there is nothing to show.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label, Static
from textual.worker import get_current_worker

from journal.i18n import _, ngettext
from journal.store import JournalStore

if TYPE_CHECKING:
    from journal.birthdays import Reminder

SHOWN = 6
MARKS = {"follow_up": "→", "birthday": "✱", "date": "✱"}


class RemindersBox(Vertical):
    DEFAULT_CSS = """
    RemindersBox {
        height: auto;
        margin-bottom: 1;
    }
    RemindersBox > .reminders-list {
        height: auto;
    }
    """

    def __init__(self, title: str, *, id: str | None = None) -> None:
        # ``title`` is a msgid (N_), translated when shown.
        super().__init__(id=id)
        self._title = title
        self.reminders: list[Reminder] = []
        self.display = False

    def compose(self) -> ComposeResult:
        yield Label(_(self._title), classes="pane-title")
        yield Static("", classes="reminders-list")

    def show_day(self, store: JournalStore, day: date, today: date) -> None:
        """The reminders that fall on ``day`` (Today)."""
        from journal import birthdays  # (and its dates: imported once the first frame is drawn)

        self._load(lambda: birthdays.day_reminders(store, day, today), today)

    def show_coming(self, store: JournalStore, today: date) -> None:
        """Follow-ups and dates from today to a week ahead (Due)."""
        from journal import birthdays

        self._load(lambda: birthdays.reminders_for(store, today), today)

    @work(thread=True, exclusive=True, group="reminders", exit_on_error=False)
    def _load(self, find: Callable[[], list[Reminder]], today: date) -> None:
        found = find()
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._draw, found, today)

    def _draw(self, reminders: list[Reminder], today: date) -> None:
        if not self.is_attached:
            return
        self.reminders = reminders
        self.display = bool(reminders)
        text = Text()
        for n, reminder in enumerate(reminders[:SHOWN]):
            text.append(("\n" if n else "") + f"{MARKS.get(reminder.kind, '•')} ")
            text.append(reminder.text(today), style="bold" if reminder.kind == "follow_up" else "")
        if len(reminders) > SHOWN:
            more = len(reminders) - SHOWN
            text.append("\n" + ngettext("and {n} more", "and {n} more", more).format(n=more), style="dim")
        self.query_one(".reminders-list", Static).update(text)
