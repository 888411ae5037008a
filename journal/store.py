"""JournalStore: the only way in or out of the journal.

On disk a journal is two files (docs/data.md has the details):

- ``journal.json``, a complete TinyDB document (tables of records by number), and
- ``journal.json.log``, the change log: a header line, then one line per save holding all its
  records. A save appends its line under a short lock and fsyncs it before it returns, so a save
  costs what changed, not the journal's size. A line cut short by a crash is ignored.

Compaction folds the log into the document (a temp file, fsync, rename) and starts a new log with
the lines written meanwhile; the app does it after its first frame, at exit and when the log has
grown. Any number of netjournal processes may share a journal: appends are serialised by an
flock on ``journal.json.lock``; each process follows the others' lines (``poll``), and merges a
document replaced behind its back (a sync tool, another computer) by id, newest change winning.

In memory the whole journal is held as model objects with indexes (people by id, encounters by
person and by date, the people search index). Readers never take a lock: indexes are replaced,
not mutated (copy on write), so the UI thread can read while a worker thread saves.
"""

from __future__ import annotations

import contextlib
import gc
import os
import re
import stat
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any, TypeVar, cast

import orjson

from journal import __version__, codec, storage
from journal.clock import Clock, timestamp
from journal.codec import LogHeader, Raw, RecordProblem
from journal.folding import fold, fold_variants
from journal.i18n import _, ngettext
from journal.lazy_encounters import LazyEncounters
from journal.migrations import SCHEMA, migrate
from journal.model import (
    SETTINGS_ID,
    TABLES,
    DayNote,
    Encounter,
    LuckyPick,
    Person,
    Record,
    Settings,
    ValidationError,
    day_note_id,
)
from journal.paths import BACKUP_DIR_NAME, JournalFiles, real_journal_path
from journal.search import PeopleIndex
from journal.storage import (
    FOLDER_MODE,
    FileIdentity,
    FileLock,
    LockBusy,
    append_line,
    commit_temp,
    complete_lines,
    discard_temp,
    dump_json,
    pause_point,
    read_fd,
    remove_leftover_temp_files,
    write_temp,
)

APP_ID = "netjournal"
META_ID = "meta"
BACKUP_DIR = BACKUP_DIR_NAME
# Records in one save above which the indexes are rebuilt rather than patched. Patching one record
# copies the indexes (copy on write), so both cost grows with the journal; at 5,000 people and 50,000
# encounters a rebuild cost as much as patching ~40 records.
BULK_SAVE = 40
# The change log is folded into the document once it is this big (bytes). Replaying it at open
# costs a few milliseconds per megabyte; folding costs a rewrite of the whole document.
LOG_BOUND = 2 * 1024 * 1024
# Keys of the meta record that only tie the document to its change log (left out of backups and exports).
INTERNAL_META = ("log", "restored")
# How long a writer waits for another process's append or fold before it gives up.
LOCK_TIMEOUT = 30.0

R = TypeVar("R", bound=Record)


class JournalError(Exception):
    """The journal cannot be used as asked. ``exit_code`` follows the CLI contract."""

    exit_code = 2

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class JournalLocked(JournalError):
    pass


class JournalUnreadable(JournalError):
    pass


class JournalTooNew(JournalError):
    pass


class SaveError(JournalError):
    """The disk refused a write; nothing changed, in memory or on disk."""

    exit_code = 1


class ReadOnlyJournal(JournalError):
    exit_code = 1


class LoadingStopped(Exception):
    """load_everything gave up because stop_loading() asked it to (not a problem of the journal)."""


class UndoConflict(JournalError):
    """A record an undo would put back was changed again since (here or by another writer)."""

    exit_code = 1


def newest_backup(journal_path: Path) -> Path | None:
    """The newest backup of this journal; another journal's in the same folder is no help."""
    files = JournalFiles(journal_path)
    with contextlib.suppress(OSError):
        candidates = [p for p in files.backups.iterdir() if files.is_backup(p.name) and p.is_file()]
        candidates.sort(key=lambda p: p.stat().st_mtime, reverse=True)
        # A copy saved before a restore may be the very file that was broken: name it last.
        candidates.sort(key=lambda p: "before-restore" in p.name)
        if candidates:
            return candidates[0]
    return None


def _unreadable_message(path: Path, reason: str, *, journal: Path | None = None) -> str:
    """``path`` (the journal, or its change log) cannot be read; the hint names a backup of ``journal``."""
    backup = newest_backup(journal or path)
    hint = _("The newest backup is {backup}.").format(backup=backup) if backup else _("No backup was found beside it.")
    return _("Cannot open the journal {path}: {reason}. It was left untouched. {hint}").format(
        path=path, reason=reason.rstrip("."), hint=hint
    )


class JournalLock(FileLock):
    """The journal's lock file (``<journal>.lock``), for code that writes the document whole."""

    def __init__(self, journal_path: Path) -> None:
        super().__init__(JournalFiles(journal_path).lock)

    @contextlib.contextmanager
    def held(self, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
        try:
            with super().held(timeout):
                yield
        except LockBusy:
            raise JournalLocked(_busy_message(self.path)) from None


def _busy_message(lock: Path) -> str:
    return _(
        "The journal {path} is busy: another netjournal has been writing to it for more than "
        "{seconds} seconds. Nothing was changed; try again."
    ).format(path=lock.with_suffix(""), seconds=int(LOCK_TIMEOUT))


@dataclass(frozen=True, slots=True)
class Change:
    """What one save did (all its records), or what came in from outside, for listeners.

    ``source``: "save" (this process), "log" (another netjournal's saves), "document" (a journal
    file replaced outside netjournal, merged), "conflict" (a sync tool's conflict copy, merged),
    "reload" (the journal was restored from a backup). ``message`` says what came in, for people.
    """

    records: tuple[Record, ...]
    source: str = "save"
    message: str | None = None

    @property
    def tables(self) -> frozenset[str]:
        return frozenset(r.TABLE for r in self.records)

    @property
    def table(self) -> str:
        """The first record's table (one-record saves)."""
        return self.records[0].TABLE if self.records else ""

    @property
    def record(self) -> Record | None:
        return self.records[0] if self.records else None


@dataclass(frozen=True, slots=True)
class Revision:
    """One record as a change found it (``before``; None when the change created it) and left it
    (``after``): what :meth:`JournalStore.undo` needs to take the change back."""

    before: Record | None
    after: Record


@dataclass(slots=True)
class _Log:
    """The change log as this process follows it."""

    fd: int
    identity: tuple[int, int]  # device, inode: a new file at the path is another log
    header: LogHeader
    header_end: int
    pos: int  # end of the last complete line applied


@dataclass
class _Snapshot:
    tables: dict[str, Any]
    generation: str
    offset: int
    previous: FileIdentity | None


@dataclass
class _Pending:
    """A save inside a transaction: applied in memory, written at the end."""

    record: Record
    raw: Raw
    previous: tuple[Record, int, Raw] | None


@dataclass
class _Came:
    """Records that came in from outside while syncing, and what to tell people about them."""

    records: list[Record] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)


