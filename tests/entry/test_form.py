"""The encounter form's logic (journal.entry.form), without a terminal."""

from __future__ import annotations

from datetime import date

import pytest

from journal.entry.form import (
    FormValues,
    form_field,
    read_form,
    unconfirmed_people,
    values_for_new,
    values_from_encounter,
    values_from_line,
)
from journal.entry.plan import commit, new_person, picked, plan_entry
from journal.model import Encounter, Person, ValidationError
from journal.store import JournalStore

TODAY = date(2026, 11, 29)


@pytest.fixture
def anna(store: JournalStore) -> Person:
    return store.add_person(Person(name="Anna Müller"))


def saved_from(store: JournalStore, values: FormValues, base: Encounter | None = None) -> Encounter:
    """What the form does on ctrl+s: read, plan, save (the store normalises and validates)."""
    draft, errors = read_form(values, TODAY)
    assert errors == {} and draft is not None
    return commit(store, plan_entry(store, draft, picked(store, values.people), TODAY, default_date=TODAY, base=base))


def test_a_full_form_becomes_a_valid_encounter(store: JournalStore, anna: Person) -> None:
    values = FormValues(
        people=[anna],
        typed={
            "date": "yesterday",
            "time": "9.30",
            "follow_up": "friday",
            "occasion": "event",
            "channel": "video",
            "direction": "inbound",
            "place": " PyCon  Berlin ",
            "tags": "#python rust, #python",
            "by_chance": True,
            "summary": "talked about Rust",
            "common_ground": "cycling",
            "experience": "CI tips",
            "gave": "intro to Carla",
            "received": "a book tip",
        },
    )
    encounter = saved_from(store, values)
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
    values = FormValues(typed={"date": "the 45th of never", "time": "25:99", "follow_up": "someday"})
    before = values.copy()
    draft, errors = read_form(values, TODAY)
    assert draft is None
    assert list(errors) == ["people", "date", "time", "follow_up"]
    assert "not a date" in errors["date"] and "14:30" in errors["time"]
    assert values == before


def test_model_limits_are_reported_on_the_form_field(store: JournalStore, anna: Person) -> None:
    """The store validates (once, on saving); its complaint names the field the form shows it under."""
    values = FormValues(people=[anna], typed={"date": "2026-11-29", "place": "x" * 600})
    draft, errors = read_form(values, TODAY)
    assert errors == {} and draft is not None
    count = store.encounter_count()
    with pytest.raises(ValidationError) as caught:
        commit(store, plan_entry(store, draft, picked(store, values.people), TODAY, default_date=TODAY))
    assert form_field(caught.value.field) == "place"
    assert store.encounter_count() == count


def test_editing_keeps_identity_and_fields_the_form_does_not_show(store: JournalStore, anna: Person) -> None:
    original = Encounter(date=TODAY, person_ids=[anna.id], summary="coffee", lucky=True)
    store.save(original)
    values = values_from_encounter(original, store)
    assert values.people == [anna] and values.typed["date"] == "2026-11-29" and values.typed["summary"] == "coffee"
    values.typed["summary"] = "long coffee"
    edited = saved_from(store, values, base=original)
    assert edited.id == original.id and edited.created == original.created and edited.lucky is True
    assert edited.summary == "long coffee"
    assert original.summary == "coffee"  # the stored record is not changed in place


def test_clearing_a_field_when_editing_clears_it(store: JournalStore, anna: Person) -> None:
    original = Encounter(date=TODAY, person_ids=[anna.id], follow_up=date(2026, 12, 4), occasion="work", time="10:00")
    store.save(original)
    values = values_from_encounter(original, store)
    values.typed.update(follow_up="", occasion=None, time="")
    edited = saved_from(store, values, base=original)
    assert (edited.follow_up, edited.occasion, edited.time) == (None, None, None)


def test_a_quick_add_line_fills_the_form(store: JournalStore, anna: Person) -> None:
    line = (
        "Anna Müller, Dora Neu @ Café #coffee !event !chance !call: planned a talk; gave: slides; "
        "got: a lead; common: Rust; exchanged: hiring; follow-up: friday; date: yesterday; at: 14:30"
    )
    values, warnings = values_from_line(line, store, TODAY, day=date(2026, 11, 20))
    assert warnings == []
    assert [p.name for p in values.people] == ["Anna Müller", "Dora Neu"]
    assert values.people[0] is anna
    assert [w.person.name for w in picked(store, values.people) if w.new] == ["Dora Neu"]
    assert [p.name for p in unconfirmed_people(values, store)] == ["Dora Neu"]
    typed = values.typed
    assert typed["date"] == "2026-11-28" and typed["time"] == "14:30" and typed["follow_up"] == "2026-12-04"
    assert (typed["occasion"], typed["channel"], typed["by_chance"]) == ("event", "call", True)
    assert typed["place"] == "Café" and typed["tags"] == "#coffee"
    assert [typed[k] for k in ("summary", "gave", "received", "common_ground", "experience")] == [
        "planned a talk",
        "slides",
        "a lead",
        "Rust",
        "hiring",
    ]


def test_a_line_without_a_date_uses_the_day_shown(store: JournalStore) -> None:
    values, _warnings = values_from_line("Bob: hi", store, TODAY, day=date(2026, 11, 20))
    assert values.typed["date"] == "2026-11-20"


def test_a_name_too_long_for_a_person_stays_as_text(store: JournalStore) -> None:
    values, warnings = values_from_line("x" * 300 + ": hi", store, TODAY, day=TODAY)
    assert values.people == [] and warnings
    assert values.typed["summary"] == "x" * 300 + "; hi"


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
        ("14h30", "14:30"),
        ("9am", "09:00"),
        ("9:30 pm", "21:30"),
        ("", None),
    ],
)
def test_times(text: str, expected: str | None) -> None:
    draft, errors = read_form(FormValues(people=[Person(name="x")], typed={"date": "today", "time": text}), TODAY)
    assert errors == {} and draft is not None
    assert draft.time == expected


def test_tags_split_on_spaces_and_commas() -> None:
    values = FormValues(
        people=[Person(name="x")], typed={"date": "today", "tags": "#python rust,#berlin  #python ,, #"}
    )
    draft, _errors = read_form(values, TODAY)
    assert draft is not None and draft.tags == ["python", "rust", "berlin"]


def test_a_new_form_is_dated_and_unchanged_until_typed_in() -> None:
    values = values_for_new(date(2026, 11, 27))
    assert values.typed["date"] == "2026-11-27"
    assert (values.typed["channel"], values.typed["direction"], values.typed["occasion"]) == ("in_person", "met", None)
    other = values.copy()
    assert other.comparable() == values.comparable()
    other.typed["summary"] = "x"
    assert other.comparable() != values.comparable()
