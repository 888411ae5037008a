"""Where an export or a backup may be written: never onto the journal or anything it needs.

A target is compared with the journal's files (the journal, its change log, its lock, its
backups folder — :class:`journal.paths.JournalFiles`) by what it *is*, not by how it is
spelled: ``DIR/sub/../journal.json``, ``//DIR/journal.json``, a symlink or a hard link to
the journal are all the journal. A target that exists must be a regular file (a device node,
a FIFO or a link to ``/proc/self/fd/1`` is refused: replacing it would replace the system's
file, as root even ``/dev/stdout``), and is only replaced when the caller says so (the CLI
asks, or takes ``--force``).

No textual, no CLI: the command line and the app use the same checks.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

from journal.i18n import _
from journal.paths import JournalFiles
from journal.storage import atomic_write_bytes
from journal.store import JournalError


class UnsafeTarget(JournalError):
    """The target must not be written (it is the journal, a device, a folder…); nothing was written."""

    exit_code = 1


class TargetExists(UnsafeTarget):
    """The target is an existing file; replace it only when the user said so."""

    def __init__(self, message: str, path: Path) -> None:
        super().__init__(message)
        self.path = path


def _real(path: Path) -> Path:
    """The path with every symlink resolved (its parts need not exist)."""
    return Path(os.path.realpath(os.path.expanduser(os.fspath(path))))


def _same(a: Path, b: Path) -> bool:
    """Are ``a`` and ``b`` (both resolved) one file or one place for a file?"""
    with contextlib.suppress(OSError):
        if os.path.samefile(a, b):  # both exist: the same inode, also across hard links
            return True
    if a.name != b.name:
        return False
    try:
        return os.path.samefile(a.parent, b.parent)  # the same folder, however it is spelled
    except OSError:
        return os.path.normpath(a.parent) == os.path.normpath(b.parent)


def protected_files(journal: Path) -> list[tuple[Path, str]]:
    """The journal's own files (and what each is), beside the path as given and beside the real file."""
    given = Path(os.path.abspath(os.path.expanduser(os.fspath(journal))))
    paths: list[tuple[Path, str]] = []
    for base in dict.fromkeys((given, _real(given))):
        files = JournalFiles(base)
        paths += [
            (files.journal, _("the journal itself")),
            (files.log, _("the journal's change log")),
            (files.lock, _("the journal's lock file")),
            (files.backups, _("the journal's backups folder")),
        ]
    return paths


_SYSTEM = ("/dev/", "/proc/", "/sys/")


def _link_chain(target: Path) -> list[str]:
    """The path and every symlink it leads through, as absolute paths."""
    hop = os.path.abspath(os.path.expanduser(os.fspath(target)))
    chain = [hop]
    for _hop in range(40):  # the kernel's own limit on links in a row
        if not os.path.islink(hop):
            break
        hop = os.path.normpath(os.path.join(os.path.dirname(hop), os.readlink(hop)))
        chain.append(hop)
    return chain


def _not_regular(target: Path) -> str:
    return _(
        "{path} is not a regular file (a device, a pipe or a terminal); write to a file, "
        "or use “-o -” for standard output. Nothing was written."
    ).format(path=target)


def check_target(target: Path, journal: Path, *, overwrite: bool = False) -> Path:
    """Where to write ``target`` (its real path), or :class:`UnsafeTarget` saying why not.

    Raises :class:`TargetExists` for an existing regular file unless ``overwrite``.
    """
    real = _real(target)
    for own, what in protected_files(journal):
        if _same(real, _real(own)):
            raise UnsafeTarget(
                _("{path} is {what}; choose another file. Nothing was written.").format(path=target, what=what)
            )
    # /dev/stdout and /proc/self/fd/N lead to whatever the process writes to: never a file to replace.
    if any(hop.startswith(_SYSTEM) for hop in [*_link_chain(target), str(real)]):
        raise UnsafeTarget(_not_regular(target))
    try:
        info = os.stat(real)
    except FileNotFoundError:
        return real
    except OSError as err:
        raise UnsafeTarget(
            _("Cannot write {path}: {reason}. Nothing was written.").format(path=target, reason=err.strerror or err)
        ) from None
    if stat.S_ISDIR(info.st_mode):
        raise UnsafeTarget(_("{path} is a folder; give a file name. Nothing was written.").format(path=target))
    if not stat.S_ISREG(info.st_mode):
        raise UnsafeTarget(_not_regular(target))
    if not overwrite:
        raise TargetExists(
            _("{path} already exists. Nothing was written.").format(path=target),
            Path(target),
        )
    return real


def write_target(target: Path, payload: bytes, journal: Path, *, overwrite: bool = False) -> Path:
    """Check ``target`` and write ``payload`` to it atomically (0600: it is data about people).

    Returns the real path written. A target that is a symlink to a regular file is written
    through: the link stays, its file changes.
    """
    real = check_target(target, journal, overwrite=overwrite)
    try:
        atomic_write_bytes(real, payload)
    except OSError as err:
        raise UnsafeTarget(
            _("Could not write {path}: {reason}. Nothing was written.").format(path=target, reason=err.strerror or err)
        ) from None
    return real
