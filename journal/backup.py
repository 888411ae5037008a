"""Backups: complete JSON copies of the journal, written now, daily with rotation, and restored.

A backup is the journal document itself (plain JSON, every table, tombstones included) plus a
``backup`` table saying when and by which version it was written, so it is self-describing,
can be opened with ``--db`` as it is, and can be merged with ``netjournal import``.

Daily backups go to ``backups/<stem>-daily-YYYY-MM-DD.json`` beside the journal, at most one a
day; :func:`keep_dates` (pure) decides which survive: the newest 7, and the newest of each of
the 4 calendar weeks before them.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

import orjson

from journal import __version__
from journal.clock import Clock, FixedClock, timestamp
from journal.i18n import _
from journal.interop import ImportFailed
from journal.merge import check_document, parse_document
from journal.migrations import SCHEMA
from journal.model import Record
from journal.paths import JournalFiles, real_journal_path
from journal.storage import FOLDER_MODE, FileIdentity, atomic_write_bytes
from journal.store import (
    APP_ID,
    BACKUP_DIR,
    META_ID,
    JournalError,
    JournalLock,
    JournalStore,
    journal_meta,
    replace_document,
)
from journal.targets import TargetExists, UnsafeTarget, write_target

BACKUP_TABLE = "backup"
BACKUP_FORMAT = 1
DAILY_KEEP = 7
WEEKLY_KEEP = 4


class BackupFailed(JournalError):
    """A backup could not be written (disk full, no permission); the journal itself is fine."""

    exit_code = 1


# --------------------------------------------------------------------------------- writing a backup


def backup_document(store: JournalStore) -> dict[str, Any]:
    """The complete journal (the change log included), every table, plus a ``backup`` table
    describing this copy."""
    data = {name: table for name, table in store.stored_document().items() if name != BACKUP_TABLE}
    schema = store.meta().get("schema", SCHEMA)
    data[BACKUP_TABLE] = {
        "1": {
            "id": BACKUP_TABLE,
            "format": BACKUP_FORMAT,
            "schema": schema,
            "exported": timestamp(store.clock.now()),
            "app_version": __version__,
        }
    }
    return data


def backup_bytes(store: JournalStore) -> bytes:
    # Indented, one record per line (each as stored, see JournalStore.stored_document): a backup is
    # also for reading and diffing by hand.
    return orjson.dumps(backup_document(store), option=orjson.OPT_INDENT_2) + b"\n"


def backup_folder(journal_path: Path) -> Path:
    return journal_path.parent / BACKUP_DIR


def default_backup_path(store: JournalStore) -> Path:
    stamp = store.clock.now().strftime("%Y%m%d-%H%M%S")
    return backup_folder(store.path) / f"{store.path.stem}-manual-{stamp}.json"


def write_backup(store: JournalStore, target: Path | None = None, *, overwrite: bool = False) -> Path:
    """Write a complete backup now (``netjournal backup``); returns where it went.

    ``target`` may be a file or an existing folder; by default ``backups/<stem>-manual-<time>.json``
    (never replacing an earlier one). A target on the journal's own files or on something that is
    not a regular file is refused, an existing file only replaced with ``overwrite``
    (:func:`journal.targets.check_target`).
    """
    if target is None:
        target = _unused(default_backup_path(store))
        target.parent.mkdir(parents=True, exist_ok=True, mode=FOLDER_MODE)
    elif target.is_dir():
        target = target / default_backup_path(store).name
    try:
        return write_target(target, backup_bytes(store), store.path, overwrite=overwrite)
    except TargetExists:
        raise
    except UnsafeTarget as err:
        raise BackupFailed(err.message) from None


def _unused(path: Path) -> Path:
    """``path``, or ``<stem>-2.json``, … when a backup of the same second is already there."""
    candidate, n = path, 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
    return candidate


def _write(target: Path, payload: bytes) -> None:
    try:
        if target.parent.name == BACKUP_DIR:
            target.parent.mkdir(parents=True, exist_ok=True, mode=FOLDER_MODE)
        atomic_write_bytes(target, payload)
    except OSError as err:
        raise BackupFailed(
            _("Could not write the backup {path}: {reason}.").format(path=target, reason=err.strerror or err)
        ) from None


# --------------------------------------------------------------------------------- daily rotation


def daily_name(stem: str, day: date) -> str:
    return f"{stem}-daily-{day.isoformat()}.json"


def parse_daily_name(stem: str, name: str) -> date | None:
    """The date of a daily backup's file name, or None for any other file."""
    match = re.fullmatch(re.escape(stem) + r"-daily-(\d{4}-\d{2}-\d{2})\.json", name)
    if not match:
        return None
    try:
        return date.fromisoformat(match.group(1))
    except ValueError:
        return None


