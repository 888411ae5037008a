"""The TinyDB storage over netjournal's files: the journal document is a plain TinyDB document
that ``TinyDB(path)`` opens, and this is what TinyDB sees of it with netjournal's reading and
atomic writing. The store itself reads and writes the document without TinyDB (it keeps every
record as stored), so the app and the commands do not load TinyDB; the tests and the benchmark do.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from journal.storage import UnreadableJournal, atomic_write_bytes, collector_paused, dump_json, read_json_file


class AtomicJSONStorage(Storage):
    """TinyDB storage: msgspec/orjson, atomic replace, cached in memory.

    The store reads and writes the journal document itself (it keeps every record as stored);
    this class is what TinyDB sees when the same document is opened with TinyDB.
    """

    def __init__(self, path: str | os.PathLike[str], **_: Any) -> None:
        self.path = Path(path)
        self._data: dict[str, dict[str, Any]] | None = None
        self._loaded = False

    def read(self) -> dict[str, dict[str, Any]] | None:
        if not self._loaded:
            self._data = self._read_from_disk()
            self._loaded = True
        return self._data

    def _read_from_disk(self) -> dict[str, dict[str, Any]] | None:
        if not self.path.exists() or self.path.stat().st_size == 0:
            return None
        data = read_json_file(self.path)
        if not isinstance(data, dict):
            raise UnreadableJournal(self.path, "the top level is not a JSON object")
        return data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        with collector_paused():
            payload = dump_json(data)
        atomic_write_bytes(self.path, payload)
        self._data = data
        self._loaded = True

    def close(self) -> None:
        pass
