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
