from __future__ import annotations

from datetime import date

import pytest

from journal.model import (
    MAX_NAME,
    MAX_TEXT,
    TABLES,
    DayNote,
    Encounter,
    LuckyPick,
    Person,
    Settings,
    ValidationError,
    clean_text,
)


def full_person() -> Person:
    return Person(
        name="Anna Müller",
        aliases=["Anni"],
        company="Stripe",
        role="Engineer",
        tags=["rust", "berlin"],
        platforms={"LinkedIn": "in/anna", "e-mail": "anna@example.org"},
        common_ground="cycling",
        offers="Rust mentoring",
        needs="a designer",
        how_we_met="PyCon 2024",
        cadence_days=30,
        archived=False,
        snoozed_until=date(2026, 12, 5),
        notes="likes tea",
        created="2026-11-29T14:30:00.000000Z",
        updated="2026-11-29T14:30:00.000000Z",
    )


def full_encounter() -> Encounter:
    return Encounter(
        date=date(2026, 11, 28),
        time="18:30",
        person_ids=["a", "b"],
        occasion="event",
        place="PyCon",
        channel="in_person",
        direction="met",
        summary="talked about Rust",
        common_ground="cycling",
        experience="compiler tips",
        gave="intro to Carla",
        received="book tip",
        by_chance=True,
        follow_up=date(2026, 12, 10),
        tags=["python"],
        lucky=True,
        created="2026-11-29T14:30:00.000000Z",
        updated="2026-11-29T14:30:00.000000Z",
    )


@pytest.mark.parametrize(
    "record",
    [
        full_person(),
        full_encounter(),
        DayNote(date=date(2026, 11, 29), text="good day\nwith two lines"),
        Settings(active_platforms=["XING"], default_cadence_days=21, skills=["Rust"], language="de", theme="x"),
        LuckyPick(date=date(2026, 11, 29), person_id="a", outcome="reached_out"),
        LuckyPick(date=date(2026, 11, 29), person_id="a", outcome="shown", reroll=3),
        Person(name="Minimal"),
    ],
)
def test_every_record_type_survives_a_round_trip(record) -> None:
    again = type(record).from_dict(record.to_dict())
    assert again == record
    assert TABLES[record.TABLE] is type(record)


def test_round_trip_goes_through_plain_json() -> None:
    import orjson

    encounter = full_encounter()
    data = orjson.loads(orjson.dumps(encounter.to_dict()))
    assert data["date"] == "2026-11-28"
    assert Encounter.from_dict(data) == encounter


def test_unknown_keys_are_ignored_and_missing_ones_default() -> None:
    person = Person.from_dict({"id": "x", "name": "Bob", "future_field": 1})
    assert person.name == "Bob" and person.tags == [] and person.deleted is None


def test_lucky_pick_reroll_round_trips_and_defaults_for_older_journals() -> None:
    import orjson

    pick = LuckyPick(date=date(2026, 11, 29), person_id="a", reroll=2)
    data = orjson.loads(orjson.dumps(pick.to_dict()))
    assert data["reroll"] == 2
    assert LuckyPick.from_dict(data) == pick
    # A pick written before the field existed reads as the day's first pick.
    del data["reroll"]
    assert LuckyPick.from_dict(data).reroll == 0


@pytest.mark.parametrize(
    ("record", "field", "fragment"),
    [
        (Person(name="   "), "name", "needs a name"),
        (Person(name="x" * (MAX_NAME + 1)), "name", "too long"),
        (Person(name="Ann", notes="x" * (MAX_TEXT + 1)), "notes", "too long"),
        (Person(name="Ann", cadence_days=0), "cadence_days", "between 1"),
        (Person(name="Ann", cadence_days=True), "cadence_days", "whole number"),
        (Encounter(date=date(2026, 1, 1), person_ids=["a"], occasion="party"), "occasion", "Unknown occasion"),
        (Encounter(date=date(2026, 1, 1), person_ids=["a"], channel="pigeon"), "channel", "Unknown channel"),
        (Encounter(date=date(2026, 1, 1), person_ids=["a"], direction="sideways"), "direction", "Unknown direction"),
        (Encounter(date=date(2026, 1, 1), person_ids=[]), "person_ids", "at least one person"),
        (Encounter(date=date(2026, 1, 1), person_ids=["a"], time="25:00"), "time", "not a time"),
        (Encounter(date=date(2026, 1, 1), person_ids=["a"], summary="x" * (MAX_TEXT + 1)), "summary", "too long"),
        (Settings(default_cadence_days=-3), "default_cadence_days", "between 1"),
        (LuckyPick(person_id="a", outcome="maybe"), "outcome", "Unknown outcome"),
        (LuckyPick(person_id="a", reroll=-1), "reroll", "whole number"),
        (LuckyPick(person_id="a", reroll=True), "reroll", "whole number"),
    ],
)
def test_validation_names_the_field_and_says_what_to_do(record, field, fragment) -> None:
    with pytest.raises(ValidationError) as caught:
        record.validate()
    assert caught.value.field == field
    assert fragment in caught.value.message


@pytest.mark.parametrize("raw", ["2026-02-30", "yesterday-ish", "2026-13-01"])
def test_impossible_dates_are_refused_with_a_message(raw: str) -> None:
    with pytest.raises(ValidationError) as caught:
        Encounter.from_dict({"date": raw, "person_ids": ["a"]})
    assert caught.value.field == "date"
    assert raw in caught.value.message


def test_clean_text_drops_invisible_characters_and_normalises() -> None:
    decomposed = "Mu\u0308ller"  # u + combining diaeresis
    assert clean_text(decomposed) == "Müller"
    assert clean_text("An\u200bna\x00 \u202eX") == "Anna X"
    assert clean_text("  two\n lines ", multiline=False) == "two lines"


def test_person_normalise_tidies_lists_and_tags() -> None:
    person = Person(
        name=" Anna ",
        tags=["#rust", "rust", "", "berlin"],
        aliases="A, Anni",
        platforms={"LinkedIn": " in/anna ", "": "x", "XING": ""},
    )
    person.normalise()
    assert person.name == "Anna"
    assert person.tags == ["rust", "berlin"]
    assert person.aliases == ["A", "Anni"]
    assert person.platforms == {"LinkedIn": "in/anna"}


def test_day_note_id_follows_its_date_so_copies_merge() -> None:
    note = DayNote(date=date(2026, 11, 29), text="hi")
    note.normalise()
    assert note.id == "day-2026-11-29"
