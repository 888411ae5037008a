"""A yes/no question before anything destructive or surprising.

Its footer shows its keys: y (j in German; both work in either language) confirms, n and escape
cancel, the arrow keys move between the buttons, enter presses the one with the focus."""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from journal.i18n import N_, _
from journal.ui.base import JournalModal


class ConfirmModal(JournalModal[bool]):
    """Dismisses with True (confirmed) or False."""

    DEFAULT_CSS = """
    ConfirmModal { align: center middle; }
    ConfirmModal > Vertical {
        width: 64; height: auto; max-height: 80%; padding: 1 2;
        background: $panel; border: round $warning;
    }
    ConfirmModal #question { margin-bottom: 1; }
    ConfirmModal Horizontal { height: auto; align-horizontal: right; }
    ConfirmModal Button { margin-left: 2; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        # key_display is translated: German shows "j" (ja), and both keys work in both languages.
        Binding("y,j", "answer(True)", N_("Yes"), id="yes", key_display=N_("y")),
        Binding("n", "answer(False)", N_("No"), id="no"),
        Binding("escape", "answer(False)", N_("Cancel"), id="cancel", show=False),
        Binding("left,up", "move(-1)", N_("Previous button"), id="previous-button", show=False),
        Binding("right,down", "move(1)", N_("Next button"), id="next-button", show=False),
    ]

    def __init__(self, question: str, *, yes: str | None = None, no: str | None = None, danger: bool = False) -> None:
        super().__init__()
        self.question = question
        self.yes_label = yes or _("Yes")
        self.no_label = no or _("No")
        self.danger = danger
        # The footer names what the keys do here ("y Delete", "n No"), as the buttons do.
        bindings = self._bindings
        bindings.key_to_bindings = {
            key: [
                replace(
                    b, description=self.yes_label if b.id == "yes" else self.no_label if b.id == "no" else b.description
                )
                for b in group
            ]
            for key, group in bindings.key_to_bindings.items()
        }

    def compose(self) -> ComposeResult:
        with Vertical():
            # markup=False: questions carry names people typed ("[/x]" in one crashed the app).
            yield Static(self.question, id="question", markup=False)
            with Horizontal():
                yield Button(self.no_label, id="no")
                yield Button(self.yes_label, id="yes", variant="error" if self.danger else "primary")

    def on_mount(self) -> None:
        self.query_one("#no" if self.danger else "#yes", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_move(self, step: int) -> None:
        """Arrows move between the buttons; at either end they stay (a wrap-around would turn
        "left, enter" on No into Delete)."""
        buttons = list(self.query(Button))
        current = buttons.index(self.focused) if self.focused in buttons else 0
        buttons[max(0, min(len(buttons) - 1, current + step))].focus()

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
