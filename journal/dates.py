"""Date and time phrases in English and German: ISO, 29.11.2026, yesterday, Montag, vor 3 Tagen,
in 2 weeks; 14:30, 9am, 9:30 pm, 14h30, 14 Uhr.

The one reader of dates and times for every way in (quick-add, the encounter form, the CLI's
--date). ``today`` is always passed in (the domain never reads the wall clock). Every failure
raises ``ValidationError`` with a message that says what would work instead.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from datetime import date, timedelta
from typing import Literal

from journal.i18n import _
from journal.model import ValidationError

Prefer = Literal["past", "future"]

# Monday is 0, as in date.weekday(); full and short forms in both languages.
_WEEKDAYS: dict[str, int] = {
    "monday": 0,
    "mon": 0,
    "montag": 0,
    "mo": 0,
    "tuesday": 1,
    "tue": 1,
    "tues": 1,
    "dienstag": 1,
    "di": 1,
    "wednesday": 2,
    "wed": 2,
    "mittwoch": 2,
    "mi": 2,
    "thursday": 3,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "donnerstag": 3,
    "do": 3,
    "friday": 4,
    "fri": 4,
    "freitag": 4,
    "fr": 4,
    "saturday": 5,
    "sat": 5,
    "samstag": 5,
    "sonnabend": 5,
    "sa": 5,
    "sunday": 6,
    "sun": 6,
    "sonntag": 6,
    "so": 6,
}

# Fixed offsets from today, in days.
_SINGLE_WORDS: dict[str, int] = {
    "today": 0,
    "heute": 0,
    "yesterday": -1,
    "gestern": -1,
    "day before yesterday": -2,
    "the day before yesterday": -2,
    "vorgestern": -2,
    "tomorrow": 1,
    "morgen": 1,
    "day after tomorrow": 2,
    "the day after tomorrow": 2,
    "übermorgen": 2,
    "uebermorgen": 2,
}

_UNITS: dict[str, str] = {
    "day": "day",
    "days": "day",
    "tag": "day",
    "tage": "day",
    "tagen": "day",
    "week": "week",
    "weeks": "week",
    "woche": "week",
    "wochen": "week",
    "month": "month",
    "months": "month",
    "monat": "month",
    "monate": "month",
    "monaten": "month",
    "year": "year",
    "years": "year",
    "jahr": "year",
    "jahre": "year",
    "jahren": "year",
}

_NUMBER_WORDS: dict[str, int] = {
    "a": 1,
    "an": 1,
    "one": 1,
    "ein": 1,
    "eine": 1,
    "einem": 1,
    "einen": 1,
    "einer": 1,
    "two": 2,
    "zwei": 2,
    "three": 3,
    "drei": 3,
    "four": 4,
    "vier": 4,
    "five": 5,
    "fünf": 5,
    "six": 6,
    "sechs": 6,
    "seven": 7,
    "sieben": 7,
    "eight": 8,
    "acht": 8,
    "nine": 9,
    "neun": 9,
    "ten": 10,
    "zehn": 10,
    "eleven": 11,
    "elf": 11,
    "twelve": 12,
    "zwölf": 12,
}

_LAST = (
    "last",
    "previous",
    "letzte",
    "letzten",
    "letzter",
    "letztem",
    "vergangene",
    "vergangenen",
    "vergangener",
    "vorige",
    "vorigen",
    "voriger",
)
# "next friday" is the Friday of next week; "coming friday" the first one after today.
_NEXT = (
    "next",
    "nächste",
    "nächsten",
    "nächster",
    "nächstem",
    "naechste",
    "naechsten",
    "naechster",
)
_COMING = ("coming", "kommende", "kommenden", "kommender")
_THIS = ("this", "diese", "diesen", "dieser", "diesem")
# "on monday", "am Montag": the preposition adds nothing.
_FILLER = ("on", "am")
_AGO = ("ago",)
_BEFORE = ("vor",)
_IN = ("in",)

_MODIFIER = {
    **{w: "last" for w in _LAST},
    **{w: "next" for w in _NEXT},
    **{w: "coming" for w in _COMING},
    **{w: "this" for w in _THIS},
}

# Every word the parser understands; quick-add uses it to recognise consumed words.
DATE_WORDS: frozenset[str] = frozenset(
    {w for phrase in _SINGLE_WORDS for w in phrase.split()}
    | set(_WEEKDAYS)
    | set(_UNITS)
    | set(_NUMBER_WORDS)
    | set(_MODIFIER)
    | set(_FILLER)
    | set(_AGO)
    | set(_BEFORE)
    | set(_IN)
)

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
# 29.11.2026, 29.11.26, 29.11. and 29.11 (the last two mean this year).
_GERMAN = re.compile(r"(\d{1,2})\.(\d{1,2})\.?(\d{4}|\d{2})?")
_NUMBER = r"(\d{1,6}|[^\W\d_]+)"
_UNIT = r"([^\W\d_]+)"
_AGO_RE = re.compile(rf"{_NUMBER} {_UNIT} ago")
_VOR_RE = re.compile(rf"vor {_NUMBER} {_UNIT}")
_IN_RE = re.compile(rf"in {_NUMBER} {_UNIT}")
# "next week", "letzten Monat": one unit forwards or back.
_STEP_RE = re.compile(r"([^\W\d_]+) ([^\W\d_]+)")


def _normalise(text: str) -> str:
    # NFC so a decomposed "ü" still matches; casefold for case-insensitivity.
    value = unicodedata.normalize("NFC", text).casefold()
    return " ".join(value.split())


def _quote(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 40 else text[:39] + "…"


def _not_understood(text: str, field_name: str) -> ValidationError:
    if not text.strip():
        return ValidationError(field_name, _("Enter a date, e.g. 2026-11-29, yesterday, monday or 3 days ago."))
    return ValidationError(
        field_name,
        _("“{text}” is not a date I understand; try 2026-11-29, yesterday, monday or 3 days ago.").format(
            text=_quote(text)
        ),
    )


def _make_date(year: int, month: int, day: int, text: str, field_name: str) -> date:
    """A calendar date, or an error that says exactly why it does not exist."""
    if not 1 <= month <= 12:
        message = _("“{text}” is not a real date: there is no month {month}.").format(text=_quote(text), month=month)
    elif not 1 <= year <= 9999:
        message = _("“{text}” is not a real date: the year must be between 1 and 9999.").format(text=_quote(text))
    else:
        days = calendar.monthrange(year, month)[1]
        if 1 <= day <= days:
            return date(year, month, day)
        message = _("“{text}” is not a real date: {year}-{month:02d} has {days} days.").format(
            text=_quote(text), year=year, month=month, days=days
        )
    raise ValidationError(field_name, message)


def add_months(day: date, months: int) -> date:
    """Calendar months; the 31st becomes the last day of a shorter month."""
    year, month0 = divmod(day.month - 1 + months, 12)
    year += day.year
    return date(year, month0 + 1, min(day.day, calendar.monthrange(year, month0 + 1)[1]))


def shift_days(day: date, days: int) -> date:
    """``day`` moved by ``days``, kept inside the calendar (date.min..date.max)."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min


