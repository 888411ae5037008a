"""Export and backup targets: never the journal's own files, never a device, never a silent overwrite."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from journal.targets import TargetExists, UnsafeTarget, check_target, write_target


@pytest.fixture
def journal(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "sub").mkdir()
    path = folder / "journal.json"
    path.write_text('{"meta": {}}')
    (folder / "journal.json.lock").write_text("")
    (folder / "backups").mkdir()
    return path


@pytest.mark.parametrize(
    "spelling",
    [
        "{d}/journal.json",
        "{d}/sub/../journal.json",
        "{d}/./journal.json",
        "/{d}/journal.json",  # //tmp/…: the same file on Linux
        "{d}/journal.json.log",  # not there yet: still the journal's
        "{d}/journal.json.lock",
        "{d}/backups",
    ],
)
def test_the_journal_and_its_files_are_refused_however_spelled(journal: Path, spelling: str) -> None:
    target = Path(spelling.format(d=journal.parent))
    with pytest.raises(UnsafeTarget) as refused:
        check_target(target, journal, overwrite=True)
    assert "choose another file" in refused.value.message
    assert journal.read_text() == '{"meta": {}}'


def test_links_to_the_journal_are_refused(journal: Path, tmp_path: Path) -> None:
    soft = tmp_path / "soft.json"
    soft.symlink_to(journal)
    hard = tmp_path / "hard.json"
    os.link(journal, hard)
    for target in (soft, hard):
        with pytest.raises(UnsafeTarget):
            write_target(target, b"csv", journal, overwrite=True)
    assert journal.read_text() == '{"meta": {}}'


def test_a_journal_that_is_a_link_protects_its_real_file(tmp_path: Path) -> None:
    real_folder = tmp_path / "synced"
    real_folder.mkdir()
    real = real_folder / "journal.json"
    real.write_text("{}")
    link = tmp_path / "journal.json"
    link.symlink_to(real)
    for target in (real, real_folder / "journal.json.lock", link):
        with pytest.raises(UnsafeTarget):
            check_target(target, link, overwrite=True)


@pytest.mark.parametrize("kind", ["fifo", "device", "stdout-link", "folder"])
def test_targets_that_are_not_regular_files_are_refused(journal: Path, tmp_path: Path, kind: str) -> None:
    target = tmp_path / "target"
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "device":
        target = Path("/dev/null")
    elif kind == "stdout-link":
        target.symlink_to("/proc/self/fd/1")
    else:
        target.mkdir()
    with pytest.raises(UnsafeTarget) as refused:
        write_target(target, b"data", journal, overwrite=True)
    assert not isinstance(refused.value, TargetExists)
    assert "Nothing was written" in refused.value.message
    if kind == "stdout-link":
        assert target.is_symlink()  # not replaced by a regular file


def test_an_existing_file_is_replaced_only_when_asked(journal: Path, tmp_path: Path) -> None:
    target = tmp_path / "export.csv"
    target.write_text("old")
    with pytest.raises(TargetExists) as exists:
        write_target(target, b"new", journal)
    assert exists.value.path == target and target.read_text() == "old"
    write_target(target, b"new", journal, overwrite=True)
    assert target.read_text() == "new" and oct(target.stat().st_mode & 0o777) == "0o600"


def test_a_link_to_a_regular_file_is_written_through(journal: Path, tmp_path: Path) -> None:
    real = tmp_path / "real.csv"
    real.write_text("old")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    assert write_target(link, b"new", journal, overwrite=True) == real
    assert link.is_symlink() and real.read_text() == "new"


def test_a_new_file_is_written(journal: Path, tmp_path: Path) -> None:
    target = tmp_path / "new.json"
    assert write_target(target, b"{}", journal) == target.resolve()
    assert target.read_bytes() == b"{}"
