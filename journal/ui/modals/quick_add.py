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
from journal.entry.plan import Plan, commit, plan_line
from journal.i18n import N_, _, ngettext
from journal.model import Encounter, ValidationError
from journal.textfmt import format_date
from journal.ui.base import JournalModal
from journal.ui.modals.confirm import ConfirmModal


class QuickAddModal(JournalModal):
    """Dismisses with the saved Encounter, or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", N_("Cancel"), id="cancel"),
        # priority: the Input itself binds ctrl+e (end of line), which would swallow the key.
        Binding("ctrl+e", "more", N_("More…"), id="more", tooltip=N_("Open the full encounter form"), priority=True),
    ]

    def __init__(self, day: date) -> None:
        super().__init__()
        self.day = day
        self._saving = False
        # The plan the preview shows, for the line it was made from: enter saves that plan.
        self._plan: Plan | None = None
        self._planned = ""

    def compose(self) -> ComposeResult:
        with Vertical(id="quick-add-box"):
            yield Label(_("Quick add · {day}").format(day=format_date(self.day)), id="quick-add-title")
            yield Input(
                placeholder=_("Anna Müller, Bob @ Café Kranzler #berlin: talked about Rust; gave: intro to Carla"),
                id="quick-add-input",
            )
            yield Static("", id="quick-add-preview")
            yield Static(
                _(
                    "names @ place #tag !event !chance : summary; gave: …; got: …   "
                    "enter saves · ctrl+e more fields · esc cancels"
                ),
                id="quick-add-help",
            )

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        self.japp.changed_signal.subscribe(self, self._journal_changed)

    def _journal_changed(self, _change: object) -> None:
        self._plan = None  # a name may be known now, or a reply logged: plan again

    def _plan_for(self, line: str) -> Plan:
        """The plan for ``line`` (raises ValidationError), made once per line and journal state."""
        if self._plan is None or self._planned != line:
            self._plan = None
            self._plan = plan_line(self.japp.store, line, self.japp.clock, default_day=self.day)
            self._planned = line
        return self._plan

    @on(Input.Changed, "#quick-add-input")
    def show_preview(self, event: Input.Changed) -> None:
        preview = self.query_one("#quick-add-preview", Static)
        preview.remove_class("error")
        if not event.value.strip():
            preview.update("")
            return
        try:
            plan = self._plan_for(event.value)
        except ValidationError as error:
            preview.update(Text(error.message))
            return
        # Text, not a str: what was typed is not Textual markup ("[/" used to crash the app).
        preview.update(Text(self._describe(plan)))

    def _describe(self, plan: Plan) -> str:
        text = describe(plan.draft)
        if plan.new_people:
            text += "\n" + _("New: {names}").format(names=", ".join(p.name for p in plan.new_people))
        if plan.warnings:
            text += "\n" + "\n".join(plan.warnings)
        return text

    @on(Input.Submitted, "#quick-add-input")
    def submit(self, event: Input.Submitted) -> None:
        if self._saving:
            return
        preview = self.query_one("#quick-add-preview", Static)
        try:
            plan = self._plan_for(event.value)
        except ValidationError as error:
            preview.update(Text(error.message))
            preview.add_class("error")
            return
        if plan.new_people:
            names = ", ".join(p.name for p in plan.new_people)
            question = ngettext(
                "Add a new person to the journal: {names}?",
                "Add {count} new people to the journal: {names}?",
                len(plan.new_people),
            ).format(count=len(plan.new_people), names=names)
            self.app.push_screen(ConfirmModal(question, yes=_("Add them")), lambda ok: self._save(plan) if ok else None)
        else:
            self._save(plan)

    def _save(self, plan: Plan) -> None:
        self._saving = True
        self.japp.run_save(
            lambda: commit(self.japp.store, plan),
            done=lambda encounter: self._saved(encounter, plan.give_them_time),
            failed=self._failed,
        )

    def _saved(self, encounter: Encounter, give_them_time: list[str]) -> None:
        self._saving = False
        self.app.notify(_("Saved: {what}").format(what=", ".join(self.japp.store.names(encounter.person_ids))))
        # Rule 6: worked out before saving, shown after (gently: it never blocks).
        for warning in give_them_time:
            self.app.notify(warning, title=_("Give them time"), severity="warning", timeout=10)
        self.dismiss(encounter)

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
