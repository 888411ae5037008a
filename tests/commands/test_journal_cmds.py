from __future__ import annotations

import gc
import io
import stat
from pathlib import Path

import pytest

from journal.cli import main
from journal.clock import FixedClock
from journal.store import JournalStore
from tests.conftest import stored_document


def run(args: list[str], clock: FixedClock) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(args, clock=clock, out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_add_saves_says_what_and_creates_people(journal_path: Path, clock: FixedClock) -> None:
    code, out, err = run(
        [
            "--db",
            str(journal_path),
            "add",
            "Anna Müller, Bob @ Café Kranzler #berlin: talked about Rust; gave: intro to Carla",
        ],
        clock,
    )
    assert code == 0, err
    assert "Saved 2026-11-29" in out and "Café Kranzler" in out
    assert "New people: Anna Müller, Bob" in out
    data = stored_document(journal_path)
    (enc,) = data["encounters"].values()
    assert enc["place"] == "Café Kranzler" and enc["tags"] == ["berlin"] and enc["gave"] == "intro to Carla"
    assert stat.S_IMODE(journal_path.stat().st_mode) == 0o600


def test_add_reuses_known_people_and_takes_a_date(journal_path: Path, clock: FixedClock) -> None:
    run(["--db", str(journal_path), "add", "Anna Müller: first"], clock)
    code, out, _ = run(["--db", str(journal_path), "add", "anna müller: second", "--date", "yesterday"], clock)
    assert code == 0
    assert "New people" not in out
    with JournalStore.open(journal_path, clock, readonly=True) as store:
        (anna,) = store.people()
        assert [(e.date.isoformat(), e.summary) for e in store.encounters_with(anna.id)] == [
            ("2026-11-28", "second"),
            ("2026-11-29", "first"),
        ]


def test_people_finds_by_folded_name(journal_path: Path, clock: FixedClock) -> None:
    run(["--db", str(journal_path), "add", "Anna Müller, Bob Schulz: coffee"], clock)
    code, out, _ = run(["--db", str(journal_path), "people", "muller"], clock)
    assert code == 0
    assert out.splitlines()[0].startswith("Anna Müller")
    assert "last seen today" in out


@pytest.mark.parametrize(
    "args",
    [
        ["add", ": no names here"],
        ["add", "   "],
        ["add", "Anna: x", "--date", "someday soon"],
        ["people", "--limit", "-1"],
        ["add", "Meeting with the team"],
    ],
)
def test_user_errors_exit_1_and_change_nothing(journal_path: Path, clock: FixedClock, args: list[str]) -> None:
    run(["--db", str(journal_path), "add", "Anna: seed"], clock)
    before = journal_path.read_bytes()
    code, _out, err = run(["--db", str(journal_path), *args], clock)
    assert code == 1
    assert err.strip()
    assert journal_path.read_bytes() == before


def test_unreadable_journal_exits_2_untouched(journal_path: Path, clock: FixedClock) -> None:
    journal_path.write_bytes(b"{not json")
    code, _, err = run(["--db", str(journal_path), "add", "Anna: x"], clock)
    assert code == 2
    assert "untouched" in err
    assert journal_path.read_bytes() == b"{not json"


@pytest.mark.parametrize("args", [["add", "Anna Müller: coffee"], ["people", "anna"]])
def test_a_command_switches_the_collector_back_on(journal_path: Path, clock: FixedClock, args: list[str]) -> None:
    # The netjournal command starts with it off (journal.cli.entry), for the app's start-up.
    assert run(["--db", str(journal_path), "add", "Bob Schulz: lunch"], clock)[0] == 0
    gc.disable()
    try:
        code, _out, _err = run(["--db", str(journal_path), *args], clock)
        assert code == 0
        assert gc.isenabled()
    finally:
        gc.enable()


def test_add_works_while_the_journal_is_open(journal_path: Path, clock: FixedClock) -> None:
    with JournalStore.open(journal_path, clock) as app_store:
        code, _, err = run(["--db", str(journal_path), "add", "Anna: x"], clock)
        assert code == 0, err
        (change,) = app_store.poll()
        assert change.source == "log" and {r.TABLE for r in change.records} == {"people", "encounters"}
        assert [p.name for p in app_store.people()] == ["Anna"]


def test_env_var_chooses_the_journal(tmp_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "elsewhere" / "j.json"
    monkeypatch.setenv("NETJOURNAL_DB", str(target))
    code, _, _ = run(["add", "Anna: x"], clock)
    assert code == 0 and target.exists()


def test_default_location_is_the_user_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from journal.paths import resolve_journal_path

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert resolve_journal_path(None, environ={}) == tmp_path / "data" / "netjournal" / "journal.json"


def test_version_and_help(clock: FixedClock, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--version"], clock=clock)
    assert caught.value.code == 0
    assert "netjournal" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["--help"], clock=clock)
    assert "add" in capsys.readouterr().out


def test_python_dash_m_journal_runs(journal_path: Path) -> None:
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "journal", "--db", str(journal_path), "add", "Anna: hi"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Anna" in result.stdout


def test_opening_writes_one_backup_a_day(journal_path: Path, clock: FixedClock) -> None:
    run(["--db", str(journal_path), "add", "Anna: first"], clock)
    run(["--db", str(journal_path), "add", "Anna: second"], clock)
    backups = sorted((journal_path.parent / "backups").glob("*.json"))
    assert [b.name for b in backups] == ["journal-daily-2026-11-29.json"]
    assert stat.S_IMODE(backups[0].stat().st_mode) == 0o600


def test_a_journal_that_fails_to_open_is_never_backed_up(journal_path: Path, clock: FixedClock) -> None:
    journal_path.write_bytes(b"{broken")
    assert run(["--db", str(journal_path), "people"], clock)[0] == 2
    assert not (journal_path.parent / "backups").exists()


def test_opening_the_app_imports_no_command_module() -> None:
    from journal.commands import modules_for

    assert modules_for([]) == []
    assert modules_for(["--db", "add", "--lang", "de"]) == []  # option values are not commands
    assert [m.__name__ for m in modules_for(["--db", "x", "due"])] == ["journal.commands.rules"]
    assert len(modules_for(["--help"])) == len(modules_for(["no-such-command"])) > 1


def test_a_usage_mistake_is_a_user_error(
    journal_path: Path, clock: FixedClock, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--db", str(journal_path), "no-such-command"], clock=clock)
    assert caught.value.code == 1
    assert "invalid choice" in capsys.readouterr().err
    assert not journal_path.exists()


def test_add_records_the_time_when_logged_for_today(journal_path: Path, clock: FixedClock) -> None:
    db = ["--db", str(journal_path)]
    assert run([*db, "add", "Anna Müller: just now"], clock)[0] == 0
    assert run([*db, "add", "Anna Müller: earlier", "--date", "yesterday"], clock)[0] == 0
    assert run([*db, "add", "Anna Müller: at nine; at: 9am"], clock)[0] == 0
    with JournalStore.open(journal_path, clock, readonly=True) as store:
        times = {e.summary: (e.date.isoformat(), e.time) for e in store.encounters()}
    assert times == {
        "just now": ("2026-11-29", "14:30"),
        "earlier": ("2026-11-28", None),
        "at nine": ("2026-11-29", "09:00"),
    }


def test_add_keeps_a_numbered_place_and_reads_next_friday(journal_path: Path, clock: FixedClock) -> None:
    code, out, err = run(
        ["--db", str(journal_path), "add", "Anna Müller @ Café #1, Berlin: coffee; follow-up: next friday"],
        FixedClock(clock.at.replace(day=30)),  # a Monday: next friday is in next week
    )
    assert code == 0, err
    assert "@ Café #1, Berlin" in out
    with JournalStore.open(journal_path, clock, readonly=True) as store:
        (encounter,) = store.encounters()
    assert (encounter.place, encounter.tags) == ("Café #1, Berlin", [])
    assert encounter.follow_up is not None and encounter.follow_up.isoformat() == "2026-12-11"


def test_add_and_people_decode_only_what_they_need(tmp_path: Path, clock: FixedClock) -> None:
    """`add` and `people` open the journal lazily (journal.lazy_encounters): an old encounter that
    cannot be read does not stop them; a command that reads every encounter refuses the journal,
    naming the record, and the document is never rewritten around it."""
    import orjson

    db = tmp_path / "j.json"
    assert run(["--db", str(db), "add", "Anna Müller: coffee", "--date", "2026-10-01"], clock)[0] == 0
    with JournalStore.open(db, clock) as store:
        store.compact()
    document = orjson.loads(db.read_bytes())
    old = next(iter(document["encounters"].values()))
    old["channel"] = "telepathy"
    db.write_bytes(orjson.dumps(document))
    stored = db.read_bytes()

    code, out, err = run(["--db", str(db), "add", "Anna Müller: lunch"], clock)
    assert code == 0, err
    code, out, _err = run(["--db", str(db), "people", "anna"], clock)
    assert code == 0 and "Anna Müller" in out and "today" in out
    code, out, err = run(["--db", str(db), "insights"], clock)
    assert code == 2 and f"record {old['id']}" in err and "field “channel”" in err
    assert db.read_bytes() == stored  # the new encounter waits in the change log


def test_show_pace_and_snooze_read_only_that_persons_encounters(tmp_path: Path, clock: FixedClock) -> None:
    """A bad encounter of someone else does not stop them; one of the person asked about does."""
    import orjson

    db = tmp_path / "j.json"
    assert run(["--db", str(db), "add", "Anna Müller: coffee", "--date", "2026-10-01"], clock)[0] == 0
    assert run(["--db", str(db), "add", "Bob Schulz: lunch", "--date", "2026-10-02"], clock)[0] == 0
    with JournalStore.open(db, clock) as store:
        store.compact()
        bob = store.find_person("Bob Schulz")
    assert bob is not None
    document = orjson.loads(db.read_bytes())
    bobs = next(r for r in document["encounters"].values() if bob.id in r["person_ids"])
    bobs["channel"] = "telepathy"
    db.write_bytes(orjson.dumps(document))

    for args in (["show", "Anna", "Müller"], ["pace", "Anna", "Müller"], ["snooze", "Anna", "Müller", "10"]):
        code, out, err = run(["--db", str(db), *args], clock)
        assert code == 0 and "Anna Müller" in out, (args, err)
    code, out, err = run(["--db", str(db), "show", "Bob", "Schulz"], clock)
    assert code == 2 and f"record {bobs['id']}" in err and "field “channel”" in err
