"""The encounter form's logic (journal.encounter_edit), without a terminal."""

from __future__ import annotations

from datetime import date

import pytest

from journal.encounter_edit import (
    EncounterFields,
    check,
    fields_for_new,
    fields_from_encounter,
    fields_from_line,
    new_people,
    new_person,
    parse_tags,
    parse_time,
    unconfirmed_people,
)
from journal.model import Encounter, Person, ValidationError
from journal.store import JournalStore

TODAY = date(2026, 11, 29)


@pytest.fixture
def anna(store: JournalStore) -> Person:
    return store.add_person(Person(name="Anna Müller"))


def test_a_full_form_becomes_a_valid_encounter(anna: Person) -> None:
    values = EncounterFields(
        people=[anna],
        date="yesterday",
        time="9.30",
        follow_up="friday",
        occasion="event",
        channel="video",
        direction="inbound",
        place=" PyCon  Berlin ",
        tags="#python rust, #python",
        by_chance=True,
        summary="talked about Rust",
        common_ground="cycling",
        experience="CI tips",
        gave="intro to Carla",
        received="a book tip",
    )
    encounter, errors = check(values, TODAY)
    assert errors == {}
    assert encounter is not None
    assert encounter.date == date(2026, 11, 28)
    assert encounter.time == "09:30"
    assert encounter.follow_up == date(2026, 12, 4)  # the coming friday
    assert encounter.person_ids == [anna.id]
    assert (encounter.occasion, encounter.channel, encounter.direction) == ("event", "video", "inbound")
    assert encounter.place == "PyCon Berlin"
    assert encounter.tags == ["python", "rust"]
    assert encounter.by_chance is True
    assert (encounter.summary, encounter.common_ground, encounter.experience, encounter.gave, encounter.received) == (
        "talked about Rust",
        "cycling",
        "CI tips",
        "intro to Carla",
        "a book tip",
    )


def test_every_problem_is_reported_by_field_and_the_values_are_untouched() -> None:
    values = EncounterFields(date="the 45th of never", time="25:99", follow_up="someday")
    before = values.copy()
    encounter, errors = check(values, TODAY)
    assert encounter is None
    assert list(errors) == ["people", "date", "time", "follow_up"]
    assert "not a date" in errors["date"] and "14:30" in errors["time"]
    assert values == before


def test_model_limits_are_reported_on_the_form_field(anna: Person) -> None:
    values = EncounterFields(people=[anna], date="2026-11-29", place="x" * 600)
    encounter, errors = check(values, TODAY)
    assert encounter is None and list(errors) == ["place"]


def test_editing_keeps_identity_and_fields_the_form_does_not_show(store: JournalStore, anna: Person) -> None:
    original = Encounter(date=TODAY, person_ids=[anna.id], summary="coffee", lucky=True)
    store.save(original)
    values = fields_from_encounter(original, store)
    assert values.people == [anna] and values.date == "2026-11-29" and values.summary == "coffee"
    values.summary = "long coffee"
    edited, errors = check(values, TODAY, base=original)
    assert errors == {} and edited is not None
    assert edited.id == original.id and edited.created == original.created and edited.lucky is True
    assert edited.summary == "long coffee"
    assert original.summary == "coffee"  # the stored record is not changed in place


def test_a_quick_add_line_fills_the_form(store: JournalStore, anna: Person) -> None:
    line = (
        "Anna Müller, Dora Neu @ Café #coffee !event !chance !call: planned a talk; gave: slides; "
        "got: a lead; common: Rust; exchanged: hiring; follow-up: friday; date: yesterday; at: 14:30"
    )
    values, warnings = fields_from_line(line, store, TODAY, day=date(2026, 11, 20))
    assert warnings == []
    assert [p.name for p in values.people] == ["Anna Müller", "Dora Neu"]
    assert values.people[0] is anna
    assert [p.name for p in new_people(values, store)] == ["Dora Neu"]
    assert [p.name for p in unconfirmed_people(values, store)] == ["Dora Neu"]
    assert values.date == "2026-11-28" and values.time == "14:30" and values.follow_up == "2026-12-04"
    assert (values.occasion, values.channel, values.by_chance) == ("event", "call", True)
    assert values.place == "Café" and values.tags == "#coffee"
    assert (values.summary, values.gave, values.received, values.common_ground, values.experience) == (
        "planned a talk",
        "slides",
        "a lead",
        "Rust",
        "hiring",
    )


def test_a_line_without_a_date_uses_the_day_shown(store: JournalStore) -> None:
    values, _warnings = fields_from_line("Bob: hi", store, TODAY, day=date(2026, 11, 20))
    assert values.date == "2026-11-20"


def test_new_people_are_validated_as_people() -> None:
    assert new_person("  Dora   Neu ").name == "Dora Neu"
    with pytest.raises(ValidationError) as caught:
        new_person("x" * 300)
    assert caught.value.field == "people"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14:30", "14:30"),
        ("9", "09:00"),
        ("9.05", "09:05"),
        ("14 Uhr", "14:00"),
        ("7h", "07:00"),
        ("", None),
    ],
)
def test_times(text: str, expected: str | None) -> None:
    assert parse_time(text) == expected


@pytest.mark.parametrize("text", ["24:00", "12:60", "noon", "1:2:3"])
def test_bad_times(text: str) -> None:
    with pytest.raises(ValidationError):
        parse_time(text)


def test_tags_split_on_spaces_and_commas() -> None:
    assert parse_tags("#python rust,#berlin  #python ,, #") == ["python", "rust", "berlin"]


def test_a_new_form_is_dated_and_unchanged_until_typed_in() -> None:
    values = fields_for_new(date(2026, 11, 27))
    assert values.date == "2026-11-27"
    other = values.copy()
    assert other.comparable() == values.comparable()
    other.summary = "x"
    assert other.comparable() != values.comparable()
