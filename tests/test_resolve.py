"""Whom a typed name means: exact, clear, unclear (candidates) or no one; the edges of "clear"."""

from __future__ import annotations

from pathlib import Path

import pytest

from journal.clock import FixedClock
from journal.demo import create_demo_journal
from journal.entry.plan import plan_line
from journal.model import Person
from journal.resolve import match_name
from journal.store import JournalStore


def people(store: JournalStore, *specs: str | Person) -> dict[str, Person]:
    made = [p if isinstance(p, Person) else Person(name=p) for p in specs]
    store.save(*made)
    return {p.name: p for p in made}


def meant(store: JournalStore, typed: str, *, lookup: bool = False) -> tuple[str, str | None, list[str]]:
    match = match_name(store, typed, lookup=lookup)
    return match.kind, match.person.name if match.person else None, [p.name for p in match.candidates]


def test_the_exact_full_name_wins(store: JournalStore) -> None:
    people(store, "Anna Müller", "Anna Müller-Lüdenscheidt", "Anna Meier")
    assert meant(store, "Anna Müller") == ("exact", "Anna Müller", [])
    assert meant(store, "anna mueller") == ("exact", "Anna Müller", [])  # folded: case and umlauts
    assert meant(store, "  ANNA   MULLER ") == ("exact", "Anna Müller", [])


def test_an_alias_is_an_exact_name(store: JournalStore) -> None:
    people(store, Person(name="Anna Müller", aliases=["Anni"]), "Annika Roth")
    assert meant(store, "anni") == ("exact", "Anna Müller", [])


def test_two_people_with_the_same_exact_name_are_unclear(store: JournalStore) -> None:
    people(store, Person(name="Kim Lee"), Person(name="Kim Lee", company="Other"))
    kind, person, candidates = meant(store, "kim lee", lookup=True)
    assert (kind, person, candidates) == ("unclear", None, ["Kim Lee", "Kim Lee"])


def test_a_unique_first_name_wins(store: JournalStore) -> None:
    people(store, "Bob Schulz", "Bobby Brown", "Carla Weiß")
    assert meant(store, "Bob") == ("clear", "Bob Schulz", [])
    assert meant(store, "carla") == ("clear", "Carla Weiß", [])


def test_a_surname_or_an_umlaut_spelling_is_clear_too(store: JournalStore) -> None:
    people(store, "Jürgen Weiß", "Bob Schulz", Person(name="Emil Roth", company="Schulz & Partner"))
    assert meant(store, "jurgen") == ("clear", "Jürgen Weiß", [])
    assert meant(store, "Juergen") == ("clear", "Jürgen Weiß", [])
    assert meant(store, "weiss") == ("clear", "Jürgen Weiß", [])
    # A name beats a company of the same word.
    assert meant(store, "schulz") == ("clear", "Bob Schulz", [])


def test_a_shared_first_name_is_unclear(store: JournalStore) -> None:
    people(store, "Anna Müller", "Anna Meier", "Bob Schulz")
    kind, person, candidates = meant(store, "anna")
    assert (kind, person) == ("unclear", None)
    assert set(candidates[:2]) == {"Anna Müller", "Anna Meier"} and "Bob Schulz" not in candidates
    # Lookup commands cannot pick either: two are left.
    assert meant(store, "anna", lookup=True)[0] == "unclear"
    # More of the name settles it: the surname, or its first letters.
    assert meant(store, "anna mu") == ("clear", "Anna Müller", [])
    assert meant(store, "Anna Me") == ("clear", "Anna Meier", [])


def test_one_or_two_letters_never_pick_silently(store: JournalStore) -> None:
    people(store, "Bob Schulz", "Carla Weiß", "Karl Krause", "Kim Lee")
    assert meant(store, "bo") == ("unclear", None, ["Bob Schulz"])
    assert meant(store, "k")[0] == "unclear" and set(meant(store, "k")[2]) == {"Karl Krause", "Kim Lee"}
    assert meant(store, "cw") == ("unclear", None, ["Carla Weiß"])  # initials
    # Looking someone up, the only candidate is the one meant.
    assert meant(store, "bo", lookup=True) == ("clear", "Bob Schulz", [])


def test_a_started_name_or_initials_are_offered_not_taken(store: JournalStore) -> None:
    """ "Chris" may be a new Chris as well as Christian; "amü" is Anna Müller's initials."""
    people(store, "Christian Vogel", "Anna Müller", "Michaela Brandt")
    assert meant(store, "Chris") == ("unclear", None, ["Christian Vogel"])
    assert meant(store, "Michael") == ("unclear", None, ["Michaela Brandt"])
    assert meant(store, "amü") == ("unclear", None, ["Anna Müller"])
    assert meant(store, "amü", lookup=True) == ("clear", "Anna Müller", [])
    # A first name cut short before a whole surname: her husband Michael, perhaps.
    assert meant(store, "Michael Brandt") == ("unclear", None, ["Michaela Brandt"])
    assert meant(store, "Ann Müller") == ("unclear", None, ["Anna Müller"])


