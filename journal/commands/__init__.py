"""Subcommands, one module per feature area; each exposes ``register(subparsers)``."""

from journal.commands import journal_cmds

COMMAND_MODULES = (journal_cmds,)
