"""The streak: days in a row with something logged (Today's heading, the insights)."""

from __future__ import annotations

from datetime import date

from journal.model import Encounter, Person
from journal.store import JournalStore
from journal.streak import streak, streak_for

TODAY = date(2026, 11, 29)


def test_streak() -> None:
    days = [date(2026, 11, 29), date(2026, 11, 28), date(2026, 11, 27), date(2026, 11, 25)]
    assert streak(days, TODAY) == 3
    # Nothing yet today: the run up to yesterday still counts.
    assert streak(days, date(2026, 11, 30)) == 3
    assert streak(days, date(2026, 12, 1)) == 0
    assert streak([], TODAY) == 0
    assert streak([date(2026, 11, 29), date(2026, 11, 29)], TODAY) == 1


def test_streak_counts_encounters_and_written_notes(store: JournalStore) -> None:
    anna = store.add_person(Person(name="Anna"))
    assert streak_for(store, TODAY) == 0
    store.save(Encounter(date=date(2026, 11, 28), person_ids=[anna.id]))
    assert streak_for(store, TODAY) == 1  # yesterday counts while today is still empty
    store.set_day_note(date(2026, 11, 27), "quiet day")
    store.set_day_note(date(2026, 11, 29), "   ")  # an empty note is not "logged"
    assert streak_for(store, TODAY) == 2
    store.save(Encounter(date=TODAY, person_ids=[anna.id]))
    assert streak_for(store, TODAY) == 3
