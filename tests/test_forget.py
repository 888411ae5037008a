"""forget: someone removed for good, and every trace of them: in the file, after merging an old
copy, in the texts of others (without eating other people's words), in backups."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journal.clock import FixedClock
from journal.forget import describe_forget, forget_person, name_pattern, plan_forget, scrub
from journal.merge import merge_bytes
from journal.model import (
    CHANNELS,
    DIRECTIONS,
    LUCKY_OUTCOMES,
    OCCASIONS,
    DayNote,
    Email,
    Encounter,
    LuckyPick,
    Person,
    Phone,
    Settings,
    ValidationError,
)
from journal.store import JournalStore
from tests.conftest import journal_bytes

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
    before = journal_bytes(journal_path).decode()
    assert all(form in before or form.lower() in before.lower() for form in ["Anna Müller", "Anni"])

    report = forget_person(store, anna.id)

    text = journal_bytes(journal_path).decode()  # the document and the change log
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
    # Fixed choices ("met", "call", …) are not text anyone typed: an alias may happen to be one.
    fixed = {*DIRECTIONS, *CHANNELS, *OCCASIONS, *LUCKY_OUTCOMES}
    words = " ".join(s for s in _strings(data) if s not in fixed).casefold()
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


# ----------------------------------------------------------------------------- words that are not theirs


def forget_in(store: JournalStore, person: Person, *others: Person) -> dict[str, Person]:
    store.save(person, *others)
    forget_person(store, person.id)
    return {p.name: store.person(p.id) for p in others}  # type: ignore[misc]


def test_a_short_alias_does_not_eat_ordinary_words(store: JournalStore) -> None:
    am = Person(name="Anton Meier", aliases=["AM"])
    bob = Person(name="Bob Schulz", notes="am hosting the meetup at 9 AM; Anton Meier comes")
    after = forget_in(store, am, bob)
    assert after["Bob Schulz"].notes == "am hosting the meetup at 9 AM; (forgotten) comes"


def test_three_letter_names_count_only_as_written(store: JournalStore) -> None:
    max_ = Person(name="Maximilian Roth", aliases=["Max"])
    bob = Person(name="Bob Schulz", notes="max 5 people; Max said yes")
    after = forget_in(store, max_, bob)
    assert after["Bob Schulz"].notes == "max 5 people; (forgotten) said yes"


def test_a_hyphenated_name_is_someone_else(store: JournalStore) -> None:
    anna = Person(name="Anna Müller")
    bob = Person(name="Bob Schulz", notes="met Müller-Lüdenscheidt and Anna Müller, and Lüdenscheidt-Müller")
    after = forget_in(store, anna, bob)
    assert after["Bob Schulz"].notes == "met Müller-Lüdenscheidt and (forgotten), and Lüdenscheidt-Müller"


def test_other_peoples_platform_names_are_scrubbed(store: JournalStore) -> None:
    anna = Person(name="Anna Müller")
    bob = Person(name="Bob Schulz", platforms={"Signal (via Anna Müller)": "+49 151 000", "e-mail": "bob@x.example"})
    after = forget_in(store, anna, bob)
    assert after["Bob Schulz"].platforms == {"Signal (via (forgotten))": "+49 151 000"}
    assert [e.address for e in after["Bob Schulz"].emails] == ["bob@x.example"]  # an "e-mail" platform is an e-mail


def test_a_phone_number_written_another_way_is_scrubbed(store: JournalStore) -> None:
    anna = Person(name="Anna Müller", platforms={"phone": "+49 170 1234567"})
    bob = Person(
        name="Bob Schulz",
        notes="her number: 0170 1234567, or +491701234567, or 0049 170 123 45 67; mine is 0151 7654321",
    )
    after = forget_in(store, anna, bob)
    assert after["Bob Schulz"].notes == (
        "her number: (forgotten), or (forgotten), or (forgotten); mine is 0151 7654321"
    )


def test_the_kinds_of_their_e_mails_and_phones_are_not_theirs_to_scrub(store: JournalStore) -> None:
    """Anna's phone is a "cell" and her e-mail "work": everyone else's stay so."""
    anna = Person(
        name="Anna Müller",
        emails=[Email("anna@example.org", ["work"], True)],
        phones=[Phone("+49 170 1234567", ["cell"])],
    )
    bob = Person(
        name="Bob Schulz",
        emails=[Email("bob@example.org", ["work"])],
        phones=[Phone("905-555-1234", ["cell", "voice"], True)],
        notes="work: anna@example.org",
    )
    after = forget_in(store, anna, bob)
    assert after["Bob Schulz"].emails == [Email("bob@example.org", ["work"])]
    assert after["Bob Schulz"].phones == [Phone("905-555-1234", ["cell", "voice"], True)]
    assert after["Bob Schulz"].notes == "work: (forgotten)"


# ----------------------------------------------------------------------------- merging an older copy


def test_merging_a_copy_made_before_forgetting_brings_nobody_back(
    tmp_path: Path, clock: FixedClock, journal_path: Path
) -> None:
    with JournalStore.open(journal_path, clock) as store:
        anna = Person(name="Anna Müller", platforms={"phone": "+49 170 1234567"})
        bob = Person(name="Bob Schulz")
        store.save(anna, bob)
        store.compact()  # the file copied to the laptop holds everything
    old_copy = tmp_path / "laptop.json"
    old_copy.write_bytes(journal_path.read_bytes())
    later = FixedClock(datetime(2026, 11, 30, 9, tzinfo=UTC))
    with JournalStore.open(old_copy, later) as laptop:  # the other device goes on without knowing
        laptop.save(
            Encounter(date=date(2026, 11, 30), person_ids=[anna.id], summary="lunch with Anna Müller"),
            Encounter(
                date=date(2026, 11, 30), person_ids=[anna.id, bob.id], summary="Anna Müller (0170 1234567) and Bob"
            ),
            DayNote(date=date(2026, 11, 30), text="Anna's birthday soon"),
            replace_name(laptop.person(anna.id), notes="edited on the laptop after the forgetting"),
        )
        laptop.compact()  # its file holds all of it when it comes back
    with JournalStore.open(journal_path, later) as store:
        forget_person(store, anna.id)
        summary = merge_bytes(store, old_copy.read_bytes(), "laptop.json")
        assert store.person(anna.id) is None
        (shared,) = store.encounters()
        assert shared.person_ids == [bob.id] and shared.summary == "(forgotten) ((forgotten)) and Bob"
        assert [n.text for n in store.day_notes()] == ["(forgotten) birthday soon"]
        assert summary.forgotten == 4
        assert any("someone you had forgotten" in line for line in summary.lines())
        again = merge_bytes(store, old_copy.read_bytes(), "laptop.json")
        assert not again.changed  # a second merge of the same copy changes nothing
    text = journal_bytes(journal_path).decode()
    assert "Anna" not in text and "Müller" not in text and "1234567" not in text


def replace_name(person: Person | None, **changes: str) -> Person:
    from dataclasses import replace

    assert person is not None
    return replace(person, **changes)
