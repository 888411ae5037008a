"""Shared fixtures: a fixed clock, a journal under tmp_path, never the user's data."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from journal import i18n
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
