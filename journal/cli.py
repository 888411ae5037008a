"""The command line: parse arguments, open the journal, run a subcommand or the app.

Exit status: 0 success, 1 a user error (message on stderr, nothing changed) or a crash of the
app (the message names the crash log), 2 the journal cannot be opened (locked, unreadable, newer
schema), 141 when the reader of the output went away (``netjournal people | head -1``), as
Unix tools do.

Everything a command prints goes through :meth:`Context.say`, which shows control characters
in people's text as visible escapes: a crafted name cannot move the cursor, set the window
title or write the clipboard (ESC, OSC, C1).
"""

from __future__ import annotations

import argparse
import gc
import os
import re
import signal
import sys
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn, TextIO

from journal import __version__, i18n
from journal.clock import Clock, SystemClock
from journal.i18n import _
from journal.model import ValidationError
from journal.paths import EmptyJournalPath, resolve_journal_path
from journal.store import JournalError, JournalStore


class UserError(Exception):
    """A mistake in what the user asked for; exit status 1, nothing changed."""


# C0 controls but tab and newline, DEL, and C1 (U+0080–U+009F: xterm reads U+009B as CSI, U+009D as OSC).
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
EXIT_BROKEN_PIPE = 128 + signal.SIGPIPE


def safe_text(text: str) -> str:
    """``text`` with every control character shown as a visible escape (``\\x1b``), never sent."""
    return _UNSAFE.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


@dataclass
class Context:
    """What a subcommand needs: its arguments, the clock, and where to write."""

    args: argparse.Namespace
    clock: Clock
    out: TextIO = field(default_factory=lambda: sys.stdout)
    err: TextIO = field(default_factory=lambda: sys.stderr)

    @property
    def db_path(self) -> Path:
        """The journal's path as given (--db, $NETJOURNAL_DB, the default); the store resolves links."""
        try:
            return resolve_journal_path(self.args.db)
        except EmptyJournalPath as err:
            raise UserError(str(err)) from None

    def open_store(self, *, readonly: bool = False, backup: bool | None = None, lazy: bool = False) -> JournalStore:
        """Open the journal. A writer then writes the day's backup (at most one a day); reading
        commands never write anything, not even a backup. ``lazy``: for commands that need
        little of a long journal (JournalStore.open)."""
        store = JournalStore.open(self.db_path, self.clock, readonly=readonly, lazy=lazy)
        if store.settings.language and not getattr(self.args, "lang", None):
            i18n.set_language(store.settings.language)  # --lang, else the settings, else the environment
        if store.migrated_from is not None and not readonly:
            self.say(
                _("Upgraded the journal from schema {old}; the old file is backed up at {backup}.").format(
                    old=store.migrated_from, backup=store.pre_migration_backup
                ),
                err=True,
            )
        for notice in store.notices:
            self.say(notice, err=True)
        if backup if backup is not None else not readonly:
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
        """Print a line for people to read; control sequences in it are neutralised."""
        print(safe_text(text), file=self.err if err else self.out)

    def write(self, data: str) -> None:
        """Write data (an export) as it is to a pipe or file, but never raw to a terminal."""
        isatty = getattr(self.out, "isatty", None)
        if callable(isatty) and isatty():
            data = safe_text(data)
        for start in range(0, len(data), 1 << 16):  # pieces: a reader that left is noticed at once
            self.out.write(data[start : start + (1 << 16)])


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
    if handler is not run_app:
        gc.enable()  # (see entry)
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
    except BrokenPipeError:
        # The reader went away (`| head -1`): stop quietly, as Unix tools do. Further writes at
        # exit (the flush) must not complain either.
        if ctx.out is sys.__stdout__:
            _silence_stdout()
        return EXIT_BROKEN_PIPE


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass  # stdout is not a real file (tests): nothing will be flushed to it


def entry() -> NoReturn:
    """The ``netjournal`` command: run, flush, and leave without tearing the journal down.

    The whole journal is in memory; freeing it object by object at exit takes longer than
    most commands (0.2 s at 50,000 encounters). The store is closed and output flushed first.
    """
    # The app's start-up makes a few hundred thousand objects that all stay (modules, classes, the
    # journal, the screen's widgets): the cyclic collector would walk them again and again and free
    # nothing. It is off until the first frame (JournalApp._on_first_frame); a command turns it on
    # before it starts (main), and opening the journal pauses it on its own (JournalStore.open).
    gc.disable()
    code = main()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BrokenPipeError:
            _silence_stdout()
            code = code or EXIT_BROKEN_PIPE
        except (OSError, ValueError):
            pass  # the terminal is gone (a hang-up): nothing more can be said
    os._exit(code)


