"""Names on the command line: add, show, pace, snooze and forget resolve them as quick-add does."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from journal.cli import main
from journal.clock import FixedClock
from journal.model import Person
from journal.store import JournalStore


def run(path: Path, clock: FixedClock, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["--db", str(path), *args], clock=clock, out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def path(journal_path: Path, clock: FixedClock) -> Path:
    with JournalStore.open(journal_path, clock) as store:
        store.save(
            Person(name="Anna Müller", company="Stripe"),
            Person(name="Anna Meier", role="Baker"),
            Person(name="Bob Schulz"),
            Person(name="Giorgos Martínez", aliases=["George"]),
            Person(name="Karl Krause"),
            Person(name="Kim Lee"),
        )
    return journal_path


def names_in(path: Path, clock: FixedClock) -> list[str]:
    with JournalStore.open(path, clock, readonly=True) as store:
        return sorted(p.name for p in store.people())


def test_add_takes_a_clear_first_name(path: Path, clock: FixedClock) -> None:
    code, out, err = run(path, clock, "add", "Bob, Giorgos: quick test")
    assert code == 0, err
    assert out.splitlines() == ["Saved 2026-11-29: Bob Schulz, Giorgos Martínez · “quick test”"]
    assert "Bob" not in names_in(path, clock)  # no new "Bob"
    with JournalStore.open(path, clock, readonly=True) as store:
        bob = store.find_person("Bob Schulz")
        assert bob is not None and [e.summary for e in store.encounters_with(bob.id)] == ["quick test"]


def test_add_lists_the_candidates_of_an_unclear_name_and_saves_nothing(path: Path, clock: FixedClock) -> None:
    before = path.read_bytes()
    code, out, err = run(path, clock, "add", "Bob, anna: quick test")
    assert code == 1 and out == ""
    lines = err.splitlines()
    assert lines[0] == "“anna” could mean:"
    assert {lines[1], lines[2]} == {"  Anna Müller · Stripe · not seen yet", "  Anna Meier · Baker · not seen yet"}
    assert '--new "anna"' in lines[-1] and "full name" in lines[-1]
    assert path.read_bytes() == before


def test_add_with_new_makes_a_new_person_of_that_name(path: Path, clock: FixedClock) -> None:
    code, out, err = run(path, clock, "add", "Bob, anna: quick test", "--new", "Anna")
    assert code == 0, err
    assert "New people: anna" in out and "anna" in names_in(path, clock)
    code, _out, err = run(path, clock, "add", "Bob: hi", "--new", "Carla")
    assert code == 1 and "--new “Carla” is not one of the names in the line (Bob)" in err


def test_add_refuses_a_sentence_and_shows_the_syntax(path: Path, clock: FixedClock) -> None:
    before = path.read_bytes()
    code, out, err = run(path, clock, "add", "Meeting with the team")
    assert code == 1 and out == "" and path.read_bytes() == before
    assert "reads like a sentence" in err
    assert 'netjournal add "Anna Müller, Bob: meeting with the team"' in err
    assert '--new "Meeting with the team"' in err
    # With a colon, or asked for, the name is taken as given.
    code, out, err = run(path, clock, "add", "Meeting with the team", "--new", "Meeting with the team")
    assert code == 0 and "New people: Meeting with the team" in out


@pytest.mark.parametrize("command", [["show"], ["pace"], ["snooze", "--", "{name}", "3"]])
def test_commands_list_the_candidates_of_an_unclear_name(path: Path, clock: FixedClock, command: list[str]) -> None:
    before = path.read_bytes()
    args = [a.replace("{name}", "k") for a in command] if "{name}" in command else [*command, "k"]
    code, out, err = run(path, clock, *args)
    assert code == 1 and out == "" and path.read_bytes() == before
    assert err.startswith("“k” could mean:\n")
    assert "  Karl Krause · not seen yet" in err and "  Kim Lee · not seen yet" in err
    assert f'`netjournal {command[0]} "' in err


def test_show_takes_a_clear_name_and_the_only_candidate(path: Path, clock: FixedClock) -> None:
    assert run(path, clock, "show", "george")[1].startswith("Giorgos Martínez  (also: George)\n")
    assert run(path, clock, "show", "stripe")[1].startswith("Anna Müller\n")  # the only one at Stripe
    code, _out, err = run(path, clock, "show", "anna")
    assert code == 1 and "Anna Müller · Stripe" in err and "Anna Meier · Baker" in err


def test_forget_lists_people_who_share_a_name(journal_path: Path, clock: FixedClock) -> None:
    with JournalStore.open(journal_path, clock) as store:
        store.save(Person(name="Kim Lee", company="Acme"), Person(name="Kim Lee", company="Other"))
    code, _out, err = run(journal_path, clock, "forget", "Kim Lee", "--yes")
    assert code == 1 and "2 people are called “Kim Lee”" in err
    assert "  Kim Lee · Acme · not seen yet" in err and "  Kim Lee · Other · not seen yet" in err
