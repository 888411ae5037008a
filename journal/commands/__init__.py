"""Subcommands, one module per feature area; each exposes ``register(subparsers)``.

A module is imported only when the command line names one of its commands (or asks for
help): opening the app needs none of them, and start-up should not pay for them.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from types import ModuleType

COMMANDS: dict[str, tuple[str, ...]] = {
    "journal_cmds": ("add", "people"),
    "people_cmds": ("show", "forget"),
    "rules": ("today", "due", "pace", "snooze", "lucky", "could-help", "intros", "insights", "chances"),
    "data": ("backup", "restore", "import", "export"),
    "demo_cmds": ("demo-data",),
}
# Global options that take a value: their value is never a command name.
OPTIONS_WITH_VALUE = ("--db", "--lang")


def _load(name: str) -> ModuleType:
    return importlib.import_module(f"journal.commands.{name}")


def modules_for(argv: Sequence[str]) -> list[ModuleType]:
    """The command modules this command line needs, in a stable order."""
    skip = False
    for token in argv:
        if skip:
            skip = False
            continue
        if token in OPTIONS_WITH_VALUE:
            skip = True
            continue
        if token in ("-h", "--help"):
            break
        if token.startswith("-"):
            continue
        for module, names in COMMANDS.items():
            if token in names:
                return [_load(module)]
        break  # an unknown word: load everything so the error can list the commands
    else:
        return []
    return [_load(module) for module in COMMANDS]
