from datetime import date

import pytest

from journal.dates import DATE_WORDS, add_months, looks_like_date, parse_date, parse_time, shift_days
from journal.model import ValidationError

TODAY = date(2026, 11, 29)  # a Sunday


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("2026-11-29", date(2026, 11, 29)),
        ("2024-02-29", date(2024, 2, 29)),
        ("  2026-1-5 ", date(2026, 1, 5)),
        ("29.11.2026", date(2026, 11, 29)),
        ("1.2.2025", date(2025, 2, 1)),
        ("29.11.", date(2026, 11, 29)),
        ("3.4.", date(2026, 4, 3)),
        ("24.12.25", date(2025, 12, 24)),
        ("today", TODAY),
        ("Heute", TODAY),
        ("yesterday", date(2026, 11, 28)),
        ("GESTERN", date(2026, 11, 28)),
        ("day before yesterday", date(2026, 11, 27)),
        ("vorgestern", date(2026, 11, 27)),
        ("tomorrow", date(2026, 11, 30)),
        ("morgen", date(2026, 11, 30)),
        ("übermorgen", date(2026, 12, 1)),
        ("U\u0308bermorgen", date(2026, 12, 1)),  # decomposed umlaut
        ("day after tomorrow", date(2026, 12, 1)),
        ("monday", date(2026, 11, 23)),
        ("Mon", date(2026, 11, 23)),
        ("Montag", date(2026, 11, 23)),
        ("mo", date(2026, 11, 23)),
        ("di", date(2026, 11, 24)),
        ("Wed", date(2026, 11, 25)),
        ("do", date(2026, 11, 26)),
        ("friday", date(2026, 11, 27)),
        ("Samstag", date(2026, 11, 28)),
        ("sunday", TODAY),  # on or before today
        ("so", TODAY),
        ("am Freitag", date(2026, 11, 27)),
        ("on friday.", date(2026, 11, 27)),
        ("last monday", date(2026, 11, 23)),
        ("letzten Montag", date(2026, 11, 23)),
        ("last sunday", date(2026, 11, 22)),  # strictly before today
        ("next monday", date(2026, 11, 30)),
        ("nächsten Montag", date(2026, 11, 30)),
        ("naechsten Sonntag", date(2026, 12, 6)),
        ("3 days ago", date(2026, 11, 26)),
        ("a week ago", date(2026, 11, 22)),
        ("2 weeks ago", date(2026, 11, 15)),
        ("one month ago", date(2026, 10, 29)),
        ("vor 3 Tagen", date(2026, 11, 26)),
        ("vor einer Woche", date(2026, 11, 22)),
        ("vor zwei Monaten", date(2026, 9, 29)),
        ("in 3 days", date(2026, 12, 2)),
        ("in a week", date(2026, 12, 6)),
        ("in 3 months", date(2027, 2, 28)),  # calendar months, day clamped
        ("in 3 Tagen", date(2026, 12, 2)),
        ("in einer Woche", date(2026, 12, 6)),
        ("in einem Monat", date(2026, 12, 29)),
        ("next week", date(2026, 12, 6)),
        ("nächsten Monat", date(2026, 12, 29)),
        ("letzte Woche", date(2026, 11, 22)),
    ],
)
def test_phrases(phrase: str, expected: date) -> None:
    assert parse_date(phrase, TODAY) == expected


@pytest.mark.parametrize(
    ("phrase", "past", "future"),
    [
        ("monday", date(2026, 11, 23), date(2026, 11, 30)),
        ("Sonntag", date(2026, 11, 29), date(2026, 12, 6)),
        ("sat", date(2026, 11, 28), date(2026, 12, 5)),
        ("next friday", date(2026, 12, 4), date(2026, 12, 4)),
        ("letzten Freitag", date(2026, 11, 27), date(2026, 11, 27)),
        ("yesterday", date(2026, 11, 28), date(2026, 11, 28)),
    ],
)
def test_preference(phrase: str, past: date, future: date) -> None:
    assert parse_date(phrase, TODAY, prefer="past") == past
    assert parse_date(phrase, TODAY, prefer="future") == future


