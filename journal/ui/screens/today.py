"""Today, the home screen: one day of the journal.

The date (`[`/`]` or ←/→ move a day, `t` comes back to today), the day's encounters (`n` new,
`e`/enter edit, delete or `x` deletes, `u` undoes), the day's note (saved a moment after you stop
typing, when you leave the field or the screen, and before quitting), the rule of the day, the
day's follow-ups and birthdays, who is due a check-in, and the streak.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, ClassVar, cast

from rich.cells import cell_len
from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.css.query import NoMatches
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Header, Label, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from journal.clock import parse_timestamp
from journal.dates import shift_days
from journal.i18n import N_, _, ngettext
from journal.model import CHANNEL_LABELS, DIRECTION_LABELS, OCCASION_LABELS, Encounter, ValidationError
from journal.phrases import format_date, relative_day, since
from journal.rules import rule_of_the_day
from journal.store import JournalError
from journal.streak import streak_for
from journal.ui.base import HEADER_ICON, JournalScreen
from journal.ui.widgets.footer import JournalFooter
from journal.ui.widgets.hanging import Entry
from journal.ui.widgets.reminders import RemindersBox

if TYPE_CHECKING:
    from textual.widgets import TextArea

    from journal.pacing import DueEntry

# Save the day note this long after the last keystroke.
NOTE_DEBOUNCE = 1.0
DUE_SHOWN = 5


class TodayScreen(JournalScreen):
    CSS_PATH = "today.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        # Most important first: the footer leaves out the last ones when the terminal is narrow.
        Binding("n", "new", N_("New"), id="today-new", tooltip=N_("Log an encounter with the full form")),
        Binding("e", "edit", N_("Edit"), id="today-edit"),
        Binding("w", "write_note", N_("Note"), id="today-note", tooltip=N_("Write in the day's note")),
        # Not `d`: that goes to the Due screen from everywhere.
        Binding("x,delete", "delete", N_("Delete"), id="today-delete"),
        Binding("u", "undo", N_("Undo"), id="today-undo", tooltip=N_("Take back the last change")),
        Binding("left_square_bracket,left", "move_day(-1)", N_("Day before"), id="today-previous-day", key_display="["),
        Binding("right_square_bracket,right", "move_day(1)", N_("Day after"), id="today-next-day", key_display="]"),
        Binding("t", "to_today", N_("Today"), id="today-today"),
    ]

    def __init__(self) -> None:
        super().__init__(id="today")
        self.day: date | None = None
        # The day note: the day the text area shows, the text last known to be on disk for each
        # day (as typed), and what was typed but is not on disk yet (in flight, or refused).
        self._note_day: date | None = None
        self._note_baseline: dict[date, str] = {}
        self._note_unsaved: dict[date, str] = {}
        self._note_busy = False
        self._note_timer: Timer | None = None
        self._rows_signature: object = None

    def compose(self) -> ComposeResult:
        yield Header(icon=HEADER_ICON)
        with Vertical(id="today-body"):
            with Horizontal(id="today-top"):
                yield Static("", id="day-title")
                yield Static("", id="streak")
            yield Static("", id="rule-of-the-day")
            with Horizontal(id="today-main"):
                with Vertical(id="encounters-pane"):
                    yield Label("", id="encounters-title", classes="pane-title")
                    yield OptionList(id="encounters")
                    yield Static("", id="encounters-empty")
                # Filled once the first frame is drawn (see _side_pane): the day's encounters first.
                yield Vertical(id="side-pane")
        yield JournalFooter()

    def _side_pane(self) -> Vertical:
        """The pane beside the encounters: the day's note, reminders and who is due. It is not part
        of the first frame (its widgets cost as much to set up as the rest of Today together), so
        it is mounted after it, or as soon as something asks for it (a key typed ahead)."""
        pane = self.query_one("#side-pane", Vertical)
        if not pane.children:
            from textual.widgets import TextArea  # (loaded with the pane: not part of the first frame)

            pane.mount(
                Label(_("Note for the day"), id="note-title", classes="pane-title"),
                TextArea(id="day-note", soft_wrap=True, placeholder=_("How did the day go? Press w to write.")),
                Static("", id="note-status", markup=False),  # messages quote what was typed
                RemindersBox(N_("Follow-ups and birthdays"), id="today-reminders"),
                Vertical(
                    Label(_("Due for a check-in"), id="due-title", classes="pane-title"),
                    Static("", id="due-list"),
                    id="due-strip",
                ),
            )
        return pane

    def on_mount(self) -> None:
        # (JournalScreen.on_mount, which subscribes to changes, runs too: Textual calls both.)
        self.day = self.japp.clock.today()
        # The data is drawn once, when the screen is first shown (JournalScreen.on_screen_resume).
        self.query_one("#encounters", OptionList).focus()

    # ------------------------------------------------------------------ showing the day

    def refresh_data(self) -> None:
        if self.day is None:
            return
        self._show_heading()
        self._show_encounters()
        self.japp.after_first_frame(self._show_side_pane)

    def _show_side_pane(self) -> None:
        if self.day is None or not self.is_attached:
            return
        try:
            self._side_pane()
            self._show_note()
        except NoMatches:
            return  # the app closed as it started: its widgets are being taken down
        self._show_due()
        self.query_one(RemindersBox).show_day(self.japp.store, self.day, self.japp.clock.today())

    def _show_heading(self) -> None:
        assert self.day is not None
        today = self.japp.clock.today()
        title = Text(format_date(self.day), style="bold")
        title.append("  " + relative_day(self.day, today), style="not bold")
        self.query_one("#day-title", Static).update(title)
        days = streak_for(self.japp.store, today)
        streak = (
            ngettext("✦ logged {n} day in a row", "✦ logged {n} days in a row", days).format(n=days)
            if days
            else _("Nothing logged yesterday or today yet: start a streak.")
        )
        self.query_one("#streak", Static).update(streak)
        rule = rule_of_the_day(self.day)
        self.query_one("#rule-of-the-day", Static).update(
            Text.assemble(
                (_("Rule {n}: {title}").format(n=rule.number, title=_(rule.title)), "bold"), " — ", _(rule.advice)
            )
        )

    def _show_encounters(self) -> None:
        assert self.day is not None
        store = self.japp.store
        encounters = sorted(store.encounters_on(self.day), key=lambda e: (e.time or "", e.created), reverse=True)
        options = self.query_one("#encounters", OptionList)
        # Every save anywhere refreshes this screen; rebuild the rows only when what they show changed
        # (the encounters, their people's names, the minute for "logged … ago"): a busy day has hundreds.
        minute = self.japp.clock.now().replace(second=0, microsecond=0)
        # (Records compare by value, so an edit shows even when two saves share a timestamp.)
        signature = (self.day, minute, tuple((e, tuple(store.person(pid) for pid in e.person_ids)) for e in encounters))
        if signature != self._rows_signature:
            self._rows_signature = signature
            highlighted = options.highlighted_option.id if options.highlighted_option else None
            options.clear_options()
            # So many entries that the list will scroll (each takes a line at least): keep the
            # scrollbar's columns from the start, so that they are wrapped once, not again when
            # the scrollbar appears (hundreds of entries on a busy day take a while to wrap).
            options.styles.scrollbar_gutter = "stable" if len(encounters) >= self.app.size.height else "auto"
            shown_first = encounters
            if not self.japp.first_frame_drawn and len(encounters) > self.app.size.height:
                # The first frame needs only the rows it can show; the others follow once it is drawn.
                shown_first = encounters[: self.app.size.height]
                rest = encounters[len(shown_first) :]
                self.japp.after_first_frame(lambda: self._add_rows(signature, rest))
            options.add_options([Option(self._row(e), id=e.id) for e in shown_first])
            ids = [e.id for e in shown_first]  # (the rows the list has now)
            if encounters:
                options.highlighted = ids.index(highlighted) if highlighted in ids else 0
        self.query_one("#encounters-title", Label).update(
            ngettext("{n} encounter", "{n} encounters", len(encounters)).format(n=len(encounters))
        )
        empty = self.query_one("#encounters-empty", Static)
        empty.display = not encounters
        options.display = bool(encounters)
        if self.day == self.japp.clock.today():
            empty.update(
                _(
                    "Nobody logged yet today. Press n for the full form, or ctrl+n and type who you "
                    "met, e.g. “Anna Müller @ PyCon: talked about Rust”."
                )
            )
        else:
            empty.update(_("Nobody logged on this day. Press n to add someone, or t to go back to today."))

    def _add_rows(self, signature: object, encounters: list[Encounter]) -> None:
        if self.is_attached and signature is self._rows_signature:  # (else rebuilt meanwhile)
            self.query_one("#encounters", OptionList).add_options([Option(self._row(e), id=e.id) for e in encounters])

    def _row(self, encounter: Encounter) -> Entry:
        """Who, what kind, where on the first line(s); what happened beneath, indented, so that a
        long line wraps under its own entry rather than at the margin."""
        names = ", ".join(self.japp.store.names(encounter.person_ids))
        head = Text()
        if encounter.time:
            head.append(encounter.time + "  ", style="dim")
        head.append(names, style="bold")
        if encounter.occasion:
            head.append(" · ")
            head.append(_(OCCASION_LABELS[encounter.occasion]), style="italic")
        if encounter.place:
            head.append(f" · @ {encounter.place}")
        if encounter.channel != "in_person":
            head.append(f" · {_(CHANNEL_LABELS.get(encounter.channel, encounter.channel))}", style="dim")
        if encounter.direction != "met":
            head.append(f" · {_(DIRECTION_LABELS.get(encounter.direction, encounter.direction))}", style="dim")
        if encounter.by_chance:
            head.append(" ✦ " + _("by chance"), style="bold")
        parts = [Text(encounter.summary.splitlines()[0][:200])] if encounter.summary else []
        if encounter.gave:
            parts.append(Text(_("gave: {what}").format(what=encounter.gave.splitlines()[0][:120])))
        if encounter.received:
            parts.append(Text(_("came back: {what}").format(what=encounter.received.splitlines()[0][:120])))
        if encounter.tags:
            parts.append(Text(" ".join(f"#{tag}" for tag in encounter.tags), style="italic"))
        if encounter.created:
            when = since(parse_timestamp(encounter.created), self.japp.clock.now())
            parts.append(Text(_("logged {when}").format(when=when), style="dim"))
        # Wrapped lines start under the names (after the time), the summary line too.
        indent = cell_len(encounter.time) + 2 if encounter.time else 2
        return Entry(head, [Text(" · ").join(parts)] if parts else [], indent)

    def _show_due(self) -> None:
        # The due list looks at everyone's history (0.2-0.5 s at 5,000 people): work it out in a
        # thread so the day's encounters are drawn at once and typing never waits for it.
        self._load_due(self.japp.clock.today())

    @work(thread=True, exclusive=True, group="today-due", exit_on_error=False)
    def _load_due(self, today: date) -> None:
        from journal.pacing import due_list_for

        entries = due_list_for(self.japp.store, today)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._render_due, entries, today)

    def _render_due(self, entries: list[DueEntry], today: date) -> None:
        from journal.pacing import due_line

        if not self.is_attached:
            return
        box = self.query_one("#due-list", Static)
        if not entries:
            box.update(_("Nobody is due today. Give people time."))
            return
        lines = [Text("• ") + Text(due_line(entry, today)) for entry in entries[:DUE_SHOWN]]
        if len(entries) > DUE_SHOWN:
            more = len(entries) - DUE_SHOWN
            lines.append(Text(ngettext("and {n} more", "and {n} more", more).format(n=more), style="dim"))
        box.update(Text("\n").join(lines))

    # ------------------------------------------------------------------ moving between days

    def show_day(self, day: date) -> None:
        self._queue_note()
        self._flush_notes()
        self.day = day
        self.refresh_data()

    def action_move_day(self, delta: int) -> None:
        if self.day is not None:
            self.show_day(shift_days(self.day, delta))

    def action_to_today(self) -> None:
        self.show_day(self.japp.clock.today())

    # ------------------------------------------------------------------ encounters

    @property
    def selected(self) -> Encounter | None:
        option = self.query_one("#encounters", OptionList).highlighted_option
        return self.japp.store.encounter(option.id) if option and option.id else None

    def action_new(self) -> None:
        self.japp.open_encounter_form(day=self.day)

    def action_edit(self) -> None:
        if (encounter := self.selected) is not None:
            self.japp.open_encounter_form(encounter=encounter)

    @on(OptionList.OptionSelected, "#encounters")
    def _open(self, event: OptionList.OptionSelected) -> None:
        if event.option.id and (encounter := self.japp.store.encounter(event.option.id)) is not None:
            self.japp.open_encounter_form(encounter=encounter)

    def action_delete(self) -> None:
        if (encounter := self.selected) is not None:
            self.japp.delete_encounter(encounter)

    def action_undo(self) -> None:
        self.japp.action_undo()

    # ------------------------------------------------------------------ the day note

    @property
    def note_area(self) -> TextArea:
        return cast("TextArea", self._side_pane().query_one("#day-note"))

    def _stored_note(self, day: date) -> str:
        note = self.japp.store.day_note(day)
        return note.text if note else ""

    def _show_note(self) -> None:
        """Load the note for the day shown; never overwrite text that is being typed."""
        assert self.day is not None
        area = self.note_area
        if self._note_day == self.day:
            # Same day: take a change from elsewhere (an import) only if nothing is pending here.
            stored = self._stored_note(self.day)
            if (
                self.day not in self._note_unsaved
                and not area.has_focus
                and stored != self._note_baseline.get(self.day)
                and stored != area.text
            ):
                self._note_baseline[self.day] = stored
                area.load_text(stored)
            return
        self._note_day = self.day
        stored = self._stored_note(self.day)
        self._note_baseline.setdefault(self.day, stored)
        if self._note_baseline[self.day] != stored and self.day not in self._note_unsaved:
            self._note_baseline[self.day] = stored
        area.load_text(self._note_unsaved.get(self.day, stored))
        self._set_note_status("unsaved" if self.day in self._note_unsaved else "")

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        # (By name, not with @on(TextArea.Changed): TextArea is loaded with the side pane.)
        if event.text_area.id != "day-note":
            return
        self._queue_note()
        if self._note_day in self._note_unsaved:
            self._set_note_status("typing")
            if self._note_timer is not None:
                self._note_timer.stop()
            self._note_timer = self.set_timer(NOTE_DEBOUNCE, self._flush_notes)

    def _queue_note(self) -> None:
        """Remember the text area's text as unsaved if it differs from what is on disk."""
        day = self._note_day
        if day is None:
            return
        text = self.note_area.text
        if text == self._note_baseline.get(day, ""):
            self._note_unsaved.pop(day, None)
        else:
            self._note_unsaved[day] = text

    def _flush_notes(self) -> None:
        """Save one unsaved note in the background; the next follows when it is done."""
        if self._note_busy:
            return
        pending = [(d, t) for d, t in self._note_unsaved.items() if t != self._note_baseline.get(d, "")]
        if not pending:
            return
        day, text = pending[0]
        self._note_busy = True
        self._set_note_status("saving")
        store = self.japp.store
        self.japp.run_save(
            self,
            lambda: store.set_day_note(day, text),
            done=lambda _note: self._note_saved(day, text),
            failed=lambda error: self._note_failed(day, text, error),
        )

    def _note_saved(self, day: date, text: str) -> None:
        self._note_busy = False
        self._note_baseline[day] = text
        if self._note_unsaved.get(day) == text:
            del self._note_unsaved[day]
        self._set_note_status("saved" if day == self._note_day and day not in self._note_unsaved else "typing")
        self._flush_notes()

    def _note_failed(self, day: date, text: str, error: Exception) -> None:
        # The text stays in the text area (and in _note_unsaved); the next change or leaving retries.
        self._note_busy = False
        self._set_note_status("failed", getattr(error, "message", str(error)))

    def _set_note_status(self, state: str, detail: str = "") -> None:
        status = self._side_pane().query_one("#note-status", Static)
        status.set_class(state == "failed", "-error")
        status.update(
            {
                "": "",
                "typing": _("…"),
                "unsaved": _("not saved yet"),
                "saving": _("saving…"),
                "saved": _("saved"),
                "failed": _("Not saved: {reason}").format(reason=detail),
            }.get(state, "")
        )

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        if event.widget.id == "day-note":
            self._queue_note()
            self._flush_notes()

    def on_screen_suspend(self) -> None:
        self._queue_note()
        self._flush_notes()

    def unsaved_notes(self) -> dict[date, str]:
        """Notes typed but not on disk (kept in a recovery file when the app is stopped)."""
        self._queue_note()
        return {day: text for day, text in self._note_unsaved.items() if text != self._note_baseline.get(day, "")}

    def flush_before_quit(self) -> bool:
        """Called by the app before it exits: write pending notes now; False (and a message) on failure."""
        self._queue_note()
        if self._note_timer is not None:
            self._note_timer.stop()
        store = self.japp.store
        for day, text in list(self._note_unsaved.items()):
            if text == self._note_baseline.get(day, ""):
                continue
            try:
                store.set_day_note(day, text)
            except (JournalError, ValidationError) as error:
                self.app.notify(
                    _(
                        "The day note for {day} could not be saved: {reason} Quit again once it is "
                        "fixed, or copy the text."
                    ).format(day=format_date(day), reason=error.message),
                    severity="error",
                    timeout=15,
                )
                self._set_note_status("failed", error.message)
                return False
            self._note_baseline[day] = text
            self._note_unsaved.pop(day, None)
        return True

    def action_write_note(self) -> None:
        self.note_area.focus()

    def home_focus(self) -> Widget | None:
        # Escape leaves the note for the list of encounters (when there are any).
        return self.query_one("#encounters", OptionList)
