"""Merging another copy of the journal (a backup, another device's file) into this one.

Records are matched by their own ``id``. Of two versions the one with the newest ``updated``
wins; a deletion is a tombstone (``deleted`` set, ``updated`` = when), so it wins or loses by
the same rule and so travels from copy to copy. Equal ``updated`` is broken by a fixed order
on the records' content, so merging A into B and B into A give the same records, and merging
the same file twice changes nothing the second time. One exception to "newest wins": settings
nobody has changed yet (a journal just created on a second device) lose to changed ones.

Everything in the incoming file is checked before anything is written, and the winners are
saved in one atomic write: a bad file leaves the journal byte-identical.
"""

from __future__ import annotations

import contextlib
import copy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from journal import codec
from journal.clock import Clock
from journal.i18n import _
from journal.interop import ImportFailed, ImportSummary
from journal.migrations import SCHEMA, migrate
from journal.model import TABLES, Record, Settings, ValidationError
from journal.paths import JournalFiles
from journal.storage import parse_json_bytes
from journal.store import JournalError, JournalStore, journal_meta

Records = dict[str, dict[str, Record]]  # table → id → record


def parse_document(raw: bytes, source: str) -> dict[str, Any]:
    """Parse JSON bytes; a syntax error names the line."""
    try:
        data = parse_json_bytes(raw)
    except orjson.JSONDecodeError as err:
        line = raw.count(b"\n", 0, err.pos) + 1
        raise ImportFailed(
            _("{source} is not valid JSON (line {line}: {error}). Nothing was changed.").format(
                source=source, line=line, error=err.msg
            )
        ) from None
    if not isinstance(data, dict):
        raise ImportFailed(
            _(
                "{source} is not a netjournal journal or backup (the top level is not a JSON "
                "object). Nothing was changed."
            ).format(source=source)
        )
    return data


def check_document(data: dict[str, Any], source: str, *, now: str) -> Records:
    """Validate a whole journal document (migrating an older schema in a copy); return its records.

    The same strict decoder as opening a journal (journal.codec): a record of the wrong shape, an
    id used twice or a link to a person who is not in the file raises ImportFailed naming the
    record and the field. The document itself is not changed.
    """
    meta = journal_meta(data)
    if meta is None:
        raise ImportFailed(
            _("{source} is JSON, but not a netjournal journal or backup (no meta record). Nothing was changed.").format(
                source=source
            )
        )
    schema = meta.get("schema")
    if isinstance(schema, bool) or not isinstance(schema, int) or schema < 1:
        raise ImportFailed(_("{source} has no valid schema version. Nothing was changed.").format(source=source))
    if schema > SCHEMA:
        raise ImportFailed(
            _(
                "{source} was written by a newer netjournal (schema {found}; this version reads up "
                "to {supported}). Update netjournal first. Nothing was changed."
            ).format(source=source, found=schema, supported=SCHEMA)
        )
    if schema < SCHEMA:
        try:
            data = migrate(copy.deepcopy(data), schema, now=now)
        except (KeyError, TypeError, ValueError, AttributeError) as err:
            raise ImportFailed(
                _("{source} could not be upgraded from schema {schema} ({error}). Nothing was changed.").format(
                    source=source, schema=schema, error=err
                )
            ) from None
    records = {table: _check_table(data[table], table, source) if table in data else {} for table in TABLES}
    try:
        codec.check_unique_and_linked({table: list(recs.values()) for table, recs in records.items()})
    except codec.RecordProblem as problem:
        raise _failed(source, problem.message) from None
    return {table: {record.id: record for record in recs.values()} for table, recs in records.items()}


def _failed(source: str, message: str) -> ImportFailed:
    return ImportFailed(
        _("{source}: {problem}. Nothing was changed.").format(source=source, problem=message.rstrip("."))
    )


def _check_table(raw_table: Any, table: str, source: str) -> dict[str, Record]:
    """doc_id → record, each decoded strictly, then cleaned and checked as a save would."""
    if not isinstance(raw_table, dict):
        raise ImportFailed(
            _("{source}: the table “{table}” is not a JSON object. Nothing was changed.").format(
                source=source, table=table
            )
        )
    try:
        decoded = codec.decode_table(table, orjson.dumps(raw_table))
    except codec.RecordProblem as problem:
        raise _failed(source, problem.message) from None
    out: dict[str, Record] = {}
    for doc_id, (record, _raw) in decoded.items():
        out[doc_id] = _cleaned(record, table, source)
    return out


def _cleaned(record: Record, table: str, source: str) -> Record:
    try:
        record.normalise()  # type: ignore[attr-defined]
        record.validate()
    except ValidationError as err:
        raise _failed(
            source,
            _("record {record} in “{table}”, field “{field}”: {message}").format(
                record=record.id, table=table, field=err.field, message=err.message
            ),
        ) from None
    return record


