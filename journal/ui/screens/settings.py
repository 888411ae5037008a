"""Settings: your few active platforms (rule 5), the default check-in rhythm, what you can share,
the language and the theme.

Saved as you go, like the day note: a moment after the last change, when you leave the screen
(or press enter or ctrl+s), and before the app quits. A value that cannot be saved (a rhythm
that is not a number of days) stays as typed with the reason beside it; quitting with it asks
once.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.timer import Timer
from textual.widgets import Header, Input, Label, Select, SelectionList, Static

from journal.i18n import N_, _, ngettext
from journal.model import Settings, ValidationError
from journal.person_edit import parse_cadence
from journal.phrases import every_phrase
from journal.settings_edit import FEW_PLATFORMS, edited_settings, platform_choices
from journal.store import JournalError
from journal.ui.base import HEADER_ICON, JournalScreen
from journal.ui.widgets.footer import JournalFooter

LANGUAGES: tuple[tuple[str, str], ...] = (("", N_("as the system is set")), ("en", "English"), ("de", "Deutsch"))


# Save this long after the last change (as the day note does).
SETTINGS_DEBOUNCE = 1.0


class SettingsScreen(JournalScreen):
    CSS_PATH = "settings.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", N_("Save"), id="settings-save", priority=True),
    ]

    def __init__(self) -> None:
        super().__init__(id="settings")
        # The values as they are on disk (what "changed" compares with).
        self.loaded: dict[str, object] = {}
        self._timer: Timer | None = None
        self._saving = False
        # Values refused at quitting (not valid): quitting again with the same ones leaves them.
        self._refused_at_quit: dict[str, object] | None = None

    def compose(self) -> ComposeResult:
        yield Header(icon=HEADER_ICON)
        with VerticalScroll(id="settings-body"), Vertical(id="settings-form"):
            yield Label(_("Your active platforms"), classes="settings-label")
            yield Static(
                _(
                    "Be choosy (rule 5): tick the two or three platforms where you really read and "
                    "answer. People's handles there are shown first; the others stay on file."
                ),
                classes="settings-hint",
            )
            yield SelectionList[str](id="settings-platforms")
            yield Input(
                placeholder=_("Another platform: type its name, press enter"),
                id="settings-platform-new",
                compact=True,
            )
            yield Static("", id="settings-platform-advice", markup=False)

            yield Label(_("Default check-in rhythm (days)"), classes="settings-label")
            yield Static(
                _("For people without a rhythm of their own and too few encounters to learn one."),
                classes="settings-hint",
            )
            # select_on_focus=False: tabbing into a field must not put its text at the mercy of one key.
            yield Input(id="settings-cadence", compact=True, select_on_focus=False)
            yield Static("", id="settings-cadence-note", classes="settings-note", markup=False)

            yield Label(_("What you can share"), classes="settings-label")
            yield Static(
                _(
                    "Your skills and knowledge, separated by commas. “Who could I help?” matches "
                    "them against people's needs (rule 3)."
                ),
                classes="settings-hint",
            )
            yield Input(
                id="settings-skills",
                compact=True,
                select_on_focus=False,
                placeholder=_("e.g. Rust, public speaking, tax returns"),
            )

            with Horizontal(id="settings-choices"):
                with Vertical():
                    yield Label(_("Language"), classes="settings-label")
                    # A Select that cannot be blank needs its options from the start (load() sets them again).
                    yield Select[str](
                        [(_(label) if code == "" else label, code) for code, label in LANGUAGES],
                        id="settings-language",
                        allow_blank=False,
                    )
                    yield Static(_("Applied the next time netjournal starts."), classes="settings-hint")
                with Vertical():
                    yield Label(_("Theme"), classes="settings-label")
                    yield Select[str](
                        [(name, name) for name in sorted(self.app.available_themes)],
                        id="settings-theme",
                        allow_blank=False,
                    )
                    yield Static(_("Applied as soon as it is saved."), classes="settings-hint")

            yield Static("", id="settings-status", markup=False)
        yield JournalFooter()

    def on_mount(self) -> None:
        super().on_mount()
        self.sub_title = _("Settings")
        self.load()

    def on_screen_resume(self) -> None:
        if not self.changed():
            self.load()

    def refresh_data(self) -> None:
        """Another save (the theme picker) must not wipe what is being edited here."""

    # ------------------------------------------------------------------ loading

    def load(self) -> None:
        settings: Settings = self.japp.store.settings
        platforms = self.query_one("#settings-platforms", SelectionList)
        platforms.clear_options()
        active = set(settings.active_platforms)
        # Text: platform names are typed by people, not Textual markup.
        platforms.add_options([(Text(name), name, name in active) for name in platform_choices(self.japp.store)])
        self.query_one("#settings-cadence", Input).value = str(settings.default_cadence_days)
        self.query_one("#settings-skills", Input).value = ", ".join(settings.skills)
        language = self.query_one("#settings-language", Select)
        language.set_options([(_(label) if code == "" else label, code) for code, label in LANGUAGES])
        language.value = settings.language or ""
        theme = self.query_one("#settings-theme", Select)
        themes = sorted(self.app.available_themes)
        theme.set_options([(name, name) for name in themes])
        current = settings.theme or self.app.theme
        theme.value = current if current in themes else self.app.theme
        self.loaded = self.values()
        self._advise()
        self._cadence_note()

    def values(self) -> dict[str, object]:
        return {
            "active_platforms": list(self.query_one("#settings-platforms", SelectionList).selected),
            "default_cadence_days": self.query_one("#settings-cadence", Input).value,
            "skills": self.query_one("#settings-skills", Input).value,
            "language": self.query_one("#settings-language", Select).value,
            "theme": self.query_one("#settings-theme", Select).value,
        }

    def changed(self) -> bool:
        return bool(self.loaded) and self.values() != self.loaded

    # ------------------------------------------------------------------ live advice

    @on(SelectionList.SelectedChanged, "#settings-platforms")
    def _advise(self) -> None:
        count = len(self.query_one("#settings-platforms", SelectionList).selected)
        advice = self.query_one("#settings-platform-advice", Static)
        advice.set_class(count > FEW_PLATFORMS, "-warning")
        if count == 0:
            advice.update(_("None ticked: handles are listed by name only."))
        elif count > FEW_PLATFORMS:
            advice.update(
                ngettext(
                    "{n} platform is a lot to keep up with; fewer, well-tended ones serve you better.",
                    "{n} platforms are a lot to keep up with; fewer, well-tended ones serve you better.",
                    count,
                ).format(n=count)
            )
        else:
            advice.update(ngettext("{n} active platform: good.", "{n} active platforms: good.", count).format(n=count))

    @on(Input.Changed, "#settings-cadence")
    def _cadence_note(self) -> None:
        note = self.query_one("#settings-cadence-note", Static)
        note.remove_class("-error")
        try:
            days = parse_cadence(self.query_one("#settings-cadence", Input).value)
        except ValidationError as error:
            note.update(error.message)
            note.add_class("-error")
            return
        note.update(every_phrase(days) if days else "")

    @on(Input.Submitted, "#settings-platform-new")
    def _add_platform(self, event: Input.Submitted) -> None:
        event.stop()
        name = " ".join(event.value.split())
        if not name:
            return
        platforms = self.query_one("#settings-platforms", SelectionList)
        existing = {
            str(platforms.get_option_at_index(i).value).casefold(): platforms.get_option_at_index(i).value
            for i in range(platforms.option_count)
        }
        if name.casefold() in existing:
            platforms.select(existing[name.casefold()])
        else:
            platforms.add_option((Text(name), name, True))
        event.input.value = ""
        self._advise()

    @on(Input.Submitted, "#settings-cadence, #settings-skills")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    # ------------------------------------------------------------------ saving as you go

    @on(Input.Changed, "#settings-cadence, #settings-skills")
    @on(SelectionList.SelectedChanged, "#settings-platforms")
    @on(Select.Changed, "#settings-language, #settings-theme")
    def _edited(self) -> None:
        if not self.changed():
            return  # loading, or changed back: nothing to save
        self._status("typing")
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(SETTINGS_DEBOUNCE, self.action_save)

    def on_screen_suspend(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        """Save what is shown now, in the background; the status says when it is on disk."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if self._saving or not self.changed():
            return  # a save in flight saves again when it is done, if anything changed meanwhile
        values = self.values()
        try:
            updated = edited_settings(self.japp.store.settings, values)
        except ValidationError as error:
            self._refused(error)
            return
        self._saving = True
        self._status("saving")
        store = self.japp.store
        self.japp.run_save(
            self,
            lambda: store.save_settings(updated),
            done=lambda settings: self._saved(settings, values),
            failed=self._failed,
        )

    def _saved(self, settings: Settings, values: dict[str, object]) -> None:
        self._saving = False
        self.loaded = values
        if settings.theme and settings.theme != self.app.theme:
            self.app.theme = settings.theme
        if self.changed():
            self.action_save()  # changed while it was being saved: save again
        else:
            self._status("saved")

    def _failed(self, error: Exception) -> None:
        # What was typed stays; the next change, leaving or ctrl+s tries again.
        self._saving = False
        self._status("failed", getattr(error, "message", str(error)))

    def _refused(self, error: ValidationError) -> None:
        self._status("failed", error.message)
        if error.field in ("default_cadence_days", "cadence_days") and self.app.screen is self:
            self.query_one("#settings-cadence", Input).focus()

    def _status(self, state: str, detail: str = "") -> None:
        status = self.query_one("#settings-status", Static)
        status.set_class(state == "failed", "-error")
        status.update(
            {
                "typing": _("…"),
                "saving": _("saving…"),
                "saved": _("Saved."),
                "failed": _("Not saved: {reason}").format(reason=detail),
            }.get(state, "")
        )

    def flush_before_quit(self) -> bool:
        """Called by the app before it exits: save pending changes now. A value that cannot be
        saved stops the first quit with a message; quitting again leaves without it."""
        if not self.is_mounted or not self.loaded:
            return True
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if not self.changed():
            return True
        values = self.values()
        try:
            updated = edited_settings(self.japp.store.settings, values)
            self.japp.store.save_settings(updated)
        except ValidationError as error:
            self._save_the_rest(values, error.field)
            if values == self._refused_at_quit:
                return True
            self._refused_at_quit = values
            self._status("failed", error.message)
            self.app.notify(
                _("A setting is not saved: {reason} Fix it in the Settings, or quit again to leave without it.").format(
                    reason=error.message
                ),
                severity="warning",
                timeout=15,
            )
            return False
        except JournalError as error:
            self._status("failed", error.message)
            self.app.notify(
                _("The settings could not be saved: {reason} Quit again once it is fixed.").format(
                    reason=error.message
                ),
                severity="error",
                timeout=15,
            )
            return False
        self.loaded = values
        return True

    def _save_the_rest(self, values: dict[str, object], refused: str) -> None:
        """At quitting (or a hang-up): the other fields are saved, the refused one stays as it was."""
        # The rhythm is read by person_edit.parse_cadence, which names a person's field.
        refused = "default_cadence_days" if refused == "cadence_days" else refused
        rest = {**values, refused: self.loaded.get(refused)}
        try:
            self.japp.store.save_settings(edited_settings(self.japp.store.settings, rest))
        except (ValidationError, JournalError):
            return  # said already, for the field that was refused
        self.loaded = {**self.loaded, **{k: v for k, v in rest.items() if k != refused}}
