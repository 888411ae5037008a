"""Rule 6, give others time: each person's check-in rhythm, the due list, the give-them-time guard.

Everything here takes plain data (a Person, their encounters oldest first, the Settings) and
``today``; nothing reads the wall clock. The ``*_for`` helpers at the end take a JournalStore
for convenience. The rules, in short (docs/rules.md has them in full):

- Cadence: the person's own ``cadence_days``; else learned, the median gap between the distinct
  days of your last encounters (at least three such days), clamped to 7..365; else the default.
- Every encounter up to today counts as contact, whatever its direction.
- Unanswered outreach: your outreach days after the last "met" or "they reached out" (the first
  outreach day right after their message is your answer, not counted). Each one doubles the wait
  (cadence × 2ⁿ, at most 4 doublings) before the person is due again; a reply resets it.
- Due when ``last contact + wait <= today``; ranked by ``days since / wait``.
- People never contacted have no clock: they are not on the due list (the lucky encounter is
  where they surface).
- Snoozed until a date: off the due list (and out of the lucky pick) until that day.
"""

from __future__ import annotations

import itertools
import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Literal

from journal.i18n import N_, _, ngettext
from journal.model import MAX_CADENCE, Encounter, Person, Settings
from journal.phrases import every_phrase, last_seen_phrase, relative_day

if TYPE_CHECKING:
    from journal.store import JournalStore

CadenceSource = Literal["set", "learned", "default"]
# Where a cadence comes from, as shown to the user (English msgids, translated when shown).
SOURCE_LABELS: dict[str, str] = {
    "set": N_("set by you"),
    "learned": N_("learned from your encounters"),
    "default": N_("the default"),
}

# A rhythm is learned only from three or more distinct days: two days give one gap, which is an
# accident, not a habit.
LEARN_MIN_DAYS = 3
# Only the recent rhythm matters: a friendship that moved from weekly to monthly should be paced
# monthly, so the median is taken over the last few gaps.
LEARN_RECENT_GAPS = 12
# A learned cadence shorter than a week would nag (colleagues seen daily); longer than a year
# would let someone drift away for good.
LEARNED_MIN = 7
LEARNED_MAX = 365
# Four doublings (16 × the cadence) is already a long silence; beyond that more waiting helps no one.
MAX_DOUBLINGS = 4
# Reaching out again sooner than this share of the cadence counts as "too soon".
TOO_SOON_SHARE = 3


@dataclass(frozen=True, slots=True)
class PaceStatus:
    """Where one person stands in their rhythm on ``today``."""

    last_contact: date | None
    cadence: int
    source: CadenceSource
    # The cadence stretched by unanswered outreach (cadence × 2ⁿ); equals cadence when n = 0.
    wait: int
    next_due: date | None
    days_since: int | None
    # days_since / wait: 1.0 is exactly due, 2.0 twice as long as the (stretched) rhythm.
    overdue_ratio: float
    awaiting_reply: bool
    unanswered: int
    snoozed: bool
    snoozed_until: date | None
    last_direction: str | None

    @property
    def contacted(self) -> bool:
        return self.last_contact is not None

    @property
    def due(self) -> bool:
        return self.next_due is not None and self.overdue_ratio >= 1.0


@dataclass(frozen=True, slots=True)
class DueEntry:
    person: Person
    status: PaceStatus


# ----------------------------------------------------------------------------- cadence


def _past(encounters: Sequence[Encounter], today: date) -> Sequence[Encounter]:
    """Encounters that have happened (oldest first): a date after today is a plan, not contact."""
    if not encounters or encounters[-1].date <= today:
        return encounters  # the usual case: nothing planned ahead, no copy needed
    return [e for e in encounters if e.date <= today]


def learned_cadence(encounters: Sequence[Encounter]) -> int | None:
    """The median gap between the distinct days of recent encounters, clamped; None if too few."""
    days = sorted({e.date for e in encounters})
    if len(days) < LEARN_MIN_DAYS:
        return None
    gaps = [(b - a).days for a, b in itertools.pairwise(days)][-LEARN_RECENT_GAPS:]
    median = statistics.median(gaps)
    return max(LEARNED_MIN, min(LEARNED_MAX, round(median)))


