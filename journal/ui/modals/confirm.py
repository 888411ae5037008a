"""A yes/no question before anything destructive or surprising."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from journal.i18n import N_, _
from journal.ui.base import JournalModal


class ConfirmModal(JournalModal):
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
        Binding("escape", "answer(False)", N_("Cancel"), id="cancel"),
        Binding("y", "answer(True)", N_("Yes"), id="yes", show=False),
        Binding("n", "answer(False)", N_("No"), id="no", show=False),
    ]

    def __init__(self, question: str, *, yes: str | None = None, no: str | None = None, danger: bool = False) -> None:
        super().__init__()
        self.question = question
        self.yes_label = yes or _("Yes")
        self.no_label = no or _("No")
        self.danger = danger

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

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
