"""PeoplePicker: choose one or more people by typing, with fuzzy completion from the journal.

Typing searches the people index (``store.search``, debounced); ↑/↓ move through the suggestions,
enter picks the highlighted one. The last suggestion offers to create a new person from the typed
name; the picker asks first (ConfirmModal) and then holds the unsaved Person until the form saves.
Backspace in the empty field removes the last person picked.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, ClassVar, cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from journal.entry.plan import new_person
from journal.i18n import N_, _
from journal.model import Person, ValidationError
from journal.phrases import last_seen_phrase
from journal.ui.modals.confirm import ConfirmModal

if TYPE_CHECKING:
    from journal.ui.app import JournalApp

SUGGESTIONS = 6
NEW = "__new__"


class NameInput(Input):
    """An Input that tells its picker when backspace is pressed while empty."""

    class RemoveLast(Message):
        pass

    def action_delete_left(self) -> None:
        if not self.value:
            self.post_message(self.RemoveLast())
            return
        super().action_delete_left()


class PeoplePicker(Vertical):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "move(1)", N_("Next suggestion"), show=False),
        Binding("up", "move(-1)", N_("Previous suggestion"), show=False),
    ]
    DEFAULT_CSS = """
    PeoplePicker { height: auto; }
    PeoplePicker #people-picked { height: auto; color: $text; }
    PeoplePicker #people-picked.-empty { color: $text-muted; }
    PeoplePicker #people-suggestions { height: auto; max-height: 8; display: none; border: none;
        background: $surface; padding: 0 1; }
    PeoplePicker #people-suggestions.-shown { display: block; }
    """

    class Changed(Message):
        """The people picked changed."""

        def __init__(self, picker: PeoplePicker) -> None:
            super().__init__()
            self.picker = picker

        @property
        def control(self) -> PeoplePicker:
            return self.picker

    def __init__(
        self, people: list[Person] | None = None, *, confirmed_new: set[str] | None = None, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.people: list[Person] = list(people or [])
        self.confirmed_new: set[str] = set(confirmed_new or ())
        self._query = ""

    @property
    def japp(self) -> JournalApp:
        return cast("JournalApp", self.app)

    def compose(self) -> ComposeResult:
        yield Static("", id="people-picked")
        yield NameInput(placeholder=_("Type a name, enter picks it"), id="people-input", compact=True)
        yield OptionList(id="people-suggestions")

    def on_mount(self) -> None:
        self._show_picked()

    def reset(self, people: list[Person], confirmed_new: set[str]) -> None:
        """Start again with ``people`` picked (the form is reused for the next encounter)."""
        self.people = list(people)
        self.confirmed_new = set(confirmed_new)
        self.input.value = ""
        self._hide_suggestions()
        self._show_picked()

    @property
    def input(self) -> NameInput:
        return self.query_one("#people-input", NameInput)

    @property
    def suggestions(self) -> OptionList:
        return self.query_one("#people-suggestions", OptionList)

    # ------------------------------------------------------------------ picked people

    def _is_new(self, person: Person) -> bool:
        return self.japp.store.person(person.id) is None

    def _show_picked(self) -> None:
        label = self.query_one("#people-picked", Static)
        label.set_class(not self.people, "-empty")
        if not self.people:
            label.update(_("Nobody picked yet."))
            return
        text = Text()
        for i, person in enumerate(self.people):
            if i:
                text.append("  ")
            text.append("● ", style="dim")
            text.append(person.name, style="bold")
            if self._is_new(person):
                text.append(" " + _("(new)"), style="italic")
        text.append("   " + _("backspace removes the last"), style="dim")
        label.update(text)

    def add(self, person: Person) -> None:
        if all(p.id != person.id for p in self.people):
            self.people.append(person)
        self.input.value = ""
        self._hide_suggestions()
        self._show_picked()
        self.post_message(self.Changed(self))

    @on(NameInput.RemoveLast)
    def remove_last(self) -> None:
        if self.people:
            removed = self.people.pop()
            self.confirmed_new.discard(removed.id)
            self._show_picked()
            self.post_message(self.Changed(self))

    # ------------------------------------------------------------------ suggestions

    @on(Input.Changed, "#people-input")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        self._query = event.value
        if not event.value.strip():
            self._hide_suggestions()
            return
        self._search(event.value)

    @work(exclusive=True, group="people-picker")
    async def _search(self, query: str) -> None:
        await asyncio.sleep(0.03)  # debounce: only the last keystroke's search runs
        if query != self._query:
            return
        self.show_suggestions(query)

    def show_suggestions(self, query: str) -> None:
        store = self.japp.store
        today = self.japp.clock.today()
        picked = {p.id for p in self.people}
        options: list[Option] = []
        for person in store.search(query, SUGGESTIONS + len(picked)):
            if person.id in picked:
                continue
            line = Text.assemble((person.name, "bold"))
            detail = " · ".join(x for x in (person.company, last_seen_phrase(store.last_seen(person.id), today)) if x)
            line.append("  " + detail, style="dim")
            options.append(Option(line, id=person.id))
            if len(options) >= SUGGESTIONS:
                break
        name = " ".join(query.split())
        exact = store.find_person(name)
        if name and (exact is None or exact.id in picked):
            options.append(Option(Text.assemble(("+ ", "bold"), _("New person: “{name}”").format(name=name)), id=NEW))
        box = self.suggestions
        box.clear_options()
        box.add_options(options)
        box.set_class(bool(options), "-shown")
        if options:
            box.highlighted = 0

    def _hide_suggestions(self) -> None:
        self._query = ""
        self.suggestions.clear_options()
        self.suggestions.remove_class("-shown")

    def action_move(self, delta: int) -> None:
        box = self.suggestions
        if not box.option_count:
            if self.input.value.strip():
                self.show_suggestions(self.input.value)
            return
        current = box.highlighted if box.highlighted is not None else -1
        box.highlighted = (current + delta) % box.option_count

    @on(Input.Submitted, "#people-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        query = event.value.strip()
        if not query:
            return
        box = self.suggestions
        if not box.option_count or self._query != event.value:
            self.show_suggestions(event.value)  # enter before the debounce ran
        if box.highlighted is not None and box.option_count:
            self._pick(box.get_option_at_index(box.highlighted).id)

    @on(OptionList.OptionSelected, "#people-suggestions")
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._pick(event.option.id)
        self.input.focus()

    def _pick(self, option_id: str | None) -> None:
        if option_id == NEW:
            self._offer_new(" ".join(self.input.value.split()))
        elif option_id and (person := self.japp.store.person(option_id)) is not None:
            self.add(person)

    def _offer_new(self, name: str) -> None:
        try:
            person = new_person(name)
        except ValidationError as error:
            self.app.notify(error.message, severity="error")
            return

        def answered(ok: bool | None) -> None:
            if ok:
                self.confirmed_new.add(person.id)
                self.add(person)
            self.input.focus()

        self.app.push_screen(
            ConfirmModal(
                _("Add “{name}” to the journal as a new person? They are saved with the encounter.").format(
                    name=person.name
                ),
                yes=_("Add"),
            ),
            answered,
        )
