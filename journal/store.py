"""JournalStore: the only way in or out of the journal file.

It holds the whole journal in memory as model objects, keeps indexes (people by id,
encounters by person and by date, the people search index), and persists every change
atomically through TinyDB and :class:`AtomicJSONStorage` before the call returns.

Readers never take a lock: indexes are replaced, not mutated (copy on write), so the UI
thread can read while a worker thread saves.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any, TypeVar, cast

from tinydb import TinyDB

from journal import __version__
from journal.clock import Clock, timestamp
from journal.i18n import _
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
from journal.search import PeopleIndex
from journal.storage import AtomicJSONStorage, UnreadableJournal, remove_leftover_temp_files

APP_ID = "netjournal"
META_ID = "meta"
BACKUP_DIR = "backups"
# Records in one save() above which the indexes are rebuilt rather than patched. Patching one record
# copies the indexes (copy on write), so both cost grows with the journal; at 5,000 people and 50,000
# encounters a rebuild cost as much as patching ~40 records (forgetting someone seen 170 times took
# 15 s patched, 2.3 s rebuilt).
BULK_SAVE = 40

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


def newest_backup(journal_path: Path) -> Path | None:
    folder = journal_path.parent / BACKUP_DIR
    with contextlib.suppress(OSError):
        candidates = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
        # A copy saved before a restore may be the very file that was broken: name it last.
        candidates.sort(key=lambda p: "before-restore" in p.name)
        if candidates:
            return candidates[0]
    return None


def _unreadable_message(path: Path, reason: str) -> str:
    backup = newest_backup(path)
    hint = _("The newest backup is {backup}.").format(backup=backup) if backup else _("No backup was found beside it.")
    return _("Cannot open the journal {path}: {reason}. It was left untouched. {hint}").format(
        path=path, reason=reason, hint=hint
    )


class JournalLock:
    """An flock on ``<journal>.lock`` holding our PID; the kernel frees it if we die."""

    def __init__(self, journal_path: Path) -> None:
        self.path = journal_path.with_name(journal_path.name + ".lock")
        self._fd: int | None = None

    def acquire(self) -> None:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as err:
            holder = ""
            with contextlib.suppress(OSError):
                holder = os.read(fd, 32).decode("ascii", "replace").strip()
            os.close(fd)
            if err.errno in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                raise JournalLocked(
                    _(
                        "The journal {path} is open in another netjournal (PID {pid}). "
                        "Close that one first; nothing was changed."
                    ).format(path=self.path.with_suffix(""), pid=holder or "?")
                ) from None
            raise
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.ftruncate(self._fd, 0)
                fcntl.flock(self._fd, fcntl.LOCK_UN)
                os.close(self._fd)
            self._fd = None


@dataclass(frozen=True, slots=True)
class Change:
    """What a write did, for listeners (the UI refreshes, indexes update)."""

    table: str
    record: Record


class JournalStore:
    def __init__(self, path: Path, clock: Clock, *, readonly: bool = False) -> None:
        self.path = path
        self.clock = clock
        self.readonly = readonly
        self.migrated_from: int | None = None
        self.pre_migration_backup: Path | None = None
        self._lock = JournalLock(path)
        self._mutex = threading.RLock()
        self._db: TinyDB | None = None
        self._storage: AtomicJSONStorage | None = None
        self._listeners: list[Callable[[Change], None]] = []
        self._index = PeopleIndex()
        self._index_ready = False
        self._reset_indexes()

    # ----------------------------------------------------------------- opening

    @classmethod
    def open(cls, path: str | os.PathLike[str], clock: Clock, *, readonly: bool = False) -> JournalStore:
        """Open (or create) the journal at ``path``; raises JournalError subclasses."""
        store = cls(Path(path).expanduser().absolute(), clock, readonly=readonly)
        store._open()
        return store

    def _open(self) -> None:
        folder = self.path.parent
        if not self.readonly:
            try:
                folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            except OSError as err:
                raise JournalError(
                    _("Cannot create the folder {folder}: {reason}.").format(folder=folder, reason=err.strerror)
                ) from None
            try:
                self._lock.acquire()
            except OSError as err:
                raise JournalError(
                    _("Cannot lock the journal {path}: {reason}.").format(path=self.path, reason=err.strerror)
                ) from None
        try:
            if not self.readonly:
                remove_leftover_temp_files(folder)
            self._load()
        except BaseException:
            self._lock.release()
            raise

    def _load(self) -> None:
        if self.path.is_dir():
            raise JournalUnreadable(_unreadable_message(self.path, _("it is a folder, not a file")))
        exists = self.path.exists()
        if exists and self.path.stat().st_size == 0:
            raise JournalUnreadable(_unreadable_message(self.path, _("the file is empty")))
        if not exists and self.readonly:
            raise JournalUnreadable(
                _("There is no journal at {path} yet. Add an encounter first.").format(path=self.path)
            )
        storage = AtomicJSONStorage(self.path)
        try:
            data = storage.read()
        except UnreadableJournal as err:
            raise JournalUnreadable(_unreadable_message(self.path, err.reason)) from None
        if data is None:
            data = self._new_journal_data()
            if not self.readonly:
                self._write_new(storage, data)
        else:
            data = self._check_and_migrate(storage, data)
        self._storage = storage
        self._db = TinyDB(storage=_Reuse(storage))
        try:
            self._build_indexes(data)
        except (ValidationError, TypeError, ValueError, AttributeError) as err:
            # A hand-edited record (a date of "yesterday", a list where text belongs) must not
            # be "repaired" by a save: refuse the file as it is.
            reason = getattr(err, "message", None) or str(err)
            raise JournalUnreadable(
                _unreadable_message(self.path, _("a record in it cannot be read ({reason})").format(reason=reason))
            ) from None

    def _new_journal_data(self) -> dict[str, Any]:
        now = timestamp(self.clock.now())
        meta = {
            "id": META_ID,
            "app": APP_ID,
            "schema": SCHEMA,
            "created": now,
            "updated": now,
            "app_version": __version__,
        }
        settings = Settings(created=now, updated=now).to_dict()
        return {"meta": {"1": meta}, "settings": {"1": settings}}

    def _write_new(self, storage: AtomicJSONStorage, data: dict[str, Any]) -> None:
        try:
            storage.write(data)
        except OSError as err:
            raise JournalError(
                _("Cannot create the journal {path}: {reason}.").format(path=self.path, reason=err.strerror)
            ) from None

    def _check_and_migrate(self, storage: AtomicJSONStorage, data: dict[str, Any]) -> dict[str, Any]:
        meta = _meta_record(data)
        if meta is None:
            raise JournalUnreadable(
                _unreadable_message(self.path, _("it is JSON, but not a netjournal journal (no meta record)"))
            )
        schema = meta.get("schema")
        if not isinstance(schema, int) or schema < 1:
            raise JournalUnreadable(_unreadable_message(self.path, _("its schema version is missing or invalid")))
        if schema > SCHEMA:
            raise JournalTooNew(
                _(
                    "The journal {path} was written by a newer netjournal (schema {found}; this version reads "
                    "up to {supported}). Update netjournal; the file was left untouched."
                ).format(path=self.path, found=schema, supported=SCHEMA)
            )
        if schema < SCHEMA:
            if not self.readonly:
                self.pre_migration_backup = self._backup_before_migration(schema)
            try:
                data = migrate(data, schema, now=timestamp(self.clock.now()))
            except (KeyError, TypeError, ValueError, AttributeError) as err:
                raise JournalUnreadable(
                    _unreadable_message(
                        self.path,
                        _("it could not be upgraded from schema {schema} ({error})").format(schema=schema, error=err),
                    )
                ) from None
            self.migrated_from = schema
            if not self.readonly:
                try:
                    storage.write(data)
                except OSError as err:
                    storage.reload()
                    raise SaveError(
                        _("Could not save the upgraded journal: {reason}. Nothing was changed.").format(
                            reason=err.strerror
                        )
                    ) from None
        return data

    def _backup_before_migration(self, schema: int) -> Path:
        from journal.storage import atomic_write_bytes

        folder = self.path.parent / BACKUP_DIR
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        stamp = self.clock.now().strftime("%Y%m%dT%H%M%S")
        target = folder / f"{self.path.stem}-schema{schema}-before-upgrade-{stamp}.json"
        atomic_write_bytes(target, self.path.read_bytes())
        return target

    def close(self) -> None:
        self._lock.release()

    def __enter__(self) -> JournalStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ----------------------------------------------------------------- indexes

    def _reset_indexes(self) -> None:
        self._doc_ids: dict[str, dict[str, int]] = {name: {} for name in TABLES}
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

    def _build_indexes(self, data: dict[str, Any]) -> None:
        """Rebuild every index from the stored document, then swap them in at once.

        Readers on another thread see either the old indexes or the new ones, never a half-built set.
        """
        doc_ids: dict[str, dict[str, int]] = {}
        live: dict[str, dict[str, Record]] = {}
        tombstones: dict[str, dict[str, Record]] = {}
        for table, cls in TABLES.items():
            ids: dict[str, int] = {}
            alive: dict[str, Record] = {}
            dead: dict[str, Record] = {}
            from_dict = cls.from_dict
            for doc_id, raw in (data.get(table) or {}).items():
                record = from_dict(raw)
                ids[record.id] = int(doc_id)
                (alive if record.deleted is None else dead)[record.id] = record
            doc_ids[table], live[table], tombstones[table] = ids, alive, dead
        encounters = cast("dict[str, Encounter]", live[Encounter.TABLE])
        by_person: dict[str, list[Encounter]] = {}
        by_date: dict[date, list[Encounter]] = {}
        enc_keys: dict[str, tuple[date, tuple[str, ...]]] = {}
        for enc in sorted(encounters.values(), key=_encounter_order):
            enc_keys[enc.id] = (enc.date, tuple(enc.person_ids))
            for pid in enc.person_ids:
                by_person.setdefault(pid, []).append(enc)
            by_date.setdefault(enc.date, []).append(enc)
        settings = live[Settings.TABLE].get(SETTINGS_ID)

        self._doc_ids = doc_ids
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
                    self._index.rebuild(self._people.values(), {pid: self.last_seen(pid) for pid in self._people})
                    self._index_ready = True
        return self._index

    def warm_up(self) -> None:
        """Build what is built lazily (call from a background thread after the first frame)."""
        self.index  # noqa: B018 - the property builds it

    @property
    def settings(self) -> Settings:
        return self._settings

    def meta(self) -> dict[str, Any]:
        assert self._storage is not None
        return dict(_meta_record(self._storage.read() or {}) or {})

    def people(self, *, include_archived: bool = True) -> list[Person]:
        people = self._people.values()
        return [p for p in people if include_archived or not p.archived]

    def person(self, person_id: str) -> Person | None:
        return self._people.get(person_id)

    def people_count(self) -> int:
        return len(self._people)

    def encounters(self) -> list[Encounter]:
        """All live encounters, newest first."""
        return sorted(self._encounters.values(), key=_encounter_order, reverse=True)

    def encounter(self, encounter_id: str) -> Encounter | None:
        return self._encounters.get(encounter_id)

    def encounter_count(self) -> int:
        return len(self._encounters)

    def encounters_on(self, day: date) -> list[Encounter]:
        return list(self._by_date.get(day, ()))

    def encounter_dates(self) -> list[date]:
        return sorted(self._by_date)

    def encounters_with(self, person_id: str) -> list[Encounter]:
        """One person's encounters, oldest first."""
        return list(self._by_person.get(person_id, ()))

    def encounters_by_person(self) -> dict[str, list[Encounter]]:
        """The whole person → encounters (oldest first) index; do not mutate it."""
        return self._by_person

    def last_seen(self, person_id: str) -> date | None:
        encounters = self._by_person.get(person_id)
        return encounters[-1].date if encounters else None

    def day_note(self, day: date) -> DayNote | None:
        return self._days.get(day)

    def day_notes(self) -> list[DayNote]:
        return sorted(self._days.values(), key=lambda n: n.date)

    def lucky_picks(self) -> list[LuckyPick]:
        return sorted(self._lucky.values(), key=lambda p: (p.date, p.created))

    def tombstones(self, table: str) -> list[Record]:
        return list(self._tombstones[table].values())

    def names(self, person_ids: Iterable[str]) -> list[str]:
        return [p.name for pid in person_ids if (p := self._people.get(pid))]

    def search(self, query: str, limit: int = 50, *, include_archived: bool = True) -> list[Person]:
        hits = self.index.search(query, limit, include_archived=include_archived)
        return [self._people[h.person_id] for h in hits if h.person_id in self._people]

    def find_person(self, name: str) -> Person | None:
        """The person a name refers to exactly (name or alias), else None."""
        for pid in self.index.find_exact(name):
            if pid in self._people:
                return self._people[pid]
        return None

    # ----------------------------------------------------------------- listening

    def subscribe(self, listener: Callable[[Change], None]) -> Callable[[], None]:
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def _notify(self, changes: list[Change]) -> None:
        for listener in list(self._listeners):
            for change in changes:
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

    def _persist(self, records: list[Record]) -> None:
        """Write records to TinyDB as one atomic file write; roll back memory on failure."""
        if self.readonly:
            raise ReadOnlyJournal(_("The journal was opened read-only."))
        assert self._db is not None and self._storage is not None
        try:
            with self._storage.batch():
                # One TinyDB call per table and kind: each call rebuilds the whole table in
                # memory, so one call per record made big saves (merges, imports) quadratic.
                for name, (new, changed) in self._group_for_tinydb(records).items():
                    table = self._db.table(name)
                    if changed:
                        table.update(_replace_by_id(changed), doc_ids=[doc_id for doc_id, _ in changed.values()])
                    if new:
                        doc_ids = table.insert_multiple(r.to_dict() for r in new.values())
                        self._doc_ids[name].update(zip(new, doc_ids, strict=False))
        except OSError as err:
            # The storage reloaded the file; rebuild our view of it so memory matches disk.
            self._build_indexes(self._storage.read() or {})
            raise SaveError(
                _("Could not save to {path}: {reason}. Nothing was changed; your input is kept.").format(
                    path=self.path, reason=err.strerror or err
                )
            ) from None

    def _group_for_tinydb(
        self, records: list[Record]
    ) -> dict[str, tuple[dict[str, Record], dict[str, tuple[int, dict[str, Any]]]]]:
        """Per table: new records by id, and changed ones by id with their doc_id (last one wins)."""
        assert self._db is not None
        groups: dict[str, tuple[dict[str, Record], dict[str, tuple[int, dict[str, Any]]]]] = {}
        for record in records:
            new, changed = groups.setdefault(record.TABLE, ({}, {}))
            doc_id = self._doc_ids[record.TABLE].get(record.id)
            if doc_id is None or not self._db.table(record.TABLE).contains(doc_id=doc_id):
                new[record.id] = record
            else:
                changed[record.id] = (doc_id, record.to_dict())
        return groups

    def save(self, *records: Record, keep_stamps: bool = False) -> list[Record]:
        """Validate, stamp and persist records (new or changed) in one write.

        ``keep_stamps`` keeps the records' own created/updated: merging another copy of the
        journal (journal.merge) decides by the newest ``updated``, so it must survive the write.
        """
        with self._mutex:
            prepared = []
            for record in records:
                is_new = record.id not in self._doc_ids[record.TABLE]
                record = self._prepare(record)
                prepared.append(record if keep_stamps else self._stamp(record, is_new=is_new))
            self._persist(prepared)
            if len(prepared) > BULK_SAVE:
                # Applying records one by one copies the indexes each time (quadratic); a big
                # save (an import, a merge) rebuilds them once from what was just written.
                assert self._storage is not None
                self._build_indexes(self._storage.read() or {})
            else:
                for record in prepared:
                    self._apply(record)
        self._notify([Change(r.TABLE, r) for r in prepared])
        return prepared

    def _apply(self, record: Record) -> None:
        """Bring the in-memory indexes up to date with one saved record (copy on write)."""
        table = record.TABLE
        if record.deleted is not None:
            self._tombstones[table] = {**self._tombstones[table], record.id: record}
        alive = record.deleted is None
        if isinstance(record, Person):
            self._people = _with(self._people, record.id, record if alive else None)
            if self._index_ready:
                self._index.upsert(record, self.last_seen(record.id))
        elif isinstance(record, Encounter):
            self._encounters = _with(self._encounters, record.id, record if alive else None)
            self._reindex_encounter(record.id, record if alive else None)
        elif isinstance(record, DayNote):
            self._days = _with(self._days, record.date, record if alive else None)
        elif isinstance(record, LuckyPick):
            self._lucky = _with(self._lucky, record.id, record if alive else None)
        elif isinstance(record, Settings):
            self._settings = record

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
        tomb = replace(record, deleted=timestamp(self.clock.now()))  # type: ignore[type-var]
        self.save(tomb)
        return tomb

    def restore(self, record: R) -> R:
        """Undo a delete (the app's `u`): the same id comes back to life."""
        alive = replace(record, deleted=None)  # type: ignore[type-var]
        self.save(alive)
        return alive

    def set_day_note(self, day: date, text: str) -> DayNote:
        existing = self._days.get(day) or self._tombstones["days"].get(day_note_id(day))
        note = replace(existing, text=text, deleted=None) if existing else DayNote(date=day, text=text)
        self.save(note)
        return note

    def save_settings(self, settings: Settings) -> Settings:
        settings.id = SETTINGS_ID
        self.save(settings)
        return settings

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """Group several saves into one file write; if anything fails, nothing is written."""
        assert self._storage is not None
        with self._mutex:
            try:
                with self._storage.batch():
                    yield
            except BaseException:
                self._build_indexes(self._storage.read() or {})
                raise

    def raw_data(self) -> dict[str, Any]:
        """The journal as stored (for backups and export); do not mutate."""
        assert self._storage is not None
        return self._storage.read() or {}


