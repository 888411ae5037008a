"""Rule 7: the lucky encounter's weights, exclusions, statistics, stability, reasons and chance log."""

from __future__ import annotations

import random
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from journal import lucky
from journal.clock import FixedClock
from journal.model import Encounter, LuckyPick, Person, Settings
from journal.store import JournalStore

TODAY = date(2026, 11, 29)
SETTINGS = Settings(default_cadence_days=30)


def ago(days: int) -> date:
    return TODAY - timedelta(days=days)


def enc(person: Person, days_ago: int, direction: str = "met", **kw: object) -> Encounter:
    return Encounter(date=ago(days_ago), person_ids=[person.id], direction=direction, **kw)


def journal(*rows: tuple[Person, list[Encounter]]) -> tuple[list[Person], dict[str, list[Encounter]]]:
    people = [p for p, _ in rows]
    return people, {p.id: sorted(es, key=lambda e: e.date) for p, es in rows}


# ----------------------------------------------------------------------------- weights


def test_weight_grows_with_time_relative_to_cadence() -> None:
    monthly = Person(name="Monthly", cadence_days=30)
    assert lucky.weight(monthly, [enc(monthly, 15)], SETTINGS, TODAY) == pytest.approx(0.5)
    assert lucky.weight(monthly, [enc(monthly, 60)], SETTINGS, TODAY) == pytest.approx(2.0)
    assert lucky.weight(monthly, [enc(monthly, 3000)], SETTINGS, TODAY) == lucky.MAX_WEIGHT


def test_never_contacted_get_a_modest_weight() -> None:
    assert lucky.weight(Person(name="New"), [], SETTINGS, TODAY) == lucky.NEW_WEIGHT


@pytest.mark.parametrize("case", ["yesterday", "archived", "snoozed", "awaiting", "too_soon"])
def test_weight_is_zero_for(case: str) -> None:
    person = Person(name="X", cadence_days=30)
    encounters = [enc(person, 100)]
    if case == "yesterday":
        encounters.append(enc(person, 1))
    elif case == "archived":
        person.archived = True
    elif case == "snoozed":
        person.snoozed_until = TODAY + timedelta(days=3)
    elif case == "awaiting":
        encounters.append(enc(person, 20, "outreach"))
    elif case == "too_soon":
        person.cadence_days = 90
        encounters.append(enc(person, 20))  # more than a week, less than a third of 90 days
    assert lucky.weight(person, encounters, SETTINGS, TODAY) == 0.0


def test_someone_awaiting_a_reply_is_eligible_again_after_the_back_off() -> None:
    person = Person(name="X", cadence_days=10)
    assert lucky.weight(person, [enc(person, 100), enc(person, 25, "outreach")], SETTINGS, TODAY) > 0


def test_pick_never_picks_the_excluded() -> None:
    seen_yesterday = Person(name="Yesterday")
    archived = Person(name="Archived", archived=True)
    snoozed = Person(name="Snoozed", snoozed_until=TODAY + timedelta(days=10))
    awaiting = Person(name="Awaiting")
    eligible = Person(name="Eligible")
    people, by_person = journal(
        (seen_yesterday, [enc(seen_yesterday, 300), enc(seen_yesterday, 1)]),
        (archived, [enc(archived, 300)]),
        (snoozed, [enc(snoozed, 300)]),
        (awaiting, [enc(awaiting, 300), enc(awaiting, 10, "outreach")]),
        (eligible, [enc(eligible, 40)]),
    )
    rng = random.Random(7)
    picks = {lucky.pick(people, by_person, SETTINGS, TODAY, rng).person.name for _ in range(300)}  # type: ignore[union-attr]
    assert picks == {"Eligible"}


def test_pick_returns_none_when_nobody_fits() -> None:
    anna = Person(name="Anna")
    people, by_person = journal((anna, [enc(anna, 0)]))
    assert lucky.pick(people, by_person, SETTINGS, TODAY, random.Random(1)) is None
    assert lucky.pick([], {}, SETTINGS, TODAY, random.Random(1)) is None


def test_pick_honours_exclude() -> None:
    a, b = Person(name="A"), Person(name="B")
    people, by_person = journal((a, [enc(a, 60)]), (b, [enc(b, 60)]))
    for seed in range(50):
        result = lucky.pick(people, by_person, SETTINGS, TODAY, random.Random(seed), exclude={a.id})
        assert result is not None and result.person.name == "B"


