"""netjournal people / show / forget: fuzzy finding, the person page as text, forgetting someone."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest

from journal.cli import main
from journal.clock import FixedClock
from journal.model import Address, DateEntry, Email, Encounter, Person, Phone, Relationship, Settings, Website
from journal.store import JournalStore


def run(args: list[str], clock: FixedClock) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(args, clock=clock, out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def filled(journal_path: Path, clock: FixedClock) -> Path:
    with JournalStore.open(journal_path, clock) as store:
        anna = Person(
            name="Anna Müller",
            aliases=["Anni"],
            company="Stripe",
            role="Engineer",
            tags=["rust"],
            platforms={"XING": "anna.x", "LinkedIn": "anna-m", "Mastodon": "@anna@social.example"},
            common_ground="cycling to work; both moved from Leipzig",
            offers="Rust code reviews",
            needs="a flat in Berlin",
            how_we_met="PyCon 2024",
            cadence_days=28,
        )
        bob = Person(name="Bob Schulz", company="Zalando")
        store.save(anna, bob)
        store.save_settings(Settings(active_platforms=["Mastodon", "LinkedIn"]))
        store.save(
            Encounter(
                date=date(2026, 11, 8),
                person_ids=[anna.id],
                occasion="event",
                place="PyCon Berlin",
                summary="talked about Rust",
                gave="intro to Carla",
            ),
            Encounter(
                date=date(2026, 11, 28),
                person_ids=[anna.id, bob.id],
                channel="call",
                summary="planned the meetup with Anna Müller",
                received="a book tip",
                gave="slides",
            ),
        )
    return journal_path


def test_people_finds_without_umlaut_and_by_company(filled: Path, clock: FixedClock) -> None:
    code, out, _ = run(["--db", str(filled), "people", "muller"], clock)
    assert code == 0 and out.splitlines()[0].startswith("Anna Müller · Stripe · #rust · last seen yesterday")
    code, out, _ = run(["--db", str(filled), "people", "zaland", "--limit", "1"], clock)
    assert out.splitlines() == ["Bob Schulz · Zalando · last seen yesterday"]


def test_show_prints_the_page_common_ground_first_active_platforms_first(filled: Path, clock: FixedClock) -> None:
    code, out, err = run(["--db", str(filled), "show", "ann"], clock)
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "Anna Müller  (also: Anni)"
    assert lines[2] == "What connects us: cycling to work; both moved from Leipzig"
    assert "Stripe · Engineer · #rust" in lines
    platforms = lines[lines.index("Platforms:") + 1 : lines.index("Platforms:") + 4]
    assert platforms == ["  ★ Mastodon: @anna@social.example", "  ★ LinkedIn: anna-m", "    XING: anna.x"]
    assert "Offers: Rust code reviews" in lines and "Needs: a flat in Berlin" in lines
    assert "Check-in: every 4 weeks (set by you) · last seen yesterday · next in 4 weeks" in lines
    assert "You gave 2 times · 1 thing came back" in lines
    assert "Timeline (2):" in lines
    timeline = lines[lines.index("Timeline (2):") + 1 :]
    assert timeline[0] == "- yesterday · Sat 28 Nov 2026 · call · with Bob Schulz"
    assert "    came back: a book tip" in timeline
    assert "- 3 weeks ago · Sun 8 Nov 2026 · event · @ PyCon Berlin" in timeline
    assert "balance" not in out.lower()


def test_show_prints_every_contact_field(journal_path: Path, clock: FixedClock) -> None:
    with JournalStore.open(journal_path, clock) as store:
        bob = Person(name="Bob Schulz")
        dora = Person(name="Dora Roth", emails=[Email("anna@example.org")])
        anna = Person(
            name="Dr. Anna Müller",
            name_prefix="Dr.",
            given_name="Anna",
            family_name="Müller",
            emails=[Email("anna@home.example", ["home"]), Email("anna@example.org", ["work"], True)],
            phones=[Phone("+49 170 1234567", ["cell"], True)],
            addresses=[Address("Hauptstr. 1", "Berlin", "", "10115", "Germany", kinds=["home"])],
            websites=[Website("https://anna.example")],
            birthday="1980-12-02",
            dates=[DateEntry("anniversary", "--06-12")],
            relationships=[Relationship("introduced by", bob.id), Relationship("partner of", name="Kim")],
            maybe_same=[dora.id],
        )
        store.save(bob, dora, anna)
    code, out, err = run(["--db", str(journal_path), "show", "Dr. Anna Müller"], clock)
    assert code == 0, err
    lines = out.splitlines()
    for line in [
        "Name: prefix: Dr. · given name: Anna · family name: Müller",
        "e-mail · work ★: anna@example.org",
        "e-mail · home: anna@home.example",
        "phone · mobile ★: +49 170 1234567",
        "web: https://anna.example",
        "address · home: Hauptstr. 1, 10115 Berlin, Germany",
        "Birthday: 2 Dec 1980 (45) · in 3 days",
        "anniversary: 12 Jun · in 6 months",
        "Related: introduced by Bob Schulz",
        "Related: partner of Kim (not in the journal)",
        "May be the same person as: Dora Roth",
    ]:
        assert line in lines, (line, lines)
    # Bob's page names the relationship from the other side.
    code, out, _err = run(["--db", str(journal_path), "show", "Bob Schulz"], clock)
    assert "Related: Dr. Anna Müller · introduced by Bob Schulz" in out.splitlines()


def test_show_takes_the_best_fuzzy_match_and_names_the_runners_up(filled: Path, clock: FixedClock) -> None:
    code, out, _ = run(["--db", str(filled), "show", "schulz"], clock)
    assert code == 0 and out.startswith("Bob Schulz\n")
    assert "What connects us: (not noted yet" in out
    code, out, err = run(["--db", str(filled), "show", "nobody-like-this"], clock)
    assert code == 1 and "No one matches" in err and out == ""


def test_forget_needs_yes_without_a_terminal_and_changes_nothing(
    filled: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    before = filled.read_bytes()
    code, _out, err = run(["--db", str(filled), "forget", "Anna Müller"], clock)
    assert code == 1 and "--yes" in err and "1 encounter with only them" in err
    assert filled.read_bytes() == before


def test_forget_with_yes_removes_every_trace(filled: Path, clock: FixedClock) -> None:
    code, out, err = run(["--db", str(filled), "forget", "anna mueller", "--yes"], clock)
    assert code == 0, err
    assert out.startswith("Forgot Anna Müller:")
    text = filled.read_text()
    for form in ("Anna Müller", "Anni", "anna-m", "Leipzig", "Müller"):
        assert form not in text
    code, out, _ = run(["--db", str(filled), "people"], clock)
    assert out.splitlines() == ["Bob Schulz · Zalando · last seen yesterday"]
    code, out, _ = run(["--db", str(filled), "show", "bob"], clock)
    assert "planned the meetup with (forgotten)" in out


def test_forget_asks_on_a_terminal(filled: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("journal.commands.people_cmds._is_tty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    before = filled.read_bytes()
    code, out, err = run(["--db", str(filled), "forget", "Anni"], clock)
    assert code == 1 and "Forget Anna Müller for good?" in out and "Nothing was changed" in err
    assert filled.read_bytes() == before
    monkeypatch.setattr("builtins.input", lambda prompt: "anna müller")
    code, out, err = run(["--db", str(filled), "forget", "Anni"], clock)
    assert code == 0 and "Forgot Anna Müller" in out


def test_forget_wants_an_exact_name(filled: Path, clock: FixedClock) -> None:
    before = filled.read_bytes()
    code, _out, err = run(["--db", str(filled), "forget", "ann", "--yes"], clock)
    assert code == 1 and "Did you mean: Anna Müller" in err
    assert filled.read_bytes() == before


def test_forget_refuses_when_two_people_share_the_name(journal_path: Path, clock: FixedClock) -> None:
    with JournalStore.open(journal_path, clock) as store:
        store.save(Person(name="Kim Lee"), Person(name="Kim Lee", company="Other"))
    code, _out, err = run(["--db", str(journal_path), "forget", "Kim Lee", "--yes"], clock)
    assert code == 1 and "2 people are called" in err


def test_people_marks_archived_people(filled: Path, clock: FixedClock) -> None:
    from dataclasses import replace

    with JournalStore.open(filled, clock) as store:
        bob = store.find_person("Bob Schulz")
        store.save(replace(bob, archived=True))
    code, out, _ = run(["--db", str(filled), "people", "bob"], clock)
    assert code == 0 and out.splitlines()[0] == "Bob Schulz (archived) · Zalando · last seen yesterday"


def test_people_says_how_many_the_limit_left_out(journal_path: Path, clock: FixedClock) -> None:
    with JournalStore.open(journal_path, clock) as store:
        store.save(*[Person(name=f"Person {n:03}", tags=["many"]) for n in range(120)], Person(name="Zed"))
    code, out, err = run(["--db", str(journal_path), "people"], clock)
    assert code == 0 and len(out.splitlines()) == 20
    assert err == "… and 101 more; --limit 0 shows all\n"
    code, out, err = run(["--db", str(journal_path), "people", "many", "--limit", "100"], clock)
    assert len(out.splitlines()) == 100 and err == "… and 20 more; --limit 0 shows all\n"
    code, out, err = run(["--db", str(journal_path), "people", "--limit", "0"], clock)
    assert len(out.splitlines()) == 121 and err == ""
    code, out, err = run(["--db", str(journal_path), "people", "zed"], clock)
    assert out.splitlines() == ["Zed · not seen yet"] and err == ""