def keep_dates(dates: Iterable[date], *, daily: int = DAILY_KEEP, weekly: int = WEEKLY_KEEP) -> set[date]:
    """Which daily backups to keep: the newest ``daily``, and of the older ones the newest in
    each of the ``weekly`` most recent calendar (ISO) weeks. Pure, for testing with fixed dates."""
    newest_first = sorted(set(dates), reverse=True)
    keep = set(newest_first[:daily])
    weeks_seen: list[tuple[int, int]] = []
    for day in newest_first[daily:]:
        week = day.isocalendar()[:2]
        if week in weeks_seen:
            continue  # an older backup of a week we already keep one of
        if len(weeks_seen) == weekly:
            break
        weeks_seen.append(week)
        keep.add(day)
    return keep


def backups_to_delete(names: Iterable[str], stem: str) -> list[str]:
    """The daily-backup file names that rotation removes; other files are never touched."""
    dated = {name: day for name in names if (day := parse_daily_name(stem, name)) is not None}
    keep = keep_dates(dated.values())
    return sorted(name for name, day in dated.items() if day not in keep)


def rotate(folder: Path, stem: str) -> list[Path]:
    removed = []
    with contextlib.suppress(OSError):
        names = [entry.name for entry in folder.iterdir() if entry.is_file()]
        for name in backups_to_delete(names, stem):
            with contextlib.suppress(FileNotFoundError):
                (folder / name).unlink()
                removed.append(folder / name)
    return removed


def daily_backup(store_or_path: JournalStore | Path | str, today: date, *, clock: Clock | None = None) -> Path | None:
    """Write today's backup if there is none yet, then rotate; returns its path, or None if skipped.

    Call it after a successful open, e.g. ``daily_backup(store, clock.today())``. Given a path,
    the journal is opened read-only first, and a file that does not open is never backed up
    (None). Raises :class:`BackupFailed` when the disk refuses: show it as a warning and go on.
    """
    if isinstance(store_or_path, JournalStore):
        return _daily_backup(store_or_path, today)
    fallback = FixedClock(datetime.combine(today, time(12), UTC))
    try:
        store = JournalStore.open(Path(store_or_path), clock or fallback, readonly=True)
    except JournalError:
        return None
    try:
        return _daily_backup(store, today)
    finally:
        store.close()


def _daily_backup(store: JournalStore, today: date) -> Path | None:
    folder = backup_folder(store.path)
    target = folder / daily_name(store.path.stem, today)
    if target.exists():
        return None
    _write(target, backup_bytes(store))
    rotate(folder, store.path.stem)
    return target


# --------------------------------------------------------------------------------- restoring


@dataclass(frozen=True)
class BackupInfo:
    """What a checked backup holds (shown before asking to restore it)."""

    path: Path
    exported: str | None
    people: int
    encounters: int
    document: dict[str, Any]  # the checked, cleaned records (never the file's raw text) as a journal


def read_backup(path: Path, clock: Clock) -> BackupInfo:
    """Read and fully validate a backup or journal copy; raises ImportFailed naming what is wrong."""
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise ImportFailed(
            _("Cannot read {path}: {reason}. Nothing was changed.").format(path=path, reason=err.strerror or err)
        ) from None
    data = parse_document(raw, path.name)
    now = timestamp(clock.now())
    records = check_document(data, path.name, now=now)
    info = data.get(BACKUP_TABLE)
    exported = None
    if isinstance(info, dict):
        exported = next((r.get("exported") for r in info.values() if isinstance(r, dict)), None)
    live = {table: sum(1 for r in recs.values() if r.deleted is None) for table, recs in records.items()}
    return BackupInfo(
        path,
        exported if isinstance(exported, str) else None,
        live.get("people", 0),
        live.get("encounters", 0),
        _cleaned_document(data, records, now),
    )


