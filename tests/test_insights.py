"""Insights figures on a small hand-made journal; every expected number is worked out by hand below."""

from __future__ import annotations

from datetime import date

from journal import insights
from journal.model import OCCASIONS, DayNote, Encounter, LuckyPick, Person, Settings
from journal.store import JournalStore

# Sunday; its ISO week starts Monday 23 November 2026.
TODAY = date(2026, 11, 29)

ANNA = Person(name="Anna", cadence_days=7)  # last seen 28 Nov: not due
BOB = Person(name="Bob", cadence_days=30)  # last seen 31 Aug: due (90 days)
CARLA = Person(name="Carla", cadence_days=7)  # last seen 22 Nov: due (exactly 7 days)
DAN = Person(name="Dan")  # never seen: not on the due list


def _encounters() -> list[Encounter]:
    def e(day: date, who: list[Person], **kw: object) -> Encounter:
        return Encounter(date=day, person_ids=[p.id for p in who], **kw)

    return [
        e(date(2026, 11, 29), [ANNA], occasion="work", gave="a tip"),  # this week
        e(date(2026, 11, 28), [ANNA], occasion="event", received="a book", by_chance=True),  # this week
        e(date(2026, 11, 22), [CARLA], occasion="work"),  # last week
        e(date(2026, 9, 1), [BOB], occasion="travel"),  # 89 days ago: first day of the 90-day window
        e(date(2026, 8, 31), [BOB], occasion="hobby", received="a lead"),  # 90 days ago: outside it
        e(date(2025, 12, 1), [BOB], gave="an intro"),  # Monday 51 weeks back: the oldest bar
        e(date(2025, 11, 30), [BOB], gave="old news"),  # Sunday 52 weeks back: outside the year
        e(date(2026, 12, 5), [ANNA], occasion="online"),  # in the future: ignored everywhere
    ]


def test_encounters_per_week() -> None:
    weeks = insights.encounters_per_week(_encounters(), TODAY)
    assert len(weeks) == 52
    assert weeks[-1] == 2  # 29 and 28 Nov
    assert weeks[-2] == 1  # 22 Nov
    assert weeks[39] == 2  # 31 Aug and 1 Sep 2026: the week of Monday 31 Aug, 12 weeks back
    assert weeks[0] == 1  # 1 Dec 2025
    assert sum(weeks) == 6  # 30 Nov 2025 and 5 Dec 2026 are outside


def test_occasions_used_and_neglected() -> None:
    encounters = _encounters()
    assert insights.occasions_used(encounters, TODAY) == {"work": 2, "event": 1, "travel": 1}
    assert list(insights.occasions_used(encounters, TODAY)) == ["work", "event", "travel"]
    assert insights.neglected_occasions(encounters, TODAY) == [
        "friends",
        "hobby",
        "club",
        "neighbourhood",
        "everyday",
        "online",
    ]
    assert insights.neglected_occasions([], TODAY) == list(OCCASIONS)


def test_giving_by_month() -> None:
    months = insights.giving_by_month(_encounters(), TODAY)
    assert len(months) == 12
    assert months[0] == insights.MonthGiving(date(2025, 12, 1), gave=1, came_back=0)
    assert months[-1] == insights.MonthGiving(date(2026, 11, 1), gave=1, came_back=1)
    assert months[8] == insights.MonthGiving(date(2026, 8, 1), gave=0, came_back=1)
    assert sum(m.gave for m in months) == 2 and sum(m.came_back for m in months) == 2


def test_month_window_crosses_the_year() -> None:
    months = insights.giving_by_month([], date(2026, 2, 14), months=3)
    assert [m.month for m in months] == [date(2025, 12, 1), date(2026, 1, 1), date(2026, 2, 1)]


def test_people_contacted_in_the_last_30_days() -> None:
    # 31 Oct .. 29 Nov: Anna (29, 28 Nov) and Carla (22 Nov).
    assert insights.people_contacted(_encounters(), TODAY) == 2
    assert insights.people_contacted(_encounters(), TODAY, known=[ANNA.id]) == 1


def test_compute_on_a_store(store: JournalStore) -> None:
    store.save(ANNA, BOB, CARLA, DAN, *_encounters())
    store.set_day_note(date(2026, 11, 27), "quiet day, read a lot")  # extends the streak to 3
    store.set_day_note(date(2026, 11, 26), "   ")  # an empty note is no activity
    store.save(LuckyPick(date=date(2026, 11, 20), person_id=CARLA.id, outcome="not_now"))
    figures = insights.compute_for(store, TODAY)
    assert sum(figures.per_week) == 6
    assert figures.occasions == {"work": 2, "event": 1, "travel": 1}
    assert "hobby" in figures.neglected
    assert figures.contacted == 2
    assert figures.due == 2  # Bob and Carla
    assert figures.streak == 3  # 29, 28 (encounters), 27 (note)
    # By chance on 28 Nov, and Carla's 22 Nov encounter two days after her pick of 20 Nov.
    assert figures.chances == 2


def test_compute_from_plain_data_matches() -> None:
    people = [ANNA, BOB, CARLA, DAN]
    encounters = _encounters()
    by_person: dict[str, list[Encounter]] = {}
    for e in sorted(encounters, key=lambda e: e.date):
        for pid in e.person_ids:
            by_person.setdefault(pid, []).append(e)
    figures = insights.compute(people, encounters, by_person, Settings(), [], [DayNote(date=TODAY).date], TODAY)
    assert (figures.contacted, figures.due, figures.streak, figures.chances) == (2, 2, 2, 1)
