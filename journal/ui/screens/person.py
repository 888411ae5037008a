"""One person's page: what connects you first (rule 1), then who they are, where to reach them
(your active platforms first, rule 5), what they offer and need (rule 3), the rhythm (rule 6),
and the timeline, with what you gave and what came back counted, never balanced (rule 4)."""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from journal.forget import describe_forget, forget_person
from journal.i18n import N_, _
from journal.model import Encounter, Person, ValidationError
from journal.person_merge import MergeReport, describe_merge, merge_people
from journal.person_page import ContactLine, PersonPage, person_page, when_phrase
from journal.phrases import encounter_details, format_date
from journal.ui.base import HEADER_ICON, JournalScreen
from journal.ui.modals.confirm import ConfirmModal
from journal.ui.widgets.footer import JournalFooter
from journal.ui.widgets.hanging import Entry


class PersonScreen(JournalScreen):
    CSS_PATH = "person.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        # Most important first: the footer leaves out the last ones when the terminal is narrow.
        Binding("e", "edit", N_("Edit"), id="person-edit", tooltip=N_("Edit every field, add aliases")),
        Binding(
            "n",
            "new_encounter",
            N_("New"),
            id="person-new",
            tooltip=N_("Log an encounter with this person (ctrl+n: in one line)"),
        ),
        Binding("enter", "edit_encounter", N_("Edit encounter"), id="person-edit-encounter", show=False),
        Binding(
            "a", "archive", N_("Archive"), id="person-archive", tooltip=N_("Archive or bring back from the archive")
        ),
        Binding(
            "m", "merge", N_("Merge"), id="person-merge", tooltip=N_("Merge with another record of the same person")
        ),
        Binding(
            "c",
            "copy_contact",
            N_("Copy"),
            id="person-copy",
            tooltip=N_("Copy the chosen e-mail address, phone number, website or address"),
        ),
        Binding("o", "open_contact", N_("Open"), id="person-open", tooltip=N_("Write an e-mail or open the website")),
        Binding(
            "f,delete",
            "forget",
            N_("Forget"),
            id="person-forget",
            tooltip=N_("Remove this person and every trace of them"),
        ),
    ]

    def __init__(self, person_id: str) -> None:
        super().__init__(classes="person-page")
        self.person_id = person_id
        self._leaving = False
        self._contact_lines: list[ContactLine] = []

    @property
    def person(self) -> Person | None:
        return self.japp.store.person(self.person_id)

    def compose(self) -> ComposeResult:
        yield Header(icon=HEADER_ICON)
        with Horizontal(id="person-body"):
            with VerticalScroll(id="person-details"):
                yield Static("", id="person-title", markup=False)
                with Vertical(id="person-common-box"):
                    yield Static("", id="person-common", markup=False)
                yield Static("", id="person-facts", markup=False)
                yield Static("", id="person-contacts-title", markup=False)
                yield OptionList(id="person-contacts")
                yield Static("", id="person-platforms", markup=False)
                yield Static("", id="person-dates", markup=False)
                yield Static("", id="person-relations", markup=False)
                yield Static("", id="person-maybe-same", markup=False)
                yield Static("", id="person-offers-needs", markup=False)
                yield Static("", id="person-rhythm", markup=False)
                yield Static("", id="person-giving", markup=False)
                yield Static("", id="person-notes", markup=False)
            with Vertical(id="person-timeline-box"):
                yield Static("", id="person-timeline-title", markup=False)
                yield OptionList(id="person-timeline")
                yield Static("", id="person-timeline-empty", markup=False)
        yield JournalFooter()

    def on_mount(self) -> None:
        super().on_mount()
        self.refresh_data()
        for timeline in self.query("#person-timeline"):  # absent if the page closed while opening
            timeline.focus()

    # ------------------------------------------------------------------ showing

    def refresh_data(self) -> None:
        if not self.is_mounted or not self.is_attached or self._pruning or not self.query("#person-timeline"):
            return  # not composed yet, or already closing
        person = self.person
        if person is None:
            self._close_gone()
            return
        page = person_page(self.japp.store, person, self.japp.clock.today())
        self.sub_title = person.name
        self.query_one("#person-title", Static).update(self._title(person))
        self.query_one("#person-common-box").border_title = _("What connects us")
        self.query_one("#person-common", Static).update(
            person.common_ground or Text(_("Not noted yet. What do you share? Press e to add it."), style="italic")
        )
        self._section("#person-facts", self._facts(person))
        self._contacts(page)
        self._section("#person-platforms", self._platforms(page))
        self._section("#person-dates", self._lines(_("Dates"), page.dates))
        self._section("#person-relations", self._lines(_("Relationships"), [r.text for r in page.relations]))
        self._section("#person-maybe-same", self._maybe_same(page))
        self._section("#person-offers-needs", self._offers_needs(person))
        self._section("#person-rhythm", self._rhythm(page))
        self._section("#person-giving", Text(page.giving_line))
        self._section("#person-notes", self._labelled(_("Notes"), person.notes))
        self._timeline(page)

    def _close_gone(self) -> None:
        """The person was forgotten or merged away: this page has nothing left to show."""
        if not self._leaving:
            self._leaving = True
            # Not from inside the save's notifications: close once the app is idle again.
            self.app.call_later(self._dismiss_if_shown)

    def _dismiss_if_shown(self) -> None:
        if self.app.screen is self:
            self.dismiss()
        else:
            self._leaving = False  # covered by a dialog: close when shown again (on resume)

    def _section(self, selector: str, content: Text | None) -> None:
        widget = self.query_one(selector, Static)
        widget.display = bool(content and content.plain.strip())
        widget.update(content or "")

    @staticmethod
    def _title(person: Person) -> Text:
        text = Text(person.name, style="bold")
        if person.aliases:
            text.append("  " + _("also: {aliases}").format(aliases=", ".join(person.aliases)), style="italic")
        if person.archived:
            text.append("  [" + _("archived") + "]", style="bold reverse")
        return text

    @staticmethod
    def _labelled(label: str, body: str) -> Text | None:
        if not body.strip():
            return None
        return Text.assemble((label, "bold"), "\n", body.strip())

    def _facts(self, person: Person) -> Text:
        text = Text()
        facts = " · ".join(x for x in (person.company, person.role) if x)
        if facts:
            text.append(facts + "\n")
        if person.tags:
            text.append(" ".join(f"#{t}" for t in person.tags) + "\n", style="italic")
        if person.how_we_met:
            text.append(_("How we met") + ": ", style="bold")
            text.append(person.how_we_met + "\n")
        text.rstrip()
        return text

    @staticmethod
    def _platforms(page: PersonPage) -> Text | None:
        if not page.platforms:
            return None
        text = Text(_("Platforms"), style="bold")
        for line in page.platforms:
            text.append("\n")
            text.append("★ " if line.active else "  ", style="bold" if line.active else "dim")
            text.append(f"{line.name}: ", style="bold" if line.active else "dim")
            text.append(line.handle, style="" if line.active else "dim")
        return text

    def _contacts(self, page: PersonPage) -> None:
        box = self.query_one("#person-contacts", OptionList)
        highlighted = box.highlighted
        box.clear_options()
        self._contact_lines = page.contacts
        for line in page.contacts:
            text = Text()
            text.append("★ " if line.active else "  ", style="bold" if line.active else "dim")
            text.append(f"{line.label}: ", style="bold" if line.active else "")
            text.append(line.value)
            if line.preferred:
                text.append("  " + _("preferred"), style="dim italic")
            box.add_option(Option(text))
        if page.contacts:
            box.highlighted = min(highlighted or 0, box.option_count - 1)
        box.display = bool(page.contacts)
        title = self.query_one("#person-contacts-title", Static)
        title.display = bool(page.contacts)
        title.update(Text.assemble((_("Contact"), "bold"), "  ", (_("c copy · o open"), "dim")))

    @staticmethod
    def _lines(label: str, lines: list[str]) -> Text | None:
        if not lines:
            return None
        return Text.assemble((label, "bold"), *(("\n" + line) for line in lines))

    @staticmethod
    def _maybe_same(page: PersonPage) -> Text | None:
        if not page.maybe_same:
            return None
        text = Text(_("May be the same person as"), style="bold")
        for other in page.maybe_same:
            text.append("\n  " + other.name)
        text.append("\n" + _("Press m to merge them, if so."), style="dim italic")
        return text

    @staticmethod
    def _offers_needs(person: Person) -> Text | None:
        parts = []
        if person.offers.strip():
            parts.append(Text.assemble((_("Offers"), "bold"), "\n", person.offers.strip()))
        if person.needs.strip():
            parts.append(Text.assemble((_("Needs"), "bold"), "\n", person.needs.strip()))
        return Text("\n").join(parts) if parts else None

    def _rhythm(self, page: PersonPage) -> Text:
        today = self.japp.clock.today()
        text = Text.assemble((_("Check-in") + ": ", "bold"), page.cadence, "\n", page.last_seen)
        state = page.pace
        if state.snoozed and state.snoozed_until:
            text.append(" · " + _("snoozed until {date}").format(date=format_date(state.snoozed_until, weekday=False)))
        elif state.next_due is not None:
            due = when_phrase(state.next_due, today).split(" · ")[0]
            text.append(" · " + (_("due {when}") if state.due else _("next {when}")).format(when=due))
        if state.unanswered:
            text.append(" · " + _("awaiting their reply"), style="italic")
        return text

    def _timeline(self, page: PersonPage) -> None:
        today = self.japp.clock.today()
        box = self.query_one("#person-timeline", OptionList)
        highlighted = box.highlighted
        box.clear_options()
        options: list[Option | None] = []
        for i, encounter in enumerate(page.timeline):
            if i:
                options.append(None)  # a separator line between encounters
            options.append(Option(self._entry(encounter, page.person, today), id=encounter.id))
        box.add_options(options)
        if page.timeline:
            box.highlighted = min(highlighted or 0, box.option_count - 1)
        self.query_one("#person-timeline-title", Static).update(
            Text.assemble((_("Timeline"), "bold"), f"  ({len(page.timeline)})")
        )
        empty = self.query_one("#person-timeline-empty", Static)
        empty.display = not page.timeline
        box.display = bool(page.timeline)
        empty.update(_("No encounters yet. Log one with ctrl+n."))

    def _entry(self, encounter: Encounter, person: Person, today) -> Entry:  # type: ignore[no-untyped-def]
        """One encounter: when and what kind on the first line(s), then what happened, indented,
        so that a line too long for the column wraps under its own entry, not at the margin."""
        store = self.japp.store
        head = Text(when_phrase(encounter.date, today), style="bold")
        details = encounter_details(encounter)
        if details:
            head.append(" · " + " · ".join(details), style="italic")
        if encounter.by_chance:
            head.append(" ✦ " + _("by chance"))
        lines: list[Text] = []
        others = store.names(pid for pid in encounter.person_ids if pid != person.id)
        if others:
            lines.append(Text(_("with {names}").format(names=", ".join(others)), style="dim"))
        if encounter.summary:
            lines.append(Text(encounter.summary.splitlines()[0][:200]))
        if encounter.gave:
            lines.append(Text.assemble((_("gave") + ": ", "bold"), encounter.gave.splitlines()[0][:200]))
        if encounter.received:
            lines.append(Text.assemble((_("came back") + ": ", "bold"), encounter.received.splitlines()[0][:200]))
        if encounter.tags:
            lines.append(Text(" ".join(f"#{tag}" for tag in encounter.tags), style="italic dim"))
        return Entry(head, lines, 2)

    @on(OptionList.OptionSelected, "#person-timeline")
    def _open_encounter(self, event: OptionList.OptionSelected) -> None:
        encounter = self.japp.store.encounter(event.option.id or "")
        if encounter is not None:
            self.japp.open_encounter_form(encounter=encounter)

    def action_edit_encounter(self) -> None:
        """enter on the page (not on a contact line): edit the encounter highlighted in the timeline."""
        timeline = self.query_one("#person-timeline", OptionList)
        option = timeline.highlighted_option
        if option is not None and option.id and (encounter := self.japp.store.encounter(option.id)) is not None:
            self.japp.open_encounter_form(encounter=encounter)

    def action_new_encounter(self) -> None:
        if (person := self.person) is not None:
            self.japp.open_encounter_form(day=self.japp.clock.today(), people=[person])

    @property
    def quick_add_person(self) -> Person | None:
        """Quick-add (ctrl+n) on this page starts with this person's name, already resolved."""
        return self.person

    # ------------------------------------------------------------------ actions

    def _chosen_contact(self, kinds: tuple[str, ...]) -> ContactLine | None:
        """The contact line the cursor is on, else the first one of these kinds (preferred first)."""
        lines = self._contact_lines
        box = self.query_one("#person-contacts", OptionList)
        if box.has_focus and box.highlighted is not None and box.highlighted < len(lines):
            line = lines[box.highlighted]
            return line if line.kind in kinds else None
        return next((line for line in lines if line.kind in kinds), None)

    def action_copy_contact(self) -> None:
        line = self._chosen_contact(("email", "phone", "web", "address"))
        if line is None:
            self.notify(_("Nothing to copy: no e-mail, phone or address noted yet."), severity="warning")
            return
        self.app.copy_to_clipboard(line.value)
        self.notify(_("Copied {value}.").format(value=line.value), markup=False)

    def action_open_contact(self) -> None:
        line = self._chosen_contact(("email", "web"))
        url = line.url if line is not None else None
        if url is None:
            self.notify(_("Nothing to open here: choose an e-mail address or a website."), severity="warning")
            return
        self.app.open_url(url)

    def action_edit(self) -> None:
        from journal.ui.modals.person_form import PersonForm

        person = self.person
        if person is not None:
            self.app.push_screen(PersonForm(person))

    def action_archive(self) -> None:
        person = self.person
        if person is None:
            return
        updated = replace(person, archived=not person.archived)

        def done(_result: object) -> None:
            self.notify(
                _("{name} is archived: out of the due list and the lucky pick, still findable.").format(
                    name=person.name
                )
                if updated.archived
                else _("{name} is back from the archive.").format(name=person.name),
                markup=False,
            )

        undo = (_("archived {name}") if updated.archived else _("brought {name} back from the archive")).format(
            name=person.name
        )
        # The action runs in a worker thread, where self.app cannot be looked up: take the store now.
        store = self.japp.store
        self.japp.run_save(self, lambda: store.save(updated), done=done, undo=undo)

    def action_merge(self) -> None:
        from journal.ui.modals.pick_person import PickPersonModal

        person = self.person
        if person is None:
            return

        def picked(other_id: object) -> None:
            if not isinstance(other_id, str) or self.person is None:
                return
            question = describe_merge(self.japp.store, self.person_id, other_id)

            def answered(ok: bool | None) -> None:
                if ok:
                    self.japp.run_save(
                        self,
                        lambda: merge_people(self.japp.store, self.person_id, other_id),
                        done=self._merged,
                        undo=lambda report: _("merged {other} into {name}").format(
                            other=report.merged_name, name=report.kept.name
                        ),
                    )

            self.app.push_screen(ConfirmModal(question, yes=_("Merge")), answered)

        self.app.push_screen(
            PickPersonModal(
                _("Merge {name} with whom? Pick the other record of the same person.").format(name=person.name),
                exclude=person.id,
            ),
            picked,
        )

    def _merged(self, report: MergeReport) -> None:
        self.notify(
            _("Merged {other} into {name}.").format(other=report.merged_name, name=report.kept.name), markup=False
        )

    def action_forget(self) -> None:
        if self.person is not None:
            self._ask_to_forget()

    @work(thread=True, exclusive=True, group="person-forget")
    def _ask_to_forget(self) -> None:
        """Counting what will go reads the whole journal: off the UI thread, then ask."""
        try:
            question = describe_forget(self.japp.store, self.person_id)
        except ValidationError:
            return  # gone meanwhile
        self.app.call_from_thread(self._confirm_forget, question)

    def _confirm_forget(self, question: str) -> None:
        if self.app.screen is not self or self.person is None:
            return

        def answered(ok: bool | None) -> None:
            if ok:
                # The app takes the result: it must clear the undo list even if this page is gone by then.
                app, person_id = self.japp, self.person_id  # the action runs in a worker thread
                app.run_save(app, lambda: forget_person(app.store, person_id), done=app.forgotten)

        self.app.push_screen(ConfirmModal(question, yes=_("Forget"), danger=True), answered)
