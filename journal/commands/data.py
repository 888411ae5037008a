"""Subcommands for the journal's data as a whole: backup, restore, import, export."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from journal.backup import (
    BackupInfo,
    find_in_backups,
    purge_backup,
    read_backup,
    restore_backup,
    write_backup,
)
from journal.cli import Context, UserError, safe_text
from journal.i18n import _, ngettext
from journal.interop import DEFAULT_MAX_BYTES, EXPORT_FORMATS, export_bytes, import_file
from journal.interop import FORMATS as IMPORT_FORMATS
from journal.store import JournalError, JournalStore
from journal.targets import TargetExists, check_target, write_target

# vdir is a folder of cards, written apart from the one-file formats.
FORMATS = (*EXPORT_FORMATS, "vdir")


def register(sub: Any) -> None:
    backup = sub.add_parser(
        "backup",
        help=_("write a complete JSON backup now"),
        description=_(
            "Write a complete, self-describing JSON backup of the journal (default: into backups/ beside it)."
        ),
    )
    backup.add_argument("path", nargs="?", metavar=_("PATH"), help=_("file or folder to write the backup to"))
    backup.add_argument("--force", action="store_true", help=_("replace an existing file without asking (for scripts)"))
    backup.add_argument(
        "--purge",
        metavar=_("NAME"),
        help=_("remove a person (exact name or alias) from every backup in the backups folder; asks first"),
    )
    backup.add_argument("--yes", action="store_true", help=_("do not ask (for scripts)"))
    backup.set_defaults(handler=cmd_backup)

    restore = sub.add_parser(
        "restore",
        help=_("replace the journal with a backup (the current one is backed up)"),
        description=_(
            "Check a backup, save the current journal into backups/, then replace the journal with the backup."
        ),
    )
    restore.add_argument("path", metavar=_("PATH"), help=_("the backup to restore"))
    restore.add_argument("--yes", action="store_true", help=_("do not ask for confirmation (for scripts)"))
    restore.set_defaults(handler=cmd_restore)

    imp = sub.add_parser(
        "import",
        help=_("merge a journal copy (.json), or import vCards, a vdir folder or CSV"),
        description=_(
            "Merge a journal copy or backup by record id (newest change wins, deletions carry over), "
            "or add and update people from vCards (.vcf), a vdir folder of them, or CSV: LinkedIn's "
            "Connections.csv, Google Contacts, Outlook, Thunderbird, or netjournal's own people and "
            "encounters CSV (told by the header row). A card or row that cannot be read is skipped "
            "and named; --strict imports nothing then. A file that cannot be read at all changes nothing."
        ),
    )
    imp.add_argument(
        "path", metavar=_("PATH"), help=_("a .json journal or backup, a .vcf address book, a vdir folder, or a .csv")
    )
    imp.add_argument(
        "--format", choices=IMPORT_FORMATS, help=_("what the file is (default: told by its name and content)")
    )
    imp.add_argument("--strict", action="store_true", help=_("import nothing if any card or row cannot be read"))
    imp.add_argument("--yes", action="store_true", help=_("do not ask before adding thousands of people (for scripts)"))
    imp.add_argument(
        "--max-size",
        type=int,
        default=DEFAULT_MAX_BYTES // 1_000_000,
        metavar="MB",
        help=_("read files up to this size (default: %(default)s MB)"),
    )
    imp.set_defaults(handler=cmd_import)

    export = sub.add_parser(
        "export",
        help=_("export the journal as JSON, vCards, CSV or a calendar"),
        description=_(
            "json: a complete backup; vcf: everyone as vCard 4.0 (3.0 with --vcard-version 3); "
            "csv: one row per encounter; people-csv: one row per person (import both CSVs into another "
            "journal and nothing is lost); ics: birthdays (every year) and follow-ups still to do, for "
            "any calendar app; vdir: one .vcf per person in a folder, for khard and vdirsyncer (writes "
            "only the cards that changed)."
        ),
    )
    export.add_argument("--format", required=True, choices=FORMATS, help=_("what to write"))
    export.add_argument(
        "--vcard-version",
        choices=("4", "3"),
        default="4",
        help=_("vCard version for vcf: 4 (the default) or 3, for older address books"),
    )
    export.add_argument(
        "path", nargs="?", metavar=_("PATH"), help=_("the file to write (as -o), or the folder for vdir")
    )
    export.add_argument(
        "-o", "--output", metavar=_("PATH"), help=_("write to this file, or - for standard output (the default)")
    )
    export.add_argument("--force", action="store_true", help=_("replace an existing file without asking (for scripts)"))
    export.set_defaults(handler=cmd_export)


def cmd_backup(ctx: Context) -> int:
    if ctx.args.purge is not None:
        return cmd_purge(ctx)
    target = Path(ctx.args.path).expanduser() if ctx.args.path else None
    with ctx.open_store(readonly=True) as store:
        written = _write_asking(ctx, lambda overwrite: write_backup(store, target, overwrite=overwrite))
        ctx.say(
            _("Backup written: {path} ({people} people, {encounters} encounters).").format(
                path=written, people=store.people_count(), encounters=store.encounter_count()
            )
        )
    return 0


def cmd_purge(ctx: Context) -> int:
    """``backup --purge NAME``: what forget cannot reach beside the journal, the old backups."""
    name = ctx.args.purge.strip()
    if not name or ctx.args.path:
        raise UserError(_('Give one name to purge, e.g. `netjournal backup --purge "Anna Müller"`.'))
    candidates = find_in_backups(ctx.db_path, name, ctx.clock)
    for candidate in candidates:
        if candidate.problem:
            ctx.say(
                _("Left alone (it does not open): {path}: {reason}").format(
                    path=candidate.path, reason=candidate.problem
                ),
                err=True,
            )
        elif candidate.found > 1:
            ctx.say(
                _(
                    "Left alone: {path} has {n} people called “{name}”; open it with --db and forget the right one."
                ).format(path=candidate.path, n=candidate.found, name=name),
                err=True,
            )
    targets = [c.path for c in candidates if c.found == 1 and not c.problem]
    if not targets:
        ctx.say(_("No backup holds anyone called “{name}”; nothing was changed.").format(name=name))
        return 0
    ctx.say(
        ngettext("“{name}” is in {n} backup:", "“{name}” is in {n} backups:", len(targets)).format(
            name=name, n=len(targets)
        )
    )
    for path in targets:
        ctx.say(f"  {path}")
    if not ctx.args.yes:
        if not _stdin().isatty():
            raise UserError(_("Nothing was purged: confirm with --yes when not running in a terminal."))
        if not _confirm(_("Forget them in these backups, for good? [y/N] "), ctx.out):
            raise UserError(_("Nothing was purged."))
    purged = 0
    for path in targets:
        try:
            purged += purge_backup(path, name, ctx.clock)
        except (OSError, JournalError) as err:
            reason = err.message if isinstance(err, JournalError) else (err.strerror or str(err))
            ctx.say(_("Could not purge {path}: {reason}").format(path=path, reason=reason), err=True)
    ctx.say(
        ngettext("Forgot “{name}” in {n} backup.", "Forgot “{name}” in {n} backups.", purged).format(
            name=name, n=purged
        )
    )
    return 0 if purged == len(targets) else 1


def _write_asking(ctx: Context, write: Callable[[bool], Path]) -> Path:
    """Write, asking before an existing file is replaced (``--force`` replaces; no terminal refuses)."""
    try:
        return write(bool(ctx.args.force))
    except TargetExists as exists:
        if not _stdin().isatty():
            raise UserError(
                _("{path} already exists; add --force to replace it. Nothing was written.").format(path=exists.path)
            ) from None
        if not _confirm(_("{path} already exists. Replace it? [y/N] ").format(path=exists.path), ctx.out):
            raise UserError(_("Nothing was written.")) from None
        return write(True)


def cmd_restore(ctx: Context) -> int:
    source = Path(ctx.args.path).expanduser()
    if not source.is_file():
        raise UserError(_("There is no backup file at {path}.").format(path=source))
    if ctx.db_path.exists() and not ctx.db_path.is_file():
        raise UserError(
            _("Nothing was restored: the journal path {path} is not a file (a folder?).").format(path=ctx.db_path)
        )
    backup = read_backup(source, ctx.clock)
    ctx.say(_describe_backup(backup))
    ctx.say(_("It replaces the journal at {path}: {current}.").format(path=ctx.db_path, current=_describe_current(ctx)))
    if not ctx.args.yes:
        if not _stdin().isatty():
            raise UserError(_("Nothing was restored: confirm with --yes when not running in a terminal."))
        if not _confirm(_("Restore this backup? [y/N] "), ctx.out):
            ctx.say(_("Nothing was restored."))
            return 1
    saved = restore_backup(ctx.db_path, backup, ctx.clock)
    if saved:
        ctx.say(_("The journal as it was is saved at {path}.").format(path=saved))
    ctx.say(_("Restored {backup}.").format(backup=source))
    return 0


def _describe_backup(backup: BackupInfo) -> str:
    when = backup.exported or _("an unknown time")
    return _("{path}: written {when}, {people} people, {encounters} encounters.").format(
        path=backup.path, when=when, people=backup.people, encounters=backup.encounters
    )


def _describe_current(ctx: Context) -> str:
    if not ctx.db_path.exists():
        return _("there is no journal there yet")
    try:
        with JournalStore.open(ctx.db_path, ctx.clock, readonly=True) as store:
            return _("{people} people, {encounters} encounters").format(
                people=store.people_count(), encounters=store.encounter_count()
            )
    except JournalError:
        return _("it cannot be opened, and is kept as it is in backups/")


def _stdin() -> TextIO:
    return sys.stdin


def _confirm(prompt: str, out: TextIO) -> bool:
    out.write(safe_text(prompt))
    out.flush()
    answer = _stdin().readline().strip().casefold()
    return answer in ("y", "yes", _("y").casefold(), _("yes").casefold())


def cmd_import(ctx: Context) -> int:
    from journal.interop.people_import import ImportOptions

    source = Path(ctx.args.path).expanduser()
    if not source.exists():
        raise UserError(_("There is no file at {path}.").format(path=source))
    if ctx.args.max_size < 1:
        raise UserError(_("--max-size must be at least 1 (MB)."))

    def confirm(adding: int) -> bool:
        if not _stdin().isatty():
            return False
        return _confirm(_("Add {n} people to the journal? [y/N] ").format(n=adding), ctx.out)

    options = ImportOptions(strict=ctx.args.strict, confirm=confirm, yes=ctx.args.yes)
    with ctx.open_store() as store:
        summary = import_file(store, source, ctx.args.format, options, ctx.args.max_size * 1_000_000)
    for line in summary.lines():
        ctx.say(line)
    return 0


def cmd_export(ctx: Context) -> int:
    if ctx.args.path and ctx.args.output and ctx.args.path != ctx.args.output:
        raise UserError(_("Give the place to write once: as PATH or with -o. Nothing was written."))
    output = ctx.args.path or ctx.args.output
    if ctx.args.format == "vdir":
        return _export_vdir(ctx, output)
    target = None if output in (None, "-") else Path(output).expanduser()
    if target is not None:
        check_target(target, ctx.db_path, overwrite=True)  # refuse the journal's files before reading it
    # A read-only open reads one consistent snapshot: the journal is only ever replaced whole.
    with ctx.open_store(readonly=True) as store:
        payload = export_bytes(store, ctx.args.format, vcard_version=f"{ctx.args.vcard_version}.0")
    if target is None:
        ctx.write(payload.decode("utf-8"))
        return 0
    _write_asking(ctx, lambda overwrite: write_target(target, payload, ctx.db_path, overwrite=overwrite))
    ctx.say(_("Exported to {path}.").format(path=target))
    return 0


def _export_vdir(ctx: Context, output: str | None) -> int:
    from journal.interop.vdir import export_vdir
    from journal.targets import protected_files

    if output in (None, "-"):
        raise UserError(
            _("A vdir is a folder: give one, e.g. `netjournal export --format vdir ~/.contacts/netjournal`.")
        )
    folder = Path(output).expanduser()
    real = Path(os.path.realpath(folder))
    for own, what in [(ctx.db_path.parent, _("the journal's folder")), *protected_files(ctx.db_path)]:
        if real == Path(os.path.realpath(own)):
            raise UserError(
                _("{path} is {what}; choose another folder. Nothing was written.").format(path=folder, what=what)
            )
    with ctx.open_store(readonly=True) as store:
        deleted = {r.id for r in store.tombstones("people")}
        result = export_vdir(store.people(), deleted, folder, f"{ctx.args.vcard_version}.0")
    for line in result.lines():
        ctx.say(line)
    return 0
