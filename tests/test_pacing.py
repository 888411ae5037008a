"""Rule 6: cadence learning, the due list, the give-them-time guard, back-off, snooze."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from journal import i18n, pacing
from journal.model import Encounter, Person, Settings

TODAY = date(2026, 11, 29)
SETTINGS = Settings(default_cadence_days=42)


def ago(days: int) -> date:
    return TODAY - timedelta(days=days)


def enc(person: Person, days_ago: int, direction: str = "met", **kw: object) -> Encounter:
    return Encounter(date=ago(days_ago), person_ids=[person.id], direction=direction, **kw)


def history(person: Person, *spec: int | tuple[int, str]) -> list[Encounter]:
    """Encounters oldest first, from days-ago numbers (or (days_ago, direction) pairs)."""
    out = []
    for item in spec:
        days, direction = item if isinstance(item, tuple) else (item, "met")
        out.append(enc(person, days, direction))
    return sorted(out, key=lambda e: e.date)


# ----------------------------------------------------------------------------- cadence


def test_cadence_set_by_hand_wins() -> None:
    anna = Person(name="Anna", cadence_days=10)
    assert pacing.cadence(anna, history(anna, 100, 80, 60, 40), 42) == (10, "set")


def test_cadence_learned_from_median_gap() -> None:
    anna = Person(name="Anna")
    # Gaps 10, 20, 30: median 20.
    assert pacing.cadence(anna, history(anna, 60, 50, 30, 0), 42) == (20, "learned")


def test_cadence_needs_three_distinct_days() -> None:
    anna = Person(name="Anna")
    assert pacing.cadence(anna, history(anna, 60, 30), 42) == (42, "default")
    # Three encounters but on two days are still one gap.
    assert pacing.cadence(anna, history(anna, 60, 30, 30), 42) == (42, "default")
    assert pacing.cadence(anna, [], 42) == (42, "default")


def test_learned_cadence_is_clamped() -> None:
    anna = Person(name="Anna")
    assert pacing.cadence(anna, history(anna, 3, 2, 1, 0), 42) == (7, "learned")
    assert pacing.cadence(anna, history(anna, 2000, 1400, 700), 42) == (365, "learned")


def test_learned_cadence_follows_the_recent_rhythm() -> None:
    anna = Person(name="Anna")
    # Weekly for a long time, then monthly for the last 12 gaps.
    weekly = [400 + 7 * k for k in range(30)]
    monthly = [30 * k for k in range(13)]
    assert pacing.cadence(anna, history(anna, *weekly, *monthly), 42) == (30, "learned")


# ----------------------------------------------------------------------------- status and back-off


def test_status_of_someone_never_contacted_has_no_clock() -> None:
    anna = Person(name="Anna")
    state = pacing.status(anna, [], SETTINGS, TODAY)
    assert state.last_contact is None and state.next_due is None
    assert not state.due and state.overdue_ratio == 0.0
    assert (state.cadence, state.source) == (42, "default")


def test_status_counts_every_direction_and_ignores_future_dates() -> None:
    anna = Person(name="Anna", cadence_days=28)
    encounters = history(anna, 40, (35, "inbound"), (-3, "met"))
    state = pacing.status(anna, encounters, SETTINGS, TODAY)
    assert state.last_contact == ago(35)
    assert state.days_since == 35
    assert state.next_due == ago(7)
    assert state.overdue_ratio == pytest.approx(35 / 28)
    assert state.due


def test_unanswered_outreach_counts_days_after_the_last_reply() -> None:
    anna = Person(name="Anna")
    encounters = history(anna, 100, (90, "outreach"), (70, "met"), (50, "outreach"), (20, "outreach"))
    assert pacing.unanswered_outreach(encounters) == 2
    # Two messages on one day are one attempt.
    encounters.append(enc(anna, 20, "outreach", channel="email"))
    assert pacing.unanswered_outreach(encounters) == 2


def test_answering_their_message_is_a_reply_not_an_unanswered_outreach() -> None:
    anna = Person(name="Anna", cadence_days=30)
    # They wrote 5 days ago, you answered 3 days ago (a message and an e-mail the same day).
    encounters = history(anna, 100, (5, "inbound"), (3, "outreach"))
    encounters.append(enc(anna, 3, "outreach", channel="email"))
    assert pacing.unanswered_outreach(encounters) == 0
    state = pacing.status(anna, encounters, SETTINGS, TODAY)
    assert (state.unanswered, state.wait, state.awaiting_reply) == (0, 30, False)
    assert state.next_due == ago(3) + timedelta(days=30)
    # A later outreach after your answer does wait for a reply.
    later = [*encounters, enc(anna, 1, "outreach")]
    assert pacing.unanswered_outreach(later) == 1
    assert pacing.status(anna, later, SETTINGS, TODAY).awaiting_reply


def test_a_follow_up_after_meeting_is_still_an_outreach() -> None:
    anna = Person(name="Anna")
    # Only *their* message makes your outreach an answer; after a meeting you wait for a reply.
    assert pacing.unanswered_outreach(history(anna, 10, (5, "outreach"))) == 1
    assert pacing.unanswered_outreach(history(anna, 10, (8, "inbound"), (7, "outreach"), (5, "outreach"))) == 1


def test_answering_them_does_not_trigger_the_unanswered_warning() -> None:
    anna = Person(name="Anna", cadence_days=30)
    replied = history(anna, 60, (12, "inbound"), (11, "outreach"))
    # Eleven days after your answer, more than a third of the cadence: reaching out is fine.
    assert pacing.give_them_time(anna, replied, SETTINGS, TODAY) is None
    # The same outreach without their message first is still awaiting a reply.
    unanswered = history(anna, 60, (11, "outreach"))
    warning = pacing.give_them_time(anna, unanswered, SETTINGS, TODAY)
    assert warning is not None and "not heard back" in warning


def test_each_unanswered_outreach_doubles_the_wait() -> None:
    anna = Person(name="Anna", cadence_days=30)
    base = history(anna, 100)
    one = pacing.status(anna, [*base, enc(anna, 40, "outreach")], SETTINGS, TODAY)
    assert (one.unanswered, one.wait, one.awaiting_reply) == (1, 60, True)
    assert one.next_due == ago(40) + timedelta(days=60)
    assert not one.due  # would have been due after 30 days without the back-off
    two = pacing.status(anna, [*base, enc(anna, 100, "outreach"), enc(anna, 40, "outreach")], SETTINGS, TODAY)
    assert (two.unanswered, two.wait) == (2, 120)


def test_back_off_stops_doubling_after_four() -> None:
    assert pacing.backed_off_wait(10, 4) == 160
    assert pacing.backed_off_wait(10, 9) == 160


def test_a_reply_resets_the_back_off() -> None:
    anna = Person(name="Anna", cadence_days=30)
    encounters = history(anna, (100, "outreach"), (70, "outreach"), (40, "inbound"))
    state = pacing.status(anna, encounters, SETTINGS, TODAY)
    assert (state.unanswered, state.wait, state.awaiting_reply) == (0, 30, False)
    assert state.due


# ----------------------------------------------------------------------------- due list


def test_due_list_orders_by_overdue_ratio_and_leaves_out_the_rest() -> None:
    weekly = Person(name="Weekly", cadence_days=7)  # 14 days: ratio 2.0
    monthly = Person(name="Monthly", cadence_days=30)  # 45 days: ratio 1.5
    yearly = Person(name="Yearly", cadence_days=365)  # 400 days: ratio ~1.1
    fresh = Person(name="Fresh", cadence_days=30)  # 10 days: not due
    archived = Person(name="Archived", cadence_days=7, archived=True)
    snoozed = Person(name="Snoozed", cadence_days=7, snoozed_until=TODAY + timedelta(days=1))
    never = Person(name="Never")
    people = [yearly, fresh, monthly, archived, snoozed, never, weekly]
    by_person = {
        weekly.id: history(weekly, 14),
        monthly.id: history(monthly, 45),
        yearly.id: history(yearly, 400),
        fresh.id: history(fresh, 10),
        archived.id: history(archived, 100),
        snoozed.id: history(snoozed, 100),
    }
    entries = pacing.due_list(people, by_person, SETTINGS, TODAY)
    assert [e.person.name for e in entries] == ["Weekly", "Monthly", "Yearly"]


def test_due_list_ties_go_to_the_longer_wait_then_the_name() -> None:
    a = Person(name="Bea", cadence_days=10)
    b = Person(name="Ali", cadence_days=20)
    c = Person(name="Cem", cadence_days=10)
    by_person = {a.id: history(a, 20), b.id: history(b, 40), c.id: history(c, 20)}
    names = [e.person.name for e in pacing.due_list([a, b, c], by_person, SETTINGS, TODAY)]
    assert names == ["Ali", "Bea", "Cem"]


def test_person_is_due_on_the_day_the_cadence_runs_out() -> None:
    anna = Person(name="Anna", cadence_days=28)
    assert pacing.due_list([anna], {anna.id: history(anna, 28)}, SETTINGS, TODAY)
    assert not pacing.due_list([anna], {anna.id: history(anna, 27)}, SETTINGS, TODAY)


def test_due_line_reads_like_the_design() -> None:
    anna = Person(name="Anna Müller", cadence_days=28)
    [entry] = pacing.due_list([anna], {anna.id: history(anna, 35)}, SETTINGS, TODAY)
    assert pacing.due_line(entry, TODAY) == "Anna Müller · last seen 5 weeks ago · every 4 weeks"


def test_due_line_mentions_unanswered_messages() -> None:
    anna = Person(name="Anna Müller", cadence_days=7)
    [entry] = pacing.due_list([anna], {anna.id: history(anna, 60, (20, "outreach"))}, SETTINGS, TODAY)
    assert pacing.due_line(entry, TODAY).endswith("· 1 message unanswered")


def test_reaching_out_takes_someone_off_the_due_list() -> None:
    anna = Person(name="Anna", cadence_days=28)
    encounters = history(anna, 60)
    assert pacing.due_list([anna], {anna.id: encounters}, SETTINGS, TODAY)
    encounters = [*encounters, enc(anna, 0, "outreach")]
    assert not pacing.due_list([anna], {anna.id: encounters}, SETTINGS, TODAY)
    # Without a reply they come back after twice the cadence.
    later = TODAY + timedelta(days=56)
    assert pacing.due_list([anna], {anna.id: encounters}, SETTINGS, later)


# ----------------------------------------------------------------------------- give them time


def test_no_warning_for_someone_never_contacted_or_due() -> None:
    anna = Person(name="Anna", cadence_days=30)
    assert pacing.give_them_time(anna, [], SETTINGS, TODAY) is None
    assert pacing.give_them_time(anna, history(anna, 40), SETTINGS, TODAY) is None


def test_warning_while_the_last_outreach_is_unanswered() -> None:
    anna = Person(name="Anna", cadence_days=30)
    warning = pacing.give_them_time(anna, history(anna, 60, (3, "outreach")), SETTINGS, TODAY)
    assert warning is not None
    assert "Anna" in warning and "3 days ago" in warning and "not heard back" in warning


def test_warning_right_after_reaching_out_today() -> None:
    anna = Person(name="Anna", cadence_days=28)
    warning = pacing.give_them_time(anna, history(anna, 60, (0, "outreach")), SETTINGS, TODAY)
    assert warning is not None and "today" in warning and "in 8 weeks" in warning


def test_no_warning_once_the_backed_off_wait_has_passed() -> None:
    anna = Person(name="Anna", cadence_days=10)
    assert pacing.give_them_time(anna, history(anna, 60, (25, "outreach")), SETTINGS, TODAY) is None


def test_warning_sooner_than_a_third_of_the_cadence() -> None:
    anna = Person(name="Anna", cadence_days=30)
    warning = pacing.give_them_time(anna, history(anna, 9), SETTINGS, TODAY)
    assert warning is not None and "every 30 days" in warning and "tomorrow" in warning
    assert pacing.give_them_time(anna, history(anna, 10), SETTINGS, TODAY) is None


def test_answering_them_is_never_too_soon() -> None:
    anna = Person(name="Anna", cadence_days=30)
    assert pacing.give_them_time(anna, history(anna, 40, (1, "inbound")), SETTINGS, TODAY) is None


def test_a_reply_lifts_the_warning() -> None:
    anna = Person(name="Anna", cadence_days=9)
    encounters = history(anna, 60, (20, "outreach"), (4, "inbound"))
    assert pacing.give_them_time(anna, encounters, SETTINGS, TODAY) is None


# ----------------------------------------------------------------------------- snooze


def test_snooze_returns_an_updated_copy() -> None:
    anna = Person(name="Anna")
    snoozed = pacing.snooze(anna, 14, TODAY)
    assert snoozed.snoozed_until == date(2026, 12, 13)
    assert anna.snoozed_until is None
    assert snoozed.id == anna.id
    assert pacing.snooze(snoozed, 0, TODAY).snoozed_until is None
    assert pacing.unsnooze(snoozed).snoozed_until is None


@pytest.mark.parametrize("days", [-1, 4000])
def test_snooze_refuses_odd_lengths(days: int) -> None:
    with pytest.raises(ValueError):
        pacing.snooze(Person(name="Anna"), days, TODAY)


def test_snoozed_people_leave_the_due_list_until_the_day() -> None:
    anna = pacing.snooze(Person(name="Anna", cadence_days=7), 5, TODAY)
    by_person = {anna.id: history(anna, 30)}
    assert not pacing.due_list([anna], by_person, SETTINGS, TODAY)
    assert not pacing.due_list([anna], by_person, SETTINGS, TODAY + timedelta(days=4))
    assert pacing.due_list([anna], by_person, SETTINGS, TODAY + timedelta(days=5))


def test_store_helpers_match_the_plain_functions(store) -> None:  # type: ignore[no-untyped-def]
    anna = Person(name="Anna", cadence_days=7)
    store.save(anna, enc(anna, 30), enc(anna, 2, "outreach"))
    state = pacing.status_for(store, anna, TODAY)
    assert state.unanswered == 1 and state.last_contact == ago(2)
    assert pacing.due_list_for(store, TODAY) == []
    assert pacing.give_them_time_for(store, anna, TODAY) is not None


def test_outreach_warnings_are_asked_before_saving(store) -> None:  # type: ignore[no-untyped-def]
    anna, bob = Person(name="Anna", cadence_days=30), Person(name="Bob", cadence_days=30)
    store.save(anna, bob, enc(anna, 60), enc(bob, 60), enc(anna, 3, "outreach"))
    both = Encounter(date=TODAY, person_ids=[anna.id, bob.id], direction="outreach")
    warnings = pacing.outreach_warnings(store, both, TODAY)
    assert len(warnings) == 1 and "Anna" in warnings[0] and "not heard back" in warnings[0]
    # Only your outreach dated today is checked; a meeting is never too soon to log.
    assert pacing.outreach_warnings(store, Encounter(date=TODAY, person_ids=[anna.id]), TODAY) == []
    past = Encounter(date=ago(1), person_ids=[anna.id], direction="outreach")
    assert pacing.outreach_warnings(store, past, TODAY) == []
    # Someone not in the journal yet has no history to warn about.
    assert pacing.outreach_warnings(store, Encounter(date=TODAY, person_ids=["new"], direction="outreach"), TODAY) == []


def test_quick_contact_logs_today_in_one_key_with_what_it_was() -> None:
    anna = Person(name="Anna")
    now = datetime(2026, 11, 29, 14, 5)
    out = pacing.quick_contact(anna, now, "outreach")
    assert (out.date, out.time, out.person_ids, out.direction, out.channel) == (
        TODAY,
        "14:05",
        [anna.id],
        "outreach",
        "message",
    )
    met = pacing.quick_contact(anna, now, "met")
    assert (met.direction, met.channel) == ("met", "in_person")
    # Lists that show summaries (History, a person's timeline) show what it was, never a blank row.
    assert (out.summary, met.summary) == ("Reached out", "Met")
    i18n.set_language("de")
    assert pacing.quick_contact(anna, now, "outreach").summary == "Gemeldet"
    assert pacing.quick_contact(anna, now, "met").summary == "Getroffen"
