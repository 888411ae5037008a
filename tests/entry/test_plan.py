"""Planning a quick-add line: the date it is filed on, whom its names mean, the time, rule 6."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from journal.clock import FixedClock
from journal.entry.plan import NEW, add_people_question, choice_key, commit, plan_line, resolved_names
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


def test_an_unclear_name_waits_for_a_choice(store: JournalStore, clock: FixedClock) -> None:
    muller = store.add_person(Person(name="Anna Müller"))
    meier = store.add_person(Person(name="Anna Meier"))
    bob = store.add_person(Person(name="Bob Schulz"))
    plan = plan_line(store, "Bob, anna: lunch", clock)
    assert [(w.typed, w.person.id, w.how) for w in plan.who] == [("Bob", bob.id, "clear")]
    assert [m.typed for m in plan.unclear] == ["anna"]
    assert {p.id for p in plan.unclear[0].candidates[:2]} == {muller.id, meier.id}
    assert resolved_names(plan) == "Bob → Bob Schulz · anna → ?"
    before = store.path.read_bytes()
    with pytest.raises(ValidationError) as caught:
        commit(store, plan)
    assert caught.value.field == "names" and store.path.read_bytes() == before
    # The choice settles it, in the order the names were typed.
    plan = plan_line(store, "Bob, anna: lunch", clock, choices={choice_key("Anna"): meier.id})
    assert plan.unclear == [] and [(w.person.name, w.how) for w in plan.who] == [
        ("Bob Schulz", "clear"),
        ("Anna Meier", "picked"),
    ]
    assert resolved_names(plan) == "Bob → Bob Schulz · anna → Anna Meier"
    plan = plan_line(store, "Bob, anna: lunch", clock, choices={"anna": NEW, "bob": NEW})
    assert [(w.person.name, w.new, w.how) for w in plan.who] == [("Bob", True, "new"), ("anna", True, "new")]


def test_two_names_for_one_person_are_one(store: JournalStore, clock: FixedClock) -> None:
    bob = store.add_person(Person(name="Bob Schulz", aliases=["Bobby"]))
    plan = plan_line(store, "Bob, bobby, Bob Schulz: hi", clock)
    assert plan.encounter.person_ids == [bob.id]


def test_a_sentence_without_a_colon_is_not_taken_for_a_name(store: JournalStore, clock: FixedClock) -> None:
    store.add_person(Person(name="Bob Schulz"))
    assert plan_line(store, "Meeting with the team", clock).sentence == "Meeting with the team"
    assert plan_line(store, "Bob, Meeting with the team !work", clock).sentence == "Meeting with the team"
    # Names that read as names, a colon, or the user's word: no question.
    assert plan_line(store, "Dora Nguyen", clock).sentence is None
    assert plan_line(store, "Anna Maria Schmidt: hello", clock).sentence is None
    assert plan_line(store, "Maria de la Cruz @ Café", clock).sentence is None
    choices = {choice_key("meeting with the team"): NEW}
    assert plan_line(store, "Meeting with the team", clock, choices=choices).sentence is None


def test_the_question_before_new_people_names_them_and_counts_them() -> None:
    assert add_people_question([Person(name="Anna")]) == "Add a new person to the journal: Anna?"
    assert add_people_question([Person(name="Anna"), Person(name="Bob")]) == (
        "Add 2 new people to the journal: Anna, Bob?"
    )
