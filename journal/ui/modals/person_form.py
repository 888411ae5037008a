"""Edit everything about a person in one form. A mistake is shown beside its field, and nothing
typed is lost: not on a validation error, not when the disk refuses the write."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Static, TextArea

from journal.i18n import N_, _
from journal.model import Person, ValidationError
from journal.person_edit import (
    NAME_PARTS,
    edited_person,
    format_addresses,
    format_dates,
    format_emails,
    format_phones,
    format_platforms,
    format_relationships,
    format_websites,
    relation_names,
)
from journal.ui.base import JournalModal
from journal.ui.modals.confirm import ConfirmModal

# (field, label msgid, hint msgid, multi-line?)
FIELDS: tuple[tuple[str, str, str, bool], ...] = (
    ("name", N_("Name"), "", False),
    ("aliases", N_("Also known as"), N_("other names and spellings, separated by commas"), False),
    ("common_ground", N_("What connects us"), N_("what you share: interests, places, experiences"), True),
    ("company", N_("Company"), "", False),
    ("role", N_("Role"), "", False),
    ("tags", N_("Tags"), N_("separated by commas"), False),
    ("how_we_met", N_("How we met"), "", False),
    (
        "emails",
        N_("E-mails"),
        N_("one a line, kinds in brackets, * for the preferred: “anna@example.org (work) *”"),
        True,
    ),
    ("phones", N_("Phones"), N_("one a line: “+49 170 1234567 (mobile) *”"), True),
    ("platforms", N_("Platforms"), N_("one a line: “LinkedIn: anna-mueller”, “Signal: +49 170 1234567”"), True),
    ("websites", N_("Websites"), N_("one a line"), True),
    (
        "addresses",
        N_("Addresses"),
        N_(
            "one a line: street; postcode; city; region; country (kinds): “Hauptstr. 1; 10115; Berlin; ; Germany (home)”"
        ),
        True,
    ),
    ("birthday", N_("Birthday"), N_("e.g. 1980-03-22, or 03-22 without the year"), False),
    ("dates", N_("Other dates"), N_("one a line: “anniversary: 2010-06-12”"), True),
    (
        "relationships",
        N_("Relationships"),
        N_("one a line: “introduced by: Bob Schulz”, “partner of: Maria” (names from the journal, or any name)"),
        True,
    ),
    ("offers", N_("Offers"), N_("what they know or can help with"), True),
    ("needs", N_("Needs"), N_("what they are looking for: maybe you can help"), True),
    ("cadence_days", N_("Check in every"), N_("days, e.g. 30, or 6w; empty: learned from your encounters"), False),
    ("notes", N_("Notes"), "", True),
)


# The structured name, as an address book has it: one row of small fields under the name.
NAME_PART_LABELS: dict[str, str] = {
    "name_prefix": N_("prefix"),
    "given_name": N_("given name"),
    "additional_names": N_("middle names"),
    "family_name": N_("family name"),
    "name_suffix": N_("suffix"),
}
_FORMATTERS: dict[str, Callable[[Any], str]] = {
    "platforms": format_platforms,
    "emails": format_emails,
    "phones": format_phones,
    "websites": format_websites,
    "addresses": format_addresses,
    "dates": format_dates,
}


def _initial(person: Person, name: str, names: dict[str, str]) -> str:
    value = getattr(person, name)
    if name in ("aliases", "tags"):
        return ", ".join(value)
    if name in _FORMATTERS:
        return _FORMATTERS[name](value)
    if name == "relationships":
        return format_relationships(value, names)
    if name == "cadence_days":
        return "" if value is None else str(value)
    return str(value or "")


class PersonForm(JournalModal):
    """Dismisses with the saved Person, or None when cancelled."""

    DEFAULT_CSS = """
    PersonForm { align: center middle; }
    PersonForm > Vertical { width: 104; max-width: 96%; height: 92%; background: $panel;
        border: round $primary; padding: 0 1; }
    PersonForm #pf-title { text-style: bold; padding: 0 1; margin-bottom: 1; }
    PersonForm VerticalScroll { height: 1fr; padding: 0 1; }
    PersonForm .pf-row { height: auto; margin-bottom: 1; }
    PersonForm .pf-label { width: 18; padding-right: 2; text-style: bold; text-align: right; }
    PersonForm .pf-field { width: 1fr; height: auto; }
    PersonForm .pf-hint { color: $text-muted; }
    PersonForm .pf-error { color: $error; display: none; }
    PersonForm .pf-error.-shown { display: block; }
    PersonForm TextArea { height: 4; }
    PersonForm #pf-common_ground, PersonForm #pf-offers, PersonForm #pf-needs { height: 3; }
    PersonForm #pf-name-parts { height: auto; }
    PersonForm #pf-name-parts Input { width: 1fr; margin-right: 1; }
    PersonForm .pf-invalid { background: $error 25%; }
    PersonForm #pf-status { height: auto; color: $error; padding: 0 1; }
    PersonForm #pf-buttons { height: auto; align-horizontal: right; padding: 0 1; }
    PersonForm #pf-buttons Button { margin-left: 2; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", N_("Save"), id="person-form-save", priority=True),
        Binding("escape", "cancel", N_("Cancel"), id="person-form-cancel"),
    ]

    def __init__(self, person: Person, restored: dict[str, str] | None = None) -> None:
        super().__init__()
        self.person = person
        self.original: dict[str, str] = {}
        # Input kept when the app was stopped (journal.recovery), shown instead of the person's values.
        self.restored = restored
        self.saving = False

    def _originals(self) -> dict[str, str]:
        names = relation_names(self.japp.store, self.person)
        values = {name: _initial(self.person, name, names) for name, *_rest in FIELDS}
        values.update({part: getattr(self.person, part) for part in NAME_PARTS})
        return values

    def compose(self) -> ComposeResult:
        self.original = self._originals()
        shown = {**self.original, **{k: v for k, v in (self.restored or {}).items() if k in self.original}}
        with Vertical():
            yield Static(
                _("Edit {name}").format(name=self.person.name) if self.person.name else _("New person"),
                id="pf-title",
                markup=False,
            )
            with VerticalScroll():
                for name, label, hint, multiline in FIELDS:
                    with Horizontal(classes="pf-row"):
                        yield Label(_(label), classes="pf-label", id=f"pf-{name}-label")
                        with Vertical(classes="pf-field"):
                            if multiline:
                                yield TextArea(
                                    shown[name],
                                    id=f"pf-{name}",
                                    soft_wrap=True,
                                    tab_behavior="focus",
                                    compact=True,
                                )
                            else:
                                yield Input(shown[name], id=f"pf-{name}", select_on_focus=False, compact=True)
                            if hint:
                                yield Static(_(hint), classes="pf-hint", markup=False)
                            yield Static("", classes="pf-error", id=f"pf-{name}-error", markup=False)
                    if name == "name":
                        yield from self._name_parts(shown)
            yield Static("", id="pf-status", markup=False)
            with Horizontal(id="pf-buttons"):
                yield Button(_("Cancel"), id="pf-cancel")
                yield Button(_("Save (ctrl+s)"), id="pf-save", variant="primary")

    def _name_parts(self, shown: dict[str, str]) -> ComposeResult:
        with Horizontal(classes="pf-row"):
            yield Label(_("Name parts"), classes="pf-label", id="pf-name-parts-label")
            with Vertical(classes="pf-field"):
                with Horizontal(id="pf-name-parts"):
                    for part, placeholder in NAME_PART_LABELS.items():
                        yield Input(
                            shown[part],
                            id=f"pf-{part}",
                            placeholder=_(placeholder),
                            select_on_focus=False,
                            compact=True,
                        )
                yield Static(_("as an address book has it; empty: just the name"), classes="pf-hint", markup=False)
                yield Static("", classes="pf-error", id="pf-name-parts-error", markup=False)

    def on_mount(self) -> None:
        self.query_one("#pf-name", Input).focus()

    # ------------------------------------------------------------------ values

    def field_widget(self, name: str) -> Widget:
        return self.query_one(f"#pf-{name}")

    def values(self) -> dict[str, str]:
        out = {}
        for name in [*(f[0] for f in FIELDS), *NAME_PARTS]:
            widget = self.field_widget(name)
            out[name] = widget.text if isinstance(widget, TextArea) else widget.value  # type: ignore[attr-defined]
        return out

    def changed(self) -> bool:
        return self.values() != self.original

    @property
    def is_dirty(self) -> bool:
        """Typed but not saved: the app will not close this form to go to another screen."""
        return self.is_mounted and bool(self.query("#pf-name")) and self.changed()

    def recovery(self) -> dict[str, object]:
        """What the app keeps of this form when it is stopped (journal.recovery)."""
        return {"kind": "person", "person_id": self.person.id, "name": self.person.name, "values": self.values()}

    def show_error(self, field_name: str, message: str) -> None:
        self.clear_errors()
        if field_name in NAME_PARTS:
            field_name = "name-parts"
        name = field_name if field_name == "name-parts" or any(field_name == f[0] for f in FIELDS) else None
        if name is None:
            self.query_one("#pf-status", Static).update(message)
            return
        error = self.query_one(f"#pf-{name}-error", Static)
        error.update(message)
        error.add_class("-shown")
        widget = self.field_widget("name_prefix" if name == "name-parts" else name)
        widget.add_class("pf-invalid")
        widget.focus()
        widget.scroll_visible()

    def clear_errors(self) -> None:
        for error in self.query(".pf-error"):
            error.remove_class("-shown")
        for widget in self.query(".pf-invalid"):
            widget.remove_class("pf-invalid")
        self.query_one("#pf-status", Static).update("")

    # ------------------------------------------------------------------ saving

    def action_save(self) -> None:
        if self.saving:
            return
        try:
            updated = edited_person(self.person, self.values(), self.japp.store)
        except ValidationError as error:
            self.show_error(error.field, error.message)
            return
        self.clear_errors()
        self.saving = True
        self.query_one("#pf-status", Static).update(_("saving…"))
        store = self.japp.store
        self.japp.run_save(
            self,
            lambda: store.save(updated),
            done=lambda _saved: self.close(updated),
            failed=self._failed,
            undo=_("edited {name}").format(name=updated.name),
        )

    def _failed(self, error: Exception) -> None:
        self.saving = False
        self.show_error(getattr(error, "field", ""), getattr(error, "message", str(error)))

    def action_cancel(self) -> None:
        if not self.changed():
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmModal(
                _("Discard your changes to {name}?").format(name=self.person.name or _("this person")),
                yes=_("Discard"),
                no=_("Keep editing"),
                danger=True,
            ),
            answered,
        )

    @on(Button.Pressed, "#pf-save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#pf-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()