def test_a_typo_in_a_long_name_matches_but_not_in_a_short_one(store: JournalStore) -> None:
    people(store, "Giorgos Martínez", "Mark Weber", "Anna Müller")
    assert meant(store, "Giorgso") == ("clear", "Giorgos Martínez", [])
    assert meant(store, "anna muler") == ("clear", "Anna Müller", [])
    # "Marc" is a name of its own, one letter from Mark: offered, never taken.
    kind, person, candidates = meant(store, "Marc")
    assert (kind, person, candidates[0]) == ("unclear", None, "Mark Weber")


def test_a_typo_close_to_two_names_is_unclear(store: JournalStore) -> None:
    people(store, "Michael Brandt", "Michaela Brandt")
    kind, _person, candidates = meant(store, "Micheal")
    assert kind == "unclear" and set(candidates) == {"Michael Brandt", "Michaela Brandt"}


def test_a_company_or_a_tag_is_offered_not_taken(store: JournalStore) -> None:
    people(store, Person(name="Anna Müller", company="Stripe"), Person(name="Bob Schulz", tags=["rust"]))
    assert meant(store, "Stripe") == ("unclear", None, ["Anna Müller"])
    assert meant(store, "stripe", lookup=True) == ("clear", "Anna Müller", [])
    assert meant(store, "rust") == ("unclear", None, ["Bob Schulz"])


def test_no_plausible_match_is_no_one(store: JournalStore) -> None:
    people(store, Person(name="Ewa Åberg", role="Team lead"), "Bob Schulz", "Anna Müller")
    assert meant(store, "Meeting with the team") == ("none", None, [])
    assert meant(store, "Dora Nguyen") == ("none", None, [])
    assert meant(store, "Bob Smith") == ("none", None, [])  # another Bob
    assert meant(store, "Anna Schulz") == ("none", None, [])  # two people's names mixed
    assert meant(store, "   ") == ("none", None, [])


def test_archived_and_forgotten_people(store: JournalStore) -> None:
    made = people(store, Person(name="Anna Müller", archived=True), "Bob Schulz")
    assert meant(store, "anna") == ("clear", "Anna Müller", [])  # archived people are still people
    store.delete(made["Bob Schulz"])
    assert meant(store, "bob") == ("none", None, [])


def test_the_demo_journal_resolves_first_names(tmp_path: Path, clock: FixedClock) -> None:
    path = tmp_path / "demo.json"
    create_demo_journal(path, clock)
    with JournalStore.open(path, clock, readonly=True) as store:
        giorgos = [p.name for p in store.people() if p.name.split()[0] == "Giorgos"]
        assert len(giorgos) == 1
        plan = plan_line(store, "Bob, Giorgos, anna: quick test", clock)
        assert [(w.typed, w.person.name, w.new) for w in plan.who] == [
            ("Bob", "Bob Schulz", False),
            ("Giorgos", giorgos[0], False),
            ("anna", "Anna Müller", False),
        ]
        assert plan.unclear == [] and plan.new_people == [] and plan.sentence is None


@pytest.mark.parametrize("typed", ["Bob", "bob", "BOB", " Bob "])
def test_case_and_spaces_do_not_matter(store: JournalStore, typed: str) -> None:
    people(store, "Bob Schulz", "Anna Müller")
    assert meant(store, typed)[:2] == ("clear", "Bob Schulz")


def test_an_exact_name_is_found_without_building_the_search_index(journal_path: Path, clock: FixedClock) -> None:
    """`netjournal add "Anna Müller: …"` must not pay for the fuzzy index: the first lookup is a
    plain scan that finds what the index finds; a second lookup builds the index."""
    with JournalStore.open(journal_path, clock) as store:
        people(store, Person(name="Anna Müller", aliases=["Anni"]), "Kim Lee", "Kim Lee", "Jürgen Weiß")
    typed = ("anna mueller", "ANNI", "kim lee", "Jurgen Weiss", "nobody")
    scanned = {}
    for name in typed:
        with JournalStore.open(journal_path, clock, readonly=True) as store:
            scanned[name] = [p.id for p in store.people_named(name)]
            assert not store._index_ready
    assert [len(ids) for ids in scanned.values()] == [1, 1, 2, 1, 0]
    with JournalStore.open(journal_path, clock, readonly=True) as store:
        assert meant(store, "Anna Muller") == ("exact", "Anna Müller", [])
        assert not store._index_ready  # answered by the scan
        assert {name: [p.id for p in store.people_named(name)] for name in typed} == scanned
        assert store._index_ready  # the second lookup built the index
