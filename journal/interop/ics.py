"""The journal's dates for any calendar app: `netjournal export --format ics`.

Birthdays and other dates (anniversaries, the card's own labels) as all-day events that recur
every year; follow-ups that are still to do as all-day events on their day. Written through
vobject's iCalendar support.

The file is the same every time the journal is the same: each event's UID is made from the
record's id (a calendar that subscribes to the file, or a sync tool, sees one event change
rather than all of them replaced), and DTSTAMP is when the record last changed, not when the
file was written. Archived and deleted people are left out, as they are from Today and Due.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, date, datetime, timedelta

import vobject

from journal import __version__
from journal.birthdays import DATE_LABELS, open_follow_ups
from journal.clock import parse_timestamp
from journal.contacts import PartialDate, parse_partial_date
from journal.folding import fold
from journal.i18n import _
from journal.model import Encounter, Person
from journal.phrases import format_date

PRODID = f"-//netjournal//netjournal {__version__}//EN"
# A date without a year starts in a leap year (so that 29 February exists) long enough ago that
# every coming year has it. The description says that the year is not known.
NO_YEAR_START = 2000
# UIDs of other dates (person, label, day) and follow-ups (encounter, person): made from the
# records' ids, so the same in every export.
_UIDS = uuid.UUID("5d0c2b7e-29a4-4d6b-9b43-1f0e0b6c1d2a")


def _stamp(*records: Person | Encounter) -> datetime:
    """When the newest of these records last changed (UTC); a record without one counts as 1970."""
    moments = [parse_timestamp(r.updated) for r in records if r.updated]
    # vobject writes "Z" only for dateutil's UTC (datetime.UTC gets an invented TZID).
    return (
        max(moments, default=datetime(1970, 1, 1, tzinfo=UTC)).astimezone(vobject.icalendar.utc).replace(microsecond=0)
    )


def _all_day(
    calendar: vobject.base.Component, uid: str, start: date, summary: str, stamp: datetime
) -> vobject.base.Component:
    event = calendar.add("vevent")
    event.add("uid").value = uid
    event.add("dtstamp").value = stamp
    event.add("dtstart").value = start
    event.add("dtend").value = start + timedelta(days=1)
    event.add("summary").value = summary
    # A reminder, not an appointment: it does not make the day busy.
    event.add("transp").value = "TRANSPARENT"
    return event


def _yearly(
    calendar: vobject.base.Component,
    uid: str,
    when: PartialDate,
    summary: str,
    stamp: datetime,
    category: str,
    *,
    birthday: bool = False,
) -> None:
    start = when.on_year(when.year if when.year is not None else NO_YEAR_START)
    event = _all_day(calendar, uid, start, summary, stamp)
    # 29 February falls on the last day of February in other years (as Today and Due count it);
    # a plain yearly rule would skip three years of four.
    leap_day = (when.month, when.day) == (2, 29)
    event.add("rrule").value = "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1" if leap_day else "FREQ=YEARLY"
    event.add("categories").value = [category]
    if when.year is None:
        event.add("description").value = _("The year is not known.")
    else:
        day = format_date(date(when.year, when.month, when.day), weekday=False)
        event.add("description").value = _("Born {date}").format(date=day) if birthday else day


def calendar_of(
    people: Iterable[Person],
    encounters: Iterable[Encounter],
    encounters_by_person: Mapping[str, Sequence[Encounter]],
) -> vobject.base.Component:
    """The calendar: birthdays and other dates, then follow-ups still to do."""
    calendar = vobject.iCalendar()
    calendar.add("prodid").value = PRODID
    calendar.add("calscale").value = "GREGORIAN"
    calendar.add("x-wr-calname").value = "netjournal"
    live = {p.id: p for p in people if not p.archived and p.deleted is None}
    for person in sorted(live.values(), key=lambda p: (fold(p.name), p.id)):
        if person.birthday and (born := parse_partial_date(person.birthday)):
            summary = _("{name}'s birthday").format(name=person.name)
            _yearly(
                calendar, f"birthday-{person.id}@netjournal", born, summary, _stamp(person), "birthday", birthday=True
            )
        for entry in person.dates:
            if not (when := parse_partial_date(entry.date)):
                continue
            label = _(DATE_LABELS[entry.label]) if entry.label in DATE_LABELS else entry.label
            uid = f"date-{uuid.uuid5(_UIDS, f'{person.id}/{entry.label}/{entry.date}')}@netjournal"
            summary = _("{name}: {label}").format(name=person.name, label=label)
            _yearly(calendar, uid, when, summary, _stamp(person), "anniversary")
    pending = open_follow_ups(encounters, live, encounters_by_person)
    for encounter, person in sorted(pending, key=lambda pair: (pair[0].follow_up, fold(pair[1].name), pair[0].id)):
        assert encounter.follow_up is not None
        event = _all_day(
            calendar,
            f"follow-up-{uuid.uuid5(_UIDS, f'{encounter.id}/{person.id}')}@netjournal",
            encounter.follow_up,
            _("Follow up with {name}").format(name=person.name),
            _stamp(encounter, person),
        )
        met = format_date(encounter.date, weekday=False)
        about = f"{met}: {encounter.summary}" if encounter.summary else met
        event.add("description").value = about
        event.add("categories").value = ["follow-up"]
    return calendar


def export_ics(
    people: Iterable[Person],
    encounters: Iterable[Encounter],
    encounters_by_person: Mapping[str, Sequence[Encounter]],
) -> str:
    """The calendar as iCalendar text (CRLF lines, folded at 75 octets)."""
    return str(calendar_of(people, encounters, encounters_by_person).serialize())
