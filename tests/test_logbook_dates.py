"""Which date a quick-add line is filed on: the line's own date, else the day shown, else today."""

from __future__ import annotations

from datetime import date

from journal.logbook import plan_quick_add
from journal.model import Person
from journal.store import JournalStore

TODAY = date(2026, 11, 29)
FRIDAY = date(2026, 11, 27)


def test_the_day_shown_is_the_default(store: JournalStore) -> None:
    store.add_person(Person(name="Bob"))
    assert plan_quick_add(store, "Bob: hi", TODAY, default_day=FRIDAY).encounter.date == FRIDAY
    assert plan_quick_add(store, "Bob: hi", TODAY).encounter.date == TODAY


def test_a_date_in_the_line_wins_over_the_day_shown(store: JournalStore) -> None:
    store.add_person(Person(name="Bob"))
    plan = plan_quick_add(store, "Bob: hi; date: 3 days ago", TODAY, default_day=FRIDAY)
    assert plan.encounter.date == date(2026, 11, 26)
    assert plan_quick_add(store, "Bob !yesterday: hi", TODAY, default_day=FRIDAY).encounter.date == date(2026, 11, 28)


def test_on_still_forces_the_date(store: JournalStore) -> None:
    """The CLI's --date is explicit and names the day for the whole line."""
    store.add_person(Person(name="Bob"))
    assert plan_quick_add(store, "Bob: hi; date: 3 days ago", TODAY, on=FRIDAY).encounter.date == FRIDAY
