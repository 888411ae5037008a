"""JournalApp: screens, global keys, the command palette, themes, and background saving."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from typing import Any, ClassVar, TypeVar

from textual import work
from textual.app import App
from textual.binding import Binding, BindingType
from textual.signal import Signal

from journal.clock import Clock
from journal.i18n import N_, _
from journal.model import ValidationError
from journal.store import Change, JournalError, JournalStore
from journal.ui.base import translate_bindings
from journal.ui.commands import JournalCommands
from journal.ui.navigation import DESTINATIONS, destination
from journal.ui.themes import THEMES

T = TypeVar("T")


class JournalApp(App[None]):
    TITLE = "netjournal"
    CSS_PATH = "app.tcss"
    COMMANDS: ClassVar = App.COMMANDS | {JournalCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+n", "quick_add", N_("Quick add"), id="quick-add", tooltip=N_("Log an encounter in one line"),
                priority=True),
        Binding("question_mark", "help", N_("Help"), id="help", key_display="?"),
        Binding("q", "quit", N_("Quit"), id="quit"),
        Binding("ctrl+q", "quit", N_("Quit"), id="quit-now", show=False, priority=True),
        *[
            Binding(d.key, f"go('{d.name}')", d.description, id=f"go-{d.name}", show=False)
            for d in DESTINATIONS
        ],
    ]

    def __init__(self, store: JournalStore, clock: Clock, *, seed: int | None = None,
                 animations: bool = True) -> None:
        super().__init__()
        translate_bindings(self)
        self.store = store
        self.clock = clock
        # Seeds rerolls of the lucky encounter in tests and screenshots; None means "by the date".
        self.seed = seed
        self.changed_signal: Signal[Change] = Signal(self, "journal-changed")
        self._unsubscribe = store.subscribe(self._on_store_change)
        self._app_thread = threading.get_ident()
        if not animations:
            self.animation_level = "none"

    # ------------------------------------------------------------ lifecycle

    def on_mount(self) -> None:
        for theme in THEMES:
            self.register_theme(theme)
        self.theme = self.store.settings.theme or "netjournal"
        self.go("today")

    def on_ready(self) -> None:
        # bench/run.py measures start-up: with NETJOURNAL_BENCH_EXIT set, quit once the first screen
        # has been drawn with its data (Ready follows the first frame; this waits for one more refresh).
        if os.environ.get("NETJOURNAL_BENCH_EXIT"):
            self.screen.call_after_refresh(self.exit)

    def on_unmount(self) -> None:
        self._unsubscribe()

    def watch_theme(self, theme: str) -> None:
        """Remember the user's theme across runs (saved in the background)."""
        settings = self.store.settings
        if settings.theme != theme and theme in self.available_themes and self.is_mounted(self):
            from dataclasses import replace

            updated = replace(settings, theme=theme)
            self.run_save(lambda: self.store.save_settings(updated))

    # ------------------------------------------------------------ navigation

    def go(self, name: str) -> None:
        """Show a main screen; screens are kept, so going back keeps their state."""
        dest = destination(name)
        if not self.is_screen_installed(name):
            self.install_screen(dest.load()(), name)
        # Pages pushed over a main screen (a person's page, a dialog) close when you go elsewhere.
        while len(self.screen_stack) > 2 and not self.is_screen_installed(self.screen):
            self.pop_screen()
        if self.screen_stack and self.screen.id == name:
            return
        if len(self.screen_stack) > 1:
            self.switch_screen(name)
        else:
            self.push_screen(name)

    def open_person(self, person_id: str) -> None:
        """A person's page, pushed over the current main screen (escape goes back)."""
        from journal.ui.screens.person import PersonScreen

        self.push_screen(PersonScreen(person_id))

    def action_go(self, name: str) -> None:
        self.go(name)

    def action_quick_add(self) -> None:
        from journal.ui.modals.quick_add import QuickAddModal

        if isinstance(self.screen, QuickAddModal):
            return
        self.push_screen(QuickAddModal(day=self.current_day()))

    def current_day(self):  # type: ignore[no-untyped-def]
        """The day the user is looking at, for new entries (Today screen may show another day)."""
        return getattr(self.screen, "day", None) or self.clock.today()

    def action_help(self) -> None:
        from journal.ui.modals.help import HelpModal

        if not isinstance(self.screen, HelpModal):
            self.push_screen(HelpModal())

    # ------------------------------------------------------------ saving

    def run_save(self, action: Callable[[], T], *, done: Callable[[T], None] | None = None,
                 failed: Callable[[Exception], None] | None = None) -> None:
        """Write to the journal in a worker thread so the UI never waits for the disk."""
        self._save_worker(action, done, failed)

    @work(thread=True, group="save", exit_on_error=False)
    def _save_worker(self, action: Callable[[], Any], done: Callable[[Any], None] | None,
                     failed: Callable[[Exception], None] | None) -> None:
        try:
            result = action()
        except (JournalError, ValidationError) as error:
            self.call_from_thread(self._report_failure, error, failed)
            return
        if done is not None:
            self.call_from_thread(done, result)

    def _report_failure(self, error: Exception, failed: Callable[[Exception], None] | None) -> None:
        message = getattr(error, "message", str(error))
        self.notify(message, title=_("Not saved"), severity="error", timeout=10)
        if failed is not None:
            failed(error)

    def _on_store_change(self, change: Change) -> None:
        # The store calls back on whichever thread saved; signals are published on ours.
        if threading.get_ident() == self._app_thread:
            self.changed_signal.publish(change)
        else:
            self.call_from_thread(self.changed_signal.publish, change)
