"""Figures for the Insights screen (rules 2–4, 6, 7): numbers only, no wording, no drawing.

Windows are whole days ending today, inclusive: "the last 90 days" are today and the 89 days
before. Weeks are ISO weeks (Monday to Sunday), the current week last; months are calendar months,
the current month last. An encounter with several people counts once, except in "people contacted".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from journal import pacing
from journal.model import OCCASIONS, Encounter, LuckyPick, Person, Settings
from journal.streak import streak

if TYPE_CHECKING:
    from journal.store import JournalStore

WEEKS = 52
OCCASION_DAYS = 90
MONTHS = 12
CONTACTED_DAYS = 30


def _window_start(today: date, days: int) -> date:
    return today - timedelta(days=days - 1)


def week_start(day: date) -> date:
    """The Monday of ``day``'s ISO week."""
    return day - timedelta(days=day.weekday())


def encounters_per_week(encounters: Iterable[Encounter], today: date, weeks: int = WEEKS) -> list[int]:
    """Counts per ISO week, oldest first; the last number is the week containing today."""
    counts = [0] * weeks
    this_week = week_start(today)
    for encounter in encounters:
        if encounter.date > today:
            continue
        back = (this_week - week_start(encounter.date)).days // 7
        if back < weeks:
            counts[weeks - 1 - back] += 1
    return counts


def occasions_used(encounters: Iterable[Encounter], today: date, days: int = OCCASION_DAYS) -> dict[str, int]:
    """How often each occasion was used in the window, most used first (occasions never used left out)."""
    start = _window_start(today, days)
    counts = Counter(e.occasion for e in encounters if e.occasion and start <= e.date <= today)
    # Ties keep the occasions' own order, so the list does not shuffle between runs.
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], OCCASIONS.index(kv[0]) if kv[0] in OCCASIONS else 99)))


def neglected_occasions(encounters: Iterable[Encounter], today: date, days: int = OCCASION_DAYS) -> list[str]:
    """Rule 2: the occasions not used at all in the window, in the occasions' own order."""
    used = occasions_used(encounters, today, days)
    return [o for o in OCCASIONS if o not in used]


@dataclass(frozen=True, slots=True)
class MonthGiving:
    """Encounters in a month where you gave something, and where something came back.

    Two counts side by side, never subtracted: rule 4 keeps no balance.
    """

    month: date  # the first day of the month
    gave: int
    came_back: int


def _month_back(month: date, n: int) -> date:
    index = month.year * 12 + month.month - 1 - n
    return date(index // 12, index % 12 + 1, 1)


def giving_by_month(encounters: Iterable[Encounter], today: date, months: int = MONTHS) -> list[MonthGiving]:
    """Gave vs came back per calendar month, oldest first, the current month last."""
    this_month = today.replace(day=1)
    firsts = [_month_back(this_month, n) for n in range(months - 1, -1, -1)]
    gave: Counter[date] = Counter()
    came_back: Counter[date] = Counter()
    for encounter in encounters:
        if encounter.date > today:
            continue
        month = encounter.date.replace(day=1)
        if encounter.gave.strip():
            gave[month] += 1
        if encounter.received.strip():
            came_back[month] += 1
    return [MonthGiving(m, gave[m], came_back[m]) for m in firsts]


def people_contacted(
    encounters: Iterable[Encounter], today: date, days: int = CONTACTED_DAYS, known: Iterable[str] | None = None
) -> int:
    """Distinct people with an encounter in the window (only ids in ``known``, if given)."""
    start = _window_start(today, days)
    ids = {pid for e in encounters if start <= e.date <= today for pid in e.person_ids}
    if known is not None:
        ids &= set(known)
    return len(ids)


@dataclass(frozen=True, slots=True)
class Insights:
    per_week: list[int]
    occasions: dict[str, int]
    neglected: list[str]
    giving: list[MonthGiving]
    contacted: int
    due: int
    streak: int
    chances: int


def compute(
    people: Sequence[Person],
    encounters: Sequence[Encounter],
    encounters_by_person: Mapping[str, Sequence[Encounter]],
    settings: Settings,
    picks: Iterable[LuckyPick],
    note_dates: Iterable[date],
    today: date,
) -> Insights:
    """All the figures at once, from plain data."""
    from journal import lucky  # (and its give-first matching: loaded when first needed)

    activity = [e.date for e in encounters] + list(note_dates)
    return Insights(
        per_week=encounters_per_week(encounters, today),
        occasions=occasions_used(encounters, today),
        neglected=neglected_occasions(encounters, today),
        giving=giving_by_month(encounters, today),
        contacted=people_contacted(encounters, today, known=(p.id for p in people)),
        due=len(pacing.due_list(people, encounters_by_person, settings, today)),
        streak=streak(activity, today),
        chances=len(lucky.chance_log(encounters, picks)),
    )


def compute_for(store: JournalStore, today: date) -> Insights:
    notes = [n.date for n in store.day_notes() if n.text.strip()]
    return compute(
        store.people(),
        store.encounters(),
        store.encounters_by_person(),
        store.settings,
        store.lucky_picks(),
        notes,
        today,
    )