def check_record(raw: Any, table: str, source: str, doc_id: str = "?") -> Record:
    """One stored record, decoded strictly, cleaned and validated, or ImportFailed naming it."""
    if not isinstance(raw, dict):
        raise _failed(
            source,
            _("record #{record} in “{table}” is not a record (it is not a JSON object)").format(
                record=doc_id, table=table
            ),
        )
    try:
        record = codec.decode_record(table, orjson.dumps(raw), doc_id)
    except codec.RecordProblem as problem:
        raise _failed(source, problem.message) from None
    return _cleaned(record, table, source)


# ----------------------------------------------------------------------------------------- merging


def _canonical(record: Record) -> bytes:
    return orjson.dumps(record.to_dict(), option=orjson.OPT_SORT_KEYS)


def _rank(record: Record) -> tuple[bool, str, bool, bytes]:
    # Settings a user never changed lose to changed ones: a journal just created on a second
    # device must not reset the first device's settings only because it is newer.
    edited = not (isinstance(record, Settings) and _is_default_settings(record))
    return (edited, record.updated, record.deleted is not None, _canonical(record))


def _is_default_settings(settings: Settings) -> bool:
    stamps = {"created": "", "updated": "", "deleted": None}
    return {**settings.to_dict(), **stamps} == {**Settings().to_dict(), **stamps}


def wins(a: Record, b: Record) -> bool:
    """Does ``a`` win over ``b``? Newest ``updated``, then a tombstone, then a fixed content order.

    A total order, so the outcome does not depend on which copy is merged into which.
    """
    return _rank(a) > _rank(b)


@dataclass
class MergePlan:
    """The incoming records to write, and what they do here."""

    writes: list[Record] = field(default_factory=list)
    added: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0
    forgotten: int = 0  # incoming records that named or linked people forgotten here, scrubbed


def plan_merge(ours: Records, theirs: Records) -> MergePlan:
    """Which of ``theirs`` must be written into ``ours`` (pure; nothing is changed).

    People forgotten on either side stay forgotten: incoming records are first stripped of every
    link to and mention of them (:func:`journal.forget.scrub_incoming`).
    """
    from journal.forget import scrub_incoming

    theirs, forgotten = scrub_incoming(ours, theirs)
    plan = MergePlan(forgotten=forgotten)
    for table in TABLES:
        mine = ours.get(table, {})
        for record_id, incoming in theirs.get(table, {}).items():
            current = mine.get(record_id)
            if current is not None and (_canonical(current) == _canonical(incoming) or not wins(incoming, current)):
                plan.unchanged += 1
                continue
            plan.writes.append(incoming)
            if incoming.deleted is not None:
                plan.deleted += 1 if current is None or current.deleted is None else 0
                plan.updated += 1 if current is not None and current.deleted is not None else 0
            elif current is None:
                plan.added += 1
            else:
                plan.updated += 1
    return plan


def store_records(store: JournalStore) -> Records:
    """The open journal's records, tombstones included, as stored."""
    return {table: {record.id: record for record in store.all_records(table)} for table in TABLES}


def apply_plan(store: JournalStore, plan: MergePlan) -> None:
    """Write the winners in one atomic write, keeping their own timestamps."""
    if not plan.writes:
        return
    try:
        with store.transaction():
            store.save(*plan.writes, keep_stamps=True)
    except OSError as err:
        raise ImportFailed(
            _("Could not save to {path}: {reason}. Nothing was changed.").format(
                path=store.path, reason=err.strerror or err
            )
        ) from None


def journal_copy_bytes(path: Path, clock: Clock) -> bytes | None:
    """Another journal file together with its change log (``<file>.log`` beside it), as one
    complete document; None when there is no log beside it (the file is complete as it is)."""
    if not JournalFiles(path).log.is_file():
        return None
    try:
        with JournalStore.open(path, clock, readonly=True) as other:
            return other.document_bytes()
    except JournalError:
        return None  # read the file alone; its own errors are reported then


def merge_bytes(store: JournalStore, raw: bytes, source: str) -> ImportSummary:
    """Merge a JSON journal or backup (its bytes) into the open journal."""
    from journal.clock import timestamp

    theirs = check_document(parse_document(raw, source), source, now=timestamp(store.clock.now()))
    plan = plan_merge(store_records(store), theirs)
    apply_plan(store, plan)
    if plan.deleted or plan.forgotten:
        # A deletion (a forgotten person) came in: fold the change log now, so that the earlier
        # versions it still holds leave the files too.
        with contextlib.suppress(JournalError):
            store.compact()
    return ImportSummary(
        source,
        added=plan.added,
        updated=plan.updated,
        deleted=plan.deleted,
        unchanged=plan.unchanged,
        forgotten=plan.forgotten,
    )
