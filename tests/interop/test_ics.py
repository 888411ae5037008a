"""`netjournal export --format ics`: birthdays every year, follow-ups still to do, stable UIDs.

Each calendar is read back with vobject and its recurrence expanded with dateutil, as a calendar
app would, so the tests check the days a person sees, not only the text."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import vobject

from journal import i18n
from journal.clock import FixedClock
from journal.interop.ics import export_ics
from journal.model import DateEntry, Encounter, Person
from journal.store import JournalStore

NOW = datetime(2026, 11, 29, 12, tzinfo=UTC)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
def store(tmp_path: Path, clock: FixedClock):  # type: ignore[no-untyped-def]
    with JournalStore.open(tmp_path / "journal.json", clock) as opened:
        yield opened


def ics(store: JournalStore) -> str:
    return export_ics(store.people(), store.encounters(), store.encounters_by_person())


def events(text: str) -> dict[str, vobject.base.Component]:
    calendar = vobject.readOne(text)
    return {event.summary.value: event for event in calendar.vevent_list}


def days(event: vobject.base.Component, first: int, last: int) -> list[date]:
    """The days the event falls on from ``first`` to ``last`` (years), as a calendar expands it."""
    rules = event.getrruleset(addRDate=True)
    found = rules.between(datetime(first, 1, 1), datetime(last, 12, 31, 23, 59), inc=True)
    return [d.date() for d in found]


def test_birthdays_come_every_year_with_or_without_the_year_and_on_29_february(store: JournalStore) -> None:
    store.save(
        Person(name="Anna Müller", birthday="1980-03-22"),
        Person(name="Jörg Weiß", birthday="--12-02"),
        Person(name="Lea Schaltjahr", birthday="1996-02-29"),
        Person(name="Bob", dates=[DateEntry("anniversary", "2015-06-12"), DateEntry("name day", "--07-26")]),
        Person(name="Archived Aaron", birthday="1970-01-01", archived=True),
        Person(name="Nobody's Birthday"),
    )
    text = ics(store)
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    found = events(text)
    assert sorted(found) == [
        "Anna Müller's birthday",
        "Bob: anniversary",
        "Bob: name day",
        "Jörg Weiß's birthday",
        "Lea Schaltjahr's birthday",
    ]
    anna = found["Anna Müller's birthday"]
    assert anna.dtstart.value == date(1980, 3, 22) and anna.dtend.value == date(1980, 3, 23)
    assert anna.rrule.value == "FREQ=YEARLY" and anna.description.value == "Born 22 Mar 1980"
    assert anna.transp.value == "TRANSPARENT"  # a reminder does not make the day busy
    assert days(anna, 2026, 2028) == [date(2026, 3, 22), date(2027, 3, 22), date(2028, 3, 22)]
    # Without a year: every year all the same, and the description says the year is unknown.
    jorg = found["Jörg Weiß's birthday"]
    assert days(jorg, 2026, 2027) == [date(2026, 12, 2), date(2027, 12, 2)]
    assert jorg.description.value == "The year is not known."
    # 29 February: on the 28th in other years, never skipped.
    lea = found["Lea Schaltjahr's birthday"]
    assert days(lea, 2026, 2028) == [date(2026, 2, 28), date(2027, 2, 28), date(2028, 2, 29)]
    assert days(found["Bob: name day"], 2027, 2027) == [date(2027, 7, 26)]
    assert days(found["Bob: anniversary"], 2027, 2027) == [date(2027, 6, 12)]


def test_follow_ups_still_to_do_are_events_on_their_day(store: JournalStore) -> None:
    eva, bob, carla = Person(name="Eva Braun"), Person(name="Bob Schulz"), Person(name="Carla Done")
    store.save(eva, bob, carla)
    store.save(
        Encounter(
            date=date(2026, 11, 20),
            person_ids=[eva.id, bob.id],
            summary="Kaffee, Rust",
            follow_up=date(2026, 12, 4),
        ),
        Encounter(date=date(2026, 11, 1), person_ids=[carla.id], follow_up=date(2026, 11, 8)),
        # Carla was seen again after that: her follow-up is done and not in the calendar.
        Encounter(date=date(2026, 11, 10), person_ids=[carla.id]),
        # Bob too, but Eva was not.
        Encounter(date=date(2026, 11, 25), person_ids=[bob.id]),
    )
    found = events(ics(store))
    assert sorted(found) == ["Follow up with Eva Braun"]
    event = found["Follow up with Eva Braun"]
    assert event.dtstart.value == date(2026, 12, 4) and event.dtend.value == date(2026, 12, 5)
    assert event.description.value == "20 Nov 2026: Kaffee, Rust"
    assert not hasattr(event, "rrule")


def test_the_same_journal_gives_the_same_file_and_a_change_changes_one_event(
    store: JournalStore, clock: FixedClock
) -> None:
    anna, bob = Person(name="Anna", birthday="1980-03-22"), Person(name="Bob", birthday="--05-01")
    store.save(anna, bob)
    store.save(Encounter(date=date(2026, 11, 20), person_ids=[anna.id], follow_up=date(2026, 12, 1)))
    first = ics(store)
    clock.advance(days=3)
    assert ics(store) == first  # nothing depends on the day it is written
    before = {e.uid.value: e for e in vobject.readOne(first).vevent_list}
    bob.birthday = "1990-05-01"
    store.save(bob)
    after = {e.uid.value: e for e in vobject.readOne(ics(store)).vevent_list}
    assert set(after) == set(before)  # same UIDs: calendars update the event, not add another
    changed = [uid for uid in after if after[uid].serialize() != before[uid].serialize()]
    assert changed == [f"birthday-{bob.id}@netjournal"]
    assert after[changed[0]].dtstamp.value == datetime(2026, 12, 2, 12, tzinfo=after[changed[0]].dtstamp.value.tzinfo)


def test_the_calendar_speaks_the_users_language(store: JournalStore) -> None:
    eva = Person(name="Eva", birthday="1980-03-22")
    store.save(eva)
    store.save(Encounter(date=date(2026, 11, 20), person_ids=[eva.id], follow_up=date(2026, 12, 1)))
    i18n.set_language("de")  # the suite's fixture sets English again after each test
    found = events(ics(store))
    assert sorted(found) == ["Bei Eva nachhaken", "Geburtstag von Eva"]
    assert found["Geburtstag von Eva"].description.value == "Geboren am 22.3.1980"
