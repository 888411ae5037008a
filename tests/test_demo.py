"""The demo journal generator: deterministic, valid, lively, and readable by the store."""

from __future__ import annotations

import io
import re
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pytest

import journal.store
from journal.cli import main
from journal.clock import FixedClock, timestamp
from journal.demo import (
    JournalNotEmpty,
    build,
    create_demo_journal,
    fill_journal,
    generate,
)
from journal.givefirst import introductions, who_could_i_help_for
from journal.model import CHANNELS, DIRECTIONS, OCCASIONS, TABLES, DayNote, Encounter, LuckyPick, Person
from journal.pacing import due_list_for
from journal.store import JournalStore

TODAY = date(2026, 11, 29)


def _dicts(records: list) -> list[dict]:
    return [r.to_dict() for r in records]


def test_same_seed_same_journal_ids_included() -> None:
    a = build(people=60, encounters=400, seed=3, today=TODAY)
    b = build(people=60, encounters=400, seed=3, today=TODAY)
    assert _dicts(a.records()) == _dicts(b.records())
    c = build(people=60, encounters=400, seed=4, today=TODAY)
    assert [p.id for p in a.people] != [p.id for p in c.people]
    assert [p.name for p in a.people] != [p.name for p in c.people]


def test_counts_are_exact() -> None:
    for people, encounters in ((1, 0), (1, 1), (3, 10), (50, 20), (200, 1500)):
        data = build(people=people, encounters=encounters, seed=1, today=TODAY)
        assert (len(data.people), len(data.encounters)) == (people, encounters)
        assert len({p.id for p in data.people}) == people
        assert len({p.name for p in data.people}) == people


def test_bad_counts_are_refused() -> None:
    with pytest.raises(ValueError):
        build(people=0, encounters=5, seed=1, today=TODAY)
    with pytest.raises(ValueError):
        build(people=-1, encounters=0, seed=1, today=TODAY)


def test_every_record_is_valid_and_links_hold() -> None:
    data = build(people=150, encounters=1500, seed=11, today=TODAY)
    for record in data.records():
        again = type(record).from_dict(record.to_dict())  # survives a round trip through JSON types
        again.normalise()
        again.validate()
        assert again.to_dict() == record.to_dict()
        assert record.created and record.updated
    ids = {p.id for p in data.people}
    assert all(set(e.person_ids) <= ids for e in data.encounters)
    assert all(len(set(e.person_ids)) == len(e.person_ids) for e in data.encounters)
    assert all(pick.person_id in ids for pick in data.lucky)
    assert all(e.date <= TODAY for e in data.encounters)
    assert len({n.date for n in data.days}) == len(data.days)


