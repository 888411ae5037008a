"""Command palette (ctrl+p): go to any screen or person, and journal-wide actions."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.markup import escape

from journal.i18n import _
from journal.phrases import last_seen_phrase
from journal.ui.navigation import DESTINATIONS

PEOPLE_HITS = 8
# People's scores stay under 1: a command matching what was typed well comes first.
PEOPLE_SCORE = 0.5

if TYPE_CHECKING:
    from journal.ui.app import JournalApp


class JournalCommands(Provider):
    """Screens and actions; people are found with the same index as the People screen."""

    @property
    def japp(self) -> JournalApp:
        return cast("JournalApp", self.app)

    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        app = self.japp
        commands: list[tuple[str, str, Callable[[], object]]] = [
            (
                _("Go to {screen}").format(screen=_(d.description)),
                _("Open the {screen} screen").format(screen=_(d.description)),
                partial(app.go, d.name),
            )
            for d in DESTINATIONS
        ]
        commands.append(
            (_("Help"), _("Every key of this screen, the quick-add syntax, the seven rules"), app.action_help)
        )
        commands.append((_("Quick add"), _("Log an encounter in one line"), app.action_quick_add))
        commands.append((_("New encounter…"), _("Log an encounter with the full form"), app.open_encounter_form))
        commands.append((_("Write the day's note"), _("Today's note, ready to type"), self._write_note))
        commands.append((_("Back up now"), _("Write a complete JSON backup into the backups folder"), self._backup_now))
        commands.append((_("Export…"), _("vCards, CSV, a calendar or a complete backup, to a file"), self._export))
        commands.append(
            (
                _("Import a file…"),
                _("Merge a journal copy (.json) or import contacts (.vcf, a folder of them, .csv)"),
                self._import_file,
            )
        )
        return commands

    def _write_note(self) -> None:
        app = self.japp
        app.go("today")
        from journal.ui.screens.today import TodayScreen

        today = app.get_screen("today")
        if isinstance(today, TodayScreen):
            app.call_after_refresh(today.action_write_note)

    def _export(self) -> None:
        from journal.ui.modals.export_file import ExportFileModal

        self.japp.push_screen(ExportFileModal())

    def _backup_now(self) -> None:
        from journal.backup import write_backup

        app = self.japp
        app.run_save(
            app,
            lambda: write_backup(app.store),
            done=lambda path: app.notify(_("Backup written to {path}").format(path=path), title=_("Backup")),
        )

    def _import_file(self) -> None:
        from journal.ui.modals.import_file import ImportFileModal

        self.japp.push_screen(ImportFileModal())

    async def discover(self) -> Hits:
        yield DiscoveryHit(_("Go to person…"), self._find_person, help=_("Type a name, a company or a tag"))
        for title, help_text, callback in self._commands():
            yield DiscoveryHit(title, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        go_to_person = _("Go to person…")
        score = matcher.match(go_to_person)
        if score > 0:
            yield Hit(
                score, matcher.highlight(go_to_person), self._find_person, help=_("Type a name, a company or a tag")
            )
        for title, help_text, callback in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, help=help_text)
        # People as you type, from the same fuzzy index as the People screen (umlauts optional).
        app = self.japp
        today = app.clock.today()
        for rank, person in enumerate(app.store.search(query, PEOPLE_HITS)):
            display = Text(person.name, style="bold")
            detail = " · ".join(
                x for x in (person.company, last_seen_phrase(app.store.last_seen(person.id), today)) if x
            )
            display.append("  " + detail, style="dim")
            # Below any command that matches what was typed ("help" finds Help, then people),
            # best match first among them.
            score = PEOPLE_SCORE * max(matcher.match(person.name), 0.5) + (PEOPLE_HITS - rank) / 1000
            yield Hit(
                score,
                display,
                partial(app.open_person, person.id),
                text=person.name,
                help=_("Open {name}'s page").format(name=escape(person.name)),
            )

    def _find_person(self) -> None:
        """ "Go to person…": the People screen, ready to type."""
        app = self.japp
        app.go("people")
        from journal.ui.screens.people import PeopleScreen

        screen = app.get_screen("people")
        if isinstance(screen, PeopleScreen):
            app.call_after_refresh(screen.action_focus_search)
