"""Where the journal lives: --db, else $NETJOURNAL_DB, else the platform's user data folder."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path

import platformdirs

from journal.i18n import _

ENV_VAR = "NETJOURNAL_DB"
FILE_NAME = "journal.json"


class EmptyJournalPath(ValueError):
    """``--db ""`` or ``NETJOURNAL_DB=""``: refused rather than quietly using the default journal."""


def default_journal_path() -> Path:
    return Path(platformdirs.user_data_dir("netjournal", appauthor=False)) / FILE_NAME


def resolve_journal_path(explicit: str | os.PathLike[str] | None, environ: Mapping[str, str] | None = None) -> Path:
    """--db, else $NETJOURNAL_DB, else the default; an empty one of them is an error, not "unset"."""
    env = os.environ if environ is None else environ
    if explicit is not None:
        if not str(explicit).strip():
            raise EmptyJournalPath(_("--db was given an empty path; name the journal file, e.g. --db ~/journal.json."))
        return Path(explicit).expanduser()
    if ENV_VAR in env:
        if not env[ENV_VAR].strip():
            raise EmptyJournalPath(
                _("{var} is set but empty; name the journal file, or unset it to use {default}.").format(
                    var=ENV_VAR, default=default_journal_path()
                )
            )
        return Path(env[ENV_VAR]).expanduser()
    return default_journal_path()


def real_journal_path(path: str | os.PathLike[str]) -> Path:
    """The journal's real file: symlinks resolved (once, at open), ``..`` and ``//`` gone.

    A journal kept in a synced folder is often a link to it; writing beside the link would replace
    the link with a file, and the synced copy would silently stop changing.
    """
    return Path(os.path.realpath(Path(path).expanduser()))


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

    def is_backup(self, name: str) -> bool:
        """Whether ``name`` in the backups folder is a backup of this journal (daily, manual, before
        a restore or an upgrade), not of another journal kept in the same folder."""
        return backup_name_pattern(self.journal.stem).match(name) is not None


def backup_name_pattern(stem: str) -> re.Pattern[str]:
    """The names netjournal gives the backups of the journal ``stem`` (journal/backup.py, the
    upgrade's backup in journal/store.py), and only those: ``work-old-daily-…`` belongs to work-old.json, not to work.json."""
    stamp = r"\d{8}[-T]\d{6}(?:-\d+)?"
    return re.compile(
        re.escape(stem)
        + r"-(?:daily-\d{4}-\d{2}-\d{2}|manual-"
        + stamp
        + r"|before-restore-"
        + stamp
        + r"|schema\d+-before-upgrade-"
        + stamp
        + r")\.json\Z"
    )
