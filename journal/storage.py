"""A TinyDB storage that never leaves a broken file behind.

Every write serialises first (orjson), writes a temp file in the same folder, fsyncs it,
renames it over the journal with ``os.replace`` and fsyncs the folder: a crash leaves the old
file or the new one. The parsed document is kept in memory, so TinyDB's read-modify-write
cycle costs one serialisation per change, not a parse as well.
"""

from __future__ import annotations

import contextlib
import gc
import os
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

TEMP_PREFIX = ".netjournal-tmp-"
FILE_MODE = 0o600


class UnreadableJournal(Exception):
    """The file exists but is not JSON we can read; it must not be overwritten."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


def parse_json_bytes(raw: bytes) -> Any:
    # Pausing the collector while millions of small objects are built halves the parse time.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return orjson.loads(raw)
    finally:
        if enabled:
            gc.enable()


def read_json_file(path: Path) -> Any:
    """Parse a JSON file, raising UnreadableJournal with the position of a syntax error."""
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise UnreadableJournal(path, err.strerror or str(err)) from None
    try:
        return parse_json_bytes(raw)
    except orjson.JSONDecodeError as err:
        line = raw.count(b"\n", 0, err.pos) + 1
        raise UnreadableJournal(path, f"not valid JSON (line {line}: {err.msg})") from None


def atomic_write_bytes(path: Path, payload: bytes, mode: int = FILE_MODE) -> None:
    """Write ``payload`` to ``path`` so that readers see the old bytes or the new, never a mix."""
    folder = path.parent
    fd, tmp_name = tempfile.mkstemp(prefix=TEMP_PREFIX, dir=folder)
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    fsync_folder(folder)


def fsync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def remove_leftover_temp_files(folder: Path) -> list[Path]:
    """Temp files survive only a crash mid-write; the journal itself is intact then."""
    removed = []
    with contextlib.suppress(OSError):
        for entry in folder.iterdir():
            if entry.name.startswith(TEMP_PREFIX) and entry.is_file():
                with contextlib.suppress(OSError):
                    entry.unlink()
                    removed.append(entry)
    return removed


# Records serialised per orjson call. One call holds the interpreter lock until it returns;
# dumping a 30 MB journal in one go froze the UI thread for ~70 ms during a background save.
CHUNK_RECORDS = 2000


def dump_json(data: dict[str, Any]) -> bytes:
    """Compact JSON of the whole document, big tables in chunks with a pause between them.

    The bytes are those of ``orjson.dumps(data)``: the chunks are objects whose braces are
    dropped and whose members are joined with commas.
    """
    parts = [b"{"]
    for position, (name, table) in enumerate(data.items()):
        if position:
            parts.append(b",")
        parts.append(orjson.dumps(name) + b":")
        if not isinstance(table, dict) or len(table) <= CHUNK_RECORDS:
            parts.append(orjson.dumps(table))
            continue
        items = list(table.items())
        parts.append(b"{")
        for start in range(0, len(items), CHUNK_RECORDS):
            if start:
                parts.append(b",")
            parts.append(orjson.dumps(dict(items[start : start + CHUNK_RECORDS]))[1:-1])
            time.sleep(0)  # hand the interpreter to the UI thread between chunks
        parts.append(b"}")
    parts.append(b"}")
    return b"".join(parts)


class AtomicJSONStorage(Storage):
    """TinyDB storage: orjson, write-through, atomic replace, cached in memory."""

    def __init__(self, path: str | os.PathLike[str], **_: Any) -> None:
        self.path = Path(path)
        self._data: dict[str, dict[str, Any]] | None = None
        self._loaded = False
        self._batch_depth = 0
        self._dirty = False

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
        self._data = data
        self._loaded = True
        if self._batch_depth:
            self._dirty = True
            return
        self._persist()

    def _persist(self) -> None:
        assert self._data is not None
        # Serialising creates tens of thousands of short-lived objects, which sets off full
        # collections over the whole in-memory journal while this thread holds the interpreter:
        # measured at 5,000/50,000, the UI froze ~190 ms with the collector on and ~10 ms with it paused.
        enabled = gc.isenabled()
        gc.disable()
        try:
            payload = dump_json(self._data)
        finally:
            if enabled:
                gc.enable()
        atomic_write_bytes(self.path, payload)
        self._dirty = False

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        """Defer writes to one at the end; on error, drop the changes and reload from disk."""
        self._batch_depth += 1
        try:
            yield
        except BaseException:
            self._batch_depth -= 1
            if self._batch_depth == 0:
                self.reload()
            raise
        self._batch_depth -= 1
        if self._batch_depth == 0 and self._dirty:
            try:
                self._persist()
            except BaseException:
                self.reload()
                raise

    def reload(self) -> None:
        """Forget the in-memory copy (after a failed write or batch) and read the file again."""
        self._dirty = False
        self._loaded = False
        self._data = None
        self.read()

    def close(self) -> None:
        pass
