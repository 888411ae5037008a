"""Planning a quick-add line: the date it is filed on, whom its names mean, the time, rule 6."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from journal.clock import FixedClock
from journal.entry.plan import commit, plan_line
from journal.model import Encounter, Person, ValidationError
from journal.store import JournalStore

TODAY = date(2026, 11, 29)
FRIDAY = date(2026, 11, 27)


def test_the_day_shown_is_the_default(store: JournalStore, clock: FixedClock) -> None:
    store.add_person(Person(name="Bob"))
    assert plan_line(store, "Bob: hi", clock, default_day=FRIDAY).encounter.date == FRIDAY
    assert plan_line(store, "Bob: hi", clock).encounter.date == TODAY


def test_a_date_in_the_line_wins_over_the_day_shown(store: JournalStore, clock: FixedClock) -> None:
    store.add_person(Person(name="Bob"))
    plan = plan_line(store, "Bob: hi; date: 3 days ago", clock, default_day=FRIDAY)
    assert plan.encounter.date == date(2026, 11, 26)
    assert plan_line(store, "Bob !yesterday: hi", clock, default_day=FRIDAY).encounter.date == date(2026, 11, 28)


def test_on_still_forces_the_date(store: JournalStore, clock: FixedClock) -> None:
    """The CLI's --date is explicit and names the day for the whole line."""
    store.add_person(Person(name="Bob"))
    assert plan_line(store, "Bob: hi; date: 3 days ago", clock, on=FRIDAY).encounter.date == FRIDAY


def test_logged_today_it_gets_the_time_now(store: JournalStore, clock: FixedClock) -> None:
    assert plan_line(store, "Bob: hi", clock).encounter.time == "14:30"
    assert plan_line(store, "Bob: hi", clock, on=TODAY).encounter.time == "14:30"
    assert plan_line(store, "Bob: hi; at: 9am", clock).encounter.time == "09:00"  # a time given wins


def test_logged_on_another_day_it_gets_no_time(store: JournalStore, clock: FixedClock) -> None:
    assert plan_line(store, "Bob: hi", clock, default_day=FRIDAY).encounter.time is None
    assert plan_line(store, "Bob !yesterday: hi", clock).encounter.time is None
    assert plan_line(store, "Bob: hi", clock, on=FRIDAY).encounter.time is None


def test_the_time_is_the_local_wall_clock(store: JournalStore) -> None:
    berlin = timezone(timedelta(hours=1))
    plan = plan_line(store, "Bob: hi", FixedClock(datetime(2026, 11, 30, 0, 45, tzinfo=berlin)))
    assert (plan.encounter.date, plan.encounter.time) == (date(2026, 11, 30), "00:45")


def test_each_name_is_someone_known_or_someone_new(store: JournalStore, clock: FixedClock) -> None:
    anna = store.add_person(Person(name="Anna Müller", aliases=["Annie"]))
    plan = plan_line(store, "annie, Dora Neu, Anna Müller, Dora Neu: hi", clock)
    assert [(w.typed, w.person.name, w.new) for w in plan.who] == [
        ("annie", "Anna Müller", False),
        ("Dora Neu", "Dora Neu", True),
    ]
    assert plan.who[0].person.id == anna.id
    assert [p.name for p in plan.new_people] == ["Dora Neu"]
    assert plan.encounter.person_ids == [anna.id, plan.new_people[0].id]


def test_a_line_naming_nobody_is_refused(store: JournalStore, clock: FixedClock) -> None:
    with pytest.raises(ValidationError) as caught:
        plan_line(store, ": just a thought", clock)
    assert caught.value.field == "names"


def test_planning_writes_nothing_and_commit_writes_once(store: JournalStore, clock: FixedClock) -> None:
    before = store.path.read_bytes()
    plan = plan_line(store, "Zed Newman @ x: y", clock)
    assert store.path.read_bytes() == before and store.find_person("Zed Newman") is None
    saved = commit(store, plan)
    zed = store.find_person("Zed Newman")
    assert zed is not None and store.encounter(saved.id) is not None and saved.person_ids == [zed.id]


def test_give_them_time_is_part_of_the_plan(store: JournalStore, clock: FixedClock) -> None:
    """Rule 6: reaching out again while the last outreach is unanswered warns, worked out before
    saving (afterwards this outreach would count itself), for the CLI and the app alike."""
    bob = store.add_person(Person(name="Bob"))
    store.save(Encounter(date=TODAY - timedelta(days=2), person_ids=[bob.id], direction="outreach"))
    plan = plan_line(store, "Bob !out: again?", clock)
    assert plan.give_them_time and "Bob" in plan.give_them_time[0]
    assert plan_line(store, "Bob !in: they wrote back", clock).give_them_time == []
