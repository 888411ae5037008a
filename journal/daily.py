"""The day in a few lines: what `netjournal today` prints for a login shell or a scheduled
notification — encounters so far, follow-ups, birthdays, who is due, the lucky pick.

Read-only: the lucky pick is the one the app shows (after its rerolls), worked out without
recording it, and nothing is written. ``today`` comes in; lines of text go out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from journal import lucky, pacing
from journal.birthdays import Reminder, day_reminders, reminders_for
from journal.i18n import _, ngettext
from journal.phrases import format_date
from journal.store import JournalStore

# Names on one line before "and N more"; reminders listed before "and N more".
NAMES_SHOWN = 5
REMINDERS_SHOWN = 5


@dataclass(frozen=True)
class DayDigest:
    day: date
    encounters: int
    met: list[str]  # the people met so far, each once, in the order of the day
    reminders: list[Reminder]  # today's: follow-ups (also those still open), birthdays, dates
    coming: list[Reminder]  # the coming week's, after today
    due: list[pacing.DueEntry]
    pick: lucky.LuckyEncounter | None


def digest_for(store: JournalStore, today: date) -> DayDigest:
    encounters = sorted(store.encounters_on(today), key=lambda e: (e.time or "", e.created))
    met: list[str] = []
    for encounter in encounters:
        met += [name for name in store.names(encounter.person_ids) if name not in met]
    todays = day_reminders(store, today, today)
    coming = [r for r in reminders_for(store, today) if r.day > today]
    return DayDigest(
        day=today,
        encounters=len(encounters),
        met=met,
        reminders=todays,
        coming=coming,
        due=pacing.due_list_for(store, today),
        pick=lucky.pick_to_show_for(store, today).pick,
    )


def _names(names: list[str]) -> str:
    shown = ", ".join(names[:NAMES_SHOWN])
    if len(names) > NAMES_SHOWN:
        more = len(names) - NAMES_SHOWN
        shown += " " + ngettext("and {n} more", "and {n} more", more).format(n=more)
    return shown


def digest_lines(digest: DayDigest) -> list[str]:
    """The digest as a few lines (the first is the date: a notification's title)."""
    today = digest.day
    lines = [format_date(today)]
    if digest.encounters:
        lines.append(
            ngettext(
                "Met so far ({n} encounter): {names}", "Met so far ({n} encounters): {names}", digest.encounters
            ).format(n=digest.encounters, names=_names(digest.met))
        )
    else:
        lines.append(_("Nobody logged yet today."))
    for reminder in [*digest.reminders, *digest.coming][:REMINDERS_SHOWN]:
        lines.append("• " + reminder.text(today))
    hidden = len(digest.reminders) + len(digest.coming) - REMINDERS_SHOWN
    if hidden > 0:
        lines.append(
            "  " + ngettext("and {n} more (netjournal due)", "and {n} more (netjournal due)", hidden).format(n=hidden)
        )
    if digest.due:
        lines.append(
            ngettext("Due for a check-in ({n}): {names}", "Due for a check-in ({n}): {names}", len(digest.due)).format(
                n=len(digest.due), names=_names([entry.person.name for entry in digest.due])
            )
        )
    else:
        lines.append(_("Nobody is due a check-in today."))
    if digest.pick is not None:
        lines.append(_("Lucky encounter: {name} · {why}").format(name=digest.pick.person.name, why=digest.pick.reason))
    return lines