@pytest.mark.parametrize(
    ("phrase", "fragment"),
    [
        ("2026-02-30", "28 days"),
        ("2024-02-30", "29 days"),
        ("31.4.2026", "30 days"),
        ("2026-13-01", "no month 13"),
        ("0000-01-01", "year"),
        ("next fortnight", "not a date I understand"),
        ("", "Enter a date"),
        ("blue", "not a date I understand"),
        ("3 parsecs ago", "not a date I understand"),
        ("vor 999999 Jahren", "too far"),
        ("x" * 1000, "…"),
    ],
)
def test_errors(phrase: str, fragment: str) -> None:
    with pytest.raises(ValidationError) as info:
        parse_date(phrase, TODAY)
    assert info.value.field == "date"
    assert fragment in info.value.message
    assert len(info.value.message) < 200


def test_next_fortnight_message_suggests_forms() -> None:
    with pytest.raises(ValidationError, match="try 2026-11-29, yesterday, monday or 3 days ago"):
        parse_date("next fortnight", TODAY)


def test_field_name_is_passed_through() -> None:
    with pytest.raises(ValidationError) as info:
        parse_date("whenever", TODAY, field_name="follow_up")
    assert info.value.field == "follow_up"


def test_add_months_clamps() -> None:
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2026, 3, 31), -1) == date(2026, 2, 28)
    assert add_months(date(2026, 12, 15), 1) == date(2027, 1, 15)


def test_looks_like_date_and_words() -> None:
    assert looks_like_date("gestern")
    assert looks_like_date("2026-11-29")
    assert not looks_like_date("Anna")
    assert not looks_like_date("2026-02-30")
    assert {"montag", "yesterday", "vor", "ago", "wochen"} <= DATE_WORDS


@pytest.mark.parametrize(
    ("phrase", "today", "expected"),
    [
        # "next friday" is the Friday of next week, whichever day it is said on.
        ("next friday", date(2026, 11, 30), date(2026, 12, 11)),  # on a Monday
        ("next friday", date(2026, 12, 4), date(2026, 12, 11)),  # on the Friday itself
        ("next friday", date(2026, 12, 5), date(2026, 12, 11)),  # on a Saturday
        ("nächsten Freitag", date(2026, 11, 30), date(2026, 12, 11)),
        ("next monday", date(2026, 12, 2), date(2026, 12, 7)),
        # "coming friday" is the first one after today.
        ("coming friday", date(2026, 11, 30), date(2026, 12, 4)),
        ("kommenden Freitag", date(2026, 11, 30), date(2026, 12, 4)),
        ("coming week", date(2026, 11, 30), date(2026, 12, 7)),
    ],
)
def test_next_weekday_is_in_next_week(phrase: str, today: date, expected: date) -> None:
    assert parse_date(phrase, today) == expected
    assert parse_date(phrase, today, prefer="future") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14:30", "14:30"),
        ("9", "09:00"),
        ("9.05", "09:05"),
        ("14 Uhr", "14:00"),
        ("14:30 Uhr", "14:30"),
        ("7h", "07:00"),
        ("14h30", "14:30"),
        ("14 h 30", "14:30"),
        ("9am", "09:00"),
        ("9 AM", "09:00"),
        ("9:30 pm", "21:30"),
        ("9.30pm", "21:30"),
        ("9 p.m.", "21:00"),
        ("12am", "00:00"),
        ("12:15 am", "00:15"),
        ("12pm", "12:00"),
        ("", None),
        ("  ", None),
    ],
)
def test_times(text: str, expected: str | None) -> None:
    assert parse_time(text) == expected


@pytest.mark.parametrize("text", ["24:00", "12:60", "noon", "1:2:3", "13pm", "0am", "9 xm", "930"])
def test_bad_times(text: str) -> None:
    with pytest.raises(ValidationError) as info:
        parse_time(text, field_name="at")
    assert info.value.field == "at"
    assert "not a time" in info.value.message and "9am" in info.value.message


def test_shift_days_stays_in_the_calendar() -> None:
    assert shift_days(date(2026, 12, 31), 1) == date(2027, 1, 1)
    assert shift_days(date.max, 1) == date.max
    assert shift_days(date.min, -1) == date.min
