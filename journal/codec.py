"""The journal's records to and from JSON: a strict, typed decoder and the change log's lines.

Decoding goes straight from bytes into the model's dataclasses (msgspec reads their field types),
so a record of the wrong shape (a number where a name belongs, text where a number belongs, a
missing id or date) is refused with a message naming its table, its id and the field, before
anything else sees it. Every record is then checked as the model checks it before a save, except
for length limits: a long note stored earlier must still open.

Each decoded record keeps its stored JSON (``msgspec.Raw``): the store writes records back as
they were read or saved, byte for byte, never from objects that a caller may have changed since.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

import msgspec
import orjson

from journal.i18n import N_, _
from journal.model import TABLES, Encounter, LuckyPick, Person, Record, ValidationError, drop_controls, loading

Raw = msgspec.Raw
Decoded = dict[str, tuple[Record, Raw]]  # doc_id → (record, its stored JSON)
# A table as read: its stored JSON, or its records' (doc_id → stored JSON) when the document was
# split into records in one pass (split_records).
Table = Raw | bytes | dict[str, Raw]

_SPLIT = msgspec.json.Decoder(dict[str, Raw])
_SPLIT_RECORDS = msgspec.json.Decoder(dict[str, dict[str, Raw]])
# Terminal control characters as they can appear in stored JSON: C0 and DEL escaped (\u001b …),
# C1 escaped (\u009b …) or as raw UTF-8 (0xC2 0x80–0x9F). A table with neither a "\u" nor a 0xC2
# byte holds none (a quick test: reading a large journal must stay fast); otherwise only the
# records that match are cleaned (model.drop_controls, which also drops zero-width and direction
# marks in them).
_MAY_HOLD_CONTROLS = re.compile(rb"\\u00[0189][0-9a-fA-F]|\\u007[fF]|\xc2[\x80-\x9f]")


def may_hold_controls(raw: Raw | bytes) -> bool:
    """Whether reading this stored JSON may drop control characters (see model.drop_controls)."""
    data = raw if isinstance(raw, bytes) else bytes(raw)
    return (b"\\u" in data or b"\xc2" in data) and _MAY_HOLD_CONTROLS.search(data) is not None


def may_hold_controls_any(table: Table) -> bool:
    """may_hold_controls for a table, given as stored JSON or as its records."""
    if isinstance(table, dict):
        return may_hold_controls(b"\n".join(table.values()))  # (one scan, not one per record)
    return may_hold_controls(table)


_DECODERS: dict[type[Record], msgspec.json.Decoder[Any]] = {}
_ENCODER = msgspec.json.Encoder()


class RecordProblem(Exception):
    """A stored record (or a table, or the file itself) does not have the shape of a journal."""

    def __init__(self, message: str, *, table: str = "", record: str = "", field: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.table = table
        self.record = record
        self.field = field


def _decoder(cls: type[Record]) -> msgspec.json.Decoder[Any]:
    decoder = _DECODERS.get(cls)
    if decoder is None:
        decoder = _DECODERS[cls] = msgspec.json.Decoder(cls)
    return decoder


def encode(record: Record) -> Raw:
    """A record as stored JSON (every field, dates as YYYY-MM-DD)."""
    return Raw(_ENCODER.encode(record))


def encode_value(value: Any) -> bytes:
    return _ENCODER.encode(value)


# ------------------------------------------------------------------------------------------------
# Documents


def split_document(raw: bytes | memoryview) -> dict[str, Raw]:
    """The document's tables, undecoded. Raises RecordProblem for what is not a JSON object."""
    try:
        return _SPLIT.decode(raw)
    except msgspec.ValidationError:
        raise RecordProblem(_("the top level is not a JSON object")) from None
    except msgspec.DecodeError as err:
        raise RecordProblem(_json_error(bytes(raw), err)) from None


def split_records(raw: bytes | memoryview) -> dict[str, dict[str, Raw]] | None:
    """Every table's records, undecoded, in one pass over the document (splitting it into tables
    and then a table into records reads the long encounters table twice). None when the document
    is not an object of objects: split_document then reads it and says what is wrong."""
    try:
        return _SPLIT_RECORDS.decode(raw)
    except (msgspec.ValidationError, msgspec.DecodeError):
        return None


def table_json(table: Table) -> Raw:
    """A table as stored JSON (its records joined again when it was read split)."""
    if isinstance(table, dict):
        return Raw(_ENCODER.encode(table))
    return table if isinstance(table, Raw) else Raw(table)


def _json_error(raw: bytes, err: msgspec.DecodeError) -> str:
    """msgspec says "... at byte N"; people want a line number."""
    match = re.search(r"byte (\d+)", str(err))
    if match:
        line = raw.count(b"\n", 0, int(match.group(1))) + 1
        return _("not valid JSON (line {line})").format(line=line)
    return _("not valid JSON")


class Stopped(Exception):
    """Decoding was stopped from outside (the app is closing; see JournalStore.stop_loading)."""


