"""Help: the keys, the quick-add syntax, and the seven rules in the app's own words."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Markdown

from journal.i18n import N_, _
from journal.rules import RULES
from journal.ui.base import JournalModal
from journal.ui.navigation import DESTINATIONS


class HelpModal(JournalModal):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "close", N_("Close"), id="close"),
    ]
    DEFAULT_CSS = """
    HelpModal { align: center middle; }
    HelpModal > VerticalScroll { width: 90; max-width: 95%; height: 85%; background: $panel;
        border: round $primary; padding: 0 1; }
    """

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Markdown(self._text())

    def _text(self) -> str:
        # Key names as the footer shows them: "comma" is `,`.
        keys = "\n".join(
            f"| `{self.app.get_key_display(Binding(d.key, ''))}` | {_(d.description)} |" for d in DESTINATIONS
        )
        rules = "\n".join(f"{i}. **{_(r.title)}** — {_(r.advice)}" for i, r in enumerate(RULES, 1))
        return "\n\n".join(
            [
                "# " + _("netjournal help"),
                "## " + _("Keys"),
                "| "
                + _("key")
                + " | "
                + _("what it does")
                + " |\n|---|---|\n"
                + keys
                + "\n"
                + "| `ctrl+n` | "
                + _("Quick add, from every screen")
                + " |\n"
                + "| `ctrl+p` | "
                + _("Command palette: screens, people, actions")
                + " |\n"
                + "| `?` | "
                + _("This help")
                + " |\n| `q` | "
                + _("Quit")
                + " |",
                "## " + _("Quick add"),
                _(
                    "One line: names before `@`, `#` or `:`; `@ place`; `#tag`; `!keyword` for the occasion "
                    "(`!event`, `!work`, …), the channel (`!call`, `!video`, …), who moved (`!out`, `!in`) "
                    "and `!chance`; after `:` the summary, with clauses `gave: …`, `got: …`, `common: …`, "
                    "`exchanged: …`, `follow-up: friday`, `date: yesterday`, separated by `;`."
                ),
                "`Anna Müller, Bob @ Café Kranzler #berlin !event: talked about Rust; gave: intro to Carla`",
                _(
                    "Names are found as search finds people: a first name, an alias or initials will do. "
                    "A name that clearly means one person is taken (the preview says “Bob → Bob Schulz”); "
                    "one that could mean several people is chosen from a list when you press enter; "
                    "only a name no one has makes a new person, and the app asks first."
                ),
                "## " + _("The seven rules"),
                rules,
            ]
        )

    def action_close(self) -> None:
        self.dismiss(None)
