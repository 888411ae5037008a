"""Give first (rules 3 and 4): who could I help, and whom could I introduce to whom.

"Who could I help?" matches people's needs against your skills (settings) and what you have
given before; "Introductions" pairs one person's need with another's offer. Both come from
journal.givefirst, worked out in a worker thread (a big journal takes a moment). No ledger:
nothing here counts what anyone owes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Header, Label, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from journal import givefirst
from journal.i18n import N_, _, ngettext
from journal.ui.base import HEADER_ICON, JournalScreen
from journal.ui.widgets.footer import JournalFooter

# Lists longer than this show the best ones: a suggestion list, not an inventory.
HELP_SHOWN = 100
INTROS_SHOWN = 100


@dataclass(frozen=True)
class _Loaded:
    helps: list[givefirst.HelpMatch]
    skills: int
    # None while the introductions are still being worked out (they take longer).
    intros: list[givefirst.Introduction] | None = None


def _short_name(name: str) -> str:
    """The first name, to keep the lines short."""
    return name.split()[0] if name.split() else name


class GiveFirstScreen(JournalScreen):
    CSS_PATH = "give_first.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", N_("Open"), id="give-first-open", tooltip=N_("Open the person's page")),
        Binding("tab", "switch", N_("Other list"), id="give-first-switch", show=False),
        Binding(
            "v",
            "open_other",
            N_("View the other"),
            id="give-first-other",
            tooltip=N_("Open the page of the other person in an introduction"),
        ),
    ]

    def __init__(self) -> None:
        super().__init__(id="give-first")
        self.loaded: _Loaded | None = None

    def compose(self) -> ComposeResult:
        yield Header(icon=HEADER_ICON)
        with Horizontal(id="give-body"):
            with Vertical(id="help-pane", classes="give-pane"):
                yield Label(_("Who could I help?"), id="help-heading", classes="pane-title")
                yield Static(
                    _(
                        "Their needs, next to what you know (your skills in the settings) or have "
                        "given before. enter opens their page."
                    ),
                    classes="give-explain",
                )
                yield OptionList(id="help-list", classes="give-list")
                yield Static(_("Looking for matches…"), id="help-empty", classes="give-empty")
            with Vertical(id="intro-pane", classes="give-pane"):
                yield Label(_("Introductions worth making"), id="intro-heading", classes="pane-title")
                yield Static(
                    _(
                        "One person's need meets another's offer; ⇄: each could help the other. "
                        "enter opens the first page, v the second."
                    ),
                    classes="give-explain",
                )
                yield OptionList(id="intro-list", classes="give-list")
                yield Static(_("Looking for matches…"), id="intro-empty", classes="give-empty")
        yield JournalFooter()

    def on_mount(self) -> None:
        # (JournalScreen.on_mount, which subscribes to journal changes, runs too: Textual calls both.)
        self.sub_title = _("Give first")
        for selector in ("#help-list", "#intro-list"):
            self.query_one(selector).display = False
        self.refresh_data()

    # ------------------------------------------------------------------ loading

    def refresh_data(self) -> None:
        if not self.is_mounted or (self.loaded is not None and self.app.screen is not self):
            return
        self._load()

    @work(thread=True, exclusive=True, group="give-first-load")
    def _load(self) -> None:
        store = self.japp.store
        worker = get_current_worker()
        helps = givefirst.who_could_i_help_for(store)
        loaded = _Loaded(helps, len(store.settings.skills))
        if worker.is_cancelled:
            return
        self.app.call_from_thread(self._show, loaded)
        intros = givefirst.introductions(store.people(), limit=INTROS_SHOWN)
        if not worker.is_cancelled:
            self.app.call_from_thread(self._show, _Loaded(helps, loaded.skills, intros))

    def _show(self, loaded: _Loaded) -> None:
        if loaded.intros is None and self.loaded is not None and self.loaded.intros is not None:
            # Keep the introductions already shown until the new ones are ready.
            loaded = _Loaded(loaded.helps, loaded.skills, self.loaded.intros)
        self.loaded = loaded
        self._fill(
            "#help-list",
            "#help-empty",
            [self._help_option(m) for m in loaded.helps[:HELP_SHOWN]],
            _(
                "No one's needs meet your skills or what you gave before yet. Note what people need on "
                "their page, and your skills in the settings."
            )
            if loaded.skills
            else _(
                "Add your skills in the settings (what you know and could share), and note what people "
                "need on their page: matches show up here."
            ),
        )
        if loaded.intros is not None:
            self._fill(
                "#intro-list",
                "#intro-empty",
                [self._intro_option(i) for i in loaded.intros],
                _("No introductions to suggest yet: note what people need and what they offer."),
            )
        helps = len(loaded.helps)
        self.query_one("#help-heading", Label).update(
            _("Who could I help?")
            + "  "
            + (
                ngettext("{n} person", "{n} people", helps).format(n=helps)
                if helps <= HELP_SHOWN
                else _("the best {shown} of {n}").format(shown=HELP_SHOWN, n=helps)
            )
        )
        if loaded.intros is not None:
            intros = len(loaded.intros)
            self.query_one("#intro-heading", Label).update(
                _("Introductions worth making")
                + "  "
                + (
                    ngettext("{n} pair", "{n} pairs", intros).format(n=intros)
                    if intros < INTROS_SHOWN
                    else _("the best {n}").format(n=intros)
                )
            )
        if self.app.screen is self and self.focused is None:
            for selector in ("#help-list", "#intro-list"):
                if self.query_one(selector).display:
                    self.query_one(selector).focus()
                    break

    def _fill(self, list_selector: str, empty_selector: str, options: list[Option], empty_text: str) -> None:
        widget = self.query_one(list_selector, OptionList)
        current = widget.highlighted
        widget.clear_options()
        widget.add_options(options)
        if options:
            widget.highlighted = min(current or 0, len(options) - 1)
        widget.display = bool(options)
        empty = self.query_one(empty_selector, Static)
        empty.display = not options
        empty.update(empty_text)

    @staticmethod
    def _help_option(match: givefirst.HelpMatch) -> Option:
        text = Text(match.person.name, style="bold")
        text.append("  " + _("needs {need}").format(need=match.need))
        how = _("you know {offer}") if match.source == "skill" else _("you gave “{offer}” before")
        text.append("\n" + how.format(offer=match.offer), style="italic")
        return Option(text, id=match.person.id)

    @staticmethod
    def _intro_option(intro: givefirst.Introduction) -> Option:
        text = Text(intro.seeker.name, style="bold")
        text.append(" ⇄ " if intro.mutual else " → ")
        text.append(intro.helper.name, style="bold")
        seeker, helper = _short_name(intro.seeker.name), _short_name(intro.helper.name)
        if seeker == helper:  # two Chloés: full names, or the line says nothing
            seeker, helper = intro.seeker.name, intro.helper.name
        text.append(
            "\n"
            + _("{seeker} needs {need}; {helper} offers {offer}").format(
                seeker=seeker, need=intro.need, helper=helper, offer=intro.offer
            ),
            style="italic",
        )
        return Option(text, id=f"{intro.seeker.id}|{intro.helper.id}")

    # ------------------------------------------------------------------ actions

    def _focused_ids(self) -> list[str]:
        focused = self.focused
        if not isinstance(focused, OptionList) or focused.highlighted_option is None:
            return []
        return (focused.highlighted_option.id or "").split("|")

    @on(OptionList.OptionSelected)
    def _selected(self) -> None:
        self.action_open()

    def action_open(self) -> None:
        ids = self._focused_ids()
        if ids:
            self._open(ids[0])

    def action_open_other(self) -> None:
        ids = self._focused_ids()
        if len(ids) > 1:
            self._open(ids[1])

    def _open(self, person_id: str) -> None:
        if self.japp.store.person(person_id) is not None:
            self.japp.open_person(person_id)

    def action_switch(self) -> None:
        lists = [w for w in self.query(".give-list").results(OptionList) if w.display]
        if not lists:
            return
        index = lists.index(self.focused) if self.focused in lists else -1
        lists[(index + 1) % len(lists)].focus()
