from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from journal import storage
from journal.storage import (
    HOST,
    TEMP_PREFIX,
    FileLock,
    UnreadableJournal,
    append_line,
    atomic_write_bytes,
    complete_lines,
    read_json_file,
    remove_leftover_temp_files,
    temp_file_target,
    temp_path_for,
)


def test_files_are_private(tmp_path: Path) -> None:
    path = tmp_path / "j.json"
    atomic_write_bytes(path, b"{}")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_no_temp_file_is_left_after_a_write(tmp_path: Path) -> None:
    atomic_write_bytes(tmp_path / "j.json", b"{}")
    assert [p.name for p in tmp_path.iterdir()] == ["j.json"]


def test_a_failed_write_leaves_the_old_file_and_no_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "j.json"
    atomic_write_bytes(path, b'{"old": {}}')

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        atomic_write_bytes(path, b'{"new": {}}')
    assert path.read_bytes() == b'{"old": {}}'
    assert [p.name for p in tmp_path.iterdir()] == ["j.json"]


def test_temp_files_say_what_they_become_and_who_writes_them(tmp_path: Path) -> None:
    tmp = temp_path_for(tmp_path / "journal.json")
    assert tmp.name.startswith(TEMP_PREFIX)
    assert temp_file_target(tmp.name) == (os.getpid(), HOST, "journal.json")
    assert temp_file_target("journal.json") is None


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_only_this_journals_temp_files_of_dead_writers_are_removed(tmp_path: Path) -> None:
    dead = _dead_pid()
    ours_dead = tmp_path / f"{TEMP_PREFIX}{dead}@{HOST}~abcd~journal.json"
    ours_alive = tmp_path / f"{TEMP_PREFIX}{os.getpid()}@{HOST}~abcd~journal.json"
    other_journal = tmp_path / f"{TEMP_PREFIX}{dead}@{HOST}~abcd~work.json"
    an_export = tmp_path / f"{TEMP_PREFIX}{dead}@{HOST}~abcd~export.csv"
    other_computer = tmp_path / f"{TEMP_PREFIX}{dead}@elsewhere~abcd~journal.json"
    for path in (ours_dead, ours_alive, other_journal, an_export, other_computer):
        path.write_bytes(b"half a journ")
    (tmp_path / "keep.json").write_bytes(b"{}")
    removed = remove_leftover_temp_files(tmp_path, lambda target: target == "journal.json")
    assert removed == [ours_dead]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        p.name for p in (ours_alive, other_journal, an_export, other_computer, tmp_path / "keep.json")
    )


def test_complete_lines_leave_a_torn_line_alone() -> None:
    assert complete_lines(b"") == ([], 0)
    assert complete_lines(b'{"a":1}') == ([], 0)
    assert complete_lines(b'{"a":1}\n{"b":') == ([b'{"a":1}'], 8)
    assert complete_lines(b"x\ny\n") == ([b"x", b"y"], 4)


def test_a_failed_append_leaves_the_log_as_it_was(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    log = tmp_path / "j.json.log"
    log.write_bytes(b"header\n")
    fd = os.open(log, os.O_RDWR | os.O_APPEND)
    calls = []
    real_write = storage.sys_write

    def half_then_full(fd: int, data: memoryview) -> int:
        calls.append(len(data))
        if len(calls) == 1:
            return real_write(fd, data[: len(data) // 2])  # a short write: the rest follows
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(storage, "sys_write", half_then_full)
    try:
        with pytest.raises(OSError):
            append_line(fd, b"x" * 100 + b"\n", 7)
    finally:
        os.close(fd)
    assert len(calls) == 2, "the error struck after part of the line was written"
    assert log.read_bytes() == b"header\n"


def test_the_lock_file_is_never_followed_nor_truncated(tmp_path: Path) -> None:
    precious = tmp_path / "precious.txt"
    precious.write_bytes(b"do not truncate me")
    link = tmp_path / "journal.json.lock"
    link.symlink_to(precious)
    lock = FileLock(link)
    with pytest.raises(OSError, match="symbolic link"):
        lock.open()
    assert precious.read_bytes() == b"do not truncate me"
    link.unlink()
    link.write_bytes(b"whatever was there")
    with lock.held():
        pass
    lock.close()
    assert link.read_bytes() == b"whatever was there"


def test_unparseable_file_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "j.json"
    path.write_bytes(b'{\n"a": 1,\n"b": }\n')
    with pytest.raises(UnreadableJournal) as caught:
        read_json_file(path)
    assert "line 3" in caught.value.reason


def test_chunked_dump_is_byte_identical_to_one_call(monkeypatch: pytest.MonkeyPatch) -> None:
    import journal.storage as storage

    monkeypatch.setattr(storage, "CHUNK_RECORDS", 3)
    data = {
        "meta": {"1": {"app": "netjournal"}},
        "people": {str(i): {"id": f"p{i}", "name": f"Nämé {i}", "tags": ["a", "ü"]} for i in range(1, 11)},
        "empty": {},
        "days": {str(i): {"text": "x"} for i in range(1, 4)},
    }
    assert storage.dump_json(data) == orjson.dumps(data)
    assert storage.dump_json({}) == b"{}"
