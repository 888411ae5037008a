"""History's filters (journal.history)."""

from __future__ import annotations

from datetime import date

from journal.history import HistoryFilter, filter_encounters, parse_range, people_matching
from journal.model import Encounter, Person

TODAY = date(2026, 11, 29)
ANNA = Person(name="Anna Müller", aliases=["Annie"])
ANNA2 = Person(name="Anna Schmidt")
BOB = Person(name="Bob Schulz")
PEOPLE = [ANNA, ANNA2, BOB]


def enc(day: date, people: list[Person], **kw: object) -> Encounter:
    return Encounter(date=day, person_ids=[p.id for p in people], **kw)  # type: ignore[arg-type]


ENCOUNTERS = [  # newest first, as History shows them
    enc(date(2026, 11, 29), [ANNA, BOB], occasion="event", tags=["python", "rust"]),
    enc(date(2026, 11, 20), [ANNA2], occasion="work", tags=["Python"]),
    enc(date(2026, 10, 1), [BOB], occasion="event"),
    enc(date(2025, 1, 1), [ANNA], tags=["berlin"]),
]


def ids(encounters: list[Encounter]) -> list[int]:
    return [ENCOUNTERS.index(e) for e in encounters]


def test_people_match_on_word_starts_in_either_umlaut_spelling() -> None:
    assert people_matching(PEOPLE, "anna") == {ANNA.id, ANNA2.id}
    assert people_matching(PEOPLE, "an mü") == {ANNA.id}
    assert people_matching(PEOPLE, "mueller") == {ANNA.id}
    assert people_matching(PEOPLE, "muller") == {ANNA.id}
    assert people_matching(PEOPLE, "annie") == {ANNA.id}
    assert people_matching(PEOPLE, "nna") == set()
    assert people_matching(PEOPLE, "  ") == set()


def test_no_filter_keeps_everything_in_order() -> None:
    assert ids(filter_encounters(ENCOUNTERS, HistoryFilter(), PEOPLE)) == [0, 1, 2, 3]


def test_each_filter_narrows_and_they_combine() -> None:
    assert ids(filter_encounters(ENCOUNTERS, HistoryFilter(person="anna"), PEOPLE)) == [0, 1, 3]
    assert ids(filter_encounters(ENCOUNTERS, HistoryFilter(occasion="event"), PEOPLE)) == [0, 2]
    assert ids(filter_encounters(ENCOUNTERS, HistoryFilter(tag="#py"), PEOPLE)) == [0, 1]
    assert ids(filter_encounters(ENCOUNTERS, HistoryFilter(tag="python rust"), PEOPLE)) == [0]
    assert ids(
        filter_encounters(ENCOUNTERS, HistoryFilter(start=date(2026, 10, 1), end=date(2026, 11, 20)), PEOPLE)
    ) == [1, 2]
    assert ids(
        filter_encounters(ENCOUNTERS, HistoryFilter(person="bob", occasion="event", start=date(2026, 11, 1)), PEOPLE)
    ) == [0]
    assert filter_encounters(ENCOUNTERS, HistoryFilter(person="zoe"), PEOPLE) == []


def test_date_range_accepts_phrases_and_says_what_is_wrong() -> None:
    assert parse_range("2026-11-01", "yesterday", TODAY) == (date(2026, 11, 1), date(2026, 11, 28), {})
    assert parse_range("", "", TODAY) == (None, None, {})
    start, end, errors = parse_range("soon-ish", "2026-01-01", TODAY)
    assert start is None and end == date(2026, 1, 1) and "not a date" in errors["start"]
    _s, _e, errors = parse_range("2026-11-02", "2026-11-01", TODAY)
    assert list(errors) == ["end"]