def test_the_journal_is_realistic() -> None:
    data = build(people=150, encounters=1500, seed=7, today=TODAY)
    names = " ".join(p.name for p in data.people)
    for spelling in ("Müller", "Jürgen", "Weiß", "Zoë", "José", "Łukasz"):
        assert spelling in names
    encounters = data.encounters
    assert {e.occasion for e in encounters} == set(OCCASIONS)
    assert {e.channel for e in encounters} == set(CHANNELS)
    assert {e.direction for e in encounters} == set(DIRECTIONS)
    assert any(e.by_chance for e in encounters)
    assert any(e.lucky for e in encounters)
    assert sum(bool(e.gave) for e in encounters) > len(encounters) // 5
    assert any(e.received for e in encounters)
    assert any(e.follow_up for e in encounters)
    assert any(e.tags for e in encounters)
    assert any(e.place for e in encounters)
    assert any(len(e.person_ids) > 1 for e in encounters)
    # Several years, denser lately.
    years = Counter((TODAY - e.date).days // 365 for e in encounters)
    assert len(years) >= 5
    assert years[0] > years[2] > years[4]
    assert sum(1 for e in encounters if e.date == TODAY) >= 3
    assert sum(1 for e in encounters if (TODAY - e.date).days < 28) >= 0.08 * len(encounters)
    # People: platforms, common ground, offers and needs, pacing states.
    people = data.people
    platforms = {name for p in people for name in p.platforms}
    assert {"LinkedIn", "XING", "Mastodon"} <= platforms
    assert any(p.emails for p in people) and any(p.phones for p in people)
    assert sum(bool(p.common_ground) for p in people) > len(people) // 3
    assert sum(bool(p.offers) for p in people) > len(people) // 3
    assert sum(bool(p.needs) for p in people) > len(people) // 4
    assert sum(bool(p.how_we_met) for p in people) > len(people) // 2
    assert any(p.cadence_days for p in people)
    assert any(p.archived for p in people)
    assert any(p.snoozed_until and p.snoozed_until > TODAY for p in people)
    assert any(p.aliases for p in people)
    # Some histories end with an outreach still waiting for a reply.
    last: dict[str, Encounter] = {}
    for enc in encounters:
        for pid in enc.person_ids:
            last[pid] = enc
    assert sum(1 for enc in last.values() if enc.direction == "outreach") >= 5
    assert data.days and data.days[-1].date == TODAY
    assert {pick.outcome for pick in data.lucky} == {"shown", "reached_out", "not_now"}
    assert data.skills


def test_fill_journal_is_byte_for_byte_deterministic(tmp_path: Path, clock: FixedClock) -> None:
    fill_journal(tmp_path / "a" / "journal.json", clock, people=40, encounters=300, seed=5)
    fill_journal(tmp_path / "b" / "journal.json", clock, people=40, encounters=300, seed=5)
    a, b = ((tmp_path / side / "journal.json").read_bytes() for side in "ab")
    # Only the marker tying each document to its own change log (a random generation) differs.
    marker = re.compile(rb',"log":\{"generation":"[0-9a-f]+","offset":\d+\}')
    assert len(marker.findall(a)) == 1
    assert marker.sub(b"", a) == marker.sub(b"", b)


def test_bulk_file_opens_in_the_store_with_every_record(tmp_path: Path, clock: FixedClock) -> None:
    path = tmp_path / "journal.json"
    summary = fill_journal(path, clock, people=80, encounters=700, seed=2)
    data = build(people=80, encounters=700, seed=2, today=clock.today(), now=clock.now())
    assert (summary.people, summary.encounters) == (80, 700)
    with JournalStore.open(path, clock) as store:
        assert store.meta()["schema"] >= 1
        assert _dicts(sorted(store.people(), key=lambda p: p.id)) == _dicts(sorted(data.people, key=lambda p: p.id))
        assert _dicts(sorted(store.encounters(), key=lambda e: e.id)) == _dicts(
            sorted(data.encounters, key=lambda e: e.id)
        )
        assert _dicts(store.day_notes()) == _dicts(data.days)
        assert len(store.lucky_picks()) == len(data.lucky)
        assert store.settings.skills == data.skills
        # Everything stored passes validation as read back.
        for table, cls in TABLES.items():
            for raw in (store.raw_data().get(table) or {}).values():
                cls.from_dict(raw).validate()
        assert [p.name for p in store.search("mueller")][:1] == ["Anna Müller"]
        # The store can keep writing to it.
        store.set_day_note(clock.today(), "Edited after the demo.")
    with JournalStore.open(path, clock, readonly=True) as store:
        assert store.day_note(clock.today()).text == "Edited after the demo."


def test_generate_through_the_store_writes_once_and_keeps_what_build_made(
    tmp_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "journal.json"
    with JournalStore.open(path, clock) as store:
        writes = []
        real = journal.store.append_line
        monkeypatch.setattr(
            journal.store, "append_line", lambda *args, **kw: (writes.append(args[1]), real(*args, **kw))
        )
        generate(store, people=30, encounters=200, seed=9, today=clock.today())
        assert len(writes) == 1, "one save: one line in the change log"
    data = build(people=30, encounters=200, seed=9, today=clock.today(), now=clock.now())
    with JournalStore.open(path, clock, readonly=True) as store:
        # The generated timestamps are kept, not restamped with the store's clock.
        assert _dicts(sorted(store.people(), key=lambda p: p.id)) == _dicts(sorted(data.people, key=lambda p: p.id))
        assert _dicts(sorted(store.encounters(), key=lambda e: e.id)) == _dicts(
            sorted(data.encounters, key=lambda e: e.id)
        )
        assert store.encounter_count() == 200


def test_refuses_a_journal_with_people_unless_forced(tmp_path: Path, clock: FixedClock) -> None:
    path = tmp_path / "journal.json"
    with JournalStore.open(path, clock) as store:
        store.add_person(Person(name="Real Person"))
    before = path.read_bytes()
    with pytest.raises(JournalNotEmpty):
        fill_journal(path, clock, people=5, encounters=10, seed=1)
    assert path.read_bytes() == before
    summary = fill_journal(path, clock, people=5, encounters=10, seed=1, force=True)
    assert (summary.total_people, summary.total_encounters) == (6, 10)
    with JournalStore.open(path, clock, readonly=True) as store:
        assert store.find_person("Real Person") is not None


def test_demo_journal_is_alive_today(tmp_path: Path, clock: FixedClock) -> None:
    path = tmp_path / "demo" / "journal.json"
    create_demo_journal(path, clock)
    with JournalStore.open(path, clock) as store:
        assert store.people_count() == 120
        assert store.encounter_count() == 900
        today = store.encounters_on(clock.today())
        assert len(today) >= 3
        assert all(e.created <= timestamp(clock.now()) for e in today)
        assert store.day_note(clock.today()) is not None
        recent = [e for e in store.encounters() if (clock.today() - e.date).days < 28]
        assert len(recent) >= 60
        assert isinstance(store.lucky_picks()[0], LuckyPick)
        assert isinstance(store.day_notes()[0], DayNote)
        assert len(due_list_for(store, clock.today())) >= 5
        assert len(who_could_i_help_for(store)) >= 3
        assert len(introductions(store.people())) >= 3


def _run(argv: list[str], clock: FixedClock) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(argv, clock=clock, out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_cli_demo_data(tmp_path: Path, clock: FixedClock) -> None:
    db = str(tmp_path / "j.json")
    code, out, err = _run(["--db", db, "demo-data", "--people", "30", "--encounters", "250", "--seed", "4"], clock)
    assert code == 0, err
    assert "30 people" in out and "250 encounters" in out and "seed 4" in out
    before = Path(db).read_bytes()
    code, out, err = _run(["--db", db, "demo-data", "--people", "30", "--encounters", "250"], clock)
    assert code == 1
    assert "already has 30 people" in err and "--force" in err
    assert Path(db).read_bytes() == before
    code, out, err = _run(
        ["--db", db, "demo-data", "--people", "10", "--encounters", "50", "--seed", "5", "--force"], clock
    )
    assert code == 0, err
    assert "40 people and 300 encounters" in out
    code, out, err = _run(["--db", db, "people", "muller"], clock)
    assert code == 0 and "Müller" in out


@pytest.mark.parametrize("args", [["--people", "0", "--encounters", "5"], ["--people", "5", "--encounters", "-1"]])
def test_cli_demo_data_rejects_bad_counts(tmp_path: Path, clock: FixedClock, args: list[str]) -> None:
    db = tmp_path / "j.json"
    code, _out, err = _run(["--db", str(db), "demo-data", *args], clock)
    assert code == 1 and err
    assert not db.exists()


# ------------------------------------------------------------------ in German, coherent, thrown away

# Words that give English away in a German journal's free text (and the German ones it should have).
ENGLISH_WORDS = re.compile(r"\b(the|about|with|talked|after|their|and|of|at|to|a|my|our|sent|shared|met)\b")


def _free_text(data) -> list[str]:  # type: ignore[no-untyped-def]
    texts = [e.summary for e in data.encounters] + [e.place for e in data.encounters]
    texts += [e.gave for e in data.encounters] + [e.received for e in data.encounters]
    texts += [e.common_ground for e in data.encounters] + [e.experience for e in data.encounters]
    texts += [p.how_we_met for p in data.people] + [p.notes for p in data.people] + [p.needs for p in data.people]
    texts += [p.offers for p in data.people] + [p.role for p in data.people] + [d.text for d in data.days]
    return [t for t in texts if t]


def test_a_german_demo_journal_is_written_in_german() -> None:
    data = build(people=120, encounters=900, seed=7, today=TODAY, language="de")
    english = [t for t in _free_text(data) if ENGLISH_WORDS.search(t)]
    assert not english, english[:10]
    words = " ".join(_free_text(data))
    for german in ("über", "geredet", "Vortrag", "Küche von", "Zahnärztin", "Steuerberaterin", "seit"):
        assert german in words
    assert data.skills and "Rhetorik" in data.skills
    # The English journal for the same seed is English (the language is the only difference).
    english_data = build(people=120, encounters=900, seed=7, today=TODAY)
    assert sum(bool(ENGLISH_WORDS.search(t)) for t in _free_text(english_data)) > 500
    assert [p.name for p in english_data.people] == [p.name for p in data.people]


@pytest.mark.parametrize("how", [["--lang", "de"], ["LANG=de_DE.UTF-8"]])
def test_demo_data_follows_the_language(
    tmp_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch, how: list[str]
) -> None:
    db = tmp_path / "j.json"
    argv = ["--db", str(db), "demo-data", "--people", "20", "--encounters", "150"]
    if how[0].startswith("LANG="):
        for var in ("LC_ALL", "LC_MESSAGES"):
            monkeypatch.delenv(var, raising=False)
        monkeypatch.setenv("LANG", how[0].split("=", 1)[1])
    else:
        argv = how + argv
    code, _out, err = _run(argv, clock)
    assert code == 0, err
    with JournalStore.open(db, clock, readonly=True) as store:
        summaries = " ".join(e.summary for e in store.encounters())
    assert "geredet" in summaries or "über" in summaries
    assert not re.search(r"\b(the|about|talked)\b", summaries)


# A due entry late by more than this many times its rhythm is nonsense ("5 years ago · every 6 weeks").
MAX_OVERDUE = 2.5


@pytest.mark.parametrize("language", ["en", "de"])
@pytest.mark.parametrize("hour,minute", [(14, 30), (7, 5), (9, 10), (23, 50)])
def test_the_demo_journal_is_coherent(language: str, hour: int, minute: int) -> None:
    from datetime import UTC, datetime, time

    from journal import demo_data, demo_data_de, pacing
    from journal.model import Settings

    words = demo_data_de if language == "de" else demo_data
    now = datetime.combine(TODAY, time(hour, minute), tzinfo=UTC)
    data = build(people=120, encounters=900, seed=7, today=TODAY, now=now, language=language)
    # Events in their real city; trips go away from home.
    for enc in data.encounters:
        for event, city in words.EVENTS.items():
            if enc.place.startswith(f"{event}, "):
                assert enc.place == f"{event}, {city}", enc.place
        if enc.occasion == "travel" and enc.place:
            assert words.HOME_CITY not in enc.place, enc.place
        airport = re.fullmatch(r"(?:Flughafen (.+)|(.+) airport)", enc.place)
        if airport:
            assert (airport.group(1) or airport.group(2)) in words.AIRPORT_CITIES, enc.place
        train = re.fullmatch(r"(?:ICE|Nachtzug|night train) (?:nach|to) (.+)", enc.place)
        if train:
            assert train.group(1) in words.TRAIN_CITIES, enc.place
    # Today: at a plausible time before now, logged after it began and before now.
    today = [e for e in data.encounters if e.date == TODAY]
    assert len(today) >= 3
    for enc in today:
        assert parse_stamp(enc.created) <= now
        if enc.time:
            began = datetime.combine(TODAY, time.fromisoformat(enc.time), tzinfo=UTC)
            assert time(7, 0) <= began.time() and began <= now - timedelta(minutes=30), enc.time
            assert parse_stamp(enc.created) >= began
    # A due list of a plausible length, nobody absurdly overdue.
    by_person: dict[str, list[Encounter]] = {}
    for enc in data.encounters:
        for pid in enc.person_ids:
            by_person.setdefault(pid, []).append(enc)
    due = pacing.due_list(data.people, by_person, Settings(), TODAY)
    assert 3 <= len(due) <= len(data.people) // 10
    for entry in due:
        assert entry.status.overdue_ratio <= MAX_OVERDUE, pacing.due_line(entry, TODAY)


def parse_stamp(text: str):  # type: ignore[no-untyped-def]
    from journal.clock import parse_timestamp

    return parse_timestamp(text)


def test_demo_app_says_demo_and_throws_its_folder_away(
    tmp_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    from journal.ui.app import JournalApp

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    seen: dict[str, object] = {}

    def run(app: JournalApp) -> None:  # stands in for the terminal session
        seen["path"] = app.store.path
        seen["existed"] = app.store.path.exists()
        seen["title"] = app.title
        seen["people"] = app.store.people_count()

    monkeypatch.setattr(JournalApp, "run", run)
    code, _out, err = _run(["--demo", "--lang", "de"], clock)
    assert code == 0, err
    assert seen["existed"] and seen["people"] == 120
    assert "DEMO" in str(seen["title"])
    folder = Path(str(seen["path"])).parent
    assert folder.parent == tmp_path and folder.name.startswith("netjournal-demo-")
    assert not folder.exists()
    assert list(tmp_path.iterdir()) == [] or all(not p.name.startswith("netjournal-demo-") for p in tmp_path.iterdir())


def test_an_ordinary_journal_has_no_demo_marker(tmp_path: Path, clock: FixedClock, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from journal.ui.app import JournalApp

    titles: list[str] = []
    monkeypatch.setattr(JournalApp, "run", lambda app: titles.append(app.title))
    code, _out, err = _run(["--db", str(tmp_path / "j.json")], clock)
    assert code == 0, err
    assert titles == ["netjournal"]
    assert (tmp_path / "j.json").exists()
