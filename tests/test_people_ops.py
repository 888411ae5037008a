"""people_ops: merging two records of one person, the person page, editing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from journal.model import Email, Encounter, LuckyPick, Person, ValidationError
from journal.people_ops import (
    describe_merge,
    edited_person,
    giving_phrase,
    merge_people,
    merged_person,
    order_platforms,
    parse_cadence,
    parse_platforms,
    person_page,
)
from journal.store import JournalStore
from tests.conftest import journal_bytes

TODAY = date(2026, 11, 29)


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
    before = journal_bytes(journal_path)
    assert "A. Mueller" in describe_merge(store, anna.id, dup.id)
    assert journal_bytes(journal_path) == before

    report = merge_people(store, anna.id, dup.id)

    assert report.encounters_moved == 2 and report.lucky_moved == 1
    kept = store.person(anna.id)
    assert store.person(dup.id) is None
    assert [t.id for t in store.tombstones("people")] == [dup.id]
    assert kept.name == "Anna Müller" and kept.aliases == ["Anni", "A. Mueller"]
    assert kept.tags == ["rust", "go"] and kept.role == "Engineer" and kept.company == "Stripe"
    assert kept.platforms == {"LinkedIn": "anna-m, amueller"}
    assert [e.address for e in kept.emails] == ["a@example.org"]  # "e-mail" platforms are e-mails now
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
    import journal.store

    real = journal.store.append_line
    monkeypatch.setattr(journal.store, "append_line", lambda *args, **kw: (writes.append(1), real(*args, **kw)))
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
    assert edited.platforms == {"LinkedIn": "anna-m"} and edited.cadence_days == 42
    assert edited.emails == [Email("a@x.org")]  # typed as a platform, kept as an e-mail
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
