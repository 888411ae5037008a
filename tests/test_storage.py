from __future__ import annotations

import os
import stat
from pathlib import Path

import orjson
import pytest

from journal.storage import (
    TEMP_PREFIX,
    AtomicJSONStorage,
    UnreadableJournal,
    atomic_write_bytes,
    read_json_file,
    remove_leftover_temp_files,
)


def test_write_then_read_back(tmp_path: Path) -> None:
    storage = AtomicJSONStorage(tmp_path / "j.json")
    assert storage.read() is None
    storage.write({"people": {"1": {"name": "Anna"}}})
    assert orjson.loads((tmp_path / "j.json").read_bytes()) == {"people": {"1": {"name": "Anna"}}}
    assert AtomicJSONStorage(tmp_path / "j.json").read() == {"people": {"1": {"name": "Anna"}}}


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


def test_leftover_temp_files_are_removed(tmp_path: Path) -> None:
    (tmp_path / f"{TEMP_PREFIX}abc").write_bytes(b"half a journ")
    (tmp_path / "keep.json").write_bytes(b"{}")
    removed = remove_leftover_temp_files(tmp_path)
    assert [p.name for p in removed] == [f"{TEMP_PREFIX}abc"]
    assert [p.name for p in tmp_path.iterdir()] == ["keep.json"]


def test_unparseable_file_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "j.json"
    path.write_bytes(b'{\n"a": 1,\n"b": }\n')
    with pytest.raises(UnreadableJournal) as caught:
        read_json_file(path)
    assert "line 3" in caught.value.reason


def test_batch_writes_once_and_rolls_back_on_error(tmp_path: Path) -> None:
    path = tmp_path / "j.json"
    storage = AtomicJSONStorage(path)
    storage.write({"t": {}})
    before = path.read_bytes()
    with pytest.raises(RuntimeError), storage.batch():
        storage.write({"t": {"1": {"x": 1}}})
        assert path.read_bytes() == before  # deferred
        raise RuntimeError("boom")
    assert path.read_bytes() == before
    assert storage.read() == {"t": {}}
    with storage.batch():
        storage.write({"t": {"1": {"x": 1}}})
        storage.write({"t": {"1": {"x": 2}}})
    assert orjson.loads(path.read_bytes()) == {"t": {"1": {"x": 2}}}


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