def test_long_unseen_are_picked_more_often_than_recently_seen() -> None:
    """2,000 picks from one fixed seed: weights 4.0 (200 days, monthly) against 0.33 (10 days)."""
    long_unseen = [Person(name=f"Long {i}", cadence_days=30) for i in range(5)]
    recent = [Person(name=f"Recent {i}", cadence_days=30) for i in range(5)]
    people, by_person = journal(*((p, [enc(p, 200)]) for p in long_unseen), *((p, [enc(p, 10)]) for p in recent))
    rng = random.Random(20261129)
    counts: Counter[str] = Counter()
    for _ in range(2000):
        result = lucky.pick(people, by_person, SETTINGS, TODAY, rng)
        assert result is not None
        counts[result.person.name.split()[0]] += 1
    # Expected share of the long-unseen: 4 / (4 + 1/3) ≈ 0.923.
    assert counts["Long"] > 5 * counts["Recent"]
    assert counts["Long"] / 2000 == pytest.approx(0.923, abs=0.03)


def test_pick_probability_is_proportional_to_weight() -> None:
    due = Person(name="Due", cadence_days=30)  # weight 1
    overdue = Person(name="Overdue", cadence_days=30)  # weight 3
    people, by_person = journal((due, [enc(due, 30)]), (overdue, [enc(overdue, 90)]))
    rng = random.Random(42)
    hits = sum(
        lucky.pick(people, by_person, SETTINGS, TODAY, rng).person is overdue  # type: ignore[union-attr]
        for _ in range(2000)
    )
    assert hits / 2000 == pytest.approx(0.75, abs=0.03)


def test_result_carries_weight_chance_and_status() -> None:
    a, b = Person(name="A", cadence_days=30), Person(name="B", cadence_days=30)
    people, by_person = journal((a, [enc(a, 30)]), (b, [enc(b, 90)]))
    result = lucky.pick(people, by_person, SETTINGS, TODAY, random.Random(0), exclude={b.id})
    assert result is not None
    assert result.weight == pytest.approx(1.0)
    assert result.chance == pytest.approx(0.25)
    assert result.status.days_since == 30


# ----------------------------------------------------------------------------- today's pick


def _crowd() -> tuple[list[Person], dict[str, list[Encounter]]]:
    rows = []
    for i in range(12):
        person = Person(name=f"Person {i:02d}", cadence_days=30)
        rows.append((person, [enc(person, 20 + 17 * i)]))
    return journal(*rows)


def test_todays_pick_is_the_same_all_day_and_changes_between_days() -> None:
    people, by_person = _crowd()
    first = lucky.todays_pick_from(people, by_person, SETTINGS, TODAY)
    again = lucky.todays_pick_from(people, by_person, SETTINGS, TODAY)
    assert first is not None and again is not None and first.person.id == again.person.id
    other_days = {
        lucky.todays_pick_from(people, by_person, SETTINGS, TODAY + timedelta(days=d)).person.id  # type: ignore[union-attr]
        for d in range(1, 8)
    }
    assert other_days - {first.person.id}


def test_todays_pick_survives_logging_an_encounter_with_someone_else() -> None:
    people, by_person = _crowd()
    first = lucky.todays_pick_from(people, by_person, SETTINGS, TODAY)
    assert first is not None
    for other in people:
        if other.id != first.person.id:
            changed = {**by_person, other.id: [*by_person[other.id], enc(other, 0)]}
            again = lucky.todays_pick_from(people, changed, SETTINGS, TODAY)
            assert again is not None and again.person.id == first.person.id


def test_rerolls_show_everyone_eligible_before_repeating() -> None:
    people, by_person = _crowd()
    shown = [
        lucky.todays_pick_from(people, by_person, SETTINGS, TODAY, n).person.id  # type: ignore[union-attr]
        for n in range(12)
    ]
    assert len(set(shown)) == 12
    assert lucky.todays_pick_from(people, by_person, SETTINGS, TODAY, 12) is not None
    with pytest.raises(ValueError):
        lucky.todays_pick_from(people, by_person, SETTINGS, TODAY, -1)


def test_seed_overrides_the_date() -> None:
    people, by_person = _crowd()
    by_seed = {
        lucky.todays_pick_from(people, by_person, SETTINGS, TODAY, seed=s).person.id  # type: ignore[union-attr]
        for s in range(10)
    }
    assert len(by_seed) > 1
    same = [lucky.todays_pick_from(people, by_person, SETTINGS, TODAY + timedelta(days=d), seed=5) for d in (0, 0)]
    assert same[0].person.id == same[1].person.id  # type: ignore[union-attr]


