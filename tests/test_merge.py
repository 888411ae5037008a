"""Merging two copies of a journal: by id, newest wins, tombstones travel, idempotent, commutative."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journal.clock import FixedClock
from journal.interop import ImportFailed, import_file
from journal.merge import plan_merge, wins
from journal.model import Encounter, Person, Settings
from journal.store import JournalStore
from tests.conftest import journal_bytes
from tests.interop.helpers import copy_journal, document, make_journal, record_sets

NOW = datetime(2026, 11, 29, 12, tzinfo=UTC)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


def merge(into: Path, source: Path, clock: FixedClock):
    with JournalStore.open(into, clock) as store:
        return import_file(store, source)


def by_name(store: JournalStore, name: str) -> Person:
    return next(p for p in store.people() if p.name == name)


@pytest.fixture
def two_devices(tmp_path: Path, clock: FixedClock) -> tuple[Path, Path]:
    """A laptop and a desktop that started from one journal and then went their own ways."""
    laptop, desktop = tmp_path / "laptop.json", tmp_path / "desktop.json"
    make_journal(laptop, clock)
    copy_journal(laptop, desktop)
    clock.advance(hours=1)
    with JournalStore.open(laptop, clock) as store:
        anna = by_name(store, "Anna Müller")
        anna.role = "Director of Engineering"  # edited first here …
        store.save(anna)
        store.delete(by_name(store, "Bob Schulz"))
        store.save(Person(name="Carla Rossi", company="Freelance"))
        store.set_day_note(date(2026, 11, 21), "Laptop-Notiz.")
    clock.advance(hours=1)
    with JournalStore.open(desktop, clock) as store:
        anna = by_name(store, "Anna Müller")
        anna.company = "Stripe Berlin"  # … and later here: this version wins
        store.save(anna)
        dora = store.add_person(Person(name="Dora Öztürk"))
        store.save(Encounter(date=date(2026, 11, 28), person_ids=[dora.id], summary="Kaffee"))
    return laptop, desktop


def test_merge_is_commutative(tmp_path: Path, clock: FixedClock, two_devices: tuple[Path, Path]) -> None:
    laptop, desktop = two_devices
    a_into_b, b_into_a = tmp_path / "a_into_b.json", tmp_path / "b_into_a.json"
    copy_journal(desktop, a_into_b)
    copy_journal(laptop, b_into_a)
    merge(a_into_b, laptop, clock)
    merge(b_into_a, desktop, clock)
    assert record_sets(a_into_b, clock) == record_sets(b_into_a, clock)
    with JournalStore.open(a_into_b, clock, readonly=True) as store:
        assert sorted(p.name for p in store.people()) == ["Anna Müller", "Carla Rossi", "Dora Öztürk"]
        anna = by_name(store, "Anna Müller")
        assert anna.company == "Stripe Berlin"  # the newer edit wins, as a whole record
        assert store.day_note(date(2026, 11, 21)).text == "Laptop-Notiz."
        assert store.encounter_count() == 2


def test_tombstones_propagate(tmp_path: Path, clock: FixedClock, two_devices: tuple[Path, Path]) -> None:
    laptop, desktop = two_devices
    summary = merge(desktop, laptop, clock)
    assert summary.deleted == 1
    with JournalStore.open(desktop, clock, readonly=True) as store:
        assert "Bob Schulz" not in [p.name for p in store.people()]
        assert "Bob Schulz" in [p.name for p in store.tombstones("people")]
        assert "Jörg Weiß" in [p.name for p in store.tombstones("people")]
    # A deletion older than an edit on the other side loses: the edit brings the person back.
    clock.advance(hours=1)
    with JournalStore.open(laptop, clock) as store:
        bob = next(p for p in store.tombstones("people") if p.name == "Bob Schulz")
        store.restore(bob)
    merge(desktop, laptop, clock)
    with JournalStore.open(desktop, clock, readonly=True) as store:
        assert "Bob Schulz" in [p.name for p in store.people()]


def test_merge_is_idempotent(tmp_path: Path, clock: FixedClock, two_devices: tuple[Path, Path]) -> None:
    laptop, desktop = two_devices
    first = merge(desktop, laptop, clock)
    assert first.added and first.updated == 0  # Anna is newer on the desktop already
    after_first = journal_bytes(desktop)
    second = merge(desktop, laptop, clock)
    assert not second.changed
    assert journal_bytes(desktop) == after_first
    assert "The journal was not changed." in second.lines()


def test_merging_a_journal_into_itself_changes_nothing(tmp_path: Path, clock: FixedClock) -> None:
    journal = tmp_path / "journal.json"
    make_journal(journal, clock)
    copy = tmp_path / "copy.json"
    copy_journal(journal, copy)
    before = journal_bytes(journal)
    summary = merge(journal, copy, clock)
    assert not summary.changed
    assert journal_bytes(journal) == before


def test_import_into_a_fresh_journal_equals_the_source(tmp_path: Path, clock: FixedClock) -> None:
    source, fresh = tmp_path / "source.json", tmp_path / "fresh.json"
    make_journal(source, clock)
    with JournalStore.open(source, clock) as store:  # settings changed by the user travel along
        settings_ = store.settings
        settings_.active_platforms = ["Mastodon"]
        store.save_settings(settings_)
    clock.advance(days=1)
    summary = merge(fresh, source, clock)
    assert summary.added == 4  # anna, bob, the encounter, the day note
    assert summary.deleted == 1  # Jörg's tombstone travels too
    assert summary.updated == 1  # the chosen settings beat the fresh journal's defaults
    assert record_sets(fresh, clock) == record_sets(source, clock)


def test_default_settings_never_override_chosen_ones() -> None:
    chosen = Settings(
        active_platforms=["Mastodon"], created="2026-01-01T00:00:00.000000Z", updated="2026-01-02T00:00:00.000000Z"
    )
    fresh = Settings(created="2026-11-29T00:00:00.000000Z", updated="2026-11-29T00:00:00.000000Z")
    assert wins(chosen, fresh) and not wins(fresh, chosen)


# ----------------------------------------------------------------------------- bad files change nothing


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            b'{"meta": {"1": {"app": "netjournal", "schema": 2}}, "people": {"1": {"id": "x", "name": ""}}}',
            "record x in “people”, field “name”: A person needs a name",
        ),
        (b'{"meta": {"1": {"app": "netjournal", "schema": 99}}}', "newer netjournal (schema 99"),
        (b'{"meta": {"1": {"app": "something-else", "schema": 2}}}', "not a netjournal journal"),
        (b'{"meta": {"1": {"app": "netjournal", "schema": 2}}, "people": []}', "table “people” is not a JSON object"),
        (
            b'{"meta": {"1": {"app": "netjournal", "schema": 2}}, "encounters": {"7": {"id": "e", "date": "2026-02-30",'
            b' "person_ids": ["p"]}}}',
            "record e in “encounters”, field “date”: it is not a date",
        ),
        (
            b'{"meta": {"1": {"app": "netjournal", "schema": 2}}, "people": {"1": {"id": "x", "name": "A",'
            b' "platforms": ["not", "a", "dict"]}}}',
            "record x in “people”, field “platforms”: it holds a list where an object belongs",
        ),
        (
            b'{"meta": {"1": {"app": "netjournal", "schema": 2}}, "people": {"1": {"id": "x", "name": "A",'
            b' "archived": "yes"}}}',
            "field “archived”: it holds text where true or false belongs",
        ),
        (b'{"meta": {"1": {"app": "netjournal", "schema": 2}}, "people": {"1": 42}}', "record #1 in “people”"),
        (b'{\n  "meta": {\n    "1": oops\n}', "not valid JSON (line 3"),
        (b"[1, 2, 3]", "top level is not a JSON object"),
    ],
)
def test_a_bad_journal_file_changes_nothing(tmp_path: Path, clock: FixedClock, content: bytes, message: str) -> None:
    journal = tmp_path / "journal.json"
    make_journal(journal, clock)
    before = journal_bytes(journal)
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    with JournalStore.open(journal, clock) as store:
        with pytest.raises(ImportFailed) as caught:
            import_file(store, bad)
        assert message in caught.value.message
        assert caught.value.exit_code == 1
        assert store.people_count() == 2  # memory untouched as well
    assert journal_bytes(journal) == before


def test_an_older_schema_is_upgraded_in_a_copy_then_merged(tmp_path: Path, clock: FixedClock) -> None:
    old = {
        "meta": {"1": {"id": "meta", "app": "netjournal", "schema": 1}},
        "people": {"1": {"id": "p1", "name": "Käthe Böhm", "created": "2020-01-01T00:00:00.000000Z"}},
        "encounters": {
            "1": {
                "id": "e1",
                "date": "2020-01-02",
                "person_id": "p1",
                "summary": "Zahnarzt",
                "created": "2020-01-02T00:00:00.000000Z",
            }
        },
    }
    source = tmp_path / "old.json"
    source.write_bytes(orjson.dumps(old))
    before = source.read_bytes()
    journal = tmp_path / "journal.json"
    summary = merge(journal, source, clock)
    assert summary.added == 2
    assert source.read_bytes() == before  # the file merged from is only read
    with JournalStore.open(journal, clock, readonly=True) as store:
        assert store.encounter("e1").person_ids == ["p1"]
    assert document(journal)["people"]


# ----------------------------------------------------------------------------- the rule itself (pure)

STAMPS = [f"2026-11-{day:02d}T12:00:00.000000Z" for day in (1, 2, 3)]


@st.composite
def copies(draw: st.DrawFn) -> dict[str, dict[str, Person]]:
    people = {}
    for pid in draw(st.sets(st.sampled_from(["a", "b", "c", "d"]))):
        people[pid] = Person(
            id=pid,
            name=draw(st.sampled_from(["Anna", "Bob", "Jörg"])),
            created=STAMPS[0],
            updated=draw(st.sampled_from(STAMPS)),
            deleted=draw(st.sampled_from([None, STAMPS[1]])),
        )
    return {"people": people}


def merged(ours: dict[str, dict[str, Person]], theirs: dict[str, dict[str, Person]]) -> dict[str, dict]:
    result = {pid: p for pid, p in ours["people"].items()}
    for record in plan_merge(ours, theirs).writes:  # type: ignore[arg-type]
        result[record.id] = record  # type: ignore[assignment]
    return {pid: p.to_dict() for pid, p in result.items()}


@settings(max_examples=300, deadline=None)
@given(copies(), copies(), copies())
def test_merge_rule_is_commutative_idempotent_and_associative(a, b, c) -> None:  # type: ignore[no-untyped-def]
    ab = merged(a, b)
    assert ab == merged(b, a)
    rebuilt = {"people": {pid: Person.from_dict(d) for pid, d in ab.items()}}
    assert merged(rebuilt, b) == ab  # merging the same copy again changes nothing
    ab_c = merged(rebuilt, c)
    bc = {"people": {pid: Person.from_dict(d) for pid, d in merged(b, c).items()}}
    assert ab_c == merged(a, bc)


def test_newest_updated_wins_whole_records() -> None:
    old = Person(id="x", name="Anna", company="Stripe", updated=STAMPS[0])
    new = Person(id="x", name="Anna", role="CTO", updated=STAMPS[1])
    plan = plan_merge({"people": {"x": old}}, {"people": {"x": new}})  # type: ignore[dict-item]
    assert plan.writes == [new] and plan.updated == 1
    plan = plan_merge({"people": {"x": new}}, {"people": {"x": old}})  # type: ignore[dict-item]
    assert plan.writes == [] and plan.unchanged == 1


def test_forgetting_someone_travels_to_the_other_copy(
    tmp_path: Path, clock: FixedClock, two_devices: tuple[Path, Path]
) -> None:
    from journal.forget import forget_person

    laptop, desktop = two_devices
    clock.advance(hours=1)
    with JournalStore.open(laptop, clock) as store:
        forget_person(store, by_name(store, "Anna Müller").id)
    merge(desktop, laptop, clock)
    text = desktop.read_text(encoding="utf-8")
    assert "Anna" not in text and "anna@stripe.example" not in text
    with JournalStore.open(desktop, clock, readonly=True) as store:
        assert sorted(p.name for p in store.people()) == ["Carla Rossi", "Dora Öztürk"]


def test_a_big_merge_keeps_the_open_store_consistent(tmp_path: Path, clock: FixedClock) -> None:
    """More records than BULK_SAVE: the store rebuilds its indexes once instead of patching them."""
    source, target = tmp_path / "source.json", tmp_path / "target.json"
    with JournalStore.open(source, clock) as store:
        people = [Person(name=f"Person {n:03d}", company="Grüne Wiese") for n in range(150)]
        store.save(*people)
        store.save(
            *[
                Encounter(date=date(2026, 1, 1 + n % 28), person_ids=[people[n].id], summary=f"Treffen {n}")
                for n in range(150)
            ]
        )
    with JournalStore.open(target, clock) as store:
        seen = []
        store.subscribe(seen.append)
        summary = import_file(store, source)
        assert summary.added == 300
        assert len(seen) == 1 and len(seen[0].records) == 300  # one notification with every record
        assert store.people_count() == 150 and store.encounter_count() == 150
        assert store.search("Person 007")[0].name == "Person 007"
        assert store.last_seen(people[7].id) == date(2026, 1, 8)
        assert [e.summary for e in store.encounters_with(people[7].id)] == ["Treffen 7"]
    assert record_sets(target, clock)["people"] == record_sets(source, clock)["people"]
