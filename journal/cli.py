"""The command line: parse arguments, open the journal, run a subcommand or the app.

Exit status: 0 success, 1 a user error (message on stderr, nothing changed), 2 the journal
cannot be opened (locked, unreadable, newer schema).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn, TextIO

from journal import __version__, i18n
from journal.clock import Clock, SystemClock
from journal.i18n import _
from journal.model import ValidationError
from journal.paths import resolve_journal_path
from journal.store import JournalError, JournalStore


class UserError(Exception):
    """A mistake in what the user asked for; exit status 1, nothing changed."""


@dataclass
class Context:
    """What a subcommand needs: its arguments, the clock, and where to write."""

    args: argparse.Namespace
    clock: Clock
    out: TextIO = field(default_factory=lambda: sys.stdout)
    err: TextIO = field(default_factory=lambda: sys.stderr)

    @property
    def db_path(self) -> Path:
        return resolve_journal_path(self.args.db)

    def open_store(self, *, readonly: bool = False, backup: bool = True) -> JournalStore:
        """Open the journal; after a successful open, write the day's backup (at most one a day)."""
        store = JournalStore.open(self.db_path, self.clock, readonly=readonly)
        if store.settings.language and not getattr(self.args, "lang", None):
            i18n.set_language(store.settings.language)  # --lang, else the settings, else the environment
        if store.migrated_from is not None and not readonly:
            self.say(
                _("Upgraded the journal from schema {old}; the old file is backed up at {backup}.").format(
                    old=store.migrated_from, backup=store.pre_migration_backup
                ),
                err=True,
            )
        if backup:
            self.daily_backup(store)
        return store

    def daily_backup(self, store: JournalStore) -> None:
        from journal.backup import BackupFailed, daily_backup

        try:
            daily_backup(store, self.clock.today())
        except BackupFailed as error:
            # The journal itself is fine; a missing backup is worth a warning, not a failure.
            self.say(_("Warning: {message}").format(message=error.message), err=True)

    def say(self, text: str = "", *, err: bool = False) -> None:
        print(text, file=self.err if err else self.out)


Handler = Callable[[Context], int]


class Parser(argparse.ArgumentParser):
    """argparse, but a usage mistake is a user error (exit status 1), as the contract says."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(1, _("{prog}: error: {message}\n").format(prog=self.prog, message=message))


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser, with the subcommands ``argv`` needs (all of them when argv is None)."""
    from journal.commands import COMMANDS, _load, modules_for

    modules = [_load(name) for name in COMMANDS] if argv is None else modules_for(argv)
    parser = Parser(
        prog="netjournal",
        description=_(
            "A daily networking journal for the terminal: who you met, what connects you, "
            "what you gave, and who is due a check-in. Without a subcommand, opens the app."
        ),
    )
    parser.add_argument(
        "--db",
        metavar=_("PATH"),
        help=_("the journal file (default: $NETJOURNAL_DB, else {path})").format(path=_default_path_for_help()),
    )
    parser.add_argument(
        "--lang", choices=i18n.LANGUAGES, help=_("language of the app and its messages (default: settings, else $LANG)")
    )
    parser.add_argument(
        "--demo", action="store_true", help=_("open the app on a fresh demo journal in a temporary folder")
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"netjournal {__version__}",
        help=_("show program's version number and exit"),
    )
    sub = parser.add_subparsers(dest="command", metavar=_("COMMAND"), title=_("commands"))
    for module in modules:
        module.register(sub)
    return parser


def _default_path_for_help() -> str:
    try:
        return str(resolve_journal_path(None, environ={}))
    except Exception:  # platformdirs should never fail, but help must always print
        return "~/.local/share/netjournal/journal.json"


def _language_from_argv(argv: Sequence[str]) -> str | None:
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def main(
    argv: Sequence[str] | None = None,
    *,
    clock: Clock | None = None,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    i18n.set_language(i18n.detect_language(_language_from_argv(argv)))
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    ctx = Context(args, clock or SystemClock(), out or sys.stdout, err or sys.stderr)
    handler: Handler = getattr(args, "handler", None) or run_app
    try:
        return handler(ctx)
    except JournalError as error:
        ctx.say(error.message, err=True)
        return error.exit_code
    except ValidationError as error:
        ctx.say(_("Nothing was saved: {message}").format(message=error.message), err=True)
        return 1
    except UserError as error:
        ctx.say(str(error), err=True)
        return 1
    except KeyboardInterrupt:
        return 130


def entry() -> NoReturn:
    """The ``netjournal`` command: run, flush, and leave without tearing the journal down.

    The whole journal is in memory; freeing it object by object at exit takes longer than
    most commands (0.2 s at 50,000 encounters). The store is closed and output flushed first.
    """
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def run_app(ctx: Context) -> int:
    """Open the full-screen app on the journal (or on a fresh demo journal)."""
    import tempfile

    if ctx.args.demo:
        from journal.demo import create_demo_journal

        folder = tempfile.mkdtemp(prefix="netjournal-demo-")
        path = Path(folder) / "journal.json"
        create_demo_journal(path, ctx.clock)
        ctx.args.db = str(path)
    # The app writes the day's backup in the background, after its first frame.
    store = ctx.open_store(backup=False)
    try:
        if store.settings.language and not ctx.args.lang:
            i18n.set_language(store.settings.language)
        from journal.ui.app import JournalApp

        JournalApp(store, ctx.clock).run()
    finally:
        store.close()
    return 0
