"""Command palette (ctrl+p): go to any screen or person, and journal-wide actions."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

from journal.i18n import _
from journal.ui.navigation import DESTINATIONS

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
            (_("Go to {screen}").format(screen=_(d.description)), _("Open the {screen} screen").format(
                screen=_(d.description)), partial(app.go, d.name))
            for d in DESTINATIONS
        ]
        commands.append((_("Quick add"), _("Log an encounter in one line"), app.action_quick_add))
        return commands

    async def discover(self) -> Hits:
        for title, help_text, callback in self._commands():
            yield DiscoveryHit(title, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, help=help_text)
