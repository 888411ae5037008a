"""Lucky: today's lucky encounter (rule 7), someone worth reconnecting with, and the chance log.

The pick is the same all day and after a restart: each pick shown is recorded with its reroll
number, and the screen opens on the day's latest. `r` rerolls, `o`/enter logs "I reached out"
in one key (after the give-them-time guard), `n` is "not now" (no penalty) and moves on.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Header, Label, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from journal import lucky
from journal.i18n import N_, _, ngettext
from journal.model import Person, ValidationError
from journal.phrases import format_date
from journal.store import JournalError
from journal.ui.base import HEADER_ICON, JournalScreen
from journal.ui.modals.give_them_time import reach_out_gently
from journal.ui.widgets.footer import JournalFooter

if TYPE_CHECKING:
    from journal.ui.app import JournalApp

# The chance log shows this many entries; the count says how many there are in all.
CHANCE_LOG_SHOWN = 200


@dataclass(frozen=True)
class _Loaded:
    today: date
    state: lucky.LuckyToday
    chances: list[lucky.ChanceEntry]


class LuckyScreen(JournalScreen):
    CSS_PATH = "lucky.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "o,enter",
            "reached_out",
            N_("I reached out"),
            id="lucky-reached-out",
            tooltip=N_("Log that you reached out today, in one key"),
            key_display="o",
        ),
        Binding("r", "reroll", N_("Reroll"), id="lucky-reroll", tooltip=N_("Someone else, please")),
        Binding(
            "n",
            "not_now",
            N_("Not now"),
            id="lucky-not-now",
            tooltip=N_("Not today; no penalty, it changes no one's chances"),
        ),
        Binding("v", "open", N_("View"), id="lucky-open", tooltip=N_("Open the person's page")),
        Binding("c", "copy_opener", N_("Copy"), id="lucky-copy", tooltip=N_("Copy the suggested first line")),
        Binding(
            "k", "chance_log", N_("Chance log"), id="lucky-chance-log", tooltip=N_("Move to the chance log and back")
        ),
    ]

    def __init__(self) -> None:
        super().__init__(id="lucky")
        self.loaded: _Loaded | None = None
        # The reroll asked for (rerolls only go forward within a day); the day it belongs to.
        self._reroll = 0
        self._day: date | None = None
        # (day, reroll) pairs whose "shown" record was saved, or tried: never twice.
        self._recording: set[tuple[date, int]] = set()
        self._picking = threading.Lock()
        self._busy = False

    def compose(self) -> ComposeResult:
        yield Header(icon=HEADER_ICON)
        with Horizontal(id="lucky-body"):
            with VerticalScroll(id="lucky-card"):
                yield Static("", id="lucky-name")
                yield Static("", id="lucky-reason")
                yield Static("", id="lucky-opener")
                yield Static("", id="lucky-outcome")
                yield Static("", id="lucky-more")
                yield Static("", id="lucky-odds")
            with Vertical(id="chance-pane"):
                yield Label("", id="chance-heading", classes="pane-title")
                yield OptionList(id="chance-log")
                yield Static("", id="chance-empty")
        yield JournalFooter()

    def on_mount(self) -> None:
        # (JournalScreen.on_mount, which subscribes to journal changes, runs too: Textual calls both.)
        self.sub_title = _("Lucky encounter")
        self.query_one("#lucky-card").border_title = _("Today's lucky encounter")
        self.query_one("#lucky-opener").border_title = _("You might say")
        self.query_one("#lucky-name", Static).update(_("Trusting chance…"))
        for selector in ("#lucky-opener", "#chance-log"):
            self.query_one(selector).display = False
        self.refresh_data()

    # ------------------------------------------------------------------ loading

    def refresh_data(self) -> None:
        if not self.is_mounted or (self.loaded is not None and self.app.screen is not self):
            return
        today = self.japp.clock.today()
        if self._day != today:
            self._day, self._reroll = today, 0
        self._load(self.japp, today, self._reroll)

    @work(thread=True, exclusive=True, group="lucky-load")
    def _load(self, app: JournalApp, today: date, reroll: int) -> None:
        # One worker, in this order: a new pick is recorded before the chance log is read, so the
        # log drawn with it already counts it (recorded by a separate save, it raced the read). The
        # lock lets one load at a time decide whether the pick is new: two must not both record it.
        store = app.store
        with self._picking:
            state = lucky.pick_to_show_for(store, today, reroll, seed=app.seed)
            if state.record is not None and (today, state.reroll) not in self._recording:
                self._recording.add((today, state.reroll))  # a save that failed is not retried
                try:
                    state = lucky.record_shown(store, state)
                except (JournalError, ValidationError) as error:
                    message = getattr(error, "message", str(error))
                    app.call_from_thread(app.notify, message, title=_("Not saved"), severity="error", timeout=10)
            chances = lucky.chance_log_for(store)
        if not get_current_worker().is_cancelled:
            app.call_from_thread(self._show, _Loaded(today, state, chances))

    def _show(self, loaded: _Loaded) -> None:
        if loaded.today != self._day or loaded.state.reroll < self._reroll:
            return  # an answer to an older question; a newer one is on its way
        self.loaded = loaded
        self._reroll = loaded.state.reroll
        self._show_pick(loaded.state)
        self._show_chances(loaded.chances)

    def _show_pick(self, state: lucky.LuckyToday) -> None:
        name = self.query_one("#lucky-name", Static)
        reason = self.query_one("#lucky-reason", Static)
        opener = self.query_one("#lucky-opener", Static)
        outcome = self.query_one("#lucky-outcome", Static)
        odds = self.query_one("#lucky-odds", Static)
        pick = state.pick
        opener.display = pick is not None
        if pick is None:
            name.update(Text(_("No lucky encounter today"), style="bold"))
            reason.update(
                _(
                    "No lucky encounter today: everyone was seen lately, is snoozed, or has a reply "
                    "outstanding. Trust chance tomorrow."
                )
            )
            outcome.update("")
            self.query_one("#lucky-more", Static).update("")
            odds.update("")
            return
        person = pick.person
        title = Text(person.name, style="bold")
        facts = " · ".join(x for x in (person.role, person.company) if x)
        if facts:
            title.append("\n" + facts, style="not bold dim")
        name.update(title)
        reason.update(Text.assemble((_("Why them: "), "bold"), pick.reason))
        opener.update(Text(pick.opener, style="italic"))
        if state.outcome == "reached_out":
            outcome.update(
                Text("✓ " + _("You reached out today. Now give them time; r shows someone else."), style="bold")
            )
        elif state.outcome == "not_now":
            outcome.update(_("Not now, then. No harm done."))
        else:
            outcome.update("")  # the footer says what the keys do
        outcome.display = state.outcome is not None
        self.query_one("#lucky-more", Static).update(self._more(person))
        odds.update(self._odds(pick, state.reroll))

    def _more(self, person: Person) -> Text:
        """Where to reach them (your active platforms first, rule 5), what they need and offer."""
        active = [p.casefold() for p in self.japp.store.settings.active_platforms]
        # The preferred e-mail and phone count as platforms here ("e-mail" may be an active one).
        contacts = [(_("e-mail"), person.preferred_email), (_("phone"), person.preferred_phone)]
        platforms = sorted(
            [*((name, value) for name, value in contacts if value), *person.platforms.items()],
            key=lambda kv: active.index(kv[0].casefold()) if kv[0].casefold() in active else len(active),
        )
        lines: list[Text] = []
        if platforms:
            reach = Text.assemble((_("Reach them: "), "bold"))
            for i, (platform, handle) in enumerate(platforms[:4]):
                if i:
                    reach.append(" · ")
                reach.append(f"{platform} ", style="bold" if platform.casefold() in active else "")
                reach.append(handle)
            lines.append(reach)
        for label, value in ((_("Needs"), person.needs), (_("Offers"), person.offers)):
            if value.strip():
                lines.append(Text.assemble((label + ": ", "bold"), value.strip().replace("\n", "; ")))
        return Text("\n").join(lines)

    @staticmethod
    def _odds(pick: lucky.LuckyEncounter, reroll: int) -> Text:
        parts = []
        if pick.eligible and pick.weight > 0:
            parts.append(
                ngettext(
                    "one of {n} person who could come up today",
                    "one of {n} people who could come up today",
                    pick.eligible,
                ).format(n=pick.eligible)
            )
            parts.append(_("chance {percent}").format(percent=f"{pick.chance:.0%}" if pick.chance >= 0.01 else "<1%"))
        if reroll:
            parts.append(ngettext("rerolled {n} time", "rerolled {n} times", reroll).format(n=reroll))
        return Text(" · ".join(parts), style="dim")

    def _show_chances(self, entries: list[lucky.ChanceEntry]) -> None:
        options = self.query_one("#chance-log", OptionList)
        current = options.highlighted_option.id if options.highlighted_option else None
        options.clear_options()
        shown = entries[:CHANCE_LOG_SHOWN]
        store = self.japp.store
        for entry in shown:
            encounter = entry.encounter
            text = Text(format_date(encounter.date, weekday=False) + "  ", style="dim")
            text.append(", ".join(store.names(encounter.person_ids)) or _("(nobody)"), style="bold")
            text.append("\n" + _(lucky.CHANCE_KIND_LABELS[entry.kind]), style="italic")
            if encounter.summary:
                text.append(" · " + encounter.summary.splitlines()[0][:120])
            options.add_option(Option(text, id=encounter.id))
        ids = [e.encounter.id for e in shown]
        if shown:
            options.highlighted = ids.index(current) if current in ids else 0
        options.display = bool(shown)
        empty = self.query_one("#chance-empty", Static)
        empty.display = not shown
        empty.update(_("The chance log is empty so far. Mark encounters “by chance”, or try the lucky encounter."))
        heading = ngettext("Chance log · {n} encounter", "Chance log · {n} encounters", len(entries)).format(
            n=len(entries)
        )
        if len(entries) > len(shown):
            heading += " · " + _("the latest {n}").format(n=len(shown))
        self.query_one("#chance-heading", Label).update(heading)

    # ------------------------------------------------------------------ actions

    def _current(self) -> tuple[Person, lucky.LuckyToday] | None:
        if self.loaded is None or self.loaded.state.pick is None:
            return None
        person = self.japp.store.person(self.loaded.state.pick.person.id)
        return (person, self.loaded.state) if person is not None else None

    def action_reroll(self) -> None:
        if self.loaded is None or self.loaded.state.pick is None:
            return
        self._reroll = self.loaded.state.reroll + 1
        self._load(self.japp, self.japp.clock.today(), self._reroll)

    def action_reached_out(self) -> None:
        if self.focused is not None and self.focused.id == "chance-log":
            self.action_open()
            return
        current = self._current()
        if current is None or self._busy:
            return
        person, state = current
        if state.outcome == "reached_out":
            self.app.notify(_("Already logged today: you reached out to {name}.").format(name=person.name))
            return
        today = self.japp.clock.today()
        store = self.japp.store

        def log() -> None:
            self._busy = True
            self.japp.run_save(
                self,
                lambda: lucky.reached_out(store, person, today, reroll=state.reroll),
                done=lambda _r: self._reached(person),
                failed=lambda _e: self._idle(),
                undo=_("logged that you reached out to {name}").format(name=person.name),
            )

        reach_out_gently(self.japp, person, log)

    def _reached(self, person: Person) -> None:
        self._busy = False
        self.app.notify(_("Logged: you reached out to {name} today.").format(name=person.name))

    def _idle(self) -> None:
        self._busy = False

    def action_not_now(self) -> None:
        current = self._current()
        if current is None or self._busy:
            return
        person, state = current
        if state.outcome is not None:
            # Already answered: move on to someone else.
            self.action_reroll()
            return
        today = self.japp.clock.today()
        store = self.japp.store
        self._busy = True

        def moved_on(_record: object) -> None:
            self._busy = False
            self.app.notify(_("Not now, then. No harm done."))
            self._reroll = max(self._reroll, state.reroll + 1)
            self.refresh_data()

        self.japp.run_save(
            self,
            lambda: lucky.not_now(store, person, today, reroll=state.reroll),
            done=moved_on,
            failed=lambda _e: self._idle(),
            undo=_("“not now” for {name}").format(name=person.name),
        )

    def action_open(self) -> None:
        person_id: str | None = None
        options = self.query_one("#chance-log", OptionList)
        if self.focused is options and options.highlighted_option is not None:
            encounter = self.japp.store.encounter(options.highlighted_option.id or "")
            person_id = encounter.person_ids[0] if encounter and encounter.person_ids else None
        elif (current := self._current()) is not None:
            person_id = current[0].id
        if person_id is None:
            return
        self.japp.open_person(person_id)

    @on(OptionList.OptionSelected, "#chance-log")
    def _chance_selected(self) -> None:
        self.action_open()

    def action_copy_opener(self) -> None:
        if self.loaded is None or self.loaded.state.pick is None:
            self.notify(_("No line to copy: there is no lucky encounter today."), severity="warning")
            return
        line = self.loaded.state.pick.opener
        self.app.copy_to_clipboard(line)
        self.notify(_("Copied the first line; paste it where you write to them."), markup=False)

    def action_chance_log(self) -> None:
        options = self.query_one("#chance-log", OptionList)
        if self.focused is options or not options.display:
            self.set_focus(None)
        else:
            options.focus()