def cadence(person: Person, encounters: Sequence[Encounter], default: int) -> tuple[int, CadenceSource]:
    """(days, source): set by hand, else learned from the encounters, else the default."""
    if person.cadence_days:
        return person.cadence_days, "set"
    learned = learned_cadence(encounters)
    if learned is not None:
        return learned, "learned"
    return default, "default"


# ----------------------------------------------------------------------------- outreach state


def unanswered_outreach(encounters: Sequence[Encounter]) -> int:
    """Days with your outreach since their last reply or meeting (encounters oldest first).

    Counted in days, not records: a message and an e-mail on the same afternoon are one attempt.
    The first outreach day right after *their* message is your answer to it, not an attempt
    awaiting a reply: it starts no back-off. Only outreach after that answer counts.
    """
    days: set[date] = set()
    before: str | None = None
    for encounter in reversed(encounters):
        if encounter.direction != "outreach":
            before = encounter.direction
            break
        days.add(encounter.date)
    if before == "inbound" and days:
        days.discard(min(days))
    return len(days)


def backed_off_wait(cadence_days: int, unanswered: int) -> int:
    """Each unanswered outreach doubles the wait, up to MAX_DOUBLINGS times."""
    return cadence_days * 2 ** min(unanswered, MAX_DOUBLINGS)


def is_snoozed(person: Person, today: date) -> bool:
    """Snoozed until a date means back on that date: snoozed while today is before it."""
    return person.snoozed_until is not None and today < person.snoozed_until


def status(person: Person, encounters: Sequence[Encounter], settings: Settings, today: date) -> PaceStatus:
    """The person's pacing on ``today``; ``encounters`` are theirs, oldest first."""
    past = _past(encounters, today)
    days, source = cadence(person, past, settings.default_cadence_days)
    unanswered = unanswered_outreach(past)
    wait = backed_off_wait(days, unanswered)
    snoozed = is_snoozed(person, today)
    if not past:
        return PaceStatus(None, days, source, wait, None, None, 0.0, False, 0, snoozed, person.snoozed_until, None)
    last = past[-1]
    since = (today - last.date).days
    return PaceStatus(
        last_contact=last.date,
        cadence=days,
        source=source,
        wait=wait,
        next_due=last.date + timedelta(days=wait),
        days_since=since,
        overdue_ratio=since / wait,
        awaiting_reply=unanswered > 0,
        unanswered=unanswered,
        snoozed=snoozed,
        snoozed_until=person.snoozed_until,
        last_direction=last.direction,
    )


# ----------------------------------------------------------------------------- due list


def due_list(
    people: Iterable[Person],
    encounters_by_person: Mapping[str, Sequence[Encounter]],
    settings: Settings,
    today: date,
) -> list[DueEntry]:
    """People whose next check-in has come, most overdue relative to their rhythm first.

    Left out: archived, snoozed, and never contacted (no clock to be late on).
    """
    entries: list[DueEntry] = []
    for person in people:
        if person.archived:
            continue
        state = status(person, encounters_by_person.get(person.id, ()), settings, today)
        if state.snoozed or not state.due:
            continue
        entries.append(DueEntry(person, state))
    # Ties (same ratio) go to whoever has waited longer in days, then by name for a stable order.
    entries.sort(key=lambda e: (-e.status.overdue_ratio, -(e.status.days_since or 0), e.person.name.casefold()))
    return entries


def due_line(entry: DueEntry, today: date) -> str:
    """ "Anna Müller · last seen 5 weeks ago · every 4 weeks", plus a note on unanswered outreach."""
    state = entry.status
    parts = [entry.person.name, last_seen_phrase(state.last_contact, today), every_phrase(state.cadence)]
    if state.unanswered:
        parts.append(
            ngettext("{n} message unanswered", "{n} messages unanswered", state.unanswered).format(n=state.unanswered)
        )
    return " · ".join(parts)


