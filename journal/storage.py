"""Files on disk, written so that a crash never leaves a broken one.

Two kinds of write, both through the few functions at the top of this module (tests inject
disk errors there, after part of a file has been written):

- :func:`atomic_write_bytes` for whole documents (the journal after compaction, backups,
  exports): a temp file in the same folder, fsync, ``os.replace``, fsync the folder. Readers see
  the old bytes or the new, never a mix.
- :func:`append_line` for the change log: one line per save, appended and fsynced before the save
  is acknowledged. A line cut short by a crash has no newline at its end and is ignored.

Temp files are named after what they will become and after the process writing them
(``.netjournal-tmp-<pid>@<host>~<random>~<target>``), so start-up removes only those of its own
journal whose writer is gone.

:class:`journal.tinydb_storage.AtomicJSONStorage` is the TinyDB storage over the same files: the
journal document is a plain TinyDB document that ``TinyDB(path)`` opens.
"""

from __future__ import annotations

import contextlib
import errno
import gc
import os
import re
import socket
import stat
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import msgspec
import orjson

TEMP_PREFIX = ".netjournal-tmp-"
FILE_MODE = 0o600
FOLDER_MODE = 0o700
# Big payloads go to the disk in pieces: an error can then strike after part of a file was
# written, as on a disk that fills up, and one write call never holds the interpreter for long.
WRITE_CHUNK = 1 << 20


