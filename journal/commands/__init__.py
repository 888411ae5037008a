"""Subcommands, one module per feature area; each exposes ``register(subparsers)``."""

from journal.commands import journal_cmds

COMMAND_MODULES = (journal_cmds,)
from journal.commands import rules; COMMAND_MODULES = (*COMMAND_MODULES, rules)  # noqa: E402,E702  (due, lucky, snooze, …)
from journal.commands import demo_cmds; COMMAND_MODULES = (*COMMAND_MODULES, demo_cmds)  # noqa: E402,E702
from journal.commands import people_cmds; COMMAND_MODULES = (*COMMAND_MODULES, people_cmds)  # noqa: E402,E702  (show, forget)
from journal.commands import data; COMMAND_MODULES = (*COMMAND_MODULES, data)  # noqa: E402,E702  (backup, restore, import, export)
