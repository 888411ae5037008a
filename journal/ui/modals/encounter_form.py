"""The full encounter form: every field of an encounter, to log a new one or edit one.

Opened with `n` (empty, dated on the day shown), `e`/enter on an encounter (to edit it), or
ctrl+e "More…" in the quick-add box (filled from the line typed so far). ctrl+s saves; escape
cancels (asking first if anything was typed). Each field says under itself what is wrong; nothing
is saved until every field is valid, and nothing typed is ever cleared by an error, a refused
confirmation or a failed write. The logic lives in journal.entry (form, then plan, as quick-add).
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Label, Select, Static, TextArea

from journal import dates
from journal.entry.fields import ENTRY_FIELDS, EntryField, Typed, format_tags, parse_tags
from journal.entry.form import (
    FormValues,
    form_field,
    read_form,
    unconfirmed_people,
    values_for_new,
    values_from_encounter,
    values_from_line,
)
from journal.entry.plan import Plan, add_people_question, commit, picked, plan_entry
from journal.i18n import N_, _, ngettext
from journal.model import (
    CHANNEL_LABELS,
    CHANNELS,
    DIRECTION_LABELS,
    DIRECTIONS,
    OCCASION_LABELS,
    OCCASIONS,
    Encounter,
    Person,
    ValidationError,
)
from journal.phrases import format_date, relative_day
from journal.ui.base import JournalModal
from journal.ui.modals.confirm import ConfirmModal
from journal.ui.widgets.people_picker import PeoplePicker

# Each entry field's widget (its id is the field's name), by the kind of field.
SHORT_FIELDS = tuple(spec.name for spec in ENTRY_FIELDS if spec.kind in ("date", "time", "follow_up", "line", "tags"))
HINTED = ("date", "follow_up", "tags")  # fields with a hint line under them


def _labels() -> dict[str, str]:
    return {
        "people": _("Who"),
        "date": _("Date"),
        "time": _("Time"),
        "follow_up": _("Follow up on"),
        "occasion": _("Occasion"),
        "channel": _("Channel"),
        "direction": _("Who moved"),
        "place": _("Place"),
        "tags": _("Tags"),
        "by_chance": _("By chance"),
        "summary": _("Summary"),
        "common_ground": _("What connects us"),
        "experience": _("Experience exchanged"),
        "gave": _("What I gave"),
        "received": _("What came back"),
    }


class EncounterForm(JournalModal):
    """Dismisses with the saved Encounter, or None when cancelled."""

    CSS_PATH = "encounter_form.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", N_("Save"), id="form-save", priority=True),
        Binding("escape", "cancel", N_("Cancel"), id="form-cancel"),
    ]

    def __init__(
        self,
        *,
        day: date,
        encounter: Encounter | None = None,
        line: str | None = None,
        people: list[Person] | None = None,
        restored: FormValues | None = None,
    ) -> None:
        super().__init__()
        self.day = day
        self.encounter = encounter
        self.line = line
        self.people = list(people or [])
        # Input kept when the app was stopped (journal.recovery), shown instead of the start values.
        self.restored = restored
        self.warnings: list[str] = []
        self._saving = False
        self._tried = False  # after a failed save, fields re-check as they change
        self._initial: FormValues | None = None
        self._errors: dict[str, str] = {}
        # Problems the store found on saving (a field too long…), shown until that field changes.
        self._store_errors: dict[str, str] = {}
        self._fresh = True  # focus the first field when next shown
        self._opening = 0  # counts openings of this (reused) form, so a late save of one never closes the next

    # ------------------------------------------------------------------ building

    def _start_values(self) -> FormValues:
        store, today = self.japp.store, self.japp.clock.today()
        if self.encounter is not None:
            return values_from_encounter(self.encounter, store)
        if self.line and self.line.strip():
            values, self.warnings = values_from_line(self.line, store, today, self.day)
            return values
        values = values_for_new(self.day)
        values.people = list(self.people)  # a new encounter with someone (from their page)
        return values

    def compose(self) -> ComposeResult:
        values = self._start_values()
        self._initial = values.copy()
        values = self.restored.copy() if self.restored is not None else values
        typed: dict[str, Typed] = values.typed
        labels = _labels()

        def line(name: str, placeholder: str) -> Input:
            return Input(str(typed[name] or ""), id=name, compact=True, placeholder=placeholder)

        def area(name: str, placeholder: str) -> TextArea:
            return TextArea(str(typed[name] or ""), id=name, compact=True, classes="long", placeholder=placeholder)

        def choice(name: str, options: tuple[str, ...], names: dict[str, str], blank: str | None = None) -> Select[str]:
            """A list to choose from; ``blank`` names the empty choice, if there is one."""
            value = typed[name]
            return Select(
                [(_(names[o]), o) for o in options],
                id=name,
                compact=True,
                value=value if isinstance(value, str) else Select.NULL,
                allow_blank=blank is not None,
                prompt=blank or "",
            )

        with VerticalScroll(id="form-box"):
            yield Label(self._title(), id="form-title")
            warnings = Static("\n".join(self.warnings), id="form-warnings", markup=False)
            warnings.display = bool(self.warnings)
            yield warnings
            with self._cell("people", labels):
                yield PeoplePicker(values.people, confirmed_new=values.confirmed_new, id="people")
            with Horizontal(classes="form-row"):
                with self._cell("date", labels, classes="date-cell"):
                    yield line("date", _("today, yesterday, monday, 2026-11-29"))
                with self._cell("time", labels, classes="time-cell"):
                    yield line("time", "14:30")
                with self._cell("follow_up", labels, classes="date-cell"):
                    yield line("follow_up", _("friday, in 2 weeks"))
                with self._cell("by_chance", labels, classes="chance-cell", label=False):
                    yield Checkbox(labels["by_chance"], bool(typed["by_chance"]), id="by_chance", compact=True)
            with Horizontal(classes="form-row"):
                with self._cell("occasion", labels):
                    yield choice("occasion", OCCASIONS, OCCASION_LABELS, blank=_("(none)"))
                with self._cell("channel", labels):
                    yield choice("channel", CHANNELS, CHANNEL_LABELS)
                with self._cell("direction", labels):
                    yield choice("direction", DIRECTIONS, DIRECTION_LABELS)
            with Horizontal(classes="form-row"):
                with self._cell("place", labels):
                    yield line("place", _("Café Kranzler, Berlin"))
                with self._cell("tags", labels):
                    yield line("tags", "#python #berlin")
            with self._cell("summary", labels):
                yield area("summary", _("What happened, in a line or two"))
            with Horizontal(classes="form-row"):
                with self._cell("common_ground", labels):
                    yield area("common_ground", _("Rule 1: what you have in common"))
                with self._cell("experience", labels):
                    yield area("experience", _("What you learned from each other"))
            with Horizontal(classes="form-row"):
                with self._cell("gave", labels):
                    yield area("gave", _("Rule 3: a tip, an introduction, help"))
                with self._cell("received", labels):
                    yield area("received", _("Rule 4: no score kept; note what surprised you"))
            yield Static("", id="form-error", markup=False)
            with Horizontal(id="form-buttons"):
                yield Static(_("ctrl+s saves · esc cancels · tab moves on"), id="form-help")
                yield Button(_("Cancel"), id="form-cancel-button", compact=True)
                yield Button(_("Save"), id="form-save-button", variant="primary", compact=True)

    def _cell(self, name: str, labels: dict[str, str], *, classes: str = "", label: bool = True) -> _Cell:
        """A field: its label above the widget, and a note line below it for a hint or an error."""
        cell = Vertical(classes=f"form-cell {classes}".strip(), id=f"cell-{name}")
        cell.compose_add_child(Label(labels[name] if label else " ", classes="form-label", id=f"label-{name}"))
        return _Cell(cell, name)

    def _title(self) -> str:
        if self.encounter is not None:
            return _("Edit encounter · {day}").format(day=format_date(self.encounter.date))
        return _("New encounter · {day}").format(day=format_date(self.day))

    def on_mount(self) -> None:
        for name in HINTED:
            self._hint(name)

    def on_screen_resume(self) -> None:
        if self._fresh:
            self._fresh = False
            self._focus_start()

    def _focus_start(self) -> None:
        if self.encounter is None and not (self._initial and self._initial.people):
            self.query_one("#people-input", Input).focus()
        else:
            self.query_one("#summary", TextArea).focus()
        for area in self.query(TextArea):
            area.move_cursor(area.document.end)
        self.query_one("#form-box", VerticalScroll).scroll_home(animate=False)

    # ------------------------------------------------------------------ reuse

    def prepare(
        self,
        *,
        day: date,
        encounter: Encounter | None = None,
        line: str | None = None,
        people: list[Person] | None = None,
        restored: FormValues | None = None,
    ) -> None:
        """Make this (already built) form ready for another encounter: building one takes a while
        with this many widgets, so the app keeps one form and refills it (JournalApp.open_encounter_form)."""
        self.day, self.encounter, self.line, self.people = day, encounter, line, list(people or [])
        self.restored = restored
        self.warnings = []
        self._saving = False
        self._tried = False
        self._fresh = True
        self._store_errors = {}
        self._opening += 1
        self._close_with = []
        if not self.is_mounted:
            return  # compose reads the new values
        values = self._start_values()
        self._initial = values.copy()
        values = restored.copy() if restored is not None else values
        self.query_one("#form-title", Label).update(self._title())
        warnings = self.query_one("#form-warnings", Static)
        warnings.update("\n".join(self.warnings))
        warnings.display = bool(self.warnings)
        self.query_one(PeoplePicker).reset(values.people, values.confirmed_new)
        for spec in ENTRY_FIELDS:
            self._put(spec, values.typed[spec.name])
        self.query_one("#form-error", Static).update("")
        self.show_errors({})

    # ------------------------------------------------------------------ reading the fields

    def _put(self, spec: EntryField, typed: Typed) -> None:
        widget = self.query_one(f"#{spec.name}")
        if isinstance(widget, TextArea):
            widget.load_text(str(typed or ""))
        elif isinstance(widget, Select):
            widget.value = typed or Select.NULL
        elif isinstance(widget, Checkbox):
            widget.value = bool(typed)
        elif isinstance(widget, Input):
            widget.value = str(typed or "")

    def _take(self, spec: EntryField) -> Typed:
        widget = self.query_one(f"#{spec.name}")
        if isinstance(widget, TextArea):
            return widget.text
        if isinstance(widget, Select):
            return None if widget.value is Select.NULL else str(widget.value)
        if isinstance(widget, Checkbox | Input):
            return widget.value
        raise TypeError(spec.name)

    def values(self) -> FormValues:
        picker = self.query_one(PeoplePicker)
        return FormValues(
            people=list(picker.people),
            typed={spec.name: self._take(spec) for spec in ENTRY_FIELDS},
            confirmed_new=set(picker.confirmed_new),
        )

    @property
    def is_dirty(self) -> bool:
        return self._initial is not None and self.values().comparable() != self._initial.comparable()

    def recovery(self) -> dict[str, object]:
        """What the app keeps of this form when it is stopped (journal.recovery)."""
        values = self.values()
        return {
            "kind": "encounter",
            "day": self.day.isoformat(),
            "encounter_id": self.encounter.id if self.encounter is not None else None,
            "people": [{"id": p.id, "name": p.name} for p in values.people],
            "typed": dict(values.typed),
            "confirmed_new": sorted(values.confirmed_new),
        }

    # ------------------------------------------------------------------ inline notes

    def _set_note(self, name: str, *, error: str = "", hint: str = "") -> None:
        """The line under a field: what is wrong (in the error colour), or a hint, or nothing."""
        notes = self.query(f"#note-{name}")
        if not notes:
            return
        note = notes.first(Static)
        note.update(error or hint)
        note.set_class(bool(error), "-error")
        note.display = bool(error or hint)

    def show_errors(self, errors: dict[str, str]) -> None:
        errors = {**self._store_errors, **errors}
        self._errors = dict(errors)
        for cell in self.query(".form-cell"):
            name = (cell.id or "").removeprefix("cell-")
            cell.set_class(name in errors, "-invalid")
            if name in errors:
                self._set_note(name, error=errors[name])
            elif name in HINTED:
                self._hint(name)
            else:
                self._set_note(name)

    def _hint(self, name: str) -> None:
        """Under a date field: the date the phrase means, so "friday" is never a surprise. Under the
        tags: the tags that will be saved, so a sentence typed there by mistake shows as one."""
        if name in self._errors:
            return
        value = self.query_one(f"#{name}", Input).value
        today = self.japp.clock.today()
        shown = ""
        if name == "tags":
            tags = parse_tags(value)
            shown = format_tags(tags) if format_tags(tags) != " ".join(value.split()) else ""
        elif value.strip():
            try:
                day = dates.parse_date(value, today, prefer="future" if name == "follow_up" else "past")
                shown = f"{format_date(day)} · {relative_day(day, today)}"
            except ValidationError:
                shown = ""
        self._set_note(name, hint=shown)

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Select.Changed)
    @on(Checkbox.Changed)
    @on(PeoplePicker.Changed)
    def _changed(self, event: object) -> None:
        control = getattr(event, "control", None)
        name = getattr(control, "id", None)
        if name in HINTED:
            self._hint(name)
        self._store_errors.pop(name or "", None)
        if self._tried:
            _draft, errors = read_form(self.values(), self.japp.clock.today())
            self.show_errors(errors)
            if not self._errors:
                self.query_one("#form-error", Static).update("")

    @on(Input.Submitted)
    def _next_field(self, event: Input.Submitted) -> None:
        if event.input.id in SHORT_FIELDS:
            event.stop()
            self.focus_next()

    @on(Input.Blurred, "#time")
    def _tidy_time(self, event: Input.Blurred) -> None:
        try:
            value = dates.parse_time(event.value)
        except ValidationError:
            return
        if value and value != event.value:
            event.input.value = value

    # ------------------------------------------------------------------ saving

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "form-save-button":
            self.action_save()
        elif event.button.id == "form-cancel-button":
            self.action_cancel()

    def action_save(self) -> None:
        if self._saving:
            return
        values = self.values()
        store, today = self.japp.store, self.japp.clock.today()
        self._store_errors = {}  # the store looks again
        draft, errors = read_form(values, today)
        self.show_errors(errors)
        banner = self.query_one("#form-error", Static)
        if errors or draft is None:
            self._tried = True
            banner.update(
                ngettext(
                    "One field needs attention; nothing was saved.",
                    "{n} fields need attention; nothing was saved.",
                    len(errors),
                ).format(n=len(errors))
            )
            self._focus_field(next(iter(errors), "people"))
            return
        banner.update("")
        plan = plan_entry(store, draft, picked(store, values.people), today, default_date=self.day, base=self.encounter)
        unconfirmed = unconfirmed_people(values, store)
        if unconfirmed:
            question = add_people_question(unconfirmed)

            def answered(ok: bool | None) -> None:
                if ok:
                    picker = self.query_one(PeoplePicker)
                    picker.confirmed_new.update(p.id for p in unconfirmed)
                    self._write(plan)

            self.app.push_screen(ConfirmModal(question, yes=_("Add them")), answered)
            return
        self._write(plan)

    def _focus_field(self, name: str) -> None:
        target = "#people-input" if name == "people" else f"#{name}"
        widgets = self.query(target)
        if widgets:
            widget = widgets.first(Widget)
            widget.focus()
            widget.scroll_visible(animate=False)

    def _write(self, plan: Plan) -> None:
        self._saving = True
        opening, edited = self._opening, self.encounter is not None
        self.japp.run_save(
            self,
            lambda: commit(self.japp.store, plan),
            done=lambda encounter: self._saved(encounter, plan.give_them_time, opening, edited),
            failed=lambda error: self._failed(error) if opening == self._opening else None,
            undo=lambda encounter: (
                _("edited the encounter with {names}") if edited else _("logged an encounter with {names}")
            ).format(names=", ".join(self.japp.store.names(encounter.person_ids))),
        )

    def _saved(self, encounter: Encounter, give_them_time: list[str], opening: int, edited: bool) -> None:
        verb = _("Updated") if edited else _("Saved")
        self.app.notify(f"{verb}: " + ", ".join(self.japp.store.names(encounter.person_ids)))
        for warning in give_them_time:  # rule 6, as after a quick-add
            self.app.notify(warning, title=_("Give them time"), severity="warning", timeout=10)
        if opening == self._opening:  # not a save of an earlier opening of this form
            self._saving = False
            self.close(encounter)

    def _failed(self, error: Exception) -> None:
        # Every field keeps what was typed; the banner says why, and ctrl+s tries again.
        self._saving = False
        message = getattr(error, "message", str(error))
        if isinstance(error, ValidationError):
            self._tried = True
            self._store_errors = {form_field(error.field): message}
            self.show_errors({})
            self._focus_field(form_field(error.field))
        self.query_one("#form-error", Static).update(message)

    def action_cancel(self) -> None:
        if not self.is_dirty:
            self.dismiss(None)
            return

        def discard(ok: bool | None) -> None:
            if ok:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmModal(
                _("Discard what you typed in this form?"), yes=_("Discard"), no=_("Keep editing"), danger=True
            ),
            discard,
        )


class _Cell:
    """``with self._cell(...)``: the children go into the cell, then its (hidden) note line."""

    def __init__(self, cell: Vertical, name: str) -> None:
        self.cell = cell
        self.name = name

    def __enter__(self) -> Vertical:
        return self.cell.__enter__()

    def __exit__(self, *exc: object) -> None:
        note = Static("", id=f"note-{self.name}", classes="form-note", markup=False)
        note.display = False
        self.cell.compose_add_child(note)
        self.cell.__exit__(*exc)  # type: ignore[arg-type]
