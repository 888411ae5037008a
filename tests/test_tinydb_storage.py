"""The TinyDB storage: what TinyDB sees of a netjournal document."""

from __future__ import annotations

from pathlib import Path

import orjson
from tinydb import TinyDB

from journal.tinydb_storage import AtomicJSONStorage


def test_write_then_read_back(tmp_path: Path) -> None:
    storage = AtomicJSONStorage(tmp_path / "j.json")
    assert storage.read() is None
    storage.write({"people": {"1": {"name": "Anna"}}})
    assert orjson.loads((tmp_path / "j.json").read_bytes()) == {"people": {"1": {"name": "Anna"}}}
    assert AtomicJSONStorage(tmp_path / "j.json").read() == {"people": {"1": {"name": "Anna"}}}


def test_tinydb_reads_and_writes_through_it(tmp_path: Path) -> None:
    with TinyDB(tmp_path / "j.json", storage=AtomicJSONStorage) as db:
        db.table("people").insert({"name": "Anna"})
    with TinyDB(tmp_path / "j.json", storage=AtomicJSONStorage) as db:
        assert db.table("people").all() == [{"name": "Anna"}]