def test_todays_pick_is_stable_across_restarts(tmp_path: Path) -> None:
    path = tmp_path / "journal.json"
    clock = FixedClock(datetime(2026, 11, 29, 12, tzinfo=UTC))
    people, by_person = _crowd()
    with JournalStore.open(path, clock) as store:
        store.save(*people, *(e for es in by_person.values() for e in es))
    picks = []
    for _ in range(2):
        with JournalStore.open(path, clock, readonly=True) as store:
            result = lucky.todays_pick(store, TODAY)
            assert result is not None
            picks.append((result.person.id, result.reason, result.opener))
    assert picks[0] == picks[1]


def test_the_day_so_far_starts_with_the_plain_pick_and_asks_to_record_it() -> None:
    people, by_person = _crowd()
    state = lucky.pick_to_show(people, by_person, SETTINGS, [], TODAY)
    plain = lucky.todays_pick_from(people, by_person, SETTINGS, TODAY)
    assert state.pick is not None and plain is not None and state.pick.person.id == plain.person.id
    assert (state.reroll, state.outcome) == (0, None)
    assert state.record is not None
    assert (state.record.person_id, state.record.outcome, state.record.reroll, state.record.date) == (
        plain.person.id,
        "shown",
        0,
        TODAY,
    )
    assert state.pick.eligible == 12


def test_the_day_so_far_shows_the_recorded_pick_even_when_weights_change() -> None:
    people, by_person = _crowd()
    first = lucky.pick_to_show(people, by_person, SETTINGS, [], TODAY, 2, seed=7)
    assert first.record is not None and first.reroll == 2
    # Later that day the pick's weight drops to zero (seen today): the recorded pick still shows.
    person = first.record.person_id
    changed = {**by_person, person: [*by_person[person], Encounter(date=TODAY, person_ids=[person])]}
    again = lucky.pick_to_show(people, changed, SETTINGS, [first.record], TODAY, seed=7)
    assert again.pick is not None and again.pick.person.id == person
    assert again.reroll == 2 and again.record is None
    # The latest reroll of the day wins over a smaller one asked for.
    assert lucky.pick_to_show(people, by_person, SETTINGS, [first.record], TODAY, 0, seed=7).reroll == 2
    # Another day starts afresh.
    tomorrow = lucky.pick_to_show(people, by_person, SETTINGS, [first.record], TODAY + timedelta(days=1), seed=7)
    assert tomorrow.reroll == 0 and tomorrow.record is not None


def test_rerolls_of_the_day_follow_the_recorded_picks() -> None:
    people, by_person = _crowd()
    records: list[LuckyPick] = []
    for n in range(12):
        state = lucky.pick_to_show(people, by_person, SETTINGS, records, TODAY, n)
        assert state.record is not None and state.reroll == n
        records.append(state.record)
    # Everyone eligible once, and the same people as the plain rerolls when nothing changed.
    assert len({r.person_id for r in records}) == 12
    assert [r.person_id for r in records] == [
        lucky.todays_pick_from(people, by_person, SETTINGS, TODAY, n).person.id  # type: ignore[union-attr]
        for n in range(12)
    ]
    # Someone shown earlier today is not shown again, even after the weights changed.
    first, second = records[0].person_id, records[1].person_id
    seen_today = Encounter(date=TODAY, person_ids=[first])
    changed = {**by_person, first: [*by_person[first], seen_today]}
    state = lucky.pick_to_show(people, changed, SETTINGS, records[:2], TODAY, 2)
    assert state.pick is not None and state.pick.person.id not in {first, second}


def test_the_day_so_far_reports_the_outcome_of_the_current_pick() -> None:
    people, by_person = _crowd()
    shown = lucky.pick_to_show(people, by_person, SETTINGS, [], TODAY).record
    assert shown is not None
    not_now = LuckyPick(date=TODAY, person_id=shown.person_id, outcome="not_now")
    state = lucky.pick_to_show(people, by_person, SETTINGS, [shown, not_now], TODAY)
    assert state.outcome == "not_now" and state.record is None