def _shift(today: date, amount: int, unit: str) -> date:
    if unit == "day":
        return today + timedelta(days=amount)
    if unit == "week":
        return today + timedelta(weeks=amount)
    if unit == "month":
        return add_months(today, amount)
    return add_months(today, 12 * amount)


def _amount(word: str) -> int | None:
    return int(word) if word.isdigit() else _NUMBER_WORDS.get(word)


def _weekday(today: date, weekday: int, modifier: str | None, prefer: Prefer) -> date:
    if modifier == "last":  # strictly before today
        return today - timedelta(days=(today.weekday() - weekday - 1) % 7 + 1)
    if modifier == "next":  # that day of next week (weeks start on Monday)
        return today + timedelta(days=7 - today.weekday() + weekday)
    if modifier == "coming" or prefer == "future":  # the first one after today
        return today + timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)
    return today - timedelta(days=(today.weekday() - weekday) % 7)  # on or before today


def _relative(text: str, today: date, prefer: Prefer) -> date | None:
    """Everything that is not a numeric date; None when the words mean nothing to us."""
    if text in _SINGLE_WORDS:
        return today + timedelta(days=_SINGLE_WORDS[text])
    words = text.split()
    if words and words[0] in _FILLER:
        words = words[1:]
    if len(words) == 1 and words[0] in _WEEKDAYS:
        return _weekday(today, _WEEKDAYS[words[0]], None, prefer)
    if len(words) == 2 and words[0] in _MODIFIER and words[1] in _WEEKDAYS:
        return _weekday(today, _WEEKDAYS[words[1]], _MODIFIER[words[0]], prefer)
    for pattern, sign in ((_AGO_RE, -1), (_VOR_RE, -1), (_IN_RE, 1)):
        match = pattern.fullmatch(text)
        if match and match[2] in _UNITS:
            amount = _amount(match[1])
            if amount is not None:
                return _shift(today, sign * amount, _UNITS[match[2]])
    match = _STEP_RE.fullmatch(text)
    if match and match[1] in _MODIFIER and match[2] in _UNITS and _MODIFIER[match[1]] != "this":
        return _shift(today, -1 if _MODIFIER[match[1]] == "last" else 1, _UNITS[match[2]])
    return None


