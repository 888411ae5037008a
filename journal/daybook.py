"""The Today screen's arithmetic: which days count as "logged", the streak, moving between days."""

from __future__ import annotations

from datetime import date, timedelta

from journal.insights import streak
from journal.store import JournalStore


def logged_days(store: JournalStore) -> set[date]:
    """Days with an encounter or a written day note (the same rule as the Insights streak)."""
    days = set(store.encounter_dates())
    days.update(note.date for note in store.day_notes() if note.text.strip())
    return days


def streak_for(store: JournalStore, today: date) -> int:
    """Days in a row with something logged, ending today (or yesterday while today is empty)."""
    return streak(logged_days(store), today)


def shift(day: date, days: int) -> date:
    """``day`` moved by ``days``, kept inside the calendar (date.min..date.max)."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min
