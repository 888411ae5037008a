"""Undo in the store: a change recorded while it is saved can be taken back in one write."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from journal.clock import FixedClock
from journal.model import Encounter, Person
from journal.person_merge import merge_people
from journal.store import JournalStore, UndoConflict
from tests.conftest import stored_document

DAY = date(2026, 11, 29)


def test_undo_of_a_log_tombstones_what_it_created(store: JournalStore) -> None:
    with store.recording() as revisions:
        anna = Person(name="Anna")
        store.add_encounter_with_people(Encounter(date=DAY, person_ids=[anna.id], summary="coffee"), [anna])
    assert len(revisions) == 2
    store.undo(revisions)
    assert store.people() == [] and store.encounters() == []
    # Tombstones, not gone: a merge of an older copy cannot bring them back.
    assert {t.id for t in store.tombstones("people")} == {anna.id}


def test_undo_of_an_edit_puts_the_content_back_with_a_new_stamp(store: JournalStore, clock: FixedClock) -> None:
    anna = store.add_person(Person(name="Anna", company="Stripe"))
    before = store.person(anna.id)
    with store.recording() as revisions:
        store.save(replace(anna, company="Zalando", archived=True))
    store.undo(revisions)
    now = store.person(anna.id)
    assert now is not None and (now.company, now.archived) == ("Stripe", False)
    assert before is not None and now.created == before.created


def test_undo_of_a_delete_brings_the_record_back(store: JournalStore) -> None:
    anna = store.add_person(Person(name="Anna"))
    encounter = store.add_encounter(Encounter(date=DAY, person_ids=[anna.id], summary="coffee"))
    with store.recording() as revisions:
        store.delete(encounter)
    assert store.encounters() == []
    store.undo(revisions)
    assert [e.summary for e in store.encounters()] == ["coffee"]


def test_undo_of_a_merge_brings_both_people_and_their_encounters_back(store: JournalStore, journal_path: Path) -> None:
    anna = store.add_person(Person(name="Anna Müller", company="Stripe"))
    anni = store.add_person(Person(name="Anni", tags=["rust"]))
    bob = store.add_person(Person(name="Bob", relationships=[]))
    met = store.add_encounter(Encounter(date=DAY, person_ids=[anni.id, bob.id], summary="talk"))
    with store.recording() as revisions:
        merge_people(store, anna.id, anni.id)
    assert store.person(anni.id) is None
    store.undo(revisions)
    assert store.person(anni.id) is not None and store.person(anni.id).name == "Anni"  # type: ignore[union-attr]
    assert store.person(anna.id).aliases == []  # type: ignore[union-attr]
    assert store.encounter(met.id).person_ids == [anni.id, bob.id]  # type: ignore[union-attr]
    # On disk too, read by another netjournal.
    people = {r["id"]: r for r in stored_document(journal_path)["people"].values()}
    assert people[anni.id]["deleted"] is None


def test_undo_is_refused_when_a_record_was_changed_again(store: JournalStore) -> None:
    anna = store.add_person(Person(name="Anna"))
    with store.recording() as revisions:
        store.save(replace(anna, company="Stripe"))
    store.save(replace(store.person(anna.id), role="CTO"))  # type: ignore[type-var]
    with pytest.raises(UndoConflict):
        store.undo(revisions)
    assert store.person(anna.id).role == "CTO"  # type: ignore[union-attr]


def test_undoing_a_later_change_first_lets_the_earlier_one_be_undone_too(store: JournalStore) -> None:
    with store.recording() as logged:
        anna = store.add_person(Person(name="Anna"))
    with store.recording() as edited:
        store.save(replace(anna, company="Stripe"))
    store.undo(edited)
    store.undo(logged)
    assert store.people() == []


def test_a_recording_holds_only_its_own_threads_saves(store: JournalStore) -> None:
    started, go_on = threading.Event(), threading.Event()

    def elsewhere() -> None:
        started.wait(5)
        store.add_person(Person(name="Someone else"))
        go_on.set()

    thread = threading.Thread(target=elsewhere)
    thread.start()
    with store.recording() as revisions:
        store.add_person(Person(name="Anna"))
        started.set()
        go_on.wait(5)
    thread.join()
    assert [r.after.name for r in revisions] == ["Anna"]  # type: ignore[attr-defined]
