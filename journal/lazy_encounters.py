"""The encounters of a journal opened for what needs only part of it, decoded on demand.

A journal of ten encounters a day for fourteen years holds 50,000 of them; decoding every one
strictly costs most of an open (≈ 0.3 s there, ten times that at 500,000). Today's screen, a
`netjournal add` and a people search need the people, a day's encounters and when each person was
last seen. So an open for those (``JournalStore.open(..., lazy=True)``) reads each encounter's
*head* only (id, date, people, deleted: one msgspec pass over the table), keeps the rest of each
record as stored, and decodes a record — strictly, as a full open does — the first time it is
asked for. The indexes over the heads are built on first use too: Today needs the one by day, a
people list the one by person. The app decodes everything in the background after its first
frame; whatever goes through every encounter (History, exports, a fold) decodes everything first.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Container
from datetime import date

from journal import codec
from journal.codec import EncounterHead, Raw, RecordProblem
from journal.i18n import _
from journal.model import Encounter

Entry = tuple[Encounter, int, Raw]  # a record, its document number, its stored JSON


class LazyEncounters:
    """The document's encounters table: heads indexed, records decoded when asked for.

    It describes the document as read; the store keeps what was saved or replayed since then
    beside it and lets that win (see JournalStore._entry).
    """

    def __init__(self, table_raw: codec.Table, heads: dict[str, EncounterHead]) -> None:
        # As stored; or its records already split (codec.split_records), which the table's own
        # JSON is then only joined from if it is asked for.
        self.table_raw = table_raw
        self._by_doc = heads  # doc_id → head, as stored
        self._doc_ids: dict[str, str] | None = None  # id → doc_id
        self._numbers: dict[str, int] | None = None  # id → document number
        self._by_date: dict[date, list[str]] | None = None
        self._by_person: dict[str, list[str]] | None = None
        self._raws: dict[str, Raw] | None = table_raw if isinstance(table_raw, dict) else None
        self._decoded: dict[str, Entry] = {}
        self._all: dict[str, Entry] | None = None
        numbered = list(filter(str.isdigit, heads))
        self.highest = max(map(int, numbered), default=0)
        self.unnumbered = len(heads) - len(numbered)

    # ------------------------------------------------------------------ indexes, built on first use

    @property
    def doc_ids(self) -> dict[str, str]:
        """id → the record's key in the stored table (RecordProblem if an id is used twice)."""
        if self._doc_ids is None:
            doc_ids = {head.id: doc_id for doc_id, head in self._by_doc.items()}
            if len(doc_ids) != len(self._by_doc):
                seen: set[str] = set()
                for head in self._by_doc.values():
                    if head.id in seen:
                        raise RecordProblem(
                            _("record {record} in “{table}”, field “id”: the same id is used by two records.").format(
                                record=head.id, table=Encounter.TABLE
                            ),
                            table=Encounter.TABLE,
                            record=head.id,
                            field="id",
                        )
                    seen.add(head.id)
            self._doc_ids = doc_ids
        return self._doc_ids

    def head(self, record_id: str) -> EncounterHead | None:
        doc_id = self.doc_ids.get(record_id)
        return self._by_doc[doc_id] if doc_id is not None else None

    @property
    def numbers(self) -> dict[str, int]:
        """id → document number; records without a usable one get one after the others, as a
        full open numbers them."""
        if self._numbers is None:
            numbers: dict[str, int] = {}
            highest = self.highest
            for rid, doc_id in self.doc_ids.items():
                if doc_id.isdigit():
                    numbers[rid] = int(doc_id)
                else:
                    highest += 1
                    numbers[rid] = highest
            self._numbers = numbers
        return self._numbers

    @property
    def by_date(self) -> dict[date, list[str]]:
        """day → ids of the live encounters on it."""
        if self._by_date is None:
            by_date: dict[date, list[str]] = {}
            for head in self._by_doc.values():
                if head.deleted is None:
                    by_date.setdefault(head.date, []).append(head.id)
            self._by_date = by_date
        return self._by_date

    @property
    def by_person(self) -> dict[str, list[str]]:
        """person id → ids of the live encounters with them."""
        if self._by_person is None:
            by_person: dict[str, list[str]] = {}
            for head in self._by_doc.values():
                if head.deleted is None:
                    for pid in head.person_ids:
                        by_person.setdefault(pid, []).append(head.id)
            self._by_person = by_person
        return self._by_person

    @functools.cached_property
    def live(self) -> int:
        """How many of the stored encounters are not deleted."""
        return sum(1 for head in self._by_doc.values() if head.deleted is None)

    def __contains__(self, record_id: str) -> bool:
        return record_id in self.doc_ids

    # ------------------------------------------------------------------ records

    def entry(self, record_id: str) -> Entry | None:
        """The stored record with this id, decoded strictly (RecordProblem if it cannot be read)."""
        found = self._decoded.get(record_id)
        if found is not None:
            return found
        doc_id = self.doc_ids.get(record_id)
        if doc_id is None:
            return None
        if self._raws is None:
            self._raws = codec.split_table(Encounter.TABLE, codec.table_json(self.table_raw))
        raw = self._raws[doc_id]
        record = codec.decode_record(Encounter.TABLE, raw, doc_id)
        assert isinstance(record, Encounter) and record.id == record_id  # its head said so
        number = int(doc_id) if doc_id.isdigit() else self.numbers[record_id]
        found = self._decoded[record_id] = (record, number, raw)
        return found

    def stored_as_read(self, exclude: Container[str]) -> list[tuple[int, bytes]]:
        """(document number, JSON) of every record whose id is not in ``exclude``: as stored,
        undecoded, except a record whose text reads differently from how it is stored (control
        characters in a file written elsewhere), which is decoded and given as read."""
        if self._raws is None:
            self._raws = codec.split_table(Encounter.TABLE, codec.table_json(self.table_raw))
        foreign = codec.may_hold_controls_any(self.table_raw)
        out: list[tuple[int, bytes]] = []
        for rid, doc_id in self.doc_ids.items():
            if rid in exclude:
                continue
            raw = self._raws[doc_id]
            entry = self.entry(rid) if foreign and codec.may_hold_controls(raw) else None
            if entry is not None:
                out.append((entry[1], codec.encode_value(entry[0])))
            else:
                out.append((self.numbers[rid], bytes(raw)))
        return out

    def decode_all(self, stop: Callable[[], bool] | None = None) -> dict[str, Entry]:
        """Every stored record by id, decoded strictly; records decoded before keep their objects.
        Raises codec.Stopped when ``stop`` says so (checked every few thousand records)."""
        if self._all is not None:
            return self._all
        out: dict[str, Entry] = {}
        decoded = self._decoded
        numbers = self.numbers
        for record, raw in codec.decode_table(Encounter.TABLE, self.table_raw, stop).values():
            assert isinstance(record, Encounter)
            earlier = decoded.get(record.id)
            out[record.id] = earlier if earlier is not None else (record, numbers[record.id], raw)
        self._all = out  # kept for a second caller that waited while this one decoded
        return out