def parse_date(text: str, today: date, *, prefer: Prefer = "past", field_name: str = "date") -> date:
    """Read a date phrase relative to ``today``.

    Weekdays alone mean the most recent one on or before today (``prefer="past"``) or the
    next one after today (``prefer="future"``); "last friday" is the one strictly before today,
    "coming friday" the first after today, "next friday" the Friday of next week.
    """
    value = _normalise(text)
    match = _ISO.fullmatch(value)
    if match:
        return _make_date(int(match[1]), int(match[2]), int(match[3]), text, field_name)
    match = _GERMAN.fullmatch(value)
    if match:
        year = today.year if match[3] is None else int(match[3])
        if match[3] is not None and len(match[3]) == 2:
            year += 2000
        return _make_date(year, int(match[2]), int(match[1]), text, field_name)
    try:
        result = _relative(value.rstrip(".!?"), today, prefer)
    except (OverflowError, ValueError):
        raise ValidationError(
            field_name, _("“{text}” is too far away to be a date.").format(text=_quote(text))
        ) from None
    if result is None:
        raise _not_understood(text, field_name)
    return result


def looks_like_date(token: str) -> bool:
    """True if ``token`` parses as a date phrase (relative to any day)."""
    try:
        parse_date(token, date(2000, 1, 1))
    except ValidationError:
        return False
    return True


# 14:30, 14.30, 14h30, 9, 9h, 14 Uhr, 9am, 9:30 pm, 9 a.m.
_TIME = re.compile(r"(\d{1,2})(?:\s*[:.h]\s*(\d{2}))?\s*(?:(h|uhr)|([ap])\.?\s*m\.?)?")


def parse_time(text: str, *, field_name: str = "time") -> str | None:
    """A time of day as "HH:MM"; empty text is no time (None). 12am is midnight, 12pm noon."""
    value = _normalise(text)
    if not value:
        return None
    match = _TIME.fullmatch(value)
    if match:
        hour, minute, half = int(match[1]), int(match[2] or 0), match[4]
        if half and 1 <= hour <= 12:
            hour = hour % 12 + (12 if half == "p" else 0)
        elif half:
            hour = 24  # "13pm", "0am": no such time
        if hour < 24 and minute < 60:
            return f"{hour:02d}:{minute:02d}"
    raise ValidationError(field_name, _("“{value}” is not a time; try 14:30 or 9am.").format(value=_quote(text)))