def test_the_day_so_far_survives_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "journal.json"
    clock = FixedClock(datetime(2026, 11, 29, 12, tzinfo=UTC))
    people, by_person = _crowd()
    with JournalStore.open(path, clock) as store:
        store.save(*people, *(e for es in by_person.values() for e in es))
        for n in range(3):
            state = lucky.pick_to_show_for(store, TODAY, n, seed=1)
            assert state.record is not None
            store.save(state.record)
        shown = state.pick
        assert shown is not None
        _encounter, record = lucky.reached_out(store, shown.person, TODAY, reroll=state.reroll)
        assert record.reroll == 2
    with JournalStore.open(path, clock, readonly=True) as store:
        again = lucky.pick_to_show_for(store, TODAY, seed=1)
    assert again.pick is not None and again.pick.person.id == shown.person.id
    assert (again.reroll, again.outcome, again.record) == (2, "reached_out", None)


def test_a_recorded_pick_counts_in_the_chance_log(tmp_path: Path) -> None:
    """record_shown saves a new pick once; the chance log read after it lists what followed the pick."""
    clock = FixedClock(datetime(2026, 11, 29, 12, tzinfo=UTC))
    people, by_person = _crowd()
    with JournalStore.open(tmp_path / "journal.json", clock) as store:
        store.save(*people, *(e for es in by_person.values() for e in es))
        state = lucky.pick_to_show_for(store, TODAY, seed=1)
        assert state.pick is not None and state.record is not None
        planned = Encounter(date=TODAY + timedelta(days=2), person_ids=[state.pick.person.id], summary="coffee")
        store.save(planned)
        assert lucky.chance_log_for(store) == []  # not recorded yet: nothing to follow
        recorded = lucky.record_shown(store, state)
        assert recorded.record is None and recorded.pick == state.pick
        assert lucky.record_shown(store, recorded) == recorded  # nothing left to save
        assert [(p.person_id, p.outcome) for p in store.lucky_picks()] == [(state.pick.person.id, "shown")]
        assert [(e.encounter.id, e.kind) for e in lucky.chance_log_for(store)] == [(planned.id, "pick")]


# ----------------------------------------------------------------------------- reason and opener


def test_reason_says_where_you_met_what_you_share_and_the_rhythm() -> None:
    anna = Person(name="Anna Müller", cadence_days=28, common_ground="cycling\nRust")
    encounters = [enc(anna, 730, place="PyCon"), enc(anna, 150)]
    state = lucky.pacing.status(anna, encounters, SETTINGS, TODAY)
    assert lucky.reason(anna, encounters, state, TODAY) == (
        "you met at PyCon 2 years ago; last in touch 5 months ago; you usually keep in touch every 4 weeks; "
        "you share cycling"
    )


def test_reason_for_someone_never_contacted() -> None:
    bob = Person(name="Bob", how_we_met="Carla's birthday party")
    state = lucky.pacing.status(bob, [], SETTINGS, TODAY)
    assert lucky.reason(bob, [], state, TODAY) == "how you met: Carla's birthday party"
    plain = Person(name="Plain")
    assert lucky.reason(plain, [], lucky.pacing.status(plain, [], SETTINGS, TODAY), TODAY) == "not in touch yet"


def test_opener_prefers_what_you_could_give() -> None:
    anna = Person(name="Anna Müller", needs="a Rust mentor; a flat in Berlin", common_ground="cycling")
    text = lucky.opener(anna, [], ["Rust", "tax returns"], [], TODAY)
    assert "Anna" in text and "a Rust mentor" in text and "Rust" in text
    assert "{" not in text


def test_opener_falls_back_to_needs_common_ground_place_and_hello() -> None:
    needs = Person(name="Bob", needs="a new flat")
    assert "a new flat" in lucky.opener(needs, [], [], [], TODAY)
    common = Person(name="Cem", common_ground="bouldering")
    assert "bouldering" in lucky.opener(common, [], [], [], TODAY)
    placed = Person(name="Dora")
    text = lucky.opener(placed, [enc(placed, 90, place="Cologne")], [], [], TODAY)
    assert "Cologne" in text and "3 months ago" in text
    hello = lucky.opener(Person(name="Eve"), [], [], [], TODAY)
    assert hello.startswith(("Hi Eve,", "Hey Eve,")) and "{" not in hello


