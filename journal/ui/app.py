"""JournalApp: screens, global keys, the command palette, themes, and background saving."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import os
import signal
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.message_pump import MessagePump
from textual.notifications import SeverityLevel
from textual.screen import ModalScreen, Screen
from textual.signal import Signal
from textual.worker import WorkerFailed

from journal import i18n
from journal.clock import Clock
from journal.i18n import N_, _
from journal.model import Encounter, Person, ValidationError
from journal.phrases import encounter_line
from journal.store import Change, JournalError, JournalStore, LoadingStopped, Revision, UndoConflict
from journal.ui import textual_fixes
from journal.ui.base import translate_bindings
from journal.ui.commands import JournalCommands
from journal.ui.navigation import DESTINATIONS, destination
from journal.ui.saving import Saved, SaveFailed, SaveResults
from journal.ui.textual_i18n import open_command_palette, translate_system_commands
from journal.ui.themes import THEMES

if TYPE_CHECKING:
    from journal import recovery
    from journal.entry.form import FormValues
    from journal.forget import ForgetReport
    from journal.ui.modals.encounter_form import EncounterForm

T = TypeVar("T")


@dataclass(frozen=True)
class UndoStep:
    """One change made from a screen, as the store recorded it, and what it did in words
    ("deleted the encounter with Anna Müller"), for the message once it is undone."""

    label: str
    revisions: tuple[Revision, ...]

    def touches(self, ids: Iterable[str]) -> bool:
        wanted = set(ids)
        return any(revision.after.id in wanted for revision in self.revisions)


STOP_SIGNALS = (signal.SIGHUP, signal.SIGTERM)
# How often the app looks for other writers' changes (two stat calls when nothing changed).
WATCH_SECONDS = 0.4


DEFAULT_THEME = "netjournal"  # journal.ui.themes


class JournalApp(SaveResults, App[None]):
    TITLE = "netjournal"
    # Today's rules are read with the app's: loaded when its screen is first shown, they were parsed
    # again with all the others and every widget restyled, before the first frame. (TodayScreen
    # still names the file: Textual then finds it loaded.)
    CSS_PATH: ClassVar = ["app.tcss", "screens/today.tcss"]
    COMMANDS: ClassVar = App.COMMANDS | {JournalCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+n",
            "quick_add",
            N_("Quick add"),
            id="quick-add",
            tooltip=N_("Log an encounter in one line"),
            priority=True,
        ),
        Binding("question_mark", "help", N_("Help"), id="help", key_display="?"),
        Binding("f1", "help", N_("Help"), id="help-f1", show=False),
        Binding("q", "quit", N_("Quit"), id="quit"),
        Binding("ctrl+q", "quit", N_("Quit"), id="quit-now", show=False, priority=True),
        # On every screen (never in a dialog: see check_action); Today and History show it.
        Binding("u", "undo", N_("Undo"), id="undo", show=False, tooltip=N_("Take back the last change")),
        *[Binding(d.key, f"go('{d.name}')", d.description, id=f"go-{d.name}", show=False) for d in DESTINATIONS],
    ]

    def __init__(
        self,
        store: JournalStore,
        clock: Clock,
        *,
        seed: int | None = None,
        animations: bool = True,
        demo: bool = False,
    ) -> None:
        textual_fixes.apply()  # work-arounds for bugs of the pinned Textual (docs/textual-fixes.md)
        super().__init__()
        translate_bindings(self)
        if demo:
            # Said in the header of every screen, so nobody mistakes the demo for their own journal.
            self.title = _("netjournal · DEMO")
        self.store = store
        self.clock = clock
        # Seeds rerolls of the lucky encounter in tests and screenshots; None means "by the date".
        self.seed = seed
        self.changed_signal: Signal[Change] = Signal(self, "journal-changed")
        self._unsubscribe = store.subscribe(self._on_store_change)
        self._app_thread = threading.get_ident()
        self._watcher: threading.Thread | None = None
        self._stop_watching = threading.Event()
        # Changes made from the screens, newest last: `u` takes them back until the app closes.
        self.undo_stack: list[UndoStep] = []
        self._undoing = False
        self._quit_question: Screen[Any] | None = None  # "discard and quit?" while it is asked
        self._encounter_form: EncounterForm | None = None
        # The main screens visited since Today, the root: escape walks back along it.
        self.trail: list[str] = []
        # Set when the app stops after an unexpected error: the command line writes the crash log.
        self.crash: BaseException | None = None
        # Input that a hang-up or SIGTERM could not save, for the command line's recovery file
        # (items as journal.recovery describes them).
        self.recovered: list[dict[str, Any]] = []
        self.stopped_by: int | None = None  # the signal that stopped the app, if one did
        # Why the app stopped when the journal turned out unreadable after the first frame (a
        # record of the wrong shape, found when the rest of a lazily opened journal was read).
        self.unreadable: str | None = None
        # Work that waits for the first frame (see after_first_frame); None once it is drawn.
        self._waiting_for_first_frame: list[Callable[[], object]] | None = []
        if not animations:
            self.animation_level = "none"
        for theme in THEMES:
            self.register_theme(theme)
        # Chosen before the first screen is styled: a theme set once it is, styles it all over again.
        self.theme = self.store.settings.theme or DEFAULT_THEME

    def get_key_display(self, binding: Binding) -> str:
        """Key labels as the keyboard says them: German keyboards print Strg and Entf, not ctrl and del."""
        shown = super().get_key_display(binding)
        if i18n.language() != "de":
            return shown
        if shown.startswith("^") and len(shown) > 1:
            return "Strg+" + shown[1:].upper()
        return {"del": "Entf", "delete": "Entf", "esc": "Esc", "escape": "Esc", "enter": "Enter"}.get(shown, shown)

    # ------------------------------------------------------------ lifecycle

    def on_mount(self) -> None:
        self.go("today")
        self._catch_signals()

    @property
    def first_frame_drawn(self) -> bool:
        return self._waiting_for_first_frame is None

    def after_first_frame(self, callback: Callable[[], object]) -> None:
        """Run ``callback`` once the first frame is on screen, or now if it already is.

        For background work the first screen does not need (Today's due list and reminders read
        every encounter): a worker thread started before the first frame would share the
        interpreter with drawing it, and slow it by as much as it takes."""
        if self._waiting_for_first_frame is None:
            callback()
        else:
            self._waiting_for_first_frame.append(callback)

    def on_ready(self) -> None:
        # Ready comes once the first screen is laid out, which can be before it is drawn (Textual
        # draws it after its start-up batch): what waits for the first frame waits one refresh more.
        self.screen.call_after_refresh(self._on_first_frame)

    def _on_first_frame(self) -> None:
        waiting, self._waiting_for_first_frame = self._waiting_for_first_frame or [], None
        gc.enable()  # the netjournal command switched it off for the start-up (journal.cli.entry)
        for callback in waiting:
            callback()
        # bench/run.py measures start-up: with NETJOURNAL_BENCH_EXIT set, quit once the first screen
        # has been drawn with its data (this waits for one more refresh).
        if os.environ.get("NETJOURNAL_BENCH_EXIT"):
            self.screen.call_after_refresh(self.exit)
            return
        for notice in self.store.notices:  # conflict copies merged at open, …
            self.notify(notice, title=_("Merged"), timeout=10)
        self._warm_up()
        if not self.store.readonly:
            self._look_for_recovered()
        self._start_watching()

    @work(thread=True, group="warm-up", exit_on_error=False)
    def _warm_up(self) -> None:
        """After the first frame: read the rest of the journal, build the search index, write the
        day's backup, fold the change log."""
        from journal.backup import BackupFailed, daily_backup

        try:
            self.store.load_everything()
        except LoadingStopped:
            return  # the app is closing
        except JournalError as error:
            self._from_thread(self._stop_unreadable, error.message)
            return
        self.store.warm_up()
        try:
            daily_backup(self.store, self.clock.today())
        except BackupFailed as error:
            self.call_from_thread(self.notify, error.message, title=_("No backup today"), severity="warning")
        self._fold_now()

    # ------------------------------------------------------------ input kept at the last stop

    @work(thread=True, group="recovery", exit_on_error=False)
    def _look_for_recovered(self) -> None:
        """Input a hang-up kept last time (journal.recovery) is offered back once the app is up."""
        from journal import recovery  # (with the forms it restores: not needed to start)

        found = []
        for path in recovery.recovery_files(self.store.path):
            try:
                found.append(recovery.read_recovery(path))
            except (OSError, ValueError):
                continue  # not ours to judge: left where it is
        if found:
            self._from_thread(self._offer_recovered, found)

    def _offer_recovered(self, found: list[recovery.Recovered]) -> None:
        from journal.ui.modals.recovered import RecoveredModal

        def answered(choice: object) -> None:
            if choice == "restore":
                self.put_back(found)
            elif choice == "discard":
                self._discard_recovered(found)

        self.push_screen(RecoveredModal(found), answered)

    def put_back(self, found: list[recovery.Recovered]) -> None:
        """Day notes are saved (beside what the day's note holds now); forms and the quick-add box
        open with what they held. The files go once that is done."""
        from journal import recovery  # (with the forms it restores: not needed to start)

        items = [item for entry in found for item in entry.items]
        notes = [
            (day, str(item.get("text", "")))
            for item in items
            if item["kind"] == "day_note"
            if (day := recovery.item_day(item))
        ]
        store = self.store

        def save_notes() -> None:
            for day, text in notes:
                stored = store.day_note(day)
                store.set_day_note(day, recovery.merged_note(stored.text if stored else "", text))

        self.run_save(self, save_notes, done=lambda _r: self._discard_recovered(found, quiet=True))
        for item in reversed(items):  # the first item ends up on top
            self._open_recovered(item)

    def _open_recovered(self, item: dict[str, Any]) -> None:
        from journal import recovery
        from journal.ui.modals.person_form import PersonForm
        from journal.ui.modals.quick_add import QuickAddModal

        day = recovery.item_day(item) or self.clock.today()
        if item["kind"] == "encounter":
            encounter = self.store.encounter(str(item.get("encounter_id") or ""))
            self.open_encounter_form(day=day, encounter=encounter, restored=recovery.form_values(item, self.store))
        elif item["kind"] == "person":
            person = self.store.person(str(item.get("person_id") or ""))
            values = item.get("values")
            if person is not None and isinstance(values, dict):
                self.push_screen(PersonForm(person, restored={str(k): str(v) for k, v in values.items()}))
        elif item["kind"] == "quick_add":
            self.push_screen(QuickAddModal(day=day, line=str(item.get("line", ""))))

    def _discard_recovered(self, found: list[recovery.Recovered], *, quiet: bool = False) -> None:
        from journal import recovery

        kept = [str(entry.path) for entry in found if not recovery.discard(entry.path)]
        if kept:
            self.notify(
                _("Could not remove {paths}; remove it yourself.").format(paths=", ".join(kept)), severity="warning"
            )
        elif not quiet:
            self.notify(_("The input kept last time was discarded."), timeout=4)

    # ------------------------------------------------------------ other writers, folding

    def _start_watching(self) -> None:
        """Follow what other netjournal processes (``netjournal add``, a second app) and sync tools
        write: a plain thread polls the files' sizes and identities twice a second; changes come
        back through the store's listeners, so screens redraw once per save."""
        if self._watcher is not None:
            return
        self._watcher = threading.Thread(target=self._watch, name="netjournal-watch", daemon=True)
        self._watcher.start()

    def _watch(self) -> None:
        reported: str | None = None
        while not self._stop_watching.wait(WATCH_SECONDS):
            try:
                self.store.poll()
                reported = None
            except JournalError as error:
                if error.message != reported:  # say it once, not twice a second
                    reported = error.message
                    self._from_thread(self.notify, error.message, title=_("Journal"), severity="error", timeout=15)

    def _from_thread(self, callback: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        with contextlib.suppress(RuntimeError):  # the app is shutting down
            self.call_from_thread(callback, *args, **kwargs)

    def _stop_unreadable(self, message: str) -> None:
        """A record read after the first frame cannot be read: stop, as an open that found it
        would have refused to start (the command line prints the message; nothing was written
        to the journal file)."""
        self.unreadable = message
        self.exit(return_code=2)

    def _fold_now(self) -> None:
        """(In a worker thread.) Fold the change log into the journal file, if it holds anything."""
        if not self.store.has_unfolded_changes():
            return
        try:
            self.store.compact()
        except JournalError as error:
            # Nothing is lost: every save is in the change log, and the next fold tries again.
            self._from_thread(self.notify, error.message, title=_("Not folded yet"), severity="warning")

    @work(thread=True, exclusive=True, group="fold", exit_on_error=False)
    def _fold(self) -> None:
        self._fold_now()

    def exit(self, result: Any = None, return_code: int = 0, message: Any = None) -> None:
        # Closing: workers still reading the rest of a lazily opened journal give up at once
        # (Textual waits for its worker threads before the process can end).
        self.store.stop_loading()
        super().exit(result, return_code, message)

    def on_unmount(self) -> None:
        self._stop_watching.set()
        self._unsubscribe()
        loop = asyncio.get_running_loop()
        for signum in STOP_SIGNALS:
            with contextlib.suppress(ValueError, RuntimeError):
                loop.remove_signal_handler(signum)

    # ------------------------------------------------------------ hang-up, SIGTERM and crashes

    def _catch_signals(self) -> None:
        """A closed terminal (SIGHUP) or a shutdown (SIGTERM) saves what is typed before the app goes."""
        loop = asyncio.get_running_loop()
        for signum in STOP_SIGNALS:
            with contextlib.suppress(ValueError, RuntimeError, NotImplementedError):  # not the main thread
                loop.add_signal_handler(signum, self.stop_on_signal, signum)

    def stop_on_signal(self, signum: int) -> None:
        """Save pending day notes now; keep any form with unsaved input for a recovery file; exit.

        A form is not saved on its own: what it holds was never confirmed (it may name new people,
        or not be valid yet), so it goes to the recovery file the command line writes.
        """
        self.stopped_by = signum
        for screen in dict.fromkeys([*self._installed_screens.values(), *self.screen_stack]):
            flush = getattr(screen, "flush_before_quit", None)
            if callable(flush) and not flush():
                notes: dict[date, str] = getattr(screen, "unsaved_notes", dict)()
                self.recovered += [
                    {"kind": "day_note", "day": day.isoformat(), "text": text} for day, text in notes.items()
                ]
        for screen in self.screen_stack:
            kept = getattr(screen, "recovery", None)
            if getattr(screen, "is_dirty", False) and callable(kept):
                self.recovered.append(kept())
        self.exit(return_code=128 + signum)

    def _handle_exception(self, error: Exception) -> None:
        # Remember the first error for the crash log; the app still stops as Textual stops it.
        if self.crash is None:
            self.crash = error.error if isinstance(error, WorkerFailed) else error
        super()._handle_exception(error)

    def _fatal_error(self) -> None:
        # Textual's own prints a traceback with local variables (people's names and notes) to the
        # terminal. The command line writes a crash log without them instead.
        self.bell()
        self._close_messages_no_wait()

    def watch_theme(self, theme: str) -> None:
        """Remember the user's theme across runs (saved in the background)."""
        settings = self.store.settings
        # Only a change: the theme shown at start (the saved one, or the default) writes nothing.
        if theme != (settings.theme or DEFAULT_THEME) and theme in self.available_themes and self.is_running:
            from dataclasses import replace

            updated = replace(settings, theme=theme)
            self.run_save(self, lambda: self.store.save_settings(updated))

    # ------------------------------------------------------------ navigation

    def go(self, name: str) -> None:
        """Show a main screen; screens are kept, so going back keeps their state."""
        dest = destination(name)
        if not self.is_screen_installed(name):
            self.install_screen(dest.load()(), name)
        # Pages pushed over a main screen (a person's page, a dialog) close when you go elsewhere
        # (the command palette's "Go to …"), but never a form holding typed input.
        if any(getattr(screen, "is_dirty", False) for screen in self.screen_stack[2:]):
            self.notify(_("Finish the form first: ctrl+s saves, escape cancels."), severity="warning")
            return
        while len(self.screen_stack) > 2 and not self.is_screen_installed(self.screen):
            self.pop_screen()
        self._follow_trail(name)
        if self.screen_stack and self.screen.id == name:
            return
        if len(self.screen_stack) > 1:
            self.switch_screen(name)
        else:
            self.push_screen(name)

    def _follow_trail(self, name: str) -> None:
        """Today starts the trail afresh; a screen already on it cuts it back to there (no loops)."""
        if name == "today" or not self.trail:
            self.trail = ["today"]
        if name in self.trail:
            del self.trail[self.trail.index(name) + 1 :]
        else:
            self.trail.append(name)

    def can_go_back(self, screen: Screen[Any]) -> bool:
        """Whether escape on ``screen`` has somewhere to go: Today, the root, has not."""
        if not self.is_screen_installed(screen):
            return True  # a page pushed over a main screen (a person's page)
        return screen.id != "today"

    def back(self, screen: Screen[Any]) -> None:
        """One screen back: a pushed page closes; a main screen gives way to the one visited before
        it (Today when there is none)."""
        if self.screen is not screen or not self.can_go_back(screen):
            return
        if not self.is_screen_installed(screen):
            screen.dismiss()
            return
        trail = self.trail[: self.trail.index(screen.id)] if screen.id in self.trail else []
        self.go(trail[-1] if trail else "today")

    def open_person(self, person_id: str) -> None:
        """A person's page, pushed over the current main screen (escape goes back)."""
        from journal.ui.screens.person import PersonScreen

        self.push_screen(PersonScreen(person_id))

    def action_go(self, name: str) -> None:
        self.go(name)

    def action_command_palette(self) -> None:
        """Open the palette unless it is open already, even under another dialog: ctrl+n works over
        it, and a second palette (same id) would crash the app (DuplicateIds)."""
        from textual.command import CommandPalette

        if not any(isinstance(screen, CommandPalette) for screen in self.screen_stack):
            open_command_palette(self)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Textual's own palette commands (theme, quit, keys …) in the user's language."""
        return translate_system_commands(super().get_system_commands(screen))

    def action_quick_add(self) -> None:
        from journal.ui.modals.quick_add import QuickAddModal

        if isinstance(self.screen, QuickAddModal):
            return
        # On a person's page the line starts with their name.
        person = getattr(self.screen, "quick_add_person", None)
        self.push_screen(QuickAddModal(day=self.current_day(), person=person))

    # ------------------------------------------------------------ encounters: form, delete, undo

    def open_encounter_form(
        self,
        *,
        day: date | None = None,
        line: str | None = None,
        encounter: Encounter | None = None,
        people: list[Person] | None = None,
        restored: FormValues | None = None,
    ) -> None:
        """The full form: empty (dated ``day``; with ``people`` already picked), filled from a
        quick-add ``line``, or editing ``encounter``."""
        from journal.ui.modals.encounter_form import EncounterForm

        day = day or self.current_day()
        form = self._encounter_form
        if form is None or form in self.screen_stack:
            # The first form is kept and refilled next time (it has many widgets to build); a form
            # opened from over the form (quick-add's "More…") is a fresh one.
            form = EncounterForm(day=day, line=line, encounter=encounter, people=people, restored=restored)
            if self._encounter_form is None:
                self._encounter_form = form
                self.install_screen(form, "encounter-form")
        else:
            form.prepare(day=day, line=line, encounter=encounter, people=people, restored=restored)
        self.push_screen(form)

    def delete_encounter(self, encounter: Encounter) -> None:
        """Ask, then leave a tombstone; `u` brings it back until the app closes."""
        from journal.ui.modals.confirm import ConfirmModal

        what = encounter_line(encounter, self.store.names(encounter.person_ids))
        question = _("Delete this encounter?\n\n{encounter}\n\nYou can undo with u until you quit.").format(
            encounter=what
        )

        names = ", ".join(self.store.names(encounter.person_ids)) or _("(nobody)")

        def answered(ok: object) -> None:
            if ok:
                self.run_save(
                    self,
                    lambda: self.store.delete(encounter),
                    done=lambda _tomb: self.notify(_("Deleted. Press u to undo.")),
                    undo=_("deleted the encounter with {names}").format(names=names),
                )

        self.push_screen(ConfirmModal(question, yes=_("Delete"), danger=True), answered)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # `u` in a dialog (a question, a form) must not take back a change behind it.
        if action == "undo":
            return not isinstance(self.screen, ModalScreen)
        return True

    def action_undo(self) -> None:
        """Take back the last change made from a screen (`u`), then the one before, …"""
        if self._undoing:
            return  # one at a time: the next undo must see this one done
        if not self.undo_stack:
            self.notify(_("Nothing to undo."), severity="warning")
            return
        step = self.undo_stack.pop()
        self._undoing = True

        def done(_records: object) -> None:
            self._undoing = False
            self.notify(_("Undone: {change}.").format(change=step.label))

        def failed(error: Exception) -> None:
            self._undoing = False
            if not isinstance(error, UndoConflict):
                self.undo_stack.append(step)  # the disk refused: u tries again

        self.run_save(self, lambda: self.store.undo(step.revisions), done=done, failed=failed)

    def forgotten(self, report: ForgetReport) -> None:
        """Someone was forgotten: changes kept for undo may hold them, and must not bring them back."""
        self.undo_stack[:] = [step for step in self.undo_stack if not step.touches(report.ids)]
        self.notify(report.summary(), title=_("Forgotten"))

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Without animations (tests, screenshots) text cursors do not blink either: steady frames."""
        if self.animation_level == "none" and hasattr(event.widget, "cursor_blink"):
            event.widget.cursor_blink = False

    async def action_quit(self) -> None:
        """Save what is still being typed (a day note, the settings) first; if that fails, stay, so
        nothing is lost. A form or the quick-add box holding unsaved input asks before it goes."""
        from journal.ui.modals.confirm import ConfirmModal

        for screen in list(self._installed_screens.values()):
            flush = getattr(screen, "flush_before_quit", None)
            if callable(flush) and not flush():
                return
        if not any(getattr(screen, "is_dirty", False) for screen in self.screen_stack):
            self.exit()
            return
        if self._quit_question is not None:
            if self.screen is self._quit_question:
                self.exit()  # ctrl+q again while asked: quit
            return

        def answered(ok: object) -> None:
            self._quit_question = None
            if ok:
                self.exit()

        self._quit_question = ConfirmModal(
            _("What you typed is not saved yet. Quit and discard it?"),
            yes=_("Discard and quit"),
            no=_("Keep editing"),
            danger=True,
        )
        self.push_screen(self._quit_question, answered)

    def current_day(self) -> date:
        """The day the user is looking at, for new entries (Today screen may show another day)."""
        return getattr(self.screen, "day", None) or self.clock.today()

    def action_help(self) -> None:
        from journal.ui.modals.help import HelpModal

        if not isinstance(self.screen, HelpModal):
            self.push_screen(HelpModal(self.screen))

    def action_help_quit(self) -> None:
        """ctrl+c (copy in a text field) does not quit: say which key does, in the user's language
        (Textual's own message is English markup, which the app's notices show as typed)."""
        self.notify(_("Press ctrl+q to quit."), title=_("Do you want to quit?"))

    # ------------------------------------------------------------ saving

    def run_save(
        self,
        requester: MessagePump,
        action: Callable[[], T],
        *,
        done: Callable[[T], None] | None = None,
        failed: Callable[[Exception], None] | None = None,
        undo: str | Callable[[T], str] | None = None,
    ) -> None:
        """Write to the journal in a worker thread so the UI never waits for the disk; the outcome
        comes back to ``requester`` as a message (journal.ui.saving), dropped if it has closed.

        ``undo`` makes the change one that `u` takes back: it says what the change did
        ("snoozed Anna Müller"), or works that out from the action's result."""
        self._save_worker(requester, action, done, failed, undo)

    @work(thread=True, group="save", exit_on_error=False)
    def _save_worker(
        self,
        requester: MessagePump,
        action: Callable[[], Any],
        done: Callable[[Any], None] | None,
        failed: Callable[[Exception], None] | None,
        undo: str | Callable[[Any], str] | None,
    ) -> None:
        revisions: list[Revision] = []
        try:
            if undo is None:
                result = action()  # nothing to remember (an import of thousands of cards)
            else:
                with self.store.recording() as revisions:
                    result = action()
        except (JournalError, ValidationError) as error:
            self.notify(getattr(error, "message", str(error)), title=_("Not saved"), severity="error", timeout=10)
            requester.post_message(SaveFailed(error, failed))
            return
        if undo is not None and revisions:
            label = undo(result) if callable(undo) else undo
            self._from_thread(self.undo_stack.append, UndoStep(label, tuple(revisions)))
        requester.post_message(Saved(result, done))
        if self.store.needs_compaction():
            self._from_thread(self._fold)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Messages carry names and notes people typed: never read them as Textual markup (a name
        with "[/x]" in it crashed the app when its toast was drawn). ``markup`` is ignored."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def _on_store_change(self, change: Change) -> None:
        # The store calls back on whichever thread saved (or polled); signals are published on ours.
        if threading.get_ident() == self._app_thread:
            self._publish(change)
        else:
            self._from_thread(self._publish, change)

    def _publish(self, change: Change) -> None:
        """One save, one signal: every shown screen refreshes once, hidden ones when shown."""
        if change.message:  # what came in from outside, said once
            self.notify(change.message, title=_("From outside"), timeout=8)
        if change.records:
            self.changed_signal.publish(change)
