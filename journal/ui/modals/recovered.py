"""At start: input kept when the app was last stopped (a hang-up, SIGTERM) is offered back.

Dismisses with "restore" (put it back: notes saved, forms opened with what they held),
"discard" (let it go), or None (later: the file stays and is offered again next time).
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from journal import recovery
from journal.i18n import N_, _, ngettext
from journal.ui.base import JournalModal


class RecoveredModal(JournalModal):
    DEFAULT_CSS = """
    RecoveredModal { align: center middle; }
    RecoveredModal > Vertical {
        width: 76; max-width: 100%; height: auto; max-height: 90%; padding: 1 2;
        background: $panel; border: round $warning;
    }
    RecoveredModal #recovered-title { text-style: bold; margin-bottom: 1; }
    RecoveredModal #recovered-items { margin-bottom: 1; }
    RecoveredModal #recovered-where { color: $text-muted; margin-bottom: 1; }
    RecoveredModal Horizontal { height: auto; align-horizontal: right; }
    RecoveredModal Button { margin-left: 2; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "answer('')", N_("Later"), id="recovered-later"),
    ]

    def __init__(self, found: list[recovery.Recovered]) -> None:
        super().__init__()
        self.found = found

    def compose(self) -> ComposeResult:
        items = [item for entry in self.found for item in entry.items]
        with Vertical():
            yield Static(
                ngettext(
                    "netjournal was stopped before this could be saved:",
                    "netjournal was stopped before these could be saved:",
                    len(items),
                ),
                id="recovered-title",
            )
            # markup=False: the items quote what people typed.
            yield Static(
                "\n".join("• " + recovery.describe(item) for item in items), id="recovered-items", markup=False
            )
            yield Static(
                _("Kept in {paths}. Later keeps the file and asks again next time.").format(
                    paths=", ".join(entry.path.name for entry in self.found)
                ),
                id="recovered-where",
                markup=False,
            )
            with Horizontal():
                yield Button(_("Later"), id="later")
                yield Button(_("Discard"), id="discard", variant="error")
                yield Button(_("Put it back"), id="restore", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#restore", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_answer("" if event.button.id == "later" else str(event.button.id))

    def action_answer(self, choice: str) -> None:
        self.dismiss(choice or None)
