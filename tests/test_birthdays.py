"""Dates that come round (journal.birthdays): birthdays with and without a year, 29 February,
other dates, follow-ups and when one is done; what Today shows for a day; German words."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from journal import i18n
from journal.birthdays import day_reminders, follow_ups, reminders_for, yearly_reminders
from journal.clock import FixedClock
from journal.model import DateEntry, Encounter, Person
from journal.store import JournalStore

SUNDAY = date(2026, 11, 29)


@pytest.fixture
def store(tmp_path: Path, clock: FixedClock) -> Iterator[JournalStore]:
    with JournalStore.open(tmp_path / "journal.json", clock) as opened:
        yield opened


def texts(reminders, today: date = SUNDAY) -> list[str]:  # type: ignore[no-untyped-def]
    return [r.text(today) for r in reminders]


def test_birthdays_of_the_coming_week_soonest_first_with_the_age_when_known() -> None:
    people = [
        Person(name="Jörg Weiß", birthday="1979-12-02"),
        Person(name="Anna", birthday="--11-29"),
        Person(name="Bob", birthday="1990-12-07"),  # a week and a day ahead: not yet
        Person(name="Carla", birthday="1980-11-28"),  # yesterday: next year's is far away
        Person(name="Archived Aaron", birthday="--11-30", archived=True),
        Person(name="Dora", dates=[DateEntry("anniversary", "2015-12-01"), DateEntry("name day", "--11-30")]),
    ]
    assert texts(yearly_reminders(people, SUNDAY)) == [
        "Anna's birthday today",
        "Dora: name day tomorrow",
        "Dora: anniversary in 2 days",
        "Jörg Weiß's birthday in 3 days (turns 47)",
    ]


def test_29_february_comes_on_the_28th_in_other_years() -> None:
    lea = Person(name="Lea", birthday="1996-02-29")
    found = yearly_reminders([lea], date(2027, 2, 25))
    assert [(r.day, r.age) for r in found] == [(date(2027, 2, 28), 31)]
    assert [r.day for r in yearly_reminders([lea], date(2028, 2, 25))] == [date(2028, 2, 29)]


def test_a_follow_up_stays_until_you_are_in_touch_again_or_a_month_has_passed() -> None:
    eva, bob, carla = Person(name="Eva"), Person(name="Bob"), Person(name="Carla", archived=True)
    people = {p.id: p for p in (eva, bob, carla)}
    asked = [
        Encounter(date=SUNDAY - timedelta(days=20), person_ids=[eva.id], follow_up=SUNDAY - timedelta(days=3)),
        Encounter(date=SUNDAY - timedelta(days=2), person_ids=[bob.id, carla.id], follow_up=SUNDAY + timedelta(days=4)),
        Encounter(date=SUNDAY - timedelta(days=60), person_ids=[bob.id], follow_up=SUNDAY - timedelta(days=31)),
        Encounter(date=SUNDAY, person_ids=[eva.id], follow_up=SUNDAY + timedelta(days=8)),  # beyond the week
    ]
    by_person = {
        eva.id: [asked[0]],
        bob.id: [asked[2], asked[1]],
        carla.id: [asked[1]],
    }
    assert texts(follow_ups(asked, people, by_person, SUNDAY)) == [
        "Follow up with Eva (planned 3 days ago)",
        "Follow up with Bob in 4 days",
    ]
    # Eva was seen again (after the encounter that asked for it): done.
    again = Encounter(date=SUNDAY - timedelta(days=1), person_ids=[eva.id])
    by_person[eva.id] = [asked[0], again]
    assert texts(follow_ups(asked, people, by_person, SUNDAY)) == ["Follow up with Bob in 4 days"]


def test_today_shows_a_days_own_reminders_and_on_today_the_open_ones(store: JournalStore) -> None:
    eva, bob = Person(name="Eva"), Person(name="Bob", birthday="--12-01")
    store.save(eva, bob)
    store.save(
        Encounter(date=SUNDAY - timedelta(days=9), person_ids=[eva.id], follow_up=SUNDAY - timedelta(days=2)),
        Encounter(date=SUNDAY - timedelta(days=1), person_ids=[bob.id], follow_up=SUNDAY + timedelta(days=2)),
    )
    assert texts(day_reminders(store, SUNDAY, SUNDAY)) == ["Follow up with Eva (planned 2 days ago)"]
    assert texts(day_reminders(store, SUNDAY - timedelta(days=2), SUNDAY)) == [
        "Follow up with Eva (planned 2 days ago)"
    ]
    tuesday = SUNDAY + timedelta(days=2)
    assert texts(day_reminders(store, tuesday, SUNDAY)) == [
        "Follow up with Bob in 2 days",
        "Bob's birthday in 2 days",
    ]
    assert day_reminders(store, SUNDAY + timedelta(days=1), SUNDAY) == []
    assert texts(reminders_for(store, SUNDAY)) == [
        "Follow up with Eva (planned 2 days ago)",
        "Follow up with Bob in 2 days",
        "Bob's birthday in 2 days",
    ]


def test_reminders_in_german() -> None:
    i18n.set_language("de")  # the suite's fixture sets English again after each test
    found = yearly_reminders([Person(name="Jörg", birthday="1979-12-02")], SUNDAY)
    assert texts(found) == ["Jörg hat in 3 Tagen Geburtstag (wird 47)"]


@pytest.mark.parametrize(("lang", "expected"), [("en", "22 Mar · "), ("de", "22.3. · ")])
def test_a_birthday_without_a_year_is_shown_without_one_in_either_language(lang: str, expected: str) -> None:
    from journal.birthdays import date_phrase

    i18n.set_language(lang)
    try:
        shown = date_phrase("--03-22", date(2026, 12, 2), age=True)
    finally:
        i18n.set_language("en")
    assert shown.startswith(expected), shown
    assert "2027" not in shown and "2026" not in shown