def _cleaned_document(data: dict[str, Any], records: dict[str, dict[str, Record]], now: str) -> dict[str, Any]:
    """A journal made of the records as checked and cleaned (control characters gone, schema current).

    What was validated is what is written: a crafted backup's raw text never reaches the journal.
    """
    meta = dict(journal_meta(data) or {})
    meta.update({"id": META_ID, "app": APP_ID, "schema": SCHEMA})
    meta.setdefault("created", now)
    meta.setdefault("updated", now)
    document: dict[str, Any] = {"meta": {"1": meta}}
    for table, table_records in records.items():
        if table not in data and not table_records:
            continue
        document[table] = {str(i): record.to_dict() for i, record in enumerate(table_records.values(), start=1)}
    return document


def restore_backup(journal_path: Path, backup: BackupInfo, clock: Clock) -> Path | None:
    """Replace the journal with a checked backup; the current journal is copied to ``backups/`` first.

    Works on a journal that does not open (that is when one restores). Holds the journal's lock
    while it replaces the document and restarts the change log (so netjournal processes that have
    the journal open read it again instead of merging their older state back in); returns where
    the replaced journal was saved (None if there was none). A journal that is a symlink is
    written through (the link stays). Every failure raises :class:`BackupFailed` saying what
    state the journal is in.
    """
    journal_path = real_journal_path(journal_path)
    if journal_path.exists() and not journal_path.is_file():
        raise BackupFailed(
            _("Nothing was restored: {path} is not a file (a folder?). Move it away or choose another journal.").format(
                path=journal_path
            )
        )
    try:
        journal_path.parent.mkdir(parents=True, exist_ok=True, mode=FOLDER_MODE)
    except OSError as err:
        raise BackupFailed(
            _("Nothing was restored: cannot create the folder {folder}: {reason}.").format(
                folder=journal_path.parent, reason=err.strerror or err
            )
        ) from None
    lock = JournalLock(journal_path)
    try:
        lock.open()
    except OSError as err:
        raise BackupFailed(
            _("Could not restore {backup}: {reason}. The journal was left as it was.").format(
                backup=backup.path, reason=err.strerror or err
            )
        ) from None
    try:
        with lock.held():
            try:
                saved = _save_current(journal_path, clock)
            except BackupFailed as err:
                raise BackupFailed(_("Nothing was restored: {reason}").format(reason=err.message)) from None
            _replace_checked(journal_path, backup.document, backup, clock, saved)
            return saved
    finally:
        lock.close()


