"""A journal opened lazily (``JournalStore.open(..., lazy=True)``: the app, ``add``, ``people``)
answers exactly as a fully decoded one, before and after saves, replays and folds; it decodes only
what it is asked for; a record that cannot be read is refused when it is reached, nothing written.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import orjson
import pytest

from journal import codec
from journal.clock import FixedClock
from journal.demo import generate
from journal.model import Encounter, Person
from journal.store import JournalStore, JournalUnreadable, LoadingStopped
from tests.conftest import journal_bytes


@pytest.fixture
def demo_path(journal_path: Path, clock: FixedClock) -> Path:
    """A demo journal (120 people, 900 encounters, seeded), folded into its document."""
    with JournalStore.open(journal_path, clock) as store:
        generate(store, people=120, encounters=900, seed=11, today=clock.today())
        store.compact()
    return journal_path


def _answers(store: JournalStore) -> dict[str, Any]:
    """Everything the lazy accessors answer, as comparable data (ids, dates)."""
    days = store.encounter_dates()
    people = [p.id for p in store.people()]
    return {
        "count": store.encounter_count(),
        "dates": days,
        "on": {day: [e.id for e in store.encounters_on(day)] for day in days},
        "with": {pid: [e.id for e in store.encounters_with(pid)] for pid in people},
        "seen": {pid: store.last_seen(pid) for pid in people},
        "search": [p.id for p in store.search("an", 30)],
    }


def _full(path: Path, clock: FixedClock) -> dict[str, Any]:
    with JournalStore.open(path, clock, readonly=True) as store:
        return _answers(store)


def test_a_lazy_open_answers_as_a_full_one(demo_path: Path, clock: FixedClock) -> None:
    with JournalStore.open(demo_path, clock, readonly=True, lazy=True) as lazy:
        answers = _answers(lazy)
        assert lazy._lazy is not None, "answering these must not have decoded everything"
        one = answers["on"][answers["dates"][-1]][0]
        encounter = lazy.encounter(one)
        assert encounter is not None and encounter.id == one
    assert answers == _full(demo_path, clock)
    assert answers["count"] > 800 and len(answers["dates"]) > 100


def test_saves_through_a_lazy_store_read_back_the_same_lazily_and_fully(demo_path: Path, clock: FixedClock) -> None:
    today = clock.today()
    with JournalStore.open(demo_path, clock, lazy=True) as store:
        first, second, *_rest = store.encounters_on(store.encounter_dates()[-1])
        someone = store.people()[0]
        new = store.add_encounter(Encounter(date=today, person_ids=[someone.id], summary="new one"))
        moved = store.save(replace(first, date=today - timedelta(days=400), person_ids=[someone.id]))[0]
        store.delete(second)
        assert store._lazy is not None, "a new encounter, an edit and a delete need no full decode"
        assert [e.id for e in store.encounters_on(today)].count(new.id) == 1
        assert store.last_seen(someone.id) == today
        assert moved.id in [e.id for e in store.encounters_with(someone.id)]
        assert store.encounter(second.id) is None
        lazily = _answers(store)
    with JournalStore.open(demo_path, clock, readonly=True, lazy=True) as replayed:
        assert _answers(replayed) == lazily  # replayed from the change log into a lazy store
    assert _full(demo_path, clock) == lazily


def test_an_undo_and_a_fold_from_a_lazy_store(demo_path: Path, clock: FixedClock) -> None:
    with JournalStore.open(demo_path, clock, lazy=True) as store:
        before = _answers(store)
        target = store.encounters_on(store.encounter_dates()[-1])[0]
        with store.recording() as revisions:
            store.save(replace(target, summary="changed"))
        store.undo(revisions)
        assert store.compact()  # a fold writes everything: it decodes everything first
        assert store._lazy is None
        assert _answers(store) == before
    assert _full(demo_path, clock) == before
    document = orjson.loads(demo_path.read_bytes())
    assert len(document["encounters"]) == before["count"]


def test_only_what_is_asked_for_is_decoded(demo_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch) -> None:
    decode_table = codec.decode_table
    whole: list[str] = []

    def counting(table: str, raw: Any, stop: Any = None) -> Any:
        whole.append(table)
        return decode_table(table, raw, stop)

    decoded: list[str] = []
    decode_record = codec.decode_record

    def one(table: str, raw: Any, where: str = "?") -> Any:
        decoded.append(table)
        return decode_record(table, raw, where)

    monkeypatch.setattr(codec, "decode_table", counting)
    monkeypatch.setattr(codec, "decode_record", one)
    with JournalStore.open(demo_path, clock, lazy=True) as store:
        day = store.encounter_dates()[-1]
        shown = store.encounters_on(day)
        store.add_encounter(Encounter(date=day, person_ids=shown[0].person_ids, summary="later"))
        assert "encounters" not in whole
        assert decoded.count("encounters") == len(shown)
        store.load_everything()
        assert whole.count("encounters") == 1
        assert len(store.encounters_on(day)) == len(shown) + 1


def _with_bad_encounter(path: Path, clock: FixedClock, field: str, value: Any) -> tuple[str, str]:
    """A journal whose oldest encounter holds ``value`` in ``field``; (its id, today's id)."""
    with JournalStore.open(path, clock) as store:
        anna = store.add_person(Person(name="Anna Müller"))
        old = store.add_encounter(Encounter(date=clock.today() - timedelta(days=30), person_ids=[anna.id]))
        new = store.add_encounter(Encounter(date=clock.today(), person_ids=[anna.id], summary="coffee"))
        store.compact()
    document = orjson.loads(path.read_bytes())
    for record in document["encounters"].values():
        if record["id"] == old.id:
            record[field] = value
    path.write_bytes(orjson.dumps(document))
    return old.id, new.id


def test_a_bad_record_is_refused_when_reached_and_nothing_is_written(journal_path: Path, clock: FixedClock) -> None:
    bad, good = _with_bad_encounter(journal_path, clock, "summary", ["a", "b"])
    before = journal_bytes(journal_path)
    with JournalStore.open(journal_path, clock, lazy=True) as store:
        assert [e.id for e in store.encounters_on(clock.today())] == [good]
        with pytest.raises(JournalUnreadable) as caught:
            store.encounters_on(clock.today() - timedelta(days=30))
        assert f"record {bad}" in caught.value.message and "field “summary”" in caught.value.message
        assert "belongs. It was left untouched." in caught.value.message  # one full stop, not two
        with pytest.raises(JournalUnreadable):
            store.load_everything()
    assert journal_bytes(journal_path) == before


def test_a_fold_never_writes_a_journal_with_a_bad_record(journal_path: Path, clock: FixedClock) -> None:
    _with_bad_encounter(journal_path, clock, "channel", "telepathy")
    document = journal_path.read_bytes()
    with JournalStore.open(journal_path, clock, lazy=True) as store:
        anna = store.people()[0]
        store.add_encounter(Encounter(date=clock.today(), person_ids=[anna.id], summary="tea"))  # into the log
        with pytest.raises(JournalUnreadable, match="field “channel”"):
            store.compact()
    assert journal_path.read_bytes() == document


@pytest.mark.parametrize(
    ("field", "value", "fragment"),
    [("date", 20261129, "field “date”"), ("person_ids", "anna", "field “person_ids”"), ("id", "", "field “id”")],
)
def test_a_bad_head_refuses_the_lazy_open(
    journal_path: Path, clock: FixedClock, field: str, value: Any, fragment: str
) -> None:
    _with_bad_encounter(journal_path, clock, field, value)
    before = journal_bytes(journal_path)
    with pytest.raises(JournalUnreadable) as caught:
        JournalStore.open(journal_path, clock, lazy=True)
    assert fragment in caught.value.message
    assert journal_bytes(journal_path) == before


def test_an_encounter_id_used_twice_refuses_the_lazy_open(journal_path: Path, clock: FixedClock) -> None:
    _with_bad_encounter(journal_path, clock, "summary", "fine")
    document = orjson.loads(journal_path.read_bytes())
    first = next(iter(document["encounters"].values()))
    document["encounters"]["77"] = dict(first)
    journal_path.write_bytes(orjson.dumps(document))
    with pytest.raises(JournalUnreadable, match="the same id is used by two records"):
        JournalStore.open(journal_path, clock, lazy=True)


def test_a_change_from_another_process_reaches_a_lazy_store(demo_path: Path, clock: FixedClock) -> None:
    with JournalStore.open(demo_path, clock, lazy=True) as app_store:
        day = app_store.encounter_dates()[-1]
        shown = app_store.encounters_on(day)
        with JournalStore.open(demo_path, clock) as other:
            other.save(replace(other.encounter(shown[0].id), date=clock.today() + timedelta(days=1)))  # type: ignore[arg-type]
        app_store.poll()
        assert shown[0].id not in [e.id for e in app_store.encounters_on(day)]
        assert [e.id for e in app_store.encounters_on(clock.today() + timedelta(days=1))] == [shown[0].id]
        assert app_store._lazy is not None


def test_loading_everything_can_be_stopped_and_allowed_again(demo_path: Path, clock: FixedClock) -> None:
    with JournalStore.open(demo_path, clock, readonly=True, lazy=True) as store:
        store.stop_loading()
        with pytest.raises(LoadingStopped):
            store.load_everything()
        assert store._lazy is not None
        store.stop_loading(False)
        store.load_everything()
        assert store._lazy is None
        assert _answers(store) == _full(demo_path, clock)


def test_a_reader_never_sees_the_indexes_half_swapped_in(
    demo_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two threads need everything at once (Today's due list and its reminders): the one that
    does not do the swap must wait for the indexes, not read the empty ones of the lazy store."""
    import threading

    with JournalStore.open(demo_path, clock, readonly=True) as full:
        expected = {pid: [e.id for e in encs] for pid, encs in full.encounters_by_person().items()}
    store = JournalStore.open(demo_path, clock, readonly=True, lazy=True)
    building, release = threading.Event(), threading.Event()
    build = JournalStore._build_indexes

    def slow_build(self: JournalStore, *, everything: bool = False) -> None:
        if everything:
            building.set()
            release.wait(5)
        build(self, everything=everything)

    monkeypatch.setattr(JournalStore, "_build_indexes", slow_build)
    swapper = threading.Thread(target=store.load_everything)
    swapper.start()
    assert building.wait(5)
    seen: list[dict[str, list[str]]] = []
    reader = threading.Thread(
        target=lambda: seen.append({pid: [e.id for e in encs] for pid, encs in store.encounters_by_person().items()})
    )
    reader.start()
    reader.join(0.3)
    assert reader.is_alive(), "the reader must wait while the indexes are built"
    release.set()
    swapper.join(5)
    reader.join(5)
    store.close()
    assert seen == [expected]


def test_the_days_backup_from_a_lazy_store_decodes_nothing_more_and_holds_everything(
    demo_path: Path, clock: FixedClock
) -> None:
    from journal.backup import BACKUP_TABLE, backup_bytes

    with JournalStore.open(demo_path, clock, readonly=True) as full:
        expected = orjson.loads(backup_bytes(full))
    with JournalStore.open(demo_path, clock, lazy=True) as store:
        day = store.encounter_dates()[-1]
        store.save(replace(store.encounters_on(day)[0], summary="changed since the document"))
        written = orjson.loads(backup_bytes(store))
        assert store._lazy is not None, "a backup is written from the stored JSON"
    changed = [r for r in written["encounters"].values() if r["summary"] == "changed since the document"]
    assert len(changed) == 1
    for data in (expected, written):
        data.pop(BACKUP_TABLE)
        for record in data["encounters"].values():
            record.pop("summary"), record.pop("updated")
    assert written == expected


def test_an_undecoded_encounter_is_backed_up_as_it_reads(journal_path: Path, clock: FixedClock) -> None:
    """Text written elsewhere with control sequences goes when it is read; a backup holds it as read."""
    from journal.backup import backup_bytes

    _with_bad_encounter(journal_path, clock, "summary", "tea \\u001b[2J with Anna")
    raw = journal_path.read_bytes().replace(b"tea \\\\u001b[2J", b"tea \\u001b[2J")
    journal_path.write_bytes(raw)
    with JournalStore.open(journal_path, clock, lazy=True) as store:
        written = orjson.loads(backup_bytes(store))
    summaries = sorted(r["summary"] for r in written["encounters"].values())
    assert "tea [2J with Anna" in summaries
    assert not any("\x1b" in s for s in summaries)


def test_the_document_is_split_into_records_in_one_pass(
    demo_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The long encounters table is read once at a lazy open: split into tables and then into
    records, it was read twice (a day's records need their stored JSON)."""

    def split_again(*_args: object) -> None:
        raise AssertionError("the document was split twice")

    monkeypatch.setattr(codec, "split_document", split_again)
    monkeypatch.setattr(codec, "split_table", split_again)
    with JournalStore.open(demo_path, clock, readonly=True, lazy=True) as lazy:
        answers = _answers(lazy)
        assert lazy._lazy is not None
    monkeypatch.undo()
    assert answers == _full(demo_path, clock)


def test_a_document_of_another_shape_is_split_into_tables_as_before(journal_path: Path, clock: FixedClock) -> None:
    """A table netjournal does not know, that is not an object of records, cannot be split into
    records: the document is read table by table, and the table is written back as it was."""
    with JournalStore.open(journal_path, clock) as store:
        store.save(Person(name="Anna Müller"))
    document = orjson.loads(journal_path.read_bytes())
    document["from_elsewhere"] = [1, "two", {"three": 3}]
    journal_path.write_bytes(orjson.dumps(document))
    with JournalStore.open(journal_path, clock, lazy=True) as store:
        assert [p.name for p in store.people()] == ["Anna Müller"]
        store.save(Person(name="Bob Schulz"))
        store.compact()
    again = orjson.loads(journal_path.read_bytes())
    assert again["from_elsewhere"] == [1, "two", {"three": 3}]
    assert sorted(p["name"] for p in again["people"].values()) == ["Anna Müller", "Bob Schulz"]
