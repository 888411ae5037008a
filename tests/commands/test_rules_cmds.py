"""The rules' subcommands: due, pace, snooze, lucky, could-help, intros, insights, chances."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from journal import lucky
from journal.cli import main
from journal.clock import FixedClock
from journal.model import Encounter, Person
from journal.store import JournalStore

TODAY = date(2026, 11, 29)
CLOCK = FixedClock(datetime(2026, 11, 29, 12, tzinfo=UTC))


def ago(days: int) -> date:
    return TODAY - timedelta(days=days)


def run(path: Path, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["--db", str(path), *args], clock=FixedClock(CLOCK.at), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def path(tmp_path: Path) -> Path:
    """A small journal: two people due, one fresh, one never met, one snoozed, one archived."""
    journal = tmp_path / "journal.json"
    anna = Person(name="Anna Müller", cadence_days=28, common_ground="cycling", needs="a Rust mentor")
    bob = Person(name="Bob Schulz", cadence_days=7, offers="Rust mentoring")
    carla = Person(name="Carla Weiß", company="Stripe", cadence_days=30)
    anna2 = Person(name="Anna Meier")
    dora = Person(name="Dora Klein", cadence_days=7, snoozed_until=TODAY + timedelta(days=3))
    emil = Person(name="Emil Roth", company="Schulz & Partner", archived=True)
    with JournalStore.open(journal, CLOCK) as store:
        settings = store.settings
        settings.skills = ["Rust"]
        store.save_settings(settings)
        store.save(
            anna,
            bob,
            carla,
            anna2,
            dora,
            emil,
            Encounter(date=ago(730), person_ids=[anna.id], place="PyCon"),
            Encounter(date=ago(35), person_ids=[anna.id], occasion="event"),
            Encounter(date=ago(28), person_ids=[bob.id], occasion="work", gave="code review"),
            Encounter(date=ago(2), person_ids=[carla.id], by_chance=True, summary="same train"),
            Encounter(date=ago(60), person_ids=[dora.id]),
        )
    return journal


def test_due_lists_the_most_overdue_first(path: Path) -> None:
    code, out, err = run(path, "due")
    assert code == 0 and err == ""
    assert out.splitlines() == [
        "Bob Schulz · last seen 4 weeks ago · every week",
        "Anna Müller · last seen 5 weeks ago · every 4 weeks",
    ]
    assert run(path, "due", "--limit", "1")[1].splitlines() == ["Bob Schulz · last seen 4 weeks ago · every week"]


def test_due_says_so_when_nobody_is_due(tmp_path: Path) -> None:
    journal = tmp_path / "empty.json"
    JournalStore.open(journal, CLOCK).close()
    code, out, _err = run(journal, "due")
    assert code == 0 and "Nobody is due" in out


def test_due_does_not_create_a_journal(tmp_path: Path) -> None:
    missing = tmp_path / "missing.json"
    code, _out, err = run(missing, "due")
    assert code == 2 and "no journal" in err
    assert not missing.exists()


def test_bad_limit_is_a_user_error(path: Path) -> None:
    code, _out, err = run(path, "due", "--limit", "-1")
    assert code == 1 and "--limit" in err


def test_lists_say_what_the_limit_left_out(path: Path) -> None:
    code, out, err = run(path, "due", "--limit", "1")
    assert code == 0 and len(out.splitlines()) == 1
    assert err == "… and 1 more; --limit 0 shows all\n"
    assert run(path, "due")[2] == ""  # no limit, nothing left out
    assert run(path, "due", "--limit", "0")[1] == run(path, "due")[1]
    code, out, err = run(path, "chances", "--limit", "1")
    assert code == 0 and len(out.splitlines()) == 1 and err == ""  # one entry: nothing left out


def add_reminders(path: Path) -> None:
    """A follow-up with Carla today (she was seen two days ago), a birthday in 3 days."""
    with JournalStore.open(path, CLOCK) as store:
        carla = next(p for p in store.people() if p.name == "Carla Weiß")
        store.save(
            Encounter(date=ago(2), person_ids=[carla.id], follow_up=TODAY, summary="the train"),
            Person(name="Jörg Weiß", birthday="1979-12-02"),
        )


def test_due_lists_follow_ups_and_birthdays_first(path: Path) -> None:
    add_reminders(path)
    code, out, _err = run(path, "due")
    assert code == 0
    assert out.splitlines()[:3] == [
        "Follow up with Carla Weiß today",
        "Jörg Weiß's birthday in 3 days (turns 47)",
        "Bob Schulz · last seen 4 weeks ago · every week",
    ]
    # --limit counts people due; the reminders always come.
    assert run(path, "due", "--limit", "1")[1].splitlines()[:2] == out.splitlines()[:2]


def test_today_prints_the_day_in_a_few_lines_and_writes_nothing(path: Path) -> None:
    add_reminders(path)
    before = path.read_bytes()
    code, out, err = run(path, "today")
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[:5] == [
        "Sun 29 Nov 2026",
        "Nobody logged yet today.",
        "• Follow up with Carla Weiß today",
        "• Jörg Weiß's birthday in 3 days (turns 47)",
        "Due for a check-in (2): Bob Schulz, Anna Müller",
    ]
    # The lucky pick is the one `netjournal lucky` shows, and neither records it.
    pick = run(path, "lucky")[1].splitlines()
    assert lines[5].startswith(f"Lucky encounter: {pick[0]} · {pick[1].strip()}")
    assert len(lines) == 6
    assert run(path, "today") == (code, out, err)
    assert path.read_bytes() == before


def test_today_names_who_you_met_so_far(path: Path) -> None:
    assert run(path, "add", "Anna Müller, Bob Schulz: lunch")[0] == 0
    assert run(path, "add", "Anna Müller: coffee")[0] == 0
    lines = run(path, "today")[1].splitlines()
    assert lines[1] == "Met so far (2 encounters): Anna Müller, Bob Schulz"
    assert "Nobody is due a check-in today." in lines


def test_today_in_german(path: Path) -> None:
    add_reminders(path)
    lines = run(path, "--lang", "de", "today")[1].splitlines()
    assert lines[:4] == [
        "So., 29.11.2026",
        "Heute noch niemand eingetragen.",
        "• Bei Carla Weiß nachhaken: heute",
        "• Jörg Weiß hat in 3 Tagen Geburtstag (wird 47)",
    ]


def test_snooze_takes_someone_off_the_due_list(path: Path) -> None:
    code, out, _err = run(path, "snooze", "Bob", "14")
    assert code == 0 and out.strip() == "Snoozed Bob Schulz until 2026-12-13."
    assert "Bob" not in run(path, "due")[1]
    code, out, _err = run(path, "snooze", "bob schulz", "0")
    assert code == 0 and "awake again" in out
    assert "Bob" in run(path, "due")[1]


def test_snooze_finds_by_fuzzy_name(path: Path) -> None:
    code, out, _err = run(path, "snooze", "carla weis", "3")
    assert code == 0 and "Carla Weiß" in out


def test_a_name_beats_a_company_of_the_same_word(path: Path) -> None:
    code, out, _err = run(path, "snooze", "schulz", "3")
    assert code == 0 and "Bob Schulz" in out


def test_snooze_refuses_an_ambiguous_or_unknown_name(path: Path) -> None:
    code, _out, err = run(path, "snooze", "Anna", "3")
    assert code == 1 and "could mean" in err and "Anna Müller" in err and "Anna Meier" in err
    code, _out, err = run(path, "snooze", "Zacharias", "3")
    assert code == 1 and "No one matches" in err
    code, _out, err = run(path, "snooze", "Bob", "-2")
    assert code == 1 and "whole number" in err


def test_pace_shows_the_rhythm(path: Path) -> None:
    code, out, _err = run(path, "pace", "Anna", "Müller")
    assert code == 0
    assert out.splitlines() == [
        "Anna Müller",
        "  rhythm: every 4 weeks (set by you)",
        "  last seen 5 weeks ago",
        "  due now",
        "  A good moment to get in touch.",
    ]


def test_lucky_is_stable_for_the_day_and_writes_nothing(path: Path) -> None:
    before = path.read_bytes()
    first = run(path, "lucky")
    assert first[0] == 0
    assert run(path, "lucky") == first
    name, reason, opener = first[1].splitlines()
    assert name in {"Anna Müller", "Bob Schulz", "Anna Meier"}
    assert reason.startswith("  ") and opener.startswith("  Try: “") and opener.endswith("”")
    assert path.read_bytes() == before  # a read-only command: not even the pick is recorded


def test_lucky_seed_and_reroll(path: Path) -> None:
    by_seed = {run(path, "lucky", "--seed", str(s))[1].splitlines()[0] for s in range(60)}
    assert by_seed == {"Anna Müller", "Bob Schulz", "Anna Meier"}
    first = run(path, "lucky")[1].splitlines()[0]
    rerolled = [run(path, "lucky", "--reroll")[1].splitlines()[0] for _ in range(2)]
    assert sorted([first, *rerolled]) == ["Anna Meier", "Anna Müller", "Bob Schulz"]
    # The latest reroll is the day's pick from now on, here and in the app.
    assert run(path, "lucky")[1].splitlines()[0] == rerolled[-1]
    with JournalStore.open(path, CLOCK, readonly=True) as store:
        assert [(p.reroll, p.outcome) for p in store.lucky_picks()] == [(0, "shown"), (1, "shown"), (2, "shown")]
        assert lucky.pick_to_show_for(store, TODAY).pick.person.name == rerolled[-1]  # type: ignore[union-attr]


def test_lucky_reached_out_logs_the_pick_shown_and_starts_the_guard(path: Path) -> None:
    run(path, "lucky", "--reroll")
    name = run(path, "lucky")[1].splitlines()[0]
    code, out, _err = run(path, "lucky", "--reached-out")
    assert code == 0 and out.splitlines()[0] == name and f"Logged: you reached out to {name} today." in out
    with JournalStore.open(path, CLOCK, readonly=True) as store:
        person = store.find_person(name)
        assert person is not None
        last = store.encounters_with(person.id)[-1]
        assert (last.date, last.direction, last.lucky) == (TODAY, "outreach", True)
        assert [(p.outcome, p.reroll) for p in store.lucky_picks()][-1] == ("reached_out", 1)
    assert name not in run(path, "due")[1]
    pace = run(path, "pace", name)[1]
    assert "not heard back" in pace and "1 message without a reply: waiting 2× as long" in pace
    # The day's pick stays, with what came of it; a second --reached-out logs nothing more.
    out = run(path, "lucky")[1].splitlines()
    assert out[0] == name and out[-1] == "  You reached out today. Now give them time; --reroll shows someone else."
    code, out, _err = run(path, "lucky", "--reached-out")
    assert code == 0 and "Already logged today" in out


def test_lucky_reached_out_on_a_pick_never_recorded_records_it(path: Path) -> None:
    name = run(path, "lucky")[1].splitlines()[0]
    run(path, "lucky", "--reached-out")
    with JournalStore.open(path, CLOCK, readonly=True) as store:
        assert [p.outcome for p in store.lucky_picks()] == ["shown", "reached_out"]
    assert run(path, "lucky")[1].splitlines()[0] == name


def test_lucky_not_now_records_without_penalty(path: Path) -> None:
    before = run(path, "lucky")[1]
    code, out, _err = run(path, "lucky", "--not-now")
    assert code == 0 and "Not now" in out and "--reroll" in out
    after = run(path, "lucky")[1]
    assert after.splitlines()[:3] == before.splitlines()[:3] and after.endswith("  Not now, then. No harm done.\n")


def test_add_warns_gently_when_reaching_out_too_soon(path: Path) -> None:
    # Carla was met by chance two days ago: a message now is sooner than a third of her 30 days.
    code, out, err = run(path, "add", "Carla Weiß !out !message: asked about the slides")
    assert code == 0 and "Saved 2026-11-29" in out
    assert err.startswith("Note: You were in touch with Carla Weiß 2 days ago") and "Give them time" in err
    # Logged anyway, and a second message at once warns about the unanswered one.
    code, out, err = run(path, "add", "Carla Weiß !out: one more thing")
    assert code == 0 and "not heard back yet" in err
    with JournalStore.open(path, CLOCK, readonly=True) as store:
        carla = store.find_person("Carla Weiß")
        assert carla is not None and [e.direction for e in store.encounters_with(carla.id)][-2:] == [
            "outreach",
            "outreach",
        ]
    # A meeting, someone due, or a new person: no note.
    assert run(path, "add", "Carla Weiß: lunch")[2] == ""
    assert run(path, "add", "Anna Müller !out: how is the Rust book going?")[2] == ""
    assert run(path, "add", "Zoe Neu !out: hello")[2] == ""


def test_lucky_when_nobody_fits(tmp_path: Path) -> None:
    journal = tmp_path / "j.json"
    with JournalStore.open(journal, CLOCK) as store:
        anna = Person(name="Anna")
        store.save(anna, Encounter(date=TODAY, person_ids=[anna.id]))
    code, out, _err = run(journal, "lucky")
    assert code == 0 and "No lucky encounter today" in out


def test_could_help_and_intros(path: Path) -> None:
    code, out, _err = run(path, "could-help")
    assert code == 0 and out.strip() == "Anna Müller needs a Rust mentor · you know Rust"
    code, out, _err = run(path, "intros")
    assert code == 0 and out.strip() == "Anna Müller needs a Rust mentor; Bob Schulz offers Rust mentoring"


def test_insights_prints_the_figures(path: Path) -> None:
    code, out, _err = run(path, "insights")
    assert code == 0
    assert "Encounters per week, last 52 weeks: 4 in all" in out
    assert "Occasions, last 90 days: work 1 · event 1" in out
    assert "Not used lately: travel, friends, hobby, club, neighbourhood, everyday, online" in out
    assert out.splitlines()[5].endswith("2026-10 0/0  2026-11 1/0")
    assert "Contacted in the last 30 days: 2 · due now: 2" in out
    assert "Streak: 0 days" in out
    assert "Chance log: 1" in out


def test_chances_lists_the_chance_log(path: Path) -> None:
    code, out, _err = run(path, "chances")
    assert code == 0 and out.strip() == "2026-11-27 · Carla Weiß · by chance · same train"


def test_could_help_and_intros_say_what_the_limit_left_out(tmp_path: Path) -> None:
    journal = tmp_path / "j.json"
    with JournalStore.open(journal, CLOCK) as store:
        settings = store.settings
        settings.skills = ["Rust"]
        store.save_settings(settings)
        store.save(
            *[Person(name=f"Seeker {n:02}", needs="a Rust mentor") for n in range(25)],
            Person(name="Helper One", offers="Rust mentoring"),
        )
    code, out, err = run(journal, "could-help")
    assert code == 0 and len(out.splitlines()) == 20 and err == "… and 5 more; --limit 0 shows all\n"
    code, out, err = run(journal, "intros", "--limit", "3")
    assert code == 0 and len(out.splitlines()) == 3 and err == "… and 22 more; --limit 0 shows all\n"
    code, out, err = run(journal, "intros", "--limit", "0")
    assert len(out.splitlines()) == 25 and err == ""
