"""person_merge: merging two records of one person."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from journal.model import Encounter, LuckyPick, Person, ValidationError
from journal.person_merge import describe_merge, merge_people, merged_person
from journal.store import JournalStore
from tests.conftest import journal_bytes

TODAY = date(2026, 11, 29)


def test_merge_moves_encounters_combines_fields_and_tombstones_the_other(
    store: JournalStore, journal_path: Path
) -> None:
    anna = Person(
        name="Anna Müller",
        aliases=["Anni"],
        company="Stripe",
        tags=["rust"],
        platforms={"LinkedIn": "anna-m"},
        common_ground="cycling",
        cadence_days=30,
    )
    dup = Person(
        name="A. Mueller",
        aliases=["Anni"],
        company="Stripe Inc",
        role="Engineer",
        tags=["Rust", "go"],
        platforms={"linkedin": "amueller", "e-mail": "a@example.org"},
        common_ground="cycling; Rust",
        needs="a flat in Berlin",
    )
    bob = Person(name="Bob")
    store.save(anna, dup, bob)
    store.save(
        Encounter(date=date(2026, 11, 1), person_ids=[anna.id], summary="one"),
        Encounter(date=date(2026, 11, 2), person_ids=[dup.id, bob.id], summary="two"),
        Encounter(date=date(2026, 11, 3), person_ids=[anna.id, dup.id], summary="three"),
        LuckyPick(date=TODAY, person_id=dup.id),
    )
    before = journal_bytes(journal_path)
    assert "A. Mueller" in describe_merge(store, anna.id, dup.id)
    assert journal_bytes(journal_path) == before

    report = merge_people(store, anna.id, dup.id)

    assert report.encounters_moved == 2 and report.lucky_moved == 1
    kept = store.person(anna.id)
    assert store.person(dup.id) is None
    assert [t.id for t in store.tombstones("people")] == [dup.id]
    assert kept.name == "Anna Müller" and kept.aliases == ["Anni", "A. Mueller"]
    assert kept.tags == ["rust", "go"] and kept.role == "Engineer" and kept.company == "Stripe"
    assert kept.platforms == {"LinkedIn": "anna-m, amueller"}
    assert [e.address for e in kept.emails] == ["a@example.org"]  # "e-mail" platforms are e-mails now
    assert kept.common_ground == "cycling; Rust" and kept.needs == "a flat in Berlin"
    assert kept.cadence_days == 30 and "Stripe Inc" in kept.notes
    assert [e.summary for e in store.encounters_with(anna.id)] == ["one", "two", "three"]
    assert [e.person_ids for e in store.encounters_with(anna.id)][1:] == [[anna.id, bob.id], [anna.id]]
    assert store.encounters_with(dup.id) == []
    assert store.lucky_picks()[0].person_id == anna.id
    assert store.find_person("A. Mueller").id == anna.id  # the other name finds her now


def test_merge_is_one_write_and_refuses_nonsense(store: JournalStore, monkeypatch: pytest.MonkeyPatch) -> None:
    a, b = store.add_person(Person(name="A")), store.add_person(Person(name="B"))
    with pytest.raises(ValidationError):
        merge_people(store, a.id, a.id)
    with pytest.raises(ValidationError):
        merge_people(store, a.id, "gone")
    writes = []
    import journal.store

    real = journal.store.append_line
    monkeypatch.setattr(journal.store, "append_line", lambda *args, **kw: (writes.append(1), real(*args, **kw)))
    merge_people(store, a.id, b.id)
    assert len(writes) == 1


def test_merged_person_keeps_the_archived_flag_only_if_both_are() -> None:
    assert merged_person(Person(name="A", archived=True), Person(name="B")).archived is False
    assert merged_person(Person(name="A", archived=True), Person(name="B", archived=True)).archived is True
