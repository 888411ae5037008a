"""Phrases for day spans: cadences ("every 4 weeks", "every year") and relative days."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from journal.phrases import every_phrase, last_seen_phrase, relative_day

TODAY = date(2026, 11, 29)


@pytest.mark.parametrize(
    ("days", "phrase"),
    [
        (1, "every day"),
        (2, "every 2 days"),
        (10, "every 10 days"),
        (7, "every week"),
        (28, "every 4 weeks"),
        (30, "every 30 days"),
        (60, "every 2 months"),
        (90, "every 3 months"),
        (364, "every 52 weeks"),
        (365, "every year"),
        (730, "every 2 years"),
        (3650, "every 10 years"),
        (366, "every 366 days"),
    ],
)
def test_every_phrase(days: int, phrase: str) -> None:
    assert every_phrase(days) == phrase


@pytest.mark.parametrize(
    ("days_ago", "phrase"),
    [
        (0, "today"),
        (1, "yesterday"),
        (-1, "tomorrow"),
        (3, "3 days ago"),
        (-3, "in 3 days"),
        (35, "5 weeks ago"),
        (150, "5 months ago"),
        (800, "2 years ago"),
    ],
)
def test_relative_day(days_ago: int, phrase: str) -> None:
    assert relative_day(TODAY - timedelta(days=days_ago), TODAY) == phrase


def test_last_seen_phrase() -> None:
    assert last_seen_phrase(None, TODAY) == "not seen yet"
    assert last_seen_phrase(TODAY - timedelta(days=35), TODAY) == "last seen 5 weeks ago"


def test_encounter_details_name_only_what_is_unusual() -> None:
    from datetime import date

    from journal.model import Encounter
    from journal.phrases import encounter_details

    plain = Encounter(date=date(2026, 11, 29), person_ids=["a"])
    assert encounter_details(plain) == []
    full = Encounter(
        date=date(2026, 11, 29), person_ids=["a"], occasion="event", channel="call", direction="outreach", place="PyCon"
    )
    assert encounter_details(full) == ["event", "call", "I reached out", "@ PyCon"]
