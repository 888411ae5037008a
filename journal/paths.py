"""Where the journal lives: --db, else $NETJOURNAL_DB, else the platform's user data folder."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import platformdirs

ENV_VAR = "NETJOURNAL_DB"
FILE_NAME = "journal.json"


def default_journal_path() -> Path:
    return Path(platformdirs.user_data_dir("netjournal", appauthor=False)) / FILE_NAME


def resolve_journal_path(explicit: str | os.PathLike[str] | None, environ: Mapping[str, str] | None = None) -> Path:
    env = os.environ if environ is None else environ
    chosen = explicit or env.get(ENV_VAR) or default_journal_path()
    return Path(chosen).expanduser()


BACKUP_DIR_NAME = "backups"


class JournalFiles:
    """The files that belong to one journal, beside its real (symlink-resolved) path.

    Exports and backups must never land on any of these; the store, the lock and the
    backup code take their names from here so they always agree.
    """

    def __init__(self, journal: Path) -> None:
        self.journal = journal
        # The change log: one JSON line per saved record, folded into the journal by compaction.
        self.log = journal.with_name(journal.name + ".log")
        self.lock = journal.with_name(journal.name + ".lock")
        self.backups = journal.parent / BACKUP_DIR_NAME

    def all(self) -> tuple[Path, ...]:
        return (self.journal, self.log, self.lock, self.backups)