def decode_table(table: str, raw_table: Table, stop: Callable[[], bool] | None = None) -> Decoded:
    """One table of records, strictly: a problem names the record and the field. ``stop`` is
    asked every few thousand records; when it says so, Stopped is raised."""
    cls = TABLES[table]
    raws = raw_table if isinstance(raw_table, dict) else split_table(table, raw_table)
    decode = _decoder(cls).decode
    out: Decoded = {}
    suspect = may_hold_controls_any(raw_table)
    with loading():
        for n, (doc_id, raw) in enumerate(raws.items()):
            if stop is not None and not n % 2048 and stop():
                raise Stopped
            try:
                record = decode(raw)
            except msgspec.ValidationError as err:
                raise _problem(table, doc_id, raw, err) from None
            if suspect:
                _drop_controls(record, raw)
            _check(table, doc_id, raw, record)
            out[doc_id] = (record, raw)
    return out


class EncounterHead(msgspec.Struct, gc=False):
    """What the indexes need of a stored encounter: enough to find a day's or a person's
    encounters and when someone was last seen without decoding every record (see
    journal.lazy_encounters). The other fields are checked when the record is decoded."""

    id: str
    date: date
    person_ids: list[str] = []
    deleted: str | None = None


_HEADS = msgspec.json.Decoder(dict[str, EncounterHead])


_HEAD = msgspec.json.Decoder(EncounterHead)


def decode_heads(raw_table: Table) -> dict[str, EncounterHead]:
    """The encounters table's heads (doc_id → head) in one pass. A table that does not have the
    shape is decoded record by record instead, so that the problem names its record and field."""
    try:
        if isinstance(raw_table, dict):
            decode = _HEAD.decode
            heads = {doc_id: decode(raw) for doc_id, raw in raw_table.items()}
        else:
            heads = _HEADS.decode(raw_table)
    except (msgspec.ValidationError, msgspec.DecodeError):
        decode_table(Encounter.TABLE, raw_table)  # raises RecordProblem naming the record
        raise RecordProblem(
            _("the table “{table}” is not a JSON object of records").format(table=Encounter.TABLE),
            table=Encounter.TABLE,
        ) from None
    for doc_id, head in heads.items():
        if not head.id:
            raise RecordProblem(
                _describe(Encounter.TABLE, f"#{doc_id}", "id", _("A record needs an id.")),
                table=Encounter.TABLE,
                record=f"#{doc_id}",
                field="id",
            )
    return heads


def split_table(table: str, raw_table: Raw | bytes) -> dict[str, Raw]:
    """A table's records, undecoded (doc_id → stored JSON)."""
    try:
        return _SPLIT.decode(raw_table)
    except (msgspec.ValidationError, msgspec.DecodeError):
        raise RecordProblem(
            _("the table “{table}” is not a JSON object of records").format(table=table), table=table
        ) from None


def _drop_controls(record: Record, raw: Raw | bytes) -> None:
    """A record written outside netjournal may carry terminal control sequences in its text: they
    go at reading, so nothing shows them. The stored JSON stays as it is; the file changes only
    when the record is saved again."""
    if may_hold_controls(raw):
        drop_controls(record)


def decode_record(table: str, raw: Raw | bytes, where: str = "?") -> Record:
    """One record, strictly (a change-log line's, an incoming copy's)."""
    cls = TABLES.get(table)
    if cls is None:
        raise RecordProblem(_("there is no table “{table}”").format(table=table), table=table)
    with loading():
        try:
            record: Record = _decoder(cls).decode(raw)
        except msgspec.ValidationError as err:
            raise _problem(table, where, raw, err) from None
        _drop_controls(record, raw)
        _check(table, where, raw, record)
    return record


def _check(table: str, doc_id: str, raw: Raw | bytes, record: Record) -> None:
    try:
        if not record.id:
            raise ValidationError("id", _("A record needs an id."))
        record.validate()
    except ValidationError as err:
        raise RecordProblem(
            _describe(table, record.id or _record_label(doc_id, raw), err.field, err.message),
            table=table,
            record=record.id,
            field=err.field,
        ) from None


def _record_label(doc_id: str, raw: Raw | bytes) -> str:
    """The record's own id if it has a readable one, else its number in the table."""
    try:
        data = orjson.loads(bytes(raw))
    except orjson.JSONDecodeError:
        data = None
    if isinstance(data, dict) and isinstance(data.get("id"), str) and data["id"]:
        return str(data["id"])
    return f"#{doc_id}"


_AT = re.compile(r" - at `\$(.*)`\Z")
_MISSING = re.compile(r"Object missing required field `([^`]+)`")
_EXPECTED = re.compile(r"Expected `([^`]+)`, got `([^`]+)`")


def _problem(table: str, doc_id: str, raw: Raw | bytes, err: msgspec.ValidationError) -> RecordProblem:
    text = str(err)
    label = _record_label(doc_id, raw)
    at = _AT.search(text)
    path = at.group(1) if at else ""
    text = _AT.sub("", text)
    field = re.sub(r"\[.*", "", path.lstrip(".")).strip(".") if path else ""
    missing = _MISSING.search(text)
    if missing:
        field = missing.group(1) if not field else f"{field}.{missing.group(1)}"
        message = _("it is missing.")
    elif expected := _EXPECTED.search(text):
        message = _("it holds {found} where {wanted} belongs.").format(
            found=_kind(expected.group(2)), wanted=_kind(expected.group(1))
        )
    elif "date" in text:
        message = _("it is not a date in the form YYYY-MM-DD.")
    else:
        message = text + "."
    if not field:
        return RecordProblem(
            _("record {record} in “{table}” is not a record ({error})").format(
                record=label, table=table, error=message
            ),
            table=table,
            record=label,
        )
    return RecordProblem(_describe(table, label, field, message), table=table, record=label, field=field)


