"""Human phrases for dates and spans ("3 weeks ago", "every 4 weeks"), in the current language.

humanize covers clock times ("2 hours ago"); journal dates are whole days, where weeks read
better than humanize's jump from days to "a month", so day spans are phrased here.
"""

from __future__ import annotations

from datetime import date, datetime

import humanize

from journal import i18n
from journal.i18n import _, ngettext
from journal.model import CHANNEL_LABELS, DIRECTION_LABELS, OCCASION_LABELS, Encounter


def since(moment: datetime, now: datetime) -> str:
    """A clock-time phrase: "2 hours ago", "now"; German "vor 2 Stunden", "gerade eben".

    humanize does the arithmetic; its German comes from our own corrected catalog
    (journal/locale/de/LC_MESSAGES/humanize.po: "vor 3 Tagen", not humanize's "vor 3 Tage"),
    activated only for this call and only on this thread.
    """
    delta = now - moment
    folder = None if i18n.language() == "en" else i18n.catalog_dir("humanize", i18n.language())
    if folder is None:
        humanize.deactivate()
        return humanize.naturaltime(delta)
    humanize.activate(i18n.language(), path=folder)
    try:
        return humanize.naturaltime(delta)
    finally:
        humanize.deactivate()


def relative_day(day: date, today: date) -> str:
    """today, yesterday, 3 days ago, 2 weeks ago, 5 months ago, 2 years ago; and the future."""
    delta = (today - day).days
    if delta == 0:
        return _("today")
    if delta == 1:
        return _("yesterday")
    if delta == -1:
        return _("tomorrow")
    span = abs(delta)
    if span < 14:
        n = span
        phrase = ngettext("{n} day ago", "{n} days ago", n) if delta > 0 else ngettext("in {n} day", "in {n} days", n)
    elif span < 60:
        n = round(span / 7)
        phrase = (
            ngettext("{n} week ago", "{n} weeks ago", n) if delta > 0 else ngettext("in {n} week", "in {n} weeks", n)
        )
    elif span < 730:
        n = round(span / 30.44)
        phrase = (
            ngettext("{n} month ago", "{n} months ago", n)
            if delta > 0
            else ngettext("in {n} month", "in {n} months", n)
        )
    else:
        n = round(span / 365.25)
        phrase = (
            ngettext("{n} year ago", "{n} years ago", n) if delta > 0 else ngettext("in {n} year", "in {n} years", n)
        )
    return phrase.format(n=n)


def last_seen_phrase(day: date | None, today: date) -> str:
    if day is None:
        return _("not seen yet")
    return _("last seen {when}").format(when=relative_day(day, today))


def every_phrase(days: int) -> str:
    """A cadence: "every day", "every 10 days", "every 4 weeks", "every 3 months", "every year"."""
    if days == 1:
        return _("every day")
    if days % 365 == 0:
        n = days // 365
        return ngettext("every year", "every {n} years", n).format(n=n)
    if days % 30 == 0 and days >= 60:
        n = days // 30
        return ngettext("every month", "every {n} months", n).format(n=n)
    if days % 7 == 0:
        n = days // 7
        return ngettext("every week", "every {n} weeks", n).format(n=n)
    return ngettext("every day", "every {n} days", days).format(n=days)


_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def format_date(day: date, *, weekday: bool = True) -> str:
    """English "Sun 29 Nov 2026"; German "Mi., 2.12.2026", as German is written in a sentence (no
    leading zeros; short enough for a table column). Independent of the C locale."""
    if i18n.language() == "de":
        names = ("Mo.", "Di.", "Mi.", "Do.", "Fr.", "Sa.", "So.")
        text = f"{day.day}.{day.month}.{day.year}"
        return f"{names[day.weekday()]}, {text}" if weekday else text
    text = f"{day.day} {_MONTHS[day.month - 1]} {day.year}"
    return f"{_WEEKDAYS[day.weekday()]} {text}" if weekday else text


def sentence_date(day: date) -> str:
    """A date inside a CLI sentence: ISO in English (as scripts read it), "2.12.2026" in German."""
    return format_date(day, weekday=False) if i18n.language() == "de" else day.isoformat()


def encounter_details(encounter: Encounter) -> list[str]:
    """What kind of encounter it was, in words: occasion, channel and who moved (when not the
    usual in-person meeting), and the place. Shared by the person page and `netjournal show`."""
    details = []
    if encounter.occasion:
        details.append(_(OCCASION_LABELS[encounter.occasion]))
    if encounter.channel != "in_person":
        details.append(_(CHANNEL_LABELS[encounter.channel]))
    if encounter.direction != "met":
        details.append(_(DIRECTION_LABELS[encounter.direction]))
    if encounter.place:
        details.append("@ " + encounter.place)
    return details


def encounter_line(encounter: Encounter, names: list[str], *, width: int = 80) -> str:
    """One encounter named in a line, for a question about it ("Delete …?"): when, with whom,
    what about. "Sun 29 Nov 2026, 09:30 · Anna Müller, Bob Schulz · “talked about Rust”"."""
    when = format_date(encounter.date)
    if encounter.time:
        when = _("{date}, {time}").format(date=when, time=encounter.time)
    parts = [when, ", ".join(names) or _("(nobody)")]
    summary = " ".join(encounter.summary.split())
    if summary:
        if len(summary) > width:
            summary = summary[: width - 1].rstrip() + "…"
        # Translators: quotes around an encounter's summary; German uses „…“.
        parts.append(_("“{text}”").format(text=summary))
    return " · ".join(parts)
