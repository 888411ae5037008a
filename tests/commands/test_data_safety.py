"""export, backup and restore under attack: paths that lead onto the journal, devices, existing
files, crafted backups, a full disk, a journal path that is a folder."""

from __future__ import annotations

import errno
import io
import os
from datetime import UTC, date, datetime
from pathlib import Path

import orjson
import pytest

from journal import backup as backup_mod
from journal import cli
from journal.clock import FixedClock
from journal.commands import data as data_cmds
from journal.model import Encounter, Person
from journal.store import JournalStore

NOW = datetime(2026, 11, 29, 12, tzinfo=UTC)
ESC_NAME = "Eve \x1b]52;c;cm0gLXJmIH4=\x07Evil\x9b31m"


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
def journal(tmp_path: Path, clock: FixedClock) -> Path:
    path = tmp_path / "journal.json"
    with JournalStore.open(path, clock) as store:
        anna = Person(name="Anna Müller")
        store.save(anna)
        store.save(Encounter(date=date(2026, 11, 20), person_ids=[anna.id], summary="Kaffee"))
    (tmp_path / "sub").mkdir()
    return path


def run(clock: FixedClock, *argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(list(argv), clock=clock, out=out, err=err)
    return code, out.getvalue(), err.getvalue()


class FakeTTY(io.StringIO):
    def isatty(self) -> bool:
        return True


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob(".netjournal-tmp-*"))


# ----------------------------------------------------------------------------- export / backup targets


ONTO_THE_JOURNAL = ["{d}/sub/../journal.json", "/{d}/journal.json", "{d}/./journal.json", "{d}/journal.json.lock"]


@pytest.mark.parametrize(
    ("command", "target"),
    # A backup given a folder goes into it (backups/ is its home); an export onto the folder is refused.
    [*(("export", t) for t in [*ONTO_THE_JOURNAL, "{d}/backups"]), *(("backup", t) for t in ONTO_THE_JOURNAL)],
)
def test_export_and_backup_never_land_on_the_journal(
    journal: Path, clock: FixedClock, target: str, command: str
) -> None:
    run(clock, "--db", str(journal), "people")  # the day's backup folder exists
    before = journal.read_bytes()
    path = target.format(d=journal.parent)
    argv = ["export", "--format", "csv", "-o", path] if command == "export" else ["backup", path]
    code, _out, err = run(clock, "--db", str(journal), *argv, "--force")
    assert code == 1, err
    assert "choose another file" in err or "is a folder" in err
    assert journal.read_bytes() == before
    assert JournalStore.open(journal, clock, readonly=True).people_count() == 1


@pytest.mark.parametrize("command", ["export", "backup"])
def test_device_fifo_and_stdout_link_are_refused(journal: Path, clock: FixedClock, command: str) -> None:
    fifo = journal.parent / "fifo"
    os.mkfifo(fifo)
    link = journal.parent / "out"
    link.symlink_to("/proc/self/fd/1")
    for target in ("/dev/stdout", "/dev/null", str(fifo), str(link)):
        argv = ["export", "--format", "json", "-o", target] if command == "export" else ["backup", target]
        code, _out, err = run(clock, "--db", str(journal), *argv, "--force")
        assert code == 1, (target, err)
        assert "not a regular file" in err
    assert link.is_symlink() and fifo.exists()


def test_export_dash_writes_to_standard_output(journal: Path, clock: FixedClock) -> None:
    code, out, err = run(clock, "--db", str(journal), "export", "--format", "json", "-o", "-")
    assert code == 0, err
    assert orjson.loads(out)["people"]
    assert not (journal.parent / "-").exists()


