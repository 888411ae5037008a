"""The streak: days in a row with something logged (Today's heading, the insights).

A module of its own so that Today's first frame does not load the insights and the pacing rules.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from journal.store import JournalStore


def streak(dates: Iterable[date], today: date) -> int:
    """Consecutive days with something logged, ending today, or yesterday if today is still empty.

    Yesterday counts so that the streak does not read 0 every morning before the first entry.
    """
    days = set(dates)
    day = today if today in days else today - timedelta(days=1)
    count = 0
    while day in days:
        count += 1
        day -= timedelta(days=1)
    return count


def logged_days(store: JournalStore) -> set[date]:
    """Days with an encounter or a written day note: what the streak counts."""
    days = set(store.encounter_dates())
    days.update(note.date for note in store.day_notes() if note.text.strip())
    return days


def streak_for(store: JournalStore, today: date) -> int:
    """Days in a row with something logged, ending today (or yesterday while today is empty)."""
    return streak(logged_days(store), today)
