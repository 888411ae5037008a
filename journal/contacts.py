"""What an address book knows about a person, as plain values: phone numbers compared
in a normalised form, dates with or without a year, and the kinds (types) of e-mails,
phones and addresses.

No journal records here (journal.model builds on it), no clock: ``today`` is passed in.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from journal.i18n import N_

# The kinds a phone, e-mail or address may have, as vCard names them (lower case). Other
# values (an exporter's own, "x-nec-secret") are kept as they came.
PHONE_KINDS: dict[str, str] = {
    "cell": N_("mobile"),
    "voice": N_("voice"),
    "work": N_("work"),
    "home": N_("home"),
    "fax": N_("fax"),
    "pager": N_("pager"),
    "text": N_("text"),
    "video": N_("video"),
    "textphone": N_("text phone"),
    "other": N_("other"),
}
PLACE_KINDS: dict[str, str] = {"work": N_("work"), "home": N_("home"), "other": N_("other")}
# Words people write for the kinds, in English and German, mapped to the vCard names.
KIND_WORDS: dict[str, str] = {
    "mobile": "cell",
    "mobil": "cell",
    "handy": "cell",
    "cell": "cell",
    "cellular": "cell",
    "work": "work",
    "business": "work",
    "office": "work",
    "arbeit": "work",
    "dienstlich": "work",
    "geschäftlich": "work",
    "home": "home",
    "private": "home",
    "privat": "home",
    "zuhause": "home",
    "fax": "fax",
    "pager": "pager",
    "voice": "voice",
    "text": "text",
    "sms": "text",
    "video": "video",
    "textphone": "textphone",
    "other": "other",
    "andere": "other",
}
# Not a kind of number or address but how the vCard was written; dropped on import.
NOISE_KINDS = frozenset({"internet", "pref", "x400", "postal", "parcel", "dom", "intl", "msg", "bbs", "modem"})


def kind_of(word: str) -> str:
    """A kind as stored: the vCard name for a known word, else the word in lower case."""
    word = word.strip().lower()
    return KIND_WORDS.get(word, word)


def phone_key(number: str) -> str:
    """A phone number reduced to what makes it one number, so that "905-555-1234",
    "(905) 555-1234" and "+1 905 555 1234" compare equal, and so do "+49 170 1234567",
    "0049 170 1234567" and "0170 1234567".

    International numbers are read by ``phonenumbers`` (its national significant number);
    national ones lose their trunk prefix (a leading 0, or the 1 of an 11-digit North
    American number). Text that holds no digit at all compares as folded text.
    """
    text = number.strip()
    if text.startswith("00"):
        text = "+" + text[2:]
    if text.startswith("+"):
        import phonenumbers  # imported on first use: it is big, and most commands never need it

        try:
            return phonenumbers.national_significant_number(phonenumbers.parse(text, None))
        except phonenumbers.NumberParseException:
            pass
    digits = re.sub(r"\D", "", text)
    if not digits:
        return " ".join(text.casefold().split())
    digits = digits.lstrip("0") or "0"
    if len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]
    return digits


# ----------------------------------------------------------------------------- dates


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A day of the year, with or without its year (a birthday whose year nobody knows)."""

    month: int
    day: int
    year: int | None = None

    def iso(self) -> str:
        """ "1980-03-22", or "--03-22" without a year (vCard 4.0's way of writing it)."""
        if self.year is None:
            return f"--{self.month:02d}-{self.day:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def on_year(self, year: int) -> date:
        """This day in ``year``; 29 February falls on 28 February in other years."""
        day = self.day
        if self.month == 2 and day == 29 and not calendar.isleap(year):
            day = 28
        return date(year, self.month, day)

    def next_from(self, today: date) -> date:
        """The next time this day comes round, today included."""
        this_year = self.on_year(today.year)
        return this_year if this_year >= today else self.on_year(today.year + 1)

    def age_on(self, day: date) -> int | None:
        if self.year is None:
            return None
        return day.year - self.year - ((day.month, day.day) < (self.month, self.day))


_DATE_FORMS = (
    re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"),  # 1980-03-22
    re.compile(r"(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})"),  # 19800322 (vCard 2.1/3.0 basic form)
    re.compile(r"--(?P<m>\d{2})-?(?P<d>\d{2})"),  # --0322, --03-22 (vCard 4.0, no year)
    re.compile(r"(?P<m>\d{1,2})-(?P<d>\d{1,2})"),  # 03-22
    re.compile(r"(?P<d>\d{1,2})\.\s*(?P<m>\d{1,2})\.(?:\s*(?P<y>\d{4}))?"),  # 22.3.1980, 22.3.
)


def parse_partial_date(text: str) -> PartialDate | None:
    """Read a date with or without a year; None if it is not one.

    Accepts ISO (1980-03-22), the basic form (19800322), no-year forms (--03-22, --0322,
    03-22), German day-first (22.3.1980, 22.3.), and a time after the date (1980-03-22T00:00:00Z,
    as some phones write birthdays), which is ignored.
    """
    value = text.strip()
    if not value:
        return None
    value = re.split(r"[T ]\d", value, maxsplit=1)[0] if re.match(r"\d{4}-?\d{2}-?\d{2}[T ]\d", value) else value
    for form in _DATE_FORMS:
        match = form.fullmatch(value)
        if not match:
            continue
        parts = match.groupdict()
        year = int(parts["y"]) if parts.get("y") else None
        month, day = int(parts["m"]), int(parts["d"])
        if (year is not None and year < 1) or not 1 <= month <= 12:
            return None
        # Without a year, 29 February is a real birthday.
        if not 1 <= day <= calendar.monthrange(year if year is not None else 2000, month)[1]:
            return None
        if year == 1604:
            year = None  # Apple's way of saying "no year" (X-APPLE-OMIT-YEAR=1604)
        return PartialDate(month, day, year)
    return None
