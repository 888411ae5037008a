"""Shared pieces for every screen: translated key descriptions, refresh on change, save results."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, cast

from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen

from journal.i18n import _
from journal.store import Change
from journal.ui.saving import SaveResults

if TYPE_CHECKING:
    from journal.ui.app import JournalApp


def translate_bindings(node: DOMNode) -> None:
    """BINDINGS hold English msgids; show them in the language chosen at start-up."""
    bindings = node._bindings
    bindings.key_to_bindings = {
        key: [
            replace(b, description=_(b.description) if b.description else "", tooltip=_(b.tooltip) if b.tooltip else "")
            for b in group
        ]
        for key, group in bindings.key_to_bindings.items()
    }


class JournalScreen(SaveResults, Screen[None]):
    """A full screen over the journal; ``refresh_data`` runs when the journal changes.

    Once per save (a save notifies once with all its records), and only while the screen is shown
    (also under a dialog); a hidden screen marks itself stale and refreshes when it is shown again.
    """

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        translate_bindings(self)
        # Stale until first shown: screens load their data when they are first resumed.
        self._journal_stale = True
        self._refreshed_day: date | None = None

    @property
    def japp(self) -> JournalApp:
        return cast("JournalApp", self.app)

    def on_mount(self) -> None:
        # Textual runs every class's on_mount, so a subclass calling super().on_mount() would
        # subscribe twice and refresh twice per change: subscribe once.
        if not getattr(self, "_subscribed", False):
            self._subscribed = True
            self._refreshed_day = self.japp.clock.today()
            self.japp.changed_signal.subscribe(self, self._on_journal_changed)

    def _on_journal_changed(self, change: Change) -> None:
        if self.is_current:
            self._refresh_now()
        else:
            self._journal_stale = True

    def on_screen_resume(self) -> None:
        # Shown again: catch up with saves made meanwhile, or with a new day (dates read relative
        # to today); otherwise what it shows is still right.
        if self._journal_stale or self._refreshed_day != self.japp.clock.today():
            self._refresh_now()

    def _refresh_now(self) -> None:
        self._journal_stale = False
        self._refreshed_day = self.japp.clock.today()
        self.refresh_data()

    def refresh_data(self) -> None:
        """Re-read what the screen shows from the store (cheap: it is all in memory)."""


class JournalModal(SaveResults, ModalScreen[object]):
    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        translate_bindings(self)
        self._close_with: list[object] = []

    def close(self, result: object = None) -> None:
        """Dismiss with ``result`` once the work it waited for is done: at once when this dialog is
        on top; when it is on top again if something covers it (help opened while it was saving);
        not at all if it was closed meanwhile (dismissing then would close another screen)."""
        if self not in self.app.screen_stack:
            return
        if self.app.screen is self:
            self.dismiss(result)
        else:
            self._close_with = [result]

    def on_screen_resume(self) -> None:
        if self._close_with and self.app.screen is self:
            self.dismiss(self._close_with.pop())

    @property
    def japp(self) -> JournalApp:
        return cast("JournalApp", self.app)
