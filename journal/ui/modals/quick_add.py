"""The quick-add box (ctrl+n from every screen): one line becomes an encounter."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from journal.entry.parse import describe
from journal.entry.plan import NEW, Plan, add_people_question, choice_key, commit, plan_line, resolved_names
from journal.i18n import N_, _
from journal.model import Encounter, Person, ValidationError
from journal.phrases import format_date
from journal.ui.base import JournalModal
from journal.ui.modals.choose_person import ChoosePersonModal
from journal.ui.modals.confirm import ConfirmModal


class QuickAddModal(JournalModal):
    """Dismisses with the saved Encounter, or None when cancelled.

    Names resolve as in search (journal.resolve): the preview says whom each means ("Bob → Bob
    Schulz"); on enter, a name that could mean several people is chosen in a picker, a line that
    reads like a sentence asks first, and so do new people (unless just chosen as new).
    """

    CSS_PATH = "quick_add.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", N_("Cancel"), id="cancel"),
        # priority: the Input itself binds ctrl+e (end of line), which would swallow the key.
        Binding("ctrl+e", "more", N_("More…"), id="more", tooltip=N_("Open the full encounter form"), priority=True),
    ]

    def __init__(self, day: date, person: Person | None = None, line: str = "") -> None:
        super().__init__()
        self.day = day
        # Opened on someone's page: the line starts with their name, taken to mean them.
        self.person = person
        self.line = line  # to start with (input kept when the app was stopped)
        self._saving = False
        # The plan the preview shows, for the line it was made from: enter saves that plan.
        self._plan: Plan | None = None
        self._planned = ""
        # Names settled by the user (choice_key → person id or NEW), kept while the line is edited.
        self._choices: dict[str, str] = {}
        if person is not None:
            self._choices[choice_key(person.name)] = person.id

    def compose(self) -> ComposeResult:
        with Vertical(id="quick-add-box"):
            yield Label(_("Quick add · {day}").format(day=format_date(self.day)), id="quick-add-title")
            yield Input(
                self.line,
                placeholder=_("Anna Müller, Bob @ Café Kranzler #berlin: talked about Rust; gave: intro to Carla"),
                id="quick-add-input",
            )
            yield Static("", id="quick-add-preview", markup=False)  # what was typed
            yield Static(
                _(
                    "names @ place #tag !event !chance : summary; gave: …; got: …   "
                    "enter saves · ctrl+e more fields · esc cancels"
                ),
                id="quick-add-help",
            )

    def on_mount(self) -> None:
        box = self.query_one(Input)
        if self.person is not None:
            box.value = f"{self.person.name}: "
            box.cursor_position = len(box.value)
        box.focus()
        self.japp.changed_signal.subscribe(self, self._journal_changed)

    @property
    def is_dirty(self) -> bool:
        """A line typed and not saved: quitting asks first, a hang-up keeps it."""
        inputs = self.query("#quick-add-input")
        return bool(inputs) and bool(inputs.first(Input).value.strip())

    def recovery(self) -> dict[str, object]:
        """What the app keeps of this box when it is stopped (journal.recovery)."""
        return {"kind": "quick_add", "day": self.day.isoformat(), "line": self.query_one(Input).value}

    def _journal_changed(self, _change: object) -> None:
        self._plan = None  # a name may be known now, or a reply logged: plan again

    def _plan_for(self, line: str) -> Plan:
        """The plan for ``line`` (raises ValidationError), made once per line and journal state."""
        if self._plan is None or self._planned != line:
            self._plan = None
            self._plan = plan_line(self.japp.store, line, self.japp.clock, default_day=self.day, choices=self._choices)
            self._planned = line
        return self._plan

    @on(Input.Changed, "#quick-add-input")
    def show_preview(self, event: Input.Changed) -> None:
        self._preview(event.value)

    def _preview(self, line: str) -> None:
        preview = self.query_one("#quick-add-preview", Static)
        preview.remove_class("error")
        if not line.strip():
            preview.update("")
            return
        try:
            plan = self._plan_for(line)
        except ValidationError as error:
            preview.update(Text(error.message))
            return
        # Text, not a str: what was typed is not Textual markup ("[/" used to crash the app).
        preview.update(Text(self._describe(plan)))

    def _describe(self, plan: Plan) -> str:
        lines = [describe(plan.draft)]
        if resolved := resolved_names(plan):
            lines.append(resolved)
        for match in plan.unclear:
            names = ", ".join(p.name for p in match.candidates[:3]) + (", …" if len(match.candidates) > 3 else "")
            lines.append(_("“{name}” could be {names}: enter lets you choose.").format(name=match.typed, names=names))
        if plan.sentence is not None:
            lines.append(
                _("No one is called “{name}”: names go before a colon, e.g. “Anna, Bob: {summary}”.").format(
                    name=plan.sentence, summary=plan.sentence[:1].lower() + plan.sentence[1:]
                )
            )
        if plan.new_people:
            lines.append(_("New: {names}").format(names=", ".join(p.name for p in plan.new_people)))
        lines.extend(plan.warnings)
        return "\n".join(lines)

    @on(Input.Submitted, "#quick-add-input")
    def submit(self, event: Input.Submitted) -> None:
        self._go_on(event.value)

    def _go_on(self, line: str) -> None:
        """Save ``line``, asking first what the plan leaves open: whom an unclear name means, a
        sentence taken for a name, new people. Each answer comes back here until nothing is open."""
        if self._saving or not self.is_attached:
            return
        preview = self.query_one("#quick-add-preview", Static)
        try:
            plan = self._plan_for(line)
        except ValidationError as error:
            preview.update(Text(error.message))
            preview.add_class("error")
            return
        if plan.unclear:
            match = plan.unclear[0]
            self.app.push_screen(ChoosePersonModal(match), lambda chosen: self._chosen(line, match.typed, chosen))
            return
        if plan.sentence is not None:
            name = plan.sentence
            question = _(
                "No one in the journal is called “{name}”, and it reads like a sentence. Add “{name}” as a new "
                "person? (Names go before a colon: “Anna, Bob: {summary}”.)"
            ).format(name=name, summary=name[:1].lower() + name[1:])
            self.app.push_screen(
                ConfirmModal(question, yes=_("Add as a person"), no=_("Edit the line")),
                lambda ok: self._chosen(line, name, NEW if ok else None),
            )
            return
        unasked = [w.person for w in plan.who if w.new and self._choices.get(choice_key(w.typed)) != NEW]
        if unasked:
            question = add_people_question(unasked)
            self.app.push_screen(ConfirmModal(question, yes=_("Add them")), lambda ok: self._save(plan) if ok else None)
        else:
            self._save(plan)

    def _chosen(self, line: str, typed: str, chosen: object) -> None:
        """The user said whom ``typed`` means (None: they went back to the line)."""
        if not self.is_attached:
            return  # the box was closed meanwhile
        if not isinstance(chosen, str):
            self.query_one(Input).focus()
            return
        self._choices[choice_key(typed)] = chosen
        self._plan = None
        self._preview(line)
        self._go_on(line)

    def _save(self, plan: Plan) -> None:
        self._saving = True
        self.japp.run_save(
            self,
            lambda: commit(self.japp.store, plan),
            done=lambda encounter: self._saved(encounter, plan.give_them_time),
            failed=self._failed,
            undo=lambda encounter: _("logged an encounter with {names}").format(
                names=", ".join(self.japp.store.names(encounter.person_ids))
            ),
        )

    def _saved(self, encounter: Encounter, give_them_time: list[str]) -> None:
        self._saving = False
        self.app.notify(_("Saved: {what}").format(what=", ".join(self.japp.store.names(encounter.person_ids))))
        # Rule 6: worked out before saving, shown after (gently: it never blocks).
        for warning in give_them_time:
            self.app.notify(warning, title=_("Give them time"), severity="warning", timeout=10)
        self.close(encounter)

    def _failed(self, error: Exception) -> None:
        # The typed line stays in the box so nothing is lost.
        self._saving = False
        preview = self.query_one("#quick-add-preview", Static)
        preview.update(Text(getattr(error, "message", str(error))))
        preview.add_class("error")

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_more(self) -> None:
        """Hand the line over to the full form."""
        line = self.query_one(Input).value
        self.dismiss(None)
        self.japp.open_encounter_form(day=self.day, line=line)