@pytest.mark.parametrize("language", ["en", "de"])
def test_openers_are_varied_and_say_what_connects_you(language: str) -> None:
    """Not one template for everyone: people with the same kind of tie get different lines, and
    every line names the person and what connects you, in the language of the app."""
    from journal import i18n

    i18n.set_language(language)
    people = [Person(name=f"Person{i} X", needs="a mentor for Rust") for i in range(30)]

    def templates(people: list[Person], skills: list[str]) -> set[str]:
        return {lucky.opener(p, [], skills, [], TODAY).replace(p.name.split()[0], "NAME") for p in people}

    lines = templates(people, [])
    assert len(lines) >= 3
    assert all("a mentor for Rust" in line and "NAME" in line and "{" not in line for line in lines)
    helpers = templates(people, ["Rust"])
    assert len(helpers) >= 3 and all("Rust" in line for line in helpers)
    sharing = [Person(name=f"P{i} Y", common_ground="rowing") for i in range(20)]
    assert len(templates(sharing, [])) >= 2
    # The same person gets the same line all day (the screen and `netjournal lucky` agree).
    assert lucky.opener(people[0], [], [], [], TODAY) == lucky.opener(people[0], [], [], [], TODAY)
    if language == "de":
        assert all("Hi " not in line and "still" not in line for line in lines | helpers)


# ----------------------------------------------------------------------------- outcomes and chance log


def test_reached_out_logs_a_lucky_outreach_and_the_pick(store: JournalStore) -> None:
    anna = Person(name="Anna", cadence_days=30)
    store.save(anna, enc(anna, 60))
    encounter, record = lucky.reached_out(store, anna, TODAY)
    assert (encounter.direction, encounter.channel, encounter.lucky, encounter.date) == (
        "outreach",
        "message",
        True,
        TODAY,
    )
    assert store.lucky_picks() == [record] and record.outcome == "reached_out"
    assert lucky.weight(anna, store.encounters_with(anna.id), store.settings, TODAY) == 0.0
    assert lucky.todays_pick(store, TODAY) is None


def test_not_now_carries_no_penalty(store: JournalStore) -> None:
    anna = Person(name="Anna", cadence_days=30)
    store.save(anna, enc(anna, 60))
    before = lucky.weight(anna, store.encounters_with(anna.id), store.settings, TODAY)
    record = lucky.not_now(store, anna, TODAY)
    assert record.outcome == "not_now" and store.lucky_picks() == [record]
    assert lucky.weight(anna, store.encounters_with(anna.id), store.settings, TODAY) == before
    assert store.encounters_with(anna.id) and len(store.encounters_with(anna.id)) == 1


def test_chance_log_collects_chance_lucky_and_picks_that_led_to_contact() -> None:
    anna, bob, carla, dan = (Person(name=n) for n in ("Anna", "Bob", "Carla", "Dan"))
    by_chance = enc(anna, 50, by_chance=True, summary="same train")
    lucky_one = enc(bob, 40, "outreach", lucky=True)
    after_pick = enc(carla, 20)
    too_late = enc(dan, 5)
    plain = enc(anna, 3)
    picks = [
        LuckyPick(date=ago(40), person_id=bob.id, outcome="reached_out"),
        LuckyPick(date=ago(30), person_id=carla.id, outcome="not_now"),  # met 10 days later
        LuckyPick(date=ago(30), person_id=dan.id, outcome="not_now"),  # met 25 days later: not counted
    ]
    log = lucky.chance_log([by_chance, lucky_one, after_pick, too_late, plain], picks)
    assert [(c.encounter.id, c.kind) for c in log] == [
        (after_pick.id, "pick"),
        (lucky_one.id, "lucky"),
        (by_chance.id, "by_chance"),
    ]
    assert log[1].pick is picks[0] and log[0].pick is picks[1] and log[2].pick is None


def test_chance_log_lists_each_encounter_once() -> None:
    anna = Person(name="Anna")
    met = enc(anna, 5, by_chance=True)
    pick_record = LuckyPick(date=ago(8), person_id=anna.id, outcome="not_now")
    log = lucky.chance_log([met], [pick_record, pick_record])
    assert [(c.encounter.id, c.kind, c.pick) for c in log] == [(met.id, "by_chance", pick_record)]


def test_reason_names_the_occasion_when_there_is_no_place() -> None:
    anna = Person(name="Anna")
    encounters = [enc(anna, 400, occasion="neighbourhood")]
    state = lucky.pacing.status(anna, encounters, SETTINGS, TODAY)
    assert lucky.reason(anna, encounters, state, TODAY) == "you met in the neighbourhood 13 months ago"


def test_opener_offers_a_past_gift_as_something_to_share() -> None:
    anna = Person(name="Anna", needs="advice on GDPR")
    text = lucky.opener(anna, [], [], ["a tip on GDPR"], TODAY)
    # What was given is offered as something shared before, not as a field you know.
    assert "advice on GDPR" in text and "(a tip on GDPR)" in text
    assert "know my way around" not in text and "my thing" not in text
