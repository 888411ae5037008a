"""Due: who is due a check-in (rule 6), most overdue relative to their rhythm first, after the
follow-ups and birthdays of the coming week.

enter opens the person, `o` logs "I reached out" (after the give-them-time guard), `m` logs
"we met", `s` snoozes. The list is worked out in a worker thread: big journals take a moment.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar, Literal

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Header, Label, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from journal import pacing
from journal.i18n import N_, _, ngettext
from journal.model import DIRECTION_LABELS, Person
from journal.phrases import every_phrase, format_date, relative_day
from journal.ui.base import HEADER_ICON, JournalScreen
from journal.ui.modals.give_them_time import reach_out_gently
from journal.ui.modals.snooze import SnoozeModal
from journal.ui.widgets.footer import JournalFooter
from journal.ui.widgets.reminders import RemindersBox


class DueScreen(JournalScreen):
    CSS_PATH = "due.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", N_("Open"), id="due-open", tooltip=N_("Open the person's page")),
        Binding(
            "o",
            "reached_out",
            N_("I reached out"),
            id="due-reached-out",
            tooltip=N_("Log that you reached out today (a message)"),
        ),
        Binding("m", "met", N_("We met"), id="due-met", tooltip=N_("Log that you met today")),
        Binding(
            "s", "snooze", N_("Snooze"), id="due-snooze", tooltip=N_("Leave them off the due list for a number of days")
        ),
    ]

    def __init__(self) -> None:
        super().__init__(id="due")
        self.entries: list[pacing.DueEntry] = []
        self.loaded = False
        self._today: date | None = None

    def compose(self) -> ComposeResult:
        yield Header(icon=HEADER_ICON)
        with Horizontal(id="due-body"):
            with Vertical(id="due-list-pane"):
                yield RemindersBox(N_("Coming up"), id="due-reminders")
                yield Label("", id="due-heading", classes="pane-title")
                yield OptionList(id="due-people")
                yield Static(_("Working out who is due…"), id="due-empty")
            with VerticalScroll(id="due-detail"):
                yield Static("", id="due-person")
        yield JournalFooter()

    def on_mount(self) -> None:
        # (JournalScreen.on_mount, which subscribes to journal changes, runs too: Textual calls both.)
        self.sub_title = _("Due")
        self.query_one("#due-people", OptionList).display = False
        self.query_one("#due-detail").display = False
        self.refresh_data()

    # ------------------------------------------------------------------ loading

    def refresh_data(self) -> None:
        # Hidden screens catch up when they are shown again (on_screen_resume).
        if not self.is_mounted or (self.loaded and self.app.screen is not self):
            return
        self._load(self.japp.clock.today())
        self.query_one(RemindersBox).show_coming(self.japp.store, self.japp.clock.today())

    @work(thread=True, exclusive=True, group="due-load")
    def _load(self, today: date) -> None:
        entries = pacing.due_list_for(self.japp.store, today)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, entries, today)

    def _show(self, entries: list[pacing.DueEntry], today: date) -> None:
        self.entries = entries
        self.loaded = True
        self._today = today
        options = self.query_one("#due-people", OptionList)
        current = options.highlighted_option.id if options.highlighted_option else None
        index = options.highlighted or 0
        options.clear_options()
        options.add_options([Option(self._row(entry, today), id=entry.person.id) for entry in entries])
        ids = [entry.person.id for entry in entries]
        if entries:
            # Stay on the same person; if they left the list, on the one that took their place.
            options.highlighted = ids.index(current) if current in ids else min(index, len(ids) - 1)
        options.display = bool(entries)
        self.query_one("#due-detail").display = bool(entries)
        empty = self.query_one("#due-empty", Static)
        empty.display = not entries
        empty.update(_("Nobody is due a check-in today. Give them time."))
        self.query_one("#due-heading", Label).update(
            ngettext(
                "{n} person due for a check-in, most overdue first",
                "{n} people due for a check-in, most overdue first",
                len(entries),
            ).format(n=len(entries))
            if entries
            else _("Due for a check-in")
        )
        self._show_detail()
        if entries and self.app.screen is self and self.focused is None:
            options.focus()

    def _row(self, entry: pacing.DueEntry, today: date) -> Text:
        name = entry.person.name
        line = pacing.due_line(entry, today)
        text = Text(name, style="bold")
        rest = line[len(name) :] if line.startswith(name) else " · " + line
        if entry.status.unanswered:
            # The part about unanswered messages stands out: it is why the wait is longer.
            head, _sep, tail = rest.rpartition(" · ")
            text.append(head)
            text.append(" · " + tail, style="italic")
        else:
            text.append(rest)
        return text

    # ------------------------------------------------------------------ the highlighted person

    @property
    def selected(self) -> pacing.DueEntry | None:
        option = self.query_one("#due-people", OptionList).highlighted_option
        if option is None or not option.id:
            return None
        return next((e for e in self.entries if e.person.id == option.id), None)

    @on(OptionList.OptionHighlighted, "#due-people")
    def _highlighted(self) -> None:
        self._show_detail()

    def _show_detail(self) -> None:
        entry = self.selected
        box = self.query_one("#due-person", Static)
        if entry is None or self._today is None:
            box.update("")
            return
        today = self._today
        person = self.japp.store.person(entry.person.id) or entry.person
        state = entry.status
        text = Text(person.name, style="bold")
        facts = " · ".join(x for x in (person.role, person.company) if x)
        if facts:
            text.append("\n" + facts, style="dim")
        lines: list[Text | str] = [text, ""]
        lines.append(
            _("rhythm: {every} ({source})").format(
                every=every_phrase(state.cadence), source=_(pacing.SOURCE_LABELS[state.source])
            )
        )
        if state.last_contact is not None:
            how = _(DIRECTION_LABELS.get(state.last_direction or "", state.last_direction or ""))
            lines.append(
                _("last in touch {when} ({how})").format(when=relative_day(state.last_contact, today), how=how)
            )
        if state.next_due is not None:
            lines.append(
                _("due since {when}").format(when=relative_day(state.next_due, today))
                if state.next_due < today
                else _("due today")
            )
        if state.unanswered:
            lines.append(
                Text(
                    ngettext(
                        "{n} message without a reply: waiting {factor}× as long before the next",
                        "{n} messages without a reply: waiting {factor}× as long before the next",
                        state.unanswered,
                    ).format(n=state.unanswered, factor=state.wait // state.cadence),
                    style="italic",
                )
            )
        for label, value in (
            (_("What connects us"), person.common_ground),
            (_("Needs"), person.needs),
            (_("Offers"), person.offers),
        ):
            if value.strip():
                lines.append("")
                lines.append(Text(label, style="bold"))
                lines.append(value.strip())
        box.update(Text("\n").join(Text(x) if isinstance(x, str) else x for x in lines))

    # ------------------------------------------------------------------ actions

    def _person(self) -> Person | None:
        entry = self.selected
        return self.japp.store.person(entry.person.id) if entry else None

    @on(OptionList.OptionSelected, "#due-people")
    def _selected(self) -> None:
        self.action_open()

    def action_open(self) -> None:
        person = self._person()
        if person is None:
            return
        self.japp.open_person(person.id)

    def action_reached_out(self) -> None:
        person = self._person()
        if person is None:
            return
        reach_out_gently(self.japp, person, lambda: self._log(person, "outreach"))

    def action_met(self) -> None:
        person = self._person()
        if person is not None:
            self._log(person, "met")

    def _log(self, person: Person, direction: Literal["outreach", "met"]) -> None:
        encounter = pacing.quick_contact(person, self.japp.clock.local_now(), direction)
        done = (
            _("Logged: you reached out to {name} today.")
            if direction == "outreach"
            else _("Logged: you met {name} today.")
        ).format(name=person.name)
        store = self.japp.store
        undo = (
            _("logged that you reached out to {name}") if direction == "outreach" else _("logged that you met {name}")
        ).format(name=person.name)
        self.japp.run_save(
            self, lambda: store.add_encounter(encounter), done=lambda _e: self.app.notify(done), undo=undo
        )

    def action_snooze(self) -> None:
        person = self._person()
        if person is None:
            return

        def answered(snoozed: object) -> None:
            if not isinstance(snoozed, Person):
                return
            store = self.japp.store
            message = (
                _("Snoozed {name} until {day}.").format(name=snoozed.name, day=format_date(snoozed.snoozed_until))
                if snoozed.snoozed_until
                else _("{name} is awake again: back on the due list when due.").format(name=snoozed.name)
            )
            undo = (_("snoozed {name}") if snoozed.snoozed_until else _("woke {name} from the snooze")).format(
                name=snoozed.name
            )
            self.japp.run_save(self, lambda: store.save(snoozed), done=lambda _r: self.app.notify(message), undo=undo)

        self.app.push_screen(SnoozeModal(person, self.japp.clock.today()), answered)
