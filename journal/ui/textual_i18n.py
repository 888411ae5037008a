"""Textual's own user-visible words, routed through our catalog.

Textual writes a few English strings of its own: the footer's "palette" key (a binding that
``App.__init__`` adds; ``translate_bindings`` translates it like ours), the command palette's
placeholder and its system commands (Theme, Quit, Keys, Screenshot, …). They are listed here
with ``N_`` so that the extractor puts them in our catalog, and translated when shown:

    class JournalApp(App):
        def get_system_commands(self, screen):
            return translate_system_commands(super().get_system_commands(screen))

        def action_command_palette(self) -> None:
            if not any(isinstance(screen, CommandPalette) for screen in self.screen_stack):
                open_command_palette(self)      # instead of super().action_command_palette()

Textual's widget-level help texts (shown only in its key panel) stay English.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from textual.app import App, SystemCommand
from textual.command import CommandPalette

from journal.i18n import N_, _

TEXTUAL_MESSAGES = (
    # the binding App.__init__ adds for ctrl+p (its description shows in the Footer)
    N_("palette"),
    N_("Open the command palette"),
    # the palette's search field
    N_("Search for commands…"),
    N_("Search for themes…"),
    # App.get_system_commands
    N_("Theme"),
    N_("Change the current theme"),
    N_("Quit"),
    N_("Quit the application as soon as possible"),
    N_("Keys"),
    N_("Hide the keys and widget help panel"),
    N_("Show help for the focused widget and a summary of available keys"),
    N_("Minimize"),
    N_("Minimize the widget and restore to normal size"),
    N_("Maximize"),
    N_("Maximize the focused widget"),
    N_("Screenshot"),
    N_("Save an SVG 'screenshot' of the current screen"),
)


def translate_system_commands(commands: Iterable[SystemCommand]) -> Iterator[SystemCommand]:
    """Textual's system commands with their titles and help in the current language."""
    for command in commands:
        yield command._replace(title=_(command.title), help=_(command.help))


def open_command_palette(app: App[Any]) -> None:
    """What ``App.action_command_palette`` does, with a translated placeholder."""
    if app.use_command_palette and not CommandPalette.is_open(app):
        app.push_screen(CommandPalette(id="--command-palette", placeholder=_("Search for commands…")))
