"""people_ops: merging two records of one person, forgetting someone for good, the person page."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journal.clock import FixedClock
from journal.merge import merge_bytes
from journal.model import DayNote, Encounter, LuckyPick, Person, Settings, ValidationError
from journal.people_ops import (
    describe_forget,
    describe_merge,
    edited_person,
    forget_person,
    giving_phrase,
    merge_people,
    merged_person,
    name_pattern,
    order_platforms,
    parse_cadence,
    parse_platforms,
    person_page,
    plan_forget,
    scrub,
)
from journal.store import JournalStore

TODAY = date(2026, 11, 29)


def hand_made(store: JournalStore) -> dict[str, Person]:
    """Anna is the one to forget; the others mention her all over the journal."""
    anna = Person(
        name="Anna Müller",
        aliases=["Anni", "Anna from Stripe"],
        company="Stripe",
        tags=["rust"],
        platforms={"e-mail": "anna.mueller@example.org", "LinkedIn": "anna-m"},
        common_ground="cycling",
        notes="allergic to nuts",
    )
    bob = Person(
        name="Bob Schulz",
        company="Zalando",
        notes="Anna Müller's old flatmate",
        how_we_met="introduced by anni at a party",
    )
    carla = Person(
        name="Carla Weiß", aliases=["Carla (Anna Mueller's sister-in-law)"], common_ground="both know ANNA MÜLLER"
    )
    dora = Person(name="Anna Schmidt", notes="not the same Anna")
    store.save(anna, bob, carla, dora)
    store.save(
        Encounter(
            date=date(2026, 11, 20),
            person_ids=[anna.id],
            summary="coffee with Anna",
            gave="intro to Bob",
            received="a book tip",
        ),
        Encounter(
            date=date(2026, 11, 25),
            person_ids=[anna.id, bob.id],
            place="Anna Müller's flat",
            summary="Anna Mueller and Bob argued about Rust; Müller won",
            gave="mailed anna.mueller@example.org the slides",
            tags=["anna-müller"],
        ),
        Encounter(
            date=date(2026, 11, 27),
            person_ids=[bob.id],
            summary="Bob said Anna Muller moved to Hamburg",
            received="regards from Anni",
        ),
        Encounter(date=date(2026, 11, 28), person_ids=[dora.id], summary="Anna Schmidt and I planned the meetup"),
        LuckyPick(date=TODAY, person_id=anna.id, outcome="shown"),
    )
    store.set_day_note(date(2026, 11, 25), "Long day. Anna Müller's birthday is in May.")
    # An encounter deleted earlier still holds her name and id in its tombstone.
    old = store.add_encounter(
        Encounter(date=date(2026, 10, 1), person_ids=[anna.id, bob.id], summary="lunch with Anna Müller")
    )
    store.delete(old)
    store.save_settings(Settings(skills=["Rust", "introductions (ask Anni)"]))
    return {"anna": anna, "bob": bob, "carla": carla, "dora": dora}


NAME_FORMS = [
    "Anna Müller",
    "anna müller",
    "ANNA MÜLLER",
    "Anna Mueller",
    "Anna Muller",
    "Müller",
    "Mueller",
    "Muller",
    "Anni",
    "anni",
    "Anna from Stripe",
    "anna.mueller@example.org",
    'anna-m"',
    "allergic",
]


def test_forget_leaves_no_trace_of_the_name_in_the_file(store: JournalStore, journal_path: Path) -> None:
    people = hand_made(store)
    anna, bob = people["anna"], people["bob"]
    before = journal_path.read_text()
    assert all(form in before or form.lower() in before.lower() for form in ["Anna Müller", "Anni"])

    report = forget_person(store, anna.id)

    text = journal_path.read_text()
    for form in NAME_FORMS:
        assert form not in text, form
    assert "müller" not in text.lower() and "mueller" not in text.lower() and "muller" not in text.lower()
    assert report.name == "Anna Müller"
    assert (report.removed_encounters, report.shared_encounters, report.lucky_removed) == (1, 1, 1)
    assert report.scrubbed_records >= 5 and report.tombstones_cleared == 1
    # The others are kept, with their own words.
    assert store.person(anna.id) is None and store.find_person("Anna Müller") is None
    assert store.person(bob.id) is not None and store.find_person("Anna Schmidt") is not None
    shared = [e for e in store.encounters_with(bob.id) if e.date == date(2026, 11, 25)]
    assert len(shared) == 1 and shared[0].person_ids == [bob.id]
    assert shared[0].summary == "(forgotten) and Bob argued about Rust; (forgotten) won"
    assert "Anna Schmidt and I planned the meetup" in text  # another Anna keeps her name
    assert store.encounters_with(anna.id) == []
    assert len(store.encounters()) == 3
    assert store.day_note(date(2026, 11, 25)).text == "Long day. (forgotten) birthday is in May."
    assert store.lucky_picks() == []
    assert store.search("Anna Müller")[0].name == "Anna Schmidt"


def test_a_forgotten_record_leaves_only_a_bare_tombstone(store: JournalStore, journal_path: Path) -> None:
    anna = hand_made(store)["anna"]
    forget_person(store, anna.id)
    data = json.loads(journal_path.read_text())
    (tomb,) = [p for p in data["people"].values() if p["id"] == anna.id]
    assert tomb["deleted"] and tomb["created"] and tomb["updated"]
    personal = {k: v for k, v in tomb.items() if k not in ("id", "created", "updated", "deleted")}
    assert all(v in ("", [], {}, None, False) for v in personal.values()), personal
    for table in ("encounters", "lucky"):
        for record in data[table].values():
            if record["deleted"]:
                assert anna.id not in json.dumps(record.get("person_ids", [])) + str(record.get("person_id"))
                assert not record.get("summary")
    # Every remaining occurrence of her id is a tombstone's own id.
    assert text_count(journal_path, anna.id) == 1


def text_count(path: Path, needle: str) -> int:
    return path.read_text().count(needle)


def test_forget_survives_reopening_and_merging_an_old_copy(
    store: JournalStore, journal_path: Path, clock: FixedClock
) -> None:
    """A backup from before the forgetting does not bring her back: the bare tombstone is newer."""
    anna = hand_made(store)["anna"]
    old_copy = journal_path.read_bytes()
    clock.advance(minutes=5)
    forget_person(store, anna.id)
    merge_bytes(store, old_copy, "old.json")
    assert store.person(anna.id) is None
    assert "Anna Müller" not in journal_path.read_text()
    store.close()
    with JournalStore.open(journal_path, clock, readonly=True) as again:
        assert again.person(anna.id) is None and len(again.people()) == 3


def test_describe_forget_names_what_will_go(store: JournalStore, journal_path: Path) -> None:
    anna = hand_made(store)["anna"]
    before = journal_path.read_bytes()
    text = describe_forget(store, anna.id)
    assert "Anna Müller" in text
    assert "1 encounter with only them" in text
    assert "1 shared encounter (the others stay)" in text
    assert "1 lucky pick" in text and "cannot be undone" in text and "backups" in text
    assert journal_path.read_bytes() == before  # describing writes nothing
    plan = plan_forget(store, anna.id)
    assert plan.removed_encounters == 1


def test_forgetting_someone_unknown_is_refused(store: JournalStore) -> None:
    with pytest.raises(ValidationError):
        forget_person(store, "no-such-id")


def test_name_pattern_spares_words_others_use_and_lowercase_words() -> None:
    will = Person(name="Will Rose")
    other = Person(name="Rose Berg")
    pattern = name_pattern(will, [will, other])
    assert scrub("I will call Will Rose and Will", pattern) == "I will call (forgotten) and (forgotten)"
    assert scrub("Rose Berg came, a rose in hand", pattern) == "Rose Berg came, a rose in hand"
    assert scrub("will rose?", pattern) == "(forgotten)?"


def test_merge_moves_encounters_combines_fields_and_tombstones_the_other(
    store: JournalStore, journal_path: Path
) -> None:
    anna = Person(
        name="Anna Müller",
        aliases=["Anni"],
        company="Stripe",
        tags=["rust"],
        platforms={"LinkedIn": "anna-m"},
        common_ground="cycling",
        cadence_days=30,
    )
    dup = Person(
        name="A. Mueller",
        aliases=["Anni"],
        company="Stripe Inc",
        role="Engineer",
        tags=["Rust", "go"],
        platforms={"linkedin": "amueller", "e-mail": "a@example.org"},
        common_ground="cycling; Rust",
        needs="a flat in Berlin",
    )
    bob = Person(name="Bob")
    store.save(anna, dup, bob)
    store.save(
        Encounter(date=date(2026, 11, 1), person_ids=[anna.id], summary="one"),
        Encounter(date=date(2026, 11, 2), person_ids=[dup.id, bob.id], summary="two"),
        Encounter(date=date(2026, 11, 3), person_ids=[anna.id, dup.id], summary="three"),
        LuckyPick(date=TODAY, person_id=dup.id),
    )
    before = journal_path.read_bytes()
    assert "A. Mueller" in describe_merge(store, anna.id, dup.id)
    assert journal_path.read_bytes() == before

    report = merge_people(store, anna.id, dup.id)

    assert report.encounters_moved == 2 and report.lucky_moved == 1
    kept = store.person(anna.id)
    assert store.person(dup.id) is None
    assert [t.id for t in store.tombstones("people")] == [dup.id]
    assert kept.name == "Anna Müller" and kept.aliases == ["Anni", "A. Mueller"]
    assert kept.tags == ["rust", "go"] and kept.role == "Engineer" and kept.company == "Stripe"
    assert kept.platforms == {"LinkedIn": "anna-m, amueller", "e-mail": "a@example.org"}
    assert kept.common_ground == "cycling; Rust" and kept.needs == "a flat in Berlin"
    assert kept.cadence_days == 30 and "Stripe Inc" in kept.notes
    assert [e.summary for e in store.encounters_with(anna.id)] == ["one", "two", "three"]
    assert [e.person_ids for e in store.encounters_with(anna.id)][1:] == [[anna.id, bob.id], [anna.id]]
    assert store.encounters_with(dup.id) == []
    assert store.lucky_picks()[0].person_id == anna.id
    assert store.find_person("A. Mueller").id == anna.id  # the other name finds her now


def test_merge_is_one_write_and_refuses_nonsense(store: JournalStore, monkeypatch: pytest.MonkeyPatch) -> None:
    a, b = store.add_person(Person(name="A")), store.add_person(Person(name="B"))
    with pytest.raises(ValidationError):
        merge_people(store, a.id, a.id)
    with pytest.raises(ValidationError):
        merge_people(store, a.id, "gone")
    writes = []
    import journal.storage

    real = journal.storage.atomic_write_bytes
    monkeypatch.setattr(
        journal.storage, "atomic_write_bytes", lambda *args, **kw: (writes.append(1), real(*args, **kw))
    )
    merge_people(store, a.id, b.id)
    assert len(writes) == 1


def test_merged_person_keeps_the_archived_flag_only_if_both_are() -> None:
    assert merged_person(Person(name="A", archived=True), Person(name="B")).archived is False
    assert merged_person(Person(name="A", archived=True), Person(name="B", archived=True)).archived is True


def test_active_platforms_come_first_in_the_users_order() -> None:
    lines = order_platforms({"XING": "x", "Mastodon": "@m", "E-Mail": "e@x", "LinkedIn": "l"}, ["LinkedIn", "email"])
    assert [(p.name, p.active) for p in lines] == [
        ("LinkedIn", True),
        ("E-Mail", True),
        ("Mastodon", False),
        ("XING", False),
    ]


def test_person_page_counts_giving_without_a_balance(store: JournalStore) -> None:
    anna = store.add_person(Person(name="Anna", platforms={"XING": "a", "LinkedIn": "b"}))
    store.save(
        Encounter(date=date(2026, 11, 1), person_ids=[anna.id], gave="a tip"),
        Encounter(date=date(2026, 11, 15), person_ids=[anna.id], gave="an intro", received="a book"),
    )
    page = person_page(store, anna, TODAY)
    assert (page.gave, page.came_back) == (2, 1)
    assert [e.date for e in page.timeline] == [date(2026, 11, 15), date(2026, 11, 1)]
    assert page.platforms[0].name == "LinkedIn"
    assert page.last_seen == "last seen 2 weeks ago"
    assert page.cadence == "every 6 weeks (the default)"
    assert page.giving_line == "You gave 2 times · 1 thing came back"
    assert giving_phrase(0, 0) == "Nothing given yet · nothing came back yet (and that is fine)"


def test_form_values_are_parsed_and_validated_without_touching_the_person() -> None:
    anna = Person(name="Anna")
    edited = edited_person(
        anna,
        {
            "name": " Anna  Müller ",
            "aliases": "Anni, Anna Müller, Anni",
            "tags": "#rust, go",
            "platforms": "LinkedIn: anna-m\ne-mail: a@x.org",
            "cadence_days": "6w",
            "notes": "line one\nline two",
        },
    )
    assert edited.name == "Anna Müller" and edited.aliases == ["Anni"] and edited.tags == ["rust", "go"]
    assert edited.platforms == {"LinkedIn": "anna-m", "e-mail": "a@x.org"} and edited.cadence_days == 42
    assert anna.name == "Anna" and anna.aliases == []
    for values, field_name in [
        ({"name": "  "}, "name"),
        ({"cadence_days": "often"}, "cadence_days"),
        ({"cadence_days": "0"}, "cadence_days"),
        ({"platforms": "just a handle"}, "platforms"),
    ]:
        with pytest.raises(ValidationError) as info:
            edited_person(anna, values)
        assert info.value.field == field_name
    assert parse_cadence("") is None and parse_cadence("30d") == 30
    assert parse_platforms("Mastodon: @a@social.example; web: https://a.example") == {
        "Mastodon": "@a@social.example",
        "web": "https://a.example",
    }


def test_a_bare_tombstone_validates_but_a_live_nameless_person_does_not() -> None:
    Person(name="", deleted="2026-11-29T00:00:00.000000Z").validate()
    with pytest.raises(ValidationError):
        Person(name="").validate()
    Encounter(person_ids=[], deleted="x").validate()
    LuckyPick(person_id="", deleted="x").validate()
    DayNote(date=TODAY, deleted="x").validate()


WORD = st.text(alphabet="abcdefghijklmnoprstuvwzäöüßéñ", min_size=3, max_size=8)


@settings(max_examples=25, deadline=None)
@given(first=WORD, last=WORD, alias=WORD)
def test_any_forgotten_name_is_gone_from_the_file(
    tmp_path_factory: pytest.TempPathFactory, first: str, last: str, alias: str
) -> None:
    name = f"{first.capitalize()} {last.capitalize()}"
    path = tmp_path_factory.mktemp("forget") / "journal.json"
    clock = FixedClock(datetime(2026, 11, 29, 14, 30, tzinfo=UTC))
    with JournalStore.open(path, clock) as store:
        person = Person(name=name, aliases=[alias])
        other = Person(name="Zed Quux", notes=f"knows {name.upper()} and {alias} well; {name.lower()}!")
        store.save(person, other)
        store.save(Encounter(date=TODAY, person_ids=[person.id, other.id], summary=f"{name}'s idea, {alias}"))
        forget_person(store, person.id)
    data = json.loads(path.read_text())
    words = " ".join(_strings(data)).casefold()
    assert name.casefold() not in words
    assert not re.search(rf"(?<!\w){re.escape(alias.casefold())}(?!\w)", words)
    assert "zed quux" in words and "(forgotten)" in words


def _strings(value: object) -> list[str]:
    """Every text value in a JSON document (not its keys)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def test_forgetting_someone_seen_often_rebuilds_the_indexes_once_and_right(
    store: JournalStore, journal_path: Path, clock: FixedClock
) -> None:
    """More writes than BULK_SAVE: the store rebuilds its indexes instead of patching each record."""
    from journal.store import BULK_SAVE

    anna, bob = Person(name="Anna Often"), Person(name="Bob Stays")
    store.save(anna, bob)
    store.save(
        *[
            Encounter(date=date(2026, 1, 1 + i % 28), person_ids=[anna.id], summary=f"coffee {i}")
            for i in range(BULK_SAVE + 5)
        ],
        Encounter(date=date(2026, 11, 1), person_ids=[anna.id, bob.id], summary="Anna Often and Bob"),
    )
    report = forget_person(store, anna.id)
    assert report.removed_encounters == BULK_SAVE + 5 and report.shared_encounters == 1
    assert store.encounter_count() == 1 and store.last_seen(bob.id) == date(2026, 11, 1)
    assert [e.summary for e in store.encounters_with(bob.id)] == ["(forgotten) and Bob"]
    assert store.search("anna") == [] and store.search("bob")[0].id == bob.id
    assert store.encounters_on(date(2026, 1, 1)) == []
    store.close()
    with JournalStore.open(journal_path, clock, readonly=True) as again:
        assert again.encounter_count() == 1 and [p.name for p in again.people()] == ["Bob Stays"]
