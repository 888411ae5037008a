"""Rules 3 and 4: who could I help, introductions, and giving without a ledger."""

from __future__ import annotations

from dataclasses import fields
from datetime import date

import pytest

from journal import givefirst
from journal.model import Encounter, Person


def test_items_split_free_text() -> None:
    assert givefirst.items("a Rust mentor; feedback on a pitch deck\n- a flat, in Berlin") == [
        "a Rust mentor",
        "feedback on a pitch deck",
        "a flat",
        "in Berlin",
    ]
    assert givefirst.items("") == []


def test_content_words_fold_and_drop_filler() -> None:
    assert givefirst.content_words("Suche Hilfe bei der Steuererklärung!") == {"steuererklaerung"}
    assert givefirst.content_words("Looking for a Rust mentor") == {"rust", "mentor"}


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("rust", "rust", True),
        ("kubernetes", "kubernets", True),  # a typo
        ("mentor", "mentoring", True),  # an ending
        ("steuern", "steuererklaerung", True),  # a German compound
        ("java", "javascript", False),  # too short a shared start
        ("startup", "starten", False),
        ("tax", "tag", False),
    ],
)
def test_words_match(a: str, b: str, same: bool) -> None:
    assert givefirst.words_match(a, b) is same


def test_who_could_i_help_matches_skills_and_past_gifts() -> None:
    anna = Person(name="Anna", needs="a Rust mentor")
    bob = Person(name="Bob", needs="Hilfe bei der Steuererklärung")
    carla = Person(name="Carla", needs="someone who knows beekeeping")
    gone = Person(name="Gone", needs="a Rust mentor", archived=True)
    nobody = Person(name="Nobody")
    matches = givefirst.who_could_i_help(
        [carla, bob, anna, gone, nobody], ["Rust", "Python packaging"], ["Tipps zu Steuern für Freiberufler"]
    )
    assert [(m.person.name, m.source, m.offer, m.need) for m in matches] == [
        ("Anna", "skill", "Rust", "a Rust mentor"),
        ("Bob", "gave", "Tipps zu Steuern für Freiberufler", "Hilfe bei der Steuererklärung"),
    ]
    assert matches[0].score == 100.0


def test_a_skill_beats_a_past_gift_at_equal_score() -> None:
    anna = Person(name="Anna", needs="rust")
    [match] = givefirst.who_could_i_help([anna], ["Rust"], ["Rust"])
    assert match.source == "skill"


def test_generic_words_alone_do_not_match() -> None:
    anna = Person(name="Anna", needs="advice on tax")
    assert givefirst.who_could_i_help([anna], [], ["advice on housing"]) == []


def test_gave_texts_are_distinct_and_newest_first() -> None:
    encounters = [
        Encounter(date=date(2026, 11, 2), person_ids=["a"], gave="Intro to Carla"),
        Encounter(date=date(2026, 11, 1), person_ids=["b"], gave="intro to carla"),
        Encounter(date=date(2026, 10, 1), person_ids=["b"], gave=""),
        Encounter(date=date(2026, 9, 1), person_ids=["c"], gave="a book tip"),
    ]
    assert givefirst.gave_texts(encounters) == ["Intro to Carla", "a book tip"]


def _small_journal() -> dict[str, Person]:
    people = [
        Person(name="Anna", needs="a Rust mentor; a flat in Berlin", offers="Python packaging"),
        Person(name="Bob", needs="help with Python packaging", offers="Rust mentoring, code review"),
        Person(name="Carla", needs="feedback on her pitch deck"),
        Person(name="Dan", offers="pitch deck feedback; investor contacts"),
        Person(name="Eve", needs="a Rust mentor", offers="Rust mentoring"),  # not matched with herself
        Person(name="Finn", offers="a flat share in Hamburg", archived=True),
        Person(name="Gus", needs="beekeeping", offers="woodwork"),
    ]
    return {p.name: p for p in people}


def test_introductions_in_a_small_journal() -> None:
    people = _small_journal()
    pairs = givefirst.introductions(people.values())
    found = {frozenset((i.seeker.name, i.helper.name)): i for i in pairs}
    assert set(found) == {
        frozenset(("Anna", "Bob")),
        frozenset(("Carla", "Dan")),
        frozenset(("Anna", "Eve")),
        frozenset(("Bob", "Eve")),
    }
    assert len(pairs) == len(found)  # no pair twice
    anna_bob = found[frozenset(("Anna", "Bob"))]
    assert anna_bob.mutual and anna_bob.score == 100.0
    carla_dan = found[frozenset(("Carla", "Dan"))]
    assert (carla_dan.seeker.name, carla_dan.helper.name) == ("Carla", "Dan")
    assert (carla_dan.need, carla_dan.offer) == ("feedback on her pitch deck", "pitch deck feedback")
    assert not carla_dan.mutual
    # Mutual pairs lead among equals.
    assert pairs[0].mutual


def test_introductions_limit_and_empty() -> None:
    assert len(givefirst.introductions(_small_journal().values(), limit=2)) == 2
    assert givefirst.introductions([]) == []
    assert givefirst.introductions([Person(name="Solo", needs="rust", offers="rust")]) == []


def test_giving_lists_both_sides_and_keeps_no_balance() -> None:
    encounters = [
        Encounter(date=date(2026, 11, 1), person_ids=["a"], gave="intro to Carla"),
        Encounter(date=date(2026, 11, 5), person_ids=["a"], received="a book tip"),
        Encounter(date=date(2026, 11, 9), person_ids=["a"], gave="CV review", received="lunch"),
    ]
    result = givefirst.giving(encounters)
    assert result.gave == [(date(2026, 11, 1), "intro to Carla"), (date(2026, 11, 9), "CV review")]
    assert result.came_back == [(date(2026, 11, 5), "a book tip"), (date(2026, 11, 9), "lunch")]
    assert {f.name for f in fields(result)} == {"gave", "came_back"}


@pytest.mark.parametrize(
    ("need", "offer"),
    [
        ("a Rust mentor", "Rust mentoring, code review"),
        ("Kubernets deployment help", "Kubernetes"),
        ("Steuererklärung und Steuern", "Steuern sparen"),
        ("pitch deck feedback", "feedback on a pitch deck for investors"),
        ("python job", "Python packaging"),
    ],
)
def test_the_index_scores_like_overlap_score(need: str, offer: str) -> None:
    expected, _matched = givefirst.overlap_score(givefirst.content_words(need), givefirst.content_words(offer))
    hits = givefirst.OfferIndex([(offer, "x")]).matches(need, min_score=0.01)
    assert [round(h[0], 6) for h in hits] == [round(expected, 6)]