class JournalStore:
    def __init__(self, path: Path, clock: Clock, *, readonly: bool = False, lazy: bool = False) -> None:
        self.path = path
        self.files = JournalFiles(path)
        self.clock = clock
        self.readonly = readonly
        self.migrated_from: int | None = None
        self.pre_migration_backup: Path | None = None
        # What to tell the user after open (conflict copies merged …): the CLI prints these on
        # stderr, the app shows them as notifications.
        self.notices: list[str] = []
        self._lock = FileLock(self.files.lock)
        self._mutex = threading.RLock()
        self._compacting = threading.Lock()
        self._listeners: list[Callable[[Change], None]] = []
        self._index = PeopleIndex()
        self._index_ready = False
        self._scanned_names = False
        self._txn: list[_Pending] | None = None
        # Per thread: the revision lists of the recordings (see recording()) running on it.
        self._recordings = threading.local()
        # Every record as stored: table → id → (record, document number, stored JSON).
        self._records: dict[str, dict[str, tuple[Record, int, Raw]]] = {name: {} for name in TABLES}
        self._next_doc_id: dict[str, int] = dict.fromkeys(TABLES, 1)
        self._meta_table: dict[str, Any] = {}
        self._other_tables: dict[str, Raw] = {}
        self._doc_identity: FileIdentity | None = None
        self._log: _Log | None = None
        self._unfolded = False  # memory holds changes the document lacks
        self._blocked: str | None = None  # why the document must not be overwritten now
        self._restore_token: Any = None  # set in meta by a restore: a new one means "read it again"
        self._closed = False
        # open(lazy=True): the document's encounters stay undecoded (journal.lazy_encounters) until
        # something needs all of them; _records["encounters"] then holds only what was saved or
        # replayed from the log since the document, which wins over the document's version.
        self._lazy_open = lazy
        self._lazy: LazyEncounters | None = None
        self._stop_loading = threading.Event()
        self._loading = threading.Lock()
        self._reset_indexes()

    # ----------------------------------------------------------------- opening

    @classmethod
    def open(
        cls, path: str | os.PathLike[str], clock: Clock, *, readonly: bool = False, lazy: bool = False
    ) -> JournalStore:
        """Open (or create) the journal at ``path``; raises JournalError subclasses.

        A path that is a symlink is resolved once, here: the lock, the change log, backups and temp
        files all live beside the real file (the synced copy a link usually points to).

        ``lazy``: decode the encounters only as they are asked for (a day's, a person's; all of
        them for anything that goes through every one). The app's first frame, ``add`` and a people
        search need little of a long journal. A stored encounter that cannot be read is then found
        when it is decoded (JournalUnreadable from that call, nothing written) instead of at open;
        call :meth:`load_everything` to check the whole journal.
        """
        store = cls(real_journal_path(path), clock, readonly=readonly, lazy=lazy)
        try:
            store._open()
        except BaseException:
            store._release()
            raise
        return store

    def _open(self) -> None:
        folder = self.path.parent
        if self.path.is_dir():
            raise JournalUnreadable(_unreadable_message(self.path, _("it is a folder, not a file")))
        if not self.readonly:
            self._check_writable()
            try:
                folder.mkdir(parents=True, exist_ok=True, mode=FOLDER_MODE)
            except OSError as err:
                raise JournalError(
                    _("Cannot create the folder {folder}: {reason}.").format(folder=folder, reason=err.strerror)
                ) from None
            try:
                self._lock.open()
            except OSError as err:
                raise JournalError(
                    _("Cannot lock the journal {path}: {reason}.").format(path=self.path, reason=err.strerror)
                ) from None
            self._remove_leftovers()
        # The journal just loaded lives as long as the store: the cyclic garbage collector is paused
        # while it is made (it would walk the new records again and again, ≈ 0.1 s at 50,000
        # encounters, and find nothing to free), then kept from walking its ~200,000 objects on every
        # full collection, which held the interpreter lock for tens of milliseconds in the middle of
        # saves. Refcounting still frees records that are replaced.
        with storage.collector_paused():
            self._load()
        gc.freeze()
        if not self.readonly:
            self._merge_conflict_copies()

    def _check_writable(self) -> None:
        """A journal the user made read-only is refused for writing, never quietly made writable."""
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            return
        if stat.S_ISREG(st.st_mode) and not st.st_mode & stat.S_IWUSR:
            raise ReadOnlyJournal(
                _(
                    "The journal {path} is read-only (mode {mode:o}). netjournal does not change that; "
                    "make it writable (chmod u+w) to write to it. Reading commands still work."
                ).format(path=self.path, mode=stat.S_IMODE(st.st_mode))
            )

    def _remove_leftovers(self) -> None:
        """Temp files of this journal whose writer is gone (a crash mid-write), here and in backups/."""
        names = {self.files.journal.name, self.files.log.name}
        remove_leftover_temp_files(self.path.parent, lambda target: target in names)
        stem = re.escape(self.path.stem)
        ours = re.compile(stem + r"-(daily|manual|before-restore|schema\d+-before-upgrade)-")
        remove_leftover_temp_files(self.files.backups, lambda target: bool(ours.match(target)))

    def _load(self) -> None:
        """Read the document and the change log into memory (optimistically, without the lock).

        The document and the log must belong together: a compaction by another process between
        reading one and the other is noticed (the document's marker and the log's header disagree
        while the file changed under us) and the reading is done again.
        """
        for _attempt in range(20):
            document = self._read_document()
            if document is None:
                if self.readonly:
                    raise JournalUnreadable(
                        _("There is no journal at {path} yet. Add an encounter first.").format(path=self.path)
                    )
                self._create()
                continue
            raw, identity = document
            tables = self._split_records(raw)
            meta = self._check_meta(tables)
            log = self._open_log()
            start, in_order = self._where_to_start(meta, log)
            if start is None:
                if FileIdentity.of_path(self.path) != identity:
                    if log is not None:
                        os.close(log.fd)
                    continue  # the document changed while we read: read both again
                start, in_order = (log.header_end if log else 0), False
            self._doc_identity = identity
            schema = meta.get("schema")
            assert isinstance(schema, int)
            if log is not None and log.header.schema > SCHEMA:
                os.close(log.fd)
                raise JournalTooNew(self._too_new_message(log.header.schema))
            if schema < SCHEMA or (log is not None and log.header.schema < SCHEMA):
                if self.readonly:
                    self._upgrade_in_memory(raw, schema, log)
                    return
                if log is not None:
                    os.close(log.fd)
                self._upgrade(schema)
                continue
            try:
                self._decode_document(tables)
            except BaseException:
                if log is not None:
                    os.close(log.fd)
                raise
            if log is not None:
                if start > os.fstat(log.fd).st_size:
                    start, in_order = log.header_end, False  # a log shorter than the document says
                log.pos = max(start, log.header_end)
                self._log = log
                self._read_log_lines(log, in_order=in_order)
            self._check_links()
            self._build_indexes()
            self._restore_token = meta.get("restored")
            return
        raise JournalLocked(_busy_message(self.files.lock))

    def _read_document(self) -> tuple[bytes, FileIdentity] | None:
        try:
            fd = os.open(self.path, os.O_RDONLY | os.O_CLOEXEC)
        except FileNotFoundError:
            return None
        except OSError as err:
            raise JournalUnreadable(_unreadable_message(self.path, err.strerror or str(err))) from None
        try:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode):
                raise JournalUnreadable(_unreadable_message(self.path, _("it is not a regular file")))
            raw = read_fd(fd)
        except OSError as err:
            raise JournalUnreadable(_unreadable_message(self.path, err.strerror or str(err))) from None
        finally:
            os.close(fd)
        if not raw.strip():
            raise JournalUnreadable(_unreadable_message(self.path, _("the file is empty")))
        return raw, FileIdentity.of(st)

    def _split(self, raw: bytes) -> dict[str, Raw]:
        try:
            return codec.split_document(raw)
        except RecordProblem as problem:
            raise JournalUnreadable(_unreadable_message(self.path, problem.message)) from None

    def _split_records(self, raw: bytes) -> Mapping[str, codec.Table]:
        """The document's tables as their records, in one pass (codec.split_records); a document
        of another shape is split into tables, which says what is wrong with it."""
        records = codec.split_records(raw)
        return records if records is not None else self._split(raw)

    def _record_unreadable(self, problem: RecordProblem) -> JournalUnreadable:
        return JournalUnreadable(
            _unreadable_message(self.path, _("a record in it cannot be read: {reason}").format(reason=problem.message))
        )

    def _check_meta(self, tables: Mapping[str, codec.Table]) -> dict[str, Any]:
        meta_raw = tables.get("meta")
        try:
            meta_table = orjson.loads(bytes(codec.table_json(meta_raw))) if meta_raw is not None else None
        except orjson.JSONDecodeError:
            meta_table = None
        meta = journal_meta({"meta": meta_table}) if isinstance(meta_table, dict) else None
        if meta is None:
            raise JournalUnreadable(
                _unreadable_message(self.path, _("it is JSON, but not a netjournal journal (no meta record)"))
            )
        schema = meta.get("schema")
        if isinstance(schema, bool) or not isinstance(schema, int) or schema < 1:
            raise JournalUnreadable(_unreadable_message(self.path, _("its schema version is missing or invalid")))
        if schema > SCHEMA:
            raise JournalTooNew(self._too_new_message(schema))
        self._meta_table = cast("dict[str, Any]", meta_table)
        return meta

    def _too_new_message(self, schema: int) -> str:
        return _(
            "The journal {path} was written by a newer netjournal (schema {found}; this version reads "
            "up to {supported}). Update netjournal; the file was left untouched."
        ).format(path=self.path, found=schema, supported=SCHEMA)

    def _where_to_start(self, meta: dict[str, Any], log: _Log | None) -> tuple[int | None, bool]:
        """Where in the log the document's state ends, and whether to apply it in order.

        (None, _) means the two do not belong together and the document may have changed.
        """
        if log is None:
            return 0, True
        marker = meta.get("log")
        generation = marker.get("generation") if isinstance(marker, dict) else None
        offset = marker.get("offset") if isinstance(marker, dict) else None
        if not isinstance(offset, int) or isinstance(offset, bool):
            offset = 0
        header = log.header
        if generation is not None and header.generation == generation:
            return offset, True
        base = header.base
        if (base is None and generation is None) or (
            base is not None and base.generation == generation and base.offset == offset
        ):
            return log.header_end, True
        return None, False

    def _decode_document(self, tables: Mapping[str, codec.Table]) -> None:
        records: dict[str, dict[str, tuple[Record, int, Raw]]] = {}
        next_ids: dict[str, int] = {}
        lazy: LazyEncounters | None = None
        try:
            for table in TABLES:
                if table == Encounter.TABLE and self._lazy_open and table in tables:
                    lazy = LazyEncounters(tables[table], codec.decode_heads(tables[table]))
                    lazy.doc_ids  # noqa: B018 - an id used twice is refused here, as at a full open
                    records[table] = {}
                    next_ids[table] = lazy.highest + lazy.unnumbered + 1
                    continue
                decoded = codec.decode_table(table, tables[table]) if table in tables else {}
                by_id: dict[str, tuple[Record, int, Raw]] = {}
                highest = 0
                for doc_id, (record, raw) in decoded.items():
                    number = int(doc_id) if doc_id.isdigit() else 0
                    if record.id in by_id:
                        raise RecordProblem(
                            _("record {record} in “{table}”, field “id”: the same id is used by two records.").format(
                                record=record.id, table=table
                            )
                        )
                    by_id[record.id] = (record, number, raw)
                    highest = max(highest, number)
                # Records without a usable number get one after the others.
                for rid, (record, number, raw) in list(by_id.items()):
                    if number == 0:
                        highest += 1
                        by_id[rid] = (record, highest, raw)
                records[table] = by_id
                next_ids[table] = highest + 1
        except RecordProblem as problem:
            raise self._record_unreadable(problem) from None
        self._records = records
        self._next_doc_id = next_ids
        self._lazy = lazy
        self._other_tables = {
            name: codec.table_json(table) for name, table in tables.items() if name not in TABLES and name != "meta"
        }

    def _check_links(self) -> None:
        try:
            codec.check_unique_and_linked(
                {table: [entry[0] for entry in records.values()] for table, records in self._records.items()}
            )
            lazy = self._lazy
            if lazy is not None:
                people = self._records[Person.TABLE]
                overlay = self._records[Encounter.TABLE]
                for pid, ids in lazy.by_person.items():
                    if pid not in people:
                        for rid in ids:
                            if rid not in overlay:
                                raise codec.dangling(Encounter.TABLE, rid, "person_ids", pid)
        except RecordProblem as problem:
            raise self._record_unreadable(problem) from None

    # ----------------------------------------------------------------- creating and upgrading

    def _new_meta(self) -> dict[str, Any]:
        now = timestamp(self.clock.now())
        return {
            "id": META_ID,
            "app": APP_ID,
            "schema": SCHEMA,
            "created": now,
            "updated": now,
            "app_version": __version__,
        }

    def _create(self) -> None:
        """Write a new, empty journal (under the lock, if nobody else just did)."""
        now = timestamp(self.clock.now())
        settings = Settings(created=now, updated=now)
        document = {"meta": {"1": self._new_meta()}, "settings": {"1": codec.encode(settings)}}
        try:
            with self._locked():
                if FileIdentity.of_path(self.path) is not None:
                    return
                temp = write_temp(self.path, dump_json(document))
                commit_temp(temp, self.path)
        except OSError as err:
            raise JournalError(
                _("Cannot create the journal {path}: {reason}.").format(path=self.path, reason=err.strerror)
            ) from None

    def _upgrade_in_memory(self, raw: bytes, schema: int, log: _Log | None) -> None:
        """A read-only open of an older journal: upgraded in memory, the files left as they are."""
        try:
            data = self._migrated_with_log(raw, schema, log, timestamp(self.clock.now()))
        finally:
            if log is not None:
                os.close(log.fd)
        self.migrated_from = schema
        tables = self._split(orjson.dumps(data))
        self._check_meta(tables)
        self._decode_document(tables)
        self._check_links()
        self._build_indexes()

    def _upgrade(self, schema: int) -> None:
        """Migrate an older journal: a byte-for-byte backup first, then one new document.

        It happens under the lock, and the change log (whose records may be of the old schema
        too) is folded into the new document.
        """
        now = timestamp(self.clock.now())
        with self._locked():
            document = self._read_document()
            if document is None:
                return
            raw, identity = document
            tables = self._split(raw)
            meta = self._check_meta(tables)
            schema = meta["schema"]
            log = self._open_log()
            try:
                log_schema = log.header.schema if log is not None else SCHEMA
                if schema >= SCHEMA and log_schema >= SCHEMA:
                    return  # another process upgraded it meanwhile
                if schema < SCHEMA:
                    self.pre_migration_backup = self._backup_before_migration(raw, schema)
                data = self._migrated_with_log(raw, schema, log, now)
            finally:
                if log is not None:
                    os.close(log.fd)
            generation = os.urandom(8).hex()
            for record in data["meta"].values():
                if isinstance(record, dict) and record.get("app") == APP_ID:
                    record["log"] = {"generation": generation, "offset": 0}
            try:
                temp = write_temp(self.path, dump_json(data))
                commit_temp(temp, self.path)
                start_log(self.files.log, generation, base=None, document=temp.identity, previous=identity, reset=True)
            except OSError as err:
                raise SaveError(
                    _("Could not save the upgraded journal: {reason}. Nothing was changed.").format(
                        reason=err.strerror or err
                    )
                ) from None
            self.migrated_from = min(schema, self.migrated_from or schema)

    def _migrated_with_log(self, raw: bytes, schema: int, log: _Log | None, now: str) -> dict[str, Any]:
        try:
            data = migrate(orjson.loads(raw), schema, now=now) if schema < SCHEMA else orjson.loads(raw)
            if log is not None:
                # The log's records, in order, as a little document of the log's schema.
                lines, _end = complete_lines(read_fd(log.fd, log.header_end))
                for line in lines:
                    if not line.strip():
                        continue
                    entry = codec.decode_entry(line)
                    for item in entry.records:
                        record = orjson.loads(bytes(item.record))
                        small = {"meta": {"1": {"app": APP_ID, "schema": log.header.schema}}, item.table: {"1": record}}
                        upgraded = migrate(small, log.header.schema, now=now)[item.table]["1"]
                        table = data.setdefault(item.table, {})
                        where = {r.get("id"): k for k, r in table.items() if isinstance(r, dict)}
                        key = where.get(upgraded.get("id"))
                        if key is None:
                            key = str(max((int(k) for k in table if k.isdigit()), default=0) + 1)
                        table[key] = upgraded
        except RecordProblem as problem:
            raise JournalUnreadable(_unreadable_message(self.path, problem.message)) from None
        except (KeyError, TypeError, ValueError, AttributeError, orjson.JSONDecodeError) as err:
            raise JournalUnreadable(
                _unreadable_message(
                    self.path,
                    _("it could not be upgraded from schema {schema} ({error})").format(schema=schema, error=err),
                )
            ) from None
        return cast("dict[str, Any]", data)

    def _backup_before_migration(self, raw: bytes, schema: int) -> Path:
        folder = self.files.backups
        stamp = self.clock.now().strftime("%Y%m%dT%H%M%S")
        target = folder / f"{self.path.stem}-schema{schema}-before-upgrade-{stamp}.json"
        try:
            folder.mkdir(parents=True, exist_ok=True, mode=FOLDER_MODE)
            commit_temp(write_temp(target, raw), target)
        except OSError as err:
            raise JournalError(
                _(
                    "The journal {path} needs an upgrade from schema {schema}, but the backup of the old "
                    "file could not be written ({target}: {reason}). Nothing was changed; free some space "
                    "or fix the folder's permissions and try again."
                ).format(path=self.path, schema=schema, target=target, reason=err.strerror or err)
            ) from None
        return target

    # ----------------------------------------------------------------- conflict copies

    def conflict_copies(self) -> list[Path]:
        """Copies a sync tool left beside the journal when two computers changed it at once."""
        stem, suffix = re.escape(self.path.stem), re.escape(self.path.suffix)
        name = re.escape(self.path.name)
        patterns = [
            re.compile(stem + r"\.sync-conflict-[^/]*" + suffix + r"\Z"),  # Syncthing
            re.compile(stem + r" \([^)]*conflicted copy[^)]*\)" + suffix + r"\Z"),  # Dropbox, Nextcloud
            re.compile(name + r"\.sync-conflict-[^/]*\.log\Z"),  # the change log's, Syncthing
            re.compile(name + r" \([^)]*conflicted copy[^)]*\)\.log\Z"),
        ]
        found = []
        with contextlib.suppress(OSError):
            for entry in self.path.parent.iterdir():
                if any(p.match(entry.name) for p in patterns) and entry.is_file() and not entry.is_symlink():
                    found.append(entry)
        return sorted(found)

    def _merge_conflict_copies(self) -> list[Change]:
        changes = []
        for copy in self.conflict_copies():
            try:
                change = self._merge_conflict_copy(copy)
            except JournalError as err:
                self.notices.append(
                    _("The conflict copy {path} was not merged: {reason}").format(path=copy, reason=err.message)
                )
                continue
            if change is not None:
                changes.append(change)
        return changes

    def _merge_conflict_copy(self, copy: Path) -> Change | None:
        from journal.interop import ImportFailed

        try:
            raw = copy.read_bytes()
        except OSError as err:
            raise JournalError(err.strerror or str(err)) from None
        if copy.suffix == ".log":
            records = self._records_of_log_copy(raw, copy.name)
            result = self.merge_records(records)
        else:
            from journal.merge import check_document, parse_document

            try:
                theirs = check_document(parse_document(raw, copy.name), copy.name, now=timestamp(self.clock.now()))
            except ImportFailed as err:
                raise JournalError(str(err)) from None
            result = self.merge_records([record for table in theirs.values() for record in table.values()])
        target = self.files.backups / f"{self.path.stem}-merged-{copy.name}"
        try:
            self.files.backups.mkdir(parents=True, exist_ok=True, mode=FOLDER_MODE)
            os.replace(copy, target)
        except OSError as err:
            self.notices.append(
                _("Merged the conflict copy {path}, but could not move it to {target}: {reason}").format(
                    path=copy, target=target, reason=err.strerror
                )
            )
            return result
        self.notices.append(
            _("Merged the conflict copy {path} ({what}); it was moved to {target}.").format(
                path=copy.name, what=result.message if result else _("nothing new in it"), target=target
            )
        )
        return result

    def _records_of_log_copy(self, raw: bytes, source: str) -> list[Record]:
        lines, _end = complete_lines(raw)
        if not lines:
            return []
        try:
            header = codec.decode_header(lines[0])
            if header.schema != SCHEMA:
                raise RecordProblem(_("it is of schema {schema}").format(schema=header.schema))
            records = []
            for number, line in enumerate(lines[1:], 2):
                if line.strip():
                    for item in codec.decode_entry(line).records:
                        records.append(codec.decode_record(item.table, item.record, f"line {number}"))
        except RecordProblem as problem:
            raise JournalError(f"{source}: {problem.message}") from None
        return records

    # ----------------------------------------------------------------- closing

    def close(self) -> None:
        """Close the journal; a change log past its bound is folded into the document first."""
        if not self._closed and self.needs_compaction():
            with contextlib.suppress(JournalError):
                self.compact()  # if it fails, the log keeps every change: the next writer folds it
        self._release()

    def _release(self) -> None:
        with self._mutex:
            self._closed = True
            if self._log is not None:
                with contextlib.suppress(OSError):
                    os.close(self._log.fd)
                self._log = None
            self._lock.close()

    def __enter__(self) -> JournalStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ----------------------------------------------------------------- the lock

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        try:
            with self._lock.held(LOCK_TIMEOUT):
                yield
        except LockBusy:
            raise JournalLocked(_busy_message(self.files.lock)) from None

    # ----------------------------------------------------------------- the change log

    def _open_log(self) -> _Log | None:
        flags = os.O_RDONLY if self.readonly else os.O_RDWR | os.O_APPEND
        try:
            fd = storage.sys_open(self.files.log, flags | os.O_NOFOLLOW)
        except FileNotFoundError:
            return None
        except OSError as err:
            raise JournalUnreadable(
                _unreadable_message(
                    self.path, _("its change log cannot be read ({reason})").format(reason=err.strerror)
                )
            ) from None
        try:
            st = os.fstat(fd)
            first = os.pread(fd, 64 * 1024, 0)
            end = first.find(b"\n")
            if end < 0:
                # A log without a complete header: created by a process that died at once.
                # Nothing in it was ever acknowledged.
                os.close(fd)
                return None
            header = codec.decode_header(first[:end])
        except RecordProblem as problem:
            os.close(fd)
            raise JournalUnreadable(_unreadable_message(self.files.log, problem.message, journal=self.path)) from None
        return _Log(fd, (st.st_dev, st.st_ino), header, end + 1, end + 1)

    def _read_log_lines(self, log: _Log, *, in_order: bool) -> list[Record]:
        """Keep the records of the complete lines after ``log.pos`` (callers update the indexes);
        returns them. ``in_order``: apply each as it comes (the log is the order of the saves);
        else only what wins over ours (a log we cannot place)."""
        data = read_fd(log.fd, log.pos)
        lines, used = complete_lines(data)
        if not used:
            return []
        applied: list[Record] = []
        try:
            for number, line in enumerate(lines):
                if not line.strip():
                    continue
                entry = codec.decode_entry(line)
                decoded = [
                    (codec.decode_record(item.table, item.record, f"log line {number}"), item.record)
                    for item in entry.records
                ]
                for record, raw in decoded:
                    if in_order or self._newer(record):
                        self._store(record, raw, index=False)
                        applied.append(record)
        except RecordProblem as problem:
            line_no = read_fd(log.fd, 0)[: log.pos].count(b"\n") + 1 + number
            raise JournalUnreadable(
                _unreadable_message(
                    self.files.log,
                    _("the saved change on line {line} cannot be read: {reason}").format(
                        line=line_no, reason=problem.message
                    ),
                    journal=self.path,
                )
            ) from None
        log.pos += used
        if applied:
            self._unfolded = True
        return applied

    def _newer(self, record: Record) -> bool:
        """Does ``record`` win over the version we hold (newest change wins; see journal.merge)?"""
        current = self._entry(record.TABLE, record.id)
        if current is None:
            return True
        from journal.merge import wins

        return current[0] != record and wins(record, current[0])

    def _follow_log(self) -> _Came:
        """Catch up with lines other processes appended, and with a log they folded and restarted."""
        came = _Came()
        log = self._log
        try:
            st = os.stat(self.files.log)
        except FileNotFoundError:
            st = None
        if log is not None and st is not None and (st.st_dev, st.st_ino) == log.identity and st.st_size >= log.pos:
            came.records += self._read_log_lines(log, in_order=True)
            return came
        # Otherwise the log was folded and restarted, removed, created, or cut short under us.
        previous_generation = previous_pos = None
        if log is not None:
            came.records += self._read_log_lines(log, in_order=True)  # the rest of the old file
            previous_generation, previous_pos = log.header.generation, log.pos
            with contextlib.suppress(OSError):
                os.close(log.fd)
            self._log = None
        if st is None:
            return came
        new = self._open_log()
        if new is None:
            return came
        header = new.header
        size = os.fstat(new.fd).st_size
        if header.reset:
            # Restored from a backup: the document is the journal now.
            self._log = new
            came.changes.append(self._reload())
            return came
        base = header.base
        if previous_generation is not None and header.generation == previous_generation and previous_pos is not None:
            # The same log, put back by a sync tool: carry on where we were.
            new.pos = previous_pos if previous_pos <= size else new.header_end
            in_order = previous_pos <= size
        elif (
            base is not None
            and previous_generation is not None
            and previous_pos is not None
            and base.generation == previous_generation
            and base.offset <= previous_pos
        ):
            # Another netjournal folded the log into the document and started this one with the
            # lines after its fold: we have read those already.
            new.pos = min(new.header_end + (previous_pos - base.offset), size)
            in_order = True
            if FileIdentity.from_json(header.previous) == self._doc_identity:
                self._doc_identity = FileIdentity.from_json(header.document)
        else:
            in_order = False
        self._log = new
        came.records += self._read_log_lines(new, in_order=in_order)
        return came

    def _ensure_log(self) -> _Log:
        """The log to append to (under the lock); a new one if there is none."""
        if self._log is None:
            marker = journal_meta({"meta": self._meta_table}) or {}
            current = marker.get("log") if isinstance(marker.get("log"), dict) else None
            base = (
                codec._Base(str(current["generation"]), int(current["offset"]))
                if current and isinstance(current.get("offset"), int) and isinstance(current.get("generation"), str)
                else None
            )
            if FileIdentity.of_path(self.path) != self._doc_identity:
                base = None  # not the document we read: a log continuing "it" would lie
            start_log(self.files.log, os.urandom(8).hex(), base=base, document=None, previous=None, reset=False)
            self._log = self._open_log()
            if self._log is None:
                raise OSError(2, "the change log vanished while it was created", str(self.files.log))
        return self._log

    def _append(self, line: bytes) -> None:
        """Append one save's line (under the lock), cutting off what a crashed writer left half done."""
        log = self._ensure_log()
        size = os.fstat(log.fd).st_size
        if size > log.pos:
            # Bytes after the last complete line: a writer died mid-line. Nothing in them was
            # acknowledged (an acknowledged line ends with its newline).
            os.ftruncate(log.fd, log.pos)
        append_line(log.fd, line, log.pos)
        log.pos += len(line)

    # ----------------------------------------------------------------- following other writers

    def poll(self) -> list[Change]:
        """Pick up what other processes wrote since we last looked; listeners hear of it.

        Cheap when nothing changed (two stat calls). The app calls it about every half second
        from a background thread.
        """
        if self._closed:
            return []
        with self._mutex:
            if self._closed or self._txn is not None:
                return []
            if not self._changed_on_disk():
                return []
            changes = self._sync()
        self._notify(changes)
        return changes

    def _changed_on_disk(self) -> bool:
        log = self._log
        try:
            st = os.stat(self.files.log)
        except FileNotFoundError:
            st = None
        if (log is None) != (st is None):
            return True
        if log is not None and st is not None and ((st.st_dev, st.st_ino) != log.identity or st.st_size != log.pos):
            return True
        return FileIdentity.of_path(self.path) != self._doc_identity

    def _sync(self) -> list[Change]:
        """(Under the mutex.) Follow the log, then merge a document replaced behind our back."""
        came = self._follow_log()
        changes = list(came.changes)
        if came.records:
            self._build_or_patch(came.records)
            changes.append(Change(tuple(came.records), source="log"))
        merged = self._merge_replaced_document()
        if merged is not None:
            changes.append(merged)
        return changes

    def _merge_replaced_document(self) -> Change | None:
        """A document that is not the one we know: merge it (never overwrite it unread)."""
        identity = FileIdentity.of_path(self.path)
        if identity == self._doc_identity:
            return None
        self.load_everything()  # what came in is compared record by record with all of ours
        if identity is None:
            # The file is gone (moved away, deleted): everything is in memory and in the log;
            # the next fold writes it again.
            self._doc_identity = None
            self._unfolded = True
            return None
        try:
            document = self._read_document()
            if document is None:
                return None
            raw, identity = document
            tables = self._split(raw)
            meta = self._check_meta(tables)
            if meta.get("schema") != SCHEMA:
                raise JournalUnreadable(_unreadable_message(self.path, _("it is of another schema")))
            if meta.get("restored") != self._restore_token:
                return self._reload()  # restored from a backup on purpose: not merged, shown as it is
            incoming: list[tuple[Record, Raw]] = []
            for table in TABLES:
                if table in tables:
                    incoming.extend(codec.decode_table(table, tables[table]).values())
        except (JournalError, RecordProblem) as err:
            reason = err.message
            if self._blocked != reason:
                self._blocked = reason
                return Change((), source="document", message=reason)
            return None
        self._blocked = None
        self._doc_identity = identity
        change = self._merge(incoming, source="document")
        if change.records:
            self._unfolded = True
        return change

    def _merge(self, incoming: Iterable[tuple[Record, Raw]], *, source: str) -> Change:
        """Take every incoming record that wins over ours (by id, newest change, tombstones kept)."""
        from journal.merge import wins

        taken: list[Record] = []
        added = changed = deleted = 0
        for record, raw in incoming:
            current = self._entry(record.TABLE, record.id)
            if current is not None and (current[2] == raw or current[0] == record or not wins(record, current[0])):
                continue
            if record.deleted is not None:
                deleted += current is None or current[0].deleted is None
            elif current is None:
                added += 1
            else:
                changed += 1
            self._store(record, raw, index=False)
            taken.append(record)
        if taken:
            self._build_or_patch(taken)
        return Change(tuple(taken), source=source, message=_came_in_message(added, changed, deleted, source))

    def merge_records(self, records: Iterable[Record], *, source: str = "conflict") -> Change | None:
        """Save every record that wins over ours (by id, newest change; a conflict copy's records)."""
        from journal.merge import wins

        with self._mutex:
            winners: list[Record] = []
            added = changed = deleted = 0
            for record in records:
                current = self._entry(record.TABLE, record.id)
                if current is not None and (current[0] == record or not wins(record, current[0])):
                    continue
                winners.append(record)
                if record.deleted is not None:
                    deleted += current is None or current[0].deleted is None
                elif current is None:
                    added += 1
                else:
                    changed += 1
            if not winners:
                return None
            changes = self._write([(r, codec.encode(r)) for r in winners])
        changes[-1] = replace(changes[-1], source=source, message=_came_in_message(added, changed, deleted, source))
        self._notify(changes)
        return changes[-1]

    def _reload(self) -> Change:
        """Forget memory and read the journal again (it was restored from a backup)."""
        log = self._log
        self._log = None
        if log is not None:
            with contextlib.suppress(OSError):
                os.close(log.fd)
        self._records = {name: {} for name in TABLES}
        self._lazy = None
        self._lazy_open = False  # a journal put back from a backup is read whole, as at a full open
        self._load()
        self._unfolded = False
        return Change(
            tuple(entry[0] for records in self._records.values() for entry in records.values()),
            source="reload",
            message=_("The journal was replaced by a restored backup; showing it now."),
        )

    # ----------------------------------------------------------------- folding the log

    def needs_compaction(self) -> bool:
        log = self._log
        return not self.readonly and log is not None and log.pos - log.header_end > LOG_BOUND

    def has_unfolded_changes(self) -> bool:
        log = self._log
        return not self.readonly and (self._unfolded or (log is not None and log.pos > log.header_end))

    def compact(self) -> bool:
        """Fold the change log into the document (atomically) and start a new log.

        Safe while other processes append: the document is written from a snapshot without the
        lock; under the lock it replaces the document only if nobody else replaced it meanwhile,
        and the new log starts with the lines appended since the snapshot. Returns whether it folded.
        """
        if self.readonly:
            return False
        with self._compacting:
            for _attempt in range(5):
                with self._mutex:
                    if self._closed:
                        return False
                    changes = self._sync()
                    snapshot = self._snapshot()
                self._notify(changes)
                if snapshot is None:
                    return False
                payload = dump_json(snapshot.tables)
                snapshot.tables = {}
                try:
                    temp = write_temp(self.path, payload)
                except OSError as err:
                    raise SaveError(self._save_failed(err)) from None
                del payload
                done = False
                try:
                    with self._mutex, self._locked():
                        done = self._swap_in(temp, snapshot)
                except OSError as err:
                    discard_temp(temp)
                    raise SaveError(self._save_failed(err)) from None
                finally:
                    if not done:
                        discard_temp(temp)
                if done:
                    return True
            return False

    def _snapshot(self) -> _Snapshot | None:
        """(Under the mutex.) The document as it is to be written, if there is anything to fold."""
        if self._blocked or self._closed:
            return None
        log = self._log
        if log is None:
            if not self._unfolded and self._doc_identity is not None:
                return None
            log = self._ensure_log_for_fold()
        if log.pos == log.header_end and not self._unfolded and self._doc_identity is not None:
            return None
        self.load_everything()
        meta_table = {key: dict(value) if isinstance(value, dict) else value for key, value in self._meta_table.items()}
        meta = journal_meta({"meta": meta_table})
        if meta is None:
            meta_table["1"] = meta = self._new_meta()
        meta["log"] = {"generation": log.header.generation, "offset": log.pos}
        tables: dict[str, Any] = {"meta": meta_table}
        for table, records in self._records.items():
            if records or table in ("people", "encounters"):
                tables[table] = {str(number): raw for _record, number, raw in sorted(records.values(), key=_by_number)}
        tables.update(self._other_tables)
        return _Snapshot(tables, log.header.generation, log.pos, self._doc_identity)

    def _ensure_log_for_fold(self) -> _Log:
        with self._locked():
            return self._ensure_log()

    def _swap_in(self, temp: Any, snapshot: _Snapshot) -> bool:
        """(Under the mutex and the lock.) Replace the document and restart the log, or give up."""
        if FileIdentity.of_path(self.path) != snapshot.previous:
            return False  # replaced meanwhile (a sync tool): merge it first, then fold again
        try:
            st = os.stat(self.files.log)
        except FileNotFoundError:
            return False
        log = self._log
        if log is None or (st.st_dev, st.st_ino) != log.identity or log.header.generation != snapshot.generation:
            return False
        # Lines other processes appended since the snapshot: into memory, and into the new log.
        came = self._read_log_lines(log, in_order=True)
        if came:
            self._build_or_patch(came)
        tail = read_fd(log.fd, snapshot.offset)[: log.pos - snapshot.offset]
        pause_point("compact-rename")
        commit_temp(temp, self.path)
        pause_point("log-rotate")
        generation = os.urandom(8).hex()
        self._doc_identity = temp.identity
        self._meta_table = {k: dict(v) if isinstance(v, dict) else v for k, v in self._meta_table.items()}
        meta = journal_meta({"meta": self._meta_table})
        if meta is None:
            self._meta_table["1"] = meta = self._new_meta()
        meta["log"] = {"generation": snapshot.generation, "offset": snapshot.offset}
        start_log(
            self.files.log,
            generation,
            base=codec._Base(snapshot.generation, snapshot.offset),
            document=temp.identity,
            previous=snapshot.previous,
            reset=False,
            lines=tail,
        )
        with contextlib.suppress(OSError):
            os.close(log.fd)
        self._log = self._open_log()
        if self._log is not None:
            self._log.pos = self._log.header_end + len(tail)
        self._unfolded = bool(tail)
        if came:
            self._notify_later.append(Change(tuple(came), source="log"))
        return True

    _notify_later: list[Change]

    def _save_failed(self, err: OSError) -> str:
        return _("Could not save to {path}: {reason}. Nothing was changed; your input is kept.").format(
            path=self.path, reason=err.strerror or err
        )

    # ----------------------------------------------------------------- whole documents

    def _public_meta(self) -> dict[str, Any]:
        """(Under the mutex.) A copy of the meta table without what only this file's log needs."""
        meta = {k: dict(v) if isinstance(v, dict) else v for k, v in self._meta_table.items()}
        for record in meta.values():
            if isinstance(record, dict):
                for key in INTERNAL_META:
                    record.pop(key, None)
        return meta

    def document(self) -> dict[str, Any]:
        """The complete journal as a TinyDB document: tables of records by number (for backups,
        export and merging; records are model objects, encodable by orjson/msgspec)."""
        self.load_everything()
        with self._mutex:
            out: dict[str, Any] = {"meta": self._public_meta()}
            for table, records in self._records.items():
                out[table] = {str(number): record for record, number, _raw in sorted(records.values(), key=_by_number)}
            for name, raw in self._other_tables.items():
                out[name] = orjson.Fragment(bytes(raw))  # kept as stored
        return out

    def stored_document(self) -> dict[str, Any]:
        """The complete journal as :meth:`document` gives it, but each record as its stored JSON
        (``orjson.Fragment``) and without decoding what a lazy open left undecoded: a backup is a
        copy of what is stored, and the first ``netjournal add`` of a day should not have to read
        every encounter to write it."""
        with self._mutex:
            out: dict[str, Any] = {"meta": self._public_meta()}
            for table, records in self._records.items():
                entries = [(number, _as_read(record, raw)) for record, number, raw in records.values()]
                lazy = self._lazy
                if table == Encounter.TABLE and lazy is not None:
                    try:
                        entries += [(n, orjson.Fragment(json)) for n, json in lazy.stored_as_read(exclude=records)]
                    except RecordProblem as problem:
                        raise self._record_unreadable(problem) from None
                entries.sort(key=lambda entry: entry[0])
                out[table] = {str(number): fragment for number, fragment in entries}
            for name, raw in self._other_tables.items():
                out[name] = orjson.Fragment(bytes(raw))
        return out

    def document_bytes(self) -> bytes:
        """The complete journal, as stored (compact JSON), whatever is still only in the log."""
        self.load_everything()
        with self._mutex:
            tables: dict[str, Any] = {"meta": self._public_meta()}
            for table, records in self._records.items():
                tables[table] = {str(number): raw for _record, number, raw in sorted(records.values(), key=_by_number)}
            tables.update(self._other_tables)
        return dump_json(tables)

    def raw_data(self) -> dict[str, Any]:
        """The complete journal as plain JSON data (parsed); do not mutate. Costs a full
        serialisation: for backups prefer :meth:`document_bytes`."""
        return cast("dict[str, Any]", orjson.loads(self.document_bytes()))

    def all_records(self, table: str) -> list[Record]:
        """Every record of a table as stored, tombstones included."""
        if table == Encounter.TABLE:
            self.load_everything()
        with self._mutex:
            return [entry[0] for entry in self._records[table].values()]

    # ----------------------------------------------------------------- indexes

    def _reset_indexes(self) -> None:
        self._notify_later = []
        self._people: dict[str, Person] = {}
        self._encounters: dict[str, Encounter] = {}
        self._by_person: dict[str, list[Encounter]] = {}
        self._by_date: dict[date, list[Encounter]] = {}
        # Where each encounter sits in the indexes, kept apart from the record itself so
        # that a caller editing a record in place cannot make us lose track of it.
        self._enc_keys: dict[str, tuple[date, tuple[str, ...]]] = {}
        self._days: dict[date, DayNote] = {}
        self._lucky: dict[str, LuckyPick] = {}
        self._tombstones: dict[str, dict[str, Record]] = {name: {} for name in TABLES}
        self._settings = Settings()

    def _build_indexes(self, *, everything: bool = False) -> None:
        """Rebuild every index from the records, then swap them in at once.

        Readers on another thread see either the old indexes or the new ones, never a half-built set.
        """
        live: dict[str, dict[str, Record]] = {}
        tombstones: dict[str, dict[str, Record]] = {}
        for table, records in self._records.items():
            alive: dict[str, Record] = {}
            dead: dict[str, Record] = {}
            for record, _number, _raw in records.values():
                (alive if record.deleted is None else dead)[record.id] = record
            live[table], tombstones[table] = alive, dead
        encounters = cast("dict[str, Encounter]", live[Encounter.TABLE])
        by_person: dict[str, list[Encounter]] = {}
        by_date: dict[date, list[Encounter]] = {}
        enc_keys: dict[str, tuple[date, tuple[str, ...]]] = {}
        if self._lazy is not None and not everything:
            encounters = {}  # only what was saved since the document: see the lazy accessors
        for enc in sorted(encounters.values(), key=_encounter_order):
            enc_keys[enc.id] = (enc.date, tuple(enc.person_ids))
            for pid in enc.person_ids:
                by_person.setdefault(pid, []).append(enc)
            by_date.setdefault(enc.date, []).append(enc)
        settings = live[Settings.TABLE].get(SETTINGS_ID)

        self._tombstones = tombstones
        self._people = cast("dict[str, Person]", live[Person.TABLE])
        self._encounters = encounters
        self._days = {note.date: note for note in cast("dict[str, DayNote]", live[DayNote.TABLE]).values()}
        self._lucky = cast("dict[str, LuckyPick]", live[LuckyPick.TABLE])
        self._settings = cast(Settings, settings) if settings is not None else Settings()
        self._by_person = by_person
        self._by_date = by_date
        self._enc_keys = enc_keys
        # The search index is built on first use (or by warm_up in the background): at
        # 5,000 people it costs as much as parsing the file, and start-up must not wait.
        self._index_ready = False

    # ----------------------------------------------------------------- reading

    @property
    def index(self) -> PeopleIndex:
        """The people search index, built on first use."""
        if not self._index_ready:
            with self._mutex:  # saves hold it too, so none slips past a build
                if not self._index_ready:
                    self._index.rebuild(self._people.values(), self._last_seen_all())
                    self._index_ready = True
        return self._index

    def warm_up(self) -> None:
        """Build what is built lazily (call from a background thread after the first frame)."""
        self.index  # noqa: B018 - the property builds it

    @property
    def settings(self) -> Settings:
        return self._settings

    def meta(self) -> dict[str, Any]:
        record = dict(journal_meta({"meta": self._meta_table}) or {})
        for key in INTERNAL_META:
            record.pop(key, None)
        return record

    def people(self, *, include_archived: bool = True) -> list[Person]:
        people = self._people.values()
        return [p for p in people if include_archived or not p.archived]

    def person(self, person_id: str) -> Person | None:
        return self._people.get(person_id)

    def people_count(self) -> int:
        return len(self._people)

    def encounters(self) -> list[Encounter]:
        """All live encounters, newest first."""
        self.load_everything()
        return sorted(self._encounters.values(), key=_encounter_order, reverse=True)

    def _lazily(self) -> contextlib.AbstractContextManager[LazyEncounters | None]:
        """The lazy table held steady under the mutex, or None once everything is decoded (then the
        indexes, swapped in whole, are read without the lock)."""
        if self._lazy is None:
            return contextlib.nullcontext()
        return self._lazy_under_mutex()

    @contextlib.contextmanager
    def _lazy_under_mutex(self) -> Iterator[LazyEncounters | None]:
        with self._mutex:
            yield self._lazy  # None if it was swapped out while we waited

    def encounter(self, encounter_id: str) -> Encounter | None:
        with self._lazily() as lazy:
            if lazy is not None:
                entry = self._entry(Encounter.TABLE, encounter_id)
                found = entry[0] if entry is not None else None
                return cast(Encounter, found) if found is not None and found.deleted is None else None
        return self._encounters.get(encounter_id)

    def encounter_count(self) -> int:
        with self._lazily() as lazy:
            if lazy is not None:
                count = lazy.live
                for rid, entry in self._records[Encounter.TABLE].items():
                    head = lazy.head(rid)
                    count += (entry[0].deleted is None) - (head is not None and head.deleted is None)
                return count
        return len(self._encounters)

    def encounters_on(self, day: date) -> list[Encounter]:
        with self._lazily() as lazy:
            if lazy is not None:
                overlay = self._records[Encounter.TABLE]
                ids = {*lazy.by_date.get(day, ()), *(rid for rid, e in overlay.items() if _enc(e).date == day)}
                return self._live_encounters(ids, lambda enc: enc.date == day)
        return list(self._by_date.get(day, ()))

    def encounter_dates(self) -> list[date]:
        """The days with a live encounter, oldest first (Today's streak)."""
        with self._lazily() as lazy:
            if lazy is not None:
                overlay = self._records[Encounter.TABLE]
                days = {day for day, ids in lazy.by_date.items() if any(rid not in overlay for rid in ids)}
                days.update(_enc(e).date for e in overlay.values() if e[0].deleted is None)
                return sorted(days)
        return sorted(self._by_date)

    def encounters_with(self, person_id: str) -> list[Encounter]:
        """One person's encounters, oldest first."""
        with self._lazily() as lazy:
            if lazy is not None:
                overlay = self._records[Encounter.TABLE]
                ids = {
                    *lazy.by_person.get(person_id, ()),
                    *(rid for rid, e in overlay.items() if person_id in _enc(e).person_ids),
                }
                return self._live_encounters(ids, lambda enc: person_id in enc.person_ids)
        return list(self._by_person.get(person_id, ()))

    def encounters_by_person(self) -> dict[str, list[Encounter]]:
        """The whole person → encounters (oldest first) index; do not mutate it."""
        self.load_everything()
        return self._by_person

    def last_seen(self, person_id: str) -> date | None:
        with self._lazily() as lazy:
            if lazy is not None:
                return self._last_seen_lazily(lazy, [person_id]).get(person_id)
        encounters = self._by_person.get(person_id)
        return encounters[-1].date if encounters else None

    def _last_seen_all(self) -> dict[str, date | None]:
        with self._lazily() as lazy:
            if lazy is not None:
                seen = self._last_seen_lazily(lazy, list(self._people))
                return {pid: seen.get(pid) for pid in self._people}
        return {pid: self.last_seen(pid) for pid in self._people}

    def _last_seen_lazily(self, lazy: LazyEncounters, person_ids: list[str]) -> dict[str, date]:
        """(Under the mutex.) When each of these people was last seen: the document's heads for
        what was not changed since, the records in memory for what was."""
        overlay = self._records[Encounter.TABLE]
        wanted = set(person_ids)
        seen: dict[str, date] = {}
        for pid in person_ids:
            days = [head.date for rid in lazy.by_person.get(pid, ()) if rid not in overlay and (head := lazy.head(rid))]
            if days:
                seen[pid] = max(days)
        for entry in overlay.values():
            enc = _enc(entry)
            if enc.deleted is None:
                for pid in wanted.intersection(enc.person_ids):
                    if pid not in seen or enc.date > seen[pid]:
                        seen[pid] = enc.date
        return seen

    def _live_encounters(self, ids: Iterable[str], keep: Callable[[Encounter], bool]) -> list[Encounter]:
        """(Under the mutex, lazy.) These encounters as they are now, live and kept, in order."""
        out: list[Encounter] = []
        for rid in ids:
            entry = self._entry(Encounter.TABLE, rid)
            if entry is not None and entry[0].deleted is None:
                enc = cast(Encounter, entry[0])
                if keep(enc):
                    out.append(enc)
        out.sort(key=_encounter_order)
        return out

    def _entry(self, table: str, record_id: str) -> tuple[Record, int, Raw] | None:
        """(Under the mutex.) The record with this id as we hold it now: in memory, else (lazy) as
        the document stores it, decoded now."""
        entry = self._records[table].get(record_id)
        lazy = self._lazy
        if entry is not None or lazy is None or table != Encounter.TABLE or record_id not in lazy:
            return entry
        try:
            return lazy.entry(record_id)
        except RecordProblem as problem:
            raise self._record_unreadable(problem) from None

    def stop_loading(self, stop: bool = True) -> None:
        """Make a :meth:`load_everything` running on another thread give up (LoadingStopped)
        soon, and later ones at once, until ``stop_loading(False)``: an app closing right after it
        opened need not wait for the rest of a long journal."""
        if stop:
            self._stop_loading.set()
        else:
            self._stop_loading.clear()

    def load_everything(self) -> None:
        """Decode every encounter of a journal opened lazily (strictly, as a full open does) and
        build the indexes over all of them; the app calls it in the background after its first
        frame. Raises JournalUnreadable, nothing written, if a record cannot be read.

        The decoding holds only ``_loading`` (one decode at a time), never the mutex: readers and
        saves on other threads go on meanwhile; the swap at the end takes the mutex briefly.
        A thread that holds the mutex may call this: the decoder never waits for the mutex while
        it holds ``_loading``.
        """
        lazy = self._lazy
        if lazy is None:
            return
        with self._loading:
            if self._lazy is not lazy:
                return
            try:
                decoded = lazy.decode_all(self._stop_loading.is_set)
            except codec.Stopped:
                raise LoadingStopped from None
            except RecordProblem as problem:
                raise self._record_unreadable(problem) from None
        with self._mutex:
            if self._lazy is not lazy:
                return  # another thread swapped it in meanwhile
            table: dict[str, tuple[Record, int, Raw]] = dict(decoded)
            table.update(self._records[Encounter.TABLE])  # saved or replayed since: newer
            self._records[Encounter.TABLE] = table
            index_ready = self._index_ready
            self._build_indexes(everything=True)
            self._index_ready = index_ready  # when each person was last seen has not changed
            # Only now: readers that see no lazy table read the indexes without the mutex.
            self._lazy = None
        gc.freeze()  # as after a full open (see _open)

    def day_note(self, day: date) -> DayNote | None:
        return self._days.get(day)

    def day_notes(self) -> list[DayNote]:
        return sorted(self._days.values(), key=lambda n: n.date)

    def lucky_picks(self) -> list[LuckyPick]:
        return sorted(self._lucky.values(), key=lambda p: (p.date, p.created))

    def tombstones(self, table: str) -> list[Record]:
        if table == Encounter.TABLE:
            self.load_everything()
        return list(self._tombstones[table].values())

    def names(self, person_ids: Iterable[str]) -> list[str]:
        return [p.name for pid in person_ids if (p := self._people.get(pid))]

    def search(self, query: str, limit: int = 50, *, include_archived: bool = True) -> list[Person]:
        hits = self.index.search(query, limit, include_archived=include_archived)
        return [self._people[h.person_id] for h in hits if h.person_id in self._people]

    def people_named(self, name: str) -> list[Person]:
        """People whose name or an alias is exactly ``name`` as folded (either umlaut spelling), most
        recently seen first. The first lookup before the search index exists is a plain scan: a
        command that names someone exactly once (``netjournal add "Anna Müller: …"``) need not pay
        for building the index; a process that looks names up again builds it."""
        if self._index_ready or self._scanned_names:
            return [p for pid in self.index.find_exact(name) if (p := self._people.get(pid)) is not None]
        self._scanned_names = True
        wanted = {s for s in fold_variants(name) if s}
        found = [
            person
            for person in self._people.values()
            if person.deleted is None
            and any(wanted.intersection(fold_variants(text)) for text in (person.name, *person.aliases) if text)
        ]
        found.sort(key=lambda p: (-(self.last_seen(p.id) or date.min).toordinal(), fold(p.name) + "\0" + p.name, p.id))
        return found

    def find_person(self, name: str) -> Person | None:
        """The person a name refers to exactly (name or alias), else None."""
        for pid in self.index.find_exact(name):
            if pid in self._people:
                return self._people[pid]
        return None

    # ----------------------------------------------------------------- listening

    def subscribe(self, listener: Callable[[Change], None]) -> Callable[[], None]:
        """``listener`` hears of every save once, with all its records (on the saving thread)."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def _notify(self, changes: list[Change]) -> None:
        with self._mutex:
            later, self._notify_later = self._notify_later, []
        for change in [*later, *changes]:
            if not change.records and not change.message:
                continue
            for listener in list(self._listeners):
                listener(change)

    # ----------------------------------------------------------------- writing

    def _stamp(self, record: R, *, is_new: bool) -> R:
        now = timestamp(self.clock.now())
        if is_new or not record.created:
            record.created = now
        record.updated = now
        return record

    def _prepare(self, record: R) -> R:
        record.normalise()  # type: ignore[attr-defined]
        record.validate()
        return record

    def save(self, *records: Record, keep_stamps: bool = False) -> list[Record]:
        """Validate, stamp and persist records (new or changed) in one write.

        ``keep_stamps`` keeps the records' own created/updated: merging another copy of the
        journal (journal.merge) decides by the newest ``updated``, so it must survive the write.
        """
        with self._mutex:
            if self.readonly:
                raise ReadOnlyJournal(_("The journal was opened read-only."))
            prepared = []
            before: list[Record | None] = []
            for record in records:
                entry = self._entry(record.TABLE, record.id)
                before.append(entry[0] if entry else None)
                record = self._prepare(record)
                prepared.append(record if keep_stamps else self._stamp(record, is_new=entry is None))
            encoded = [(record, codec.encode(record)) for record in prepared]
            if self._txn is not None:
                for record, raw in encoded:
                    self._txn.append(_Pending(record, raw, self._entry(record.TABLE, record.id)))
                    self._store(record, raw, index=len(encoded) <= BULK_SAVE)
                if len(encoded) > BULK_SAVE:
                    self._build_indexes()
                self._recorded(before, prepared)
                return prepared
            changes = self._write(encoded)
            self._recorded(before, prepared)
        self._notify(changes)
        return prepared

    # ----------------------------------------------------------------- undo

    @contextlib.contextmanager
    def recording(self) -> Iterator[list[Revision]]:
        """Collect a :class:`Revision` for every record saved inside the block on this thread, to
        take the change back later with :meth:`undo`. Saves on other threads (a day note typed
        meanwhile, another writer's changes coming in) are not part of it."""
        revisions: list[Revision] = []
        stack: list[list[Revision]] = self._recordings.__dict__.setdefault("stack", [])
        stack.append(revisions)
        try:
            yield revisions
        finally:
            stack.pop()

    def _recorded(self, before: list[Record | None], after: list[Record]) -> None:
        for revisions in self._recordings.__dict__.get("stack", ()):
            revisions.extend(Revision(b, a) for b, a in zip(before, after, strict=True))

    def undo(self, revisions: Iterable[Revision]) -> list[Record]:
        """Take back a recorded change in one write: each record changed gets its earlier content
        again (with a new ``updated``, so merges carry the undo too), each record created gets a
        tombstone. Refused with :class:`UndoConflict`, nothing written, when any of them was
        changed again since."""
        first: dict[tuple[str, str], Record | None] = {}
        last: dict[tuple[str, str], Record] = {}
        for revision in revisions:
            key = (revision.after.TABLE, revision.after.id)
            first.setdefault(key, revision.before)
            last[key] = revision.after
        with self._mutex:
            now = timestamp(self.clock.now())
            writes: list[Record] = []
            for key, after in last.items():
                entry = self._entry(key[0], key[1])
                if entry is None or not _same_content(entry[0], after):
                    raise UndoConflict(_("Not undone: it was changed again since (here or by another netjournal)."))
                before = first[key]
                if before is not None:
                    writes.append(replace(before))
                elif entry[0].deleted is None:
                    writes.append(replace(entry[0], deleted=now))
            return self.save(*writes) if writes else []

    def _write(self, encoded: list[tuple[Record, Raw]]) -> list[Change]:
        """(Under the mutex.) Append one line for these records, then apply them in memory."""
        line = codec.entry_line(timestamp(self.clock.now()), [(r.TABLE, raw) for r, raw in encoded])
        came = _Came()
        try:
            with self._locked():
                came = self._follow_log()
                self._append(line)
        except OSError as err:
            if came.records:
                self._build_or_patch(came.records)
            raise SaveError(self._save_failed(err)) from None
        for record, raw in encoded:
            self._store(record, raw, index=False)
        self._unfolded = True
        self._build_or_patch([*came.records, *(r for r, _raw in encoded)])
        changes = list(came.changes)
        if came.records:
            changes.append(Change(tuple(came.records), source="log"))
        changes.append(Change(tuple(r for r, _raw in encoded)))
        return changes

    def _store(self, record: Record, raw: Raw, *, index: bool = True) -> None:
        """Keep a record as stored; with ``index``, patch the indexes for it (copy on write)."""
        records = self._records[record.TABLE]
        current = self._entry(record.TABLE, record.id)
        if current is not None:
            number = current[1]
        else:
            number = self._next_doc_id[record.TABLE]
            self._next_doc_id[record.TABLE] = number + 1
        records[record.id] = (record, number, raw)
        if index:
            self._apply(record, current[0] if current else None)

    def _build_or_patch(self, records: list[Record]) -> None:
        """Bring the indexes up to date after ``_store(..., index=False)``."""
        if len(records) > BULK_SAVE:
            self._build_indexes()
            return
        for record in records:
            entry = self._records[record.TABLE].get(record.id)
            self._apply(entry[0] if entry else record, None)

    def _apply(self, record: Record, previous: Record | None) -> None:
        """Bring the in-memory indexes up to date with one saved record (copy on write)."""
        table = record.TABLE
        alive = record.deleted is None
        tombstones = self._tombstones[table]
        if not alive:
            self._tombstones[table] = {**tombstones, record.id: record}
        elif record.id in tombstones:
            self._tombstones[table] = _with(tombstones, record.id, None)
        if isinstance(record, Person):
            self._people = _with(self._people, record.id, record if alive else None)
            if self._index_ready:
                self._index.upsert(record, self.last_seen(record.id))
        elif isinstance(record, Encounter):
            if self._lazy is not None:
                self._touch_lazily(record, previous)
                return
            self._encounters = _with(self._encounters, record.id, record if alive else None)
            self._reindex_encounter(record.id, record if alive else None)
        elif isinstance(record, DayNote):
            days = self._days
            if isinstance(previous, DayNote) and previous.date != record.date:
                days = _with(days, previous.date, None)
            self._days = _with(days, record.date, record if alive else None)
        elif isinstance(record, LuckyPick):
            self._lucky = _with(self._lucky, record.id, record if alive else None)
        elif isinstance(record, Settings):
            self._settings = record

    def _forget(self, table: str, record_id: str) -> None:
        """Take a record out of memory entirely (undoing a save that never reached the disk)."""
        entry = self._records[table].pop(record_id, None)
        if entry is None:
            return
        record = entry[0]
        self._tombstones[table] = _with(self._tombstones[table], record_id, None)
        if isinstance(record, Person):
            self._people = _with(self._people, record_id, None)
            if self._index_ready:
                self._index_ready = False
        elif isinstance(record, Encounter):
            if self._lazy is not None:
                self._touch_lazily(record, None)
                return
            self._encounters = _with(self._encounters, record_id, None)
            self._reindex_encounter(record_id, None)
        elif isinstance(record, DayNote):
            if self._days.get(record.date) is record:
                self._days = _with(self._days, record.date, None)
        elif isinstance(record, LuckyPick):
            self._lucky = _with(self._lucky, record_id, None)
        elif isinstance(record, Settings):
            self._settings = Settings()

    def _touch_lazily(self, record: Encounter, previous: Record | None) -> None:
        """(Lazy.) The lazy accessors read what changed from memory; the search index only needs
        to hear when the people it names were last seen."""
        lazy = self._lazy
        if not self._index_ready or lazy is None:
            return
        people = set(record.person_ids)
        if isinstance(previous, Encounter):
            people.update(previous.person_ids)
        head = lazy.head(record.id)
        if head is not None:
            people.update(head.person_ids)
        seen = self._last_seen_lazily(lazy, sorted(people))
        for pid in people:
            self._index.touch(pid, seen.get(pid))

    def _reindex_encounter(self, encounter_id: str, new: Encounter | None) -> None:
        by_person = dict(self._by_person)
        by_date = dict(self._by_date)
        enc_keys = dict(self._enc_keys)
        touched: set[str] = set()
        old_keys = enc_keys.pop(encounter_id, None)
        if old_keys is not None:
            old_date, old_people = old_keys
            for pid in old_people:
                by_person[pid] = [e for e in by_person.get(pid, ()) if e.id != encounter_id]
                touched.add(pid)
            by_date[old_date] = [e for e in by_date.get(old_date, ()) if e.id != encounter_id]
            if not by_date[old_date]:
                del by_date[old_date]
        if new is not None:
            enc_keys[new.id] = (new.date, tuple(new.person_ids))
            for pid in new.person_ids:
                by_person[pid] = sorted([*by_person.get(pid, ()), new], key=_encounter_order)
                touched.add(pid)
            by_date[new.date] = sorted([*by_date.get(new.date, ()), new], key=_encounter_order)
        for pid in touched:
            if not by_person.get(pid):
                by_person.pop(pid, None)
        self._by_person = by_person
        self._by_date = by_date
        self._enc_keys = enc_keys
        if self._index_ready:
            for pid in touched:
                self._index.touch(pid, self.last_seen(pid))

    # ----------------------------------------------------------------- conveniences

    def add_person(self, person: Person) -> Person:
        self.save(person)
        return person

    def add_encounter(self, encounter: Encounter) -> Encounter:
        missing = [pid for pid in encounter.person_ids if pid not in self._people]
        if missing:
            raise ValidationError("person_ids", _("The encounter names a person who is not in the journal."))
        self.save(encounter)
        return encounter

    def add_encounter_with_people(self, encounter: Encounter, new_people: list[Person]) -> Encounter:
        """Create new people and the encounter naming them in one atomic write."""
        self.save(*new_people, encounter)
        return encounter

    def delete(self, record: R) -> R:
        """Leave a tombstone: the record stays in the file as ``deleted`` so merges propagate it."""
        tomb = replace(record, deleted=timestamp(self.clock.now()))
        self.save(tomb)
        return tomb

    def restore(self, record: R) -> R:
        """Undo a delete (the app's `u`): the same id comes back to life."""
        alive = replace(record, deleted=None)
        self.save(alive)
        return alive

    def set_day_note(self, day: date, text: str) -> DayNote:
        existing = self._days.get(day) or self._tombstones[DayNote.TABLE].get(day_note_id(day))
        note = (
            replace(existing, text=text, deleted=None)
            if isinstance(existing, DayNote)
            else DayNote(date=day, text=text)
        )
        self.save(note)
        return note

    def save_settings(self, settings: Settings) -> Settings:
        settings.id = SETTINGS_ID
        self.save(settings)
        return settings

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """Group several saves into one write (one log line); if anything fails, nothing is written
        and memory is as it was."""
        with self._mutex:
            if self._txn is not None:
                yield  # nested: the outer transaction writes
                return
            self._txn = pending = cast("list[_Pending]", [])
            try:
                yield
            except BaseException:
                self._txn = None
                self._roll_back(pending)
                raise
            self._txn = None
            latest: dict[tuple[str, str], tuple[Record, Raw]] = {}
            for item in pending:
                latest[(item.record.TABLE, item.record.id)] = (item.record, item.raw)
            changes: list[Change] = []
            if latest:
                try:
                    changes = self._write(list(latest.values()))
                except BaseException:
                    self._roll_back(pending)
                    raise
        self._notify(changes)

    def _roll_back(self, pending: list[_Pending]) -> None:
        touched: list[Record] = []
        for item in reversed(pending):
            if item.previous is None:
                self._forget(item.record.TABLE, item.record.id)
            else:
                record, number, raw = item.previous
                self._records[record.TABLE][record.id] = (record, number, raw)
                touched.append(record)
        if len(pending) > BULK_SAVE:
            self._build_indexes()
        else:
            for record in touched:
                self._apply(record, None)


def start_log(
    path: Path,
    generation: str,
    *,
    base: codec._Base | None,
    document: FileIdentity | None,
    previous: FileIdentity | None,
    reset: bool,
    lines: bytes = b"",
) -> None:
    """Write a new change log (its header, then ``lines``) in place of the old one, atomically."""
    header = LogHeader(
        netjournal_log=codec.LOG_FORMAT,
        schema=SCHEMA,
        generation=generation,
        base=base,
        document=document.to_json() if document else None,
        previous=previous.to_json() if previous else None,
        reset=reset,
    )
    commit_temp(write_temp(path, codec.header_line(header) + lines), path)


def replace_document(journal_path: Path, document: dict[str, Any]) -> FileIdentity:
    """Make ``document`` the journal, on purpose (a restore), while the caller holds the lock.

    The change log restarts empty and says so (``reset``): processes that have the journal open
    read it again instead of merging their older state back in.
    """
    files = JournalFiles(journal_path)
    generation = os.urandom(8).hex()
    data = dict(document)
    meta_table = {k: dict(v) if isinstance(v, dict) else v for k, v in (data.get("meta") or {}).items()}
    meta = journal_meta({"meta": meta_table})
    if meta is not None:
        meta["log"] = {"generation": generation, "offset": 0}
        meta["restored"] = generation
    data["meta"] = meta_table
    previous = FileIdentity.of_path(journal_path)
    temp = write_temp(journal_path, dump_json(data))
    commit_temp(temp, journal_path)
    start_log(files.log, generation, base=None, document=temp.identity, previous=previous, reset=True)
    return temp.identity


def _came_in_message(added: int, changed: int, deleted: int, source: str) -> str | None:
    if not (added or changed or deleted):
        return None
    parts = []
    if added:
        parts.append(ngettext("{n} record added", "{n} records added", added).format(n=added))
    if changed:
        parts.append(ngettext("{n} record changed", "{n} records changed", changed).format(n=changed))
    if deleted:
        parts.append(ngettext("{n} record deleted", "{n} records deleted", deleted).format(n=deleted))
    what = ", ".join(parts)
    if source == "conflict":
        return what
    return _("Changes from outside were merged into the journal: {what}.").format(what=what)


K = TypeVar("K")
V = TypeVar("V")


def _same_content(current: Record, recorded: Record) -> bool:
    """Whether ``current`` still holds what ``recorded`` held (its stamps aside: the same content
    written again, as an undo of a later change does, counts as unchanged)."""
    return replace(current, created=recorded.created, updated=recorded.updated) == recorded


def _with(index: dict[K, V], key: K, value: V | None) -> dict[K, V]:
    """A copy of ``index`` with ``key`` set to ``value`` (or removed for None): readers on other
    threads keep the old dict, which never changes under them."""
    copy = dict(index)
    if value is None:
        copy.pop(key, None)
    else:
        copy[key] = value
    return copy


def journal_meta(data: dict[str, Any]) -> dict[str, Any] | None:
    """The netjournal meta record of a parsed document, if it has one."""
    meta_table = data.get("meta")
    if not isinstance(meta_table, dict):
        return None
    for record in meta_table.values():
        if isinstance(record, dict) and record.get("app") == APP_ID:
            return record
    return None


def _by_number(entry: tuple[Record, int, Raw]) -> int:
    return entry[1]


def _as_read(record: Record, raw: Raw) -> orjson.Fragment:
    """A record's JSON as netjournal reads it: as stored, unless reading it dropped control
    characters (a file written elsewhere), then as read."""
    return orjson.Fragment(codec.encode_value(record) if codec.may_hold_controls(raw) else bytes(raw))


def _enc(entry: tuple[Record, int, Raw]) -> Encounter:
    return cast(Encounter, entry[0])


def _encounter_order(enc: Encounter) -> tuple[date, str, str]:
    return (enc.date, enc.time or "", enc.created)
