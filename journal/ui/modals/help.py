"""Help: the keys of the screen it was opened on (read from that screen's BINDINGS, so none is
missing), the keys that work everywhere, the quick-add syntax, and the seven rules."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widgets import Markdown

from journal.i18n import N_, _
from journal.rules import RULES
from journal.ui.base import JournalModal
from journal.ui.navigation import DESTINATIONS


def key_rows(node: DOMNode, display: Callable[[Binding], str]) -> list[tuple[list[str], str]]:
    """(keys, what they do) for every binding of ``node`` with a description, in BINDINGS order;
    the keys of one action together ("x, del")."""
    rows: dict[str, tuple[list[str], str]] = {}
    for group in node._bindings.key_to_bindings.values():
        for binding in group:
            if not binding.description or binding.id is None:
                continue  # Textual's own (tab, copy) have no id: the app's keys all have one
            # Each key as itself ("←" and "[" both move a day), not the one key_display names.
            shown = display(replace(binding, key_display=None))
            if binding.key_display and binding.key_display.isalpha() and len(binding.key) == 1:
                shown = display(binding)  # a letter that stands for a word: y, j in German
            what = binding.description + (f" — {binding.tooltip}" if binding.tooltip else "")
            keys, _what = rows.setdefault(binding.action, ([], what))
            if shown not in keys:
                keys.append(shown)
    return list(rows.values())


def _key_list(rows: list[tuple[list[str], str]]) -> str:
    """One line a key (a list, not a table: no ruled lines between the rows, and it fits 80 columns)."""
    return "\n".join(f"- {' '.join(f'`{key}`' for key in keys)}  {what}" for keys, what in rows)


class HelpModal(JournalModal):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "close", N_("Close"), id="close"),
    ]
    DEFAULT_CSS = """
    HelpModal { align: center middle; }
    HelpModal > VerticalScroll { width: 90; max-width: 95%; height: 85%; background: $panel;
        border: round $primary; padding: 0 1; }
    """

    def __init__(self, screen: Screen[Any] | None = None) -> None:
        super().__init__()
        self.about = screen  # the screen (or dialog) whose keys this help lists

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Markdown(self._text())

    def here_rows(self) -> list[tuple[list[str], str]]:
        """The keys of the screen help was opened on, from its BINDINGS."""
        if self.about is None:
            return []
        return key_rows(self.about, self.app.get_key_display)

    def everywhere_rows(self) -> list[tuple[list[str], str]]:
        """The app's keys: the screens, quick-add, the palette, help, quitting."""
        display = self.app.get_key_display
        rows = [([d.key], _("Go to {screen}").format(screen=_(d.description))) for d in DESTINATIONS]
        rows += [
            (["ctrl+n"], _("Quick add, from every screen")),
            (["ctrl+p"], _("Command palette: screens, people, actions")),
            (["escape"], _("Leave the field, then go back one screen")),
            (["question_mark"], _("This help")),
            (["q", "ctrl+q"], _("Quit")),
        ]
        # Key names as the footer shows them ("^n", "esc", "," for comma).
        return [([display(Binding(key, "")) for key in keys], what) for keys, what in rows]

    def _text(self) -> str:
        rules = "\n".join(f"{i}. **{_(r.title)}** — {_(r.advice)}" for i, r in enumerate(RULES, 1))
        here = self.here_rows()
        return "\n\n".join(
            [
                "# " + _("netjournal help"),
                *(["## " + _("Keys on this screen"), _key_list(here)] if here else []),
                "## " + _("Keys everywhere"),
                _key_list(self.everywhere_rows()),
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