def run_app(ctx: Context) -> int:
    """Open the full-screen app on the journal (or on a fresh demo journal)."""
    import tempfile

    demo_folder: Path | None = None
    if ctx.args.demo:
        from journal.demo import create_demo_journal

        demo_folder = Path(tempfile.mkdtemp(prefix="netjournal-demo-"))
    try:
        if demo_folder is not None:
            path = demo_folder / "journal.json"
            create_demo_journal(path, ctx.clock, language=i18n.language())
            ctx.args.db = str(path)
        return _run_app(ctx, demo=demo_folder is not None)
    finally:
        if demo_folder is not None:
            _remove_demo_folder(demo_folder)


def _remove_demo_folder(folder: Path) -> None:
    """The demo journal is thrown away at exit, unless a crash log or unsaved input was written
    beside it: then the folder stays, and the message before this one names the file."""
    import shutil

    kept = [p for p in folder.glob("*") if p.name.startswith(("crash-", "recovered-"))]
    if not kept:
        shutil.rmtree(folder, ignore_errors=True)


def _run_app(ctx: Context, *, demo: bool) -> int:
    # The app writes the day's backup in the background, after its first frame.
    # Lazy: Today is drawn from the people and today's encounters; the rest is decoded in the
    # background after the first frame (JournalApp._warm_up).
    store = ctx.open_store(backup=False, lazy=True)
    try:
        if store.settings.language and not ctx.args.lang:
            i18n.set_language(store.settings.language)
        from journal.ui.app import JournalApp

        app = JournalApp(store, ctx.clock, demo=demo)
        try:
            app.run()
        finally:
            gc.enable()  # (the first frame turned it on, unless the app stopped before it)
        if app.unreadable is not None:
            ctx.say(app.unreadable, err=True)  # found while reading the rest after the first frame
            return 2
        store.stop_loading(False)  # the app stopped its readers at exit; a fold reads everything
        try:
            store.compact()  # at exit: the journal file holds everything again
        except JournalError as error:
            ctx.say(_("Warning: {message}").format(message=error.message), err=True)
    finally:
        store.close()
    folder = store.path.parent
    code = 0
    if app.recovered:
        code = _report_recovery(ctx, store.path, app.recovered)
    if app.crash is not None:
        return _report_crash(ctx, folder, app.crash)
    if app.stopped_by is not None:
        return 128 + app.stopped_by  # as a process the signal ended would
    return code


def _private_file(folder: Path, name: str, text: str) -> Path:
    """Write a new 0600 file in the journal's folder (crash logs and recovered input are private)."""
    from journal.storage import atomic_write_bytes

    path = folder / name
    atomic_write_bytes(path, text.encode("utf-8"))
    return path


def crash_report(error: BaseException) -> str:
    """The crash log's text: the traceback without local variables (they hold names and notes)."""
    return "".join(traceback.format_exception(type(error), error, error.__traceback__))


def _report_crash(ctx: Context, folder: Path, error: BaseException) -> int:
    stamp = ctx.clock.now().strftime("%Y%m%d-%H%M%S")
    header = f"netjournal {__version__} crashed at {stamp}\n\n"
    try:
        path = _private_file(folder, f"crash-{stamp}.log", header + crash_report(error))
    except OSError as err:
        ctx.say(
            _("netjournal stopped after an error ({kind}); the crash log could not be written: {reason}.").format(
                kind=type(error).__name__, reason=err.strerror or err
            ),
            err=True,
        )
        return 1
    ctx.say(
        _(
            "netjournal stopped after an error ({kind}). Everything saved before it is in the journal. "
            "The details are in {path} (it may name people: read it before you share it)."
        ).format(kind=type(error).__name__, path=path),
        err=True,
    )
    return 1


def _report_recovery(ctx: Context, journal: Path, recovered: list[dict[str, object]]) -> int:
    """Input that could not be saved when the app was stopped goes to a recovery file beside the
    journal; the next start offers it back (journal.recovery)."""
    import json

    from journal.recovery import write_recovery

    try:
        path = write_recovery(journal, recovered, ctx.clock.now())
    except OSError as err:
        text = json.dumps(recovered, ensure_ascii=False, indent=2, default=str)
        ctx.say(
            _("Unsaved input could not be kept ({reason}):").format(reason=err.strerror or err) + "\n" + text,
            err=True,
        )
        return 1
    ctx.say(
        _("Unsaved input from the forms is kept in {path}; netjournal offers it back when it next starts.").format(
            path=path
        ),
        err=True,
    )
    return 0