@pytest.mark.parametrize("command", ["export", "backup"])
def test_an_existing_file_needs_force_without_a_terminal(
    journal: Path, clock: FixedClock, command: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = journal.parent / "out.json"
    target.write_text("mine")
    monkeypatch.setattr(data_cmds, "_stdin", lambda: io.StringIO(""))  # not a terminal
    argv = ["export", "--format", "json", "-o", str(target)] if command == "export" else ["backup", str(target)]
    code, _out, err = run(clock, "--db", str(journal), *argv)
    assert code == 1 and "already exists; add --force" in err
    assert target.read_text() == "mine"
    code, _out, err = run(clock, "--db", str(journal), *argv, "--force")
    assert code == 0, err
    assert orjson.loads(target.read_bytes())["people"]


@pytest.mark.parametrize(("answer", "replaced"), [("y\n", True), ("n\n", False), ("\n", False)])
def test_an_existing_file_is_replaced_after_asking(
    journal: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch, answer: str, replaced: bool
) -> None:
    target = journal.parent / "out.csv"
    target.write_text("mine")
    monkeypatch.setattr(data_cmds, "_stdin", lambda: FakeTTY(answer))
    code, out, _err = run(clock, "--db", str(journal), "export", "--format", "csv", "-o", str(target))
    assert "already exists. Replace it? [y/N]" in out
    assert (code == 0) is replaced
    assert (target.read_text() != "mine") is replaced


def test_two_backups_in_the_same_second_both_stay(journal: Path, clock: FixedClock) -> None:
    assert run(clock, "--db", str(journal), "backup")[0] == 0
    assert run(clock, "--db", str(journal), "backup")[0] == 0
    manual = sorted(p.name for p in (journal.parent / "backups").glob("journal-manual-*"))
    assert manual == ["journal-manual-20261129-120000-2.json", "journal-manual-20261129-120000.json"]


# ----------------------------------------------------------------------------- restore


def crafted_backup(path: Path, clock: FixedClock, tmp_path: Path) -> Path:
    """A valid backup whose raw records carry ESC, OSC and C1 sequences (as an attacker writes it)."""
    other = tmp_path / "crafted-source.json"
    with JournalStore.open(other, clock) as store:
        store.save(Person(name="Eve Placeholder", notes="note"))
        store.compact()  # all of it in the file
    data = orjson.loads(other.read_bytes())
    (person,) = data["people"].values()
    person["name"] = ESC_NAME
    person["notes"] = "\x1b]0;owned title\x07 and \x9d0;c1 title\x9c"
    path.write_bytes(orjson.dumps(data))
    return path


def test_restore_writes_the_cleaned_records_not_the_raw_file(journal: Path, clock: FixedClock, tmp_path: Path) -> None:
    backup = crafted_backup(tmp_path / "crafted.json", clock, tmp_path)
    code, _out, err = run(clock, "--db", str(journal), "restore", str(backup), "--yes")
    assert code == 0, err
    raw = journal.read_text(encoding="utf-8")
    assert "\x1b" not in raw and "\\u001b" not in raw and "\x9b" not in raw and "\x9d" not in raw
    code, out, _err = run(clock, "--db", str(journal), "people")
    assert code == 0 and "Eve ]52;c;cm0gLXJmIH4=Evil31m" in out
    code, out, _err = run(clock, "--db", str(journal), "show", "Eve")
    assert "\x1b" not in out and "\x9d" not in out and "0;owned title" in out


def test_restore_when_the_journal_path_is_a_folder(clock: FixedClock, tmp_path: Path) -> None:
    backup = crafted_backup(tmp_path / "b.json", clock, tmp_path)
    folder = tmp_path / "journal.json"
    folder.mkdir()
    (folder / "inside.txt").write_text("keep")
    code, out, err = run(clock, "--db", str(folder), "restore", str(backup), "--yes")
    assert code == 1
    assert "is not a file" in err and "Traceback" not in err
    assert "saved at" not in out + err and "kept" not in out + err  # no copy is claimed
    assert (folder / "inside.txt").read_text() == "keep"
    # The domain function refuses too, with a message.
    info = backup_mod.read_backup(backup, clock)
    with pytest.raises(backup_mod.BackupFailed, match="is not a file"):
        backup_mod.restore_backup(folder, info, clock)


def test_restore_on_a_full_disk_leaves_the_journal_and_says_so(
    journal: Path, clock: FixedClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The disk fills while the restored journal is written; the old code's rollback then failed too."""
    backup = crafted_backup(tmp_path / "b.json", clock, tmp_path)
    before = journal.read_bytes()
    real_replace = os.replace
    failures = []

    def full_disk(src: str, dst: str) -> None:
        if Path(dst) == journal:  # every write of the journal: the restore and any rollback
            failures.append(dst)
            raise OSError(errno.ENOSPC, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr("journal.storage.os.replace", full_disk)
    code, _out, err = run(clock, "--db", str(journal), "restore", str(backup), "--yes")
    assert failures, "the injected error never happened"
    assert code == 1
    assert "No space left on device" in err and "The journal was left as it was." in err
    assert journal.read_bytes() == before
    assert leftovers(tmp_path) == []


def test_restore_whose_rollback_fails_names_the_saved_copy(
    journal: Path, clock: FixedClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The restored file does not open, and putting the old one back fails on a full disk."""
    backup = crafted_backup(tmp_path / "b.json", clock, tmp_path)
    before = journal.read_bytes()
    writes = []
    real_replace = os.replace

    def second_write_fails(src: str, dst: str) -> None:
        if Path(dst) == journal:
            writes.append(dst)
            if len(writes) > 1:
                raise OSError(errno.ENOSPC, "No space left on device")
        real_replace(src, dst)

    def does_not_open(*_args: object, **_kwargs: object) -> JournalStore:
        raise backup_mod.JournalError("it does not open")

    monkeypatch.setattr("journal.storage.os.replace", second_write_fails)
    monkeypatch.setattr(backup_mod.JournalStore, "open", does_not_open)
    code, _out, err = run(clock, "--db", str(journal), "restore", str(backup), "--yes")
    assert len(writes) == 2, "the rollback was never tried"
    assert code == 1 and "Traceback" not in err
    assert "Putting the old journal back failed too (No space left on device)" in err
    (saved,) = (tmp_path / "backups").glob("journal-before-restore-*.json")
    assert str(saved) in err and saved.read_bytes() == before
