"""Whom a typed name means, when it could mean several people: pick one, or a new person.

Quick-add shows it for each unclear name ("anna" with two Annas, "Chris" with a Christian) before
saving. Dismisses with the chosen person's id, :data:`journal.entry.plan.NEW` for a new person of
the typed name, or None (escape: back to the line, nothing chosen).
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from journal.entry.plan import NEW
from journal.i18n import N_, _
from journal.phrases import last_seen_phrase
from journal.resolve import NameMatch
from journal.ui.base import JournalModal
from journal.ui.widgets.footer import JournalFooter


class ChoosePersonModal(JournalModal):
    DEFAULT_CSS = """
    ChoosePersonModal { align: center middle; }
    ChoosePersonModal > Vertical { width: 72; max-width: 95%; height: auto; max-height: 90%;
        background: $panel; border: round $primary; padding: 1 2; }
    ChoosePersonModal #choose-title { margin-bottom: 1; text-style: bold; }
    ChoosePersonModal #choose-hint { color: $text-muted; margin-top: 1; }
    ChoosePersonModal #choose-options { height: auto; max-height: 14; border: none; padding: 0; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", N_("Back to the line"), id="choose-cancel"),
        Binding("enter", "choose", N_("Choose"), id="choose-pick"),
    ]

    def __init__(self, match: NameMatch) -> None:
        super().__init__()
        self.match = match

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(
                Text(_("Whom do you mean by “{name}”?").format(name=self.match.typed)),
                id="choose-title",
            )
            yield OptionList(*self._options(), id="choose-options")
            yield Static(_("↑/↓ to move, enter to choose, escape to go back to the line."), id="choose-hint")
        yield JournalFooter()

    def _options(self) -> list[Option]:
        store = self.japp.store
        today = self.japp.clock.today()
        options = []
        for person in self.match.candidates:
            line = Text(person.name, style="bold" if not person.archived else "dim")
            if person.archived:
                line.append(" " + _("(archived)"), style="italic dim")
            detail = " · ".join(
                x for x in (person.company, person.role, last_seen_phrase(store.last_seen(person.id), today)) if x
            )
            line.append("  " + detail, style="dim")
            options.append(Option(line, id=person.id))
        new = Text.assemble(("+ ", "bold"), _("New person: “{name}”").format(name=self.match.typed))
        options.append(Option(new, id=NEW))
        return options

    def on_mount(self) -> None:
        box = self.query_one(OptionList)
        box.highlighted = 0
        box.focus()

    def action_choose(self) -> None:
        box = self.query_one(OptionList)
        if box.highlighted is not None:
            self.dismiss(box.get_option_at_index(box.highlighted).id)

    @on(OptionList.OptionSelected, "#choose-options")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