_KINDS = {
    "str": N_("text"),
    "int": N_("a number"),
    "float": N_("a number"),
    "bool": N_("true or false"),
    "null": N_("nothing (null)"),
    "array": N_("a list"),
    "object": N_("an object"),
    "date": N_("a date"),
}


def _kind(name: str) -> str:
    """msgspec's type names ("str | null") in words."""
    parts = [part.strip() for part in name.split("|") if part.strip() != "null"] or ["null"]
    return " / ".join(_(_KINDS[part]) if part in _KINDS else part for part in parts)


def _describe(table: str, record: str, field: str, message: str) -> str:
    return _("record {record} in “{table}”, field “{field}”: {message}").format(
        record=record, table=table, field=field, message=message.rstrip(".") + "."
    )


# ------------------------------------------------------------------------------------------------
# Checks across records


def check_unique_and_linked(records: dict[str, Iterable[Record]]) -> None:
    """No id twice in a table; encounters and lucky picks name people who are in the journal.

    ``records``: table → every record in it, tombstones included. A link to a deleted person's
    tombstone is fine (the id is known); a link to an id that is nowhere is refused.
    """
    ids: dict[str, set[str]] = {}
    for table, table_records in records.items():
        seen: set[str] = set()
        for record in table_records:
            if record.id in seen:
                raise RecordProblem(
                    _describe(table, record.id, "id", _("the same id is used by two records.")),
                    table=table,
                    record=record.id,
                    field="id",
                )
            seen.add(record.id)
        ids[table] = seen
    people = ids.get(Person.TABLE, set())
    for record in records.get(Encounter.TABLE, ()):
        if record.deleted is None:
            assert isinstance(record, Encounter)
            for pid in record.person_ids:
                if pid not in people:
                    raise dangling(Encounter.TABLE, record.id, "person_ids", pid)
    for record in records.get(LuckyPick.TABLE, ()):
        if record.deleted is None:
            assert isinstance(record, LuckyPick)
            if record.person_id not in people:
                raise dangling(LuckyPick.TABLE, record.id, "person_id", record.person_id)


def dangling(table: str, record: str, field: str, pid: str) -> RecordProblem:
    return RecordProblem(
        _describe(table, record, field, _("it links to a person ({id}) who is not in the journal.").format(id=pid)),
        table=table,
        record=record,
        field=field,
    )


# ------------------------------------------------------------------------------------------------
# The change log's lines


LOG_FORMAT = 1


class _Base(msgspec.Struct):
    generation: str
    offset: int


class LogHeader(msgspec.Struct, kw_only=True, omit_defaults=False):
    """The first line of ``<journal>.log``.

    ``generation`` names this log. ``base`` says which document state it continues: a document
    whose meta record carries ``log = base`` holds everything before this log's first entry.
    ``document``/``previous``: the identity of the document written by the compaction that started
    this log, and of the one it replaced (other processes skip re-reading a document they know).
    ``reset``: the document was replaced on purpose (a restore); forget what came before.
    """

    netjournal_log: int
    schema: int
    generation: str
    base: _Base | None = None
    document: list[int] | None = None
    previous: list[int] | None = None
    reset: bool = False


class LogRecord(msgspec.Struct):
    table: str
    record: Raw


class LogEntry(msgspec.Struct, kw_only=True):
    """One save: all its records, applied together or not at all."""

    at: str = ""
    records: list[LogRecord]


_HEADER = msgspec.json.Decoder(LogHeader)
_ENTRY = msgspec.json.Decoder(LogEntry)


def header_line(header: LogHeader) -> bytes:
    return _ENCODER.encode(header) + b"\n"


def decode_header(line: bytes) -> LogHeader:
    try:
        header = _HEADER.decode(line)
    except (msgspec.ValidationError, msgspec.DecodeError):
        raise RecordProblem(_("its first line is not a change-log header")) from None
    if header.netjournal_log != LOG_FORMAT:
        raise RecordProblem(_("it is a change log of another format ({format})").format(format=header.netjournal_log))
    return header


def entry_line(at: str, records: Iterable[tuple[str, Raw]]) -> bytes:
    """One save as one line: ``{"at": …, "records": [{"table": …, "record": {…}}, …]}``."""
    entry = LogEntry(at=at, records=[LogRecord(table, raw) for table, raw in records])
    return _ENCODER.encode(entry) + b"\n"


def decode_entry(line: bytes) -> LogEntry:
    try:
        return _ENTRY.decode(line)
    except (msgspec.ValidationError, msgspec.DecodeError):
        raise RecordProblem(_("it is not a saved change (one JSON object with its records)")) from None
