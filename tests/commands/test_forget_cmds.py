"""`netjournal forget` and `netjournal backup --purge`: what forgetting reaches beside the journal."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

import pytest

from journal import cli
from journal.clock import FixedClock
from journal.commands import data as data_cmds
from journal.model import Person
from journal.store import JournalStore

DAY0 = FixedClock(datetime(2026, 11, 27, 12, tzinfo=UTC))
DAY1 = FixedClock(datetime(2026, 11, 28, 12, tzinfo=UTC))
DAY2 = FixedClock(datetime(2026, 11, 29, 12, tzinfo=UTC))


def run(clock: FixedClock, *argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(list(argv), clock=clock, out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def journal(tmp_path: Path) -> Path:
    path = tmp_path / "journal.json"
    assert run(DAY0, "--db", str(path), "add", "Anna Müller, Bob Schulz: Kaffee with Anna Müller")[0] == 0
    with JournalStore.open(path, DAY0) as store:
        store.save(Person(name="Carla Weiß", notes="knows Anna Müller"))
    # A writing command makes the day's backup (reading ones never do): 28 November's holds her.
    assert run(DAY1, "--db", str(path), "add", "Bob Schulz: tea")[0] == 0
    return path


def backups_naming(journal: Path, needle: str) -> list[str]:
    return sorted(p.name for p in (journal.parent / "backups").glob("*.json") if needle in p.read_text())


def test_forget_as_the_days_first_command_writes_no_backup_with_them(journal: Path) -> None:
    assert backups_naming(journal, "Anna") == ["journal-daily-2026-11-28.json"]
    code, out, err = run(DAY2, "--db", str(journal), "forget", "Anna Müller", "--yes")
    assert code == 0, err
    assert "Forgot Anna Müller" in out
    assert backups_naming(journal, "Anna") == ["journal-daily-2026-11-28.json"]  # no new one holds her
    assert run(DAY2, "--db", str(journal), "add", "Bob Schulz: later")[0] == 0  # the day's backup, after forgetting
    assert (journal.parent / "backups" / "journal-daily-2026-11-29.json").is_file()
    assert backups_naming(journal, "Anna") == ["journal-daily-2026-11-28.json"]


def test_backup_purge_forgets_them_in_every_backup(journal: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert run(DAY1, "--db", str(journal), "backup")[0] == 0
    assert run(DAY2, "--db", str(journal), "forget", "Anna Müller", "--yes")[0] == 0
    holding = backups_naming(journal, "Anna")
    assert len(holding) == 2
    monkeypatch.setattr(data_cmds, "_stdin", lambda: io.StringIO(""))  # no terminal: needs --yes
    code, out, err = run(DAY2, "--db", str(journal), "backup", "--purge", "Anna Müller")
    assert code == 1 and "--yes" in err and "is in 2 backups" in out
    assert backups_naming(journal, "Anna") == holding
    code, out, err = run(DAY2, "--db", str(journal), "backup", "--purge", "Anna Müller", "--yes")
    assert code == 0, err
    assert "Forgot “Anna Müller” in 2 backups." in out
    assert backups_naming(journal, "Anna") == [] and backups_naming(journal, "Müller") == []
    assert backups_naming(journal, "Bob Schulz")  # the others stay
    for backup in (journal.parent / "backups").glob("*.json"):  # each still restores and opens
        with JournalStore.open(backup, DAY2, readonly=True) as store:
            assert {p.name for p in store.people()} <= {"Bob Schulz", "Carla Weiß"}
            assert all("Anna" not in p.notes for p in store.people())
    code, out, _err = run(DAY2, "--db", str(journal), "backup", "--purge", "Anna Müller", "--yes")
    assert code == 0 and "No backup holds anyone called “Anna Müller”" in out


@pytest.mark.parametrize(("answer", "purged"), [("y\n", True), ("n\n", False)])
def test_backup_purge_asks_on_a_terminal(
    journal: Path, monkeypatch: pytest.MonkeyPatch, answer: str, purged: bool
) -> None:
    class FakeTTY(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(data_cmds, "_stdin", lambda: FakeTTY(answer))
    code, out, _err = run(DAY2, "--db", str(journal), "backup", "--purge", "Anna Müller")
    assert "Forget them in these backups, for good? [y/N]" in out
    assert (code == 0) is purged
    assert (backups_naming(journal, "Anna") == []) is purged