def _read_if_there(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def _replace_checked(
    journal_path: Path, document: dict[str, Any], backup: BackupInfo, clock: Clock, saved: Path | None
) -> None:
    """Write the restored journal and open it once; put the old files back if that fails."""
    log = JournalFiles(journal_path).log
    before = FileIdentity.of_path(journal_path)
    old_log = _read_if_there(log)
    try:
        replace_document(journal_path, document)
        JournalStore.open(journal_path, clock, readonly=True).close()  # it must open as a journal
        return
    except OSError as err:
        reason = err.strerror or str(err)
    except JournalError as err:
        reason = err.message
    if FileIdentity.of_path(journal_path) == before:
        # The document's atomic write failed: it is as it was, and so is the log (written after it).
        raise BackupFailed(
            _("Could not restore {backup}: {reason}. The journal was left as it was.").format(
                backup=backup.path, reason=reason
            )
        )
    try:
        if saved is not None:
            atomic_write_bytes(journal_path, saved.read_bytes())
        else:
            journal_path.unlink(missing_ok=True)
        if old_log is not None:
            atomic_write_bytes(log, old_log)
        else:
            log.unlink(missing_ok=True)
    except OSError as again:
        where = (
            _("The journal as it was is saved at {path}; copy it back by hand.").format(path=saved)
            if saved
            else _("There was no journal before.")
        )
        raise BackupFailed(
            _(
                "Could not restore {backup}: {reason}. Putting the old journal back failed too ({again}). {where}"
            ).format(backup=backup.path, reason=reason, again=again.strerror or again, where=where)
        ) from None
    raise BackupFailed(
        _("Could not restore {backup}: {reason}. The journal was left as it was.").format(
            backup=backup.path, reason=reason
        )
    )


def _save_current(journal_path: Path, clock: Clock) -> Path | None:
    """Copy the current journal into ``backups/``: complete (the change log folded in) when it
    opens, else its files' bytes as they are (an unreadable journal is kept for rescue)."""
    if not journal_path.is_file():
        return None
    stamp = clock.now().strftime("%Y%m%d-%H%M%S")
    target = _unused(backup_folder(journal_path) / f"{journal_path.stem}-before-restore-{stamp}.json")
    try:
        with JournalStore.open(journal_path, clock, readonly=True) as store:
            current = store.document_bytes()
    except JournalError:
        try:
            current = journal_path.read_bytes()
            log = JournalFiles(journal_path).log
            if log.is_file():
                _write(target.with_suffix(".log"), log.read_bytes())
        except OSError as err:
            raise BackupFailed(
                _("Cannot read the current journal {path}: {reason}.").format(
                    path=journal_path, reason=err.strerror or err
                )
            ) from None
    _write(target, current)
    return target


# --------------------------------------------------------------------------------- purging a person


@dataclass(frozen=True)
class PurgeCandidate:
    """One backup file and what purging a name from it finds."""

    path: Path
    found: int  # people of that name in it (1: it can be purged)
    problem: str | None = None  # why the file is left alone


def backup_files(journal_path: Path) -> list[Path]:
    """Every backup beside the journal (daily, manual, before a restore or an upgrade), oldest name first."""
    folder = backup_folder(Path(os.path.realpath(journal_path.expanduser())))
    try:
        entries = sorted(folder.iterdir())
    except OSError:
        return []
    return [p for p in entries if p.suffix == ".json" and not p.name.startswith(".") and p.is_file()]


def _open_copy(raw: bytes, folder: Path, clock: Clock) -> JournalStore:
    copy = folder / "journal.json"
    copy.write_bytes(raw)
    return JournalStore.open(copy, clock)


def _matches(store: JournalStore, name: str) -> list[str]:
    return [pid for pid in store.index.find_exact(name) if store.person(pid)]


def find_in_backups(journal_path: Path, name: str, clock: Clock) -> list[PurgeCandidate]:
    """Which backups hold a person called ``name`` (exact name or alias); nothing is changed."""
    import tempfile

    found = []
    for path in backup_files(journal_path):
        with tempfile.TemporaryDirectory(prefix="netjournal-purge-") as tmp:
            try:
                with _open_copy(path.read_bytes(), Path(tmp), clock) as store:
                    found.append(PurgeCandidate(path, len(_matches(store, name))))
            except (OSError, JournalError) as err:
                reason = err.message if isinstance(err, JournalError) else (err.strerror or str(err))
                found.append(PurgeCandidate(path, 0, reason))
    return found


def purge_backup(path: Path, name: str, clock: Clock) -> bool:
    """Forget ``name`` in one backup file, rewritten atomically in place; False if they are not in it.

    The backup is opened as a journal in a private temporary folder, the person forgotten there
    exactly as ``netjournal forget`` does, and the result written back over the backup.
    """
    import tempfile

    from journal.forget import forget_person

    with (
        tempfile.TemporaryDirectory(prefix="netjournal-purge-") as tmp,
        _open_copy(path.read_bytes(), Path(tmp), clock) as store,
    ):
        ids = _matches(store, name)
        if len(ids) != 1:
            return False
        forget_person(store, ids[0])
        payload = orjson.dumps(store.raw_data(), option=orjson.OPT_INDENT_2) + b"\n"
    atomic_write_bytes(path, payload)
    return True