# ----------------------------------------------------------------------------- give them time


def give_them_time(person: Person, encounters: Sequence[Encounter], settings: Settings, today: date) -> str | None:
    """A gentle warning if reaching out to ``person`` today would be too soon; None if it is fine.

    Never blocks: the caller shows the text and logs the outreach anyway if the user insists.
    """
    state = status(person, encounters, settings, today)
    if state.last_contact is None or state.days_since is None:
        return None
    if state.awaiting_reply and not state.due:
        # Still within the backed-off wait: another message now would be pestering.
        return ngettext(
            "You reached out to {name} {when} and have not heard back yet. Give them time: they are due again {due}.",
            "You reached out to {name} {n} times without a reply, the last {when}. Give them time: "
            "they are due again {due}.",
            state.unanswered,
        ).format(
            name=person.name,
            n=state.unanswered,
            when=relative_day(state.last_contact, today),
            due=relative_day(state.next_due, today) if state.next_due else "",
        )
    if state.last_direction == "inbound":
        # They reached out last; answering them is never too soon.
        return None
    soon_until = state.last_contact + timedelta(days=-(-state.cadence // TOO_SOON_SHARE))
    if today < soon_until:
        return _(
            "You were in touch with {name} {when}, and you usually keep in touch {every}. "
            "Give them time; {later} would be soon enough."
        ).format(
            name=person.name,
            when=relative_day(state.last_contact, today),
            every=every_phrase(state.cadence),
            later=relative_day(soon_until, today),
        )
    return None


# ----------------------------------------------------------------------------- one-key logs


def quick_contact(person: Person, now: datetime, direction: Literal["outreach", "met"]) -> Encounter:
    """An encounter logged in one key from the due list, at the local time ``now``: "I reached
    out" (a message) or "we met" (in person). It says so in its summary, so lists that show
    summaries show what it was; the user may add details later."""
    outreach = direction == "outreach"
    return Encounter(
        date=now.date(),
        time=now.strftime("%H:%M"),
        person_ids=[person.id],
        direction="outreach" if outreach else "met",
        channel="message" if outreach else "in_person",
        summary=_("Reached out") if outreach else _("Met"),
    )


# ----------------------------------------------------------------------------- snooze


def snooze(person: Person, days: int, today: date) -> Person:
    """A copy of ``person`` snoozed for ``days`` (0 wakes them now); the caller saves it."""
    if isinstance(days, bool) or not isinstance(days, int) or days < 0:
        raise ValueError(_("Snooze for a whole number of days, 0 or more."))
    if days > MAX_CADENCE:
        raise ValueError(_("Snooze for at most {limit} days.").format(limit=MAX_CADENCE))
    until = today + timedelta(days=days) if days else None
    return replace(person, snoozed_until=until)


def unsnooze(person: Person) -> Person:
    return replace(person, snoozed_until=None)


# ----------------------------------------------------------------------------- store helpers


def status_for(store: JournalStore, person: Person, today: date) -> PaceStatus:
    return status(person, store.encounters_with(person.id), store.settings, today)


def due_list_for(store: JournalStore, today: date) -> list[DueEntry]:
    return due_list(store.people(), store.encounters_by_person(), store.settings, today)


def give_them_time_for(store: JournalStore, person: Person, today: date) -> str | None:
    return give_them_time(person, store.encounters_with(person.id), store.settings, today)


def outreach_warnings(store: JournalStore, encounter: Encounter, today: date) -> list[str]:
    """The give-them-time warnings for an encounter about to be logged (ask *before* saving it):
    one per person it names, when it is your outreach dated today. People not yet in the journal
    have no history, so no warning."""
    if encounter.direction != "outreach" or encounter.date != today:
        return []
    warnings = []
    for person_id in encounter.person_ids:
        person = store.person(person_id)
        if person is not None and (warning := give_them_time_for(store, person, today)):
            warnings.append(warning)
    return warnings
