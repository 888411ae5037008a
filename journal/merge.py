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

import copy
from dataclasses import dataclass, field, fields
from typing import Any

import orjson

from journal.i18n import _
from journal.interop import ImportFailed, ImportSummary
from journal.migrations import SCHEMA, migrate
from journal.model import TABLES, Encounter, LuckyPick, Record, Settings, ValidationError, is_sub_record
from journal.storage import parse_json_bytes
from journal.store import APP_ID, JournalStore

Records = dict[str, dict[str, Record]]  # table → id → record


def journal_meta(data: dict[str, Any]) -> dict[str, Any] | None:
    """The netjournal meta record of a parsed document, if it has one."""
    table = data.get("meta")
    if not isinstance(table, dict):
        return None
    for record in table.values():
        if isinstance(record, dict) and record.get("app") == APP_ID:
            return record
    return None


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

    Raises ImportFailed naming the record that is wrong. The document itself is not changed.
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
    return {table: _check_table(data.get(table), table, source) for table in TABLES}


def _check_table(raw_table: Any, table: str, source: str) -> dict[str, Record]:
    if raw_table is None:
        return {}
    if not isinstance(raw_table, dict):
        raise ImportFailed(
            _("{source}: the table “{table}” is not a JSON object. Nothing was changed.").format(
                source=source, table=table
            )
        )
    records: dict[str, Record] = {}
    for doc_id, raw in raw_table.items():
        record = check_record(raw, table, source, doc_id)
        other = records.get(record.id)
        # The same id twice in one file: keep the newer, as a merge would.
        if other is None or wins(record, other):
            records[record.id] = record
    return records


def check_record(raw: Any, table: str, source: str, doc_id: str = "?") -> Record:
    """One stored record, rebuilt, normalised and validated, or ImportFailed naming it."""
    label = raw.get("id") if isinstance(raw, dict) and isinstance(raw.get("id"), str) else f"#{doc_id}"

    def fail(message: str) -> ImportFailed:
        return ImportFailed(
            _("{source}: record {record} in “{table}”: {message} Nothing was changed.").format(
                source=source, record=label, table=table, message=message
            )
        )

    if not isinstance(raw, dict):
        raise fail(_("it is not a JSON object."))
    try:
        record = TABLES[table].from_dict(raw)
        _check_types(record)
        record.normalise()  # type: ignore[attr-defined]
        record.validate()
    except ValidationError as err:
        raise fail(err.message) from None
    except (TypeError, ValueError, AttributeError, KeyError) as err:
        raise fail(
            _("it does not have the shape of a {table} record ({error}).").format(table=table, error=err)
        ) from None
    return record


_EXPECTED: dict[type, tuple[tuple[str, tuple[type, ...]], ...]] = {}


def _expected_types(cls: type[Record]) -> tuple[tuple[str, tuple[type, ...]], ...]:
    """(field, allowed types) for the fields whose type we check; computed once per class."""
    if cls not in _EXPECTED:
        expected = []
        for f in fields(cls):
            if f.name in ("id", "created", "updated"):
                expected.append((f.name, (str,)))
            elif f.name == "deleted":
                expected.append((f.name, (str, type(None))))
            else:
                default = f.default_factory() if callable(f.default_factory) else f.default  # type: ignore[misc]
                if default is None or (isinstance(default, (int, float)) and not isinstance(default, bool)):
                    continue  # optional or numeric fields: validate() checks them
                expected.append((f.name, (type(default),)))
        _EXPECTED[cls] = tuple(expected)
    return _EXPECTED[cls]


def _check_types(record: Record) -> None:
    """Fields keep the type of their default: the store and the UI rely on it."""
    for name, expected in _expected_types(type(record)):
        value = getattr(record, name)
        if not isinstance(value, expected) or isinstance(value, bool) != (bool in expected):
            raise ValidationError(name, _("{field} has the wrong type.").format(field=name))
        # (A person's e-mails, phones, … are sub-records, checked as they are built.)
        if isinstance(value, list) and not all(isinstance(item, str) or is_sub_record(item) for item in value):
            raise ValidationError(name, _("{field} must be a list of texts.").format(field=name))
        if isinstance(value, dict) and not all(isinstance(v, str) for v in value.values()):
            raise ValidationError(name, _("{field} must map names to texts.").format(field=name))
    if not record.id:
        raise ValidationError("id", _("A record needs an id."))
    if isinstance(record, Encounter) and not all(isinstance(p, str) and p for p in record.person_ids):
        raise ValidationError("person_ids", _("person_ids must be a list of ids."))
    if isinstance(record, LuckyPick) and not isinstance(record.person_id, str):
        raise ValidationError("person_id", _("person_id must be an id."))


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
    data = store.raw_data()
    records: Records = {}
    for table, cls in TABLES.items():
        table_records: dict[str, Record] = {}
        for raw in (data.get(table) or {}).values():
            record = cls.from_dict(raw)
            table_records[record.id] = record
        records[table] = table_records
    return records


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


def merge_bytes(store: JournalStore, raw: bytes, source: str) -> ImportSummary:
    """Merge a JSON journal or backup (its bytes) into the open journal."""
    from journal.clock import timestamp

    theirs = check_document(parse_document(raw, source), source, now=timestamp(store.clock.now()))
    plan = plan_merge(store_records(store), theirs)
    apply_plan(store, plan)
    return ImportSummary(
        source,
        added=plan.added,
        updated=plan.updated,
        deleted=plan.deleted,
        unchanged=plan.unchanged,
        forgotten=plan.forgotten,
    )