class UnreadableJournal(Exception):
    """The file exists but is not JSON we can read; it must not be overwritten."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


# ------------------------------------------------------------------------------------------------
# System calls every write goes through (tests replace them to make the disk fail at one step).


def sys_open(path: str | os.PathLike[str], flags: int, mode: int = FILE_MODE) -> int:
    return os.open(path, flags | os.O_CLOEXEC, mode)


def sys_write(fd: int, data: memoryview) -> int:
    return os.write(fd, data)


def sys_fsync(fd: int) -> None:
    os.fsync(fd)


def sys_replace(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
    os.replace(src, dst)


def write_all(fd: int, payload: bytes | memoryview) -> None:
    view = memoryview(payload)
    while view:
        written = sys_write(fd, view[:WRITE_CHUNK])
        view = view[written:]


# ------------------------------------------------------------------------------------------------
# Test hook: pause a writer at a named point, so a kill lands there for certain.

PAUSE_ENV = "NETJOURNAL_TEST_PAUSE"


def _pauses() -> dict[str, tuple[float, int]]:
    """``NETJOURNAL_TEST_PAUSE=point:seconds[@nth][,…]`` (tests only): wait at the nth time (default
    the first) this process reaches ``point``."""
    out: dict[str, tuple[float, int]] = {}
    for item in os.environ.get(PAUSE_ENV, "").split(","):
        name, _, rest = item.partition(":")
        seconds, _, nth = rest.partition("@")
        if name:
            with contextlib.suppress(ValueError):
                out[name.strip()] = (float(seconds or "5"), int(nth or "1"))
    return out


_PAUSES = _pauses()
_REACHED: dict[str, int] = {}


def pause_point(point: str) -> None:
    """Say on stderr that this process reached ``point``, then wait there (tests kill it then)."""
    pause = _PAUSES.get(point)
    if not pause:
        return
    _REACHED[point] = _REACHED.get(point, 0) + 1
    if _REACHED[point] == pause[1]:
        sys.stderr.write(f"netjournal-test-pause {point} {os.getpid()}\n")
        sys.stderr.flush()
        time.sleep(pause[0])


# ------------------------------------------------------------------------------------------------
# Reading


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off for a while, then as it was: while many objects that
    all stay are made (a parsed or loaded journal), it would walk them again and again and free
    nothing."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def parse_json_bytes(raw: bytes) -> Any:
    # Pausing the collector while millions of small objects are built halves the parse time.
    with collector_paused():
        return orjson.loads(raw)


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


def read_fd(fd: int, start: int = 0) -> bytes:
    """Everything in an open file from ``start`` to its end."""
    # One read of the size fstat gives (and a byte more, to see a file that grew meanwhile):
    # a 30 MB journal is not read in pieces and copied again to join them.
    wanted = max(os.fstat(fd).st_size - start, 0) + 1
    first = os.pread(fd, wanted, start)
    if len(first) < wanted:
        return first  # the end of the file
    parts = [first]
    offset = start + len(first)
    while True:
        chunk = os.pread(fd, WRITE_CHUNK * 8, offset)
        if not chunk:
            break
        parts.append(chunk)
        offset += len(chunk)
    return b"".join(parts)


@dataclass(frozen=True, slots=True)
class FileIdentity:
    """Which file version a path held: a replaced or rewritten file has another identity."""

    device: int
    inode: int
    size: int
    mtime_ns: int

    @classmethod
    def of(cls, st: os.stat_result) -> FileIdentity:
        return cls(st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)

    @classmethod
    def of_path(cls, path: Path) -> FileIdentity | None:
        try:
            return cls.of(os.stat(path))
        except FileNotFoundError:
            return None

    def to_json(self) -> list[int]:
        return [self.device, self.inode, self.size, self.mtime_ns]

    @classmethod
    def from_json(cls, value: Any) -> FileIdentity | None:
        if isinstance(value, list) and len(value) == 4 and all(isinstance(v, int) for v in value):
            return cls(*value)
        return None


# ------------------------------------------------------------------------------------------------
# Writing whole files


def _host() -> str:
    return re.sub(r"[^A-Za-z0-9.-]", "", socket.gethostname())[:64] or "localhost"


HOST = _host()
_TEMP_NAME = re.compile(re.escape(TEMP_PREFIX) + r"(\d+)@([A-Za-z0-9.-]*)~[0-9a-f]+~(.+)\Z", re.DOTALL)


def temp_path_for(target: Path) -> Path:
    """A temp file beside ``target`` that says what it becomes and which process writes it."""
    name = f"{TEMP_PREFIX}{os.getpid()}@{HOST}~{os.urandom(4).hex()}~{target.name}"
    return target.with_name(name[:255])


@dataclass(frozen=True, slots=True)
class TempFile:
    path: Path
    identity: FileIdentity  # what the target will be once renamed (rename keeps all of it)


def write_temp(target: Path, payload: bytes | memoryview, mode: int = FILE_MODE) -> TempFile:
    """Write and fsync ``payload`` to a new temp file beside ``target``; the caller renames it."""
    tmp = temp_path_for(target)
    fd = sys_open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, mode)
    try:
        os.fchmod(fd, mode)  # whatever the umask says
        write_all(fd, payload)
        sys_fsync(fd)
        identity = FileIdentity.of(os.fstat(fd))
    except BaseException:
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    os.close(fd)
    return TempFile(tmp, identity)


def commit_temp(temp: TempFile, target: Path) -> None:
    """Rename a written temp file over ``target`` and make the rename durable."""
    try:
        sys_replace(temp.path, target)
    except BaseException:
        discard_temp(temp)
        raise
    fsync_folder(target.parent)


def discard_temp(temp: TempFile) -> None:
    with contextlib.suppress(OSError):
        os.unlink(temp.path)


def atomic_write_bytes(path: Path, payload: bytes | memoryview, mode: int = FILE_MODE) -> FileIdentity:
    """Write ``payload`` to ``path`` so that readers see the old bytes or the new, never a mix."""
    temp = write_temp(path, payload, mode)
    commit_temp(temp, path)
    return temp.identity


def fsync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def _writer_alive(pid: int, host: str) -> bool:
    if host != HOST:
        return True  # another computer's (a synced folder): not ours to judge
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def temp_file_target(name: str) -> tuple[int, str, str] | None:
    """(pid, host, target name) of one of our temp files' names, else None."""
    match = _TEMP_NAME.match(name)
    if not match:
        return None
    return int(match.group(1)), match.group(2), match.group(3)


def remove_leftover_temp_files(folder: Path, belongs: Callable[[str], bool]) -> list[Path]:
    """Remove temp files whose target ``belongs`` (to this journal) and whose writer is gone.

    A temp file survives only a crash mid-write; the file it was to replace is intact then.
    Temp files of other journals, of exports, and of writers still running are left alone.
    """
    removed = []
    with contextlib.suppress(OSError):
        for entry in folder.iterdir():
            parsed = temp_file_target(entry.name)
            if parsed is None:
                continue
            pid, host, target = parsed
            if not belongs(target) or _writer_alive(pid, host):
                continue
            with contextlib.suppress(OSError):
                if entry.is_file() and not entry.is_symlink():
                    entry.unlink()
                    removed.append(entry)
    return removed


