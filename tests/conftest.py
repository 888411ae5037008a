"""Shared fixtures: a fixed clock, a journal under tmp_path, never the user's data."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from journal import i18n, storage
from journal.clock import FixedClock
from journal.store import JournalStore

# Sunday 29 November 2026, 14:30 UTC: every test and snapshot sees this moment.
NOW = datetime(2026, 11, 29, 14, 30, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No test may touch the user's journal, and every test starts in English."""
    monkeypatch.setenv("NETJOURNAL_DB", str(tmp_path / "default-journal.json"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    i18n.set_language("en")
    yield
    i18n.set_language("en")


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
def journal_path(tmp_path: Path) -> Path:
    return tmp_path / "journal.json"


@pytest.fixture
def store(journal_path: Path, clock: FixedClock) -> Iterator[JournalStore]:
    opened = JournalStore.open(journal_path, clock)
    yield opened
    opened.close()


# ----------------------------------------------------------------------------------------------
# The journal on disk is a document and its change log: helpers to look at both.


def journal_bytes(path: Path) -> bytes:
    """The journal's files as they are (document, then change log): equal bytes before and after
    an operation mean it wrote nothing."""
    log = path.with_name(path.name + ".log")
    return path.read_bytes() + b"\n--- log ---\n" + (log.read_bytes() if log.exists() else b"")


def stored_document(path: Path) -> dict[str, Any]:
    """The complete journal as stored (the document with its change log applied), read by a
    read-only store: what any netjournal would see."""
    with JournalStore.open(path, FixedClock(NOW), readonly=True) as store:
        return store.raw_data()


class DiskFault:
    """Makes the disk refuse writes at one step: ``open`` (creating a file), ``write`` (after part
    of the data has been written), ``fsync`` or ``rename``, for files whose path ``only`` accepts.

    Every file netjournal writes goes through ``journal.storage``'s sys_* functions; tests run as
    root in CI, where chmod does not stop writes, so errors are injected there instead.
    """

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.error: int | None = None
        self.at = "write"
        self.only: Callable[[Path], bool] = lambda _path: True
        self.refused = 0
        self.partial = 0  # bytes written before a "write" failure
        self._paths: dict[int, Path] = {}
        real_open, real_write = storage.sys_open, storage.sys_write
        real_fsync, real_replace = storage.sys_fsync, storage.sys_replace

        def sys_open(path: Any, flags: int, mode: int = storage.FILE_MODE) -> int:
            self._check(Path(path), "open", writing=bool(flags & (os.O_WRONLY | os.O_RDWR)))
            fd = real_open(path, flags, mode)
            self._paths[fd] = Path(path)
            return fd

        def sys_write(fd: int, data: memoryview) -> int:
            path = self._paths.get(fd)
            if path is not None and self._hits(path, "write"):
                half = max(1, len(data) // 2)
                self.partial += real_write(fd, data[:half])
                self._refuse(path)
            return real_write(fd, data)

        def sys_fsync(fd: int) -> None:
            path = self._paths.get(fd)
            if path is not None:
                self._check(path, "fsync")
            real_fsync(fd)

        def sys_replace(src: Any, dst: Any) -> None:
            self._check(Path(dst), "rename")
            real_replace(src, dst)

        monkeypatch.setattr(storage, "sys_open", sys_open)
        monkeypatch.setattr(storage, "sys_write", sys_write)
        monkeypatch.setattr(storage, "sys_fsync", sys_fsync)
        monkeypatch.setattr(storage, "sys_replace", sys_replace)

    def fail(self, error: int = errno.ENOSPC, at: str = "write", only: Callable[[Path], bool] | None = None) -> None:
        self.error, self.at = error, at
        self.only = only or (lambda _path: True)

    def heal(self) -> None:
        self.error = None

    def _hits(self, path: Path, step: str) -> bool:
        target = storage.temp_file_target(path.name)
        real = path.with_name(target[2]) if target else path
        return self.error is not None and self.at == step and self.only(real)

    def _check(self, path: Path, step: str, *, writing: bool = True) -> None:
        if writing and self._hits(path, step):
            self._refuse(path)

    def _refuse(self, path: Path) -> None:
        assert self.error is not None
        self.refused += 1
        raise OSError(self.error, os.strerror(self.error), str(path))


@pytest.fixture
def disk(monkeypatch: pytest.MonkeyPatch) -> DiskFault:
    return DiskFault(monkeypatch)
