"""A journal written outside netjournal (``--db`` on a foreign or crafted file) with terminal
control sequences (ESC, C1) in its text: cleaned when it is read, by the rule quick-add, import
and restore use (model.clean_text's characters), so no command and no screen shows them; the file
is not rewritten merely by opening it."""

from __future__ import annotations

import io
from pathlib import Path

import orjson

from journal import cli
from journal.clock import FixedClock
from journal.model import DayNote, Encounter, Person
from journal.store import JournalStore
from journal.ui.app import JournalApp

ESC_TITLE = "\x1b]0;owned\x07"  # OSC 0: sets the window title
C1_CSI = "\x9b2J"  # C1 CSI: clears the screen on xterm
CONTROLS = "\x1b\x07\x9b\x9d\x9c\x85\u202e\u200b"


def crafted(path: Path, clock: FixedClock) -> Path:
    with JournalStore.open(path, clock) as store:
        eve = Person(name="Eve Crafted", company="Acme", emails=[])
        store.save(eve)
        store.save(Encounter(date=clock.today(), person_ids=[eve.id], summary="plain", place="Berlin"))
        store.save(DayNote(date=clock.today(), text="note"))
        store.compact()
    data = orjson.loads(path.read_bytes())
    for person in data["people"].values():
        person["name"] = f"Eve{ESC_TITLE} Crafted{C1_CSI}"
        person["company"] = "Ac\u202eme\x9d52;c;eA==\x9c"
        person["aliases"] = ["E\x1b[31mvi"]
        person["emails"] = [{"address": "eve\x1b@example.org", "kinds": ["work"], "preferred": True}]
    for encounter in data["encounters"].values():
        encounter["summary"] = f"talked{C1_CSI} about\x1b[2J things\u200b"
        encounter["place"] = "Ber\x85lin"
    for note in data["days"].values():
        note["text"] = "a note\x1b]52;c;cm0=\x07 here"
    path.write_bytes(orjson.dumps(data))
    return path


def test_text_is_cleaned_when_read_and_the_file_is_left_as_it_is(tmp_path: Path, clock: FixedClock) -> None:
    path = crafted(tmp_path / "journal.json", clock)
    before = path.read_bytes()
    with JournalStore.open(path, clock, readonly=True) as store:
        (eve,) = store.people()
        assert eve.name == "Eve]0;owned Crafted2J"
        assert eve.company == "Acme52;c;eA=="
        assert eve.aliases == ["E[31mvi"]
        assert eve.emails[0].address == "eve@example.org"
        (encounter,) = store.encounters()
        assert (encounter.summary, encounter.place) == ("talked2J about[2J things", "Berlin")
        (note,) = store.day_notes()
        assert note.text == "a note]52;c;cm0= here"
    assert path.read_bytes() == before


def test_people_and_show_print_the_cleaned_text(tmp_path: Path, clock: FixedClock) -> None:
    path = crafted(tmp_path / "journal.json", clock)
    before = path.read_bytes()
    for argv in (["people"], ["show", "Eve"]):
        out, err = io.StringIO(), io.StringIO()
        out.isatty = lambda: True  # type: ignore[method-assign]
        assert cli.main(["--db", str(path), *argv], clock=clock, out=out, err=err) == 0, err.getvalue()
        printed = out.getvalue()
        assert "Eve]0;owned Crafted2J" in printed
        # Cleaned, not merely escaped: no control character, and none shown as "\x1b" either.
        assert not any(ch in printed for ch in CONTROLS) and "\\x1b" not in printed and "\\x9b" not in printed
    assert path.read_bytes() == before


async def test_the_apps_screens_show_the_cleaned_text(tmp_path: Path, clock: FixedClock) -> None:
    path = crafted(tmp_path / "journal.json", clock)
    store = JournalStore.open(path, clock)
    try:
        app = JournalApp(store, clock, seed=1, animations=False)
        async with app.run_test(size=(120, 36)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            (eve,) = store.people()
            screens = []
            for show in (lambda: None, lambda: app.go("history"), lambda: app.open_person(eve.id)):
                show()
                await app.workers.wait_for_complete()
                await pilot.pause()
                screens.append("\n".join(strip.text for strip in app.screen._compositor.render_strips()))
            today, history, person = screens
            assert "Eve]0;owned Crafted2J" in today and "talked2J about[2J things" in today
            assert "a note]52;c;cm0= here" in today
            assert "Eve]0;owned Crafted2J" in history and "Eve]0;owned Crafted2J" in person
            for text in screens:
                assert not any(ch in text for ch in CONTROLS)
    finally:
        store.close()