# ------------------------------------------------------------------------------------------------
# The change log: appending lines


def append_line(fd: int, line: bytes, end: int) -> None:
    """Append one complete line at ``end`` (the log's size) and make it durable.

    The fd is open with O_APPEND and the caller holds the journal's lock. On any error the log
    is cut back to ``end``, so no half line stays behind for the next writer.
    """
    try:
        half = len(line) // 2
        if "log-write" in _PAUSES:
            write_all(fd, line[:half])
            pause_point("log-write")
            write_all(fd, line[half:])
        else:
            write_all(fd, line)
        sys_fsync(fd)
    except BaseException:
        with contextlib.suppress(OSError):
            os.ftruncate(fd, end)
        raise
    pause_point("log-ack")


def complete_lines(data: bytes) -> tuple[list[bytes], int]:
    """The complete lines of ``data`` (without their newlines) and how many bytes they take.

    Bytes after the last newline are a line still being written, or cut short by a crash.
    """
    end = data.rfind(b"\n") + 1
    if end == 0:
        return [], 0
    return data[: end - 1].split(b"\n"), end


# ------------------------------------------------------------------------------------------------
# Serialising the document


# Records joined per step. One call holds the interpreter lock until it returns; joining a 30 MB
# journal at once froze the UI thread during a background save.
CHUNK_RECORDS = 2000


def dump_json(data: dict[str, Any]) -> bytes:
    """Compact JSON of a whole document, big tables in chunks with a pause between them.

    Values may be msgspec.Raw (records kept as they were read): they are copied verbatim.
    """
    encode = msgspec.json.encode
    parts = [b"{"]
    for position, (name, table) in enumerate(data.items()):
        if position:
            parts.append(b",")
        parts.append(encode(name) + b":")
        if not isinstance(table, dict) or len(table) <= CHUNK_RECORDS:
            parts.append(encode(table))
            continue
        items = list(table.items())
        parts.append(b"{")
        for start in range(0, len(items), CHUNK_RECORDS):
            if start:
                parts.append(b",")
            parts.append(encode(dict(items[start : start + CHUNK_RECORDS]))[1:-1])
            time.sleep(0)  # hand the interpreter to the UI thread between chunks
        parts.append(b"}")
    parts.append(b"}")
    return b"".join(parts)


# ------------------------------------------------------------------------------------------------
# The lock


class LockBusy(Exception):
    """Another process held the lock for longer than we waited."""


class FileLock:
    """An flock on ``<journal>.lock``, held only while a process appends or folds the log.

    The lock file is opened without following symlinks and never truncated (a lock file that is
    a symlink to something else must not damage its target). The kernel frees the lock when its
    holder dies. flock locks belong to open files, so two stores in one process exclude each other too.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None
        self._depth = 0  # held() inside held() (by the same caller) keeps the one lock

    def open(self) -> None:
        if self._fd is not None:
            return
        try:
            fd = sys_open(self.path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, FILE_MODE)
        except OSError as err:
            if err.errno == errno.ELOOP:
                raise OSError(errno.ELOOP, "the lock file is a symbolic link", str(self.path)) from None
            raise
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            os.close(fd)
            raise OSError(errno.EINVAL, "the lock file is not a regular file", str(self.path))
        self._fd = fd

    @contextlib.contextmanager
    def held(self, timeout: float = 30.0) -> Iterator[None]:
        import fcntl

        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self.open()
        assert self._fd is not None
        fd = self._fd
        deadline = time.monotonic() + timeout
        delay = 0.001
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise LockBusy(str(self.path)) from None
                time.sleep(delay)
                delay = min(delay * 2, 0.02)
        self._depth = 1
        try:
            yield
        finally:
            self._depth = 0
            with contextlib.suppress(OSError):
                fcntl.flock(fd, fcntl.LOCK_UN)

    def close(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._fd)
            self._fd = None


def belongs_to(names: Iterable[str]) -> Callable[[str], bool]:
    wanted = set(names)
    return lambda target: target in wanted