class _Reuse:
    """Hand TinyDB our already-opened storage instead of letting it construct one."""

    def __init__(self, storage: AtomicJSONStorage) -> None:
        self._storage = storage

    def __call__(self, *args: Any, **kwargs: Any) -> AtomicJSONStorage:
        return self._storage


K = TypeVar("K")
V = TypeVar("V")


def _with(index: dict[K, V], key: K, value: V | None) -> dict[K, V]:
    """A copy of ``index`` with ``key`` set to ``value`` (or removed for None): readers on other
    threads keep the old dict, which never changes under them."""
    copy = dict(index)
    if value is None:
        copy.pop(key, None)
    else:
        copy[key] = value
    return copy


def _replace_by_id(changed: dict[str, tuple[int, dict[str, Any]]]) -> Callable[[dict[str, Any]], None]:
    """A TinyDB update operation replacing each document by the new version with its ``id``."""

    def transform(doc: dict[str, Any]) -> None:
        data = changed[doc["id"]][1]
        doc.clear()
        doc.update(data)

    return transform


def _meta_record(data: dict[str, Any]) -> dict[str, Any] | None:
    meta_table = data.get("meta")
    if not isinstance(meta_table, dict):
        return None
    for record in meta_table.values():
        if isinstance(record, dict) and record.get("app") == APP_ID:
            return record
    return None


def _encounter_order(enc: Encounter) -> tuple[date, str, str]:
    return (enc.date, enc.time or "", enc.created)
