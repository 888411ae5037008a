"""Dates that come round: birthdays, anniversaries and other dates of the people in the journal,
and the follow-up dates of encounters. What Today, the Due list, `netjournal due` and
`netjournal today` show about them.

Pure: people and encounters and ``today`` come in, reminders go out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from journal.contacts import parse_partial_date
from journal.i18n import N_, _, ngettext
from journal.model import Encounter, Person
from journal.phrases import format_date, relative_day

# How far ahead birthdays and follow-ups are shown on the Due list and by `netjournal due`.
LOOKAHEAD_DAYS = 7
# A follow-up nobody acted on stays on the list this long after its day, then lets go.
FOLLOW_UP_GRACE_DAYS = 30
# Labels of other dates that the app names itself (others are the user's or the card's own words).
DATE_LABELS: dict[str, str] = {"anniversary": N_("anniversary")}

ReminderKind = Literal["birthday", "date", "follow_up"]


@dataclass(frozen=True, slots=True)
class Reminder:
    kind: ReminderKind
    person: Person
    day: date  # the day it falls on (the next occurrence, for a yearly date)
    label: str = ""  # for other dates: "anniversary", "name day", …
    age: int | None = None  # the age they turn, when the birth year is known
    encounter: Encounter | None = None  # for a follow-up: the encounter that asked for it

    def days_until(self, today: date) -> int:
        return (self.day - today).days

    def text(self, today: date) -> str:
        """ "Jörg Weiß's birthday in 3 days (turns 47)", "Follow up with Eva today"."""
        when = relative_day(self.day, today)
        name = self.person.name
        if self.kind == "birthday":
            text = _("{name}'s birthday {when}").format(name=name, when=when)
            if self.age is not None:
                text += " " + ngettext("(turns {n})", "(turns {n})", self.age).format(n=self.age)
            return text
        if self.kind == "date":
            label = _(DATE_LABELS[self.label]) if self.label in DATE_LABELS else self.label
            return _("{name}: {label} {when}").format(name=name, label=label, when=when)
        if self.day < today:
            return _("Follow up with {name} (planned {when})").format(name=name, when=when)
        return _("Follow up with {name} {when}").format(name=name, when=when)


def date_phrase(value: str, today: date, *, age: bool) -> str:
    """ "22 Mar 1980 (46) · in 3 days", or "22 Mar · next in 5 months" without a year."""
    parsed = parse_partial_date(value)
    if parsed is None:
        return value
    upcoming = parsed.next_from(today)
    if parsed.year is not None:
        shown = format_date(date(parsed.year, parsed.month, parsed.day), weekday=False)
        years = parsed.age_on(today)
        if age and years is not None and years >= 0:
            shown += f" ({years})"
    else:
        # The date without its year, as the language writes it: "22 Mar", "22.3." (German has no
        # space before the year to split at).
        full = format_date(upcoming, weekday=False)
        year = full.rfind(str(upcoming.year))
        shown = full[:year].rstrip(" ,") if year > 0 else full
    return f"{shown} · {relative_day(upcoming, today)}"


def yearly_reminders(people: Iterable[Person], today: date, within: int = LOOKAHEAD_DAYS) -> list[Reminder]:
    """Birthdays and other dates from today to ``within`` days ahead, soonest first.

    Archived people are left out, as everywhere reminders are made.
    """
    out: list[Reminder] = []
    last = today + timedelta(days=within)
    for person in people:
        if person.archived or person.deleted is not None:
            continue
        if person.birthday and (parsed := parse_partial_date(person.birthday)):
            day = parsed.next_from(today)
            if day <= last:
                turns = day.year - parsed.year if parsed.year is not None else None
                out.append(Reminder("birthday", person, day, age=turns if turns and turns > 0 else None))
        for entry in person.dates:
            parsed = parse_partial_date(entry.date)
            if parsed is None:
                continue
            day = parsed.next_from(today)
            if day <= last:
                out.append(Reminder("date", person, day, label=entry.label))
    out.sort(key=lambda r: (r.day, r.kind != "birthday", r.person.name.casefold()))
    return out


def follow_ups(
    encounters: Iterable[Encounter],
    people: Mapping[str, Person],
    encounters_by_person: Mapping[str, Sequence[Encounter]],
    today: date,
    within: int = LOOKAHEAD_DAYS,
) -> list[Reminder]:
    """Follow-ups still to do: from ``FOLLOW_UP_GRACE_DAYS`` ago to ``within`` days ahead.

    One is done once there is a later encounter with that person (up to today): you followed up.
    """
    first, last = today - timedelta(days=FOLLOW_UP_GRACE_DAYS), today + timedelta(days=within)
    return _follow_ups_between(encounters, people, encounters_by_person, today, first, last)


def _follow_ups_between(
    encounters: Iterable[Encounter],
    people: Mapping[str, Person],
    encounters_by_person: Mapping[str, Sequence[Encounter]],
    today: date,
    first: date,
    last: date,
) -> list[Reminder]:
    out: list[Reminder] = []
    for encounter in encounters:
        day = encounter.follow_up
        if day is None or not first <= day <= last or encounter.deleted is not None:
            continue
        for pid in encounter.person_ids:
            person = people.get(pid)
            if person is None or person.archived:
                continue
            later = [e for e in encounters_by_person.get(pid, ()) if encounter.date < e.date <= today]
            if not later:
                out.append(Reminder("follow_up", person, day, encounter=encounter))
    out.sort(key=lambda r: (r.day, r.person.name.casefold()))
    return out


def open_follow_ups(
    encounters: Iterable[Encounter],
    people: Mapping[str, Person],
    encounters_by_person: Mapping[str, Sequence[Encounter]],
) -> list[tuple[Encounter, Person]]:
    """Every follow-up not done yet, whatever its day: (encounter, person) for each of its people
    in ``people`` with no later encounter (what a calendar export holds)."""
    out: list[tuple[Encounter, Person]] = []
    for encounter in encounters:
        if encounter.follow_up is None or encounter.deleted is not None:
            continue
        for pid in encounter.person_ids:
            person = people.get(pid)
            if person is None:
                continue
            if not any(e.date > encounter.date for e in encounters_by_person.get(pid, ())):
                out.append((encounter, person))
    return out


def reminders_for(store: object, today: date, within: int = LOOKAHEAD_DAYS) -> list[Reminder]:
    """Follow-ups first (they are promises), then birthdays and dates; each soonest first."""
    from journal.store import JournalStore

    assert isinstance(store, JournalStore)
    people = {p.id: p for p in store.people()}
    pending = follow_ups(store.encounters(), people, store.encounters_by_person(), today, within)
    return [*pending, *yearly_reminders(people.values(), today, within)]


def day_reminders(store: object, day: date, today: date) -> list[Reminder]:
    """What Today shows for ``day``: the follow-ups planned for it and not done yet (on today
    also those still open from the last ``FOLLOW_UP_GRACE_DAYS``: a promise does not lapse
    overnight), then the birthdays and other dates that fall on it."""
    from journal.store import JournalStore

    assert isinstance(store, JournalStore)
    people = {p.id: p for p in store.people()}
    encounters, by_person = store.encounters(), store.encounters_by_person()
    if day == today:
        pending = follow_ups(encounters, people, by_person, today, within=0)
    else:
        pending = _follow_ups_between(encounters, people, by_person, today, day, day)
    return [*pending, *yearly_reminders(people.values(), day, within=0)]


def reminders_on(reminders: Iterable[Reminder], day: date) -> list[Reminder]:
    """The reminders that fall on ``day`` (Today shows a day's own)."""
    return [r for r in reminders if r.day == day]
